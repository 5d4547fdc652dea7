package dev.routerlab.eigrp;

import dev.routerlab.packet.eigrp.Eigrp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.routerlab.eigrp.FakeNet.S;
import static dev.routerlab.eigrp.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.*;

/** EIGRP engines on a fake network in virtual time; expected metrics computed by hand from bandwidth and delay. */
class EigrpInstanceTest {
    // IOS interface defaults: bandwidth kbit/s, delay in tens of microseconds
    static final long FE_BW = 100_000, FE_DLY = 10;
    static final long LO_BW = 8_000_000, LO_DLY = 500;
    static final long TU_BW = 100, TU_DLY = 5000;

    /** The classic metric with default K values: 256 * (10^7 / min bandwidth + sum of delays). */
    static long metric(long minBwKbps, long... delays) {
        long sum = 0;
        for (long d : delays) sum += d;
        return 256 * (10_000_000L / minBwKbps + sum);
    }

    static FakeNet pair(FakeNet net) {
        FakeNet.Router r1 = net.router("R1");
        FakeNet.Router r2 = net.router("R2");
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        r1.lan(2, "Loopback0", "1.1.1.1", 32, LO_BW, LO_DLY);
        r2.lan(2, "Loopback0", "2.2.2.2", 32, LO_BW, LO_DLY);
        return net;
    }

    @Test
    void compositeMetricFollowsTheKValues() {
        EigrpInstance e = new EigrpInstance(EigrpConfig.defaults(100, 1), new dev.routerlab.sim.VirtualScheduler(0),
                (i, d, b) -> {}, null, null);
        // FastEthernet: BW 25600 and delay 2560 as scaled on the wire, reliability 255, load 1
        var m = new dev.routerlab.packet.eigrp.EigrpTlv.Metric(2560, 25600, 1500, 0, 255, 1, 0, 0);
        assertEquals(28160, e.composite(m));
        e.configure(EigrpConfig.defaults(100, 1).withK(1, 1, 1, 0, 0));
        // K2: + BW / (256 - load) = 25600 / 255 = 100
        assertEquals(25600 + 25600 / 255 + 2560, e.composite(m));
        e.configure(EigrpConfig.defaults(100, 1).withK(1, 0, 1, 1, 1));
        // K5 != 0: times K5 / (reliability + K4) = 1 / 256
        assertEquals(28160L * 1 / 256, e.composite(m));
        e.configure(EigrpConfig.defaults(100, 1));
        assertEquals(EigrpInstance.INFINITY, e.composite(new dev.routerlab.packet.eigrp.EigrpTlv.Metric(0xffffffffL, 25600, 1500, 0, 255, 1, 0, 0)));
        assertEquals(EigrpInstance.INFINITY, e.composite(new dev.routerlab.packet.eigrp.EigrpTlv.Metric(2560, 25600, 1500, 101, 255, 1, 0, 0)),
                "beyond the maximum hop count");
    }

    @Test
    void twoRoutersBecomeNeighboursAndExchangeRoutesWithTheClassicMetric() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        net.run(10 * S);
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is up: new adjacency"), r1.log.toString());
        assertTrue(r2.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.1 (FastEthernet0/0) is up: new adjacency"), r2.log.toString());
        assertEquals(1, r1.eigrp.neighbors().size());
        assertTrue(r1.eigrp.neighbors().get(0).up());
        EigrpRoute lo2 = r1.route("2.2.2.2", 32);
        assertNotNull(lo2, r1.rib.toString());
        // the well-known 156160: 256 * (10^7/100000 + 500 + 10)
        assertEquals(156160, metric(FE_BW, LO_DLY, FE_DLY));
        assertEquals(metric(FE_BW, LO_DLY, FE_DLY), lo2.metric());
        assertEquals(90, lo2.distance());
        assertEquals(List.of(new EigrpRoute.NextHop(1, "FastEthernet0/0", ip("10.0.12.2"), 156160)), lo2.nextHops());
        assertNotNull(r2.route("1.1.1.1", 32));
        assertNull(r1.route("10.0.12.0", 24), "a connected subnet is not installed as D");
        // hellos keep it up well past the hold time
        net.run(120 * S);
        assertEquals(2, r1.log.size() + r2.log.size(), "no flaps: " + r1.log + r2.log);
    }

