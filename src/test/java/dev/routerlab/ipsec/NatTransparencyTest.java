package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Udp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `no crypto ipsec nat-transparency udp-encapsulation` (RFC 3947 off: no NAT-T vendor ID, no
 * NAT-D, no float to 4500), and peers behind one PAT told apart by address and port (RFC 3947 §5):
 * <pre>
 *   R1 Lo0 1.1.1.1 192.168.12.1 --- Gi0/0 [R2 PAT] Gi0/1 10.23.0.2 --- R3 --- 10.34.0.4 R4 Lo0 4.4.4.4
 *   R5 Lo0 5.5.5.5 192.168.25.5 --- Gi0/2
 * </pre>
 */
class NatTransparencyTest {
    static final String OFF = "no crypto ipsec nat-transparency udp-encapsulation";

    /** The PAT lab with R5 behind R2 too, a crypto map from each to R4 and R4's entry 20 for 5.5.5.5. */
    static Net twoInside(List<byte[]> wire) {
        Net n = NatTraversalMtuTest.lab(wire == null ? null : (b, off, len) -> wire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        return withR5(n, CryptoLab.cryptoMap("10.34.0.4", "5.5.5.5", "4.4.4.4"));
    }

    /** R5 behind R2 with its IPsec configuration, and R4's crypto map entry 20 for 5.5.5.5. */
    static Net withR5(Net n, String[] r5Ipsec) {
        Net.Node r2 = n.get("R2"), r4 = n.get("R4"), r5 = n.router("R5");
        n.wire(r5, "Gi0/0", r2, "Gi0/2", CryptoLab.HALF_MS);
        r2.config("interface GigabitEthernet0/2", "ip address 192.168.25.2 255.255.255.0", "ip nat inside", "no shutdown",
            "access-list 1 permit 192.168.25.0 0.0.0.255");
        r5.config("interface Loopback0", "ip address 5.5.5.5 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 192.168.25.5 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 192.168.25.2");
        r5.config(r5Ipsec);
        r4.config("access-list 102 permit ip host 4.4.4.4 host 5.5.5.5",
            "crypto map VPN 20 ipsec-isakmp", "set peer 10.23.0.2", "set transform-set TS", "match address 102");
        if (r4.exec("show running-config").contains("crypto ikev2 profile PROF")) r4.config("crypto map VPN 20", "set ikev2-profile PROF");
        r5.pending();
        r4.pending();
        r2.exec("ping 192.168.25.5");
        return n;
    }

    @Test
    void theCommandParsesShowsOnlyWhenOffAndHelps() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        String help = r.exec("crypto ipsec ?");
        assertTrue(help.contains("  nat-transparency      IPsec NAT transparency model\n"), help);
        r.session.clearPending();
        assertEquals("  udp-encapsulation  UDP encapsulation\n\n", r.exec("crypto ipsec nat-transparency ?"));
        r.session.clearPending();
        assertFalse(r.running().contains("nat-transparency"));
        r.execAll("crypto ipsec transform-set TS esp-aes esp-sha-hmac", OFF);
        assertTrue(r.running().contains("crypto ipsec transform-set TS esp-aes esp-sha-hmac \n mode tunnel\n" + OFF + "\n!\n"),
            r.running());
        assertFalse(r.config().crypto.natTransparency);
        r.exec("crypto ipsec nat-transparency udp-encapsulation");
        assertFalse(r.running().contains("nat-transparency"), r.running());
        r.execAll(OFF, "default crypto ipsec nat-transparency udp-encapsulation");
        assertFalse(r.running().contains("nat-transparency"), r.running());
        r.execAll("no crypto ipsec transform-set TS", OFF);
        assertTrue(r.running().contains("!\n" + OFF + "\n!\n"), r.running());
    }

