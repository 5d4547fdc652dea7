package dev.routerlab.ipv6;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.Ipv6Config;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv6Address;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** R1 (2001:db8:12::1) - R2 (routing) - R3 (2001:db8:23::3) in virtual time, configured through the model. */
class Ipv6EngineTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
    static final Ipv6Address R1 = Ipv6Address.parse("2001:db8:12::1"), R3 = Ipv6Address.parse("2001:db8:23::3");

    Ipv6EngineTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0");
        net.wire(r2, "Gi0/1", r3, "Gi0/0");
        for (Net.Node n : List.of(r1, r2, r3)) n.config("interface Gi0/0", "no shutdown", "interface Gi0/1", "no shutdown");
        address(r1, "Gi0/0", "2001:db8:12::1", 64);
        address(r2, "Gi0/0", "2001:db8:12::2", 64);
        address(r2, "Gi0/1", "2001:db8:23::2", 64);
        address(r3, "Gi0/0", "2001:db8:23::3", 64);
        r2.router.config().ipv6.unicastRouting = true;
        route(r1, "::", 0, "2001:db8:12::2");
        route(r3, "::", 0, "2001:db8:23::2");
        for (Net.Node n : List.of(r1, r2, r3)) n.router.reconcile();
        net.run(5);
    }

    static void address(Net.Node n, String iface, String a, int len) {
        InterfaceConfig ic = n.router.config().interfaces.get(InterfaceName.parse(iface));
        ic.ipv6.addresses.add(new Ipv6Config.Address(Ipv6Address.parse(a), len, false));
    }

    static void route(Net.Node n, String p, int len, String nh) {
        n.router.config().ipv6.routes.add(new Ipv6Config.Route(Ipv6Address.parse(p), len, null, Ipv6Address.parse(nh), 1));
    }

    record Answer(int hop, Ipv6Probe.Outcome o, Ipv6Address from) {}

    List<Answer> ping(Net.Node n, Ipv6Address dst, int count, int size) {
        List<Answer> got = new ArrayList<>();
        boolean[] done = {false};
        Ipv6Probe p = Ipv6Probe.ping(n.router.ipv6(), dst, null, count, size, 2_000_000_000L, 7, new Ipv6Probe.Listener() {
            public void answer(int hop, Ipv6Probe.Outcome o, Ipv6Address from, long rtt) { got.add(new Answer(hop, o, from)); }
            public void done() { done[0] = true; }
        });
        p.start();
        net.clock.runUntil(() -> done[0], 60_000_000_000L);
        assertTrue(done[0]);
        return got;
    }

    @Test
    void linkLocalFromEui64DadAndTheFirstPingSucceedsThroughTheRouter() {
        Ipv6Interface i = r1.router.ipv6().get(InterfaceName.parse("Gi0/0"));
        long mac = r1.iface("Gi0/0").mac;
        assertEquals(Ipv6Address.linkLocal(Ipv6Address.eui64(mac)), i.linkLocal().address);
        assertEquals(Ipv6Interface.State.PREFERRED, i.linkLocal().state());
        assertEquals(Ipv6Interface.State.PREFERRED, i.globals().get(0).state());
        List<Answer> a = ping(r1, R3, 5, 100);
        assertEquals(5, a.size());
        for (Answer x : a) assertEquals(Ipv6Probe.Outcome.REPLY, x.o(), "IOS queues the packet that triggers ND: " + a);
        // R1 resolved R2 (REACH: a solicited NA); R2 learnt R1 from its solicitation (STALE, then DELAY when it answered)
        List<NeighborCache.Entry> n1 = r1.router.ipv6().neighbors().entries();
        assertTrue(n1.stream().anyMatch(e -> e.address.equals(Ipv6Address.parse("2001:db8:12::2")) && e.state() == NeighborCache.State.REACH), n1.toString());
        List<NeighborCache.Entry> n2 = r2.router.ipv6().neighbors().entries();
        assertTrue(n2.stream().anyMatch(e -> e.address.equals(R1) && e.state() == NeighborCache.State.DELAY
                && e.mac() == r1.iface("Gi0/0").mac), n2.toString());
        assertTrue(n2.stream().anyMatch(e -> e.address.equals(R3) && e.state() == NeighborCache.State.REACH), n2.toString());
        // REACH ages to STALE after the reachable time, then a packet takes it through DELAY to PROBE and REACH again
        net.run(31);
        NeighborCache.Entry e = r1.router.ipv6().neighbors().entries().stream()
                .filter(x -> x.address.equals(Ipv6Address.parse("2001:db8:12::2"))).findFirst().orElseThrow();
        assertEquals(NeighborCache.State.STALE, e.state());
        ping(r1, R3, 1, 100);
        assertEquals(NeighborCache.State.DELAY, e.state());
        net.run(6);
        assertEquals(NeighborCache.State.REACH, e.state(), "the unicast probe was answered");
    }

    @Test
    void errorsHopLimitNoRouteAndPacketTooBig() {
        r2.router.config().interfaces.get(InterfaceName.parse("Gi0/1")).ipv6.mtu = 1280;
        r2.router.reconcile();
        List<Answer> big = ping(r1, R3, 1, 1400);
        assertEquals(Ipv6Probe.Outcome.TOO_BIG, big.get(0).o());
        assertEquals(Ipv6Address.parse("2001:db8:12::2"), big.get(0).from());
        assertEquals(Ipv6Probe.Outcome.REPLY, ping(r1, R3, 1, 1280).get(0).o(), "1280 bytes fit");
        List<Answer> none = ping(r1, Ipv6Address.parse("2001:db8:99::9"), 1, 100);
        assertEquals(Ipv6Probe.Outcome.UNREACHABLE, none.get(0).o());
        List<Answer> trace = new ArrayList<>();
        boolean[] done = {false};
        Ipv6Probe.traceroute(r1.router.ipv6(), R3, 30, 3, 3_000_000_000L, 9, new Ipv6Probe.Listener() {
            public void answer(int hop, Ipv6Probe.Outcome o, Ipv6Address from, long rtt) { trace.add(new Answer(hop, o, from)); }
            public void done() { done[0] = true; }
        }).start();
        net.clock.runUntil(() -> done[0], 120_000_000_000L);
        assertEquals(6, trace.size(), trace.toString());
        assertEquals(new Answer(1, Ipv6Probe.Outcome.HOP_LIMIT, Ipv6Address.parse("2001:db8:12::2")), trace.get(0));
        assertEquals(new Answer(2, Ipv6Probe.Outcome.REPLY, R3), trace.get(5));
        assertTrue(r2.router.ipv6().stats().hopLimitExceeded >= 3);
    }

    @Test
    void routerAdvertisementsOnlyWithUnicastRoutingAndDuplicatesAreFound() {
        assertTrue(r2.router.ipv6().rib().routes().stream().anyMatch(r -> r.code() == Ipv6Rib.Code.C));
        assertTrue(r2.router.ipv6().get(InterfaceName.parse("Gi0/0")).rasSent() >= 1, "R2 routes: it advertises");
        assertEquals(0, r1.router.ipv6().get(InterfaceName.parse("Gi0/0")).rasSent(), "R1 is a host");
        // R1 hears R2's RA and marks it a router
        assertTrue(r1.router.ipv6().neighbors().entries().stream().anyMatch(NeighborCache.Entry::isRouter));
        // R3 takes R2's address: its DAD finds it and logs it; the address never becomes usable
        address(r3, "Gi0/0", "2001:db8:23::2", 64);
        r3.router.reconcile();
        net.run(2);
        Ipv6Interface.Address dup = r3.router.ipv6().get(InterfaceName.parse("Gi0/0")).globals().get(1);
        assertEquals(Ipv6Interface.State.DUPLICATE, dup.state());
        assertTrue(r3.pending().contains("%IPV6_ND-4-DUPLICATE: Duplicate address 2001:DB8:23::2 on GigabitEthernet0/0"));
    }
}
