package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.count;
import static dev.routerlab.ike.CharonTunRouter.counters;
import static dev.routerlab.ike.CharonTunRouter.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Root only. A routerlab router on a TUN against strongSwan's charon with IKEv2 (swanctl
 * {@code version = 2}, PSK; charon's ESP in kernel-libipsec, which makes charon claim to be behind
 * a NAT, so NAT detection (RFC 7296 §2.23) moves IKE_AUTH to port 4500 and ESP into UDP): R1's
 * crypto map names an IKEv2 profile ({@code set ikev2-profile}). The matrix: IKE proposals {AES-GCM-128 with PRF
 * SHA-256 and group 19, AES-CBC-256 with SHA-256 and group 14, AES-CBC-128 with SHA-256 and group
 * 19, AES-GCM-256 with PRF SHA-384 and group 14, AES-CBC-256 with SHA-384 and group 20 (ESP
 * AES-CBC-256/SHA-256), AES-GCM-256 with PRF SHA-512 and group 21 (ESP AES-GCM-256)} x {R1
 * initiates, charon initiates}; ESP is AES-CBC-128/SHA-1 where not named. Each scenario
 * checks `show crypto ikev2 sa` READY with the negotiated algorithms, that `show crypto ipsec sa`
 * counted exactly the packets each way, and that `swanctl --list-sas` shows the IKE SA with the
 * same algorithms and the CHILD_SA INSTALLED with the same packet counts.
 */
