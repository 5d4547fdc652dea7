package dev.routerlab.ospf;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.ospf.FakeNet.Router;
import dev.routerlab.ospf.OspfInterfaceConfig.AuthType;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Two engines on one link: adjacency, DR/BDR, database exchange, routes, and the mismatches that prevent an adjacency. */
class OspfAdjacencyTest {
    static final String GI = "GigabitEthernet0/0";

    private static FakeNet lan(java.util.function.UnaryOperator<OspfInterfaceConfig> f1,
                               java.util.function.UnaryOperator<OspfInterfaceConfig> f2) {
        FakeNet net = new FakeNet();
        net.router("R1", "1.1.1.1").attach("lan", GI, "10.0.12.1/24", NetworkType.BROADCAST, f1).loopback("1.1.1.1");
        net.router("R2", "2.2.2.2").attach("lan", GI, "10.0.12.2/24", NetworkType.BROADCAST, f2).loopback("2.2.2.2");
        return net;
    }

    @Test
    void broadcastPairReachesFullWithHigherRouterIdAsDr() {
        FakeNet net = lan(c -> c, c -> c);
        Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        net.run(30);
        assertEquals(InterfaceState.WAITING, r1.ospf.interfaceState(GI), "the wait timer is the dead interval");
        assertNotEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        net.run(30);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertEquals(NeighborState.FULL, r2.stateOf("1.1.1.1"));
        assertEquals(InterfaceState.DR, r2.ospf.interfaceState(GI));
        assertEquals(InterfaceState.BACKUP, r1.ospf.interfaceState(GI));
        assertTrue(r1.neighbor("2.2.2.2").isDr());
        assertTrue(r2.neighbor("1.1.1.1").isBdr());
        assertTrue(r1.logs.contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0 from LOADING to FULL, Loading Done"),
                r1.logs.toString());
        assertTrue(r2.logs.contains("%OSPF-5-ADJCHG: Process 1, Nbr 1.1.1.1 on GigabitEthernet0/0 from LOADING to FULL, Loading Done"),
                r2.logs.toString());
        // identical databases: two router-LSAs and the DR's network-LSA
        List<String> db1 = r1.ospf.database().stream().map(i -> i.header().type() + " " + Ipv4Address.toString(i.header().lsid())
                + " " + Integer.toHexString(i.header().seq()) + " " + Integer.toHexString(i.header().checksum())).toList();
        List<String> db2 = r2.ospf.database().stream().map(i -> i.header().type() + " " + Ipv4Address.toString(i.header().lsid())
                + " " + Integer.toHexString(i.header().seq()) + " " + Integer.toHexString(i.header().checksum())).toList();
        assertEquals(db1, db2);
        assertEquals(3, db1.size(), db1.toString());
        assertTrue(db1.get(2).startsWith("2 10.0.12.2 "), "network-LSA by the DR: " + db1);
        // routes: each loopback via the other, cost = LAN 1 + loopback 1
        OspfRoute to2 = r1.route("2.2.2.2/32");
        assertNotNull(to2, r1.routes.toString());
        assertEquals(2, to2.cost());
        assertEquals(OspfRoute.Type.INTRA_AREA, to2.type());
        assertEquals(List.of("10.0.12.2%" + GI), r1.via("2.2.2.2/32"));
        assertEquals(List.of("10.0.12.1%" + GI), r2.via("1.1.1.1/32"));
        assertNull(r1.route("10.0.12.0/24"), "connected networks are not OSPF routes");
    }

