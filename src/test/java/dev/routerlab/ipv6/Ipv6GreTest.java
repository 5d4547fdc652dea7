package dev.routerlab.ipv6;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** IPv6 inside the R1-R3 GRE tunnel over an IPv4-only R2 (GRE protocol type 0x86DD). */
class Ipv6GreTest {
    @Test
    void ipv6CrossesAnIpv4GreTunnel() {
        Net net = Net.greLab(WireOptions.DEFAULT);
        Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");
        r1.config("interface Tunnel0", "ipv6 address 2001:DB8:13::1/64", "interface Loopback0", "ipv6 address 2001:DB8:1::1/64",
                "exit", "ipv6 unicast-routing", "ipv6 route 2001:DB8:3::/64 Tunnel0");
        r3.config("interface Tunnel0", "ipv6 address 2001:DB8:13::3/64", "interface Loopback0", "ipv6 address 2001:DB8:3::3/64",
                "exit", "ipv6 unicast-routing", "ipv6 route 2001:DB8:1::/64 2001:DB8:13::1");
        net.run(5);
        r1.exec("ping 3.3.3.3");                       // the underlay's ARP (IOS drops the packet that triggers it)
        String p = r1.exec("ping ipv6 2001:DB8:3::3");
        assertTrue(p.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p);
        String b = r1.exec("show ipv6 interface brief Tunnel0");
        // a tunnel has no MAC: its link-local address takes the first Ethernet port's identifier, as on IOS
        String ll = dev.routerlab.packet.Ipv6Address.linkLocal(dev.routerlab.packet.Ipv6Address.eui64(r1.iface("Gi0/0").mac)).toString();
        assertEquals("Tunnel0                [up/up]\n    " + ll + "\n    2001:DB8:13::1\n", b);
        assertTrue(r1.exec("show ipv6 interface Tunnel0").contains("  MTU is 1476 bytes\n"), "GRE's 24 bytes off the IPv4 transport's 1500");
        assertEquals(0, r2.router.ipv6().stats().received, "R2 saw only IPv4/GRE");
        assertTrue(r3.router.ipv6().stats().delivered >= 5);
    }
}
