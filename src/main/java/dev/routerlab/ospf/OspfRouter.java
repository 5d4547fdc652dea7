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

    /** Per process: the area settings and AS-external-LSAs last given to it. */
    private final Map<Integer, Map<Integer, AreaSpec>> areasApplied = new HashMap<>();
    private final Map<Integer, Map<Long, External>> externalsApplied = new HashMap<>();
    /** The model last reconciled (redistribution follows the RIB between configuration changes). */
    private RunningConfig config;
    /** Per process: what SPF last gave, and the discard routes of active `summary-address`es. */
    private final Map<Integer, List<OspfRoute>> learned = new HashMap<>();
    private final Map<Integer, Map<Long, int[]>> summaryDiscards = new HashMap<>();
    private boolean externalsPending;

    private record Spec(int address, int mask, int area, OspfInterfaceConfig.NetworkType type, int cost,
                        boolean passive, int hello, int dead, int priority, int mtu, boolean mtuIgnore,
                        OspfInterfaceConfig.AuthType auth, String key, int keyId, List<Integer> neighbors) {
        static Spec of(OspfInterfaceConfig c) {
            return new Spec(c.address(), c.mask(), c.areaId(), c.networkType(), c.cost(), c.passive(),
                    c.helloInterval(), c.deadInterval(), c.priority(), c.mtu(), c.mtuIgnore(), c.authType(),
                    java.util.HexFormat.of().formatHex(c.authKey()), c.md5KeyId(), c.neighbors());
        }
    }

    private record AreaSpec(boolean stub, boolean nssa, boolean noSummary, int defaultCost, boolean nssaDefault, List<OspfInstance.Range> ranges) {}

    /** One AS-external-LSA this router originates (RFC 2328 12.4.4). */
    private record External(int prefix, int mask, int metric, boolean type2, int tag) {}

    public OspfRouter(IpEngine ip, Scheduler scheduler, IpEngine.LogSink log) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.log = log;
        ip.register(Ospf.IP_PROTOCOL, new IpEngine.LocalHandler() {   // not this::receive: see device.Router
            @Override public boolean receive(IpInterface in, byte[] b, int off, int len) { return OspfRouter.this.receive(in, b, off, len); }
        });
        ip.onLineChange(new java.util.function.Consumer<IpEngine.LineChange>() {
            @Override public void accept(IpEngine.LineChange c) { lineChanged(c.iface()); }
        });
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
                int rid = routerId(rp);
                if (rid == 0) continue;
                int pid = rp.key.id();
                inst = new OspfInstance(pid, rid, scheduler, (name, dst, pkt) -> transmit(name, dst, pkt),
                        routes -> routesChanged(pid, routes), log::log);
                inst.setDebug(debug);
                instances.put(pid, inst);
                configured.put(pid, new HashMap<>());
            }
            interfaces(inst, rp, cfg);
            process(inst, rp);
        }
        config = cfg;
        updateExternals();
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

    /**
     * `clear ip ospf [N] process`: the processes restart (IOS: a new router ID is taken, every
     * adjacency and LSA is built again).
     */
    public void clearProcess(Integer pid, RunningConfig cfg) {
        for (Integer p : new ArrayList<>(instances.keySet())) if (pid == null || pid.equals(p)) stop(p);
        reconcile(cfg);
    }

    private void stop(int pid) {
        OspfInstance inst = instances.remove(pid);
        configured.remove(pid);
        areasApplied.remove(pid);
        externalsApplied.remove(pid);
        learned.remove(pid);
        summaryDiscards.remove(pid);
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
        areasApplied.clear();
        externalsApplied.clear();
        learned.clear();
        summaryDiscards.clear();
        debug = null;   // debugs do not survive a reload
    }

    /** `router-id`, else the highest loopback address, else the highest address of an up interface (IOS). */
    private int routerId(RoutingProcess rp) {
        return rp.routerId != null && rp.routerId != 0 ? rp.routerId : ip.routerIdCandidate();
    }

    private void interfaces(OspfInstance inst, RoutingProcess rp, RunningConfig cfg) {
        Map<String, Spec> done = configured.get(inst.processId());
        Map<String, OspfInterfaceConfig> want = new TreeMap<>();
        for (IpInterface i : ip.interfaces()) {
            if (!i.hasAddress() || !java.util.Objects.equals(i.vrf(), rp.vrf)) continue;   // a process runs in its VRF only
            InterfaceConfig ic = cfg.interfaces.get(i.name);
            String areaText = areaOf(rp, ic, i.address());
            if (areaText == null) continue;
            int areaId = area(areaText);
            OspfInterfaceConfig.NetworkType type = type(i);
            // a loopback takes only `ip ospf network point-to-point` (its subnet instead of a host route)
            if (ic != null && ic.ospfNetwork != null
                    && (type != OspfInterfaceConfig.NetworkType.LOOPBACK || ic.ospfNetwork == InterfaceConfig.OspfNetwork.POINT_TO_POINT))
                type = OspfInterfaceConfig.NetworkType.valueOf(ic.ospfNetwork.name());
            OspfInterfaceConfig c = OspfInterfaceConfig.of(i.name.toString(), i.address(), i.mask(), areaId, type)
                    .withCost(ic != null && ic.ospfCost != null ? ic.ospfCost : cost(i, ic, referenceKbps(rp)))
                    .withPassive(rp.passiveDefault != rp.passive.contains(i.name))
                    .withMtu(i.ipMtu(), ic != null && ic.ospfMtuIgnore);
            if (ic != null && (ic.ospfHello != null || ic.ospfDead != null)) {
                int hello = ic.ospfHello != null ? ic.ospfHello : c.helloInterval();
                c = c.withTimers(hello, ic.ospfDead != null ? ic.ospfDead : 4 * hello);   // IOS: dead follows hello
            }
            if (ic != null && ic.ospfPriority != null) c = c.withPriority(ic.ospfPriority);
            if (type == OspfInterfaceConfig.NetworkType.NON_BROADCAST || type == OspfInterfaceConfig.NetworkType.POINT_TO_MULTIPOINT) {
                List<Integer> nbrs = new ArrayList<>();
                for (RoutingProcess.Neighbor nb : rp.neighbors)
                    if ((nb.address() & i.mask()) == (i.address() & i.mask()) && nb.address() != i.address()) nbrs.add(nb.address());
                c = c.withNeighbors(nbrs);
            }
            c = authentication(c, ic, rp.areas.get(Integer.toUnsignedLong(areaId)));
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

    /** The area of an interface in this process: `ip ospf N area X` wins over `network`; null: not in it. */
    private static String areaOf(RoutingProcess rp, InterfaceConfig ic, int address) {
        if (ic != null && ic.ospfProcess != null) return ic.ospfProcess == rp.key.id() ? ic.ospfArea : null;
        RoutingProcess.Network n = covering(rp, address);
        return n == null ? null : n.area();
    }

    /**
     * RFC 2328 D.3: the interface's `ip ospf authentication` wins over the area's; the simple
     * password is `ip ospf authentication-key`, the MD5 key the youngest `message-digest-key`.
     */
    private static OspfInterfaceConfig authentication(OspfInterfaceConfig c, InterfaceConfig ic, RoutingProcess.Area area) {
        InterfaceConfig.OspfAuthentication a = ic != null ? ic.ospfAuthentication : null;
        if (a == null) a = area == null || area.messageDigest == null ? InterfaceConfig.OspfAuthentication.NULL
                : area.messageDigest ? InterfaceConfig.OspfAuthentication.MESSAGE_DIGEST : InterfaceConfig.OspfAuthentication.SIMPLE;
        return switch (a) {
            case NULL -> c;
            case SIMPLE -> c.withAuth(OspfInterfaceConfig.AuthType.SIMPLE,
                    key(ic == null || ic.ospfAuthenticationKey == null ? "" : ic.ospfAuthenticationKey.clear(), 8), 0);
            case MESSAGE_DIGEST -> {
                Map.Entry<Integer, dev.routerlab.config.Secret> k = ic == null ? null : ic.ospfMessageDigestKeys.lastEntry();
                yield c.withAuth(OspfInterfaceConfig.AuthType.MESSAGE_DIGEST, key(k == null ? "" : k.getValue().clear(), 16), k == null ? 0 : k.getKey());
            }
        };
    }

    /** The key bytes of a key's clear text (RFC 2328 §D.3: at most 8 or 16 bytes). */
    private static byte[] key(String s, int max) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(b, Math.min(b.length, max));
    }

    private static long referenceKbps(RoutingProcess rp) {
        return rp.referenceBandwidth == null ? REFERENCE_KBPS : rp.referenceBandwidth * 1000;
    }

    /** `maximum-paths` and the `area` settings, given to the process when they change. */
    private void process(OspfInstance inst, RoutingProcess rp) {
        if (inst.maximumPaths() != rp.maximumPaths()) inst.setMaximumPaths(rp.maximumPaths());
        Map<Integer, AreaSpec> done = areasApplied.computeIfAbsent(inst.processId(), k -> new HashMap<>());
        Map<Integer, AreaSpec> want = new HashMap<>();
        for (Map.Entry<Long, RoutingProcess.Area> e : rp.areas.entrySet()) {
            RoutingProcess.Area a = e.getValue();
            List<OspfInstance.Range> ranges = new ArrayList<>();
            for (RoutingProcess.Summary s : a.ranges) ranges.add(new OspfInstance.Range(s.prefix(), s.mask(), !s.notAdvertise()));
            want.put(e.getKey().intValue(), new AreaSpec(a.stub, a.nssa, a.noSummary, a.defaultCost == null ? 1 : a.defaultCost, a.nssaDefault, ranges));
        }
        for (Integer id : done.keySet()) want.putIfAbsent(id, new AreaSpec(false, false, false, 1, false, List.of()));
        for (Map.Entry<Integer, AreaSpec> e : want.entrySet()) {
            AreaSpec s = e.getValue(), old = done.get(e.getKey());
            if (s.equals(old)) continue;
            if (old == null || old.stub != s.stub || old.nssa != s.nssa || old.noSummary != s.noSummary
                    || old.defaultCost != s.defaultCost || old.nssaDefault != s.nssaDefault)
                inst.setAreaType(e.getKey(), s.stub, s.nssa, s.noSummary, s.defaultCost, s.nssaDefault);
            inst.setAreaRanges(e.getKey(), s.ranges);
            done.put(e.getKey(), s);
        }
    }

    /** Recomputes the AS-external-LSAs once the current event is over (the RIB is consistent again). */
    private void externalsChanged() {
        if (externalsPending) return;
        externalsPending = true;
        scheduler.schedule(0, () -> {
            externalsPending = false;
            updateExternals();
        });
    }

    /**
     * `redistribute`, `summary-address` and `default-information originate`: the AS-external-LSAs
     * each process should originate, from the RIB and the other processes; differences only.
     */
    private void updateExternals() {
        if (config == null) return;
        for (RoutingProcess rp : config.routing.values()) {
            OspfInstance inst = rp.key.protocol() == RoutingProcess.Protocol.OSPF ? instances.get(rp.key.id()) : null;
            if (inst == null) continue;
            Map<Long, int[]> sums = new TreeMap<>();
            Map<Long, External> want = externals(rp, inst, sums);
            Map<Long, External> done = externalsApplied.computeIfAbsent(rp.key.id(), k -> new HashMap<>());
            for (Map.Entry<Long, External> e : done.entrySet())
                if (!want.containsKey(e.getKey())) inst.withdrawExternal(e.getValue().prefix(), e.getValue().mask());
            for (External x : want.values()) inst.originateExternal(x.prefix(), x.mask(), x.metric(), x.type2(), 0, x.tag());
            done.clear();
            done.putAll(want);
            summaryDiscards.put(rp.key.id(), sums);
            publish(rp.key.id());
        }
    }

    private Map<Long, External> externals(RoutingProcess rp, OspfInstance inst, Map<Long, int[]> discards) {
        Map<Long, External> want = new TreeMap<>();
        Map<String, Spec> own = configured.getOrDefault(rp.key.id(), Map.of());
        for (RoutingProcess.Redistribution r : rp.redistribute) {
            for (int[] route : sourceRoutes(r, own)) { // {prefix, length, metric}
                if (!r.subnets && route[1] != classfulLength(route[0])) continue; // IOS 15: classful networks only
                int metric = r.metric != null ? r.metric.intValue() : r.source == RoutingProcess.Source.OSPF ? route[2] : 20;
                int mask = dev.routerlab.routing.Fib.mask(route[1]);
                want.put(Spf.key(route[0], mask), new External(route[0], mask, metric, r.metricType == null || r.metricType != 1,
                        r.tag == null ? 0 : r.tag.intValue()));
            }
        }
        // summary-address: the covered externals become one, at the lowest metric of its components
        for (RoutingProcess.Summary s : rp.summaries) {
            External sum = null;
            for (java.util.Iterator<External> it = want.values().iterator(); it.hasNext(); ) {
                External x = it.next();
                if (Integer.compareUnsigned(x.mask(), s.mask()) < 0 || (x.prefix() & s.mask()) != s.prefix()) continue;
                it.remove();
                if (sum == null || x.metric() < sum.metric()) sum = new External(s.prefix(), s.mask(), x.metric(), x.type2(), x.tag());
            }
            if (sum == null || s.notAdvertise()) continue;
            want.put(Spf.key(s.prefix(), s.mask()), sum);
            discards.put(Spf.key(s.prefix(), s.mask()), new int[] {s.prefix(), Integer.bitCount(s.mask()), sum.metric()});
        }
        RoutingProcess.DefaultInformation d = rp.defaultInformation;
        if (d != null && (d.always() || hasDefault())) {
            want.put(Spf.key(0, 0), new External(0, 0, d.metric() == null ? 1 : d.metric(),
                    d.metricType() == null || d.metricType() != 1, 0));
        }
        return want;
    }

    /** `default-information originate` without `always`: a default route from elsewhere than OSPF. */
    private boolean hasDefault() {
        for (Route<IpInterface> r : ip.rib().routes())
            if (r.isDefault() && !r.source().knownVia.equals("ospf")) return true;
        return false;
    }

    /** The routes a redistribution takes: {prefix, length, metric} each. */
    private List<int[]> sourceRoutes(RoutingProcess.Redistribution r, Map<String, Spec> own) {
        List<int[]> out = new ArrayList<>();
        if (r.source == RoutingProcess.Source.OSPF) {
            OspfInstance other = instances.get(r.id);
            if (other != null) for (OspfRoute x : other.routes()) out.add(new int[] {x.prefix(), x.prefixLength(), x.cost()});
            return out;
        }
        Route.Source want = switch (r.source) {
            case CONNECTED -> Route.Source.CONNECTED;
            case STATIC -> Route.Source.STATIC;
            default -> Route.Source.EIGRP;
        };
        routes:
        for (Route<IpInterface> x : ip.rib().routes()) {
            // EIGRP's internal and external routes alike (`D`, `D EX`)
            if (x.source() != want && !(want == Route.Source.EIGRP && x.source() == Route.Source.EIGRP_EX)) continue;
            // a connected network OSPF runs on is already in the area, not external
            if (want == Route.Source.CONNECTED)
                for (Spec s : own.values()) if ((s.address() & s.mask()) == x.prefix() && s.mask() == x.mask()) continue routes;
            out.add(new int[] {x.prefix(), x.length(), x.metric()});
        }
        return out;
    }

    /** The classful length of an address (A /8, B /16, C /24, else /32). */
    private static int classfulLength(int a) {
        int first = a >>> 24;
        return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
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
    static int cost(IpInterface i, InterfaceConfig ic, long referenceKbps) {
        long bw = ic != null && ic.bandwidth != null ? ic.bandwidth
                : switch (i.kind) {
                    case LOOPBACK -> 8_000_000L;
                    case TUNNEL -> 100L;
                    default -> 1_000_000L;
                };
        return (int) Math.max(1, Math.min(65535, referenceKbps / Math.max(1, bw)));
    }

    private void lineChanged(IpInterface i) {
        if (!instances.isEmpty()) externalsChanged();
        for (Map.Entry<Integer, OspfInstance> e : instances.entrySet()) {
            Map<String, Spec> done = configured.get(e.getKey());
            if (done != null && done.containsKey(i.name.toString())) e.getValue().setInterfaceUp(i.name.toString(), i.lineUp());
        }
    }

    private void transmit(String name, int dst, byte[] pkt) {
        ip.sendOn(ip.get(InterfaceName.parse(name)), Ospf.IP_PROTOCOL, 1, dst, pkt);
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
        learned.put(pid, routes);
        if (config != null && config.routing.values().stream().anyMatch(p -> p.redistribution(RoutingProcess.Source.OSPF, pid) != null))
            externalsChanged();
        publish(pid);
    }

    /**
     * The process's routes into the RIB: what SPF found, and a discard route to Null0 for each
     * active `area range` (ABR) and `summary-address` (ASBR), as IOS installs them (`is a summary`).
     */
    private void publish(int pid) {
        OspfInstance inst = instances.get(pid);
        if (inst == null) return;
        Map<Long, int[]> discard = new TreeMap<>(summaryDiscards.getOrDefault(pid, Map.of())); // {prefix, length, metric}
        inst.activeRanges().forEach((r, cost) -> {
            if (r.advertise()) discard.put(Spf.key(r.prefix(), r.mask()), new int[] {r.prefix(), Integer.bitCount(r.mask()), cost});
        });
        List<Route<IpInterface>> out = new ArrayList<>();
        for (int[] d : discard.values())
            out.add(aged(pid, new Route<>(d[0], d[1], Route.Source.OSPF, 110, d[2], List.of(new Route.Path<>(0, ip.null0(), ip.null0(), 0)))));
        for (OspfRoute r : learned.getOrDefault(pid, List.of())) {
            if (discard.containsKey(Spf.key(r.prefix(), r.mask()))) continue;
            List<Route.Path<IpInterface>> paths = new ArrayList<>();
            for (OspfRoute.NextHop h : r.nextHops()) {
                IpInterface i = ip.get(InterfaceName.parse(h.interfaceName()));
                if (i != null) paths.add(new Route.Path<>(h.address(), null, i, h.address()));
            }
            if (!paths.isEmpty()) out.add(aged(pid, new Route<>(r.prefix(), r.prefixLength(), source(r.type()), 110, r.cost(), List.copyOf(paths))));
        }
        installed.keySet().removeIf(k -> k.get(0) == pid);
        for (Route<IpInterface> nr : out) installed.put(List.of(pid, nr.prefix(), nr.length()), nr);
        ip.setRoutes(key(pid), out);
    }

    /** The route with its age: kept from the installed one when nothing changed. */
    private Route<IpInterface> aged(int pid, Route<IpInterface> nr) {
        Route<IpInterface> old = installed.get(List.of(pid, nr.prefix(), nr.length()));
        long since = old != null && old.source() == nr.source() && old.metric() == nr.metric() && old.paths().equals(nr.paths())
                ? old.since() : scheduler.nanos();
        return new Route<>(nr.prefix(), nr.length(), nr.source(), 110, nr.metric(), nr.paths(), since);
    }

    private static Route.Source source(OspfRoute.Type t) {
        return switch (t) {
            case INTRA_AREA -> Route.Source.OSPF;
            case INTER_AREA -> Route.Source.OSPF_IA;
            case EXTERNAL_1 -> Route.Source.OSPF_E1;
            case EXTERNAL_2 -> Route.Source.OSPF_E2;
            case NSSA_1 -> Route.Source.OSPF_N1;
            case NSSA_2 -> Route.Source.OSPF_N2;
        };
    }


    /** The RIB owner key of one process. */
    private record Owner(int pid) {}

    private static Object key(int pid) { return new Owner(pid); }
}
