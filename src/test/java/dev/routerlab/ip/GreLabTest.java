package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** R1 - R2 - R3 with a GRE tunnel R1-R3 over R2, in virtual time (0.5 ms per wire). */
class GreLabTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    private final Net net = Net.greLab(HALF_MS);
    private final Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");

    /** "N packets input/output" of `show interfaces X`. */
    static long[] io(Net.Node n, String iface) {
        String s = n.exec("show interfaces " + iface);
        Matcher in = Pattern.compile("(\\d+) packets input, (\\d+) bytes").matcher(s);
        Matcher out = Pattern.compile("(\\d+) packets output, (\\d+) bytes").matcher(s);
        assertTrue(in.find() && out.find(), s);
        return new long[] {Long.parseLong(in.group(1)), Long.parseLong(out.group(1)), Long.parseLong(in.group(2)), Long.parseLong(out.group(2))};
    }

    @Test
    void firstPingToAnUnresolvedNeighbourLosesItsFirstEcho() {
        assertEquals("""
            Type escape sequence to abort.
            Sending 5, 100-byte ICMP Echos to 10.12.0.2, timeout is 2 seconds:
            .!!!!
            Success rate is 80 percent (4/5), round-trip min/avg/max = 1/1/1 ms
            """, r1.exec("ping 10.12.0.2"));
        assertTrue(r1.exec("ping 10.12.0.2").contains("!!!!!\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/1/1 ms\n"));
        String arp = r1.exec("show ip arp");
        assertTrue(arp.startsWith("Protocol  Address          Age (min)  Hardware Addr   Type   Interface\n"), arp);
        assertTrue(arp.contains("Internet  10.12.0.1               -   " + r1.iface("Gi0/0").macAddress() + "  ARPA   GigabitEthernet0/0\n"), arp);
        assertTrue(arp.contains("Internet  10.12.0.2               0   " + r2.iface("Gi0/0").macAddress() + "  ARPA   GigabitEthernet0/0\n"), arp);
        // through the tunnel R2 still has to resolve R3: again one echo lost, then none
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("""
            Packet sent with a source address of 1.1.1.1
            .!!!!
            Success rate is 80 percent (4/5), round-trip min/avg/max = 2/2/2 ms
            """));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!\n"));
        // clear arp-cache: resolution starts over
        r1.exec("clear arp-cache");
        assertEquals(1, r1.exec("show ip arp").lines().count() - 1, "only the own entry is left");
        assertTrue(r1.exec("ping 10.12.0.2").contains(".!!!!\n"));
        // ARP entries age out after 4 hours
        net.run(4 * 3600 + 60);
        assertTrue(r1.exec("ping 10.12.0.2").contains(".!!!!\n"));
    }

    @Test
    void tunnelCountersGrowByExactlyThePacketsSent() {
        r1.exec("ping 3.3.3.3 source Loopback0");       // resolve ARP along the path
        long[] t1 = io(r1, "Tunnel0"), t3 = io(r3, "Tunnel0"), g2 = io(r2, "GigabitEthernet0/0"), g21 = io(r2, "GigabitEthernet0/1");
        String out = r1.exec("ping 3.3.3.3 source Loopback0 repeat 7 size 200");
        assertTrue(out.contains("!!!!!!!\nSuccess rate is 100 percent (7/7)"), out);
        long[] u1 = io(r1, "Tunnel0"), u3 = io(r3, "Tunnel0"), h2 = io(r2, "GigabitEthernet0/0"), h21 = io(r2, "GigabitEthernet0/1");
        assertEquals(7, u1[1] - t1[1], "R1 Tunnel0 output");
        assertEquals(7, u1[0] - t1[0], "R1 Tunnel0 input");
        assertEquals(7 * 200, u1[3] - t1[3], "R1 Tunnel0 output bytes: the passenger packets");
        assertEquals(7, u3[0] - t3[0], "R3 Tunnel0 input");
        assertEquals(7, u3[1] - t3[1], "R3 Tunnel0 output");
        assertEquals(7, h2[0] - g2[0], "R2 Gi0/0 input");
        assertEquals(7, h2[1] - g2[1], "R2 Gi0/0 output");
        assertEquals(7 * (200 + 24 + 14), h2[2] - g2[2], "R2 Gi0/0 input bytes: frames with GRE/IP");
        assertEquals(7, h21[0] - g21[0]);
        assertEquals(7, h21[1] - g21[1]);
        // clear counters asks, clears, logs
        String c = r1.answer("").exec("clear counters");
        assertTrue(c.startsWith("Clear \"show interface\" counters on all interfaces [confirm]\n"), c);
        assertTrue(c.contains("%CLEAR-5-COUNTERS: Clear counter on all interfaces by console"), c);
        String s = r1.exec("show interfaces Tunnel0");
        assertTrue(s.contains("     0 packets input, 0 bytes, 0 no buffer\n") && s.contains("     0 packets output, 0 bytes, 0 underruns\n"), s);
        assertTrue(s.contains("  Last clearing of \"show interface\" counters 00:00:00\n"), s);
    }

    @Test
    void tracerouteThroughTheTunnel() {
        r1.exec("ping 3.3.3.3");
        net.run(1);
        assertEquals("""
            Type escape sequence to abort.
            Tracing the route to 3.3.3.3
            VRF info: (vrf in name/id, vrf out name/id)
              1 172.16.13.2 2 msec *  2 msec
            """, r1.exec("traceroute 3.3.3.3"));
        net.run(1);
        // without the tunnel route: two hops through R2, R2's ICMP is not rate limited
        r1.config("no ip route 3.3.3.3 255.255.255.255 Tunnel0", "ip route 3.3.3.3 255.255.255.255 10.12.0.2");
        r2.config("ip route 3.3.3.3 255.255.255.255 10.23.0.3");
        r3.config("no ip route 1.1.1.1 255.255.255.255 Tunnel0");
        assertEquals("""
            Type escape sequence to abort.
            Tracing the route to 3.3.3.3
            VRF info: (vrf in name/id, vrf out name/id)
              1 10.12.0.2 1 msec 1 msec 1 msec
              2 10.23.0.3 2 msec *  2 msec
            """, r1.exec("traceroute 3.3.3.3"));
    }

    /** IOS prints the hop number as `%3d ` and each lost probe as ` * ` (reference traceroute/02, 03, 04). */
    @Test
    void tracerouteTimeoutsAreLaidOutAsOnIos() {
        r1.exec("ping 10.23.0.3");
        net.run(1);
        r3.config("no ip route 10.12.0.0 255.255.255.0 10.23.0.2");
        assertEquals("""
            Type escape sequence to abort.
            Tracing the route to 10.23.0.3
            VRF info: (vrf in name/id, vrf out name/id)
              1 10.12.0.2 1 msec 1 msec 1 msec
              2  *  *  *\s
            """, r1.exec("traceroute 10.23.0.3 ttl 1 2 timeout 1"));
    }

    @Test
    void recursiveRoutingTakesTheTunnelDownUntilTheRouteChanges() {
        assertTrue(r1.exec("show ip interface brief").contains("Tunnel0                    172.16.13.1     YES manual up                    up"));
        String log = r1.config("ip route 10.23.0.3 255.255.255.255 Tunnel0");
        assertTrue(log.contains("%TUN-5-RECURDOWN: Tunnel0 temporarily disabled due to recursive routing\n"), log);
        assertTrue(log.contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down\n"), log);
        assertTrue(log.indexOf("RECURDOWN") < log.indexOf("changed state to down"), log);
        assertTrue(r1.exec("show interfaces Tunnel0").startsWith("Tunnel0 is up, line protocol is down \n"));
        assertTrue(r1.exec("show ip interface brief").contains("Tunnel0                    172.16.13.1     YES manual up                    down"));
        // stays down (no flapping) while the recursive route is configured
        net.run(60);
        assertFalse(r1.pending().contains("Tunnel0"));
        assertTrue(r1.exec("ping 3.3.3.3").contains("Success rate is 0 percent (0/5)\n"));
        log = r1.config("no ip route 10.23.0.3 255.255.255.255 Tunnel0");
        assertTrue(log.contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to up\n"), log);
        String ping = r1.exec("ping 3.3.3.3");
        assertTrue(ping.contains("..!!!\n"), "R1 and R2 resolve their next hops first: " + ping);
    }

    @Test
    void keepalivesTakeTheTunnelDownWhenR2sLinkIsShutAndBringItBack() {
        r1.config("interface Tunnel0", "keepalive 10 3");
        r3.config("interface Tunnel0", "keepalive 10 3");
        net.run(60);
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Keepalive set (10 sec), retries 3\n"));
        assertFalse(r1.pending().contains("LINEPROTO"), "keepalives answered: the tunnel stays up");
        String r2log = r2.config("interface GigabitEthernet0/1", "shutdown");
        assertTrue(r2log.contains("%LINK-5-CHANGED: Interface GigabitEthernet0/1, changed state to administratively down\n"), r2log);
        assertTrue(r2log.contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed state to down\n"), r2log);
        net.run(0);
        String r3log = r3.pending();
        assertTrue(r3log.contains("%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down\n"), "R3 loses carrier: " + r3log);
        net.run(25);
        assertFalse(r1.pending().contains("Tunnel0"), "not yet: fewer than 3 keepalives missed");
        net.run(20);
        String r1log = r1.pending();
        assertTrue(r1log.contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down\n"), r1log);
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Tunnel linestate evaluation down - keepalive down\n"));
        assertTrue(r1.exec("ping 172.16.13.2").contains("....."));
        r2.config("interface GigabitEthernet0/1", "no shutdown");
        net.run(25);       // the first keepalive after the link returns triggers R2's ARP for R3 and is lost
        r1log = r1.pending();
        assertTrue(r1log.contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to up\n"), r1log);
        String ping = r1.exec("ping 172.16.13.2");
        assertTrue(ping.contains("!!!!!"), ping);
    }

    @Test
    void dfBitAndTheTunnelMtu() {
        r1.exec("ping 3.3.3.3");
        // R1 itself cannot fragment into the tunnel (IP MTU 1476): M, rate limited as IOS does
        String out = r1.exec("ping 3.3.3.3 size 1500 df-bit");
        assertTrue(out.contains("Packet sent with the DF bit set\nM.M.M\nSuccess rate is 0 percent (0/5)\n"), out);
        // without DF the inner packet is fragmented, carried as two GRE packets, reassembled by R3
        out = r1.exec("ping 3.3.3.3 size 1500");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        assertTrue(r3.ip().stats().reassembled >= 5);
        // a transit router with a smaller MTU sends fragmentation needed with its MTU (RFC 1191)
        r2.config("interface GigabitEthernet0/1", "ip mtu 1400");
        int[] mtu = new int[1];
        r1.ip().addIcmpListener((b, off, len) -> {
            int io = off + dev.routerlab.packet.Ipv4.headerLength(b, off);
            if (dev.routerlab.packet.Icmp.type(b, io) == 3 && dev.routerlab.packet.Icmp.code(b, io) == 4) {
                mtu[0] = dev.routerlab.packet.Icmp.nextHopMtu(b, io);
            }
        });
        out = r1.exec("ping 10.23.0.3 size 1450 df-bit");
        assertTrue(out.contains("M.M.M\n"), out);
        assertEquals(1400, mtu[0]);
        // the tunnel with ip mtu 1500: its outer packets exceed R1's 1500 and are fragmented (DF clear)
        r2.config("interface GigabitEthernet0/1", "no ip mtu");
        r1.config("interface Tunnel0", "ip mtu 1500");
        r3.config("interface Tunnel0", "ip mtu 1500");
        long before = r1.ip().stats().fragmented;
        out = r1.exec("ping 3.3.3.3 size 1500 df-bit");
        assertTrue(out.contains("!!!!!"), out);
        assertEquals(before + 5, r1.ip().stats().fragmented);
    }

    @Test
    void floatingStaticTakesOverWhenTheTunnelFails() {
        r1.config("ip route 3.3.3.3 255.255.255.255 10.12.0.2 250");
        r2.config("ip route 3.3.3.3 255.255.255.255 10.23.0.3");
        assertTrue(r1.exec("show ip route").contains("S        3.3.3.3 is directly connected, Tunnel0\n"));
        assertTrue(r1.exec("show ip route 3.3.3.3").contains("Known via \"static\", distance 1, metric 0 (connected)"));
        r1.exec("ping 3.3.3.3");
        r1.config("interface Tunnel0", "shutdown");
        String rt = r1.exec("show ip route");
        assertTrue(rt.contains("S        3.3.3.3 [250/0] via 10.12.0.2\n"), rt);
        assertEquals("""
            Routing entry for 3.3.3.3/32
              Known via "static", distance 250, metric 0
              Routing Descriptor Blocks:
              * 10.12.0.2
                  Route metric is 0, traffic share count is 1
            """, r1.exec("show ip route 3.3.3.3"));
        assertTrue(r1.exec("ping 3.3.3.3").contains("!!!!!"));
        String log = r1.config("interface Tunnel0", "no shutdown");
        assertTrue(log.contains("%LINK-3-UPDOWN: Interface Tunnel0, changed state to up\n"), log);
        assertTrue(r1.exec("show ip route").contains("S        3.3.3.3 is directly connected, Tunnel0\n"));
    }

    @Test
    void keysSequenceNumbersAndChecksumsMustAgree() {
        r1.config("interface Tunnel0", "tunnel key 1000", "tunnel sequence-datagrams", "tunnel checksum");
        assertTrue(r1.exec("ping 3.3.3.3").contains("....."), "R3 has no key: no tunnel matches");
        r3.config("interface Tunnel0", "tunnel key 1000", "tunnel sequence-datagrams", "tunnel checksum");
        assertTrue(r1.exec("ping 3.3.3.3").contains("!!!!!"));
        String s = r1.exec("show interfaces Tunnel0");
        assertTrue(s.contains("    Key 0x3E8, sequencing enabled\n    Checksumming of packets enabled\n"), s);
        assertTrue(s.contains("  MTU 17904 bytes,") && s.contains("  Tunnel transport MTU 1464 bytes\n"), s);
        assertTrue(r1.exec("show running-config interface Tunnel0").contains(
            " tunnel key 1000\n tunnel sequence-datagrams\n tunnel checksum\n"));
    }

    @Test
    void mssIsClampedOnSynsEnteringTheTunnel() throws Exception {
        r1.config("interface Tunnel0", "ip tcp adjust-mss 1360");
        r1.exec("ping 3.3.3.3");
        java.io.ByteArrayOutputStream pcap = new java.io.ByteArrayOutputStream();
        dev.routerlab.link.Wire w = net.wire(r2, "Gi0/2", r3, "Gi0/2");   // unused; just a second wire object
        w.disconnect();
        // inject a SYN from R1 itself towards 3.3.3.3 (MSS 1460) and look at what R3 receives
        byte[][] seen = new byte[1][];
        r3.ip().register(6, (in, b, off, len) -> {
            seen[0] = java.util.Arrays.copyOfRange(b, off, off + len);
            return true;
        });
        byte[] tcp = new byte[24];
        dev.routerlab.packet.Bytes.put16(tcp, 0, 40000);
        dev.routerlab.packet.Bytes.put16(tcp, 2, 22);
        tcp[12] = 0x60;
        tcp[13] = dev.routerlab.packet.Tcp.FLAG_SYN;
        tcp[20] = 2;
        tcp[21] = 4;
        dev.routerlab.packet.Bytes.put16(tcp, 22, 1460);
        int src = dev.routerlab.packet.Ipv4Address.parse("10.12.0.1"), dst = dev.routerlab.packet.Ipv4Address.parse("3.3.3.3");
        dev.routerlab.packet.Bytes.put16(tcp, 16, dev.routerlab.packet.Tcp.computeChecksum(tcp, 0, tcp.length, src, dst));
        byte[] p = dev.routerlab.packet.Ipv4.build(0, 7, true, 64, 6, src, dst, tcp, 0, tcp.length);
        // arrive on R1 as if forwarded: enter through Tunnel0's output via the FIB
        byte[] q = new byte[IpEngine.HEADROOM + p.length];
        System.arraycopy(p, 0, q, IpEngine.HEADROOM, p.length);
        r1.ip().ipIn(r1.iface("Loopback0"), q, IpEngine.HEADROOM, p.length);
        net.run(1);
        assertTrue(seen[0] != null, "R3 got the SYN");
        assertEquals(1360, dev.routerlab.packet.Tcp.mss(seen[0], 20));
        assertEquals(0, dev.routerlab.packet.Tcp.computeChecksum(seen[0], 20, 24, src, dst)
            ^ dev.routerlab.packet.Tcp.checksum(seen[0], 20), "checksum fixed");
        assertTrue(pcap.size() == 0);
    }

    @Test
    void routeTableAndInterfaceViewsFollowTheLiveState() {
        assertEquals("""
            Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP
                   D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\s
                   N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
                   E1 - OSPF external type 1, E2 - OSPF external type 2
                   i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2
                   ia - IS-IS inter area, * - candidate default, U - per-user static route
                   o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP
                   a - application route
                   + - replicated route, % - next hop override, p - overrides from PfR

            Gateway of last resort is not set

                  1.0.0.0/32 is subnetted, 1 subnets
            C        1.1.1.1 is directly connected, Loopback0
                  3.0.0.0/32 is subnetted, 1 subnets
            S        3.3.3.3 is directly connected, Tunnel0
                  10.0.0.0/8 is variably subnetted, 3 subnets, 2 masks
            C        10.12.0.0/24 is directly connected, GigabitEthernet0/0
            L        10.12.0.1/32 is directly connected, GigabitEthernet0/0
            S        10.23.0.0/24 [1/0] via 10.12.0.2
                  172.16.0.0/16 is variably subnetted, 2 subnets, 2 masks
            C        172.16.13.0/30 is directly connected, Tunnel0
            L        172.16.13.1/32 is directly connected, Tunnel0
            """, r1.exec("show ip route"));
        r1.config("ip route 0.0.0.0 0.0.0.0 10.12.0.2");
        String rt = r1.exec("show ip route");
        assertTrue(rt.contains("Gateway of last resort is 10.12.0.2 to network 0.0.0.0\n\nS*    0.0.0.0/0 [1/0] via 10.12.0.2\n"), rt);
        assertEquals("% Network not in table\n", r1.exec("show ip route 8.8.8.8"));
        assertEquals("""
            Routing entry for 10.12.0.0/24
              Known via "connected", distance 0, metric 0 (connected, via interface)
              Routing Descriptor Blocks:
              * directly connected, via GigabitEthernet0/0
                  Route metric is 0, traffic share count is 1
            """, r1.exec("show ip route 10.12.0.9"));
        // a port shut on R2 takes R1's port down (carrier), and with it the connected route
        String log = r2.config("interface GigabitEthernet0/0", "shutdown");
        assertTrue(log.contains("%LINK-5-CHANGED: Interface GigabitEthernet0/0, changed state to administratively down"), log);
        net.run(0);
        log = r1.pending();
        assertTrue(log.contains("%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down\n")
            && log.contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0, changed state to down\n"), log);
        assertTrue(r1.exec("show interfaces GigabitEthernet0/0").startsWith("GigabitEthernet0/0 is down, line protocol is down \n"));
        rt = r1.exec("show ip route");
        assertFalse(rt.contains("10.12.0.0/24"), rt);
        assertTrue(r1.exec("show ip interface brief").contains("Tunnel0                    172.16.13.1     YES manual up                    down"));
    }
}
