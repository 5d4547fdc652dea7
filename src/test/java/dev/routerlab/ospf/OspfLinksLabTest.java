package dev.routerlab.ospf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/**
 * OSPF adjacencies between full routers configured from the CLI, in virtual time: what keeps
 * them from forming (authentication, MTU; RFC 2328 D.3, 10.6), non-broadcast neighbours (9.5.1),
 * equal-cost paths, and every link kind: Ethernet, GRE, GRE with tunnel protection, mGRE.
 */
class OspfLinksLabTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    /** R1 Gi0/0 10.12.0.1 ---- 10.12.0.2 Gi0/0 R2 (Lo0 2.2.2.2), OSPF area 0 on both. */
    private static Net pair(Net net, String... r1Extra) {
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        r1.config("interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "router ospf 1", "router-id 1.1.1.1", "network 10.12.0.0 0.0.0.255 area 0");
        r2.config("interface Loopback0", "ip address 2.2.2.2 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "router ospf 1", "router-id 2.2.2.2", "network 0.0.0.0 255.255.255.255 area 0");
        return net;
    }

    private static OspfInstance ospf(Net.Node n) { return n.router.ospf().processes().get(1); }

    private static NeighborState state(Net.Node n) {
        var nbrs = ospf(n).neighbors();
        return nbrs.isEmpty() ? NeighborState.DOWN : nbrs.get(0).state();
    }

    @Test
    void md5AuthenticationMismatchKeepsTheAdjacencyDown() {
        Net net = pair(new Net());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r1.config("interface GigabitEthernet0/0", "ip ospf authentication message-digest", "ip ospf message-digest-key 1 md5 cisco");
        net.run(60);
        assertEquals(NeighborState.DOWN, state(r1));
        assertTrue(ospf(r1).counters().authFailures() > 0);
        assertTrue(ospf(r2).counters().authFailures() > 0);
        // the area asks for MD5 on R2, the key matches: FULL
        r2.config("router ospf 1", "area 0 authentication message-digest",
            "interface GigabitEthernet0/0", "ip ospf message-digest-key 1 md5 cisco");
        net.run(60);
        assertEquals(NeighborState.FULL, state(r1));
        assertTrue(r1.exec("show ip route ospf").contains("2.2.2.2 [110/2] via 10.12.0.2"));
        // a wrong key on one side: the neighbour dies with the dead interval
        r2.config("interface GigabitEthernet0/0", "no ip ospf message-digest-key 1", "ip ospf message-digest-key 1 md5 wrong");
        net.run(45);
        assertEquals(NeighborState.DOWN, state(r1));
        assertTrue(r1.pending().contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0 from FULL to DOWN, Neighbor Down: Dead timer expired"));
    }

    @Test
    void simplePasswordAuthentication() {
        Net net = pair(new Net());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r1.config("interface GigabitEthernet0/0", "ip ospf authentication", "ip ospf authentication-key secret");
        r2.config("interface GigabitEthernet0/0", "ip ospf authentication", "ip ospf authentication-key other");
        net.run(60);
        assertEquals(NeighborState.DOWN, state(r1));
        r2.config("interface GigabitEthernet0/0", "ip ospf authentication-key secret");
        net.run(60);
        assertEquals(NeighborState.FULL, state(r1));
    }

    @Test
    void mtuMismatchHoldsTheNeighbourInExstartUntilMtuIgnore() {
        Net net = pair(new Net());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r2.config("interface GigabitEthernet0/0", "ip mtu 1400");
        net.run(90);
        // R2, the master (higher router ID), refuses R1's DBDs (MTU 1500 > 1400) and stays in
        // EXSTART; R1 took R2's DBD and waits in EXCHANGE, as IOS shows a mismatch
        assertEquals(NeighborState.EXSTART, state(r2));
        assertEquals(NeighborState.EXCHANGE, state(r1));
        assertTrue(ospf(r2).counters().mtuMismatch() > 0);
        assertTrue(r2.exec("show ip ospf neighbor").contains("EXSTART/"));
        r2.config("interface GigabitEthernet0/0", "ip ospf mtu-ignore");
        net.run(60);
        assertEquals(NeighborState.FULL, state(r1));
        assertEquals(NeighborState.FULL, state(r2));
    }

    @Test
    void nonBroadcastNeedsConfiguredNeighbours() {
        Net net = pair(new Net());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r1.config("interface GigabitEthernet0/0", "ip ospf network non-broadcast");
        r2.config("interface GigabitEthernet0/0", "ip ospf network non-broadcast");
        net.run(150);
        assertEquals(NeighborState.DOWN, state(r1)); // no multicast hellos on NBMA
        r1.config("router ospf 1", "neighbor 10.12.0.2 priority 1");
        net.run(150);
        assertEquals(NeighborState.FULL, state(r1));
        assertEquals(NeighborState.FULL, state(r2));
        assertTrue(r1.exec("show ip route ospf").contains("2.2.2.2 [110/2] via 10.12.0.2"));
    }

    @Test
    void equalCostPathsFollowMaximumPaths() {
        Net net = pair(new Net());
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        net.wire(r1, "Gi0/1", r2, "Gi0/1", HALF_MS);
        r1.config("interface GigabitEthernet0/1", "ip address 10.21.0.1 255.255.255.0", "no shutdown", "ip ospf 1 area 0");
        r2.config("interface GigabitEthernet0/1", "ip address 10.21.0.2 255.255.255.0", "no shutdown");
        net.run(60);
        String rt = r1.exec("show ip route ospf");
        assertTrue(rt.contains("O        2.2.2.2 [110/2] via 10.12.0.2, 00:00:09, GigabitEthernet0/0\n"
            + "                 [110/2] via 10.21.0.2, 00:00:09, GigabitEthernet0/1\n"), rt);
        r1.config("router ospf 1", "maximum-paths 1");
        net.run(5);
        rt = r1.exec("show ip route ospf");
        assertTrue(rt.contains("O        2.2.2.2 [110/2] via 10.12.0.2, 00:00:04, GigabitEthernet0/0\n"), rt);
        assertFalse(rt.contains("[110/2] via 10.21.0.2"), rt);
        // the bandwidth drives the cost (reference 100 Mbit/s): the slower link drops out
        r1.config("router ospf 1", "no maximum-paths", "interface GigabitEthernet0/1", "bandwidth 10000");
        net.run(5);
        rt = r1.exec("show ip route ospf");
        assertTrue(rt.contains("O        2.2.2.2 [110/2] via 10.12.0.2, "), rt);
        assertFalse(rt.contains("via 10.21.0.2, 00:00:0"), rt);
        r1.config("router ospf 1", "auto-cost reference-bandwidth 10000");
        net.run(5);
        assertTrue(r1.exec("show ip ospf interface brief").contains("Gi0/1        1     0     10.21.0.1/24       1000 "));
    }
}
