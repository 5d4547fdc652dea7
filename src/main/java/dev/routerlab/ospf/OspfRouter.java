package dev.routerlab.ospf;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Ospf;
import dev.routerlab.routing.Route;
import dev.routerlab.sim.Scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One router's OSPF processes wired to its IPv4 engine (built by the composition, `device.Router`):
 * one {@link OspfInstance} per `router ospf N`, reconciled from the model after each configuration
 * change; protocol 89 in through {@link IpEngine#register}, out through {@link IpEngine#sendOn}
 * (TTL 1, precedence 6, from the interface address); routes into the RIB with distance 110;
 * line-protocol changes from {@link IpEngine#onLineChange}; log lines to the router's syslog.
 */
public final class OspfRouter {
    /** IOS `auto-cost reference-bandwidth` default: 100 Mbit/s, in kbit/s. */
    public static final long REFERENCE_KBPS = 100_000;
    private static final Pattern SYSLOG = Pattern.compile("%([A-Z0-9_]+)-(\\d)-([A-Z0-9_]+): (.*)", Pattern.DOTALL);

    private final IpEngine ip;
    private final Scheduler scheduler;
    private final IpEngine.LogSink log;
    private final TreeMap<Integer, OspfInstance> instances = new TreeMap<>();
    /** Per process: interface name → what it was configured with (compared without the key bytes). */
    private final Map<Integer, Map<String, Spec>> configured = new HashMap<>();
    /** The routes last given to the RIB by (pid, prefix, length), for their age. */
    private final Map<List<Integer>, Route<IpInterface>> installed = new HashMap<>();
    /** Where `debug ip ospf` events go (null: debugging off). */
    private OspfDebug debug;

    private record Spec(int address, int mask, int area, OspfInterfaceConfig.NetworkType type, int cost,
                        boolean passive, int hello, int dead, int priority) {
        static Spec of(OspfInterfaceConfig c) {
            return new Spec(c.address(), c.mask(), c.areaId(), c.networkType(), c.cost(), c.passive(),
                    c.helloInterval(), c.deadInterval(), c.priority());
        }
    }

    public OspfRouter(IpEngine ip, Scheduler scheduler, IpEngine.LogSink log) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.log = log;
        ip.register(Ospf.IP_PROTOCOL, this::receive);
        ip.onLineChange(this::lineChanged);
    }

    /** The running processes by process id (shows read them). */
    public Map<Integer, OspfInstance> processes() { return Collections.unmodifiableMap(instances); }

    /** Brings the processes in line with the model (after the IP engine's own reconciliation). */
    public void reconcile(RunningConfig cfg) {
        List<Integer> wanted = new ArrayList<>();
        for (RoutingProcess rp : cfg.routing.values()) {
            if (rp.key.protocol() != RoutingProcess.Protocol.OSPF) continue;
            wanted.add(rp.key.id());
            OspfInstance inst = instances.get(rp.key.id());
            if (inst != null && rp.routerId != null && rp.routerId != inst.routerId() && inst.neighbors().isEmpty()) {
                // IOS takes a new router-id at once while the process has no neighbours (else at `clear ip ospf process`)
                stop(rp.key.id());
                inst = null;
            }
            if (inst == null) {
                int rid = routerId(rp, cfg);
                if (rid == 0) continue;
                int pid = rp.key.id();
                inst = new OspfInstance(pid, rid, scheduler, (name, dst, pkt) -> transmit(name, dst, pkt),
                        routes -> routesChanged(pid, routes), this::syslog);
                inst.setDebug(debug);
                instances.put(pid, inst);
                configured.put(pid, new HashMap<>());
            }
            interfaces(inst, rp, cfg);
        }
        for (Integer pid : new ArrayList<>(instances.keySet())) {
            if (!wanted.contains(pid)) stop(pid);
        }
        if (instances.isEmpty()) {
            ip.leaveGroup(Ospf.ALL_SPF_ROUTERS);
            ip.leaveGroup(Ospf.ALL_D_ROUTERS);
        } else {
            ip.joinGroup(Ospf.ALL_SPF_ROUTERS);
            ip.joinGroup(Ospf.ALL_D_ROUTERS);
        }
    }

    private void stop(int pid) {
        OspfInstance inst = instances.remove(pid);
        configured.remove(pid);
        installed.keySet().removeIf(k -> k.get(0) == pid);
        if (inst != null) inst.shutdown();
        ip.setRoutes(key(pid), List.of());
    }

    /** `debug ip ospf ...`: every process's events go to d (the command layer filters and formats them); null turns them off. */
    public void setDebug(OspfDebug d) {
        debug = d;
        for (OspfInstance i : instances.values()) i.setDebug(d);
    }

    public OspfDebug debug() { return debug; }

    /** Power-on: every process stops. */
    public void reset() {
        for (Map.Entry<Integer, OspfInstance> e : instances.entrySet()) {
            e.getValue().shutdown();
            ip.dropRoutes(key(e.getKey()));
        }
        instances.clear();
        configured.clear();
        installed.clear();
        debug = null;   // debugs do not survive a reload
    }

    /** `router-id`, else the highest loopback address, else the highest address of an up interface (IOS). */
    static int routerId(RoutingProcess rp, RunningConfig cfg, Iterable<IpInterface> ifaces) {
        if (rp.routerId != null && rp.routerId != 0) return rp.routerId;
        long best = -1;
        for (IpInterface i : ifaces) {
            if (i.kind == IpInterface.Kind.LOOPBACK && i.hasAddress() && i.lineUp())
                best = Math.max(best, i.address() & 0xffffffffL);
        }
        if (best < 0) {
            for (IpInterface i : ifaces) {
                if (i.hasAddress() && i.lineUp()) best = Math.max(best, i.address() & 0xffffffffL);
            }
        }
        return best < 0 ? 0 : (int) best;
    }

    private int routerId(RoutingProcess rp, RunningConfig cfg) { return routerId(rp, cfg, ip.interfaces()); }

    private void interfaces(OspfInstance inst, RoutingProcess rp, RunningConfig cfg) {
        Map<String, Spec> done = configured.get(inst.processId());
        Map<String, OspfInterfaceConfig> want = new TreeMap<>();
        for (IpInterface i : ip.interfaces()) {
            if (!i.hasAddress()) continue;
            RoutingProcess.Network n = covering(rp, i.address());
            if (n == null) continue;
            InterfaceConfig ic = cfg.interfaces.get(i.name);
            OspfInterfaceConfig.NetworkType type = type(i);
            if (ic != null && ic.ospfNetwork != null && type != OspfInterfaceConfig.NetworkType.LOOPBACK)
                type = ic.ospfNetwork == InterfaceConfig.OspfNetwork.BROADCAST ? OspfInterfaceConfig.NetworkType.BROADCAST
                        : OspfInterfaceConfig.NetworkType.POINT_TO_POINT;
            OspfInterfaceConfig c = OspfInterfaceConfig.of(i.name.toString(), i.address(), i.mask(), area(n.area()), type)
                    .withCost(ic != null && ic.ospfCost != null ? ic.ospfCost : cost(i, ic))
                    .withPassive(rp.passiveDefault != rp.passive.contains(i.name));
            if (ic != null && (ic.ospfHello != null || ic.ospfDead != null)) {
                int hello = ic.ospfHello != null ? ic.ospfHello : c.helloInterval();
                c = c.withTimers(hello, ic.ospfDead != null ? ic.ospfDead : 4 * hello);   // IOS: dead follows hello
            }
            if (ic != null && ic.ospfPriority != null) c = c.withPriority(ic.ospfPriority);
            want.put(c.name(), c);
        }
        for (String name : new ArrayList<>(done.keySet())) {
            if (!want.containsKey(name)) {
                inst.removeInterface(name);
                done.remove(name);
            }
        }
        for (OspfInterfaceConfig c : want.values()) {
            Spec s = Spec.of(c);
            if (!s.equals(done.get(c.name()))) {
                inst.configureInterface(c);
                done.put(c.name(), s);
            }
            IpInterface i = ip.get(InterfaceName.parse(c.name()));
            inst.setInterfaceUp(c.name(), i != null && i.lineUp());
        }
    }

    /** The most specific `network` statement covering the address (IOS matches the longest first). */
    private static RoutingProcess.Network covering(RoutingProcess rp, int address) {
        RoutingProcess.Network best = null;
        for (RoutingProcess.Network n : rp.networks) {
            if (n.area() == null) continue;
            int wild = n.wildcard() == null ? 0 : n.wildcard();
            if ((address & ~wild) != (n.address() & ~wild)) continue;
            if (best == null || Integer.bitCount(wild) < Integer.bitCount(best.wildcard() == null ? 0 : best.wildcard())) best = n;
        }
        return best;
    }

    /** An area as typed: a decimal number or dotted quad. */
    static int area(String a) {
        if (a.indexOf('.') >= 0) return Ipv4Address.parse(a);
        return (int) Long.parseLong(a);
    }

    /** IOS defaults: loopbacks are host routes, GRE tunnels point-to-point, Ethernet broadcast. */
    private static OspfInterfaceConfig.NetworkType type(IpInterface i) {
        return switch (i.kind) {
            case LOOPBACK -> OspfInterfaceConfig.NetworkType.LOOPBACK;
            case TUNNEL -> OspfInterfaceConfig.NetworkType.POINT_TO_POINT;
            default -> OspfInterfaceConfig.NetworkType.BROADCAST;
        };
    }

    /** Reference bandwidth over the interface bandwidth (`bandwidth`, else the IOSv default), at least 1. */
    static int cost(IpInterface i, InterfaceConfig ic) {
        long bw = ic != null && ic.bandwidth != null ? ic.bandwidth
                : switch (i.kind) {
                    case LOOPBACK -> 8_000_000L;
                    case TUNNEL -> 100L;
                    default -> 1_000_000L;
                };
        return (int) Math.max(1, Math.min(65535, REFERENCE_KBPS / Math.max(1, bw)));
    }

    private void lineChanged(IpInterface i) {
        for (Map.Entry<Integer, OspfInstance> e : instances.entrySet()) {
            Map<String, Spec> done = configured.get(e.getKey());
            if (done != null && done.containsKey(i.name.toString())) e.getValue().setInterfaceUp(i.name.toString(), i.lineUp());
        }
    }

    private void transmit(String name, int dst, byte[] pkt) {
        IpInterface out = ip.get(InterfaceName.parse(name));
        if (out == null || !out.hasAddress()) return;
        int po = IpEngine.HEADROOM;
        int len = Ipv4.MIN_HEADER_LEN + pkt.length;
        byte[] p = new byte[po + len];
        Ipv4.writeHeader(p, po, 0xc0, len, ip.nextIpId(), 0, 1, Ospf.IP_PROTOCOL, out.address(), dst);
        System.arraycopy(pkt, 0, p, po + Ipv4.MIN_HEADER_LEN, pkt.length);
        ip.sendOn(out, p, po, len);
    }

    private boolean receive(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        int dst = Ipv4.destination(b, off);
        if (in == null || instances.isEmpty()) return Ipv4Address.isMulticast(dst);
        byte[] payload = java.util.Arrays.copyOfRange(b, off + hl, off + len);
        String name = in.name.toString();
        boolean taken = false;
        for (Map.Entry<Integer, OspfInstance> e : instances.entrySet()) {
            Map<String, Spec> done = configured.get(e.getKey());
            if (done == null || !done.containsKey(name)) continue;
            e.getValue().receive(name, Ipv4.source(b, off), dst, payload);
            taken = true;
        }
        return taken || Ipv4Address.isMulticast(dst);
    }

    private void routesChanged(int pid, List<OspfRoute> routes) {
        List<Route<IpInterface>> out = new ArrayList<>();
        for (OspfRoute r : routes) {
            List<Route.Path<IpInterface>> paths = new ArrayList<>();
            for (OspfRoute.NextHop h : r.nextHops()) {
                IpInterface i = ip.get(InterfaceName.parse(h.interfaceName()));
                if (i != null) paths.add(new Route.Path<>(h.address(), null, i, h.address()));
            }
            if (paths.isEmpty()) continue;
            Route<IpInterface> nr = new Route<>(r.prefix(), r.prefixLength(), source(r.type()), 110, r.cost(), List.copyOf(paths));
            Route<IpInterface> old = installed.get(List.of(pid, r.prefix(), r.prefixLength()));
            long since = old != null && old.source() == nr.source() && old.metric() == nr.metric() && old.paths().equals(nr.paths()) ? old.since() : scheduler.nanos();
            nr = new Route<>(nr.prefix(), nr.length(), nr.source(), 110, nr.metric(), nr.paths(), since);
            out.add(nr);
        }
        installed.keySet().removeIf(k -> k.get(0) == pid);
        for (Route<IpInterface> nr : out) installed.put(List.of(pid, nr.prefix(), nr.length()), nr);
        ip.setRoutes(key(pid), out);
    }

    private static Route.Source source(OspfRoute.Type t) {
        return switch (t) {
            case INTRA_AREA -> Route.Source.OSPF;
            case INTER_AREA -> Route.Source.OSPF_IA;
            case EXTERNAL_1 -> Route.Source.OSPF_E1;
            case EXTERNAL_2 -> Route.Source.OSPF_E2;
        };
    }

    private void syslog(String message) {
        Matcher m = SYSLOG.matcher(message);
        if (m.matches()) log.log(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4));
    }

    /** The RIB owner key of one process. */
    private record Owner(int pid) {}

    private static Object key(int pid) { return new Owner(pid); }
}