    /** Without NAT: R1 offers no NAT-T vendor ID (RFC 3947 §3.1), R3 hears none; ESP is protocol 50 either way. */
    @Test
    void offSendsNoNatTVendorId() {
        Net n = CryptoLab.plain();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        r1.config(CryptoLab.cryptoMap("10.23.0.3", "1.1.1.1", "3.3.3.3", OFF));
        r3.config(CryptoLab.cryptoMap("10.12.0.1", "3.3.3.3", "1.1.1.1"));
        r1.pending();
        r3.pending();
        n.get("R2").exec("ping 10.12.0.1");
        n.get("R2").exec("ping 10.23.0.3");
        r1.exec("debug crypto isakmp");
        r3.exec("debug crypto isakmp");
        r1.exec("ping 3.3.3.3 source 1.1.1.1");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("!!!!!"), out + r3.pending() + r3.exec("show running-config"));
        String d1 = r1.pending(), d3 = r3.pending();
        assertFalse(d1.contains("constructed NAT-T vendor-rfc3947 ID"), d1);
        assertFalse(d3.contains("vendor ID is NAT-T RFC 3947"), d3);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("{Tunnel, }") && !sa.contains("UDP-Encaps"), sa);
    }

    /**
     * Through PAT with NAT-T off: IKE stays on 500, ESP crosses as protocol 50, which R2 translates
     * as IOS does without SPI matching (port 0, one inside host per outside peer): R5's SAs with
     * R4 come up on IKE (its own port 500 mapping), but R2 drops its ESP, and R1's flow goes on.
     */
    @Test
    void offThroughPatSendsProtocol50() {
        List<byte[]> wire = new ArrayList<>();
        Net n = twoInside(wire);
        Net.Node r1 = n.get("R1"), r2 = n.get("R2"), r4 = n.get("R4"), r5 = n.get("R5");
        r1.config(OFF);
        r4.config(OFF);
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        String out = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(out.contains("!!!!!"), out);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("{Tunnel, }") && !sa.contains("UDP-Encaps") && sa.contains("current_peer 10.34.0.4 port 500\n"), sa);
        int esp = 0, natT = 0;
        for (byte[] f : wire) {
            int ip = Ethernet.HEADER_LEN;
            if (Bytes.u16(f, 12) != 0x0800) continue;
            if (Ipv4.protocol(f, ip) == Ipv4.PROTO_ESP) esp++;
            if (Ipv4.protocol(f, ip) == Ipv4.PROTO_UDP && Udp.destinationPort(f, ip + Ipv4.headerLength(f, ip)) == 4500) natT++;
        }
        assertTrue(esp >= 10 && natT == 0, esp + " ESP, " + natT + " UDP 4500");
        assertTrue(r2.exec("show ip nat translations").contains(
            "udp 10.23.0.2:500      192.168.12.1:500   10.34.0.4:500      10.34.0.4:500\n"
            + "esp 10.23.0.2:0        192.168.12.1:0     10.34.0.4:0        10.34.0.4:0\n"));
        r5.config(OFF);
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        out = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(out.contains("Success rate is 0 percent (0/5)"), out);
        String isa = r4.exec("show crypto isakmp sa");
        assertTrue(isa.contains("QM_IDLE           1001 ACTIVE\n") && isa.contains("QM_IDLE           1002 ACTIVE\n"), isa);
        assertTrue(r5.exec("show crypto ipsec sa").contains("#pkts decaps: 0,"));
        String st = r2.exec("show ip nat statistics");
        assertTrue(st.contains("In-to-out drops: 9  Out-to-in drops: 0\n"), st);
        out = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(out.contains("!!!!!"), out);
    }

    /**
     * R1 and R5 behind one PAT, each with its SA pair to R4: R4 tells them apart by port (RFC 3947
     * §5): R5's INITIAL-CONTACT (RFC 2407 §4.6.3.3) does not delete R1's SAs, a Delete for R1's
     * SA goes over R1's ISAKMP SA, and when DPD finds R5 dead R4 deletes R5's SAs alone.
     */
    @Test
    void twoPeersBehindOnePatKeepTheirSas() {
        Net n = twoInside(null);
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r4.config("crypto isakmp keepalive 10 periodic");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        String a = r1.exec("ping 4.4.4.4 source 1.1.1.1"), b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
        String isa = r4.exec("show crypto isakmp sa");
        assertTrue(isa.contains("10.34.0.4       10.23.0.2       QM_IDLE           1001 ACTIVE\n"
            + "10.34.0.4       10.23.0.2       QM_IDLE           1002 ACTIVE\n"), isa);
        String sa = r4.exec("show crypto ipsec sa");
        assertEquals(4, sa.split("Status: ACTIVE").length - 1, sa);
        assertTrue(sa.contains("(1.1.1.1/255.255.255.255/0/0)\n   current_peer 10.23.0.2 port 4500\n")
            && sa.contains("(5.5.5.5/255.255.255.255/0/0)\n   current_peer 10.23.0.2 port 4501\n"), sa);
        String session = r4.exec("show crypto session");
        assertTrue(session.contains("Peer: 10.23.0.2 port 4500 \n  Session ID: 0  \n"
            + "  IKEv1 SA: local 10.34.0.4/4500 remote 10.23.0.2/4500 Active \n"
            + "  IPSEC FLOW: permit ip host 4.4.4.4 host 1.1.1.1 \n        Active SAs: 2, origin: crypto map\n\n")
            && session.contains("Peer: 10.23.0.2 port 4501 \n  Session ID: 0  \n"
            + "  IKEv1 SA: local 10.34.0.4/4500 remote 10.23.0.2/4501 Active \n"
            + "  IPSEC FLOW: permit ip host 4.4.4.4 host 5.5.5.5 \n        Active SAs: 2, origin: crypto map\n\n"), session);

        r4.config("no crypto map VPN 10");                 // its Delete goes to R1, over R1's ISAKMP SA
        n.run(1);
        assertEquals(0, r1.router.ipsec().pairs().size(), "R1 heard the Delete");
        assertEquals(1, r5.router.ipsec().pairs().size());
        r4.config("crypto map VPN 10 ipsec-isakmp", "set peer 10.23.0.2", "set transform-set TS", "match address 101");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");

        r5.config("interface GigabitEthernet0/0", "shutdown");
        n.run(60);
        isa = r4.exec("show crypto isakmp sa");
        assertTrue(isa.contains("QM_IDLE           1001 ACTIVE\n") && !isa.contains("QM_IDLE           1002"), isa);
        assertEquals(2, r4.exec("show crypto ipsec sa").split("Status: ACTIVE").length - 1);
        a = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(a.contains("!!!!!"), a);
    }

    /**
     * IKEv2 as well: R5's INITIAL_CONTACT (RFC 7296 §2.4) leaves R1's IKE SA, another address and
     * port; `show crypto session` lists each host behind the PAT as a session of its own.
     */
    /** The PAT lab over IKEv2: R1 and R5 behind R2, each with its crypto map to R4, R4's profile matching both. */
    static Net twoIkev2Inside() {
        Net n = withR5(NatTraversalMtuTest.lab(null,
            Ikev2RouterTest.ikev2("10.34.0.4", "cisco123", Ikev2RouterTest.map("10.34.0.4", "1.1.1.1", "4.4.4.4")),
            Ikev2RouterTest.ikev2("10.23.0.2", "cisco123", Ikev2RouterTest.map("10.23.0.2", "4.4.4.4", "1.1.1.1"))),
            Ikev2RouterTest.ikev2("10.34.0.4", "cisco123", Ikev2RouterTest.map("10.34.0.4", "5.5.5.5", "4.4.4.4")));
        n.get("R4").config("crypto ikev2 profile PROF", "match identity remote address 192.168.12.1 255.255.255.255",
            "match identity remote address 192.168.25.5 255.255.255.255");
        return n;
    }

    @Test
    void twoIkev2PeersBehindOnePat() {
        Net n = twoIkev2Inside();
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        String a = r1.exec("ping 4.4.4.4 source 1.1.1.1"), b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
        String sa = r4.exec("show crypto ikev2 sa");
        assertTrue(sa.contains("10.34.0.4/4500        10.23.0.2/4500        none/none            READY  \n")
            && sa.contains("10.34.0.4/4500        10.23.0.2/4501        none/none            READY  \n"), sa);
        String session = r4.exec("show crypto session");
        assertTrue(session.contains("Peer: 10.23.0.2 port 4500 \n  Session ID: 1  \n"
            + "  IKEv2 SA: local 10.34.0.4/4500 remote 10.23.0.2/4500 Active \n"
            + "  IPSEC FLOW: permit ip host 4.4.4.4 host 1.1.1.1 \n        Active SAs: 2, origin: crypto map\n\n")
            && session.contains("Peer: 10.23.0.2 port 4501 \n  Session ID: 2  \n"
            + "  IKEv2 SA: local 10.34.0.4/4500 remote 10.23.0.2/4501 Active \n"
            + "  IPSEC FLOW: permit ip host 4.4.4.4 host 5.5.5.5 \n        Active SAs: 2, origin: crypto map\n\n"), session);
    }
}
