package dev.routerlab.ospf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/**
 * Recursive routing as IOS shows it: R3 leaks its transport network (10.23.0.0/24, where R1's
 * tunnel destination lives) into the OSPF that runs over the tunnel; R1 reaches the ISP by a
 * default route only, so the OSPF /24 through Tunnel0 wins: %TUN-5-RECURDOWN, the tunnel goes
 * down, the adjacency drops, the route leaves, the tunnel comes back after the hold-down and it
 * flaps, until a static route to the tunnel destination through the ISP fixes it.
 */
class OspfRecursiveRoutingTest {
    @Test
    void tunnelFlapsUntilAStaticRouteToTheIspFixesIt() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), isp = net.router("ISP"), r3 = net.router("R3");
        WireOptions w = WireOptions.DEFAULT.withDelay(500_000);
        net.wire(r1, "Gi0/0", isp, "Gi0/0", w);
        net.wire(isp, "Gi0/1", r3, "Gi0/0", w);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3", "ip route 0.0.0.0 0.0.0.0 10.12.0.2",
            "router ospf 1", "network 172.16.13.0 0.0.0.3 area 0", "network 1.1.1.1 0.0.0.0 area 0");
        isp.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", "ip route 0.0.0.0 0.0.0.0 10.23.0.2",
            "router ospf 1", "network 172.16.13.0 0.0.0.3 area 0", "network 3.3.3.3 0.0.0.0 area 0",
            "network 10.23.0.0 0.0.0.255 area 0");
        net.run(30);
        String log = r1.pending();
        int full = log.indexOf("%OSPF-5-ADJCHG: Process 1, Nbr 3.3.3.3 on Tunnel0 from LOADING to FULL, Loading Done");
        int recur = log.indexOf("%TUN-5-RECURDOWN: Tunnel0 temporarily disabled due to recursive routing");
        int down = log.indexOf("%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down");
        int adjDown = log.indexOf("%OSPF-5-ADJCHG: Process 1, Nbr 3.3.3.3 on Tunnel0 from FULL to DOWN, Neighbor Down: Interface down or detached");
        assertTrue(full >= 0 && recur > full && down > recur && adjDown > down, log);
        assertFalse(r1.exec("show ip route").contains("O        10.23.0.0"), "the route leaves with the tunnel");
        assertTrue(r1.exec("show interfaces Tunnel0").startsWith("Tunnel0 is up, line protocol is down"));
        assertTrue(r1.exec("show ip ospf interface brief").contains("Tu0          1     0     172.16.13.1/30     1000  DOWN  0/0\n"));

        // after the hold-down it comes back, forms the adjacency, learns the route again and goes down again
        net.run(70);
        log = r1.pending();
        assertTrue(log.contains("Line protocol on Interface Tunnel0, changed state to up"), log);
        assertTrue(log.contains("Nbr 3.3.3.3 on Tunnel0 from LOADING to FULL"), log);
        assertTrue(log.indexOf("%TUN-5-RECURDOWN") > log.indexOf("from LOADING to FULL"), log);

        // the fix: the tunnel destination through the ISP, by a static route
        r1.config("ip route 10.23.0.3 255.255.255.255 10.12.0.2");
        net.run(70);
        log = r1.pending();
        assertTrue(log.contains("Nbr 3.3.3.3 on Tunnel0 from LOADING to FULL"), log);
        net.run(300);
        log = r1.pending();
        assertFalse(log.contains("RECURDOWN") || log.contains("changed state to down"), log);
        assertTrue(r1.exec("show ip route ospf").contains("O        10.23.0.0 [110/1001] via 172.16.13.2"), r1.exec("show ip route ospf"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("Success rate is 100 percent"));
    }
}
