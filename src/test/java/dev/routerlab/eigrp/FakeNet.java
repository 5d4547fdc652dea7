package dev.routerlab.eigrp;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.sim.VirtualScheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Routers running EigrpInstance on shared segments in virtual time: a packet sent out of an
 * interface reaches, 1 ms later, every other interface on its segment (multicast) or the one
 * owning the destination address (unicast). Segments can be cut; a filter can drop packets.
 */
final class FakeNet {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final VirtualScheduler sched = new VirtualScheduler(1_700_000_000_000L);
    final Map<String, Router> routers = new LinkedHashMap<>();
    final Map<String, List<Port>> segments = new LinkedHashMap<>();
    final Set<String> cut = new HashSet<>();
    /** Hub-and-spoke (NBMA, like a DMVPN tunnel): the first port is the hub; spokes' multicast reaches only it. */
    final Set<String> nbma = new HashSet<>();
    /** Drops a packet when it returns true. */
    Filter filter = (from, to, dst, b) -> false;
    long delivered;

    interface Filter {
        boolean drop(Port from, Port to, int dst, byte[] packet);
    }

    interface Receiver {
        void receive(int ifaceId, int src, byte[] packet);
    }

    record Sent(int opcode, int flags, int dst, byte[] packet) {
        boolean multicast() { return dst == Eigrp.MULTICAST_GROUP; }
    }

    record Port(Router router, int ifaceId, String name, int address, String segment) {}

    static int ip(String s) { return Ipv4Address.parse(s); }

    final class Router implements EigrpRouteListener {
        final String name;
        EigrpInstance eigrp;
        final Map<Integer, Port> ports = new TreeMap<>();
        final Map<Integer, EigrpInterfaceConfig> ifaces = new TreeMap<>();
        final Map<String, EigrpRoute> rib = new TreeMap<>();
        final List<String> log = new ArrayList<>();
        /** When set, packets go here instead of to the engine (a hand-written peer). */
        Receiver raw;
        /** Every packet this router sent. */
        final List<Sent> sent = new ArrayList<>();

        Router(String name, EigrpConfig cfg) {
            this.name = name;
            boot(cfg);
        }

        /** A fresh process (a reload without Goodbye): the old one's timers and packets go nowhere. */
        void boot(EigrpConfig cfg) {
            EigrpInstance[] self = new EigrpInstance[1];
            self[0] = new EigrpInstance(cfg, sched, (ifaceId, dst, b) -> {
                if (eigrp == self[0]) transmit(this, ifaceId, dst, b);
            }, this, line -> log.add(line));
            eigrp = self[0];
            rib.clear();
            for (EigrpInterfaceConfig c : ifaces.values()) eigrp.addInterface(c);
        }

        void iface(int id, String ifName, String addr, int len, String segment, long bw, long delay,
                   UnaryOperator<EigrpInterfaceConfig> tweak) {
            EigrpInterfaceConfig c = tweak.apply(EigrpInterfaceConfig.of(id, ifName, ip(addr), len, bw, delay));
            ports.put(id, new Port(this, id, ifName, ip(addr), segment));
            segments.computeIfAbsent(segment, k -> new ArrayList<>()).add(ports.get(id));
            ifaces.put(id, c);
            eigrp.addInterface(c);
        }

        void iface(int id, String ifName, String addr, int len, String segment, long bw, long delay) {
            iface(id, ifName, addr, len, segment, bw, delay, c -> c);
        }

        /** A LAN or loopback with no neighbours: a passive interface. */
        void lan(int id, String ifName, String addr, int len, long bw, long delay) {
            iface(id, ifName, addr, len, "lan-" + name + "-" + id, bw, delay, c -> c.withPassive(true));
        }

        /** A port that only a hand-written peer uses (no engine interface). */
        void rawPort(int id, String ifName, String addr, String segment) {
            ports.put(id, new Port(this, id, ifName, ip(addr), segment));
            segments.computeIfAbsent(segment, k -> new ArrayList<>()).add(ports.get(id));
        }

        void rawSend(int ifaceId, int dst, byte[] b) { transmit(this, ifaceId, dst, b); }

        EigrpRoute route(String prefix, int len) { return rib.get(prefix + "/" + len); }

        long count(int opcode) {
            return sent.stream().filter(p -> p.opcode() == opcode).count();
        }

        @Override public void routeChanged(EigrpRoute r) {
            rib.put(Ipv4Address.toString(r.prefix()) + "/" + r.prefixLength(), r);
        }

        @Override public void routeRemoved(int prefix, int len) {
            rib.remove(Ipv4Address.toString(prefix) + "/" + len);
        }
    }

    Router router(String name, EigrpConfig cfg) {
        Router r = new Router(name, cfg);
        routers.put(name, r);
        return r;
    }

    Router router(String name) { return router(name, EigrpConfig.defaults(100, routers.size() + 1)); }

    private void transmit(Router r, int ifaceId, int dst, byte[] b) {
        Port from = r.ports.get(ifaceId);
        r.sent.add(new Sent(Eigrp.opcode(b, 0), Eigrp.flags(b, 0), dst, b.clone()));
        if (from == null || cut.contains(from.segment())) return;
        List<Port> seg = segments.get(from.segment());
        for (Port to : seg) {
            if (to == from) continue;
            if (dst == Eigrp.MULTICAST_GROUP && nbma.contains(from.segment()) && from != seg.get(0) && to != seg.get(0)) continue;
            if (dst != Eigrp.MULTICAST_GROUP && dst != to.address()) continue;
            if (filter.drop(from, to, dst, b)) continue;
            byte[] copy = b.clone();
            sched.schedule(MS, () -> {
                if (cut.contains(from.segment())) return;
                delivered++;
                if (to.router().raw != null) to.router().raw.receive(to.ifaceId(), from.address(), copy);
                else to.router().eigrp.receive(to.ifaceId(), from.address(), copy);
            });
        }
    }

    /** The link fails: packets stop, and both ends see line protocol down (interface removed from EIGRP). */
    void linkDown(String segment) {
        cut.add(segment);
        for (Port p : segments.get(segment)) p.router().eigrp.removeInterface(p.ifaceId(), "interface down");
    }

    void run(long nanos) { sched.advance(nanos); }
}
