package dev.routerlab.ospf;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.ospf.FakeNet.Router;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Three engines: a LAN shared by all (R1 priority 0), point-to-point links R1-R2, R1-R3 and
 * R2-R3. R1's LAN cost is 100 so it prefers its serial links; R2 and R3 reach 10.0.23.0/30
 * directly, R1 through either of them at equal cost.
 *
 * <pre>
 *        R1 (1.1.1.1) ------------------ LAN 10.0.0.0/24 (cost 100 from R1, 10 from R2/R3)
 *       /  \                                 |            |
 *  S0/0 10  10 S0/1                          R2          R3
 *     /      \
 *   R2 ------ R3     10.0.23.0/30 (cost 10)
 * </pre>
 */
class OspfTopologyTest {
    private static FakeNet triangle() {
        FakeNet net = new FakeNet();
        net.router("R1", "1.1.1.1")
                .attach("lan", "GigabitEthernet0/0", "10.0.0.1/24", NetworkType.BROADCAST, c -> c.withPriority(0).withCost(100))
                .attach("l12", "Serial0/0", "10.0.12.1/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .attach("l13", "Serial0/1", "10.0.13.1/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .loopback("1.1.1.1");
        net.router("R2", "2.2.2.2")
                .attach("lan", "GigabitEthernet0/0", "10.0.0.2/24", NetworkType.BROADCAST, c -> c.withCost(10))
                .attach("l12", "Serial0/0", "10.0.12.2/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .attach("l23", "Serial0/1", "10.0.23.2/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .loopback("2.2.2.2");
        net.router("R3", "3.3.3.3")
                .attach("lan", "GigabitEthernet0/0", "10.0.0.3/24", NetworkType.BROADCAST, c -> c.withCost(10))
                .attach("l13", "Serial0/0", "10.0.13.3/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .attach("l23", "Serial0/1", "10.0.23.3/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .loopback("3.3.3.3");
        return net;
    }

    @Test
    void threeRoutersConvergeWithDrBdrAndEqualCostPaths() {
        FakeNet net = triangle();
        net.run(90);
        Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2"), r3 = net.routers.get("R3");
        assertEquals(InterfaceState.DR, r3.ospf.interfaceState("GigabitEthernet0/0"));
        assertEquals(InterfaceState.BACKUP, r2.ospf.interfaceState("GigabitEthernet0/0"));
        assertEquals(InterfaceState.DR_OTHER, r1.ospf.interfaceState("GigabitEthernet0/0"));
        for (Router r : List.of(r1, r2, r3))
            for (OspfInstance.NeighborInfo n : r.ospf.neighbors())
                assertEquals(NeighborState.FULL, n.state(), r.name + " " + n);
        assertEquals(2, r1.ospf.neighbors().stream().filter(n -> n.interfaceName().equals("GigabitEthernet0/0")).count());
        // all three have the same database: 3 router-LSAs and R3's network-LSA
        assertEquals(4, r1.ospf.database().size());
        assertEquals(headers(r1), headers(r2));
        assertEquals(headers(r1), headers(r3));
        // equal-cost: 10.0.23.0/30 via both serial links, cost 20
        assertEquals(List.of("10.0.12.2%Serial0/0", "10.0.13.3%Serial0/1"), r1.via("10.0.23.0/30"));
        assertEquals(20, r1.route("10.0.23.0/30").cost());
        // loopbacks via the serial links (cost 11); the LAN is connected, not an OSPF route
        assertEquals(List.of("10.0.12.2%Serial0/0"), r1.via("2.2.2.2/32"));
        assertEquals(11, r1.route("2.2.2.2/32").cost());
        assertNull(r1.route("10.0.0.0/24"));
        // costs are outbound: R2 reaches R1's loopback over the serial link or the LAN (10 + 0 + 1)
        // at equal cost 11, although R1 itself avoids the LAN (cost 100); R3's the same way
        assertEquals(List.of("10.0.0.1%GigabitEthernet0/0", "10.0.12.1%Serial0/0"), r2.via("1.1.1.1/32"));
        assertEquals(11, r2.route("1.1.1.1/32").cost());
        assertEquals(List.of("10.0.0.3%GigabitEthernet0/0", "10.0.23.3%Serial0/1"), r2.via("3.3.3.3/32"));
    }

    @Test
    void maximumPathsLimitsEqualCostNextHops() {
        FakeNet net = triangle();
        net.routers.get("R1").ospf.setMaximumPaths(1);
        net.run(90);
        assertEquals(1, net.routers.get("R1").via("10.0.23.0/30").size());
        net.routers.get("R1").ospf.setMaximumPaths(4);
        net.run(1);
        assertEquals(2, net.routers.get("R1").via("10.0.23.0/30").size());
    }

    @Test
    void linkFailureReconvergesAfterTheDeadIntervalAndRecovers() {
        FakeNet net = triangle();
        net.run(90);
        Router r1 = net.routers.get("R1");
        net.cut("l12", true);
        net.run(30);
        assertEquals(2, r1.via("10.0.23.0/30").size(), "dead interval not over yet");
        net.run(15);
        assertTrue(r1.logs.contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on Serial0/0 from FULL to DOWN, Neighbor Down: Dead timer expired"),
                r1.logs.toString());
        net.run(10);
        assertEquals(List.of("10.0.13.3%Serial0/1"), r1.via("10.0.23.0/30"));
        // R2's loopback: via R3 (10 + 10 + 1 = 21) or the LAN (100 + 1): via R3, over S0/1
        assertEquals(List.of("10.0.13.3%Serial0/1"), r1.via("2.2.2.2/32"));
        assertEquals(21, r1.route("2.2.2.2/32").cost());
        assertNull(r1.route("10.0.12.0/30") == null ? null : r1.route("10.0.12.0/30").nextHops().stream()
                .filter(h -> h.interfaceName().equals("Serial0/0")).findAny().orElse(null), "nothing via the dead link");
        net.cut("l12", false);
        net.run(60);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertEquals(List.of("10.0.12.2%Serial0/0", "10.0.13.3%Serial0/1"), r1.via("10.0.23.0/30"));
        assertEquals(11, r1.route("2.2.2.2/32").cost());
    }

    @Test
    void drFailureElectsTheBdrAndTheNetworkLsaMoves() {
        FakeNet net = triangle();
        net.run(90);
        Router r2 = net.routers.get("R2");
        net.routers.get("R3").ospf.setInterfaceUp("GigabitEthernet0/0", false);
        net.run(60);
        assertEquals(InterfaceState.DR, r2.ospf.interfaceState("GigabitEthernet0/0"), "the BDR takes over");
        assertEquals(NeighborState.FULL, net.routers.get("R1").stateOf("2.2.2.2"));
        net.run(10);
        // R3's network-LSA is flushed, R2 originates one for 10.0.0.2
        List<Lsa.Header> nets = r2.ospf.database().stream().map(OspfInstance.LsaInfo::header)
                .filter(h -> h.type() == Lsa.NETWORK && h.age() < Lsa.MAX_AGE).toList();
        assertEquals(1, nets.size(), nets.toString());
        assertEquals(Ipv4Address.parse("10.0.0.2"), nets.get(0).lsid());
    }

    @Test
    void externalRoutesE1AndE2() {
        FakeNet net = triangle();
        net.run(90);
        Router r1 = net.routers.get("R1"), r3 = net.routers.get("R3");
        r3.ospf.originateExternal(Ipv4Address.parse("192.168.0.0"), Ipv4Address.parse("255.255.255.0"), 20, true, 0, 0);
        r3.ospf.originateExternal(Ipv4Address.parse("192.168.1.0"), Ipv4Address.parse("255.255.255.0"), 20, false, 0, 0);
        net.run(10);
        OspfRoute e2 = r1.route("192.168.0.0/24");
        assertNotNull(e2, r1.routes.toString());
        assertEquals(OspfRoute.Type.EXTERNAL_2, e2.type());
        assertEquals(20, e2.cost());
        assertEquals(10, e2.forwardingCost());
        assertEquals(List.of("10.0.13.3%Serial0/1"), r1.via("192.168.0.0/24"));
        OspfRoute e1 = r1.route("192.168.1.0/24");
        assertEquals(OspfRoute.Type.EXTERNAL_1, e1.type());
        assertEquals(30, e1.cost());
        assertEquals("O E2", e2.type().code);
        // the ASBR sets the E bit in its router-LSA
        var rl = r1.ospf.database().stream().filter(i -> i.header().type() == Lsa.ROUTER
                && i.header().advRouter() == Ipv4Address.parse("3.3.3.3")).findFirst().orElseThrow();
        assertEquals(Lsa.FLAG_E, Lsa.router(rl.bytes(), 0).flags() & Lsa.FLAG_E);
        // withdrawn: flushed with MaxAge, the route goes away everywhere
        r3.ospf.withdrawExternal(Ipv4Address.parse("192.168.0.0"), Ipv4Address.parse("255.255.255.0"));
        net.run(10);
        assertNull(r1.route("192.168.0.0/24"));
        assertNotNull(r1.route("192.168.1.0/24"));
    }

    private static List<String> headers(Router r) {
        return r.ospf.database().stream().map(i -> i.header().type() + "/" + Ipv4Address.toString(i.header().lsid()) + "/"
                + Ipv4Address.toString(i.header().advRouter()) + "/" + Integer.toHexString(i.header().seq())).toList();
    }
}
