package dev.routerlab.eigrp;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.packet.eigrp.EigrpTlv;
import dev.routerlab.sim.Scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One EIGRP process (one autonomous system) as IOS runs it, RFC 7868: neighbour discovery with
 * hellos and hold timers, the reliable transport (RTP), DUAL, the classic composite metric, split
 * horizon, next-hop-self, summaries with their Null0 route, stub routers, variance, and
 * redistributed external routes.
 *
 * <p>No I/O and no threads: packets come in through {@link #receive} and go out through
 * {@link EigrpIo}; timers run on the injected {@link Scheduler}; routes go to an
 * {@link EigrpRouteListener}; log lines (IOS texts) to a sink. Everything runs on the
 * scheduler's thread.
 */
public final class EigrpInstance {
    static final long SECOND = 1_000_000_000L;
    static final long MILLI = 1_000_000L;
    /**
     * Infinite composite metric, in both modes: a classic composite of 2^32-1 or more (RFC 7868
     * section 6, classic metric) and a 64-bit wide one that overflows (section 5.6.2) both become it.
     */
    public static final long INFINITY = Long.MAX_VALUE;
    /** The classic composite's ceiling, what IOS prints for an unreachable metric. */
    static final long CLASSIC_INFINITY = 0xffffffffL;
    /** RFC 7868 section 5.6.2: EIGRP_BANDWIDTH, EIGRP_WIDE_SCALE, EIGRP_DELAY_PICO. */
    static final long WIDE_BANDWIDTH = 10_000_000L, WIDE_SCALE = 65_536L, DELAY_PICO = 1_000_000L;
    /** RFC 7868 section 4 / IOS: a neighbour whose packet is retransmitted this many times is reset. */
    public static final int RETRY_LIMIT = 16;
    /** IOS RTO bounds, milliseconds; RTO = 6 * SRTT within them, 5000 before the first sample. */
    static final int RTO_MIN_MS = 200;
    static final int RTO_MAX_MS = 5000;
    /** IOS `metric maximum-hops` default. */
    static final int MAX_HOPS = 100;
    /** Bound of one neighbour's retransmission queue, packets. */
    static final int MAX_QUEUE = 4096;
    /** Route TLVs per Update/Query/Reply packet (about 1,400 bytes with /24s). */
    static final int ROUTES_PER_PACKET = 50;
    /** Stuck-in-active: SIA-Query after half the active time, at most this many per neighbour and route. */
    static final int MAX_SIA_QUERIES = 3;
    /** IOS distances. */
    public static final int DISTANCE_INTERNAL = 90;
    public static final int DISTANCE_EXTERNAL = 170;
    public static final int DISTANCE_SUMMARY = 5;

    private final Scheduler scheduler;
    private final EigrpIo io;
    private final EigrpRouteListener routes;
    private final Consumer<String> log;
    /** `debug eigrp fsm`: DUAL's events as IOS words them, or null. */
    private Consumer<String> fsmDebug;
    private EigrpConfig config;
    private final TreeMap<Integer, Iface> ifaces = new TreeMap<>();
    private final TreeMap<Long, Dest> topology = new TreeMap<>();
    private final Map<Object, EigrpConfig.Redistributed> redistributed = new LinkedHashMap<>();
    private final Counters counters = new Counters();
    private long nextSequence = 1;
    // work collected during one event and sent together
    private final Set<Long> dirty = new LinkedHashSet<>();
    /** Destinations holding a summary's local entry. */
    private final Set<Long> summaryDests = new LinkedHashSet<>();
    private final Set<Long> newlyActive = new LinkedHashSet<>();
    private final Map<Neighbor, Map<Long, EigrpTlv>> pendingReplies = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean shutdown;

    public EigrpInstance(EigrpConfig config, Scheduler scheduler, EigrpIo io, EigrpRouteListener routes,
                         Consumer<String> log) {
        this.config = config;
        this.scheduler = scheduler;
        this.io = io;
        this.routes = routes != null ? routes : new EigrpRouteListener() {
            @Override public void routeChanged(EigrpRoute route) {}

            @Override public void routeRemoved(int prefix, int prefixLength) {}
        };
        this.log = log == null ? s -> {} : log;
    }

    // ================================================================ state

    /** An interface EIGRP runs on. */
    private final class Iface {
        EigrpInterfaceConfig cfg;
        final List<Neighbor> neighbors = new ArrayList<>();
        final Map<Integer, Neighbor> byAddress = new java.util.HashMap<>();
        /** Destinations last advertised reachable out of this interface (to poison them when that changes). */
        final Set<Long> advertised = new HashSet<>();
        Scheduler.Timer helloTimer;
        /** `show ip eigrp interfaces detail` counters. */
        long hellosSent, reliableMcasts, unreliableMcasts, reliableUcasts, unreliableUcasts, retransmissions, crPackets, packetized;

        Iface(EigrpInterfaceConfig cfg) { this.cfg = cfg; }

        long bandwidthScaled() { return Math.max(1, 10_000_000L / cfg.bandwidthKbps()) * 256L; }

        long delayScaled() { return Math.min(Eigrp.DELAY_INFINITY - 1, cfg.delayTensOfMicros() * 256L); }

        int network() { return cfg.address() & Eigrp.mask(cfg.prefixLength()); }

        boolean onLink(int a) { return (a & Eigrp.mask(cfg.prefixLength())) == network(); }

        Neighbor neighbor(int address) { return byAddress.get(address); }
    }

    /** A neighbour and its RTP state (RFC 7868 section 4). */
    private final class Neighbor {
        final Iface iface;
        final int address;
        final long upSince;
        /** The `H` column: the lowest handle free when the neighbour came up. */
        final int handle;
        int holdSeconds = 15;
        Scheduler.Timer holdTimer;
        long holdDeadline;
        long lastUpdate;
        long retransTotal;
        /** The peer's Software Version TLV (IOS release, EIGRP TLV version), or null. */
        EigrpTlv.SoftwareVersion version;
        boolean initReceived;
        boolean initAcked;
        boolean up;
        int stubFlags;
        long lastSequenceReceived;
        /** Conditional receive: accept the CR packet with this sequence (-1: none, ignore CR packets). */
        long crAccept = -1;
        final ArrayDeque<Reliable> queue = new ArrayDeque<>();
        Scheduler.Timer rtoTimer;
        long sentAt;
        boolean retransmitted;
        int retries;
        long srttMs;
        boolean gone;

        Neighbor(Iface iface, int address) {
            this.iface = iface;
            this.address = address;
            this.upSince = scheduler.nanos();
            this.handle = freeHandle();
        }

        long rtoMs() { return srttMs == 0 ? RTO_MAX_MS : Math.max(RTO_MIN_MS, Math.min(RTO_MAX_MS, 6 * srttMs)); }
    }

    private int freeHandle() {
        Set<Integer> used = new HashSet<>();
        for (Iface i : ifaces.values()) for (Neighbor n : i.neighbors) used.add(n.handle);
        int h = 0;
        while (used.contains(h)) h++;
        return h;
    }

    /** A reliable packet waiting for acknowledgements. */
    private record Reliable(int opcode, int flags, long sequence, List<EigrpTlv> tlvs) {}

    /** What a path through one source costs. */
    private enum Kind { CONNECTED, REDISTRIBUTED, SUMMARY, LEARNED }

    /** One path to a destination (a row of `show ip eigrp topology all-links`). */
    private static final class Entry {
        final Kind kind;
        final Neighbor from;          // LEARNED only
        final Iface iface;            // CONNECTED / LEARNED
        EigrpTlv.Metric total;        // the metric through this path, as we would advertise it
        EigrpTlv.Metric heard;        // what the neighbour reported (LEARNED), kept to recompute on link changes
        long distance;                // composite metric through this path
        long reported;                // the neighbour's reported distance (0 for local sources)
        int nextHop;                  // forwarding address (LEARNED)
        EigrpTlv.ExternalRoute ext;   // external data when external

        Entry(Kind kind, Neighbor from, Iface iface) {
            this.kind = kind;
            this.from = from;
            this.iface = iface;
        }

        boolean external() { return ext != null; }
    }

    /** One destination and its DUAL state (RFC 7868 section 3). */
    private static final class Dest {
        final int prefix;
        final int prefixLength;
        final Map<Object, Entry> entries = new LinkedHashMap<>();
        long fd = INFINITY;
        final List<Entry> successors = new ArrayList<>();
        boolean active;
        /** Neighbours owed a Reply when this computation ends (query origin: a neighbour); empty = local origin. */
        final Set<Neighbor> replyOwed = new LinkedHashSet<>();
        /** Neighbours whose Reply is awaited, with their SIA-Query count (negative: SIA-Reply outstanding). */
        final Map<Neighbor, int[]> replyPending = new LinkedHashMap<>();
        Scheduler.Timer siaTimer;
        EigrpRoute installed;

        Dest(int prefix, int prefixLength) {
            this.prefix = prefix;
            this.prefixLength = prefixLength;
        }

        long best() { return successors.isEmpty() ? INFINITY : successors.get(0).distance; }
    }

    /** Packet counters (`show ip eigrp traffic`) and drops. */
    public static final class Counters {
        public long hellosSent, hellosReceived, updatesSent, updatesReceived, queriesSent, queriesReceived;
        public long repliesSent, repliesReceived, acksSent, acksReceived, siaQueriesSent, siaQueriesReceived;
        public long siaRepliesSent, siaRepliesReceived, retransmissions;
        public long badPackets, asMismatch, kMismatch, authFailures, notOnCommonSubnet, unknownNeighbor;
        public long crIgnored, duplicates;
    }

    private static long key(int prefix, int len) { return (prefix & 0xffffffffL) << 6 | len; }

    private long now() { return scheduler.nanos(); }

    // ================================================================ configuration

    /** Adds or reconfigures an interface (covered by a `network` statement, line protocol up). */
    public void addInterface(EigrpInterfaceConfig c) {
        Iface i = ifaces.get(c.id());
        if (i != null) {
            boolean passiveChanged = i.cfg.passive() != c.passive();
            boolean addrChanged = i.cfg.address() != c.address() || i.cfg.prefixLength() != c.prefixLength();
            if (passiveChanged || addrChanged) {
                removeInterface(c.id(), "interface passive");
                addInterface(c);
                return;
            }
            boolean metricChanged = i.cfg.bandwidthKbps() != c.bandwidthKbps() || i.cfg.delayPicos() != c.delayPicos()
                    || i.cfg.delayTensOfMicros() != c.delayTensOfMicros() || i.cfg.mtu() != c.mtu();
            // IOS resyncs rather than resets the neighbours when a summary comes or goes (both logged "summary configured")
            if (!i.cfg.summaries().equals(c.summaries())) for (Neighbor n : i.neighbors) logNeighbor(n.address, i, "resync", "summary configured");
            i.cfg = c;
            refreshConnected(i);
            if (metricChanged) {
                // `bandwidth` / `delay` changed: paths through this interface cost something else now
                for (Dest d : new ArrayList<>(topology.values())) {
                    boolean through = false;
                    for (Entry e : d.entries.values()) if (e.iface == i && e.kind == Kind.LEARNED) through = true;
                    if (through) {
                        recomputeDistances(d);
                        evaluate(d, null, false);
                    }
                }
            }
            for (Dest d : topology.values()) dirty.add(key(d.prefix, d.prefixLength));
            scheduleFlush();
            return;
        }
        i = new Iface(c);
        ifaces.put(c.id(), i);
        refreshConnected(i);
        if (!c.passive()) sendHello(i);
        scheduleFlush();
    }

    /** The interface went down or left EIGRP: its neighbours go down ("interface down"), its subnet is withdrawn. */
    public void removeInterface(int id, String reason) {
        Iface i = ifaces.get(id);
        if (i == null) return;
        // Goodbye (RFC 7868 section 6, Parameter TLV with all K values 255): the neighbours need not wait for the hold time
        if (!i.cfg.passive() && !i.neighbors.isEmpty()) sendGoodbye(i);
        ifaces.remove(id);
        if (i.helloTimer != null) i.helloTimer.cancel();
        for (Neighbor n : new ArrayList<>(i.neighbors)) neighborDown(n, reason == null ? "interface down" : reason);
        Dest d = topology.get(key(i.network(), i.cfg.prefixLength()));
        if (d != null) {
            d.entries.remove(i);
            evaluate(d, null, false);
        }
        scheduleFlush();
    }

    /** Changes the process configuration (K values reset all neighbours, as on IOS). */
    public void configure(EigrpConfig c) {
        EigrpConfig old = config;
        config = c;
        boolean kChanged = old.k1() != c.k1() || old.k2() != c.k2() || old.k3() != c.k3() || old.k4() != c.k4()
                || old.k5() != c.k5() || old.wide() != c.wide();   // a metric in other units: heard metrics no longer count
        if (kChanged || old.stubFlags() != c.stubFlags()) {
            for (Iface i : ifaces.values()) {
                for (Neighbor n : new ArrayList<>(i.neighbors)) neighborDown(n, kChanged ? "metric changed" : "stub configuration changed");
            }
        }
        for (Iface i : ifaces.values()) refreshConnected(i);
        for (Dest d : new ArrayList<>(topology.values())) {
            recomputeDistances(d);
            evaluate(d, null, false);
            dirty.add(key(d.prefix, d.prefixLength));
        }
        scheduleFlush();
    }

    /** The routes to redistribute (connected and static routes the router selected); replaces the previous set. */
    public void setRedistributed(List<EigrpConfig.Redistributed> list) {
        Set<Long> touched = new LinkedHashSet<>();
        for (EigrpConfig.Redistributed r : redistributed.values()) touched.add(key(r.prefix(), r.prefixLength()));
        redistributed.clear();
        for (EigrpConfig.Redistributed r : list) {
            int p = r.prefix() & Eigrp.mask(r.prefixLength());
            redistributed.put(key(p, r.prefixLength()), r);
            touched.add(key(p, r.prefixLength()));
        }
        for (long k : touched) {
            EigrpConfig.Redistributed r = redistributed.get(k);
            Dest d = r != null ? dest((int) (k >>> 6), (int) (k & 63)) : topology.get(k);
            if (d == null) continue;
            if (r == null) {
                d.entries.remove(Kind.REDISTRIBUTED);
            } else {
                Entry e = new Entry(Kind.REDISTRIBUTED, null, null);
                e.total = pathMetric(Math.max(1, r.bandwidthKbps()), r.delayTensOfMicros(), r.delayTensOfMicros() * 10_000_000L,
                        r.mtu(), r.reliability(), r.load());
                e.distance = composite(e.total);
                e.reported = 0;
                e.ext = new EigrpTlv.ExternalRoute(0, config.routerId(), config.autonomousSystem(), 0, 0, r.protocolId(), 0,
                        e.total, d.prefix, d.prefixLength);
                d.entries.put(Kind.REDISTRIBUTED, e);
            }
            evaluate(d, null, false);
        }
        scheduleFlush();
    }

    /** Sends Goodbye (all K values 255) on every interface and forgets every neighbour (`no router eigrp`). */
    public void shutdown() {
        for (Iface i : ifaces.values()) {
            if (!i.cfg.passive()) sendGoodbye(i);
            if (i.helloTimer != null) i.helloTimer.cancel();
            for (Neighbor n : new ArrayList<>(i.neighbors)) dropNeighbor(n);
        }
        ifaces.clear();
        for (Dest d : topology.values()) {
            if (d.siaTimer != null) d.siaTimer.cancel();
            if (d.installed != null) routes.routeRemoved(d.prefix, d.prefixLength);
        }
        topology.clear();
        summaryDests.clear();
        shutdown = true;
    }

    private void sendGoodbye(Iface i) {
        counters.hellosSent++;
        send(i, Eigrp.MULTICAST_GROUP, Eigrp.OP_HELLO, 0, 0, 0,
                List.of(new EigrpTlv.Parameter(255, 255, 255, 255, 255, 255, i.cfg.holdSeconds())));
    }

    private void refreshConnected(Iface i) {
        Dest d = dest(i.network(), i.cfg.prefixLength());
        Entry e = new Entry(Kind.CONNECTED, null, i);
        e.total = pathMetric(i.cfg.bandwidthKbps(), i.cfg.delayTensOfMicros(), i.cfg.delayPicos(), i.cfg.mtu(), 255, 1);
        e.distance = composite(e.total);
        e.reported = 0;
        d.entries.put(i, e);
        evaluate(d, null, false);
    }

    private Dest dest(int prefix, int len) {
        return topology.computeIfAbsent(key(prefix, len), k -> new Dest(prefix, len));
    }

    // ================================================================ metric (RFC 7868 section 5, classic composite)

    /**
     * The classic composite metric (RFC 7868 section 5, metric calculation) over wire values that
     * are already scaled by 256: K1*BW + K2*BW/(256-load) + K3*delay, times K5/(reliability+K4)
     * when K5 is not 0. With the defaults: 256 * (10^7/min-bandwidth + sum of delays in 10 us).
     */
    long composite(EigrpTlv.Metric m) {
        if (unreachable(m) || m.hopCount() > MAX_HOPS) return INFINITY;
        if (config.wide()) return wideComposite(m);
        long bw = m.bandwidth();
        long metric = config.k1() * bw + (config.k2() * bw) / Math.max(1, 256 - m.load()) + config.k3() * m.delay();
        if (config.k5() != 0) metric = metric * config.k5() / Math.max(1, m.reliability() + config.k4());
        return metric >= CLASSIC_INFINITY ? INFINITY : metric;
    }

    /**
     * The wide composite (RFC 7868 section 5.6.2) over a metric in wide units (delay in ps, bandwidth
     * in kbit/s): Throughput = 10^7 * 65536 / min-bandwidth, Latency = delay * 65536 / 10^6;
     * K1*Throughput + K2*Throughput/(256-load) + K3*Latency, times K5/(K4+reliability) when K5 is not 0.
     */
    private long wideComposite(EigrpTlv.Metric m) {
        long throughput = WIDE_BANDWIDTH * WIDE_SCALE / Math.max(1, m.bandwidth());
        long latency = m.delay() / DELAY_PICO * WIDE_SCALE + m.delay() % DELAY_PICO * WIDE_SCALE / DELAY_PICO;
        // K <= 255, throughput < 2^40, latency < 2^45: no overflow
        long metric = config.k1() * throughput + config.k2() * throughput / Math.max(1, 256 - m.load()) + config.k3() * latency;
        if (config.k5() != 0) metric = metric * config.k5() / Math.max(1, m.reliability() + config.k4());
        return metric;
    }

    /** The composite as the RIB takes it: wide metrics divided by `metric rib-scale`, at most 2^32-1 (IOS). */
    long ribMetric(long composite) {
        return config.wide() ? Math.min(CLASSIC_INFINITY, composite / config.ribScale()) : composite;
    }

    /** The delay that means unreachable in this mode's units (RFC 7868 section 6: classic 2^32-1, wide 2^48-1). */
    private long delayInfinity() { return config.wide() ? Eigrp.WIDE_INFINITY : Eigrp.DELAY_INFINITY; }

    private boolean unreachable(EigrpTlv.Metric m) { return m.delay() >= delayInfinity(); }

    /**
     * A metric in this mode's units: classic, the wire's scaled values (delay in 10 us * 256, bandwidth
     * 256 * 10^7 / kbit/s); wide, delay in picoseconds and bandwidth in kbit/s (RFC 7868 section 6.9.2).
     */
    private EigrpTlv.Metric pathMetric(long kbps, long tensOfMicros, long picos, int mtu, int reliability, int load) {
        return config.wide()
                ? new EigrpTlv.Metric(Math.min(Eigrp.WIDE_INFINITY - 1, picos), kbps, mtu, 0, reliability, load, 0, 0)
                : new EigrpTlv.Metric(Math.min(Eigrp.DELAY_INFINITY - 1, tensOfMicros * 256L),
                        Math.max(1, 10_000_000L / kbps) * 256L, mtu, 0, reliability, load, 0, 0);
    }

    /** The metric of a path through a neighbour on i that reported m: our link added (RFC 7868 section 5). */
    private EigrpTlv.Metric addLink(EigrpTlv.Metric m, Iface i) {
        if (unreachable(m)) return m;
        long delay = Math.min(delayInfinity() - 1, m.delay() + (config.wide() ? i.cfg.delayPicos() : i.delayScaled()));
        long bw = config.wide() ? Math.min(m.bandwidth(), i.cfg.bandwidthKbps()) : Math.max(m.bandwidth(), i.bandwidthScaled());
        return new EigrpTlv.Metric(delay, bw, Math.min(m.mtu(), i.cfg.mtu()), Math.min(255, m.hopCount() + 1),
                Math.min(m.reliability(), 255), Math.max(m.load(), 1), m.internalTag(), m.flags());
    }

    private EigrpTlv.Metric unreachable() {
        return new EigrpTlv.Metric(delayInfinity(), 0, 0, 0, 0, 0, 0, 0);
    }

    // ================================================================ wire units (RFC 7868 section 6.9: classic and wide TLVs)

    /** A route TLV as heard, in this mode's units: wide TLVs into classic units and classic ones into wide units when they differ. */
    private EigrpTlv fromWire(EigrpTlv t) {
        if (t instanceof EigrpTlv.WideInternalRoute w) {
            return new EigrpTlv.InternalRoute(w.nextHop(), config.wide() ? w.metric() : toClassic(w.metric()), w.prefix(), w.prefixLength());
        }
        if (t instanceof EigrpTlv.WideExternalRoute w) {
            return new EigrpTlv.ExternalRoute(w.nextHop(), w.originatingRouter(), w.originatingAs(), w.tag(), w.externalMetric(),
                    w.protocolId(), w.externalFlags(), config.wide() ? w.metric() : toClassic(w.metric()), w.prefix(), w.prefixLength());
        }
        if (!config.wide()) return t;
        if (t instanceof EigrpTlv.InternalRoute r) return new EigrpTlv.InternalRoute(r.nextHop(), toWide(r.metric()), r.prefix(), r.prefixLength());
        if (t instanceof EigrpTlv.ExternalRoute r) {
            return new EigrpTlv.ExternalRoute(r.nextHop(), r.originatingRouter(), r.originatingAs(), r.tag(), r.externalMetric(),
                    r.protocolId(), r.externalFlags(), toWide(r.metric()), r.prefix(), r.prefixLength());
        }
        return t;
    }

    /**
     * Route TLVs as sent out of i: classic mode as they are; wide mode as TLV 2.0 routes, or as classic
     * routes with the metric scaled down when a neighbour there speaks only TLV version 1 (IOS).
     */
    private List<EigrpTlv> toWire(Iface i, List<EigrpTlv> tlvs) {
        if (!config.wide()) return tlvs;
        boolean classicPeer = false;
        for (Neighbor n : i.neighbors) if (n.version == null || n.version.tlvMajor() < 2) classicPeer = true;
        List<EigrpTlv> out = new ArrayList<>(tlvs.size());
        for (EigrpTlv t : tlvs) {
            if (t instanceof EigrpTlv.InternalRoute r) {
                out.add(classicPeer ? new EigrpTlv.InternalRoute(r.nextHop(), toClassic(r.metric()), r.prefix(), r.prefixLength())
                        : new EigrpTlv.WideInternalRoute(0, config.routerId(), r.metric(), r.nextHop(), r.prefix(), r.prefixLength()));
            } else if (t instanceof EigrpTlv.ExternalRoute r) {
                out.add(classicPeer ? new EigrpTlv.ExternalRoute(r.nextHop(), r.originatingRouter(), r.originatingAs(), r.tag(),
                        r.externalMetric(), r.protocolId(), r.externalFlags(), toClassic(r.metric()), r.prefix(), r.prefixLength())
                        : new EigrpTlv.WideExternalRoute(0, config.routerId(), r.metric(), r.nextHop(), r.originatingRouter(),
                        r.originatingAs(), r.tag(), r.externalMetric(), r.protocolId(), r.externalFlags(), r.prefix(), r.prefixLength()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** Wide units (ps, kbit/s) to the classic wire's (10 us * 256, 256 * 10^7 / kbit/s); unreachable stays unreachable. */
    static EigrpTlv.Metric toClassic(EigrpTlv.Metric m) {
        long delay = m.delay() >= Eigrp.WIDE_INFINITY ? Eigrp.DELAY_INFINITY
                : Math.min(Eigrp.DELAY_INFINITY - 1, m.delay() * 256L / 10_000_000L);
        long bw = Math.max(1, 10_000_000L / Math.max(1, m.bandwidth())) * 256L;
        return new EigrpTlv.Metric(delay, bw, m.mtu(), m.hopCount(), m.reliability(), m.load(), m.internalTag(), m.flags());
    }

    /** Classic wire units to wide ones (RFC 7868 section 6.9.2). */
    static EigrpTlv.Metric toWide(EigrpTlv.Metric m) {
        long delay = m.unreachable() ? Eigrp.WIDE_INFINITY : m.delay() * 10_000_000L / 256L;
        long kbps = Math.max(1, 2_560_000_000L / Math.max(1, m.bandwidth()));
        return new EigrpTlv.Metric(delay, kbps, m.mtu(), m.hopCount(), m.reliability(), m.load(), m.internalTag(), m.flags());
    }

    /** After a K-value, bandwidth or delay change: every path's metric again from what was heard. */
    private void recomputeDistances(Dest d) {
        for (Entry e : d.entries.values()) {
            if (e.kind == Kind.LEARNED) {
                e.total = addLink(e.heard, e.iface);
                e.reported = composite(e.heard);
            }
            if (e.kind != Kind.SUMMARY) e.distance = composite(e.total);
        }
        d.entries.values().removeIf(e -> e.kind == Kind.LEARNED && e.distance >= INFINITY);
    }

    // ================================================================ input

    /** An EIGRP packet (the IPv4 payload) received on ifaceId from src. Malformed packets are counted and dropped. */
    public void receive(int ifaceId, int src, byte[] b) {
        if (shutdown) return;
        Iface i = ifaces.get(ifaceId);
        if (i == null || i.cfg.passive() || b == null) return;
        PacketError err = Eigrp.check(b, 0, b.length);
        if (err != PacketError.OK) {
            counters.badPackets++;
            return;
        }
        if (Eigrp.autonomousSystem(b, 0) != config.autonomousSystem()) {
            counters.asMismatch++;
            return;
        }
        if (i.cfg.md5Key() != null && !Eigrp.verifyMd5(b, 0, b.length, i.cfg.md5Key())) {
            counters.authFailures++;
            return;
        }
        if (src == i.cfg.address()) return;
        if (!i.onLink(src)) {
            counters.notOnCommonSubnet++;
            return;
        }
        Eigrp.Packet p = Eigrp.parse(b, 0, b.length);
        if (p == null) {
            counters.badPackets++;
            return;
        }
        Neighbor n = i.neighbor(src);
        if (p.opcode() == Eigrp.OP_HELLO) {
            receiveHello(i, src, n, p);
        } else {
            if (n == null) {
                counters.unknownNeighbor++;
                return;
            }
            receiveReliable(n, p);
        }
        scheduleFlush();
    }

    private void receiveHello(Iface i, int src, Neighbor n, Eigrp.Packet p) {
        EigrpTlv.Parameter par = p.first(EigrpTlv.Parameter.class);
        if (par == null && p.ack() == 0) return;
        if (par != null) counters.hellosReceived++;
        else counters.acksReceived++;
        if (par != null) {
            if (par.goodbye()) {
                if (n != null) neighborDown(n, "Interface PEER-TERMINATION received");
                return;
            }
            if (par.k1() != config.k1() || par.k2() != config.k2() || par.k3() != config.k3() || par.k4() != config.k4()
                    || par.k5() != config.k5()) {
                counters.kMismatch++;
                if (n != null) neighborDown(n, "K-value mismatch");
                else logNeighbor(src, i, "down", "K-value mismatch");
                return;
            }
        }
        EigrpTlv.PeerTermination term = p.first(EigrpTlv.PeerTermination.class);
        if (term != null && term.addresses().contains(i.cfg.address())) {
            if (n != null) neighborDown(n, "Interface PEER-TERMINATION received");
            return;
        }
        if (n == null) {
            if (par == null) return;
            n = newNeighbor(i, src);
        }
        if (par != null) n.holdSeconds = Math.max(1, par.holdTime());
        EigrpTlv.SoftwareVersion sv = p.first(EigrpTlv.SoftwareVersion.class);
        if (sv != null) n.version = sv;
        EigrpTlv.Stub stub = p.first(EigrpTlv.Stub.class);
        if (par != null) n.stubFlags = stub == null ? 0 : stub.flags() | 0x8000;
        restartHold(n);
        // conditional receive (RFC 7868 section 4): listed neighbours ignore the next CR packet
        EigrpTlv.Sequence seqTlv = p.first(EigrpTlv.Sequence.class);
        EigrpTlv.NextMulticastSequence next = p.first(EigrpTlv.NextMulticastSequence.class);
        if (seqTlv != null && seqTlv.addresses().contains(i.cfg.address())) n.crAccept = -1;
        else if (next != null) n.crAccept = next.sequence();
        if (p.ack() != 0) acknowledged(n, p.ack());
    }

    private Neighbor newNeighbor(Iface i, int src) {
        Neighbor n = new Neighbor(i, src);
        i.neighbors.add(n);
        i.byAddress.put(src, n);
        logNeighbor(src, i, "up", "new adjacency");
        // INIT handshake (RFC 7868 section 4): an empty Update with INIT, unicast
        sendReliable(i, List.of(n), Eigrp.OP_UPDATE, Eigrp.FLAG_INIT, List.of());
        return n;
    }

    private void receiveReliable(Neighbor n, Eigrp.Packet p) {
        restartHold(n);
        if (p.ack() != 0) acknowledged(n, p.ack());
        if (n.gone) return;
        if (p.sequence() != 0) {
            if (p.conditionalReceive()) {
                if (n.crAccept != p.sequence()) {
                    counters.crIgnored++;
                    return;
                }
                n.crAccept = -1;
            }
            if (p.opcode() == Eigrp.OP_UPDATE && p.init()) {
                if (n.up && p.sequence() != n.lastSequenceReceived) {
                    // the peer came back: RFC 7868 section 4, a new INIT from an established neighbour
                    // (during the handshake a new INIT just replaces the old one: two restarts must not chase each other)
                    Iface i = n.iface;
                    neighborDown(n, "peer restarted");
                    n = newNeighbor(i, n.address);
                    restartHold(n);
                }
                n.initReceived = true;
                n.lastSequenceReceived = p.sequence();
                counters.updatesReceived++;
                sendAck(n, p.sequence());
                maybeUp(n);
                return;
            }
            if (!n.initReceived) return;  // not synchronised yet: it retransmits after our INIT
            if (p.sequence() == n.lastSequenceReceived) {
                counters.duplicates++;
                sendAck(n, p.sequence());
                return;
            }
            n.lastSequenceReceived = p.sequence();
            sendAck(n, p.sequence());
        } else if (!n.initReceived) {
            return;
        }
        switch (p.opcode()) {
            case Eigrp.OP_UPDATE -> {
                counters.updatesReceived++;
                n.lastUpdate = now();
                for (EigrpTlv t : p.tlvs()) routeInput(n, t, Eigrp.OP_UPDATE);
            }
            case Eigrp.OP_QUERY -> {
                counters.queriesReceived++;
                for (EigrpTlv t : p.tlvs()) routeInput(n, t, Eigrp.OP_QUERY);
            }
            case Eigrp.OP_REPLY -> {
                counters.repliesReceived++;
                for (EigrpTlv t : p.tlvs()) routeInput(n, t, Eigrp.OP_REPLY);
            }
            case Eigrp.OP_SIA_QUERY -> {
                counters.siaQueriesReceived++;
                for (EigrpTlv t : p.tlvs()) routeInput(n, t, Eigrp.OP_SIA_QUERY);
            }
            case Eigrp.OP_SIA_REPLY -> {
                counters.siaRepliesReceived++;
                for (EigrpTlv t : p.tlvs()) routeInput(n, t, Eigrp.OP_SIA_REPLY);
            }
            default -> { }
        }
    }

    /** One route TLV of an Update, Query, Reply, SIA-Query or SIA-Reply from n (RFC 7868 section 3 input events). */
    private void routeInput(Neighbor n, EigrpTlv heard, int opcode) {
        EigrpTlv t = fromWire(heard);
        int prefix;
        int len;
        EigrpTlv.Metric m;
        int nextHop;
        EigrpTlv.ExternalRoute ext = null;
        if (t instanceof EigrpTlv.InternalRoute r) {
            prefix = r.prefix();
            len = r.prefixLength();
            m = r.metric();
            nextHop = r.nextHop();
        } else if (t instanceof EigrpTlv.ExternalRoute r) {
            prefix = r.prefix();
            len = r.prefixLength();
            m = r.metric();
            nextHop = r.nextHop();
            ext = r;
            if (r.originatingRouter() == config.routerId()) m = unreachable();  // our own external coming back
        } else {
            return;
        }
        long k = key(prefix, len);
        Dest d = topology.get(k);
        if (opcode == Eigrp.OP_SIA_QUERY) {
            // RFC 7868 section 3 (SIA): still active → SIA-Reply; passive → the Reply was sent already, answer again
            if (d != null && d.active) {
                sendLater(n, d, Eigrp.OP_SIA_REPLY);
            } else {
                queueReply(n, prefix, len, d);
            }
            return;
        }
        if (opcode == Eigrp.OP_SIA_REPLY) {
            if (d != null && d.active) {
                int[] s = d.replyPending.get(n);
                if (s != null) s[0] = Math.abs(s[0]);
            }
            return;
        }
        if (d == null) {
            if (unreachable(m)) {
                if (opcode == Eigrp.OP_QUERY) queueReply(n, prefix, len, null);
                return;
            }
            d = dest(prefix, len);
        }
        if (unreachable(m)) {
            d.entries.remove(n);
        } else {
            Entry e = new Entry(Kind.LEARNED, n, n.iface);
            e.heard = m;
            e.total = addLink(m, n.iface);
            e.distance = composite(e.total);
            e.reported = composite(m);
            e.nextHop = nextHop != 0 && n.iface.onLink(nextHop) && nextHop != n.iface.cfg.address() ? nextHop : n.address;
            if (ext != null) e.ext = ext;
            if (e.distance >= INFINITY) d.entries.remove(n);
            else d.entries.put(n, e);
        }
        if (fsmDebug != null) {
            Entry e = d.entries.get(n);
            long inf = config.wide() ? -1L : CLASSIC_INFINITY;
            String metric = e == null ? Long.toUnsignedString(inf) + "/" + Long.toUnsignedString(inf) : e.distance + "/" + e.reported;
            String via = dest(d) + " via " + Ipv4Address.toString(n.address) + " metric " + metric;
            if (opcode == Eigrp.OP_REPLY) fsm("rcvreply: " + via);
            else if (opcode == Eigrp.OP_QUERY) fsm("rcvquery: " + via + ", RD is " + d.fd);
            else fsm("dual_rcvupdate(): " + via + " on topoid 0");
        }
        if (opcode == Eigrp.OP_REPLY) {
            if (fsmDebug != null && d.active && d.replyPending.containsKey(n)) {
                fsm("reply count is " + d.replyPending.size());
                fsm("Clearing handle " + n.handle + ", count now " + (d.replyPending.size() - 1));
            }
            if (d.active && d.replyPending.remove(n) != null && d.replyPending.isEmpty()) finishActive(d);
            else if (!d.active) evaluate(d, null, false);
            return;
        }
        evaluate(d, n, opcode == Eigrp.OP_QUERY);
        if (d.entries.isEmpty() && !d.active && d.installed == null && d.replyOwed.isEmpty()) topology.remove(k);
    }

    // ================================================================ DUAL (RFC 7868 section 3)

    /**
     * An input event for d: from a neighbour's Update/Query (from, query) or a local change (null).
     * Passive: a local computation when a feasible successor has the minimum distance, else the
     * destination goes active and queries. Active: the change is recorded; Replies decide.
     */
    private void evaluate(Dest d, Neighbor from, boolean query) {
        long k = key(d.prefix, d.prefixLength);
        if (d.active) {
            if (query && from != null) {
                // a Query while active: from the successor it joins this computation, else answered at once
                if (isSuccessor(d, from)) d.replyOwed.add(from);
                else queueReply(from, d.prefix, d.prefixLength, d);
            }
            return;
        }
        long oldBest = d.best();
        List<Entry> oldSucc = new ArrayList<>(d.successors);
        Entry connected = null;
        for (Entry e : d.entries.values()) if (e.kind == Kind.CONNECTED) connected = e;
        if (connected != null) {
            // an attached subnet: the connected path is the successor whatever a neighbour reports (IOS)
            d.fd = connected.distance;
            d.successors.clear();
            d.successors.add(connected);
            if (query && from != null) queueReply(from, d.prefix, d.prefixLength, d);
            if (d.best() != oldBest || !sameSources(oldSucc, d.successors)) dirty.add(k);
            install(d);
            return;
        }
        long dmin = INFINITY;
        for (Entry e : d.entries.values()) dmin = Math.min(dmin, e.distance);
        boolean feasible = false;
        for (Entry e : d.entries.values()) {
            // the feasibility condition: reported distance below the feasible distance
            if (e.distance == dmin && dmin < INFINITY && (e.reported < d.fd || d.fd == INFINITY)) feasible = true;
        }
        if (fsmDebug != null) {
            long rd = oldSucc.isEmpty() ? INFINITY : oldSucc.get(0).reported;
            fsm("Find FS for dest " + dest(d) + ". FD is " + d.fd + ", RD is " + rd + " on topoid 0" + (feasible ? " found" : ""));
            if (!feasible) {
                for (Entry e : d.entries.values()) {
                    if (e.kind == Kind.LEARNED) fsm(" " + Ipv4Address.toString(e.from.address) + " metric " + e.distance + "/" + e.reported
                            + " not found Dmin is " + dmin);
                }
            }
        }
        if (feasible) {
            d.fd = dmin;
            setSuccessors(d, dmin);
            if (query && from != null) queueReply(from, d.prefix, d.prefixLength, d);
        } else if (dmin == INFINITY && (oldSucc.isEmpty() || !hasQueryableNeighbors(d, from))) {
            // nothing left and nobody to ask: unreachable at once
            d.fd = INFINITY;
            d.successors.clear();
            if (query && from != null) queueReply(from, d.prefix, d.prefixLength, d);
        } else if (oldSucc.isEmpty() && !d.entries.isEmpty() && d.fd == INFINITY) {
            d.fd = dmin;
            setSuccessors(d, dmin);
            if (query && from != null) queueReply(from, d.prefix, d.prefixLength, d);
        } else {
            goActive(d, from, query);
            return;
        }
        if (d.best() != oldBest || !sameSources(oldSucc, d.successors)) dirty.add(k);
        install(d);
    }

    private static boolean sameSources(List<Entry> a, List<Entry> b) {
        if (a.size() != b.size()) return false;
        for (int x = 0; x < a.size(); x++) {
            if (a.get(x).from != b.get(x).from || a.get(x).kind != b.get(x).kind) return false;
        }
        return true;
    }

    private void setSuccessors(Dest d, long dmin) {
        d.successors.clear();
        for (Entry e : d.entries.values()) if (e.distance == dmin) d.successors.add(e);
        d.successors.sort(Comparator.comparingInt((Entry e) -> e.kind.ordinal())
                .thenComparingInt(e -> e.from == null ? 0 : e.from.address));
    }

    private static boolean isSuccessor(Dest d, Neighbor n) {
        for (Entry e : d.successors) if (e.from == n) return true;
        return false;
    }

    private boolean hasQueryableNeighbors(Dest d, Neighbor except) {
        for (Iface i : ifaces.values()) for (Neighbor n : i.neighbors) if (queryable(n, except)) return true;
        return false;
    }

    /** Stubs are not queried (RFC 7868 section 3, stub routing); nor is the neighbour whose Query started this. */
    private boolean queryable(Neighbor n, Neighbor except) {
        return n.up && !n.gone && n != except && n.stubFlags == 0;
    }

    private void goActive(Dest d, Neighbor from, boolean query) {
        long k = key(d.prefix, d.prefixLength);
        d.active = true;
        d.replyOwed.clear();
        if (query && from != null) d.replyOwed.add(from);
        d.replyPending.clear();
        for (Iface i : ifaces.values()) {
            for (Neighbor n : i.neighbors) if (queryable(n, query ? from : null)) d.replyPending.put(n, new int[]{0});
        }
        fsm("Dest " + dest(d) + " entering active state for tid 0.");
        fsm("Set reply-status table. Count is " + d.replyPending.size() + ".");
        // the distance while active: through the current successor, if it still reports one (RFC 7868 section 3)
        d.fd = INFINITY;
        d.successors.clear();
        install(d);
        if (d.replyPending.isEmpty()) {
            finishActive(d);
            return;
        }
        newlyActive.add(k);
        armSia(d);
    }

    private void armSia(Dest d) {
        if (d.siaTimer != null) d.siaTimer.cancel();
        long half = config.activeTimeSeconds() * SECOND / 2;
        d.siaTimer = scheduler.schedule(half, () -> siaTick(d));
    }

    /**
     * Every half active-time: a SIA-Query to each neighbour whose Reply is still awaited; one that
     * answered neither the Query nor the last SIA-Query, or was asked too often, is reset.
     */
    private void siaTick(Dest d) {
        if (!d.active || topology.get(key(d.prefix, d.prefixLength)) != d) return;
        List<Neighbor> stuck = new ArrayList<>();
        for (Map.Entry<Neighbor, int[]> e : d.replyPending.entrySet()) {
            int[] s = e.getValue();
            if (s[0] < 0 || s[0] >= MAX_SIA_QUERIES) {
                stuck.add(e.getKey());
            } else {
                s[0] = -(s[0] + 1);
                sendLater(e.getKey(), d, Eigrp.OP_SIA_QUERY);
            }
        }
        for (Neighbor n : stuck) {
            log.accept("%DUAL-3-SIA: Route " + Ipv4Address.toString(d.prefix) + "/" + d.prefixLength
                    + " stuck-in-active state in IP-EIGRP(0) " + config.autonomousSystem() + ".  Cleaning up");
            neighborDown(n, "stuck in active");
        }
        if (d.active) armSia(d);
        scheduleFlush();
    }

    /** All Replies are in: the best path wins, FD is reset to it, the queriers get their Replies (RFC 7868 section 3). */
    private void finishActive(Dest d) {
        long k = key(d.prefix, d.prefixLength);
        d.active = false;
        if (d.siaTimer != null) d.siaTimer.cancel();
        d.siaTimer = null;
        d.replyPending.clear();
        fsm("Freeing reply status table");
        long dmin = INFINITY;
        for (Entry e : d.entries.values()) dmin = Math.min(dmin, e.distance);
        d.fd = dmin;
        if (dmin < INFINITY) setSuccessors(d, dmin);
        else d.successors.clear();
        for (Neighbor n : d.replyOwed) queueReply(n, d.prefix, d.prefixLength, d);
        d.replyOwed.clear();
        newlyActive.remove(k);
        dirty.add(k);
        install(d);
    }

    // ================================================================ routes out

    /** Successors plus feasible successors within variance, up to maximum-paths, into the RIB. */
    private void install(Dest d) {
        EigrpRoute r = null;
        if (!d.active && !d.successors.isEmpty()) {
            Entry best = d.successors.get(0);
            if (best.kind == Kind.SUMMARY) {
                r = new EigrpRoute(d.prefix, d.prefixLength, DISTANCE_SUMMARY, ribMetric(best.distance), false, true, List.of());
            } else if (best.kind == Kind.LEARNED) {
                long dmin = best.distance;
                List<Entry> paths = new ArrayList<>();
                for (Entry e : d.entries.values()) {
                    if (e.kind != Kind.LEARNED) continue;
                    boolean ok = e.distance == dmin
                            || (e.reported < d.fd && e.distance <= dmin * (long) config.variance());
                    if (ok) paths.add(e);
                }
                paths.sort(Comparator.comparingLong((Entry e) -> e.distance).thenComparingInt(e -> e.nextHop));
                List<EigrpRoute.NextHop> hops = new ArrayList<>();
                for (Entry e : paths) {
                    if (hops.size() >= config.maximumPaths()) break;
                    hops.add(new EigrpRoute.NextHop(e.iface.cfg.id(), e.iface.cfg.name(), e.nextHop, ribMetric(e.distance)));
                }
                r = new EigrpRoute(d.prefix, d.prefixLength, best.external() ? DISTANCE_EXTERNAL : DISTANCE_INTERNAL,
                        ribMetric(dmin), best.external(), false, hops);
            }
        }
        if (r == null) {
            if (d.installed != null) {
                if (fsmDebug != null) {
                    for (EigrpRoute.NextHop h : d.installed.nextHops()) {
                        fsm("Removing dest " + dest(d) + ", nexthop " + Ipv4Address.toString(h.address()));
                    }
                    if (d.entries.isEmpty()) fsm("No routes.  Flushing dest " + dest(d));
                }
                d.installed = null;
                routes.routeRemoved(d.prefix, d.prefixLength);
            }
        } else if (!r.equals(d.installed)) {
            d.installed = r;
            if (fsmDebug != null) {
                if (r.nullRoute()) fsm("RT installed " + dest(d) + " via 0.0.0.0");
                for (EigrpRoute.NextHop h : r.nextHops()) fsm("RT installed " + dest(d) + " via " + Ipv4Address.toString(h.address()));
            }
            routes.routeChanged(r);
        }
    }

    // ================================================================ summaries

    /**
     * Each `ip summary-address eigrp` exists while a more specific reachable route lies inside
     * it; its metric is the lowest of theirs, and it is a local route to Null0.
     */
    private void refreshSummaries() {
        Set<Long> wanted = new LinkedHashSet<>();
        for (Iface i : ifaces.values()) {
            for (EigrpInterfaceConfig.Summary s : i.cfg.summaries()) wanted.add(key(s.prefix() & Eigrp.mask(s.prefixLength()), s.prefixLength()));
        }
        for (long k : new ArrayList<>(summaryDests)) {
            Dest d = topology.get(k);
            if (wanted.contains(k)) continue;
            summaryDests.remove(k);
            if (d == null || d.entries.remove(Kind.SUMMARY) == null) continue;
            evaluate(d, null, false);
            markInside(d.prefix, d.prefixLength);
        }
        for (long k : wanted) {
            int p = (int) (k >>> 6);
            int len = (int) (k & 63);
            EigrpTlv.Metric bestM = null;
            long best = INFINITY;
            for (Dest c : inside(p, len)) {
                if (c.prefixLength <= len || (c.prefix & Eigrp.mask(len)) != p || c.successors.isEmpty() || c.active) continue;
                Entry e = c.successors.get(0);
                if (e.distance < best) {
                    best = e.distance;
                    bestM = e.total;
                }
            }
            Dest d = topology.get(k);
            Entry have = d == null ? null : d.entries.get(Kind.SUMMARY);
            if (bestM == null) {
                if (have != null) {
                    d.entries.remove(Kind.SUMMARY);
                    summaryDests.remove(k);
                    evaluate(d, null, false);
                    markInside(p, len);
                }
                continue;
            }
            if (have != null && have.distance == best && have.total.equals(bestM)) continue;
            d = dest(p, len);
            Entry e = new Entry(Kind.SUMMARY, null, null);
            e.total = bestM;
            e.distance = best;
            e.reported = 0;
            d.entries.put(Kind.SUMMARY, e);
            summaryDests.add(k);
            evaluate(d, null, false);
            if (have == null) markInside(p, len);
        }
    }

    /** The routes under a summary that appeared or went: their advertisements change where it is configured. */
    /** The destinations whose prefix lies within p/len (a range of the sorted topology table). */
    private java.util.Collection<Dest> inside(int p, int len) {
        long from = key(p, 0);
        long to = key(p | ~Eigrp.mask(len), 32);
        return topology.subMap(from, true, to, true).values();
    }

    private void markInside(int p, int len) {
        for (Dest c : inside(p, len)) {
            if (c.prefixLength > len && (c.prefix & Eigrp.mask(len)) == p) dirty.add(key(c.prefix, c.prefixLength));
        }
    }

    private boolean summarisedOn(Iface i, Dest d) {
        for (EigrpInterfaceConfig.Summary s : i.cfg.summaries()) {
            int p = s.prefix() & Eigrp.mask(s.prefixLength());
            if (d.prefixLength > s.prefixLength() && (d.prefix & Eigrp.mask(s.prefixLength())) == p) {
                Dest sd = topology.get(key(p, s.prefixLength()));
                if (sd != null && sd.entries.containsKey(Kind.SUMMARY)) return true;
            }
        }
        return false;
    }

    private static boolean summaryOf(Iface i, Dest d) {
        for (EigrpInterfaceConfig.Summary s : i.cfg.summaries()) {
            if (s.prefixLength() == d.prefixLength && (s.prefix() & Eigrp.mask(s.prefixLength())) == d.prefix) return true;
        }
        return false;
    }

    // ================================================================ advertisement policy

    /**
     * What d looks like out of interface i: the route TLV with our metric, or null when it is not
     * advertised there. Split horizon, summaries, stub and next-hop-self apply here.
     */
    private EigrpTlv advertisement(Dest d, Iface i) {
        if (d.successors.isEmpty() || d.active) return null;
        Entry best = d.successors.get(0);
        if (best.kind == Kind.SUMMARY && !summaryOf(i, d)) {
            // a summary goes only where it is configured; elsewhere the path under it would be shown
            Entry other = null;
            for (Entry e : d.entries.values()) if (e.kind != Kind.SUMMARY && (other == null || e.distance < other.distance)) other = e;
            if (other == null) return null;
            best = other;
        }
        if (best.kind != Kind.SUMMARY && summarisedOn(i, d)) return null;
        int stub = config.stubFlags();
        if (stub != 0) {
            boolean ok = switch (best.kind) {
                case CONNECTED -> (stub & Eigrp.STUB_CONNECTED) != 0;
                case SUMMARY -> (stub & Eigrp.STUB_SUMMARY) != 0;
                case REDISTRIBUTED -> (stub & (Eigrp.STUB_REDISTRIBUTED | Eigrp.STUB_STATIC)) != 0;
                case LEARNED -> false;
            };
            if (!ok || (stub & Eigrp.STUB_RECEIVE_ONLY) != 0) return null;
        }
        int nextHop = 0;
        if (best.kind == Kind.LEARNED) {
            for (Entry e : d.successors) {
                if (e.iface == i && i.cfg.splitHorizon()) return null;  // split horizon (RFC 7868 section 3)
            }
            if (best.iface == i && !i.cfg.nextHopSelf()) nextHop = best.nextHop;
        }
        return routeTlv(d, best, best.total, nextHop);
    }

    private EigrpTlv routeTlv(Dest d, Entry best, EigrpTlv.Metric m, int nextHop) {
        if (best != null && best.external()) {
            EigrpTlv.ExternalRoute x = best.ext;
            return new EigrpTlv.ExternalRoute(nextHop, x.originatingRouter(), x.originatingAs(), x.tag(), x.externalMetric(),
                    x.protocolId(), x.externalFlags(), m, d.prefix, d.prefixLength);
        }
        return new EigrpTlv.InternalRoute(nextHop, m, d.prefix, d.prefixLength);
    }

    private EigrpTlv unreachableTlv(Dest d) {
        Entry any = null;
        for (Entry e : d.entries.values()) if (e.external()) any = e;
        return routeTlv(d, any, unreachable(), 0);
    }

    // ================================================================ output: updates, queries, replies

    private void queueReply(Neighbor n, int prefix, int len, Dest d) {
        EigrpTlv t;
        if (d == null || d.successors.isEmpty() || d.active) {
            t = d == null ? new EigrpTlv.InternalRoute(0, unreachable(), prefix, len) : unreachableTlv(d);
        } else {
            Entry best = d.successors.get(0);
            // poison reverse: never tell the neighbour a distance that runs through itself
            boolean viaN = false;
            for (Entry e : d.successors) if (e.from == n) viaN = true;
            t = viaN ? unreachableTlv(d) : routeTlv(d, best, best.total, 0);
            if (config.stubFlags() != 0 && best.kind == Kind.LEARNED) t = unreachableTlv(d);
        }
        pendingReplies.computeIfAbsent(n, x -> new LinkedHashMap<>()).put(key(prefix, len), t);
        scheduleFlush();
    }

    private void sendLater(Neighbor n, Dest d, int opcode) {
        EigrpTlv t = d.successors.isEmpty() ? unreachableTlv(d) : routeTlv(d, d.successors.get(0), d.successors.get(0).total, 0);
        if (opcode == Eigrp.OP_SIA_QUERY) counters.siaQueriesSent++;
        else counters.siaRepliesSent++;
        sendReliable(n.iface, List.of(n), opcode, 0, List.of(t));
    }

    private void scheduleFlush() {
        if (flushScheduled || shutdown) return;
        flushScheduled = true;
        scheduler.execute(this::flush);
    }

    /** Sends what the last events changed: Updates per interface, Queries for new active routes, Replies. */
    private void flush() {
        flushScheduled = false;
        if (shutdown) return;
        refreshSummaries();
        // Updates
        if (!dirty.isEmpty()) {
            List<Long> keys = new ArrayList<>(dirty);
            dirty.clear();
            if (fsmDebug != null) {
                for (long k : keys) fsm("Send update about " + Ipv4Address.toString((int) (k >>> 6)) + "/" + (k & 63) + ".  Reason: metric chg on topoid 0");
            }
            for (Iface i : ifaces.values()) {
                List<Neighbor> targets = new ArrayList<>();
                for (Neighbor n : i.neighbors) if (n.up && !n.gone) targets.add(n);
                List<EigrpTlv> tlvs = new ArrayList<>();
                for (long k : keys) {
                    Dest d = topology.get(k);
                    EigrpTlv t = d == null ? null : advertisement(d, i);
                    if (t != null) {
                        i.advertised.add(k);
                        tlvs.add(t);
                    } else if ((d == null || !d.active) && i.advertised.remove(k)) {
                        tlvs.add(d == null ? new EigrpTlv.InternalRoute(0, unreachable(), (int) (k >>> 6), (int) (k & 63))
                                : unreachableTlv(d));
                    }
                }
                if (targets.isEmpty() || tlvs.isEmpty()) continue;
                for (List<EigrpTlv> chunk : chunks(tlvs)) {
                    counters.updatesSent++;
                    sendReliable(i, targets, Eigrp.OP_UPDATE, 0, chunk);
                }
            }
            for (long k : keys) {
                Dest d = topology.get(k);
                if (d != null && d.entries.isEmpty() && !d.active && d.installed == null) topology.remove(k);
            }
        }
        // Queries: per neighbour, the routes it is asked about
        if (!newlyActive.isEmpty()) {
            List<Long> keys = new ArrayList<>(newlyActive);
            newlyActive.clear();
            for (Iface i : ifaces.values()) {
                Map<List<EigrpTlv>, List<Neighbor>> groups = new LinkedHashMap<>();
                for (Neighbor n : i.neighbors) {
                    List<EigrpTlv> tlvs = new ArrayList<>();
                    for (long k : keys) {
                        Dest d = topology.get(k);
                        if (d != null && d.active && d.replyPending.containsKey(n)) {
                            i.advertised.remove(k);
                            tlvs.add(unreachableTlv(d));
                        }
                    }
                    if (!tlvs.isEmpty()) groups.computeIfAbsent(tlvs, x -> new ArrayList<>()).add(n);
                }
                for (Map.Entry<List<EigrpTlv>, List<Neighbor>> g : groups.entrySet()) {
                    for (List<EigrpTlv> chunk : chunks(g.getKey())) {
                        counters.queriesSent++;
                        sendReliable(i, g.getValue(), Eigrp.OP_QUERY, 0, chunk);
                    }
                }
            }
        }
        // Replies, unicast
        if (!pendingReplies.isEmpty()) {
            Map<Neighbor, Map<Long, EigrpTlv>> replies = new LinkedHashMap<>(pendingReplies);
            pendingReplies.clear();
            for (Map.Entry<Neighbor, Map<Long, EigrpTlv>> e : replies.entrySet()) {
                Neighbor n = e.getKey();
                if (n.gone) continue;
                for (List<EigrpTlv> chunk : chunks(new ArrayList<>(e.getValue().values()))) {
                    counters.repliesSent++;
                    sendReliable(n.iface, List.of(n), Eigrp.OP_REPLY, 0, chunk);
                }
            }
        }
    }

    private static List<List<EigrpTlv>> chunks(List<EigrpTlv> tlvs) {
        List<List<EigrpTlv>> out = new ArrayList<>();
        for (int x = 0; x < tlvs.size(); x += ROUTES_PER_PACKET) out.add(List.copyOf(tlvs.subList(x, Math.min(tlvs.size(), x + ROUTES_PER_PACKET))));
        return out;
    }

    /** A new neighbour finished the INIT exchange: it gets our whole table, EOT on the last packet. */
    private void maybeUp(Neighbor n) {
        if (n.up || !n.initReceived || !n.initAcked || n.gone) return;
        n.up = true;
        refreshSummaries();
        List<EigrpTlv> tlvs = new ArrayList<>();
        for (Map.Entry<Long, Dest> e : topology.entrySet()) {
            EigrpTlv t = advertisement(e.getValue(), n.iface);
            if (t != null) {
                n.iface.advertised.add(e.getKey());
                tlvs.add(t);
            }
        }
        List<List<EigrpTlv>> cs = chunks(tlvs);
        if (cs.isEmpty()) cs = List.of(List.of());
        for (int x = 0; x < cs.size(); x++) {
            counters.updatesSent++;
            sendReliable(n.iface, List.of(n), Eigrp.OP_UPDATE, x == cs.size() - 1 ? Eigrp.FLAG_EOT : 0, cs.get(x));
        }
    }

    // ================================================================ RTP (RFC 7868 section 4)

    /**
     * Queues a reliable packet for targets (neighbours on i). Those whose queue was empty and that
     * are up get it by multicast when there are several of them; if other neighbours on the link
     * must not take it, a Hello with a Sequence TLV (the ones to ignore it) and a Next Multicast
     * Sequence TLV goes first and the multicast carries CR. The rest get it unicast in their turn.
     */
    private void sendReliable(Iface i, List<Neighbor> targets, int opcode, int flags, List<EigrpTlv> tlvs) {
        long seq = nextSequence++;
        if (nextSequence > 0xffffffffL) nextSequence = 1;
        Reliable r = new Reliable(opcode, flags, seq, tlvs);
        List<Neighbor> ready = new ArrayList<>();
        List<Neighbor> live = new ArrayList<>();
        for (Neighbor n : targets) {
            if (n.gone) continue;
            if (n.queue.size() >= MAX_QUEUE) {
                scheduler.execute(() -> { if (!n.gone) neighborDown(n, "retry limit exceeded"); });
                continue;
            }
            boolean head = n.queue.isEmpty();
            n.queue.add(r);
            live.add(n);
            if (head && n.up) ready.add(n);
            else if (head) transmitHead(n);
        }
        if (ready.isEmpty()) return;
        if (ready.size() == 1 || live.size() == 1) {
            for (Neighbor n : ready) transmitHead(n);
            return;
        }
        Set<Neighbor> readySet = new HashSet<>(ready);
        List<Integer> exclude = new ArrayList<>();
        for (Neighbor n : i.neighbors) if (!readySet.contains(n)) exclude.add(n.address);
        int f = flags;
        if (!exclude.isEmpty()) {
            f |= Eigrp.FLAG_CR;
            List<EigrpTlv> hello = new ArrayList<>(helloTlvs(i));
            hello.add(new EigrpTlv.Sequence(exclude));
            hello.add(new EigrpTlv.NextMulticastSequence(seq));
            counters.hellosSent++;
            send(i, Eigrp.MULTICAST_GROUP, Eigrp.OP_HELLO, 0, 0, 0, hello);
        }
        send(i, Eigrp.MULTICAST_GROUP, opcode, f, seq, 0, tlvs);
        for (Neighbor n : ready) armRetransmit(n, false);
    }

    private void transmitHead(Neighbor n) {
        Reliable r = n.queue.peek();
        if (r == null || n.gone) return;
        send(n.iface, n.address, r.opcode(), r.flags(), r.sequence(), 0, r.tlvs());
        armRetransmit(n, n.retries > 0);
    }

    private void armRetransmit(Neighbor n, boolean retransmission) {
        if (n.rtoTimer != null) n.rtoTimer.cancel();
        n.sentAt = now();
        n.retransmitted = retransmission;
        n.rtoTimer = scheduler.schedule(n.rtoMs() * MILLI, () -> retransmit(n));
    }

    private void retransmit(Neighbor n) {
        n.rtoTimer = null;
        if (n.gone || n.queue.isEmpty()) return;
        if (++n.retries > RETRY_LIMIT) {
            neighborDown(n, "retry limit exceeded");
            scheduleFlush();
            return;
        }
        counters.retransmissions++;
        n.retransTotal++;
        n.iface.retransmissions++;
        transmitHead(n);
    }

    /** An acknowledgement for the head of n's queue (RFC 7868 section 4: one packet in flight per neighbour). */
    private void acknowledged(Neighbor n, long ack) {
        Reliable head = n.queue.peek();
        if (head == null || head.sequence() != ack) return;
        n.queue.poll();
        if (n.rtoTimer != null) n.rtoTimer.cancel();
        n.rtoTimer = null;
        if (!n.retransmitted) {
            long rtt = Math.max(1, (now() - n.sentAt) / MILLI);
            n.srttMs = n.srttMs == 0 ? rtt : (n.srttMs * 7 + rtt) / 8;  // Karn: only first transmissions
        }
        n.retries = 0;
        if (!n.queue.isEmpty()) transmitHead(n);
        if (head.opcode() == Eigrp.OP_UPDATE && (head.flags() & Eigrp.FLAG_INIT) != 0) {
            n.initAcked = true;
            maybeUp(n);  // queues the table behind what is in flight
        }
    }

    private void sendAck(Neighbor n, long seq) {
        counters.acksSent++;
        send(n.iface, n.address, Eigrp.OP_HELLO, 0, 0, seq, List.of());
    }

    // ================================================================ hellos and neighbours

    private List<EigrpTlv> helloTlvs(Iface i) {
        List<EigrpTlv> t = new ArrayList<>();
        t.add(new EigrpTlv.Parameter(config.k1(), config.k2(), config.k3(), config.k4(), config.k5(), 0, i.cfg.holdSeconds()));
        t.add(new EigrpTlv.SoftwareVersion(23, 0, 2, 0));
        if (config.stubFlags() != 0) t.add(new EigrpTlv.Stub(config.stubFlags()));
        return t;
    }

    private void sendHello(Iface i) {
        if (ifaces.get(i.cfg.id()) != i || shutdown) return;
        counters.hellosSent++;
        send(i, Eigrp.MULTICAST_GROUP, Eigrp.OP_HELLO, 0, 0, 0, helloTlvs(i));
        i.helloTimer = scheduler.schedule(i.cfg.helloSeconds() * SECOND, () -> sendHello(i));
    }

    private void restartHold(Neighbor n) {
        if (n.holdTimer != null) n.holdTimer.cancel();
        n.holdDeadline = now() + n.holdSeconds * SECOND;
        n.holdTimer = scheduler.schedule(n.holdSeconds * SECOND, () -> {
            if (!n.gone) {
                neighborDown(n, "holding time expired");
                scheduleFlush();
            }
        });
    }

    /** n goes away: logged, its paths withdrawn, DUAL runs for every destination it reached (RFC 7868 section 3). */
    private void neighborDown(Neighbor n, String reason) {
        if (n.gone) return;
        logNeighbor(n.address, n.iface, "down", reason);
        dropNeighbor(n);
        fsm("linkdown: start - " + Ipv4Address.toString(n.address) + " via " + n.iface.cfg.name());
        for (Dest d : new ArrayList<>(topology.values())) {
            if (fsmDebug != null && d.entries.containsKey(n)) fsm("Destination " + dest(d) + " for tid 0");
            d.replyOwed.remove(n);
            boolean had = d.entries.remove(n) != null;
            if (d.active && d.replyPending.remove(n) != null) {
                if (d.replyPending.isEmpty()) finishActive(d);
            } else if (had) {
                evaluate(d, null, false);
            }
        }
        fsm("linkdown: finish");
        scheduleFlush();
    }

    private void dropNeighbor(Neighbor n) {
        n.gone = true;
        if (n.holdTimer != null) n.holdTimer.cancel();
        if (n.rtoTimer != null) n.rtoTimer.cancel();
        n.queue.clear();
        n.iface.neighbors.remove(n);
        if (n.iface.byAddress.get(n.address) == n) n.iface.byAddress.remove(n.address);
        pendingReplies.remove(n);
    }

    /** `debug eigrp fsm` (null: off). */
    public void fsmDebug(Consumer<String> sink) { fsmDebug = sink; }

    private void fsm(String event) {
        if (fsmDebug != null) fsmDebug.accept("DUAL: " + event);
    }

    private static String dest(Dest d) { return Ipv4Address.toString(d.prefix) + "/" + d.prefixLength; }

    private void logNeighbor(int address, Iface i, String state, String reason) {
        log.accept("%DUAL-5-NBRCHANGE: EIGRP-IPv4 " + config.autonomousSystem() + ": Neighbor "
                + Ipv4Address.toString(address) + " (" + i.cfg.name() + ") is " + state + ": " + reason);
    }

    private void send(Iface i, int dst, int opcode, int flags, long seq, long ack, List<EigrpTlv> tlvs) {
        List<EigrpTlv> all = tlvs;
        if (i.cfg.md5Key() != null) {
            all = new ArrayList<>(tlvs.size() + 1);
            all.add(Eigrp.md5Tlv(i.cfg.md5KeyId()));
            all.addAll(tlvs);
        }
        byte[] b = Eigrp.build(opcode, flags, seq, ack, 0, config.autonomousSystem(), toWire(i, all));
        boolean mcast = dst == Eigrp.MULTICAST_GROUP;
        if (opcode == Eigrp.OP_HELLO && ack == 0) i.hellosSent++;
        else if (seq != 0) i.packetized++;
        if (mcast && seq != 0) i.reliableMcasts++;
        else if (mcast) i.unreliableMcasts++;
        else if (seq != 0) i.reliableUcasts++;
        else i.unreliableUcasts++;
        if ((flags & Eigrp.FLAG_CR) != 0) i.crPackets++;
        if (i.cfg.md5Key() != null) Eigrp.signMd5(b, 0, b.length, i.cfg.md5Key());
        io.send(i.cfg.id(), dst, b);
    }

    // ================================================================ views (for shows and tests)

    /** A row of `show ip eigrp neighbors`. */
    public record NeighborView(int address, int ifaceId, String ifaceName, int holdSeconds, long uptimeNanos, long srttMs,
                               long rtoMs, int queueCount, long lastSequence, boolean up, int stubFlags,
                               long holdRemainingNanos, long lastUpdateNanos, long retransmissions, int retries,
                               EigrpTlv.SoftwareVersion version, int prefixes, int handle) {}

    /** A row of `show ip eigrp interfaces [detail]`. */
    public record InterfaceView(int ifaceId, String name, int peers, long meanSrttMs, int pendingRoutes, int helloSeconds,
                                int holdSeconds, boolean splitHorizon, boolean passive, boolean md5, long md5KeyId,
                                long hellosSent, long packetized, long reliableMcasts, long unreliableMcasts,
                                long reliableUcasts, long unreliableUcasts, long retransmissions, long crPackets) {}

    public List<InterfaceView> interfaces() {
        List<InterfaceView> out = new ArrayList<>();
        for (Iface i : ifaces.values()) {
            long srtt = 0;
            int pending = 0;
            for (Neighbor n : i.neighbors) {
                srtt += n.srttMs;
                pending += n.queue.size();
            }
            out.add(new InterfaceView(i.cfg.id(), i.cfg.name(), i.neighbors.size(), i.neighbors.isEmpty() ? 0 : srtt / i.neighbors.size(),
                    pending, i.cfg.helloSeconds(), i.cfg.holdSeconds(), i.cfg.splitHorizon(), i.cfg.passive(), i.cfg.md5Key() != null,
                    i.cfg.md5KeyId(), i.hellosSent, i.packetized, i.reliableMcasts, i.unreliableMcasts, i.reliableUcasts,
                    i.unreliableUcasts, i.retransmissions, i.crPackets));
        }
        return out;
    }

    /** One path of `show ip eigrp topology all-links`: via a neighbour (address) or a local source (address 0). */
    public record PathView(String source, int address, String ifaceName, long distance, long reportedDistance,
                           boolean successor, boolean feasibleSuccessor) {}

    /**
     * An entry of `show ip eigrp topology`: P(assive)/A(ctive), FD, paths; while active, whom a
     * Reply is awaited from (the `r` flags) and whom one is owed to (empty: local origin; else the
     * querying successors, RFC 7868 section 3 query origin).
     */
    public record TopologyView(int prefix, int prefixLength, boolean active, long feasibleDistance, int successorCount,
                               List<PathView> paths, List<Integer> repliesAwaited, List<Integer> repliesOwed) {}

    public List<NeighborView> neighbors() {
        List<NeighborView> out = new ArrayList<>();
        for (Iface i : ifaces.values()) {
            for (Neighbor n : i.neighbors) {
                int prefixes = 0;
                for (Dest d : topology.values()) if (d.entries.containsKey(n)) prefixes++;
                out.add(new NeighborView(n.address, i.cfg.id(), i.cfg.name(), n.holdSeconds, now() - n.upSince, n.srttMs,
                        n.rtoMs(), n.queue.size(), n.lastSequenceReceived, n.up, n.stubFlags & 0xff,
                        Math.max(0, n.holdDeadline - now()), n.lastUpdate, n.retransTotal, n.retries, n.version, prefixes, n.handle));
            }
        }
        return out;
    }

    public List<TopologyView> topology() {
        List<TopologyView> out = new ArrayList<>();
        for (Dest d : topology.values()) {
            List<PathView> paths = new ArrayList<>();
            for (Entry e : d.entries.values()) {
                boolean succ = d.successors.contains(e);
                boolean fs = !succ && e.reported < d.fd;
                String src = switch (e.kind) {
                    case CONNECTED -> "Connected";
                    case REDISTRIBUTED -> "Redistributed";
                    case SUMMARY -> "Summary";
                    case LEARNED -> Ipv4Address.toString(e.from.address);
                };
                paths.add(new PathView(src, e.from == null ? 0 : e.from.address,
                        e.iface == null ? "Null0" : e.iface.cfg.name(), e.distance, e.reported, succ, fs));
            }
            List<Integer> awaited = new ArrayList<>();
            for (Neighbor n : d.replyPending.keySet()) awaited.add(n.address);
            List<Integer> owed = new ArrayList<>();
            for (Neighbor n : d.replyOwed) owed.add(n.address);
            out.add(new TopologyView(d.prefix, d.prefixLength, d.active, d.fd, d.successors.size(), paths,
                    List.copyOf(awaited), List.copyOf(owed)));
        }
        return out;
    }

    /** The topology entry for a prefix, or null. */
    public TopologyView topology(int prefix, int prefixLength) {
        for (TopologyView v : topology()) if (v.prefix() == prefix && v.prefixLength() == prefixLength) return v;
        return null;
    }

    public Counters counters() { return counters; }

    public EigrpConfig config() { return config; }
}
