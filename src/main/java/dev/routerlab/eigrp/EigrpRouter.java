package dev.routerlab.eigrp;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.KeyChain;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.routing.Route;
import dev.routerlab.sim.Scheduler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One router's EIGRP processes wired to its IPv4 engine (built by the composition, `device.Router`):
 * one {@link EigrpInstance} per `router eigrp AS`, reconciled from the model after each configuration
 * change; protocol 88 in through {@link IpEngine#register} (224.0.0.10 joined), out through
 * {@link IpEngine#sendOn} (TTL 2, precedence 6, from the interface address; an mGRE tunnel replicates
 * the multicast to its NHRP multicast map); routes into the RIB as `D` (90), `D EX` (170) and the
 * summaries' discard routes to Null0 (5); line-protocol changes from {@link IpEngine#onLineChange}.
 */
public final class EigrpRouter {
    private final IpEngine ip;
    private final Scheduler scheduler;
    private final IpEngine.LogSink log;
    /** The running processes by VRF (null: the global table, first), then by AS. */
    private final TreeMap<String, TreeMap<Integer, Process>> byVrf = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    /** Interface handles given to the engines: name → id, and back. */
    private final Map<InterfaceName, Integer> ids = new HashMap<>();
    private final List<InterfaceName> names = new ArrayList<>();
    private RunningConfig config;
    /** `debug eigrp packets` sink, or null. */
    private Consumer<String> packetDebug;
    /** `debug eigrp fsm` sink, or null. */
    private Consumer<String> fsmDebug;
    private int nextPid = 220;

    /** One `router eigrp AS` (or address family in a VRF) at run time. */
    public final class Process {
        private final int as;
        /** The VRF it runs in (null: the global table): its interfaces, its routes' table. */
        private final String vrf;
        private final EigrpInstance instance;
        /** The interfaces given to the engine (by id), as last configured. */
        private final Map<Integer, EigrpInterfaceConfig> configured = new TreeMap<>();
        private final Map<Long, Route<IpInterface>> routes = new LinkedHashMap<>();
        private List<EigrpConfig.Redistributed> redistributed = List.of();
        private boolean installPending;
        /** IOS process ids of the hello and PDM processes (`show ip eigrp traffic`). */
        public final int helloPid;
        public final int pdmPid;
        /** Named mode's `router eigrp NAME` (null: classic `router eigrp AS`). */
        private String virtualInstance;

        private Process(int as, String vrf, EigrpConfig c) {
            this.as = as;
            this.vrf = vrf;
            this.pdmPid = nextPid++;
            this.helloPid = nextPid++;
            this.instance = new EigrpInstance(c, scheduler, (id, dst, pkt) -> transmit(id, dst, pkt), new EigrpRouteListener() {
                @Override public void routeChanged(EigrpRoute r) {
                    routes.put(key(r.prefix(), r.prefixLength()), route(r));
                    install();
                }

                @Override public void routeRemoved(int prefix, int prefixLength) {
                    routes.remove(key(prefix, prefixLength));
                    install();
                }
            }, log::log);
        }

        public int autonomousSystem() { return as; }

        /** The VRF of the process (null: the global table). */
        public String vrf() { return vrf; }

        public String virtualInstance() { return virtualInstance; }

        public EigrpInstance instance() { return instance; }

        /** The routes this process gave the RIB. */
        public Map<Long, Route<IpInterface>> routes() { return Collections.unmodifiableMap(routes); }

        private void install() {
            if (installPending) return;
            installPending = true;
            scheduler.execute(() -> {
                installPending = false;
                if (table(vrf).get(as) == this) ip.setRoutes(this, vrf, List.copyOf(routes.values()));
            });
        }

        private Route<IpInterface> route(EigrpRoute r) {
            List<Route.Path<IpInterface>> paths = new ArrayList<>();
            Route.Source source = r.external() ? Route.Source.EIGRP_EX : Route.Source.EIGRP;
            if (r.nullRoute()) {
                paths.add(new Route.Path<>(0, ip.null0(), ip.null0(), 0));
            } else {
                for (EigrpRoute.NextHop h : r.nextHops()) {
                    IpInterface i = ip.get(names.get(h.ifaceId()));
                    if (i != null) paths.add(new Route.Path<>(h.address(), null, i, h.address()));
                }
            }
            int metric = (int) Math.min(Integer.MAX_VALUE, r.metric());
            Route<IpInterface> old = routes.get(key(r.prefix(), r.prefixLength()));
            long since = old != null && old.source() == source && old.metric() == metric && old.paths().equals(paths)
                    ? old.since() : scheduler.nanos();
            return new Route<>(r.prefix(), r.prefixLength(), source, r.distance(), metric, List.copyOf(paths), since);
        }
    }

    public EigrpRouter(IpEngine ip, Scheduler scheduler, IpEngine.LogSink log) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.log = log;
        ip.register(Eigrp.IP_PROTOCOL, new IpEngine.LocalHandler() {   // not this::receive: see device.Router
            @Override public boolean receive(IpInterface in, byte[] b, int off, int len) { return EigrpRouter.this.receive(in, b, off, len); }
        });
        ip.onLineChange(new java.util.function.Consumer<IpEngine.LineChange>() {
            @Override public void accept(IpEngine.LineChange c) { if (config != null) reconcile(config); }
        });
    }

    /** The global table's running processes by AS (shows read them). */
    public Map<Integer, Process> processes() { return processes(null); }

    /** The running processes of a VRF (null: the global table) by AS. */
    public Map<Integer, Process> processes(String vrf) { return Collections.unmodifiableMap(table(vrf)); }

    /** Every running process: the global table's first, then each VRF's by name, by AS within. */
    public List<Process> all() {
        List<Process> out = new ArrayList<>();
        for (TreeMap<Integer, Process> t : byVrf.values()) out.addAll(t.values());
        return out;
    }

    private TreeMap<Integer, Process> table(String vrf) {
        TreeMap<Integer, Process> t = byVrf.get(vrf);
        return t != null ? t : EMPTY;
    }

    private static final TreeMap<Integer, Process> EMPTY = new TreeMap<>();

    /** `debug eigrp fsm`: DUAL's events of every process, to sink (null: off). */
    public void fsmDebug(Consumer<String> sink) {
        fsmDebug = sink;
        for (Process p : all()) p.instance.fsmDebug(sink);
    }

    /** `debug eigrp packets`: one line per packet sent and received, to sink (null: off). */
    public void packetDebug(Consumer<String> sink) { packetDebug = sink; }

    public boolean packetDebug() { return packetDebug != null; }

    /** Brings the processes in line with the model (after the IP engine's own reconciliation). */
    public void reconcile(RunningConfig cfg) {
        config = cfg;
        List<Process> wanted = new ArrayList<>();
        for (RoutingProcess rp : cfg.routing.values()) {
            if (rp.key.protocol() != RoutingProcess.Protocol.EIGRP) continue;
            int as = rp.key.id();
            if (as == 0) continue;      // classic `address-family ipv4 vrf NAME` without its `autonomous-system` yet: not run (IOS)
            String vrf = rp.key.vrf();
            if (vrf != null && !cfg.vrfs.containsKey(vrf)) continue;
            // the router-id IOS picks for a process in a VRF comes from that VRF's interfaces
            int rid = rp.routerId != null && rp.routerId != 0 ? rp.routerId : vrf == null ? ip.routerIdCandidate() : ip.routerIdCandidate(vrf);
            Process p = table(vrf).get(as);
            if (p == null && rid == 0) continue;
            EigrpConfig want = processConfig(as, p == null ? rid : routerIdOf(p, rp, rid), rp);
            if (p == null) {
                p = new Process(as, vrf, want);
                p.instance.fsmDebug(fsmDebug);
                byVrf.computeIfAbsent(vrf, k -> new TreeMap<>()).put(as, p);
            } else if (!p.instance.config().equals(want)) {
                p.instance.configure(want);
            }
            wanted.add(p);
            p.virtualInstance = rp.eigrp.virtualInstance;
            interfaces(p, rp, cfg);
            redistribute(p, rp);
        }
        for (Process p : all()) if (!wanted.contains(p)) stop(p);
        if (byVrf.isEmpty()) ip.leaveGroup(Eigrp.MULTICAST_GROUP);
        else ip.joinGroup(Eigrp.MULTICAST_GROUP);
    }

    /** IOS keeps the router-id it picked until `eigrp router-id` says otherwise. */
    private static int routerIdOf(Process p, RoutingProcess rp, int candidate) {
        return rp.routerId != null && rp.routerId != 0 ? rp.routerId : p.instance.config().routerId() != 0 ? p.instance.config().routerId() : candidate;
    }

    private static EigrpConfig processConfig(int as, int rid, RoutingProcess rp) {
        EigrpConfig c = EigrpConfig.defaults(as, rid);
        RoutingProcess.Eigrp e = rp.eigrp;
        if (e.metricWeights != null) {
            List<Integer> k = e.metricWeights;
            c = c.withK(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4));
        }
        if (e.variance != null) c = c.withVariance(e.variance);
        if (rp.maximumPaths != null) c = c.withMaximumPaths(rp.maximumPaths);
        if (e.stubFlags != null) c = c.withStub(e.stubFlags);
        if (e.virtualInstance != null) c = c.withWide(e.ribScale == null ? EigrpConfig.DEFAULT_RIB_SCALE : e.ribScale);
        return c;
    }

    private void stop(Process p) {
        TreeMap<Integer, Process> t = byVrf.get(p.vrf);
        t.remove(p.as);
        if (t.isEmpty()) byVrf.remove(p.vrf);
        p.instance.shutdown();
        ip.setRoutes(p, p.vrf, List.of());
    }

    /** Power-on: every process stops. */
    public void reset() {
        for (Process p : all()) {
            p.instance.shutdown();
            ip.dropRoutes(p);
        }
        byVrf.clear();
        config = null;
        packetDebug = null;
        fsmDebug = null;
    }

    private int id(InterfaceName n) {
        return ids.computeIfAbsent(n, k -> {
            names.add(k);
            return names.size() - 1;
        });
    }

    /** The interfaces a `network` statement covers, up and addressed, with their EIGRP settings. */
    private void interfaces(Process p, RoutingProcess rp, RunningConfig cfg) {
        Map<Integer, EigrpInterfaceConfig> want = new TreeMap<>();
        for (IpInterface i : ip.interfaces()) {
            // a process runs on the interfaces of its VRF only
            if (!i.hasAddress() || !i.lineUp() || !java.util.Objects.equals(i.vrf(), p.vrf) || !covered(rp, i.address())) continue;
            EigrpInterfaceConfig c = interfaceConfig(p.as, rp, i, cfg);
            want.put(c.id(), c);
        }
        for (Integer id : new ArrayList<>(p.configured.keySet())) {
            if (want.containsKey(id)) continue;
            p.configured.remove(id);
            p.instance.removeInterface(id, "interface down");
        }
        for (EigrpInterfaceConfig c : want.values()) {
            EigrpInterfaceConfig old = p.configured.get(c.id());
            if (old != null && same(old, c)) continue;
            p.configured.put(c.id(), c);
            p.instance.addInterface(c);
        }
    }

    private EigrpInterfaceConfig interfaceConfig(int as, RoutingProcess rp, IpInterface i, RunningConfig cfg) {
        InterfaceConfig ic = cfg.interfaces.get(i.name);
        InterfaceConfig.EigrpInterface e = settings(rp, ic, i.name);
        long bw = ic != null && ic.bandwidth != null ? ic.bandwidth : defaultBandwidth(i);
        long delay = ic != null && ic.delay != null ? ic.delay : defaultDelay(i);
        int hello = e != null && e.hello != null ? e.hello : 5;
        int hold = e != null && e.hold != null ? e.hold : 15;
        List<EigrpInterfaceConfig.Summary> sums = new ArrayList<>();
        if (e != null) for (InterfaceConfig.Ipv4Prefix s : e.summaries) sums.add(new EigrpInterfaceConfig.Summary(s.address(), Integer.bitCount(s.mask())));
        // RFC 7868 section 5.6.2.2 as IOS does it: faster than 1 Gbit/s and no `delay`, 10^13 / bandwidth picoseconds
        long picos = bw > 1_000_000L && (ic == null || ic.delay == null) ? 10_000_000_000_000L / bw : delay * 10_000_000L;
        EigrpInterfaceConfig c = new EigrpInterfaceConfig(id(i.name), i.name.toString(), i.address(), Integer.bitCount(i.mask()),
                bw, delay, picos, i.ipMtu(), hello, hold, e == null || !e.noSplitHorizon, e == null || !e.noNextHopSelf,
                rp.passiveDefault != rp.passive.contains(i.name), sums, 0, null);
        if (e != null && e.md5 && e.keyChain != null) {
            KeyChain chain = cfg.keyChains.get(e.keyChain);
            KeyChain.Key k = chain == null ? null : chain.sendKey();
            if (k != null) c = c.withMd5(k.id, k.keyString.clear().getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    /**
     * An interface's EIGRP settings for a process (null: none): classic mode's `ip ... eigrp AS` on
     * the interface; named mode's `af-interface X` over `af-interface default` (X's value where it sets one).
     */
    public static InterfaceConfig.EigrpInterface settings(RoutingProcess rp, InterfaceConfig ic, InterfaceName n) {
        RoutingProcess.Eigrp e = rp.eigrp;
        if (e.virtualInstance == null) return ic == null ? null : ic.eigrp.get(rp.key.id());
        InterfaceConfig.EigrpInterface own = e.afInterfaces.get(n), d = e.afDefault;
        if (own == null) return d;
        InterfaceConfig.EigrpInterface m = new InterfaceConfig.EigrpInterface();
        m.hello = own.hello != null ? own.hello : d.hello;
        m.hold = own.hold != null ? own.hold : d.hold;
        m.noSplitHorizon = own.noSplitHorizon || d.noSplitHorizon;
        m.noNextHopSelf = own.noNextHopSelf || d.noNextHopSelf;
        m.md5 = own.md5 || d.md5;
        m.keyChain = own.keyChain != null ? own.keyChain : d.keyChain;
        m.summaries.addAll(own.summaries);
        return m;
    }

    /** IOSv defaults: GigabitEthernet 1 Gbit/s and 10 us, loopback 8 Gbit/s and 5 ms, tunnel 100 kbit/s and 50 ms. */
    static long defaultBandwidth(IpInterface i) {
        return switch (i.kind) {
            case LOOPBACK -> 8_000_000L;
            case TUNNEL -> 100L;
            default -> 1_000_000L;
        };
    }

    /** Delay in tens of microseconds (see {@link #defaultBandwidth}). */
    static long defaultDelay(IpInterface i) {
        return switch (i.kind) {
            case LOOPBACK -> 500L;
            case TUNNEL -> 5000L;
            default -> 1L;
        };
    }

    private static boolean same(EigrpInterfaceConfig a, EigrpInterfaceConfig b) {
        return a.withMd5(0, null).equals(b.withMd5(0, null)) && a.md5KeyId() == b.md5KeyId() && Arrays.equals(a.md5Key(), b.md5Key());
    }

    /** EIGRP `network A [W]`: the wildcard's bits ignored, or the classful network without one. */
    static boolean covered(RoutingProcess rp, int address) {
        for (RoutingProcess.Network n : rp.networks) {
            int wild = n.wildcard() != null ? n.wildcard() : ~classfulMask(n.address());
            if ((address & ~wild) == (n.address() & ~wild)) return true;
        }
        return false;
    }

    private static int classfulMask(int a) {
        int first = a >>> 24;
        if (first < 128) return 0xff000000;
        if (first < 192) return 0xffff0000;
        return 0xffffff00;
    }

    /** `redistribute connected|static [metric BW DELAY REL LOAD MTU]`: the selected routes, as external routes. */
    private void redistribute(Process p, RoutingProcess rp) {
        List<EigrpConfig.Redistributed> list = new ArrayList<>();
        for (RoutingProcess.Redistribution e : rp.redistribute) {
            if (e.source != RoutingProcess.Source.CONNECTED && e.source != RoutingProcess.Source.STATIC) continue;
            boolean connected = e.source == RoutingProcess.Source.CONNECTED;
            for (Route<IpInterface> r : ip.rib(p.vrf).routes()) {
                if (r.source() != (connected ? Route.Source.CONNECTED : Route.Source.STATIC)) continue;
                IpInterface out = r.paths().get(0).out();
                if (out == null || connected && covered(rp, r.prefix())) continue;
                RoutingProcess.EigrpMetric m = e.eigrpMetric;
                if (m != null) {
                    list.add(new EigrpConfig.Redistributed(r.prefix(), r.length(), connected ? EigrpConfig.Redistributed.PROTO_CONNECTED
                            : EigrpConfig.Redistributed.PROTO_STATIC, Math.max(1, m.bandwidth()), m.delay(), m.reliability(),
                            m.load(), m.mtu()));
                } else {
                    InterfaceConfig ic = config.interfaces.get(out.name);
                    long bw = ic != null && ic.bandwidth != null ? ic.bandwidth : defaultBandwidth(out);
                    long delay = ic != null && ic.delay != null ? ic.delay : defaultDelay(out);
                    list.add(new EigrpConfig.Redistributed(r.prefix(), r.length(), connected ? EigrpConfig.Redistributed.PROTO_CONNECTED
                            : EigrpConfig.Redistributed.PROTO_STATIC, bw, delay, 255, 1, out.ipMtu()));
                }
            }
        }
        if (list.equals(p.redistributed)) return;
        p.redistributed = List.copyOf(list);
        p.instance.setRedistributed(list);
    }

    // ------------------------------------------------------------------ packets

    private void transmit(int id, int dst, byte[] pkt) {
        IpInterface out = ip.get(names.get(id));
        if (out == null || !out.hasAddress()) return;
        if (packetDebug != null) packetDebug.accept(describe("Sending", pkt, out, dst == Eigrp.MULTICAST_GROUP ? 0 : dst));
        ip.sendOn(out, Eigrp.IP_PROTOCOL, 2, dst, pkt);
    }

    private boolean receive(IpInterface in, byte[] b, int off, int len) {
        int dst = Ipv4.destination(b, off);
        Integer id = in == null ? null : ids.get(in.name);
        if (id == null || byVrf.isEmpty()) return Ipv4Address.isMulticast(dst);
        int hl = Ipv4.headerLength(b, off);
        byte[] payload = Arrays.copyOfRange(b, off + hl, off + len);
        int src = Ipv4.source(b, off);
        if (packetDebug != null && payload.length >= Eigrp.HEADER_LEN) packetDebug.accept(describe("Received", payload, in, src));
        boolean taken = false;
        for (TreeMap<Integer, Process> t : byVrf.values()) {
            for (Process p : t.values()) {
                if (!p.configured.containsKey(id)) continue;
                p.instance.receive(id, src, payload);
                taken = true;
            }
        }
        return taken || Ipv4Address.isMulticast(dst);
    }

    /** `debug eigrp packets`, as IOS words it: `EIGRP: Sending HELLO on Tunnel0` + the header line. */
    private static String describe(String verb, byte[] pkt, IpInterface i, int nbr) {
        if (pkt.length < Eigrp.HEADER_LEN) return "EIGRP: " + verb + " packet on " + i.name + " - paklen " + pkt.length;
        int op = Eigrp.opcode(pkt, 0);
        long seq = Eigrp.sequence(pkt, 0), ack = Eigrp.ack(pkt, 0);
        String name = op == Eigrp.OP_HELLO && ack != 0 && pkt.length == Eigrp.HEADER_LEN ? "ACK" : Eigrp.opcodeName(op);
        int flags = Eigrp.flags(pkt, 0);
        StringBuilder f = new StringBuilder();
        if ((flags & Eigrp.FLAG_INIT) != 0) f.append("INIT");
        if ((flags & Eigrp.FLAG_CR) != 0) f.append(f.isEmpty() ? "" : ", ").append("CR");
        if ((flags & Eigrp.FLAG_EOT) != 0) f.append(f.isEmpty() ? "" : ", ").append("EOT");
        return "EIGRP: " + verb + " " + name + " on " + i.name + (nbr == 0 ? " - paklen " + (pkt.length - Eigrp.HEADER_LEN)
                : " nbr " + Ipv4Address.toString(nbr)) + "\n  AS " + Eigrp.autonomousSystem(pkt, 0) + ", Flags 0x"
                + Integer.toHexString(flags) + ":(" + (f.isEmpty() ? "NULL" : f) + "), Seq " + seq + "/" + ack;
    }

    private static long key(int prefix, int len) { return (prefix & 0xffffffffL) << 6 | len; }
}
