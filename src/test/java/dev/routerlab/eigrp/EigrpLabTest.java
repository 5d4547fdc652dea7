package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** EIGRP between routers in virtual time: Ethernet, point-to-point GRE, mGRE (DMVPN), summaries, failover by delay. */
class EigrpLabTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    @Test
    void ethernetNeighboursAndRoutes() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "router eigrp 100", "network 10.12.0.0 0.0.0.255", "network 1.1.1.1 0.0.0.0");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown",
            "router eigrp 100", "network 10.0.0.0");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "router eigrp 100", "network 10.23.0.0 0.0.0.255", "network 3.3.3.3 0.0.0.0");
        net.run(30);
        String log = r1.pending();
        assertTrue(log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.12.0.2 (GigabitEthernet0/0) is up: new adjacency"), log);
        String rt = r1.exec("show ip route eigrp");
        System.out.println(rt);
        assertTrue(rt.contains("D        3.3.3.3 [90/131072] via 10.12.0.2, 00:00:"), rt);
        System.out.println(r1.exec("show ip eigrp neighbors"));
        System.out.println(r1.exec("show ip eigrp topology"));
        System.out.println(r1.exec("show ip eigrp interfaces detail"));
        System.out.println(r1.exec("show ip eigrp traffic"));
        System.out.println(r1.exec("show ip protocols"));
        System.out.println(r1.exec("show running-config | section eigrp"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("Success rate is"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
        r3.config("interface GigabitEthernet0/0", "shutdown");
        net.run(20);
        assertFalse(r1.exec("show ip route").contains("3.3.3.3"));
    }
}
