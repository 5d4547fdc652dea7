package dev.routerlab.ipv6;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** `show ipv6 traffic` counts what the engine did (IOS layout), and `clear ipv6 neighbors` empties the cache. */
class Ipv6TrafficTest {
    private static long count(String show, String section, String label) {
        String s = show.substring(show.indexOf(section));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) " + label).matcher(s);
        assertTrue(m.find(), label + " in\n" + show);
        return Long.parseLong(m.group(1));
    }

    /** The ICMP "Sent:" block. */
    private static String icmpSent(String show) { return show.substring(show.indexOf("  Sent: ", show.indexOf("ICMP statistics:"))); }

    @Test
    void trafficCountersFollowPingsAndErrors() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        net.wire(r1, "Gi0/0", r2, "Gi0/0");
        r1.config("interface Gi0/0", "ipv6 address 2001:DB8:12::1/64", "no shutdown");
        r2.config("ipv6 unicast-routing", "interface Gi0/0", "ipv6 address 2001:DB8:12::2/64", "no shutdown");
        net.run(5);
        String before = r1.exec("show ipv6 traffic");
        assertTrue(before.startsWith("IPv6 statistics:\n  Rcvd:  "), before);
        assertTrue(before.contains("\nICMP statistics:\n  Rcvd: ") && before.contains("\nUDP statistics:\n") && before.contains("\nTCP statistics:\n"));
        r1.exec("ping ipv6 2001:DB8:12::2 repeat 4");
        r1.exec("traceroute ipv6 2001:DB8:12::2");                 // UDP to R2: port unreachable back
        String a = r1.exec("show ipv6 traffic"), b = r2.exec("show ipv6 traffic");
        assertEquals(count(icmpSent(before), "", "echo request") + 4, count(icmpSent(a), "", "echo request"), a);
        assertEquals(4, count(a, "ICMP statistics:", "echo reply"), "received replies: " + a);
        assertEquals(4, count(b, "ICMP statistics:", "echo request"), b);
        assertTrue(count(icmpSent(a), "", "neighbor solicit") >= 2, "DAD and resolution NS: " + a);
        assertTrue(count(b, "UDP statistics:", "no port") >= 1, b);
        assertTrue(count(a, "UDP statistics:", "output") >= 1, "traceroute's probes: " + a);
        long portSent = count(icmpSent(b), "unreach:", "port");
        assertTrue(portSent >= 1, "port unreachables sent: " + b);
        assertTrue(count(icmpSent(b), "", "router advert") >= 1, "R2 routes: RAs");

        assertTrue(r1.exec("show ipv6 neighbors").contains("2001:DB8:12::2"));
        assertEquals("", r1.exec("clear ipv6 neighbors"));
        assertFalse(r1.exec("show ipv6 neighbors").contains("2001:DB8:12::2"));
        assertTrue(r1.exec("ping ipv6 2001:DB8:12::2 repeat 2").contains("Success rate is 100 percent (2/2)"), "resolved again");
    }
}