    @Test
    void pointToPointPairHasNoDrAndReachesFullWithinSeconds() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1").attach("p2p", "Serial0/0", "10.0.0.1/30", NetworkType.POINT_TO_POINT)
                .loopback("1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2").attach("p2p", "Serial0/0", "10.0.0.2/30", NetworkType.POINT_TO_POINT,
                c -> c.withCost(64)).loopback("2.2.2.2");
        net.run(12);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"), "no wait timer on point-to-point");
        assertEquals(InterfaceState.POINT_TO_POINT, r1.ospf.interfaceState("Serial0/0"));
        net.run(10);
        assertEquals(List.of("10.0.0.2%Serial0/0"), r1.via("2.2.2.2/32"));
        assertEquals(2, r1.route("2.2.2.2/32").cost());
        assertEquals(65, r2.route("1.1.1.1/32").cost(), "the outgoing interface's cost counts");
        // no network-LSA on a point-to-point link
        assertTrue(r1.ospf.database().stream().noneMatch(i -> i.header().type() == Lsa.NETWORK));
    }

    @Test
    void md5AuthenticationMatchFormsAnAdjacency() {
        byte[] key = "s3cr3t".getBytes(StandardCharsets.US_ASCII);
        FakeNet net = lan(c -> c.withAuth(AuthType.MESSAGE_DIGEST, key, 1), c -> c.withAuth(AuthType.MESSAGE_DIGEST, key, 1));
        net.run(60);
        assertEquals(NeighborState.FULL, net.routers.get("R1").stateOf("2.2.2.2"));
        assertEquals(0, net.routers.get("R1").ospf.counters().authFailures());
        // the packets on the wire really carry type 2 authentication
        assertTrue(net.wire.stream().allMatch(p -> dev.routerlab.packet.ospf.Ospf.authType(p, 0) == 2));
    }

    @Test
    void md5KeyMismatchGivesNoAdjacencyAndIsCounted() {
        FakeNet net = lan(c -> c.withAuth(AuthType.MESSAGE_DIGEST, "one".getBytes(), 1),
                c -> c.withAuth(AuthType.MESSAGE_DIGEST, "two".getBytes(), 1));
        net.run(60);
        Router r1 = net.routers.get("R1");
        assertNull(r1.neighbor("2.2.2.2"));
        assertTrue(r1.ospf.counters().authFailures() >= 5, "hellos every 10 s: " + r1.ospf.counters());
        assertTrue(r1.debugs.contains("Rcv pkt from 10.0.12.2 : Mismatched Authentication Key - Message Digest Key 1"),
                r1.debugs.toString());
        assertNull(r1.route("2.2.2.2/32"));
    }

    @Test
    void authenticationTypeMismatchGivesNoAdjacency() {
        FakeNet net = lan(c -> c.withAuth(AuthType.MESSAGE_DIGEST, "k".getBytes(), 1), c -> c);
        net.run(60);
        Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        assertNull(r1.neighbor("2.2.2.2"));
        assertNull(r2.neighbor("1.1.1.1"));
        assertTrue(r2.debugs.contains("Rcv pkt from 10.0.12.1 : Mismatched Authentication type. Input packet specified type 2, we use type 0"),
                r2.debugs.toString());
    }

    @Test
    void simplePasswordMatchAndMismatch() {
        FakeNet ok = lan(c -> c.withAuth(AuthType.SIMPLE, "pw".getBytes(), 0), c -> c.withAuth(AuthType.SIMPLE, "pw".getBytes(), 0));
        ok.run(60);
        assertEquals(NeighborState.FULL, ok.routers.get("R1").stateOf("2.2.2.2"));
        FakeNet bad = lan(c -> c.withAuth(AuthType.SIMPLE, "pw".getBytes(), 0), c -> c.withAuth(AuthType.SIMPLE, "px".getBytes(), 0));
        bad.run(60);
        assertNull(bad.routers.get("R1").neighbor("2.2.2.2"));
        assertTrue(bad.routers.get("R1").debugs.stream().anyMatch(d -> d.endsWith("Mismatched Authentication Key - Clear Text")));
    }

    @Test
    void mtuMismatchStaysInExStartUnlessMtuIgnore() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1").attach("p2p", "Serial0/0", "10.0.0.1/30", NetworkType.POINT_TO_POINT,
                c -> c.withMtu(1500, false));
        Router r2 = net.router("R2", "2.2.2.2").attach("p2p", "Serial0/0", "10.0.0.2/30", NetworkType.POINT_TO_POINT,
                c -> c.withMtu(1400, false));
        net.run(120);
        // R2 (smaller MTU) rejects R1's DBDs; R1 (the slave: lower router ID) never gets past EXSTART either
        assertEquals(NeighborState.EXSTART, r2.stateOf("1.1.1.1"));
        assertNotEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertTrue(r2.ospf.counters().mtuMismatch() > 0);
        assertTrue(r2.debugs.contains("Nbr 1.1.1.1 has larger interface MTU"));
        // ip ospf mtu-ignore on the smaller side
        r2.ospf.configureInterface(OspfInterfaceConfig.of("Serial0/0", Ipv4Address.parse("10.0.0.2"), -4, 0,
                NetworkType.POINT_TO_POINT).withMtu(1400, true));
        net.run(30);
        assertEquals(NeighborState.FULL, r2.stateOf("1.1.1.1"));
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
    }

    @Test
    void helloOrDeadIntervalMismatchGivesNoNeighbour() {
        FakeNet net = lan(c -> c, c -> c.withTimers(5, 20));
        net.run(60);
        Router r1 = net.routers.get("R1");
        assertNull(r1.neighbor("2.2.2.2"));
        assertTrue(r1.ospf.counters().helloMismatch() > 0);
        assertTrue(r1.debugs.contains("Mismatched hello parameters from 10.0.12.2"), r1.debugs.toString());
        assertTrue(r1.debugs.contains("Dead R 20 C 40, Hello R 5 C 10  Mask R 255.255.255.0 C 255.255.255.0"));
        FakeNet dead = lan(c -> c, c -> c.withTimers(10, 30));
        dead.run(60);
        assertNull(dead.routers.get("R1").neighbor("2.2.2.2"));
    }

    @Test
    void networkMaskMismatchOnBroadcastGivesNoNeighbour() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1").attach("lan", GI, "10.0.12.1/24", NetworkType.BROADCAST);
        net.router("R2", "2.2.2.2").attach("lan", GI, "10.0.12.2/25", NetworkType.BROADCAST);
        net.run(60);
        assertNull(r1.neighbor("2.2.2.2"));
    }

    @Test
    void priorityZeroNeverBecomesDrOrBdr() {
        FakeNet net = lan(c -> c, c -> c.withPriority(0));
        net.run(60);
        Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        assertEquals(InterfaceState.DR, r1.ospf.interfaceState(GI));
        assertEquals(InterfaceState.DR_OTHER, r2.ospf.interfaceState(GI));
        assertEquals(NeighborState.FULL, r2.stateOf("1.1.1.1"));
    }

    @Test
    void deadTimerDropsTheNeighbourAndItsRoutesThenItComesBack() {
        FakeNet net = lan(c -> c, c -> c);
        Router r1 = net.routers.get("R1");
        net.run(60);
        assertNotNull(r1.route("2.2.2.2/32"));
        net.cut("lan", true);
        net.run(35);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"), "dead interval 40 s not yet over");
        net.run(10);
        assertEquals(NeighborState.DOWN, r1.stateOf("2.2.2.2"));
        assertTrue(r1.logs.contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0 from FULL to DOWN, Neighbor Down: Dead timer expired"),
                r1.logs.toString());
        net.run(10);
        assertNull(r1.route("2.2.2.2/32"), "R2's router-LSA no longer links to the LAN from our side");
        net.cut("lan", false);
        net.run(60);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertNotNull(r1.route("2.2.2.2/32"));
    }

    @Test
    void interfaceDownAndClearProcessLogTheIosReasons() {
        FakeNet net = lan(c -> c, c -> c);
        Router r1 = net.routers.get("R1");
        net.run(60);
        r1.ospf.clear();
        assertTrue(r1.logs.contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0 from FULL to DOWN, Neighbor Down: Adjacency forced to reset"));
        net.run(60);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        r1.ospf.setInterfaceUp(GI, false);
        assertTrue(r1.logs.contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0 from FULL to DOWN, Neighbor Down: Interface down or detached"));
        assertEquals(InterfaceState.DOWN, r1.ospf.interfaceState(GI));
    }

    @Test
    void passiveInterfaceSendsNoHelloButItsNetworkIsAdvertised() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1").attach("p2p", "Serial0/0", "10.0.0.1/30", NetworkType.POINT_TO_POINT)
                .attach("users", "GigabitEthernet0/1", "192.168.1.1/24", NetworkType.BROADCAST, c -> c.withPassive(true));
        Router r2 = net.router("R2", "2.2.2.2").attach("p2p", "Serial0/0", "10.0.0.2/30", NetworkType.POINT_TO_POINT);
        Router host = net.router("H", "9.9.9.9").attach("users", "GigabitEthernet0/0", "192.168.1.9/24", NetworkType.BROADCAST);
        net.run(60);
        assertEquals(List.of("10.0.0.1%Serial0/0"), r2.via("192.168.1.0/24"));
        assertEquals(2, r2.route("192.168.1.0/24").cost());
        assertTrue(host.ospf.neighbors().isEmpty(), "no hello on a passive interface");
        assertEquals(InterfaceState.DR, r1.ospf.interfaceState("GigabitEthernet0/1"));
        assertTrue(r1.ospf.neighbors().stream().noneMatch(n -> n.interfaceName().equals("GigabitEthernet0/1")));
    }

    @Test
    void costChangeAndInterfaceRemovalReachTheNeighbour() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1").attach("p2p", "Serial0/0", "10.0.0.1/30", NetworkType.POINT_TO_POINT)
                .loopback("1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2").attach("p2p", "Serial0/0", "10.0.0.2/30", NetworkType.POINT_TO_POINT);
        net.run(30);
        assertEquals(2, r2.route("1.1.1.1/32").cost());
        r1.ospf.configureInterface(OspfInterfaceConfig.of("Loopback1", Ipv4Address.parse("1.1.1.1"), -1, 0,
                NetworkType.LOOPBACK).withCost(50));
        net.run(10);
        assertEquals(NeighborState.FULL, r2.stateOf("1.1.1.1"), "a cost change keeps the adjacency");
        assertEquals(51, r2.route("1.1.1.1/32").cost());
        r1.ospf.removeInterface("Loopback1");
        net.run(10);
        assertNull(r2.route("1.1.1.1/32"));
    }

    @Test
    void lsasAreRefreshedEveryThirtyMinutesAndNeverAgeOut() {
        FakeNet net = lan(c -> c, c -> c);
        Router r1 = net.routers.get("R1");
        net.run(60);
        int seq0 = r1.ospf.database().stream().filter(i -> i.header().type() == 1 && i.header().advRouter() == r1.ospf.routerId())
                .findFirst().orElseThrow().header().seq();
        net.run(2 * 3600);
        var mine = r1.ospf.database().stream().filter(i -> i.header().type() == 1 && i.header().advRouter() == r1.ospf.routerId())
                .findFirst().orElseThrow();
        assertTrue(mine.header().seq() - seq0 >= 3, "refreshed at least 3 times in 2 hours: " + (mine.header().seq() - seq0));
        assertTrue(mine.header().age() < Lsa.LS_REFRESH_TIME + 10);
        assertEquals(3, r1.ospf.database().size(), "nothing aged out");
        assertTrue(r1.ospf.database().stream().allMatch(i -> i.header().age() < Lsa.MAX_AGE));
        assertNotNull(r1.route("2.2.2.2/32"));
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
    }
}
