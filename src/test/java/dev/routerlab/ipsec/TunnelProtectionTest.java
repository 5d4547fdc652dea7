package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GRE Tunnel0 R1-R3 over R2 with `tunnel protection ipsec profile P`, and the VTI variant. */
class TunnelProtectionTest {
    static Net lab(String tsMode, boolean vti) {
        Net n = CryptoLab.plain();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        r1.config(common("10.23.0.3", tsMode));
        r3.config(common("10.12.0.1", tsMode));
        r1.config("interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3", vti ? "tunnel mode ipsec ipv4" : "tunnel mode gre ip",
            "tunnel protection ipsec profile P", "ip route 3.3.3.3 255.255.255.255 Tunnel0");
        r3.config("interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", vti ? "tunnel mode ipsec ipv4" : "tunnel mode gre ip",
            "tunnel protection ipsec profile P", "ip route 1.1.1.1 255.255.255.255 Tunnel0");
        for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
        n.get("R2").exec("ping 10.12.0.1");
        n.get("R2").exec("ping 10.23.0.3");
        return n;
    }

    static String[] common(String peer, String tsMode) {
        return new String[] {"crypto isakmp policy 10", "encryption aes", "hash sha", "authentication pre-share", "group 14",
            "crypto isakmp key cisco123 address " + peer,
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "mode " + tsMode,
            "crypto ipsec profile P", "set transform-set TS"};
    }

    @ParameterizedTest
    @ValueSource(strings = {"transport", "tunnel", "vti"})
    void protectedTunnel(String variant) {
        boolean vti = variant.equals("vti");
        String tsMode = vti ? "tunnel" : variant;
        Net n = lab(tsMode, vti);
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), out);
        String isa = r1.exec("show crypto isakmp sa");
        assertTrue(isa.contains("10.23.0.3       10.12.0.1       QM_IDLE           1001 ACTIVE\n"), isa);
        IpsecEngine c1 = r1.router.ipsec(), c3 = r3.router.ipsec();
        assertEquals(1, c1.pairs().size(), "one ESP SA pair on R1");
        assertEquals(1, c3.pairs().size(), "one ESP SA pair on R3");
        SaPair p1 = c1.pairs().get(0), p3 = c3.pairs().get(0);
        assertEquals(p1.child.outboundSpi(), p3.child.inboundSpi());
        assertEquals(4, p1.out().counters().encaps());
        assertEquals(4, p1.in.counters().decaps());
        assertEquals(4, p3.out().counters().encaps());
        String ip = r1.exec("show crypto ipsec sa");
        assertTrue(ip.contains("interface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr 10.12.0.1\n"), ip);
        assertTrue(ip.contains("    #pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4\n"), ip);
        assertTrue(ip.contains("    #pkts decaps: 4, #pkts decrypt: 4, #pkts verify: 4\n"), ip);
        if (vti) {
            assertTrue(ip.contains("   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)\n"), ip);
            assertTrue(ip.contains("in use settings ={Tunnel, }"), ip);
        } else {
            assertTrue(ip.contains("   local  ident (addr/mask/prot/port): (10.12.0.1/255.255.255.255/47/0)\n"), ip);
            assertTrue(ip.contains("   remote ident (addr/mask/prot/port): (10.23.0.3/255.255.255.255/47/0)\n"), ip);
            assertTrue(ip.contains(variant.equals("transport") ? "in use settings ={Transport, }" : "in use settings ={Tunnel, }"), ip);
        }
        // transport mode keeps the GRE packet's own header: 20 bytes more plaintext than tunnel mode
        String mtu = variant.equals("transport") ? "1458" : "1438";
        assertTrue(ip.contains("     plaintext mtu " + mtu + ", path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), ip);
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 repeat 10");
        assertTrue(out.contains("!!!!!!!!!!\n"), out);
        assertEquals(14, p1.out().counters().encaps());
        assertEquals(14, p3.in.counters().decaps());
        assertTrue(r1.exec("show crypto ipsec sa").contains("    #pkts encaps: 14, #pkts encrypt: 14, #pkts digest: 14\n"));
        // the wire between R1 and R2 carries only ESP (and IKE), never clear GRE or ICMP to 3.3.3.3
        assertTrue(r1.exec("show crypto session").contains("Interface: Tunnel0\n"), r1.exec("show crypto session"));
        assertTrue(r1.exec("show crypto map").contains("Tunnel0-head-0"), r1.exec("show crypto map"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"transport", "tunnel", "vti"})
    void clearGreIsRejected(String variant) {
        boolean vti = variant.equals("vti");
        Net n = lab(vti ? "tunnel" : variant, vti);
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        // R3 drops its protection (a VTI falls back to plain GRE): its GRE arrives at R1 in clear and is dropped
        r3.config("interface Tunnel0", "no tunnel protection ipsec profile P", "tunnel mode gre ip");
        long before = r1.router.ipsec().clearDropped();
        String out = r3.exec("ping 1.1.1.1 source 3.3.3.3");
        assertTrue(out.contains("Success rate is 0 percent"), out);
        assertTrue(r1.router.ipsec().clearDropped() > before);
    }

    /** IOS: a shut tunnel (or one whose protection goes) deletes its IPsec and IKE SAs, telling the peer; `no shutdown` renegotiates on demand. */
    @ParameterizedTest
    @ValueSource(strings = {"shutdown", "no tunnel protection ipsec profile P"})
    void shutOrUnprotectDeletesSas(String how) {
        Net n = lab("tunnel", false);
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        assertTrue(r1.exec("ping 3.3.3.3 source 1.1.1.1").contains(".!!!!\n"));
        r1.exec("debug crypto isakmp");
        String cfg = r1.config("interface Tunnel0", how);
        n.run(1);
        cfg += r1.pending();
        assertTrue(cfg.contains("ISAKMP:(1001):deleting SA reason \"No reason\" state (I) QM_IDLE (peer 10.23.0.3)"), cfg);
        String deleted = "10.23.0.3       10.12.0.1       MM_NO_STATE       1001 ACTIVE (deleted)\n";
        String isa1 = r1.exec("show crypto isakmp sa"), isa3 = r3.exec("show crypto isakmp sa");
        assertTrue(isa1.contains(deleted), isa1);
        assertTrue(isa3.contains(deleted), isa3);
        assertEquals(0, r1.router.ipsec().pairs().size());
        assertEquals(0, r3.router.ipsec().pairs().size(), "R3 heard the Delete");
        String ip3 = r3.exec("show crypto ipsec sa");
        assertTrue(ip3.contains("     current outbound spi: 0x0(0)\n") && !ip3.contains("      spi: 0x"), ip3);
        r1.exec("undebug all");
        r1.config("interface Tunnel0", how.equals("shutdown") ? "no shutdown" : "tunnel protection ipsec profile P");
        n.run(1);
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains(".!!!!\n"), out);
        assertEquals(1, r1.router.ipsec().pairs().size());
        isa1 = r1.exec("show crypto isakmp sa");
        assertTrue(isa1.contains("10.23.0.3       10.12.0.1       QM_IDLE           1002 ACTIVE\n"), isa1);
    }
}
