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

    /**
     * DMVPN phase 2 (mGRE on hub and spokes, NHRP) with OSPF broadcast on Tunnel0: the hub is DR,
     * the spokes priority 0 (RFC 2328 9.4: never DR or BDR), each FULL with the hub only, and a
     * spoke's route to the other spoke's LAN points at that spoke's tunnel address.
     */
    @Test
    void mgreBroadcastNetworkWithTheHubAsDr() {
        Net net = new Net();
        Net.Node isp = net.router("ISP"), hub = net.router("HUB1"), s1 = net.router("SPOKE1"), s2 = net.router("SPOKE2");
        net.wire(hub, "Gi0/0", isp, "Gi0/0", HALF_MS);
        net.wire(s1, "Gi0/0", isp, "Gi0/1", HALF_MS);
        net.wire(s2, "Gi0/0", isp, "Gi0/2", HALF_MS);
        isp.config("interface GigabitEthernet0/0", "ip address 172.16.11.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/2", "ip address 172.16.2.254 255.255.255.0", "no shutdown");
        hub.config("interface Loopback0", "ip address 10.0.11.1 255.255.255.0", "ip ospf network point-to-point",
            "interface GigabitEthernet0/0", "ip address 172.16.11.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.11 255.255.255.0", "ip mtu 1400", "ip nhrp network-id 100",
            "ip nhrp map multicast dynamic", "ip ospf network broadcast", "ip ospf priority 10",
            "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "ip route 0.0.0.0 0.0.0.0 172.16.11.254",
            "router ospf 1", "network 10.0.11.0 0.0.0.255 area 0", "network 192.168.100.0 0.0.0.255 area 0");
        for (int n = 1; n <= 2; n++) {
            Net.Node s = n == 1 ? s1 : s2;
            s.config("interface Loopback0", "ip address 10.0." + n + ".1 255.255.255.0", "ip ospf network point-to-point",
                "interface GigabitEthernet0/0", "ip address 172.16." + n + ".1 255.255.255.0", "no shutdown",
                "interface Tunnel0", "ip address 192.168.100." + n + " 255.255.255.0", "ip mtu 1400", "ip nhrp network-id 100",
                "ip nhrp map 192.168.100.11 172.16.11.1", "ip nhrp map multicast 172.16.11.1", "ip nhrp nhs 192.168.100.11",
                "ip ospf network broadcast", "ip ospf priority 0",
                "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
                "ip route 0.0.0.0 0.0.0.0 172.16." + n + ".254",
                "router ospf 1", "network 10.0." + n + ".0 0.0.0.255 area 0", "network 192.168.100.0 0.0.0.255 area 0");
        }
        net.run(90);
        String nb = hub.exec("show ip ospf neighbor");
        assertTrue(nb.matches("(?s).*\n10\\.0\\.1\\.1 +0   FULL/DROTHER .*"), nb);
        assertTrue(nb.matches("(?s).*\n10\\.0\\.2\\.1 +0   FULL/DROTHER .*"), nb);
        assertTrue(s1.exec("show ip ospf neighbor").contains("10.0.11.1        10   FULL/DR "));
        assertEquals(InterfaceState.DR, ospf(hub).interfaceState("Tunnel0"));
        assertEquals(InterfaceState.DR_OTHER, ospf(s1).interfaceState("Tunnel0"));
        // the spokes see each other 2WAY only: no adjacency between two DROTHERs (10.4)
        assertTrue(s1.exec("show ip ospf neighbor").isEmpty() || !s1.exec("show ip ospf neighbor").contains("10.0.2.1 "));
        String rt = s1.exec("show ip route ospf");
        assertTrue(rt.contains("O        10.0.2.0 [110/1001] via 192.168.100.2, "), rt);
        assertTrue(rt.contains("O        10.0.11.0 [110/1001] via 192.168.100.11, "), rt);
    }
}
