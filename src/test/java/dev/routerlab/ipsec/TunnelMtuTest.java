package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv6;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A protected tunnel's transport and IP MTU leave room for ESP, as IOS 15 does: esp-aes
 * esp-sha-hmac in transport mode, path MTU 1500, gives `Tunnel transport MTU 1434 bytes` and a
 * DF ping of 1434 bytes passes, 1435 does not (as a real IOS 15 router does); the IPsec plaintext
 * MTU less GRE (tunnel mode: 1438 - 24), a VTI's being the plaintext MTU itself. Nothing then
 * leaves encrypted in fragments. Over IPv6 (`tunnel mode gre ipv6`, `tunnel mode ipsec ipv6`) the
 * same computation with a 40-byte outer header: GRE over IPv6 is 1456 unprotected, 1418 with
 * esp-aes 256 esp-sha-hmac transport (plaintext 1462 less 44).
 */
class TunnelMtuTest {
    @ParameterizedTest
    @CsvSource({"transport,1434", "tunnel,1414", "vti,1438"})
    void protectedTunnelMtuLeavesRoomForEsp(String variant, int mtu) {
        boolean vti = variant.equals("vti");
        Net n = TunnelProtectionTest.lab(vti ? "tunnel" : variant, vti);
        Net.Node r1 = n.get("R1");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("Success rate is 80 percent (4/5)"), out);
        String si = r1.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Tunnel transport MTU " + mtu + " bytes\n"), si);
        assertTrue(si.contains("  MTU " + (vti ? 17916 : 17916) + " bytes,"), si);
        String sip = r1.exec("show ip interface Tunnel0");
        assertTrue(sip.contains("  MTU is " + mtu + " bytes\n"), sip);

        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + mtu + " df-bit");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + (mtu + 1) + " df-bit");
        assertTrue(out.contains("M") && out.contains("Success rate is 0 percent (0/5)"), out);

        // 1500 bytes without DF: fragmented before GRE and ESP, each fragment one unfragmented ESP packet
        IpInterface gi = r1.router.ip().get(InterfaceName.parse("GigabitEthernet0/0"));
        SaPair p1 = r1.router.ipsec().pairs().get(0);
        long encaps = p1.out().counters().encaps(), sent = gi.counters.packetsOut;
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size 1500");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        assertEquals(10, p1.out().counters().encaps() - encaps, "two fragments per echo, each its own ESP packet");
        assertEquals(10, gi.counters.packetsOut - sent, "no ESP packet leaves in fragments");
    }

    /**
     * A protected tunnel over IPv6: the plaintext MTU with a 40-byte outer header, less GRE and its
     * IPv6 header (a VTI: the plaintext MTU itself), in `show interfaces`, `show ipv6 interface` and
     * `show ip interface`. R0 behind R1 sends through the tunnel: an IPv6 packet of the MTU passes in
     * one 1500-byte ESP packet, one more gets ICMPv6 Packet Too Big (RFC 8200 §5, RFC 4443 §3.2)
     * carrying the MTU; IPv4 with DF gets "fragmentation needed" above it, without DF it is
     * fragmented before GRE and ESP; no ESP packet ever leaves in fragments.
     */
    @ParameterizedTest
    @CsvSource({"gre,transport,esp-aes 256 esp-sha-hmac,1418", "gre,tunnel,esp-aes 256 esp-sha-hmac,1378",
                "gre,transport,esp-gcm 128,1422", "vti,tunnel,esp-aes 256 esp-sha-hmac,1422"})
    void protectedTunnelOverIpv6LeavesRoomForEsp(String kind, String mode, String transform, int mtu) {
        boolean vti = kind.equals("vti");
        List<byte[]> wire = new ArrayList<>();
        Net n = dev.routerlab.tunnel.GreOverIpv6Lab.lab(new Net(), (b, off, len) -> wire.add(Arrays.copyOfRange(b, off, off + len)));
        Net.Node r0 = n.router("R0"), r1 = n.get("R1"), r3 = n.get("R3");
        n.wire(r0, "Gi0/0", r1, "Gi0/1");
        r0.config("ipv6 unicast-routing", "interface GigabitEthernet0/0", "ip address 10.1.0.2 255.255.255.0",
            "ipv6 address 2001:DB8:10::2/64", "no shutdown", "exit",
            "ip route 0.0.0.0 0.0.0.0 10.1.0.1", "ipv6 route ::/0 2001:DB8:10::1");
        r1.config("interface GigabitEthernet0/1", "ip address 10.1.0.1 255.255.255.0", "ipv6 address 2001:DB8:10::1/64", "no shutdown");
        r1.config(crypto("2001:DB8:23::3", mode, transform, vti));
        r3.config(crypto("2001:DB8:12::1", mode, transform, vti));
        String tunnel = vti ? "Tunnel1" : "Tunnel0", dst6 = vti ? "2001:DB8:33::3" : "2001:DB8:3::3";
        if (vti) {
            r1.config("interface Tunnel1", "ipv6 address 2001:DB8:113::1/64", "tunnel source GigabitEthernet0/0",
                "tunnel destination 2001:DB8:23::3", "tunnel mode ipsec ipv6", "tunnel protection ipsec profile IPP", "exit",
                "ipv6 route 2001:DB8:33::/64 Tunnel1");
            r3.config("interface Loopback1", "ipv6 address 2001:DB8:33::3/64",
                "interface Tunnel1", "ipv6 address 2001:DB8:113::3/64", "tunnel source GigabitEthernet0/0",
                "tunnel destination 2001:DB8:12::1", "tunnel mode ipsec ipv6", "tunnel protection ipsec profile IPP", "exit",
                "ipv6 route 2001:DB8:10::/64 Tunnel1");
        } else {
            r3.config("ip route 10.1.0.0 255.255.255.0 Tunnel0", "ipv6 route 2001:DB8:10::/64 Tunnel0");
        }
        n.run(5);
        r1.exec("ping ipv6 2001:DB8:23::3");                        // the underlay's ND
        r1.exec("ping ipv6 " + dst6);                                // the SA
        String up = r0.exec("ping ipv6 " + dst6);
        assertTrue(up.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), up);

        String si = r1.exec("show interfaces " + tunnel);
        assertTrue(si.contains("  Tunnel protocol/transport " + (vti ? "IPSEC/IPV6" : "GRE/IPv6") + "\n"), si);
        assertTrue(si.contains("  Tunnel transport MTU " + mtu + " bytes\n"), si);
        assertTrue(si.contains("  MTU 17896 bytes, BW 100 Kbit/sec, DLY 50000 usec, \n"), si);
        String v6 = r1.exec("show ipv6 interface " + tunnel);
        assertTrue(v6.contains("  MTU is " + mtu + " bytes\n"), v6);
        if (!vti) {
            String sip = r1.exec("show ip interface Tunnel0");
            assertTrue(sip.contains("  MTU is " + mtu + " bytes\n"), sip);
        }

        // IPv6 is never fragmented on the way: the MTU passes in one ESP packet of exactly 1500 bytes,
        // one more is refused at the tunnel with Packet Too Big, which teaches R0 the tunnel's MTU
        SaPair p1 = r1.router.ipsec().pairs().stream().filter(p -> p.flow.ipv6).findFirst().orElseThrow();
        long encaps = p1.out().counters().encaps();
        wire.clear();
        String fits = r0.exec("ping ipv6 " + dst6 + " size " + mtu + " repeat 2");
        assertTrue(fits.contains("!!\nSuccess rate is 100 percent (2/2)"), fits);
        assertEquals(2, p1.out().counters().encaps() - encaps);
        assertEquals(1500, largestEsp(wire), "the tunnel's MTU fills the path exactly");
        long tooBig = r1.router.ipv6().stats().tooBig;
        String over = r0.exec("ping ipv6 " + dst6 + " size " + (mtu + 1) + " repeat 2");
        // the first echo is refused (B); R0, its source, then fragments the second to the MTU it learnt (RFC 8200 §4.5)
        assertTrue(over.contains("B!\nSuccess rate is 50 percent (1/2)"), over);
        assertEquals(tooBig + 1, r1.router.ipv6().stats().tooBig, "R1 answered Packet Too Big");
        assertEquals(mtu, r0.router.ipv6().pathMtu(dev.routerlab.packet.Ipv6Address.parse(dst6), 1500), "Packet Too Big carries the tunnel's MTU");
        assertEquals(4, p1.out().counters().encaps() - encaps, "nothing over the MTU was encrypted: R0's two fragments were");
        assertEquals(1, r0.router.ipv6().stats().fragmented);

        if (!vti) {
            // IPv4 inside: DF refused above the MTU ("fragmentation needed"), else fragmented before GRE and ESP
            r0.exec("ping 3.3.3.3 repeat 2");                         // R0's ARP (the first echo is dropped, as on IOS)
            String df = r0.exec("ping 3.3.3.3 size " + mtu + " df-bit repeat 2");
            assertTrue(df.contains("!!\nSuccess rate is 100 percent (2/2)"), df);
            df = r0.exec("ping 3.3.3.3 size " + (mtu + 1) + " df-bit repeat 2");
            assertTrue(df.contains("M") && df.contains("Success rate is 0 percent (0/2)"), df);
            encaps = p1.out().counters().encaps();
            String frag = r0.exec("ping 3.3.3.3 size 3000 repeat 2");
            assertTrue(frag.contains("!!\nSuccess rate is 100 percent (2/2)"), frag);
            // R0 sends 1500, 1500 and 40 bytes; R1 cuts each fragment over the MTU in two, each its own ESP packet
            assertEquals(10, p1.out().counters().encaps() - encaps, "fragmented before GRE and ESP");
        }
        for (byte[] f : wire) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) != 0x86dd) continue;
            assertTrue(Ipv6.nextHeader(f, 14) != Ipv6.NH_FRAGMENT, "no IPv6 fragment on the wire");
            assertTrue(Ipv6.nextHeader(f, 14) != Ipv6.NH_GRE, "no GRE in clear");
            assertTrue(f.length - 14 <= 1500, "no outer packet over the path MTU");
        }
    }

    /** The IKEv2 configuration of {@link GreOverIpv6IpsecTest#crypto} with another transform; a VTI's profile not applied to Tunnel0. */
    private static String[] crypto(String peer, String mode, String transform, boolean vti) {
        String[] c = GreOverIpv6IpsecTest.crypto(peer, mode);
        for (int i = 0; i < c.length; i++) if (c[i].startsWith("crypto ipsec transform-set TS ")) c[i] = "crypto ipsec transform-set TS " + transform;
        return vti ? Arrays.copyOf(c, c.length - 2) : c;
    }

    /** The largest IPv6 ESP packet (without its Ethernet header) among frames. */
    private static int largestEsp(List<byte[]> frames) {
        int max = 0;
        for (byte[] f : frames) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) == 0x86dd && Ipv6.nextHeader(f, 14) == Ipv6.NH_ESP) max = Math.max(max, Ipv6.HEADER_LEN + Ipv6.payloadLength(f, 14));
        }
        return max;
    }

    /**
     * A Packet Too Big from the core about an ESP packet lowers the path MTU, and the protected
     * tunnel's MTU follows through the same computation (RFC 8201): a 1400-byte path leaves a
     * plaintext MTU of 1350 (esp-256-aes esp-sha-hmac, transport), 1306 less GRE/IPv6.
     */
    @org.junit.jupiter.api.Test
    void packetTooBigFromTheCoreLowersAProtectedTunnelOverIpv6() {
        Net n = GreOverIpv6IpsecTest.lab(new ArrayList<>(), "transport");
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        r1.exec("ping 3.3.3.3 source Loopback0");
        r2.config("interface GigabitEthernet0/1", "ipv6 mtu 1400");
        long refused = r2.router.ipv6().stats().tooBig;
        String first = r1.exec("ping 3.3.3.3 source Loopback0 size 1418 df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent"), first);
        assertTrue(r2.router.ipv6().stats().tooBig > refused, "R2 refused the 1500-byte ESP packet");
        String si = r1.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Tunnel transport MTU 1306 bytes\n"), si);
        assertTrue(r1.exec("show ipv6 interface Tunnel0").contains("  MTU is 1306 bytes\n"));
        r1.assertDfBoundary("3.3.3.3 source Loopback0", 1306);
        refused = r2.router.ipv6().stats().tooBig;
        String frag = r1.exec("ping 3.3.3.3 source Loopback0 size 3000 repeat 2");
        assertTrue(frag.contains("!!\nSuccess rate is 100 percent (2/2)"), frag);
        assertEquals(refused, r2.router.ipv6().stats().tooBig, "every ESP packet fits the core");
    }

    /**
     * A tunnel's transport MTU starts from the MTU of the interface its packets leave by (the
     * underlay: `ip mtu`, else `mtu`), live, as IOS: `ip mtu 1400` on Gi0/0 lowers an unprotected
     * GRE tunnel to 1376 and a protected one to the plaintext MTU of a 1400-byte path less GRE
     * (esp-aes esp-sha-hmac transport 1338, tunnel 1318, a VTI 1342); the tunnel's IP and IPv6 MTU
     * follow, and so do the DF boundaries; taking `ip mtu` off gives 1500's back.
     */
    @ParameterizedTest
    @CsvSource({"gre,1476,1376", "transport,1434,1338", "tunnel,1414,1318", "vti,1438,1342"})
    void anIpv4TunnelFollowsItsUnderlaysMtu(String variant, int at1500, int at1400) {
        boolean vti = variant.equals("vti"), clear = variant.equals("gre");
        Net n;
        if (clear) {
            n = CryptoLab.plain();
            n.get("R1").config("interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "ipv6 address 2001:DB8:13::1/64",
                "tunnel source GigabitEthernet0/0", "tunnel destination 10.23.0.3", "ip route 3.3.3.3 255.255.255.255 Tunnel0");
            n.get("R3").config("interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
                "tunnel destination 10.12.0.1", "ip route 1.1.1.1 255.255.255.255 Tunnel0");
            for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
            n.get("R2").exec("ping 10.12.0.1");
            n.get("R2").exec("ping 10.23.0.3");
        } else n = TunnelProtectionTest.lab(vti ? "tunnel" : variant, vti);
        Net.Node r1 = n.get("R1");
        r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertMtu(r1, at1500, clear);
        r1.config("interface GigabitEthernet0/0", "ip mtu 1400");
        assertMtu(r1, at1400, clear);
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + at1400 + " df-bit");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + (at1400 + 1) + " df-bit");
        assertTrue(out.contains("M") && out.contains("Success rate is 0 percent (0/5)"), out);
        IpInterface gi = r1.router.ip().get(InterfaceName.parse("GigabitEthernet0/0"));
        long sent = gi.counters.packetsOut, frags = r1.router.ip().stats().fragmentsCreated;
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size 1500 repeat 2");
        assertTrue(out.contains("!!\nSuccess rate is 100 percent (2/2)"), out);
        assertEquals(4, gi.counters.packetsOut - sent, "fragmented before the tunnel, never after");
        assertEquals(4, r1.router.ip().stats().fragmentsCreated - frags);
        r1.config("interface GigabitEthernet0/0", "no ip mtu", "mtu 1400");   // the hardware MTU when no `ip mtu`
        assertMtu(r1, at1400, clear);
        r1.config("interface GigabitEthernet0/0", "no mtu");
        assertMtu(r1, at1500, clear);
    }

    private static void assertMtu(Net.Node r1, int mtu, boolean v6) {
        String si = r1.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Tunnel transport MTU " + mtu + " bytes\n"), si);
        String sip = r1.exec("show ip interface Tunnel0");
        assertTrue(sip.contains("  MTU is " + mtu + " bytes\n"), sip);
        if (v6) {
            String s6 = r1.exec("show ipv6 interface Tunnel0");
            assertTrue(s6.contains("  MTU is " + mtu + " bytes\n"), s6);
        }
    }

    /**
     * GRE over IPv6 follows its underlay's IPv6 MTU (`ipv6 mtu`, else `mtu`; `ip mtu` is IPv4's
     * and does not count): 1400 leaves 1356 clear, 1306 protected (esp-aes 256 esp-sha-hmac,
     * transport); what a Packet Too Big taught counts when lower; IPv6 over the tunnel gets Packet
     * Too Big from the new MTU at once.
     */
    @ParameterizedTest
    @CsvSource({"clear,1456,1356", "transport,1418,1306"})
    void greOverIpv6FollowsItsUnderlaysIpv6Mtu(String mode, int at1500, int at1400) {
        List<byte[]> wire = new ArrayList<>();
        Net n = mode.equals("clear") ? dev.routerlab.tunnel.GreOverIpv6Lab.lab(new Net(), (b, off, len) -> { })
            : GreOverIpv6IpsecTest.lab(wire, mode);
        Net.Node r1 = n.get("R1");
        r1.exec("ping ipv6 2001:DB8:23::3");
        r1.exec("ping 3.3.3.3 source Loopback0");
        assertMtu(r1, at1500, true);
        r1.config("interface GigabitEthernet0/0", "ip mtu 1400");             // IPv4's: not the IPv6 transport's
        assertMtu(r1, at1500, true);
        r1.config("interface GigabitEthernet0/0", "ipv6 mtu 1400");
        assertMtu(r1, at1400, true);
        String fits = r1.exec("ping 3.3.3.3 source Loopback0 size " + at1400 + " df-bit repeat 2");
        assertTrue(fits.contains("!!\nSuccess rate is 100 percent (2/2)"), fits);
        String over = r1.exec("ping 3.3.3.3 source Loopback0 size " + (at1400 + 1) + " df-bit repeat 2");
        assertTrue(over.contains("M") && over.contains("Success rate is 0 percent (0/2)"), over);
        r1.config("interface GigabitEthernet0/0", "no ipv6 mtu", "no ip mtu", "mtu 1400");
        assertMtu(r1, at1400, true);
        r1.config("interface GigabitEthernet0/0", "no mtu");
        assertMtu(r1, at1500, true);
    }

    /**
     * `tunnel path-mtu-discovery` (IOS: ager 10 mins, min MTU 92): the outer DF is copied from the
     * inner IPv4 packet, so R2, whose link towards R3 has `ip mtu 1400`, answers a 1500-byte outer
     * packet with "fragmentation needed" (RFC 1191) instead of fragmenting it, and R1 lowers the
     * tunnel to 1376; ten minutes later the underlay's 1476 holds again. Without it the outer DF
     * is clear: R2 fragments the outer packet and the tunnel keeps 1476.
     */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void tunnelPathMtuDiscoveryLearnsFromFragmentationNeeded(boolean pmtud) {
        Net n = CryptoLab.plain();
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        r1.config("interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3", pmtud ? "tunnel path-mtu-discovery" : "no tunnel path-mtu-discovery",
            "ip route 3.3.3.3 255.255.255.255 Tunnel0");
        n.get("R3").config("interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", "ip route 1.1.1.1 255.255.255.255 Tunnel0");
        for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
        r2.exec("ping 10.12.0.1");
        r2.exec("ping 10.23.0.3");
        r2.config("interface GigabitEthernet0/1", "ip mtu 1400");
        assertTrue(r1.exec("ping 3.3.3.3 source 1.1.1.1").contains("Success rate is"));
        String si = r1.exec("show interfaces Tunnel0");
        assertEquals(pmtud, si.contains("  Tunnel TTL 255, Fast tunneling enabled\n  Path MTU Discovery, ager 10 mins, min MTU 92\n"
            + "  Tunnel transport MTU 1476 bytes\n"), si);
        assertEquals(pmtud, r1.exec("show running-config interface Tunnel0").contains(" tunnel destination 10.23.0.3\n tunnel path-mtu-discovery\n"));
        long frags = r2.router.ip().stats().fragmentsCreated;
        String first = r1.exec("ping 3.3.3.3 source 1.1.1.1 size 1476 df-bit repeat 1");
        if (!pmtud) {
            assertTrue(first.contains("!\nSuccess rate is 100 percent (1/1)"), first);
            assertEquals(frags + 2, r2.router.ip().stats().fragmentsCreated, "R2 fragmented the outer packet");
            assertMtu(r1, 1476, false);
            return;
        }
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(frags, r2.router.ip().stats().fragmentsCreated, "the outer DF is the inner one's: R2 refused it");
        assertMtu(r1, 1376, false);
        si = r1.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Path MTU Discovery, ager 10 mins, min MTU 92\n  Path destination 10.23.0.3: MTU 1400, expires 00:09:5"), si);
        r1.assertDfBoundary("3.3.3.3 source 1.1.1.1", 1376);
        String big = r1.exec("ping 3.3.3.3 source 1.1.1.1 size 3000 repeat 2");
        assertTrue(big.contains("!!\nSuccess rate is 100 percent (2/2)"), big);
        assertEquals(frags, r2.router.ip().stats().fragmentsCreated, "fragmented before GRE, never on the way");
        n.run(590);                                                    // the pings since took a few seconds
        assertMtu(r1, 1376, false);
        n.run(15);
        assertMtu(r1, 1476, false);
        assertTrue(!r1.exec("show interfaces Tunnel0").contains("Path destination"));
    }

    /**
     * `tunnel path-mtu-discovery age-timer <10-30>|infinite` and `min-mtu <92-65535>`, written back
     * as typed (defaults hidden) and shown in `show interfaces` as IOS does (`ager 20 mins, min MTU
     * 92`); a learned path MTU holds for the age-timer (20 minutes), or forever with `infinite`
     * (`expires never`); `min-mtu 1450` keeps R1 from believing R2's 1400 (the tunnel stays at 1426,
     * and what R2 refuses does not lower it further).
     */
    @ParameterizedTest
    @CsvSource({"age-timer 20,'ager 20 mins, min MTU 92',1376", "age-timer infinite,'ager infinite, min MTU 92',1376",
        "min-mtu 1450,'ager 10 mins, min MTU 1450',1426", "age-timer 10 min-mtu 92,'ager 10 mins, min MTU 92',1376"})
    void pathMtuDiscoveryAgeTimerAndMinMtu(String options, String shown, int learned) {
        Net n = CryptoLab.plain();
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        r1.config("interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3", "tunnel path-mtu-discovery " + options, "ip route 3.3.3.3 255.255.255.255 Tunnel0");
        n.get("R3").config("interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", "ip route 1.1.1.1 255.255.255.255 Tunnel0");
        for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
        r2.exec("ping 10.12.0.1");
        r2.exec("ping 10.23.0.3");
        String written = options.equals("age-timer 10 min-mtu 92") ? "" : " " + options;
        assertTrue(r1.exec("show running-config interface Tunnel0").contains(" tunnel path-mtu-discovery" + written + "\n"));
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Path MTU Discovery, " + shown + "\n  Tunnel transport MTU 1476 bytes\n"));
        r2.config("interface GigabitEthernet0/1", "ip mtu 1400");
        r1.exec("ping 3.3.3.3 source 1.1.1.1 size 1476 df-bit repeat 1");
        assertMtu(r1, learned, false);
        String si = r1.exec("show interfaces Tunnel0");
        String expires = options.contains("infinite") ? "never" : options.contains("20") ? "00:19:5" : "00:09:5";
        assertTrue(si.contains("  Path MTU Discovery, " + shown + "\n  Path destination 10.23.0.3: MTU " + (learned + 24)
            + ", expires " + expires), si);
        r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + learned + " df-bit repeat 1");
        assertMtu(r1, learned, false);                                // min-mtu: R2's refusal changes nothing
        n.run(600);
        assertMtu(r1, options.contains("age-timer 20") || options.contains("infinite") ? learned : 1476, false);
        n.run(600);
        assertMtu(r1, options.contains("infinite") ? learned : 1476, false);
        r1.config("interface Tunnel0", "no tunnel path-mtu-discovery");
        assertMtu(r1, 1476, false);
        assertTrue(!r1.exec("show running-config interface Tunnel0").contains("path-mtu-discovery"));
    }

    /**
     * The underlay is the interface the outer packets leave by, not the source interface: a tunnel
     * sourced at Loopback0 (MTU 1514) and routed out of Gi0/0 starts from Gi0/0's 1500 (1476), and
     * follows Gi0/0's `ip mtu`, not the loopback's.
     */
    @org.junit.jupiter.api.Test
    void aLoopbackSourcedTunnelFollowsTheInterfaceItsPacketsLeaveBy() {
        Net n = CryptoLab.plain();
        Net.Node r1 = n.get("R1");
        r1.config("interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source Loopback0", "tunnel destination 10.23.0.3");
        r1.pending();
        assertMtu(r1, 1476, false);
        r1.config("interface Loopback0", "ip mtu 1300");
        assertMtu(r1, 1476, false);
        r1.config("interface GigabitEthernet0/0", "ip mtu 1400");
        assertMtu(r1, 1376, false);
    }

    /**
     * `crypto ipsec df-bit` decides the outer DF of tunnel-mode ESP (RFC 4301 §8.1; IOS default
     * copy). R2's link towards R3 has `ip mtu 1400`. copy: a 1400-byte echo with DF leaves as a
     * 1460-byte ESP packet with DF, R2 answers with "fragmentation needed", and R1 lowers the SA's
     * path MTU to 1400 (`show crypto ipsec sa`: plaintext mtu 1342, path mtu 1400, ip mtu 1500);
     * then 1342 bytes with DF pass and 1343 get "M" from R1 itself; ten minutes later 1500 holds
     * again. set (on the interface): the echo without DF learns the same. clear (global): R2
     * fragments the ESP packet, nothing is learned, and an echo with DF over the plaintext MTU is
     * encrypted whole and fragmented after encryption.
     */
    @ParameterizedTest
    @CsvSource({"copy,,true", "set,interface GigabitEthernet0/0,true", "clear,,false"})
    void cryptoMapEspLearnsThePathMtuFromFragmentationNeeded(String dfBit, String where, boolean learns) {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        if (where == null) r1.config("crypto ipsec df-bit " + dfBit);
        else r1.config(where, "crypto ipsec df-bit " + dfBit);
        String run = r1.exec("show running-config");
        assertEquals(!dfBit.equals("copy"), run.contains(where == null ? "\ncrypto ipsec df-bit " + dfBit + "\n"
            : " crypto map VPN\n crypto ipsec df-bit " + dfBit + "\n"), run);
        r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(r1.exec("show crypto ipsec sa").contains("plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"));
        r2.config("interface GigabitEthernet0/1", "ip mtu 1400");
        long frags = r2.router.ip().stats().fragmentsCreated;
        String first = r1.exec("ping 3.3.3.3 source 1.1.1.1 size 1400 repeat 1" + (dfBit.equals("set") ? "" : " df-bit"));
        String sa = r1.exec("show crypto ipsec sa");
        if (!learns) {
            assertTrue(first.contains("!\nSuccess rate is 100 percent (1/1)"), first);
            assertTrue(r2.router.ip().stats().fragmentsCreated > frags, "R2 fragmented the ESP packet");
            assertTrue(sa.contains("plaintext mtu 1438, path mtu 1500, ip mtu 1500,"), sa);
            return;
        }
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(frags, r2.router.ip().stats().fragmentsCreated, "R2 refused the ESP packet with DF");
        assertTrue(sa.contains("     plaintext mtu 1342, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        r1.assertDfBoundary("3.3.3.3 source 1.1.1.1", 1342);
        n.run(600);
        assertTrue(r1.exec("show crypto ipsec sa").contains("plaintext mtu 1438, path mtu 1500, ip mtu 1500,"));
    }

    /**
     * A protected tunnel follows its SA's learned path MTU. Tunnel mode with `crypto ipsec df-bit
     * set`: the ESP leaves with DF; transport mode with `tunnel path-mtu-discovery`: the GRE header,
     * which ESP keeps, carries the inner DF. Either way R2 (`ip mtu 1400` towards R3) answers
     * "fragmentation needed" about the ESP packet, the SA's path MTU drops to 1400 and the tunnel's
     * transport MTU follows (as over a 1400-byte underlay: 1318 tunnel mode, 1338 transport); ten
     * minutes later it is back.
     */
    @ParameterizedTest
    @CsvSource({"tunnel,1414,1318,1342", "transport,1434,1338,1362"})
    void aProtectedTunnelFollowsItsSasLearnedPathMtu(String mode, int at1500, int at1400, int plain) {
        Net n = TunnelProtectionTest.lab(mode, false);
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        if (mode.equals("tunnel")) r1.config("crypto ipsec df-bit set");
        else r1.config("interface Tunnel0", "tunnel path-mtu-discovery");
        r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertMtu(r1, at1500, false);
        r2.config("interface GigabitEthernet0/1", "ip mtu 1400");
        String first = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + at1500 + (mode.equals("tunnel") ? "" : " df-bit") + " repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertMtu(r1, at1400, false);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("plaintext mtu " + plain + ", path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        r1.assertDfBoundary("3.3.3.3 source 1.1.1.1", at1400);
        n.run(600);
        assertMtu(r1, at1500, false);
    }

}
