package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** OSPF between routers in virtual time: R1 - R2 - R3 on Ethernet, and a GRE tunnel R1-R3 over R2. */
class OspfLabTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    private final Net net = new Net();
    private final Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");

    OspfLabTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.12.0.0 0.0.0.255 area 0", "network 1.1.1.1 0.0.0.0 area 0");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.0.0.0 0.255.255.255 area 0");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.23.0.0 0.0.0.255 area 0", "network 3.3.3.3 0.0.0.0 area 0");
    }

    @Test
    void neighboursReachFullAndRoutesAreInstalled() {
        net.run(60);
        String log1 = r1.pending();
        assertTrue(log1.matches("(?s).*%OSPF-5-ADJCHG: Process 1, Nbr 10\\.\\d+\\.0\\.2 on GigabitEthernet0/0 from LOADING to FULL, Loading Done.*"), log1);
        String nb = r1.exec("show ip ospf neighbor");
        assertTrue(nb.startsWith("Neighbor ID     Pri   State           Dead Time   Address         Interface\n"), nb);
        assertTrue(nb.matches("(?s).*\n10\\.\\d+\\.0\\.2 +1   FULL/(DR|BDR) +00:00:[0-3]\\d    10\\.12\\.0\\.2 +GigabitEthernet0/0\n"), nb);
        String br = r1.exec("show ip ospf interface brief");
        assertTrue(br.contains("Lo0          1     0     1.1.1.1/32         1     LOOP  0/0\n"), br);
        assertTrue(br.matches("(?s).*Gi0/0        1     0     10\\.12\\.0\\.1/24 +1     (DR|BDR) +1/1\n.*"), br);
        String ro = r1.exec("show ip route ospf");
        assertTrue(ro.contains("O        3.3.3.3 [110/3] via 10.12.0.2, 00:00:") && !ro.contains("C    "), ro);
        String rt = r1.exec("show ip route");
        assertTrue(rt.matches("(?s).*\nO        3\\.3\\.3\\.3 \\[110/3\\] via 10\\.12\\.0\\.2, 00:00:\\d\\d, GigabitEthernet0/0\n.*"), rt);
        assertTrue(rt.matches("(?s).*\nO        10\\.23\\.0\\.0/24 \\[110/2\\] via 10\\.12\\.0\\.2, 00:00:\\d\\d, GigabitEthernet0/0\n.*"), rt);
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("Success rate is"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
        // R2 shuts its interface towards R3: R1 loses R3's routes (R2's router LSA changes)
        r3.config("interface GigabitEthernet0/0", "shutdown");
        net.run(45);
        String after = r1.exec("show ip route");
        assertFalse(after.contains("3.3.3.3"), after);
    }

    @Test
    void adjacencyOverAGreTunnelIsPointToPoint() {
        Net n = new Net();
        Net.Node a = n.router("R1"), b = n.router("R2"), c = n.router("R3");
        n.wire(a, "Gi0/0", b, "Gi0/0", HALF_MS);
        n.wire(b, "Gi0/1", c, "Gi0/0", HALF_MS);
        a.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3", "ip route 10.23.0.0 255.255.255.0 10.12.0.2",
            "router ospf 1", "network 172.16.13.0 0.0.0.3 area 0", "network 1.1.1.1 0.0.0.0 area 0");
        b.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        c.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", "ip route 10.12.0.0 255.255.255.0 10.23.0.2",
            "router ospf 1", "network 172.16.13.0 0.0.0.3 area 0", "network 3.3.3.3 0.0.0.0 area 0");
        n.run(30);
        String log = a.pending();
        assertTrue(log.contains("%OSPF-5-ADJCHG: Process 1, Nbr 3.3.3.3 on Tunnel0 from LOADING to FULL, Loading Done"), log);
        String nb = a.exec("show ip ospf neighbor");
        assertTrue(nb.contains("\n3.3.3.3           0   FULL/  -        00:00:"), nb);
        assertTrue(nb.contains("    172.16.13.2     Tunnel0\n"), nb);
        assertTrue(a.exec("show ip ospf interface brief").contains("Tu0          1     0     172.16.13.1/30     1000  P2P   1/1\n"));
        String rt = a.exec("show ip route ospf");
        assertTrue(rt.contains("O        3.3.3.3 [110/1001] via 172.16.13.2, 00:00:"), rt);
        assertTrue(rt.contains(", Tunnel0\n"), rt);
        a.exec("ping 3.3.3.3 source Loopback0");             // ARP along the underlay
        assertTrue(a.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
        // the tunnel's far end goes: R1 drops the neighbour after the dead interval (40 s)
        c.config("interface Tunnel0", "shutdown");
        n.run(20);
        assertTrue(a.exec("show ip route ospf").contains("3.3.3.3"));
        n.run(25);
        String down = a.pending();
        assertFalse(a.exec("show ip route").contains("3.3.3.3"));
        assertTrue(down.contains("%OSPF-5-ADJCHG: Process 1, Nbr 3.3.3.3 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired"), down);
    }

    @Test
    void interfaceCostAndTimersApply() {
        r1.config("interface GigabitEthernet0/0", "ip ospf cost 50", "ip ospf hello-interval 5");
        r2.config("interface GigabitEthernet0/0", "ip ospf hello-interval 5", "ip ospf priority 0");
        net.run(60);
        String rt = r1.exec("show ip route ospf");
        assertTrue(rt.contains("O        3.3.3.3 [110/52] via 10.12.0.2, "), rt);
        String nb = r1.exec("show ip ospf neighbor");
        assertTrue(nb.matches("(?s).*\n\\S+ +0   FULL/DROTHER +00:00:[01]\\d .*"), nb);
        String br = r1.exec("show ip ospf interface brief");
        assertTrue(br.contains("Gi0/0        1     0     10.12.0.1/24       50    DR    1/1\n"), br);
    }

    @Test
    void routerIdCommandAndNoRouterOspf() {
        r3.config("router ospf 1", "router-id 9.9.9.9");     // no neighbours yet: taken at once
        net.run(60);
        assertTrue(r2.exec("show ip ospf neighbor").contains("\n9.9.9.9 "));
        r1.config("no router ospf 1");
        assertFalse(r1.exec("show ip route").contains("\nO    "));
        assertTrue(r1.exec("show ip ospf neighbor").isEmpty());
    }
}
