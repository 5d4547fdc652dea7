package dev.routerlab.ospf;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Ospf;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import dev.routerlab.sim.VirtualScheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An in-test network for OSPF engines in virtual time: segments (a broadcast LAN or a
 * point-to-point link) deliver each packet, after 1 ms, to every other port on the segment whose
 * address matches the destination or to all of them for AllSPFRouters/AllDRouters. A segment
 * can be cut silently (packets lost, line protocol stays up: only the dead interval notices).
 */
final class FakeNet {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    final VirtualScheduler scheduler = new VirtualScheduler(1_700_000_000_000L);
    final Map<String, Segment> segments = new LinkedHashMap<>();
    final Map<String, Router> routers = new LinkedHashMap<>();
    /** Every packet sent, for tests that inspect the wire. */
    final List<byte[]> wire = new ArrayList<>();
    /** Destinations of the packets in {@link #wire}, in order. */
    final List<Integer> destinations = new ArrayList<>();
    /** Fraction of deliveries lost at random (seeded: the same run every time). */
    double loss;
    final java.util.Random random = new java.util.Random(2328);

    static final class Segment {
        final String name;
        final List<Port> ports = new ArrayList<>();
        boolean cut;

        Segment(String name) { this.name = name; }
    }

    record Port(Router router, String iface, int address, Segment segment) {}

    final class Router {
        final String name;
        final OspfInstance ospf;
        final Map<String, Port> ports = new LinkedHashMap<>();
        final List<String> logs = new ArrayList<>();
        final List<String> debugs = new ArrayList<>();
        List<OspfRoute> routes = List.of();
        int routeUpdates;

        Router(String name, int routerId) {
            this.name = name;
            this.ospf = new OspfInstance(1, routerId, scheduler, this::transmit, r -> {
                routes = r;
                routeUpdates++;
            }, logs::add);
            ospf.setDebug((pid, c, iface, text) -> debugs.add(text));
        }

        /** Attaches an interface to a segment, configures it (tweaked by f) and brings it up. */
        Router attach(String segment, String iface, String addressSlashLen, NetworkType type,
                      UnaryOperator<OspfInterfaceConfig> f) {
            String[] p = addressSlashLen.split("/");
            int addr = Ipv4Address.parse(p[0]);
            int len = Integer.parseInt(p[1]);
            int mask = len == 0 ? 0 : -1 << (32 - len);
            Segment s = segments.computeIfAbsent(segment, Segment::new);
            Port port = new Port(this, iface, addr, s);
            s.ports.add(port);
            ports.put(iface, port);
            ospf.configureInterface(f.apply(OspfInterfaceConfig.of(iface, addr, mask, 0, type)));
            ospf.setInterfaceUp(iface, true);
            return this;
        }

        Router attach(String segment, String iface, String addressSlashLen, NetworkType type) {
            return attach(segment, iface, addressSlashLen, type, c -> c);
        }

        Router loopback(String addr) {
            String iface = "Loopback" + ports.size();
            int a = Ipv4Address.parse(addr);
            ports.put(iface, new Port(this, iface, a, null));
            ospf.configureInterface(OspfInterfaceConfig.of(iface, a, -1, 0, NetworkType.LOOPBACK));
            ospf.setInterfaceUp(iface, true);
            return this;
        }

        Router loopback(String addr, int area) {
            String iface = "Loopback" + ports.size();
            int a = Ipv4Address.parse(addr);
            ports.put(iface, new Port(this, iface, a, null));
            ospf.configureInterface(OspfInterfaceConfig.of(iface, a, -1, area, NetworkType.LOOPBACK));
            ospf.setInterfaceUp(iface, true);
            return this;
        }

        private void transmit(String iface, int dst, byte[] packet) {
            Port from = ports.get(iface);
            if (from == null || from.segment() == null) throw new AssertionError(name + " sent on unknown " + iface);
            wire.add(packet.clone());
            destinations.add(dst);
            Segment s = from.segment();
            if (s.cut) return;
            boolean multicast = dst == Ospf.ALL_SPF_ROUTERS || dst == Ospf.ALL_D_ROUTERS;
            for (Port to : s.ports) {
                if (to == from || (!multicast && to.address() != dst)) continue;
                if (loss > 0 && random.nextDouble() < loss) continue;
                byte[] copy = packet.clone();
                scheduler.schedule(MS, () -> to.router().ospf.receive(to.iface(), from.address(), dst, copy));
            }
        }

        OspfInstance.NeighborInfo neighbor(String rid) {
            int r = Ipv4Address.parse(rid);
            return ospf.neighbors().stream().filter(n -> n.routerId() == r).findFirst().orElse(null);
        }

        NeighborState stateOf(String rid) {
            OspfInstance.NeighborInfo n = neighbor(rid);
            return n == null ? NeighborState.DOWN : n.state();
        }

        OspfRoute route(String prefixSlashLen) {
            String[] p = prefixSlashLen.split("/");
            int pre = Ipv4Address.parse(p[0]);
            int len = Integer.parseInt(p[1]);
            int mask = len == 0 ? 0 : -1 << (32 - len);
            return routes.stream().filter(r -> r.prefix() == pre && r.mask() == mask).findFirst().orElse(null);
        }

        /** "10.0.12.2%Serial0/0" strings of a route's next hops, sorted. */
        List<String> via(String prefix) {
            OspfRoute r = route(prefix);
            if (r == null) return List.of();
            return r.nextHops().stream().map(OspfRoute.NextHop::toString).sorted().toList();
        }
    }

    Router router(String name, String routerId) {
        Router r = new Router(name, Ipv4Address.parse(routerId));
        routers.put(name, r);
        return r;
    }

    void run(long seconds) { scheduler.advance(seconds * SECOND); }

    void cut(String segment, boolean cut) { segments.get(segment).cut = cut; }
}
