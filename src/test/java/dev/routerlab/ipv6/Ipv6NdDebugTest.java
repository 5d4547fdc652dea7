package dev.routerlab.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `debug ipv6 nd`: the `ICMPv6-ND:` lines IOS prints, from live ND events of two routers on one
 * link: DAD of each address, RAs sent and received, address resolution for a ping (NS, NA, the
 * neighbour's link-layer address, the cache states), the NS answered on the other side, and the
 * entry going stale and being probed again.
 */
class Ipv6NdDebugTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2");

    private static void has(String log, String regex) {
        assertTrue(Pattern.compile("(?m)^.*" + regex + "$").matcher(log).find(), regex + " in\n" + log);
    }

    @Test
    void ndEventsAsIosPrintsThem() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0");
        assertEquals("ICMP Neighbor Discovery events debugging is on\n", r1.exec("debug ipv6 nd"));
        assertEquals("ICMP Neighbor Discovery events debugging is on\n", r2.exec("debug ipv6 nd"));
        r1.config("ipv6 unicast-routing", "interface GigabitEthernet0/0", "ipv6 address 2001:db8:12::1/64", "no shutdown");
        r2.config("interface GigabitEthernet0/0", "ipv6 address 2001:db8:12::2/64", "no shutdown");
        net.run(20);
        String l1 = r1.pending(), l2 = r2.pending();
        System.out.println(l1 + "----\n" + l2);
        String ll1 = r1.router.ipv6().get(dev.routerlab.config.InterfaceName.parse("Gi0/0")).linkLocal.address.toString();
        String ll2 = r2.router.ipv6().get(dev.routerlab.config.InterfaceName.parse("Gi0/0")).linkLocal.address.toString();
        // DAD of the link-local and the global address (RFC 4862 §5.4)
        has(l1, Pattern.quote("ICMPv6-ND: Sending NS for " + ll1 + " on GigabitEthernet0/0"));
        has(l1, Pattern.quote("ICMPv6-ND: DAD: " + ll1 + " is unique."));
        has(l1, Pattern.quote("ICMPv6-ND: Linklocal " + ll1 + " on GigabitEthernet0/0, Up"));
        has(l1, Pattern.quote("ICMPv6-ND: Address " + ll1 + "/10 is up on GigabitEthernet0/0"));
        has(l1, Pattern.quote("ICMPv6-ND: DAD: 2001:DB8:12::1 is unique."));
        has(l1, Pattern.quote("ICMPv6-ND: Address 2001:DB8:12::1/64 is up on GigabitEthernet0/0"));
        // R1 routes: its RAs, and R2 hears them
        has(l1, Pattern.quote("ICMPv6-ND: Request to send RA for " + ll1));
        has(l1, Pattern.quote("ICMPv6-ND: Sending RA from " + ll1 + " to FF02::1 on GigabitEthernet0/0"));
        has(l1, Pattern.quote("ICMPv6-ND:     MTU = 1500"));
        has(l1, Pattern.quote("ICMPv6-ND:     prefix = 2001:DB8:12::/64 onlink autoconfig"));
        has(l1, Pattern.quote("ICMPv6-ND:             2592000/604800 (valid/preferred)"));
        has(l2, Pattern.quote("ICMPv6-ND: Received RA from " + ll1 + " on GigabitEthernet0/0"));
        has(l2, Pattern.quote("ICMPv6-ND: DELETE -> INCMP: " + ll1));
        has(l2, Pattern.quote("ICMPv6-ND: Neighbour " + ll1 + " on GigabitEthernet0/0 : LLA ") + "[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");
        has(l2, Pattern.quote("ICMPv6-ND: INCMP -> STALE: " + ll1));
        assertFalse(l2.contains("Sending RA"), "R2 does not route: no RAs");

        // address resolution for a ping from R1 to R2
        l1 = r1.exec("ping 2001:db8:12::2");       // the debug lines come out while the ping runs
        net.run(1);
        l1 += r1.pending();
        l2 = r2.pending();
        System.out.println(l1 + "----\n" + l2);
        has(l1, Pattern.quote("ICMPv6-ND: DELETE -> INCMP: 2001:DB8:12::2"));
        has(l1, Pattern.quote("ICMPv6-ND: Sending NS for 2001:DB8:12::2 on GigabitEthernet0/0"));
        has(l1, Pattern.quote("ICMPv6-ND: Resolving next hop 2001:DB8:12::2 on interface GigabitEthernet0/0"));
        has(l1, Pattern.quote("ICMPv6-ND: Received NA for 2001:DB8:12::2 on GigabitEthernet0/0 from 2001:DB8:12::2"));
        has(l1, Pattern.quote("ICMPv6-ND: Neighbour 2001:DB8:12::2 on GigabitEthernet0/0 : LLA ") + "[0-9a-f.]{14}");
        has(l1, Pattern.quote("ICMPv6-ND: INCMP -> REACH: 2001:DB8:12::2"));
        List<String> order = l1.lines().filter(x -> x.contains("ICMPv6-ND: ") && x.contains("2001:DB8:12::2")).map(x -> x.substring(x.indexOf("ICMPv6-ND: "))).toList();
        assertEquals(List.of("ICMPv6-ND: DELETE -> INCMP: 2001:DB8:12::2",
            "ICMPv6-ND: Sending NS for 2001:DB8:12::2 on GigabitEthernet0/0",
            "ICMPv6-ND: Resolving next hop 2001:DB8:12::2 on interface GigabitEthernet0/0",
            "ICMPv6-ND: Received NA for 2001:DB8:12::2 on GigabitEthernet0/0 from 2001:DB8:12::2"), order.subList(0, 4));
        has(l2, Pattern.quote("ICMPv6-ND: Received NS for 2001:DB8:12::2 on GigabitEthernet0/0 from 2001:DB8:12::1"));
        has(l2, Pattern.quote("ICMPv6-ND: Sending NA for 2001:DB8:12::2 on GigabitEthernet0/0"));
        has(l2, Pattern.quote("ICMPv6-ND: INCMP -> STALE: 2001:DB8:12::1"));
        // R2 answers the echoes to a STALE entry: DELAY, then PROBE with a unicast NS, R1 answers, REACH
        has(l2, Pattern.quote("ICMPv6-ND: STALE -> DELAY: 2001:DB8:12::1"));
        net.run(10);
        l2 = r2.pending();
        has(l2, Pattern.quote("ICMPv6-ND: DELAY -> PROBE: 2001:DB8:12::1"));
        has(l2, Pattern.quote("ICMPv6-ND: Sending NS for 2001:DB8:12::1 on GigabitEthernet0/0"));
        has(l2, Pattern.quote("ICMPv6-ND: PROBE -> REACH: 2001:DB8:12::1"));
        // the reachable time (30 s) runs out
        net.run(40);
        has(r1.pending(), Pattern.quote("ICMPv6-ND: REACH -> STALE: 2001:DB8:12::2"));

        assertEquals("ICMP Neighbor Discovery events debugging is off\n", r1.exec("undebug ipv6 nd"));
        r1.exec("clear ipv6 neighbors");
        String quiet = r1.exec("ping 2001:db8:12::2");
        net.run(5);
        assertTrue(quiet.contains("Success rate is"), quiet);
        assertFalse((quiet + r1.pending()).contains("ICMPv6-ND"));
        r2.exec("undebug all");
        r2.exec("clear ipv6 neighbors");
        r1.exec("ping 2001:db8:12::2");
        net.run(5);
        assertFalse(r2.pending().contains("ICMPv6-ND"), "undebug all turns it off");
        assertFalse(r1.router.ipv6().ndDebug() || r2.router.ipv6().ndDebug());
    }
}
