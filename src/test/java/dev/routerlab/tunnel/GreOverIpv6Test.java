package dev.routerlab.tunnel;

import dev.routerlab.ip.Net;
import dev.routerlab.link.FrameTap;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv6;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `tunnel mode gre ipv6` (RFC 7676): R1 and R3 tunnel IPv4 and IPv6 over an IPv6-only R2. The
 * outer header is IPv6 with next header 47, the 40-byte header is counted in the tunnel's MTUs,
 * the line protocol follows the IPv6 route to the destination, and nothing is fragmented in transit.
 */
class GreOverIpv6Test {
    /** R1 Gi0/0 2001:DB8:12::1 - R2 - 2001:DB8:23::3 R3 Gi0/0; Tunnel0 172.16.13.0/30 and 2001:DB8:13::/64 inside. */
    static Net lab(List<byte[]> onWire) {
        return lab(new Net(), (b, off, len) -> onWire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
    }

    /** The topology in net, R1-R2's wire seen by tap. */
    static Net lab(Net net, FrameTap tap) {
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0").capture(tap);
        net.wire(r2, "Gi0/1", r3, "Gi0/0");
        r1.config("ipv6 unicast-routing", "interface Loopback0", "ip address 1.1.1.1 255.255.255.255", "ipv6 address 2001:DB8:1::1/64",
                "interface GigabitEthernet0/0", "ipv6 address 2001:DB8:12::1/64", "no shutdown",
                "interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "ipv6 address 2001:DB8:13::1/64",
                "tunnel source GigabitEthernet0/0", "tunnel destination 2001:DB8:23::3", "tunnel mode gre ipv6", "exit",
                "ipv6 route 2001:DB8:23::/64 2001:DB8:12::2", "ip route 3.3.3.3 255.255.255.255 Tunnel0",
                "ipv6 route 2001:DB8:3::/64 Tunnel0");
        r2.config("ipv6 unicast-routing", "interface GigabitEthernet0/0", "ipv6 address 2001:DB8:12::2/64", "no shutdown",
                "interface GigabitEthernet0/1", "ipv6 address 2001:DB8:23::2/64", "no shutdown");
        r3.config("ipv6 unicast-routing", "interface Loopback0", "ip address 3.3.3.3 255.255.255.255", "ipv6 address 2001:DB8:3::3/64",
                "interface GigabitEthernet0/0", "ipv6 address 2001:DB8:23::3/64", "no shutdown",
                "interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "ipv6 address 2001:DB8:13::3/64",
                "tunnel source 2001:DB8:23::3", "tunnel destination 2001:DB8:12::1", "tunnel mode gre ipv6", "exit",
                "ipv6 route 2001:DB8:12::/64 2001:DB8:23::2", "ip route 1.1.1.1 255.255.255.255 Tunnel0",
                "ipv6 route 2001:DB8:1::/64 2001:DB8:13::1");
        net.run(5);
        return net;
    }

    @Test
    void ipv4AndIpv6CrossAnIpv6OnlyCore() {
        List<byte[]> wire = new ArrayList<>();
        Net net = lab(wire);
        Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");
        r1.exec("ping ipv6 2001:DB8:23::3");                       // the underlay's ND
        String p4 = r1.exec("ping 3.3.3.3 source Loopback0");
        assertTrue(p4.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p4);
        String p6 = r1.exec("ping ipv6 2001:DB8:3::3");
        assertTrue(p6.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p6);
        assertEquals(0, r2.router.ip().stats().received, "R2 runs no IPv4: everything crossed it as IPv6");
        assertTrue(r2.router.ipv6().stats().forwarded >= 20);
        int gre4 = 0, gre6 = 0;
        for (byte[] f : wire) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) != 0x86dd || Ipv6.nextHeader(f, 14) != Ipv6.NH_GRE) continue;
            assertEquals(255, Ipv6.hopLimit(f, 14) + (Ipv6.source(f, 14).toString().equals("2001:DB8:23::3") ? 1 : 0), "hop limit 255 at the entry");
            int proto = Gre.protocolType(f, 14 + Ipv6.HEADER_LEN);
            if (proto == Gre.PROTO_IPV4) gre4++;
            if (proto == Gre.PROTO_IPV6) gre6++;
        }
        assertTrue(gre4 >= 10 && gre6 >= 10, gre4 + " IPv4 and " + gre6 + " IPv6 packets in GRE over IPv6");
        String brief = r3.exec("show ip interface brief");
        assertTrue(brief.contains("Tunnel0                    172.16.13.2     YES manual up                    up"), brief);
    }

    @Test
    void showInterfacesCountsTheFortyByteHeader() {
        Net net = lab(new ArrayList<>());
        Net.Node r1 = net.get("R1"), r3 = net.get("R3");
        String s = r1.exec("show interfaces Tunnel0");
        assertTrue(s.startsWith("Tunnel0 is up, line protocol is up \n  Hardware is Tunnel\n"), s);
        assertTrue(s.contains("  MTU 17896 bytes, BW 100 Kbit/sec, DLY 50000 usec, \n"), s);
        assertTrue(s.contains("  Tunnel source 2001:DB8:12::1 (GigabitEthernet0/0), destination 2001:DB8:23::3\n"), s);
        assertTrue(s.contains("  Tunnel protocol/transport GRE/IPv6\n    Key disabled, sequencing disabled\n"), s);
        assertTrue(s.contains("  Tunnel transport MTU 1456 bytes\n"), s);
        assertTrue(r3.exec("show interfaces Tunnel0").contains("  Tunnel source 2001:DB8:23::3 (GigabitEthernet0/0), destination 2001:DB8:12::1\n"));
        assertTrue(r1.exec("show ipv6 interface Tunnel0").contains("  MTU is 1456 bytes\n"));
        assertTrue(r1.exec("show ip interface Tunnel0").contains("  MTU is 1456 bytes\n"));
        String run = r1.exec("show running-config interface Tunnel0");
        assertTrue(run.contains(" tunnel source GigabitEthernet0/0\n tunnel destination 2001:DB8:23::3\n tunnel mode gre ipv6\n"), run);
    }

    @Test
    void lineProtocolFollowsTheIpv6Transport() {
        Net net = lab(new ArrayList<>());
        Net.Node r1 = net.get("R1");
        r1.config("no ipv6 route 2001:DB8:23::/64 2001:DB8:12::2");
        net.run(1);
        String s = r1.exec("show interfaces Tunnel0");
        assertTrue(s.contains("Tunnel0 is up, line protocol is down"), s);
        assertTrue(s.contains("Tunnel linestate evaluation down - transport reg down"), s);
        r1.config("ipv6 route 2001:DB8:23::/64 2001:DB8:12::2");
        net.run(1);
        assertTrue(r1.exec("show interfaces Tunnel0").contains("line protocol is up"));
        r1.config("interface Tunnel0", "tunnel mode gre ip");            // an IPv4 transport: Gi0/0 has no IPv4 address
        net.run(1);
        String v4 = r1.exec("show interfaces Tunnel0");
        assertTrue(v4.contains("down - no source") && v4.contains("Tunnel protocol/transport GRE/IP\n"), v4);
        r1.config("interface Tunnel0", "tunnel mode gre ipv6", "no tunnel destination");
        net.run(1);
        String nd = r1.exec("show interfaces Tunnel0");
        assertTrue(nd.contains("down - no destination") && nd.contains("  Tunnel source 2001:DB8:12::1 (GigabitEthernet0/0)\n"), nd);
        r1.config("interface Tunnel0", "tunnel destination 2001:DB8:23::3", "interface GigabitEthernet0/0", "no ipv6 address 2001:DB8:12::1/64");
        net.run(1);
        String ns = r1.exec("show interfaces Tunnel0");
        assertTrue(ns.contains("down - no source") && ns.contains("  Tunnel source UNKNOWN (GigabitEthernet0/0), destination 2001:DB8:23::3\n"), ns);
    }

    @Test
    void largePacketsAreFragmentedOnlyAtTheirSource() {
        Net net = lab(new ArrayList<>());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");
        r1.exec("ping ipv6 2001:DB8:23::3");
        // IPv6 inside: the tunnel's 1456 bytes are the limit; R1's own 1457 bytes leave it (the source) in two
        // fragments (RFC 8200 §4.5), R3's reply the same way; what R1 forwards it never fragments (TunnelMtuTest)
        String fits6 = r1.exec("ping ipv6 2001:DB8:3::3 size 1456 repeat 2");
        assertTrue(fits6.contains("Success rate is 100 percent (2/2)"), fits6);
        assertEquals(0, r1.router.ipv6().stats().fragmented);
        String big6 = r1.exec("ping ipv6 2001:DB8:3::3 size 1457 repeat 1");
        assertTrue(big6.contains("Success rate is 100 percent (1/1)"), big6);
        assertEquals(1, r1.router.ipv6().stats().fragmented);
        assertEquals(2, r1.router.ipv6().stats().fragmentsCreated);
        assertEquals(1, r3.router.ipv6().stats().fragmented);
        assertEquals(1, r3.router.ipv6().stats().reassembled);
        // IPv4 inside with DF: refused at the tunnel's IP MTU; without DF: fragmented before encapsulation
        String df = r1.exec("ping 3.3.3.3 size 1457 df-bit repeat 1");
        assertTrue(df.contains("M"), df);
        String frag = r1.exec("ping 3.3.3.3 size 3000 repeat 2");
        assertTrue(frag.contains("Success rate is 100 percent (2/2)"), frag);
        // a smaller link MTU in the core: R2 answers Packet Too Big and never fragments the outer packet
        r2.config("interface GigabitEthernet0/1", "ipv6 mtu 1400");
        long before = r2.router.ipv6().stats().tooBig;
        r1.exec("ping 3.3.3.3 size 1450 repeat 1");
        assertTrue(r2.router.ipv6().stats().tooBig > before);
    }

    /**
     * RFC 7676 §3.2 / RFC 8201: R2's Packet Too Big about an outer packet lowers R1's path MTU to
     * R3, so the tunnel's MTU falls by as much (DF: refused at the entry; else fragmented before
     * encapsulation, the outer packets fitting the core); ten minutes later the estimate is forgotten.
     */
    @Test
    void packetTooBigLowersTheTunnelMtuUntilItAges() {
        Net net = lab(new ArrayList<>());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r2.config("interface GigabitEthernet0/1", "ipv6 mtu 1400");
        r1.exec("ping ipv6 2001:DB8:23::3");
        String first = r1.exec("ping 3.3.3.3 size 1456 df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent"), first);           // R2 refused the 1500-byte outer packet
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Tunnel transport MTU 1356 bytes\n"));
        assertTrue(r1.exec("show ip interface Tunnel0").contains("  MTU is 1356 bytes\n"));
        assertTrue(r1.exec("show ipv6 interface Tunnel0").contains("  MTU is 1356 bytes\n"));
        String df = r1.exec("ping 3.3.3.3 size 1357 df-bit repeat 2");
        assertTrue(df.contains("\nM.\n"), df);        // refused at the entry now (the second rate limited, as in 03-mtu)
        String fits = r1.exec("ping 3.3.3.3 size 1356 df-bit repeat 2");
        assertTrue(fits.contains("Success rate is 100 percent (2/2)"), fits);
        long refused = r2.router.ipv6().stats().tooBig;
        String frag = r1.exec("ping 3.3.3.3 size 3000 repeat 2");
        assertTrue(frag.contains("Success rate is 100 percent (2/2)"), frag);
        assertEquals(refused, r2.router.ipv6().stats().tooBig, "fragmented before encapsulation: every outer packet fits the core");
        net.run(601);
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Tunnel transport MTU 1456 bytes\n"));
    }

    @Test
    void keepalivesOverIpv6TakeTheLineProtocolDownAndBackUp() {
        Net net = lab(new ArrayList<>());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");
        r1.config("interface Tunnel0", "keepalive 2 3");
        r3.config("interface Tunnel0", "keepalive 2 3");
        net.run(10);
        GreTunnel g1 = ((GreInterface) r1.router.ip().get(dev.routerlab.config.InterfaceName.parse("Tunnel0")).tunnel()).gre();
        assertTrue(g1.keepalivesSent() >= 4 && g1.keepalivesReceived() >= 3, g1.keepalivesSent() + "/" + g1.keepalivesReceived());
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Keepalive set (2 sec), retries 3\n"));
        r2.config("interface GigabitEthernet0/1", "shutdown");       // R1's transport route stays: only keepalives can tell
        net.run(12);
        String down = r1.exec("show interfaces Tunnel0");
        assertTrue(down.contains("line protocol is down") && down.contains("down - keepalive down"), down);
        r2.config("interface GigabitEthernet0/1", "no shutdown");
        net.run(8);
        assertTrue(r1.exec("show interfaces Tunnel0").contains("line protocol is up"));
        assertTrue(r3.exec("show interfaces Tunnel0").contains("line protocol is up"));
    }
}