class StrongSwanIkev2TunTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;

    /** The ESP side: charon's proposal, R1's transform set, what swanctl --list-sas names. */
    record Esp(String charon, String transform, String charonAlg) {}

    static final Esp AES_SHA1 = new Esp("aes128-sha1", "esp-aes esp-sha-hmac", "AES_CBC-128/HMAC_SHA1_96");

    record Scenario(String name, String charonIke, String proposal, String showEncr, String charonIkeAlg,
                    boolean routerInitiates, Esp esp) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        Stream.Builder<Scenario> b = Stream.builder();
        for (boolean routerInit : new boolean[] {true, false}) {
            String who = routerInit ? ", router initiates" : ", charon initiates";
            b.add(new Scenario("aes128gcm16-prfsha256-ecp256" + who, "aes128gcm16-prfsha256-ecp256", "GCM128-19",
                    "Encr: AES-GCM, keysize: 128, PRF: SHA256, Hash: None, DH Grp:19,",
                    "AES_GCM_16-128/PRF_HMAC_SHA2_256/ECP_256", routerInit, AES_SHA1));
            b.add(new Scenario("aes256-sha256-modp2048" + who, "aes256-sha256-modp2048", "CBC256-14",
                    "Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14,",
                    "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048", routerInit, AES_SHA1));
            b.add(new Scenario("aes128-sha256-ecp256" + who, "aes128-sha256-ecp256", "CBC128-19",
                    "Encr: AES-CBC, keysize: 128, PRF: SHA256, Hash: SHA256, DH Grp:19,",
                    "AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/ECP_256", routerInit, AES_SHA1));
            b.add(new Scenario("aes256gcm16-prfsha384-modp2048" + who, "aes256gcm16-prfsha384-modp2048", "GCM256-14",
                    "Encr: AES-GCM, keysize: 256, PRF: SHA384, Hash: None, DH Grp:14,",
                    "AES_GCM_16-256/PRF_HMAC_SHA2_384/MODP_2048", routerInit, AES_SHA1));
            b.add(new Scenario("aes256-sha384-ecp384, esp aes256-sha256" + who, "aes256-sha384-ecp384", "CBC256-20",
                    "Encr: AES-CBC, keysize: 256, PRF: SHA384, Hash: SHA384, DH Grp:20,",
                    "AES_CBC-256/HMAC_SHA2_384_192/PRF_HMAC_SHA2_384/ECP_384", routerInit,
                    new Esp("aes256-sha256", "esp-aes 256 esp-sha256-hmac", "AES_CBC-256/HMAC_SHA2_256_128")));
            b.add(new Scenario("aes256gcm16-prfsha512-ecp521, esp aes256gcm16" + who, "aes256gcm16-prfsha512-ecp521",
                    "GCM256-21", "Encr: AES-GCM, keysize: 256, PRF: SHA512, Hash: None, DH Grp:21,",
                    "AES_GCM_16-256/PRF_HMAC_SHA2_512/ECP_521", routerInit,
                    new Esp("aes256gcm16", "esp-gcm 256", "AES_GCM_16-256")));
        }
        return b.build();
    }

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanIkev2TunTest: " + why);
        r1 = new CharonTunRouter(tmp, (co, ro) -> """
                hostname R1
                crypto ikev2 proposal GCM128-19
                 encryption aes-gcm-128
                 prf sha256
                 group 19
                crypto ikev2 proposal CBC256-14
                 encryption aes-cbc-256
                 integrity sha256
                 group 14
                crypto ikev2 proposal CBC128-19
                 encryption aes-cbc-128
                 integrity sha256
                 group 19
                crypto ikev2 proposal GCM256-14
                 encryption aes-gcm-256
                 prf sha384
                 group 14
                crypto ikev2 proposal CBC256-20
                 encryption aes-cbc-256
                 integrity sha384
                 group 20
                crypto ikev2 proposal GCM256-21
                 encryption aes-gcm-256
                 prf sha512
                 group 21
                crypto ikev2 policy POL
                 proposal GCM128-19
                crypto ikev2 keyring KR
                 peer CHARON
                  address %s
                  pre-shared-key %s
                crypto ikev2 profile PROF
                 match identity remote address %s 255.255.255.255
                 authentication remote pre-share
                 authentication local pre-share
                 keyring local KR
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 set ikev2-profile PROF
                 match address 101
                interface Loopback0
                 ip address 10.99.0.1 255.255.255.255
                interface GigabitEthernet0/0
                 ip address %s 255.255.255.252
                 crypto map VPN
                 no shutdown
                ip route 0.0.0.0 0.0.0.0 %s
                end
                """.formatted(co, StrongSwanHarness.PSK, co, co, ro, co));
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void routerThroughTunAgainstCharonWithIkev2(Scenario s) throws Exception {
        r1.cli("clear crypto session");
        String conn = "v2" + Integer.toHexString(s.name().hashCode() & 0xfffffff);
        r1.h.load(r1.h.connection(2, conn, s.charonIke(), s.esp().charon(), false, 0, r1.charonOuter, r1.routerOuter),
                r1.charonOuter, r1.routerOuter);
        String list = poll(() -> r1.swanctl("--list-sas"), l -> !l.contains("ESTABLISHED") && !l.contains("INSTALLED"), 10);
        assertFalse(list.contains("ESTABLISHED") || list.contains("INSTALLED"), "charon kept SAs after R1's DELETEs:\n" + list);
        String cfg = r1.cli("configure terminal\ncrypto ikev2 policy POL\nno proposal GCM128-19\nno proposal CBC256-14\n"
                + "no proposal CBC128-19\nno proposal GCM256-14\nno proposal CBC256-20\nno proposal GCM256-21\nproposal " + s.proposal()
                + "\ncrypto ipsec transform-set TS " + s.esp().transform() + "\nend");
        assertFalse(cfg.contains("%"), cfg);
        String gone = poll(() -> r1.cli("show crypto ikev2 sa"), l -> !l.contains("READY"), 10);
        assertFalse(gone.contains("READY"), gone);
        long[] before = counters(r1.cli("show crypto ipsec sa"));

        int n;  // packets R1 encapsulated, and decapsulated, in this scenario
        if (s.routerInitiates()) {
            String ping = r1.cli("ping 10.98.0.1 source Loopback0");
            assertTrue(ping.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), ping + "\n" + r1.h.charonLogTail(40));
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            n = 7;
        } else {
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", conn + "-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + r1.h.charonLogTail(40));
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            String ping = r1.cli("ping 10.98.0.1 source Loopback0");
            assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping + "\n" + r1.h.charonLogTail(40));
            n = 8;
        }

        String v2 = r1.cli("show crypto ikev2 sa");
        assertTrue(Pattern.compile("\n\\d+ +" + Pattern.quote(r1.ro + "/4500") + " +" + Pattern.quote(r1.co + "/4500")
                + " +none/none +READY  \n").matcher(v2).find(), v2);
        assertTrue(v2.contains("      " + s.showEncr() + " Auth sign: PSK, Auth verify: PSK\n"), v2);
        String detail = r1.cli("show crypto ikev2 sa detail");
        assertTrue(detail.contains("      NAT-T is detected outside \n"), detail);
        assertTrue(detail.contains("      Initiator of SA : " + (s.routerInitiates() ? "Yes" : "No") + "\n"), detail);
        String sa = r1.cli("show crypto ipsec sa");
        long[] after = counters(sa);
        assertEquals(n, after[0] - before[0], "#pkts encaps\n" + sa);
        assertEquals(n, after[2] - before[2], "#pkts decaps\n" + sa);

        Pattern inP = Pattern.compile("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        Pattern outP = Pattern.compile("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        String sas = poll(() -> r1.swanctl("--list-sas"), l -> count(inP, l) == n && count(outP, l) == n, 10);
        System.out.println("[" + s + "]\n" + v2 + sas.strip());
        assertTrue(sas.contains("IKEv2"), sas);
        assertTrue(sas.contains("ESTABLISHED"), sas);
        assertTrue(sas.contains(s.charonIkeAlg()), sas);
        assertTrue(sas.contains("INSTALLED, TUNNEL-in-UDP"), sas);
        assertTrue(sa.contains("in use settings ={Tunnel UDP-Encaps, }"), sa);
        assertTrue(sas.contains("ESP:" + s.esp().charonAlg() + "\n"), sas);
        assertEquals(n, count(inP, sas), "charon received what R1 encapsulated\n" + sas);
        assertEquals(n, count(outP, sas), "charon sent what R1 decapsulated\n" + sas);
    }

    /**
     * {@code crypto ikev2 cookie-challenge 1} with one SA half open (R1 calling a peer that never
     * answers): charon's IKE_SA_INIT gets N(COOKIE) (RFC 7296 §2.6), charon returns it, and the
     * IKE SA and its Child SA come up.
     */
    @Test
    void charonAnswersACookieChallenge() throws Exception {
        r1.cli("clear crypto session");
        String dead = r1.co.substring(0, r1.co.lastIndexOf('.')) + ".99";
        String cfg = r1.cli("configure terminal\ncrypto ikev2 cookie-challenge 1\naccess-list 102 permit ip host 10.99.0.1 host 10.97.0.1\n"
                + "crypto map VPN 20 ipsec-isakmp\nset peer " + dead + "\nset transform-set TS\nset ikev2-profile PROF\n"
                + "match address 102\nend");
        assertFalse(cfg.contains("% Invalid"), cfg);
        try {
            r1.h.load(r1.h.connection(2, "ck", "aes128-sha256-ecp256", AES_SHA1.charon(), false, 0, r1.charonOuter,
                    r1.routerOuter), r1.charonOuter, r1.routerOuter);
            r1.cli("configure terminal\ncrypto ikev2 policy POL\nproposal CBC128-19\ncrypto ipsec transform-set TS "
                    + AES_SHA1.transform() + "\nend");
            r1.cli("ping 10.97.0.1 source Loopback0 repeat 1 timeout 1");          // R1 now holds one SA half open
            assertTrue(r1.cli("show crypto ikev2 sa").contains("IN-NEG"));
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "ck-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + r1.h.charonLogTail(40));
            String log = r1.h.charonLog();
            assertTrue(log.lines().anyMatch(l -> l.contains("parsed IKE_SA_INIT response 0 [ N(COOKIE) ]")), log);
            assertTrue(log.lines().anyMatch(l -> l.contains("generating IKE_SA_INIT request 0 [ N(COOKIE) SA KE No")), log);
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            String stats = r1.cli("show crypto ikev2 stats");
            assertTrue(Pattern.compile("Incoming IKEV2 Cookie Challenged Requests: [1-9]").matcher(stats).find(), stats);
        } finally {
            r1.cli("configure terminal\nno crypto ikev2 cookie-challenge\nno crypto map VPN 20\nend");
            r1.cli("clear crypto session");
        }
    }

    /**
     * {@code crypto ikev2 fragmentation mtu 200} against charon with {@code fragmentation = yes} and
     * a 200-octet {@code fragment_size}: both announce IKEV2_FRAGMENTATION_SUPPORTED, charon's
     * IKE_AUTH request arrives in Encrypted Fragment payloads that R1 reassembles, R1's response goes
     * back in fragments charon reassembles (RFC 7383), and the Child SA carries traffic.
     */
    @Test
    void ikeAuthTravelsInFragmentsBothWays() throws Exception {
        r1.cli("clear crypto session");
        try {
            r1.h.load(r1.h.connection(2, "fr", "aes128-sha256-ecp256", AES_SHA1.charon(), false, 0, r1.charonOuter,
                    r1.routerOuter).replace("version = 2\n", "version = 2\n        fragmentation = yes\n"), r1.charonOuter, r1.routerOuter);
            String cfg = r1.cli("configure terminal\ncrypto ikev2 fragmentation mtu 200\ncrypto ikev2 policy POL\nproposal CBC128-19\n"
                    + "crypto ipsec transform-set TS " + AES_SHA1.transform() + "\nend");
            assertFalse(cfg.contains("%"), cfg);
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "fr-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + r1.h.charonLogTail(40));
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            String ping = r1.cli("ping 10.98.0.1 source Loopback0");
            assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping);
            String log = r1.h.charonLog();
            assertTrue(log.lines().anyMatch(l -> l.contains("splitting IKE message")), log);
            assertTrue(log.lines().anyMatch(l -> l.contains("reassembled fragmented IKE message")), log);
            String stats = r1.cli("show crypto ikev2 stats");
            System.out.println(stats);
            assertTrue(Pattern.compile("Fragments sent: [1-9]\\d* +received: [1-9]\\d* +reassembled: [1-9]").matcher(stats).find(), stats);
            String detail = r1.cli("show crypto ikev2 sa detail");
            assertTrue(detail.contains("      Fragmentation configured, MTU 200, negotiated.\n"), detail);
        } finally {
            r1.cli("configure terminal\nno crypto ikev2 fragmentation\nend");
            r1.cli("clear crypto session");
        }
    }
}
