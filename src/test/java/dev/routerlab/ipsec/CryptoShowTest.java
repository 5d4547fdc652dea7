package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

class CryptoShowTest {
    /** rsa-sig's commands: `crypto isakmp identity`, an ISAKMP profile's `ca trust-point` and `match certificate`; IOS's default authentication. */
    @Test
    void rsaSigCommandsRoundTripAndRsaSigIsTheDefault() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1");
        String out = r1.config("crypto isakmp policy 20", "encryption aes 256", "exit", "crypto isakmp identity dn",
            "crypto isakmp profile CERTS", "ca trust-point SWCA", "match certificate SWMAP", "match identity address 10.23.0.3 255.255.255.255");
        assertTrue(!out.contains("% Invalid") && !out.contains("% Incomplete") && !out.contains("% Ambiguous"), out);
        String run = r1.exec("show running-config");
        assertTrue(run.contains("crypto isakmp policy 20\n encr aes 256\n"), run);
        assertTrue(run.contains("crypto isakmp identity dn\n"), run);
        assertTrue(run.contains("crypto isakmp profile CERTS\n   ca trust-point SWCA\n   match certificate SWMAP\n"
            + "   match identity address 10.23.0.3 255.255.255.255 \n"), run);
        String pol = r1.exec("show crypto isakmp policy");
        assertTrue(pol.contains("Protection suite of priority 20\n"), pol);
        assertTrue(pol.contains("        authentication method:  Rivest-Shamir-Adleman Signature\n"), pol);
        r1.config("no crypto isakmp identity", "crypto isakmp profile CERTS", "no ca trust-point SWCA", "no match certificate SWMAP");
        run = r1.exec("show running-config");
        assertTrue(!run.contains("crypto isakmp identity") && !run.contains("trust-point") && !run.contains("match certificate"), run);
        // without a certificate the rsa-sig policy is not offered: the pre-shared key one still negotiates
        r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(r1.exec("show crypto isakmp sa detail").contains(" psk "), r1.exec("show crypto isakmp sa detail"));
    }

    @Test
    void showsReadLiveState() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1");
        String idle = r1.exec("show crypto isakmp sa");
        assertTrue(idle.startsWith("IPv4 Crypto ISAKMP SA\ndst             src             state          conn-id status\n\nIPv6"), idle);
        r1.exec("ping 3.3.3.3 source 1.1.1.1");
        String s = r1.exec("show crypto isakmp sa");
        assertTrue(s.contains("10.23.0.3       10.12.0.1       QM_IDLE           1001 ACTIVE\n"), s);
        String d = r1.exec("show crypto isakmp sa detail");
        assertTrue(d.contains("IPv4 Crypto ISAKMP SA\n \nC-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.\n \n"
            + "1001  10.12.0.1       10.23.0.3              ACTIVE aes  sha    psk  14 23:59:"), d);
        assertTrue(d.contains("\n       Engine-id:Conn-id =  SW:1\n         \nIPv6 Crypto ISAKMP SA\n"), d);
        String ip = r1.exec("show crypto ipsec sa");
        assertTrue(ip.contains("interface: GigabitEthernet0/0\n    Crypto map tag: VPN, local addr 10.12.0.1\n"), ip);
        assertTrue(ip.contains("   local  ident (addr/mask/prot/port): (1.1.1.1/255.255.255.255/0/0)\n"), ip);
        assertTrue(ip.contains("    #pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4\n"), ip);
        assertTrue(ip.contains("    #pkts decaps: 4, #pkts decrypt: 4, #pkts verify: 4\n"), ip);
        assertTrue(ip.contains("        transform: esp-aes esp-sha-hmac ,\n        in use settings ={Tunnel, }\n"), ip);
        assertTrue(ip.contains("     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), ip);
        assertTrue(ip.contains("sa timing: remaining key lifetime (k/sec): (4608000/359"), ip);
        assertTrue(r1.exec("show crypto ipsec sa peer 10.23.0.3").equals(ip));
        assertTrue(r1.exec("show crypto ipsec sa peer 10.9.9.9").isEmpty());
        assertTrue(r1.exec("show crypto ipsec sa interface GigabitEthernet0/0").equals(ip));
        String ipd = r1.exec("show crypto ipsec sa detail");
        assertTrue(ipd.contains("##pkts replay failed (rcv): 0"), ipd);
        // the detail form gives the window on both SAs (reference show_crypto_ipsec_sa_detail/01); the short form does not
        String replay = "        IV size: 16 bytes\n        replay detection support: Y  replay window size: 64\n        Status: ACTIVE(ACTIVE)\n";
        assertEquals(2, ipd.split(java.util.regex.Pattern.quote(replay), -1).length - 1, ipd);
        assertTrue(ip.contains("        replay detection support: Y\n        Status: ACTIVE(ACTIVE)\n"), ip);
        String sess = r1.exec("show crypto session");
        // IOS's layout and trailing spaces (reference show_crypto_session/01)
        assertEquals("Crypto session current status\n\n"
            + "Interface: GigabitEthernet0/0\nSession status: UP-ACTIVE     \nPeer: 10.23.0.3 port 500 \n"
            + "  Session ID: 0  \n"
            + "  IKEv1 SA: local 10.12.0.1/500 remote 10.23.0.3/500 Active \n"
            + "  IPSEC FLOW: permit ip host 1.1.1.1 host 3.3.3.3 \n        Active SAs: 2, origin: crypto map\n\n", sess);
        // reference show_crypto_session_detail/01
        String det = r1.exec("show crypto session detail");
        assertTrue(det.startsWith("Crypto session current status\n \n"
            + "Code: C - IKE Configuration mode, D - Dead Peer Detection    \n"
            + "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation    \n"
            + "X - IKE Extended Authentication, F - IKE Fragmentation\n"
            + "R - IKE Auto Reconnect\n \n"
            + "Interface: GigabitEthernet0/0\nSession status: UP-ACTIVE    \n"
            + "Peer: 10.23.0.3 port 500 fvrf: (none) ivrf: (none)\n"
            + "      Phase1_id: 10.23.0.3\n      Desc: (none)\n"
            + "  Session ID: 0 \n"
            + "  IKEv1 SA: local 10.12.0.1/500 remote 10.23.0.3/500 Active\n"
            + "          Capabilities:"), det);
        assertTrue(det.contains("  IPSEC FLOW: permit ip host 1.1.1.1 host 3.3.3.3\n        Active SAs: 2, origin: crypto map\n"), det);
        assertTrue(det.contains("Outbound: #pkts enc'ed 4 drop 0"), det);
        assertTrue(det.endsWith("\n \n"), det);
        assertTrue(r1.exec("show crypto engine connections active").contains("IPsec"));
        String keys = r1.exec("show crypto ipsec sa keys wireshark");
        assertTrue(keys.contains("\"IPv4\",\"10.12.0.1\",\"10.23.0.3\",\"0x"), keys);
        assertTrue(keys.contains("\"AES-CBC [RFC3602]\""), keys);
        // debug never prints keys; clear tears down both SAs
        assertTrue(r1.exec("debug crypto ipsec").contains("Crypto IPSEC debugging is on"));
        r1.exec("clear crypto sa");
        n.run(1);
        assertTrue(r1.router.ipsec().pairs().isEmpty());
        assertTrue(n.get("R3").router.ipsec().pairs().isEmpty(), "the peer got the delete");
        r1.exec("undebug all");
        String again = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(again.contains(".!!!!"), again);
        r1.exec("clear crypto session");
        assertTrue(r1.exec("show crypto isakmp sa").contains("MM_NO_STATE") || r1.router.ipsec().ike().isakmpSas().stream()
            .allMatch(x -> x.deleted()), r1.exec("show crypto isakmp sa"));
        // a deleted SA's status does not run into the Encr column (reference show_crypto_isakmp_sa_detail/02)
        String gone = r1.exec("show crypto isakmp sa detail");
        assertTrue(gone.contains("ACTIVE (deleted) aes  sha    psk  14 "), gone);
        assertTrue(gone.contains("\n       Engine-id:Conn-id =  SW:"), gone);
        assertTrue(gone.endsWith("\n         \nIPv6 Crypto ISAKMP SA\n\n"), gone);
    }
}
