package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** IKEv2 reached from the router: crypto maps and tunnel protection with `set ikev2-profile`, and the IKEv2 commands. */
class Ikev2RouterTest {
    static String[] ikev2(String peer, String key, String... extra) {
        List<String> l = new java.util.ArrayList<>(List.of(
            "crypto ikev2 proposal P1", "encryption aes-cbc-256", "integrity sha256", "group 14",
            "crypto ikev2 policy POL", "proposal P1",
            "crypto ikev2 keyring KR", "peer R", "address " + peer, "pre-shared-key " + key,
            "crypto ikev2 profile PROF", "match identity remote address " + peer + " 255.255.255.255",
            "authentication remote pre-share", "authentication local pre-share", "keyring local KR",
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac"));
        l.addAll(List.of(extra));
        return l.toArray(new String[0]);
    }

    static String[] map(String peer, String src, String dst) {
        return new String[] {"access-list 101 permit ip host " + src + " host " + dst,
            "crypto map VPN 10 ipsec-isakmp", "set peer " + peer, "set transform-set TS", "set ikev2-profile PROF",
            "match address 101", "interface GigabitEthernet0/0", "crypto map VPN"};
    }

    static Net lab() {
        Net n = CryptoLab.plain();
        n.get("R1").config(ikev2("10.23.0.3", "cisco123", map("10.23.0.3", "1.1.1.1", "3.3.3.3")));
        n.get("R3").config(ikev2("10.12.0.1", "cisco123", map("10.12.0.1", "3.3.3.3", "1.1.1.1")));
        for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
        n.get("R2").exec("ping 10.12.0.1");
        n.get("R2").exec("ping 10.23.0.3");
        return n;
    }

    @Test
    void aCryptoMapWithAnIkev2ProfileNegotiatesIkev2AndProtectsTheTraffic() {
        Net n = lab();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), out);
        assertTrue(r1.router.ipsec().ike().isakmpSas().isEmpty(), "no IKEv1 SA");
        assertEquals(1, r1.router.ipsec().ikev2().sas().size());
        assertEquals(1, r1.router.ipsec().pairs().size());
        SaPair p1 = r1.router.ipsec().pairs().get(0), p3 = r3.router.ipsec().pairs().get(0);
        assertEquals(p1.child.outboundSpi(), p3.child.inboundSpi());
        assertEquals(4, p3.in.counters().decaps());

        String sa = r1.exec("show crypto ikev2 sa");
        assertTrue(sa.contains("IPv4 Crypto IKEv2 SA \n\n"
            + "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
            + "1         10.12.0.1/500         10.23.0.3/500         none/none            READY  \n"
            + "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n"), sa);
        assertTrue(Pattern.compile("Life/Active Time: 86400/\\d+ sec\n").matcher(sa).find(), sa);
        String detail = r3.exec("show crypto ikev2 sa detail");
        assertTrue(detail.contains("      Status Description: Negotiation done\n"), detail);
        assertTrue(detail.contains("      Local id: 10.23.0.3\n      Remote id: 10.12.0.1\n"), detail);
        assertTrue(detail.contains("      Initiator of SA : No\n"), detail);
        String session = r1.exec("show crypto ikev2 session");
        assertTrue(session.contains("Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1"), session);
        assertTrue(session.contains("Child sa: local selector  1.1.1.1/0 - 1.1.1.1/65535\n"
            + "          remote selector 3.3.3.3/0 - 3.3.3.3/65535\n"), session);
        String cs = r1.exec("show crypto session");
        assertTrue(cs.contains("Interface: GigabitEthernet0/0\nProfile: PROF\nSession status: UP-ACTIVE     \n"
            + "Peer: 10.23.0.3 port 500 \n  Session ID: 1  \n"
            + "  IKEv2 SA: local 10.12.0.1/500 remote 10.23.0.3/500 Active \n"
            + "  IPSEC FLOW: permit ip host 1.1.1.1 host 3.3.3.3 \n"), cs);
        String stats = r3.exec("show crypto ikev2 stats");
        assertTrue(stats.contains("Total incoming IKEv2 SA Count:    1        active:        1"), stats);

        r1.exec("clear crypto ikev2 sa");
        n.run(2);
        assertTrue(r1.router.ipsec().ikev2().sas().isEmpty());
        assertTrue(r3.router.ipsec().ikev2().sas().isEmpty(), "the peer was told");
        assertTrue(r1.router.ipsec().pairs().isEmpty());
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("!!!!"), out);
    }

    @Test
    void cryptoLoggingIkev2LogsSaUpAndDown() {
        Net n = CryptoLab.plain();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        r1.config(ikev2("10.23.0.3", "cisco123", map("10.23.0.3", "1.1.1.1", "3.3.3.3")));
        r1.config("crypto logging ikev2");
        r3.config(ikev2("10.12.0.1", "cisco123", map("10.12.0.1", "3.3.3.3", "1.1.1.1")));
        n.get("R2").exec("ping 10.12.0.1");
        n.get("R2").exec("ping 10.23.0.3");
        r1.pending();
        r3.pending();
        String up = r1.exec("ping 3.3.3.3 source 1.1.1.1") + r1.pending();
        assertTrue(up.contains(": %IKEV2-5-SA_UP: SA UP\n"), up);
        assertTrue(up.indexOf("%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP") < up.indexOf("%IKEV2-5-SA_UP"), up);
        assertFalse(r3.pending().contains("%IKEV2-"), "off by default, as on IOS");
        assertTrue(r1.exec("show running-config | include crypto logging").contains("crypto logging ikev2\n"));

        r3.exec("clear crypto ikev2 sa");
        n.run(2);
        assertTrue(r1.pending().contains(": %IKEV2-5-SA_DOWN: SA DOWN\n"), "the peer's delete");
        r1.config("no crypto logging ikev2");
        String again = r1.exec("ping 3.3.3.3 source 1.1.1.1") + r1.pending();
        assertTrue(again.contains("%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP"), again);
        assertFalse(again.contains("%IKEV2-"), again);
    }

    @Test
    void differentKeysFailAuthentication() {
        Net n = CryptoLab.plain();
        n.get("R1").config(ikev2("10.23.0.3", "cisco123", map("10.23.0.3", "1.1.1.1", "3.3.3.3")));
        n.get("R3").config(ikev2("10.12.0.1", "other", map("10.12.0.1", "3.3.3.3", "1.1.1.1")));
        n.get("R2").exec("ping 10.12.0.1");
        n.get("R2").exec("ping 10.23.0.3");
        String out = n.get("R1").exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("Success rate is 0 percent"), out);
        assertFalse(n.get("R1").exec("show crypto ikev2 sa").contains("READY"));
        assertTrue(n.get("R1").router.ipsec().pairs().isEmpty());
    }

    @Test
    void runningConfigRoundTrips() {
        Net n = new Net();
        Net.Node r = n.router("R1");
        r.config(ikev2("10.0.0.2", "cisco123",
            "crypto ikev2 keyring KR", "peer B", "address 10.9.0.0 255.255.0.0", "identity fqdn b.lab",
            "pre-shared-key local k1", "pre-shared-key remote k2",
            "crypto ikev2 profile PROF", "identity local fqdn a.lab", "match identity remote fqdn b.lab",
            "dpd 10 2 on-demand", "lifetime 3600", "crypto ikev2 dpd 30 5 periodic",
            "crypto ikev2 fragmentation mtu 1360", "crypto ikev2 policy POL", "match address local 10.0.0.1",
            "crypto ipsec profile IP", "set transform-set TS", "set ikev2-profile PROF"));
        String run = r.exec("show running-config");
        assertTrue(run.contains("crypto ikev2 proposal P1 \n encryption aes-cbc-256\n integrity sha256\n group 14\n!\n"
            + "crypto ikev2 policy POL \n match address local 10.0.0.1\n proposal P1\n!\n"
            + "crypto ikev2 keyring KR\n peer R\n  address 10.0.0.2\n  pre-shared-key cisco123\n !\n"
            + " peer B\n  address 10.9.0.0 255.255.0.0\n  identity fqdn b.lab\n  pre-shared-key local k1\n"
            + "  pre-shared-key remote k2\n !\n!\n"
            + "crypto ikev2 profile PROF\n match identity remote address 10.0.0.2 255.255.255.255 \n"
            + " match identity remote fqdn b.lab \n identity local fqdn a.lab\n authentication remote pre-share\n"
            + " authentication local pre-share\n keyring local KR\n lifetime 3600\n dpd 10 2 on-demand\n!\n"
            + "crypto ikev2 dpd 30 5 periodic\n!\ncrypto ikev2 fragmentation mtu 1360\n!\n"), run);
        assertTrue(run.indexOf("crypto ikev2 profile") < run.indexOf("crypto ipsec transform-set"), run);
        assertTrue(run.contains("crypto ipsec profile IP\n set transform-set TS \n set ikev2-profile PROF\n!\n"), run);
        Net m = new Net();
        Net.Node r2 = m.router("R1");
        r2.config(run.lines().filter(l -> !l.startsWith("Building") && !l.startsWith("Current configuration")).toArray(String[]::new));
        assertEquals(r.router.config().crypto, r2.router.config().crypto);
        String prof = r.exec("show crypto ikev2 profile");
        assertTrue(prof.contains("IKEv2 profile: PROF\n"), prof);
        assertTrue(prof.contains(" Keyring: KR\n") && prof.contains(" Lifetime: 3600 seconds\n"), prof);
        String bad = r.exec("configure terminal");
        bad = r.config("crypto ikev2 proposal P2", "group 3");
        assertTrue(bad.contains("% Invalid input detected at '^' marker."), bad);
    }

    @Test
    void dmvpnWithIkev2ReportsItsPeersInShowDmvpn() {
        Net n = DmvpnIpsecTest.build(2, new String[] {
            "crypto ikev2 keyring KR", "peer ANY", "address 0.0.0.0 0.0.0.0", "pre-shared-key cisco123",
            "crypto ikev2 profile PROF", "match identity remote address 0.0.0.0 0.0.0.0",
            "authentication remote pre-share", "authentication local pre-share", "keyring local KR",
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "mode transport",
            "crypto ipsec profile DMVPN", "set transform-set TS", "set ikev2-profile PROF"});
        n.run(60);
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1");
        String d = hub.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.1.1        192.168.100.1    UP"), d);
        assertTrue(d.contains("     1 172.16.2.1        192.168.100.2    UP"), d);
        assertTrue(hub.router.ipsec().ike().isakmpSas().isEmpty(), "no IKEv1");
        String sa = hub.exec("show crypto ikev2 sa");
        assertTrue(sa.contains("172.16.11.1/500       172.16.1.1/500        none/none            READY"), sa);
        assertTrue(sa.contains("172.16.11.1/500       172.16.2.1/500        none/none            READY"), sa);
        // the smart defaults: no proposal configured, IOS offers AES-CBC-256 and group 19 first
        assertTrue(sa.contains("Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19"), sa);
        String ping = s1.exec("ping 10.0.2.1 source Loopback0");
        assertTrue(ping.contains("Success rate is"), ping);
        n.run(5);
        ping = s1.exec("ping 10.0.2.1 source Loopback0");
        assertTrue(ping.contains("!!!!!"), ping);
        String s1sa = s1.exec("show crypto ikev2 sa");
        assertTrue(s1sa.contains("172.16.1.1/500        172.16.2.1/500        none/none            READY"),
            "spoke-to-spoke IKE SA on demand\n" + s1sa);
        String cs = s1.exec("show crypto session");
        assertTrue(cs.contains("Interface: Tunnel0\nProfile: PROF\n"), cs);
        // IKEv2 down: show dmvpn says the tunnel waits for IKE again
        hub.exec("clear crypto ikev2 sa");
        d = hub.exec("show dmvpn");
        assertTrue(d.contains("172.16.1.1        192.168.100.1") && d.contains("IKE"), d);
    }

    /** `debug crypto ikev2` in IOS 15.x's words: packet blocks with per-payload lines, the DH and AUTH steps. */
    @Test
    void debugCryptoIkev2PrintsIosLines() {
        Net n = lab();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        r1.exec("debug crypto ikev2");
        r3.exec("debug crypto ikev2");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        n.run(1);
        out += r1.pending();
        String out3 = r3.pending();
        for (String l : new String[] {
            "IKEv2:(SA ID = 1):[IKEv2 -> Crypto Engine] Computing DH public key, DH Group 14\n",
            "IKEv2:(SA ID = 1):[Crypto Engine -> IKEv2] DH key Computation PASSED\n",
            "IKEv2:(SA ID = 1):Generating IKE_SA_INIT message\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Sending Packet [To 10.23.0.3:500/From 10.12.0.1:500/VRF i0:f0]\n",
            " - Responder SPI : 0000000000000000 Message id: 0\nIKEv2 IKE_SA_INIT Exchange REQUEST\nPayload contents:\n"
                + " SA  Next payload: KE, reserved: 0x0, length: 48\n  last proposal: 0x0, reserved: 0x0, length: 44\n"
                + "  Proposal: 1, Protocol id: IKE, SPI size: 0, #trans: 4    last transform: 0x3, reserved: 0x0: length: 12\n"
                + "    type: 1, reserved: 0x0, id: AES-CBC\n",
            "    type: 4, reserved: 0x0, id: DH_GROUP_2048_MODP/Group 14\n KE  Next payload: N, reserved: 0x0, length: 264\n"
                + "    DH group: 14, Reserved: 0x0\n N  Next payload: NOTIFY, reserved: 0x0, length: 36\n"
                + " NOTIFY(NAT_DETECTION_SOURCE_IP)  Next payload: NOTIFY, reserved: 0x0, length: 28\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Received Packet [From 10.23.0.3:500/To 10.12.0.1:500/VRF i0:f0]\n",
            "IKEv2 IKE_SA_INIT Exchange RESPONSE\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Processing IKE_SA_INIT message\n",
            "IKEv2:(SA ID = 1):[IKEv2 -> Crypto Engine] Computing DH secret key, DH Group 14\n",
            "IKEv2:(SA ID = 1):Completed SA init exchange\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Building packet for encryption.\nPayload contents:\n IDi  Next payload: NOTIFY, reserved: 0x0, length: 12\n"
                + "    Id type: IPv4 address, Reserved: 0x0 0x0\n NOTIFY(INITIAL_CONTACT)  Next payload: AUTH, reserved: 0x0, length: 8\n"
                + "    Security protocol id: IKE, spi size: 0, type: INITIAL_CONTACT\n AUTH  Next payload: SA, reserved: 0x0, length: 40\n",
            "    Auth method PSK, reserved: 0x0, reserved 0x0\n",
            "IKEv2 IKE_AUTH Exchange REQUEST\nPayload contents:\n ENCR  Next payload: IDi, reserved: 0x0, length: ",
            "    TS type: TS_IPV4_ADDR_RANGE, proto id: 0, length: 16\n    start port: 0, end port: 65535\n"
                + "    start addr: 1.1.1.1, end addr: 1.1.1.1\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Processing IKE_AUTH message\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Verification of peer's authentication data PASSED\n",
            "IKEv2:(SESSION ID = 1,SA ID = 1):Session with IKE ID PAIR (10.23.0.3, 10.12.0.1) is UP\n",
            "IKEv2:(SA ID = 1):[IPsec -> IKEv2] Creation of IPsec SA into IPsec database PASSED\n"}) {
            assertTrue(out.contains(l), l + "\n---\n" + out);
        }
        assertTrue(out3.contains("IKEv2:(SESSION ID = 1,SA ID = 1):Received Packet [From 10.12.0.1:500/To 10.23.0.3:500/VRF i0:f0]\n"), out3);
        assertTrue(out3.contains("IKEv2:(SESSION ID = 1,SA ID = 1):Verification of peer's authentication data PASSED\n"), out3);
        r1.exec("undebug all");
    }
}