    /** R1 - R2 - R3 (fast) and R1 - R3 (slow): R3's LAN via R2, with R3 itself as feasible successor. */
    static FakeNet triangle(FakeNet net) {
        FakeNet.Router r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(2, "FastEthernet0/1", "10.0.23.2", 24, "r2-r3", FE_BW, FE_DLY);
        r3.iface(2, "FastEthernet0/1", "10.0.23.3", 24, "r2-r3", FE_BW, FE_DLY);
        r1.iface(3, "Serial0/0", "10.0.13.1", 24, "r1-r3", FE_BW, 1000);
        r3.iface(3, "Serial0/0", "10.0.13.3", 24, "r1-r3", FE_BW, 1000);
        r3.lan(4, "FastEthernet1/0", "10.3.0.1", 24, FE_BW, FE_DLY);
        return net;
    }

    @Test
    void threeRoutersComputeSuccessorAndFeasibleSuccessor() {
        FakeNet net = triangle(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1");
        net.run(15 * S);
        long viaR2 = metric(FE_BW, FE_DLY, FE_DLY, FE_DLY);     // 33280
        long viaR3 = metric(FE_BW, FE_DLY, 1000);               // 284160
        EigrpRoute r = r1.route("10.3.0.0", 24);
        assertEquals(viaR2, r.metric());
        assertEquals(ip("10.0.12.2"), r.nextHops().get(0).address());
        assertEquals(1, r.nextHops().size());
        EigrpInstance.TopologyView t = r1.eigrp.topology(ip("10.3.0.0"), 24);
        assertEquals(viaR2, t.feasibleDistance());
        EigrpInstance.PathView fs = t.paths().stream().filter(p -> p.address() == ip("10.0.13.3")).findFirst().orElseThrow();
        assertEquals(viaR3, fs.distance());
        assertEquals(metric(FE_BW, FE_DLY), fs.reportedDistance());   // R3's connected LAN: 28160 < FD
        assertTrue(fs.feasibleSuccessor());
        // R2's subnet towards R3 is learned too: 10.0.23.0/24 via R2 (and via R3 at a higher metric)
        assertEquals(metric(FE_BW, FE_DLY, FE_DLY), r1.route("10.0.23.0", 24).metric());
    }

    @Test
    void feasibleSuccessorTakesOverAtOnceWithoutQueries() {
        FakeNet net = triangle(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1");
        net.run(15 * S);
        net.linkDown("r1-r2");
        // no time passes: the feasible successor is promoted by the local computation
        EigrpRoute r = r1.route("10.3.0.0", 24);
        assertEquals(metric(FE_BW, FE_DLY, 1000), r.metric());
        assertEquals(ip("10.0.13.3"), r.nextHops().get(0).address());
        net.run(5 * S);
        // (the R1-R2 subnet itself has no feasible successor and may be queried; 10.3.0.0/24 must not be)
        assertTrue(r1.sent.stream().filter(p -> p.opcode() == Eigrp.OP_QUERY)
                .map(p -> Eigrp.parse(p.packet(), 0, p.packet().length)).flatMap(p -> p.tlvs().stream())
                .noneMatch(t -> t instanceof dev.routerlab.packet.eigrp.EigrpTlv.InternalRoute q && q.prefix() == ip("10.3.0.0")),
                "a feasible successor needs no query");
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: interface down"), r1.log.toString());
        assertEquals(metric(FE_BW, FE_DLY, 1000), r1.eigrp.topology(ip("10.3.0.0"), 24).feasibleDistance());
    }

    /** R1 - R2 - R3 fast, R1 - R4 - R3 slow: R4 reports more than R1's FD, so it is no feasible successor. */
    static FakeNet square(FakeNet net) {
        FakeNet.Router r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3"), r4 = net.router("R4");
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(2, "FastEthernet0/1", "10.0.23.2", 24, "r2-r3", FE_BW, FE_DLY);
        r3.iface(2, "FastEthernet0/1", "10.0.23.3", 24, "r2-r3", FE_BW, FE_DLY);
        r1.iface(3, "FastEthernet0/2", "10.0.14.1", 24, "r1-r4", FE_BW, FE_DLY);
        r4.iface(3, "FastEthernet0/2", "10.0.14.4", 24, "r1-r4", FE_BW, FE_DLY);
        r4.iface(4, "Serial0/0", "10.0.34.4", 24, "r3-r4", FE_BW, 25);
        r3.iface(4, "Serial0/0", "10.0.34.3", 24, "r3-r4", FE_BW, 25);
        r3.lan(5, "FastEthernet1/0", "10.3.0.1", 24, FE_BW, FE_DLY);
        return net;
    }

    @Test
    void withoutFeasibleSuccessorTheRouteGoesActiveAndQueries() {
        FakeNet net = square(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r4 = net.routers.get("R4");
        net.run(15 * S);
        EigrpInstance.TopologyView t = r1.eigrp.topology(ip("10.3.0.0"), 24);
        assertEquals(metric(FE_BW, FE_DLY, FE_DLY, FE_DLY), t.feasibleDistance());
        EigrpInstance.PathView viaR4 = t.paths().stream().filter(p -> p.address() == ip("10.0.14.4")).findFirst().orElseThrow();
        // R4 reaches R3's LAN directly (34560) rather than through R1 (35840): that is what it reports
        assertEquals(metric(FE_BW, 25, FE_DLY), viaR4.reportedDistance());
        assertFalse(viaR4.feasibleSuccessor(), "RD 34560 >= FD 33280");
        long q1 = r1.count(Eigrp.OP_QUERY), rep4 = r4.count(Eigrp.OP_REPLY);
        net.linkDown("r1-r2");
        EigrpInstance.TopologyView active = r1.eigrp.topology(ip("10.3.0.0"), 24);
        assertTrue(active.active(), "active until R4 replies");
        assertEquals(List.of(ip("10.0.14.4")), active.repliesAwaited());
        assertEquals(List.of(), active.repliesOwed(), "local origin: the link failed here");
        assertNull(r1.route("10.3.0.0", 24), "no successor while active");
        net.run(1 * S);
        assertTrue(r1.count(Eigrp.OP_QUERY) > q1, "R1 queried");
        assertTrue(r4.count(Eigrp.OP_REPLY) > rep4, "R4 replied");
        EigrpRoute r = r1.route("10.3.0.0", 24);
        assertNotNull(r);
        assertFalse(r1.eigrp.topology(ip("10.3.0.0"), 24).active());
        assertEquals(metric(FE_BW, FE_DLY, 25, FE_DLY), r.metric());
        assertEquals(ip("10.0.14.4"), r.nextHops().get(0).address());
        assertEquals(r.metric(), r1.eigrp.topology(ip("10.3.0.0"), 24).feasibleDistance(), "FD reset when passive again");
    }

    @Test
    void aQueryFromTheSuccessorPropagatesAndTheReplyFollowsTheAnswer() {
        FakeNet net = square(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        net.run(15 * S);
        // R2 loses its link to R3: R2 has no other path (R1 split-horizons 10.3.0.0/24 towards it), queries R1;
        // R1's successor is R2 and R4 is no feasible successor, so R1 goes active too (successor origin) and asks R4
        boolean[] holdR4 = {true};
        net.filter = (from, to, dst, b) -> holdR4[0] && from.router().name.equals("R4") && Eigrp.opcode(b, 0) == Eigrp.OP_REPLY;
        net.linkDown("r2-r3");
        net.run(100 * FakeNet.MS);
        EigrpInstance.TopologyView atR1 = r1.eigrp.topology(ip("10.3.0.0"), 24);
        assertTrue(atR1.active());
        assertEquals(List.of(ip("10.0.12.2")), atR1.repliesOwed(), "successor origin: R2 gets its Reply when R1 is done");
        assertEquals(List.of(ip("10.0.14.4")), atR1.repliesAwaited(), "R2, the querier, is not asked back");
        assertTrue(r2.eigrp.topology(ip("10.3.0.0"), 24).active());
        holdR4[0] = false;
        net.run(2 * S);
        assertEquals(metric(FE_BW, FE_DLY, 25, FE_DLY), r1.route("10.3.0.0", 24).metric());
        EigrpRoute atR2 = r2.route("10.3.0.0", 24);
        assertNotNull(atR2, "R1's Reply carried its new distance");
        assertEquals(metric(FE_BW, FE_DLY, 25, FE_DLY, FE_DLY), atR2.metric());
        assertEquals(ip("10.0.12.1"), atR2.nextHops().get(0).address());
    }

    @Test
    void holdTimeExpiresWhenHellosStop() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1");
        net.run(10 * S);
        assertNotNull(r1.route("2.2.2.2", 32));
        net.cut.add("r1-r2");   // silent failure: line protocol stays up
        net.run(10 * S);
        assertNotNull(r1.route("2.2.2.2", 32), "still within the 15 s hold time");
        net.run(6 * S);
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: holding time expired"), r1.log.toString());
        assertNull(r1.route("2.2.2.2", 32));
        net.cut.remove("r1-r2");
        net.run(10 * S);
        assertNotNull(r1.route("2.2.2.2", 32), "the adjacency comes back");
    }

    /** A hub on a multipoint tunnel with two spokes, each spoke with a LAN. */
    static FakeNet hub(FakeNet net, boolean splitHorizon, boolean nextHopSelf) {
        FakeNet.Router h = net.router("HUB"), s1 = net.router("SPOKE1"), s2 = net.router("SPOKE2");
        net.nbma.add("tun");
        h.iface(1, "Tunnel0", "10.0.0.1", 24, "tun", TU_BW, TU_DLY,
                c -> c.withSplitHorizon(splitHorizon).withNextHopSelf(nextHopSelf));
        s1.iface(1, "Tunnel0", "10.0.0.2", 24, "tun", TU_BW, TU_DLY);
        s2.iface(1, "Tunnel0", "10.0.0.3", 24, "tun", TU_BW, TU_DLY);
        h.lan(2, "FastEthernet0/0", "192.168.0.1", 24, FE_BW, FE_DLY);
        s1.lan(2, "FastEthernet0/0", "192.168.1.1", 24, FE_BW, FE_DLY);
        s2.lan(2, "FastEthernet0/0", "192.168.2.1", 24, FE_BW, FE_DLY);
        return net;
    }

    @Test
    void hubWithSplitHorizonDoesNotReflectSpokeRoutes() {
        FakeNet net = hub(new FakeNet(), true, true);
        net.run(20 * S);
        FakeNet.Router h = net.routers.get("HUB"), s2 = net.routers.get("SPOKE2");
        assertEquals(2, h.eigrp.neighbors().size());
        assertNotNull(h.route("192.168.1.0", 24));
        assertNotNull(s2.route("192.168.0.0", 24), "the hub's own LAN reaches the spokes");
        assertNull(s2.route("192.168.1.0", 24), "split horizon: SPOKE1's LAN is not sent back out Tunnel0");
    }

    @Test
    void hubWithoutSplitHorizonReflectsSpokeRoutesWithItselfAsNextHop() {
        FakeNet net = hub(new FakeNet(), false, true);
        net.run(20 * S);
        FakeNet.Router s2 = net.routers.get("SPOKE2");
        EigrpRoute r = s2.route("192.168.1.0", 24);
        assertNotNull(r, s2.rib.toString());
        assertEquals(ip("10.0.0.1"), r.nextHops().get(0).address(), "next-hop-self: via the hub");
        // spoke LAN + two tunnel hops: 256 * (10^7/100 + 10 + 5000 + 5000)
        assertEquals(metric(TU_BW, FE_DLY, TU_DLY, TU_DLY), r.metric());
        // SPOKE1 does not take its own LAN back (its connected route wins), nor learn a loop
        assertNull(net.routers.get("SPOKE1").route("192.168.1.0", 24));
    }

    @Test
    void noNextHopSelfKeepsTheSpokeAsNextHop() {
        FakeNet net = hub(new FakeNet(), false, false);
        net.run(20 * S);
        EigrpRoute r = net.routers.get("SPOKE2").route("192.168.1.0", 24);
        assertNotNull(r);
        assertEquals(ip("10.0.0.2"), r.nextHops().get(0).address(), "phase 2: spoke to spoke");
        assertEquals(metric(TU_BW, FE_DLY, TU_DLY, TU_DLY), r.metric());
        assertEquals(ip("10.0.0.1"), net.routers.get("SPOKE2").route("192.168.0.0", 24).nextHops().get(0).address(),
                "the hub's own routes are still via the hub");
    }

    @Test
    void summaryReplacesComponentsAndInstallsNull0() {
        FakeNet net = new FakeNet();
        FakeNet.Router r1 = net.router("R1"), r2 = net.router("R2");
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY,
                c -> c.withSummaries(List.of(new EigrpInterfaceConfig.Summary(ip("172.16.0.0"), 16))));
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        r1.lan(2, "Loopback1", "172.16.1.1", 24, LO_BW, LO_DLY);
        r1.lan(3, "FastEthernet0/1", "172.16.2.1", 24, FE_BW, FE_DLY);
        net.run(15 * S);
        EigrpRoute sum = r1.route("172.16.0.0", 16);
        assertNotNull(sum, r1.rib.toString());
        assertTrue(sum.nullRoute());
        assertEquals(5, sum.distance());
        assertTrue(sum.nextHops().isEmpty());
        assertEquals(metric(FE_BW, FE_DLY), sum.metric(), "the lowest component metric");
        EigrpRoute atR2 = r2.route("172.16.0.0", 16);
        assertNotNull(atR2);
        assertEquals(metric(FE_BW, FE_DLY, FE_DLY), atR2.metric());
        assertNull(r2.route("172.16.1.0", 24));
        assertNull(r2.route("172.16.2.0", 24));
        // the last component goes: so does the summary
        r1.eigrp.removeInterface(2, null);
        r1.eigrp.removeInterface(3, null);
        net.run(2 * S);
        assertNull(r1.route("172.16.0.0", 16));
        assertNull(r2.route("172.16.0.0", 16));
    }

    @Test
    void defaultRouteSummary() {
        FakeNet net = new FakeNet();
        FakeNet.Router r1 = net.router("R1"), r2 = net.router("R2");
        r1.iface(1, "Tunnel0", "10.0.0.1", 24, "tun", TU_BW, TU_DLY,
                c -> c.withSummaries(List.of(new EigrpInterfaceConfig.Summary(0, 0))));
        r2.iface(1, "Tunnel0", "10.0.0.2", 24, "tun", TU_BW, TU_DLY);
        r1.lan(2, "FastEthernet0/0", "192.168.0.1", 24, FE_BW, FE_DLY);
        net.run(15 * S);
        EigrpRoute d = r2.route("0.0.0.0", 0);
        assertNotNull(d, r2.rib.toString());
        assertEquals(metric(TU_BW, FE_DLY, TU_DLY), d.metric());
        assertNull(r2.route("192.168.0.0", 24));
    }

    @Test
    void stubsAreNotQueriedAndDoNotReadvertise() {
        FakeNet net = new FakeNet();
        FakeNet.Router h = net.router("HUB"), r2 = net.router("R2"), r3 = net.router("R3");
        FakeNet.Router st = net.router("STUB", EigrpConfig.defaults(100, ip("9.9.9.9")).withStub(Eigrp.STUB_CONNECTED | Eigrp.STUB_SUMMARY));
        h.iface(1, "FastEthernet0/0", "10.0.2.1", 24, "h-r2", FE_BW, FE_DLY);
        r2.iface(1, "FastEthernet0/0", "10.0.2.2", 24, "h-r2", FE_BW, FE_DLY);
        h.iface(2, "FastEthernet0/1", "10.0.3.1", 24, "h-r3", FE_BW, FE_DLY);
        r3.iface(2, "FastEthernet0/1", "10.0.3.3", 24, "h-r3", FE_BW, FE_DLY);
        h.iface(3, "FastEthernet0/2", "10.0.9.1", 24, "h-st", FE_BW, FE_DLY);
        st.iface(3, "FastEthernet0/2", "10.0.9.9", 24, "h-st", FE_BW, FE_DLY);
        r3.lan(4, "FastEthernet1/0", "10.33.0.1", 24, FE_BW, FE_DLY);
        st.lan(4, "FastEthernet1/0", "10.99.0.1", 24, FE_BW, FE_DLY);
        net.run(15 * S);
        assertNotNull(h.route("10.99.0.0", 24), "the stub's connected LAN");
        assertNotNull(st.route("10.33.0.0", 24), "the stub learns everything");
        assertNull(r2.route("10.3.0.0", 24) == null ? null : (r2.route("10.3.0.0", 24).nextHops().stream()
                .anyMatch(x -> x.address() == ip("10.0.9.9")) ? "via stub" : null));
        assertTrue(h.eigrp.topology(ip("10.33.0.0"), 24).paths().stream().noneMatch(p -> p.address() == ip("10.0.9.9")),
                "the stub does not advertise what it learned");
        long stubQueries = st.eigrp.counters().queriesReceived, r2Queries = r2.eigrp.counters().queriesReceived;
        net.linkDown("h-r3");
        net.run(2 * S);
        assertTrue(r2.eigrp.counters().queriesReceived > r2Queries, "R2 is queried");
        assertEquals(stubQueries, st.eigrp.counters().queriesReceived, "the stub is not");
        assertNull(h.route("10.33.0.0", 24));
        assertNull(st.route("10.33.0.0", 24), "the withdrawal still reaches the stub");
    }

    @Test
    void equalCostAndVarianceLoadSharing() {
        for (int variance : new int[]{1, 2}) {
            FakeNet net = new FakeNet();
            FakeNet.Router r1 = net.router("R1", EigrpConfig.defaults(100, ip("1.1.1.1")).withVariance(variance));
            FakeNet.Router r2 = net.router("R2"), r3 = net.router("R3"), r4 = net.router("R4");
            r1.iface(1, "Fa0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
            r2.iface(1, "Fa0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
            r1.iface(2, "Fa0/1", "10.0.13.1", 24, "r1-r3", FE_BW, FE_DLY);
            r3.iface(2, "Fa0/1", "10.0.13.3", 24, "r1-r3", FE_BW, FE_DLY);
            r1.iface(3, "Fa0/2", "10.0.14.1", 24, "r1-r4", FE_BW, 30);
            r4.iface(3, "Fa0/2", "10.0.14.4", 24, "r1-r4", FE_BW, 30);
            for (FakeNet.Router r : List.of(r2, r3, r4)) r.iface(9, "Fa1/0", "10.9.0." + r.name.charAt(1), 24, "dest", FE_BW, FE_DLY);
            net.run(15 * S);
            EigrpRoute r = r1.route("10.9.0.0", 24);
            assertNotNull(r);
            long best = metric(FE_BW, FE_DLY, FE_DLY);            // via R2 or R3: 30720
            long worse = metric(FE_BW, FE_DLY, 30);               // via R4: 35840, RD 28160 < FD
            assertEquals(best, r.metric());
            if (variance == 1) {
                assertEquals(List.of(ip("10.0.12.2"), ip("10.0.13.3")), r.nextHops().stream().map(EigrpRoute.NextHop::address).toList());
            } else {
                assertEquals(List.of(ip("10.0.12.2"), ip("10.0.13.3"), ip("10.0.14.4")),
                        r.nextHops().stream().map(EigrpRoute.NextHop::address).toList());
                assertEquals(worse, r.nextHops().get(2).metric());
            }
        }
    }

    @Test
    void maximumPathsBoundsTheNextHops() {
        FakeNet net = new FakeNet();
        FakeNet.Router r1 = net.router("R1", EigrpConfig.defaults(100, ip("1.1.1.1")).withMaximumPaths(1));
        FakeNet.Router r2 = net.router("R2"), r3 = net.router("R3");
        r1.iface(1, "Fa0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(1, "Fa0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        r1.iface(2, "Fa0/1", "10.0.13.1", 24, "r1-r3", FE_BW, FE_DLY);
        r3.iface(2, "Fa0/1", "10.0.13.3", 24, "r1-r3", FE_BW, FE_DLY);
        r2.iface(9, "Fa1/0", "10.9.0.2", 24, "dest", FE_BW, FE_DLY);
        r3.iface(9, "Fa1/0", "10.9.0.3", 24, "dest", FE_BW, FE_DLY);
        net.run(15 * S);
        assertEquals(1, r1.route("10.9.0.0", 24).nextHops().size());
    }

    @Test
    void redistributedRoutesAreExternal() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        r1.eigrp.setRedistributed(List.of(new EigrpConfig.Redistributed(ip("172.20.0.0"), 16,
                EigrpConfig.Redistributed.PROTO_STATIC, 10_000, 100, 255, 1, 1500)));
        net.run(10 * S);
        EigrpRoute r = r2.route("172.20.0.0", 16);
        assertNotNull(r);
        assertTrue(r.external());
        assertEquals(170, r.distance());
        assertEquals(metric(10_000, 100, FE_DLY), r.metric());
        r1.eigrp.setRedistributed(List.of());
        net.run(2 * S);
        assertNull(r2.route("172.20.0.0", 16));
    }

    @Test
    void kValueMismatchGivesNoAdjacencyAndTheIosMessage() {
        FakeNet net = new FakeNet();
        FakeNet.Router r1 = net.router("R1");
        FakeNet.Router r2 = net.router("R2", EigrpConfig.defaults(100, ip("2.2.2.2")).withK(1, 1, 1, 0, 0));
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        net.run(30 * S);
        assertTrue(r1.eigrp.neighbors().isEmpty());
        assertTrue(r2.eigrp.neighbors().isEmpty());
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: K-value mismatch"), r1.log.toString());
        assertTrue(r1.eigrp.counters().kMismatch > 0);
    }

    @Test
    void asMismatchIsIgnored() {
        FakeNet net = new FakeNet();
        FakeNet.Router r1 = net.router("R1");
        FakeNet.Router r2 = net.router("R2", EigrpConfig.defaults(200, ip("2.2.2.2")));
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", FE_BW, FE_DLY);
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", FE_BW, FE_DLY);
        net.run(30 * S);
        assertTrue(r1.eigrp.neighbors().isEmpty());
        assertTrue(r1.eigrp.counters().asMismatch > 0);
        assertTrue(r1.log.isEmpty(), "IOS logs nothing for another AS");
    }

    @Test
    void aLostUpdateIsRetransmitted() {
        FakeNet net = new FakeNet();
        boolean[] dropped = {false};
        net.filter = (from, to, dst, b) -> {
            // the first Update from R2 that carries its loopback
            if (!dropped[0] && from.router().name.equals("R2") && Eigrp.opcode(b, 0) == Eigrp.OP_UPDATE
                    && Eigrp.parse(b, 0, b.length).tlvs().stream().anyMatch(t ->
                        t instanceof dev.routerlab.packet.eigrp.EigrpTlv.InternalRoute r && r.prefix() == ip("2.2.2.2"))) {
                dropped[0] = true;
                return true;
            }
            return false;
        };
        pair(net);
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        assertTrue(net.sched.runUntil(() -> dropped[0], 30 * S));
        net.run(100 * FakeNet.MS);
        assertNull(r1.route("2.2.2.2", 32), "lost, and the RTO has not run out");
        net.run(10 * S);
        assertNotNull(r1.route("2.2.2.2", 32));
        assertTrue(r2.eigrp.counters().retransmissions >= 1);
        assertEquals(1, r2.sent.stream().filter(p -> p.opcode() == Eigrp.OP_UPDATE && (p.flags() & Eigrp.FLAG_EOT) != 0).count() - 1,
                "sent once, retransmitted once");
        assertTrue(r1.log.stream().noneMatch(l -> l.contains("is down")));
    }

    @Test
    void retryLimitExceededResetsTheNeighbour() {
        FakeNet net = new FakeNet();
        // multicast works, unicast from R2 to R1 is lost: hellos flow, nothing reliable gets through
        net.filter = (from, to, dst, b) -> from.router().name.equals("R2") && dst != Eigrp.MULTICAST_GROUP;
        pair(net);
        FakeNet.Router r1 = net.routers.get("R1");
        net.run(200 * S);
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: retry limit exceeded"), r1.log.toString());
        assertNull(r1.route("2.2.2.2", 32));
    }

    @Test
    void aRestartedPeerIsDetected() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        net.run(10 * S);
        r2.boot(EigrpConfig.defaults(100, ip("0.0.0.2")));   // reload: no Goodbye
        net.run(10 * S);
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: peer restarted"), r1.log.toString());
        assertEquals("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is up: new adjacency", r1.log.get(r1.log.size() - 1));
        assertNotNull(r1.route("2.2.2.2", 32));
        assertNotNull(r2.route("1.1.1.1", 32));
    }

    @Test
    void goodbyeTakesTheNeighbourDownAtOnce() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        net.run(10 * S);
        r2.eigrp.shutdown();
        net.run(10 * FakeNet.MS);
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: Interface PEER-TERMINATION received"), r1.log.toString());
        assertNull(r1.route("2.2.2.2", 32));
    }

    @Test
    void md5AuthenticationMatchesOrDrops() {
        for (boolean same : new boolean[]{true, false}) {
            FakeNet net = new FakeNet();
            FakeNet.Router r1 = net.router("R1"), r2 = net.router("R2");
            r1.iface(1, "Fa0/0", "10.0.12.1", 24, "l", FE_BW, FE_DLY, c -> c.withMd5(1, "cisco".getBytes()));
            r2.iface(1, "Fa0/0", "10.0.12.2", 24, "l", FE_BW, FE_DLY, c -> c.withMd5(1, (same ? "cisco" : "other").getBytes()));
            r2.lan(2, "Loopback0", "2.2.2.2", 32, LO_BW, LO_DLY);
            net.run(20 * S);
            assertEquals(same, r1.route("2.2.2.2", 32) != null);
            assertEquals(same, r1.eigrp.counters().authFailures == 0);
        }
    }

    @Test
    void reliableMulticastUsesConditionalReceiveForALaggingNeighbour() {
        FakeNet net = new FakeNet();
        boolean[] blockS3 = {false};
        net.filter = (from, to, dst, b) -> blockS3[0] && from.router().name.equals("S3") && Eigrp.ack(b, 0) != 0;
        FakeNet.Router h = net.router("HUB");
        h.iface(1, "Ethernet0/0", "10.0.0.1", 24, "lan", FE_BW, FE_DLY);
        for (int s = 1; s <= 3; s++) net.router("S" + s).iface(1, "Ethernet0/0", "10.0.0." + (s + 1), 24, "lan", FE_BW, FE_DLY);
        net.run(15 * S);
        assertEquals(3, h.eigrp.neighbors().stream().filter(EigrpInstance.NeighborView::up).count());
        // S3 stops acknowledging: a first new route leaves a packet in its queue
        blockS3[0] = true;
        h.lan(2, "Loopback0", "172.16.1.1", 32, LO_BW, LO_DLY);
        net.run(100 * FakeNet.MS);
        h.sent.clear();
        h.lan(3, "Loopback1", "172.16.2.2", 32, LO_BW, LO_DLY);
        net.run(100 * FakeNet.MS);
        // the second goes by multicast with CR, announced by a Hello with a Sequence TLV naming S3
        assertTrue(h.sent.stream().anyMatch(p -> p.opcode() == Eigrp.OP_UPDATE && (p.flags() & Eigrp.FLAG_CR) != 0 && p.multicast()),
                "a CR multicast Update");
        assertTrue(h.sent.stream().filter(p -> p.opcode() == Eigrp.OP_HELLO).map(p -> Eigrp.parse(p.packet(), 0, p.packet().length))
                .map(p -> p.first(dev.routerlab.packet.eigrp.EigrpTlv.Sequence.class))
                .anyMatch(q -> q != null && q.addresses().equals(List.of(ip("10.0.0.4")))), "a Sequence TLV naming S3");
        assertNotNull(net.routers.get("S1").route("172.16.2.2", 32));
        assertNotNull(net.routers.get("S2").route("172.16.2.2", 32));
        assertEquals(1, net.routers.get("S3").eigrp.counters().crIgnored, "S3 was told to ignore it");
        blockS3[0] = false;
        net.run(12 * S);
        assertNotNull(net.routers.get("S3").route("172.16.1.1", 32));
        assertNotNull(net.routers.get("S3").route("172.16.2.2", 32), "S3 gets it unicast in its turn");
    }

    @Test
    void malformedPacketsAreCountedAndDropped() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1");
        net.run(10 * S);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(88);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[rnd.nextInt(0, 120)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
            if (b.length > 2) { b[0] = 2; b[1] = (byte) (1 + rnd.nextInt(5)); }
            r1.eigrp.receive(1, ip("10.0.12.2"), b);
        }
        net.run(10 * S);
        assertTrue(r1.eigrp.counters().badPackets > 19_000);
        assertNotNull(r1.route("2.2.2.2", 32), "the adjacency survives");
        assertTrue(r1.log.stream().noneMatch(l -> l.contains("is down")), r1.log.toString());
    }

    @Test
    void passiveInterfaceAdvertisesItsSubnetButHasNoNeighbours() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        net.run(10 * S);
        assertEquals(1, r1.eigrp.neighbors().size());
        // `passive-interface FastEthernet0/0` on R2: a Goodbye, then silence
        r2.eigrp.addInterface(r2.ifaces.get(1).withPassive(true));
        net.run(10 * FakeNet.MS);
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.2 (FastEthernet0/0) is down: Interface PEER-TERMINATION received"), r1.log.toString());
        assertTrue(r2.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.12.1 (FastEthernet0/0) is down: interface passive"), r2.log.toString());
        r2.sent.clear();
        net.run(60 * S);
        assertTrue(r2.sent.isEmpty(), "no hellos on a passive interface");
        assertTrue(r1.eigrp.neighbors().isEmpty());
        assertTrue(r2.eigrp.neighbors().isEmpty());
        assertNotNull(r2.eigrp.topology(ip("10.0.12.0"), 24), "its subnet stays in the topology table");
    }

    @Test
    void mutatedPacketsIntoALiveRouterNeverEscapeAndTheAdjacencyRecovers() {
        FakeNet net = pair(new FakeNet());
        FakeNet.Router r1 = net.routers.get("R1"), r2 = net.routers.get("R2");
        r2.lan(3, "FastEthernet0/1", "10.20.0.1", 24, FE_BW, FE_DLY);
        net.run(10 * S);
        List<byte[]> seeds = r2.sent.stream().map(FakeNet.Sent::packet).toList();
        assertTrue(seeds.size() > 4);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7868);
        int processed = 0;
        for (int n = 0; n < 100_000; n++) {
            byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextInt(4) != 0 && b.length >= Eigrp.HEADER_LEN) {
                dev.routerlab.packet.Bytes.put16(b, 2, 0);
                dev.routerlab.packet.Bytes.put16(b, 2, dev.routerlab.packet.Checksum.compute(b, 0, b.length));
                processed++;
            }
            int src = rnd.nextInt(8) == 0 ? ip("10.0.12.77") : ip("10.0.12.2");
            r1.eigrp.receive(1, src, b);
            if (n % 1000 == 0) net.run(100 * FakeNet.MS);
        }
        assertTrue(processed > 50_000);
        assertTrue(r1.eigrp.counters().badPackets > 1000);
        // whatever the garbage did (restart, K mismatch, Goodbye, bogus routes), the real peer wins back
        net.run(120 * S);
        assertNotNull(r1.route("2.2.2.2", 32), r1.rib.toString());
        assertEquals(metric(FE_BW, LO_DLY, FE_DLY), r1.route("2.2.2.2", 32).metric());
        assertNotNull(r1.route("10.20.0.0", 24));
        assertTrue(r1.eigrp.neighbors().stream().anyMatch(v -> v.address() == ip("10.0.12.2") && v.up()));
    }
}
