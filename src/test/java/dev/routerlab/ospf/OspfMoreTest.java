package dev.routerlab.ospf;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.packet.ospf.Ospf;
import dev.routerlab.ospf.FakeNet.Router;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Areas, non-broadcast and point-to-multipoint networks, loss, large databases, and hostile packets into live engines. */
class OspfMoreTest {
    @Test
    void abrOriginatesSummariesAndRoutersComputeInterAreaRoutes() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1")
                .attach("l12", "Serial0/0", "10.0.12.1/30", NetworkType.POINT_TO_POINT, c -> c.withArea(1).withCost(10))
                .loopback("1.1.1.1", 1);
        Router r2 = net.router("R2", "2.2.2.2")
                .attach("l12", "Serial0/0", "10.0.12.2/30", NetworkType.POINT_TO_POINT, c -> c.withArea(1).withCost(10))
                .attach("l23", "Serial0/1", "10.0.23.2/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .loopback("2.2.2.2");
        Router r3 = net.router("R3", "3.3.3.3")
                .attach("l23", "Serial0/0", "10.0.23.3/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .loopback("3.3.3.3");
        net.run(60);
        OspfRoute ia = r1.route("3.3.3.3/32");
        assertNotNull(ia, r1.routes.toString());
        assertEquals(OspfRoute.Type.INTER_AREA, ia.type());
        assertEquals("O IA", ia.type().code);
        assertEquals(21, ia.cost(), "10 to the ABR + summary metric 11");
        assertEquals(List.of("10.0.12.2%Serial0/0"), r1.via("3.3.3.3/32"));
        assertEquals(OspfRoute.Type.INTER_AREA, r1.route("10.0.23.0/30").type());
        assertEquals(11, r1.route("2.2.2.2/32").cost());
        OspfRoute back = r3.route("1.1.1.1/32");
        assertEquals(OspfRoute.Type.INTER_AREA, back.type());
        assertEquals(21, back.cost());
        assertEquals(OspfRoute.Type.INTRA_AREA, r2.route("1.1.1.1/32").type());
        assertEquals(OspfRoute.Type.INTRA_AREA, r2.route("3.3.3.3/32").type());
        // the ABR sets the B bit; area 1 holds no router-LSA of R3 (areas are separate databases)
        var db1 = r1.ospf.database();
        assertTrue(db1.stream().noneMatch(i -> i.header().advRouter() == Ipv4Address.parse("3.3.3.3")));
        var r2lsa = db1.stream().filter(i -> i.header().type() == Lsa.ROUTER && i.header().advRouter() == Ipv4Address.parse("2.2.2.2"))
                .findFirst().orElseThrow();
        assertEquals(Lsa.FLAG_B, Lsa.router(r2lsa.bytes(), 0).flags() & Lsa.FLAG_B);
        // the area-1 link fails: R3 loses R1's prefixes once the ABR flushes its summaries
        net.cut("l12", true);
        net.run(60);
        assertNull(r3.route("1.1.1.1/32"), r3.routes.toString());
        assertNotNull(r3.route("2.2.2.2/32"));
        net.cut("l12", false);
        net.run(60);
        assertEquals(21, r3.route("1.1.1.1/32").cost());
    }

    /** R1 - (area 1) - R2 ABR - (area 0) - R3 ASBR; area 1 is a stub, then totally stubby. */
    private static FakeNet stubAreas(boolean r1Stub, boolean r2Stub, boolean noSummary) {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2");
        r1.ospf.setAreaStub(1, r1Stub, false, 1);
        r2.ospf.setAreaStub(1, r2Stub, noSummary, 5);
        r1.attach("l12", "Serial0/0", "10.0.12.1/30", NetworkType.POINT_TO_POINT, c -> c.withArea(1).withCost(10)).loopback("1.1.1.1", 1);
        r2.attach("l12", "Serial0/0", "10.0.12.2/30", NetworkType.POINT_TO_POINT, c -> c.withArea(1).withCost(10))
                .attach("l23", "Serial0/1", "10.0.23.2/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10));
        Router r3 = net.router("R3", "3.3.3.3")
                .attach("l23", "Serial0/0", "10.0.23.3/30", NetworkType.POINT_TO_POINT, c -> c.withCost(10))
                .loopback("3.3.3.3");
        r3.ospf.originateExternal(Ipv4Address.parse("192.168.0.0"), -256, 20, true, 0, 0);
        net.run(60);
        return net;
    }

    @Test
    void stubAreaGetsADefaultInsteadOfExternals() {
        FakeNet net = stubAreas(true, true, false);
        Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertNotNull(r2.route("192.168.0.0/24"), "the ABR has the external (backbone)");
        assertNull(r1.route("192.168.0.0/24"), "no externals in a stub area");
        assertTrue(r1.ospf.database().stream().noneMatch(i -> i.header().type() == Lsa.AS_EXTERNAL));
        assertTrue(r1.ospf.database().stream().noneMatch(i -> i.header().type() == Lsa.SUMMARY_ASBR));
        OspfRoute dflt = r1.route("0.0.0.0/0");
        assertNotNull(dflt, r1.routes.toString());
        assertEquals(OspfRoute.Type.INTER_AREA, dflt.type());
        assertEquals(15, dflt.cost(), "10 to the ABR + default-cost 5");
        assertNotNull(r1.route("3.3.3.3/32"), "inter-area summaries still come in");
    }

    @Test
    void totallyStubbyAreaGetsOnlyTheDefault() {
        FakeNet net = stubAreas(true, true, true);
        Router r1 = net.routers.get("R1");
        assertNotNull(r1.route("0.0.0.0/0"));
        assertNull(r1.route("3.3.3.3/32"));
        assertNull(r1.route("10.0.23.0/30"));
        assertEquals(1, r1.routes.size(), r1.routes.toString());
    }

    @Test
    void stubFlagMismatchGivesNoAdjacency() {
        FakeNet net = stubAreas(true, false, false);
        Router r1 = net.routers.get("R1");
        assertNull(r1.neighbor("2.2.2.2"));
        assertTrue(r1.debugs.contains("Hello from 10.0.12.2 with mismatched Stub/Transit area option bit"), r1.debugs.toString());
    }

    @Test
    void nonBroadcastNeighboursAreConfiguredAndHelloedByUnicast() {
        FakeNet net = new FakeNet();
        int a1 = Ipv4Address.parse("10.0.0.1"), a2 = Ipv4Address.parse("10.0.0.2");
        Router r1 = net.router("R1", "1.1.1.1").attach("fr", "Serial0/0", "10.0.0.1/24", NetworkType.NON_BROADCAST,
                c -> c.withNeighbors(List.of(a2))).loopback("1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2").attach("fr", "Serial0/0", "10.0.0.2/24", NetworkType.NON_BROADCAST,
                c -> c.withNeighbors(List.of(a1))).loopback("2.2.2.2");
        net.run(100);
        assertNotEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"), "wait timer: 4 x hello 30 = 120 s");
        net.run(60);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertEquals(InterfaceState.DR, r2.ospf.interfaceState("Serial0/0"));
        assertNotNull(r1.route("2.2.2.2/32"));
        assertTrue(net.destinations.stream().allMatch(d -> d == a1 || d == a2), "no multicast on NBMA");
    }

    @Test
    void pointToMultipointAdvertisesHostRoutesAndHasNoDr() {
        FakeNet net = new FakeNet();
        Router hub = net.router("HUB", "1.1.1.1").attach("mgre", "Tunnel0", "10.0.0.1/24", NetworkType.POINT_TO_MULTIPOINT);
        Router s2 = net.router("S2", "2.2.2.2").attach("mgre", "Tunnel0", "10.0.0.2/24", NetworkType.POINT_TO_MULTIPOINT)
                .loopback("2.2.2.2");
        Router s3 = net.router("S3", "3.3.3.3").attach("mgre", "Tunnel0", "10.0.0.3/24", NetworkType.POINT_TO_MULTIPOINT)
                .loopback("3.3.3.3");
        net.run(60);
        assertEquals(NeighborState.FULL, hub.stateOf("2.2.2.2"));
        assertEquals(NeighborState.FULL, hub.stateOf("3.3.3.3"));
        assertEquals(InterfaceState.POINT_TO_POINT, hub.ospf.interfaceState("Tunnel0"));
        assertEquals(List.of("10.0.0.2%Tunnel0"), hub.via("10.0.0.2/32"));
        assertEquals(List.of("10.0.0.3%Tunnel0"), s2.via("3.3.3.3/32"));
        assertTrue(hub.ospf.database().stream().noneMatch(i -> i.header().type() == Lsa.NETWORK));
        assertNotNull(s3.route("2.2.2.2/32"));
    }

    @Test
    void databaseExchangeSurvivesPacketLossThroughRetransmission() {
        FakeNet net = new FakeNet();
        net.loss = 0.3;
        Router r1 = net.router("R1", "1.1.1.1").attach("lan", "Gi0/0", "10.0.12.1/24", NetworkType.BROADCAST).loopback("1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2").attach("lan", "Gi0/0", "10.0.12.2/24", NetworkType.BROADCAST).loopback("2.2.2.2");
        for (int i = 0; i < 50; i++)
            r2.ospf.originateExternal(Ipv4Address.parse("172.16." + i + ".0"), Ipv4Address.parse("255.255.255.0"), 20, true, 0, 0);
        net.run(600);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertEquals(NeighborState.FULL, r2.stateOf("1.1.1.1"));
        assertEquals(r2.ospf.database().size(), r1.ospf.database().size());
        assertEquals(51, r1.routes.size(), "50 externals and R2's loopback");
    }

    @Test
    void aLargeDatabaseNeedsSeveralDbdAndLsrPackets() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2");
        for (int i = 0; i < 700; i++)
            r2.ospf.originateExternal(Ipv4Address.parse("172." + (16 + i / 256) + "." + (i % 256) + ".0"),
                    Ipv4Address.parse("255.255.255.0"), 20 + i % 3, i % 2 == 0, 0, i);
        for (int i = 0; i < 300; i++)
            r1.ospf.originateExternal(Ipv4Address.parse("192.168." + i % 256 + "." + (i / 256) * 16), -16, 5, true, 0, 0);
        r1.attach("p2p", "Serial0/0", "10.0.0.1/30", NetworkType.POINT_TO_POINT);
        r2.attach("p2p", "Serial0/0", "10.0.0.2/30", NetworkType.POINT_TO_POINT);
        net.run(60);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        assertEquals(NeighborState.FULL, r2.stateOf("1.1.1.1"));
        assertEquals(1002, r1.ospf.database().size());
        assertEquals(1002, r2.ospf.database().size());
        assertEquals(700, r1.routes.size());
        assertEquals(300, r2.routes.size());
        long dbds = net.wire.stream().filter(p -> Ospf.type(p, 0) == Ospf.DB_DESCRIPTION).count();
        long lsrs = net.wire.stream().filter(p -> Ospf.type(p, 0) == Ospf.LS_REQUEST).count();
        assertTrue(dbds >= 8, "700 headers at most 100 per DBD: " + dbds);
        assertTrue(lsrs >= 7, "700 requests at most 100 per LSR: " + lsrs);
        assertTrue(net.wire.stream().allMatch(p -> p.length <= 1500 - 20), "every packet fits the MTU");
        // flood pacing: 50 externals originated together leave in a few Link State Updates, not 50
        int before = net.wire.size();
        for (int i = 0; i < 50; i++)
            r2.ospf.originateExternal(Ipv4Address.parse("10.99." + i + ".0"), -256, 1, true, 0, 0);
        net.run(1);
        long updates = net.wire.subList(before, net.wire.size()).stream()
                .filter(p -> Ospf.type(p, 0) == Ospf.LS_UPDATE && Ospf.routerId(p, 0) == Ipv4Address.parse("2.2.2.2")).count();
        assertTrue(updates >= 1 && updates <= 3, "updates: " + updates);
        assertEquals(750, r1.routes.size());
    }

    /** 100,000 hostile packets (random, mutated, truncated, re-checksummed) into a live pair: no exception escapes, and the adjacency comes back. */
    @Test
    void hostilePacketsIntoLiveEnginesAreCountedAndDropped() {
        FakeNet net = new FakeNet();
        Router r1 = net.router("R1", "1.1.1.1").attach("lan", "Gi0/0", "10.0.12.1/24", NetworkType.BROADCAST).loopback("1.1.1.1");
        Router r2 = net.router("R2", "2.2.2.2").attach("lan", "Gi0/0", "10.0.12.2/24", NetworkType.BROADCAST).loopback("2.2.2.2");
        r2.ospf.originateExternal(Ipv4Address.parse("172.16.0.0"), -65536, 20, true, 0, 0);
        net.run(60);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"));
        List<byte[]> seeds = new ArrayList<>(net.wire.subList(0, Math.min(200, net.wire.size())));
        Random rnd = new Random(11);
        int src = Ipv4Address.parse("10.0.12.2");
        for (int n = 0; n < 100_000; n++) {
            byte[] p;
            if (n % 5 == 0) {
                p = new byte[rnd.nextInt(120)];
                rnd.nextBytes(p);
            } else {
                p = seeds.get(rnd.nextInt(seeds.size())).clone();
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256);
                if (n % 5 == 2) p = java.util.Arrays.copyOf(p, rnd.nextInt(p.length + 1));
                if (n % 5 >= 3 && p.length >= 24) { // valid checksum: reaches the state machines
                    Bytes.put16(p, 2, Math.min(p.length, Math.max(24, Bytes.u16(p, 2))));
                    Bytes.put16(p, 14, 0);
                    int l = Bytes.u16(p, 2);
                    Bytes.put16(p, 12, 0);
                    long s = Checksum.sum(p, 0, 16, 0);
                    s = Checksum.sum(p, 24, l - 24, s);
                    Bytes.put16(p, 12, Checksum.finish(s));
                }
            }
            r1.ospf.receive("Gi0/0", n % 7 == 0 ? rnd.nextInt() : src, n % 3 == 0 ? Ospf.ALL_SPF_ROUTERS : Ospf.ALL_D_ROUTERS, p);
            if (n % 1000 == 0) net.scheduler.advance(FakeNet.MS * 10);
        }
        r1.ospf.receive("Gi0/0", src, Ospf.ALL_SPF_ROUTERS, null);
        r1.ospf.receive("Nope", src, Ospf.ALL_SPF_ROUTERS, new byte[30]);
        assertTrue(r1.ospf.counters().badPacket() > 10_000, r1.ospf.counters().toString());
        net.run(180);
        assertEquals(NeighborState.FULL, r1.stateOf("2.2.2.2"), "the adjacency recovers");
        assertNotNull(r1.route("172.16.0.0/16"));
        assertNotNull(r1.route("2.2.2.2/32"));
    }
}
