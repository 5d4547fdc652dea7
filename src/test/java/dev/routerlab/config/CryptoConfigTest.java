package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.routerlab.TestRouter;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.CryptoConfig.IsakmpPolicy;
import org.junit.jupiter.api.Test;

class CryptoConfigTest {
    private static final String INVALID = "% Invalid input detected at '^' marker.";

    private static TestRouter configured() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        return r;
    }

    /** The crypto part of a rendering: from the first `crypto` line to the first interface. */
    private static String cryptoSection(String running) {
        int from = running.indexOf("\ncrypto ");
        int to = running.indexOf("\ninterface ");
        return from < 0 ? "" : running.substring(from + 1, to + 1);
    }

    @Test
    void fullCryptoConfigRoundTripsInIosForm() {
        String out = RoundTrip.check("""
            crypto keyring KR
             pre-shared-key address 10.0.0.3 key foo
             pre-shared-key address 10.9.0.0 255.255.0.0 key 6 BAR
            crypto isakmp policy 20
             encryption 3des
             hash md5
             authentication pre-share
             group 2
             lifetime 3600
            crypto isakmp policy 10
             encryption aes 256
             hash sha256
             authentication pre-share
             group 14
            crypto isakmp key cisco123 address 10.0.0.2
            crypto isakmp key 0 wild address 0.0.0.0 0.0.0.0
            crypto isakmp keepalive 10 3 periodic
            crypto isakmp nat keepalive 20
            crypto ipsec security-association lifetime seconds 1800
            crypto ipsec security-association lifetime kilobytes 100000
            crypto ipsec security-association replay window-size 128
            crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
            crypto ipsec transform-set GCM esp-gcm 256
             mode transport
            crypto ipsec transform-set OLD esp-md5-hmac esp-3des
            crypto ipsec transform-set AES esp-aes 128 esp-sha-hmac
            crypto ipsec transform-set NUL esp-null esp-sha-hmac
            crypto ipsec profile PROF
             set transform-set TS GCM
             set pfs group14
             set security-association lifetime seconds 1800
             set security-association lifetime kilobytes 2560
            crypto map CMAP 20
             set peer 10.0.0.3
            crypto map CMAP 10 ipsec-isakmp
             set peer 10.0.0.2
             set peer 10.0.0.4
             set transform-set OLD
             set pfs
             match address 101
            """);
        assertEquals("""
            crypto keyring KR
              pre-shared-key address 10.0.0.3 key foo
              pre-shared-key address 10.9.0.0 255.255.0.0 key 6 BAR
            !
            crypto isakmp policy 10
             encr aes 256
             hash sha256
             authentication pre-share
             group 14
            crypto isakmp policy 20
             encr 3des
             hash md5
             authentication pre-share
             group 2
             lifetime 3600
            crypto isakmp key cisco123 address 10.0.0.2
            crypto isakmp key wild address 0.0.0.0 0.0.0.0
            crypto isakmp keepalive 10 3 periodic
            crypto isakmp nat keepalive 20
            !
            crypto ipsec security-association lifetime kilobytes 100000
            crypto ipsec security-association lifetime seconds 1800
            crypto ipsec security-association replay window-size 128
            !
            crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\s
             mode tunnel
            crypto ipsec transform-set GCM esp-gcm 256\s
             mode transport
            crypto ipsec transform-set OLD esp-3des esp-md5-hmac\s
             mode tunnel
            crypto ipsec transform-set AES esp-aes esp-sha-hmac\s
             mode tunnel
            crypto ipsec transform-set NUL esp-null esp-sha-hmac\s
             mode tunnel
            !
            crypto ipsec profile PROF
             set security-association lifetime kilobytes 2560
             set security-association lifetime seconds 1800
             set transform-set TS GCM\s
             set pfs group14
            !
            crypto map CMAP 10 ipsec-isakmp\s
             set peer 10.0.0.2
             set peer 10.0.0.4
             set transform-set OLD\s
             set pfs group1
             match address 101
            !
            crypto map CMAP 20 ipsec-isakmp\s
             set peer 10.0.0.3
            !
            """, cryptoSection(out));
    }

    @Test
    void defaultsAreHiddenAndNoFormsRemove() {
        String out = RoundTrip.check("""
            crypto isakmp policy 10
             encryption des
             hash sha
             authentication rsa-sig
             group 1
             lifetime 86400
            crypto ipsec security-association lifetime seconds 3600
            crypto ipsec security-association replay window-size 64
            crypto isakmp keepalive 30
            """);
        assertEquals("crypto isakmp policy 10\ncrypto isakmp keepalive 30\n!\n", cryptoSection(out));

        TestRouter r = configured();
        r.execAll("crypto isakmp policy 10", "encryption aes 192", "hash sha384", "authentication pre-share",
            "group 19", "lifetime 600", "no encryption", "no hash", "no authentication", "no group", "no lifetime", "exit");
        assertEquals(new IsakmpPolicy(10), r.config().crypto.isakmpPolicies.get(10));
        r.execAll("crypto isakmp key k1 address 1.1.1.1", "crypto isakmp keepalive 10", "crypto isakmp nat keepalive 5",
            "crypto ipsec transform-set TS esp-des", "exit", "crypto ipsec profile P", "exit", "crypto map M 10",
            "exit", "crypto map M 20", "exit", "crypto keyring K", "exit",
            "crypto ipsec security-association lifetime kilobytes 5000",
            "crypto ipsec security-association replay window-size 1024");
        r.execAll("no crypto isakmp policy 10", "no crypto isakmp key k1 address 1.1.1.1", "no crypto isakmp keepalive",
            "no crypto isakmp nat keepalive", "no crypto ipsec transform-set TS", "no crypto ipsec profile P",
            "no crypto map M 10", "no crypto keyring K", "no crypto ipsec security-association lifetime kilobytes",
            "default crypto ipsec security-association replay window-size");
        CryptoConfig k = r.config().crypto;
        assertEquals(List.of("M"), List.copyOf(k.maps.keySet()));
        r.exec("no crypto map M");
        assertEquals(new CryptoConfig(), k);
        assertEquals("", cryptoSection(r.running()));
    }

    /**
     * `crypto ipsec df-bit clear|set|copy`, global (after the SA lifetimes) and per interface (after
     * `crypto map`): copy is IOS's default and hidden globally; on an interface any setting shows,
     * since it overrides the global one; `no` returns to the default.
     */
    @Test
    void dfBitGlobalAndPerInterface() {
        String out = RoundTrip.check("""
            crypto ipsec security-association lifetime seconds 1200
            crypto ipsec df-bit clear
            interface GigabitEthernet0/0
             crypto ipsec df-bit copy
            interface GigabitEthernet0/1
             crypto ipsec df-bit set
            """);
        assertEquals("crypto ipsec security-association lifetime seconds 1200\ncrypto ipsec df-bit clear\n!\n", cryptoSection(out));
        assertTrue(out.contains(" crypto ipsec df-bit copy\n"), out);
        assertTrue(out.contains(" crypto ipsec df-bit set\n"), out);
        TestRouter r = configured();
        r.execAll("crypto ipsec df-bit set", "interface GigabitEthernet0/0", "crypto ipsec df-bit clear", "no crypto ipsec df-bit", "exit");
        assertEquals(CryptoConfig.DfBit.SET, r.config().crypto.dfBit);
        assertEquals(null, r.config().interfaces.get(dev.routerlab.config.InterfaceName.parse("GigabitEthernet0/0")).cryptoIpsecDfBit);
        r.exec("crypto ipsec df-bit copy");
        assertEquals(new CryptoConfig(), r.config().crypto);
        assertEquals("", cryptoSection(r.running()));
    }

    @Test
    void subModePromptsAndFallThrough() {
        TestRouter r = configured();
        assertEquals("Router(config-isakmp)#", prompt(r, "crypto isakmp policy 10"));
        assertEquals("Router(cfg-crypto-trans)#", prompt(r, "crypto ipsec transform-set TS esp-aes esp-sha-hmac"));
        assertEquals("Router(ipsec-profile)#", prompt(r, "crypto ipsec profile P"));
        assertEquals("Router(config-keyring)#", prompt(r, "crypto keyring K"));
        assertEquals("Router(config-crypto-map)#", prompt(r, "crypto map M 10 ipsec-isakmp"));
        // a global command typed in a sub-mode runs there and leaves it
        assertEquals("Router(config)#", prompt(r, "hostname Router"));
        r.exec("crypto isakmp policy 10");
        assertEquals("Router(config-isakmp)#", r.session.prompt());
        r.exec("crypto isakmp key abc address 10.1.1.1");
        assertEquals(Mode.CONFIG, r.session.mode());
        assertEquals(1, r.config().crypto.isakmpKeys.size());
        r.exec("crypto map M 10");
        r.exec("end");
        assertEquals(Mode.PRIV_EXEC, r.session.mode());
    }

    private static String prompt(TestRouter r, String line) {
        r.exec(line);
        return r.session.prompt();
    }

    @Test
    void newCryptoMapEntryPrintsTheIosNote() {
        TestRouter r = configured();
        assertEquals("""
            % NOTE: This new crypto map will remain disabled until a peer
                    and a valid access list have been configured.
            """, r.exec("crypto map CMAP 10 ipsec-isakmp"));
        r.exec("exit");
        assertEquals("", r.exec("crypto map CMAP 10"));
        assertEquals("% Incomplete command.\n\n", r.exec("crypto map CMAP"));
    }

    @Test
    void transformCombinationsAreCheckedAsIosDoes() {
        TestRouter r = configured();
        assertEquals(AclConfigTest.invalidAfter("crypto ipsec transform-set T esp-aes esp-"),
            r.exec("crypto ipsec transform-set T esp-aes esp-des"));
        assertTrue(r.exec("crypto ipsec transform-set T esp-gcm esp-sha-hmac").contains(INVALID));
        assertTrue(r.exec("crypto ipsec transform-set T esp-sha-hmac esp-md5-hmac").contains(INVALID));
        assertTrue(r.exec("crypto ipsec transform-set T esp-sha-hmac esp-gcm").contains(INVALID));
        assertTrue(r.exec("crypto ipsec transform-set T esp-aes 512").contains(INVALID));
        assertEquals("% Incomplete command.\n\n", r.exec("crypto ipsec transform-set T esp-null"));
        assertEquals("% Incomplete command.\n\n", r.exec("crypto ipsec transform-set T"));
        assertTrue(r.config().crypto.transformSets.isEmpty());
        // IOS puts the caret where the word stops matching what may follow
        assertEquals(AclConfigTest.invalidAfter("crypto ipsec transform-set T esp-aes esp-sha-hmac "),
            r.exec("crypto ipsec transform-set T esp-aes esp-sha-hmac comp-lzs"));
        // valid sets, the cipher kept first, as IOS lists them
        r.execAll("crypto ipsec transform-set T esp-sha512-hmac esp-aes 192", "exit");
        assertEquals(List.of("esp-aes 192", "esp-sha512-hmac"), r.config().crypto.transformSets.get("T").transforms);
        r.execAll("crypto ipsec transform-set T esp-gcm", "mode transport", "exit");
        assertEquals(List.of("esp-gcm"), r.config().crypto.transformSets.get("T").transforms);
        assertTrue(r.config().crypto.transformSets.get("T").transport);
        // every accepted set is one the ESP engine can build
        for (var t : r.config().crypto.transformSets.values()) {
            dev.routerlab.esp.Transform.parse(String.join(" ", t.transforms));
        }
    }

    @Test
    void helpInTheSubModes() {
        TestRouter r = configured();
        r.exec("crypto ipsec transform-set T esp-aes esp-sha-hmac");
        String help = r.exec("mode ?");
        assertTrue(help.contains("  transport  transport (payload encapsulation) mode\n"), help);
        assertTrue(help.contains("  tunnel     tunnel (datagram encapsulation) mode\n"), help);
        assertFalse(help.contains("<cr>"), help);   // `mode` alone is only the no-form
        r.session.clearPending();
        r.exec("exit");
        help = r.exec("crypto ipsec transform-set X esp-aes ?");
        assertTrue(help.contains("  256              256 bit keys.\n"), help);
        assertTrue(help.contains("  esp-sha-hmac     ESP transform using HMAC-SHA auth\n"), help);
        assertFalse(help.contains("esp-des"), help);
        r.session.clearPending();
        r.exec("crypto isakmp policy 1");
        help = r.exec("?");
        assertTrue(help.contains("  encryption      Set encryption algorithm for protection suite\n"), help);
        assertTrue(help.contains("  group           Set the Diffie-Hellman group\n"), help);
    }

    @Test
    void valueErrors() {
        TestRouter r = configured();
        r.exec("crypto isakmp policy 10");
        assertTrue(r.exec("group 3").contains(INVALID));
        // the groups are keywords on IOS: the caret stops where `13` stops matching `14`
        assertEquals(" ".repeat("Router(config-isakmp)#group 1".length()) + "^\n" + INVALID + "\n\n", r.exec("group 13"));
        assertEquals("% Incomplete command.\n\n", r.exec("group"));
        assertTrue(r.exec("lifetime 30").contains(INVALID));
        assertEquals("% Incomplete command.\n\n", r.exec("encryption"));
        assertEquals(1, r.config().crypto.isakmpPolicies.get(10).group);
        r.exec("exit");
        assertTrue(r.exec("crypto isakmp keepalive 5").contains(INVALID));
        assertTrue(r.exec("crypto isakmp keepalive 10 61").contains(INVALID));
        assertTrue(r.exec("crypto isakmp key 5 abc address 1.1.1.1").contains(INVALID));
        assertTrue(r.exec("crypto ipsec security-association replay window-size 100").contains(INVALID));
        assertTrue(r.exec("crypto ipsec security-association lifetime seconds 60").contains(INVALID));
        r.execAll("crypto ipsec profile P");
        assertEquals("ERROR: transform set with tag \"NOPE\" does not exist.\n", r.exec("set transform-set NOPE"));
        assertTrue(r.config().crypto.profiles.get("P").transformSets.isEmpty());
        // crypto-map only commands are not in ipsec-profile mode: the line leaves the mode as invalid
        assertTrue(r.exec("set peer 1.1.1.1").contains(INVALID));
    }

    @Test
    void setCommandsAndTheirNoForms() {
        TestRouter r = configured();
        r.execAll("crypto ipsec transform-set A esp-aes esp-sha-hmac", "crypto ipsec transform-set B esp-3des esp-md5-hmac",
            "crypto map M 10", "set peer 1.1.1.1", "set peer 2.2.2.2", "set peer 1.1.1.1", "set transform-set A B",
            "set pfs group5", "set security-association lifetime seconds 900", "match address VPN");
        var e = r.config().crypto.maps.get("M").get(10);
        assertEquals(2, e.peers.size());
        assertEquals(List.of("A", "B"), e.transformSets);
        assertEquals(5, e.pfsGroup);
        assertEquals(900L, e.lifetimeSeconds);
        assertEquals("VPN", e.matchAddress);
        r.execAll("no set peer 1.1.1.1", "no set transform-set A", "no set pfs",
            "no set security-association lifetime seconds", "no match address");
        assertEquals(1, e.peers.size());
        assertEquals(List.of("B"), e.transformSets);
        assertNull(e.pfsGroup);
        assertNull(e.lifetimeSeconds);
        assertNull(e.matchAddress);
        r.execAll("no set peer", "no set transform-set");
        assertTrue(e.peers.isEmpty() && e.transformSets.isEmpty());
        r.execAll("crypto keyring K", "pre-shared-key address 1.1.1.1 key abc", "pre-shared-key address 1.1.1.1 key xyz");
        assertEquals(1, r.config().crypto.keyrings.get("K").keys.size());
        r.exec("no pre-shared-key address 1.1.1.1 key xyz");
        assertTrue(r.config().crypto.keyrings.get("K").keys.isEmpty());
    }

    @Test
    void showCryptoIsakmpPolicy() {
        TestRouter r = configured();
        r.exec("end");
        String defaults = r.exec("show crypto isakmp policy");
        assertTrue(defaults.startsWith("""

            Default IKE policy
            Protection suite of priority 65507
                    encryption algorithm:   AES - Advanced Encryption Standard (128 bit keys).
                    hash algorithm:         Secure Hash Standard
                    authentication method:  Rivest-Shamir-Adleman Signature
                    Diffie-Hellman group:   #5 (1536 bit)
                    lifetime:               86400 seconds, no volume limit
            Protection suite of priority 65508
                    encryption algorithm:   AES - Advanced Encryption Standard (128 bit keys).
                    hash algorithm:         Secure Hash Standard
                    authentication method:  Pre-Shared Key
            """), defaults);
        r.execAll("conf t", "crypto isakmp policy 10", "encr 3des", "hash md5", "authentication pre-share", "group 2",
            "lifetime 1800", "crypto isakmp policy 20", "encr aes 256", "group 5", "end");
        assertEquals("""

            Global IKE policy
            Protection suite of priority 10
                    encryption algorithm:   Three key triple DES
                    hash algorithm:         Message Digest 5
                    authentication method:  Pre-Shared Key
                    Diffie-Hellman group:   #2 (1024 bit)
                    lifetime:               1800 seconds, no volume limit
            Protection suite of priority 20
                    encryption algorithm:   AES - Advanced Encryption Standard (256 bit keys).
                    hash algorithm:         Secure Hash Standard
                    authentication method:  Rivest-Shamir-Adleman Signature
                    Diffie-Hellman group:   #5 (1536 bit)
                    lifetime:               86400 seconds, no volume limit
            """, r.exec("show crypto isakmp policy"));
    }

    @Test
    void showCryptoIpsecTransformSetAndMap() {
        TestRouter r = configured();
        r.execAll("crypto ipsec transform-set STRONG esp-aes 192 esp-sha-hmac", "exit",
            "ip access-list extended TO-CRYPT", "permit ip 172.16.1.0 0.0.0.255 172.17.1.0 0.0.0.255", "exit",
            "crypto ipsec security-association lifetime kilobytes 2560",
            "crypto ipsec security-association lifetime seconds 300",
            "crypto map MY-CRYPTO 10 ipsec-isakmp", "set peer 193.200.200.1", "set transform-set STRONG",
            "match address TO-CRYPT", "crypto map MY-CRYPTO 20", "set pfs group14",
            "interface GigabitEthernet0/0", "crypto map MY-CRYPTO", "end");
        assertEquals("""
            Transform set default: { esp-aes esp-sha-hmac  }
               will negotiate = { Transport,  },

            Transform set STRONG: { esp-192-aes esp-sha-hmac  }
               will negotiate = { Tunnel,  },

            """, r.exec("show crypto ipsec transform-set"));
        assertEquals("""
            Crypto Map IPv4 "MY-CRYPTO" 10 ipsec-isakmp
            \tPeer = 193.200.200.1
            \tExtended IP access list TO-CRYPT
            \t    access-list TO-CRYPT permit ip 172.16.1.0 0.0.0.255 172.17.1.0 0.0.0.255
            \tSecurity association lifetime: 2560 kilobytes/300 seconds
            \tResponder-Only (Y/N): N
            \tPFS (Y/N): N
            \tMixed-mode : Disabled
            \tTransform sets={
            \t\tSTRONG:  { esp-192-aes esp-sha-hmac  } ,
            \t}
            \tInterfaces using crypto map MY-CRYPTO:
            \t\tGigabitEthernet0/0

            Crypto Map IPv4 "MY-CRYPTO" 20 ipsec-isakmp
            \tWARNING: This crypto map is in an incomplete state!
            \t\t(missing peer or access-list definitions)
            \tNo matching address list set.
            \tSecurity association lifetime: 2560 kilobytes/300 seconds
            \tResponder-Only (Y/N): N
            \tPFS (Y/N): Y
            \tDH group:  group14
            \tMixed-mode : Disabled
            \tTransform sets={
            \t\tdefault:  { esp-aes esp-sha-hmac  } ,
            \t}
            \tInterfaces using crypto map MY-CRYPTO:
            \t\tGigabitEthernet0/0
            """, r.exec("show crypto map"));
        assertEquals("", new TestRouter().exec("show crypto map"));
    }
}
