package dev.routerlab.ospf;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.packet.ospf.Ospf;
import dev.routerlab.ospf.OspfInterfaceConfig.AuthType;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import dev.routerlab.ospf.OspfRoute.NextHop;
import dev.routerlab.sim.Scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One OSPFv2 process (`router ospf N`, RFC 2328) with no I/O of its own: packets come in through
 * {@link #receive}, go out through {@link OspfTransmit}; timers run on the injected {@link
 * Scheduler}; routes go to an {@link OspfRouteListener} and log lines to an {@link OspfLog}.
 * Everything runs on the scheduler's thread.
 *
 * <p>Implemented: the interface state machine with DR/BDR election (9), the neighbour state
 * machine, adjacency decision and database exchange with master/slave and retransmission
 * (10), flooding with acknowledgements, retransmission lists, MinLSArrival and MaxAge (13), LSA
 * ageing and refresh (14, 12.4 LSRefreshTime), router- and network-LSA origination (12.4.1,
 * 12.4.2), AS-external origination for redistribution, summary-LSA origination on ABRs
 * (12.4.3, types 3 and 4), the routing table (16.1 with equal-cost paths, 16.2, 16.4), and NSSAs
 * (RFC 3101: type-7 LSAs, their routes, translation to type 5 on the ABR).
 */
public final class OspfInstance {
    static final long SECOND = 1_000_000_000L;
    /** MinLSInterval and MinLSArrival (RFC 2328 appendix B), nanoseconds. */
    public static final long MIN_LS_INTERVAL = 5 * SECOND;
    public static final long MIN_LS_ARRIVAL = SECOND;
    /** Delayed acknowledgements are sent this long after the first one is queued (13.5). */
    static final long ACK_DELAY = SECOND;
    /** IOS `timers throttle spf` initial delay (50 ms) and hold (200 ms). */
    public static final long SPF_DELAY = 50_000_000L;
    public static final long SPF_HOLD = 200_000_000L;
    public static final long SPF_MAX_WAIT = 5_000_000_000L;
    /** IOS `timers pacing flood` default (33 ms). */
    public static final long FLOOD_PACING = 33_000_000L;
    /** At most this many LSAs or requests go into one packet, however large the MTU. */
    static final int MAX_ITEMS_PER_PACKET = 100;
    /** IP header plus room for the MD5 digest. */
    static final int PACKET_OVERHEAD = 20 + Ospf.MD5_DIGEST_LEN;
    public static final int DEFAULT_MAXIMUM_PATHS = 4;

    private final int processId;
    private final int routerId;
    private final Scheduler scheduler;
    private final OspfTransmit transmit;
    private final OspfRouteListener routeListener;
    private final OspfLog log;

    private final Map<String, Iface> interfaces = new LinkedHashMap<>();
    private final Map<Integer, Area> areas = new TreeMap<>(Integer::compareUnsigned);
    /** AS-external-LSAs (flooding scope: the whole AS, 13.3). */
    private final Map<LsaKey, LsaEntry> externalLsdb = new HashMap<>();
    /** Redistributed prefixes this router originates as type 5 (key: prefix/mask). */
    private final Map<Long, External> externals = new LinkedHashMap<>();
    private final Counters counters = new Counters();
    /** Database entries at MaxAge waiting to be removed (14). */
    private final java.util.Set<LsaEntry> maxAged = new java.util.LinkedHashSet<>();
    private int maximumPaths = DEFAULT_MAXIMUM_PATHS;
    /** This ABR translates some type-7 LSA into a type 5 (RFC 3101 3.2). */
    private boolean translating;
    private boolean logAdjacencyDetail;
    private List<OspfRoute> routes = List.of();
    private Scheduler.Timer spfTimer;
    private long lastSpf = Long.MIN_VALUE / 2;
    private long spfHold = SPF_HOLD;
    private long lastSpfNanos;
    private boolean shutdown;
    private OspfDebug debug;
    private final long startNanos;

    public OspfInstance(int processId, int routerId, Scheduler scheduler, OspfTransmit transmit,
                        OspfRouteListener routeListener, OspfLog log) {
        if (routerId == 0) throw new IllegalArgumentException("router ID 0.0.0.0");
        this.processId = processId;
        this.routerId = routerId;
        this.scheduler = Objects.requireNonNull(scheduler);
        this.transmit = Objects.requireNonNull(transmit);
        this.routeListener = routeListener == null ? r -> {} : routeListener;
        this.log = log == null ? OspfLog.NONE : log;
        this.startNanos = scheduler.nanos();
    }

    // ================================================================ types

    record LsaKey(int type, int lsid, int advRouter) {
        static LsaKey of(Lsa.Header h) { return new LsaKey(h.type(), h.lsid(), h.advRouter()); }
    }

    /** One LSA instance in a database, with its age clock (RFC 2328 14). */
    final class LsaEntry {
        final byte[] bytes;
        final Lsa.Header header;
        final long installedNanos;
        final Area area; // null for AS-external
        Scheduler.Timer ageTimer;
        Scheduler.Timer refreshTimer;
        boolean maxAgeFlooded;

        LsaEntry(byte[] bytes, Area area) {
            this.bytes = bytes;
            this.header = Lsa.Header.read(bytes, 0);
            this.installedNanos = scheduler.nanos();
            this.area = area;
        }

        int age() {
            long a = header.age() + (scheduler.nanos() - installedNanos) / SECOND;
            return (int) Math.min(Lsa.MAX_AGE, a);
        }

        LsaKey key() { return LsaKey.of(header); }

        Lsa.Header currentHeader() {
            return new Lsa.Header(age(), header.options(), header.type(), header.lsid(), header.advRouter(),
                    header.seq(), header.checksum(), header.length());
        }

        /** A copy to send, aged by the interface's InfTransDelay (13.3). */
        byte[] forTransmit(int transmitDelay) {
            byte[] b = bytes.clone();
            Lsa.setAge(b, 0, Math.min(Lsa.MAX_AGE, age() + transmitDelay));
            return b;
        }

        boolean selfOriginated() { return header.advRouter() == routerId; }
    }

    final class Area {
        final int id;
        /** `area X stub [no-summary]` (3.6, 12.4.3.1) and `area X default-cost` (IOS default 1). */
        boolean stub, noSummary;
        /** `area X nssa [default-information-originate]` (RFC 3101). */
        boolean nssa, nssaDefault;
        int defaultCost = 1;
        final Map<LsaKey, LsaEntry> lsdb = new HashMap<>();
        final List<Iface> ifaces = new ArrayList<>();
        Scheduler.Timer originateTimer;
        long lastRouterLsa = Long.MIN_VALUE / 2;
        Spf.Result spf;
        /** `area X range` (3.5, 12.4.3): the intra-area prefixes they cover are summarized. */
        List<Range> ranges = List.of();
        long spfRuns, lastSpfNanos;

        Area(int id) { this.id = id; }

        /** No AS-external-LSAs here: a stub area or an NSSA (RFC 3101 2.1). */
        boolean noExternals() { return stub || nssa; }

        /** The range covering a prefix of this area, or null. */
        Range covering(int prefix, int mask) {
            for (Range r : ranges)
                if (Integer.compareUnsigned(mask, r.mask()) >= 0 && (prefix & r.mask()) == r.prefix()) return r;
            return null;
        }
    }

    /** `area X range A M [not-advertise]`: an address range of an area (RFC 2328 3.5). */
    public record Range(int prefix, int mask, boolean advertise) {}

    private record External(int prefix, int mask, int metric, boolean type2, int forwardingAddress, int tag) {}

    final class Iface {
        OspfInterfaceConfig cfg;
        final Area area;
        InterfaceState state = InterfaceState.DOWN;
        boolean lineUp;
        int dr, bdr; // interface addresses (9: Designated Router, Backup Designated Router)
        final Map<Integer, Nbr> nbrs = new LinkedHashMap<>();
        Scheduler.Timer helloTimer, waitTimer, ackTimer, floodTimer;
        long nextHelloNanos;
        final LinkedHashMap<LsaKey, byte[]> floodQueue = new LinkedHashMap<>();
        final List<Lsa.Header> delayedAcks = new ArrayList<>();
        long cryptoSeq;

        Iface(OspfInterfaceConfig cfg, Area area) {
            this.cfg = cfg;
            this.area = area;
            this.cryptoSeq = Math.max(1, scheduler.epochMillis() / 1000);
        }

        boolean multiAccess() {
            return cfg.networkType() == NetworkType.BROADCAST || cfg.networkType() == NetworkType.NON_BROADCAST;
        }

        int maxPayload() { return Math.max(256, cfg.mtu() - PACKET_OVERHEAD - Ospf.HEADER_LEN); }
    }

    final class Nbr {
        final Iface iface;
        int rid, addr, priority, dr, bdr, options;
        NeighborState state = NeighborState.DOWN;
        boolean master;
        int ddSeq;
        boolean ddSeqSet;
        Ospf.DbDescription lastReceived;
        byte[] lastSent;
        boolean lastSentMore;
        final Deque<Lsa.Header> summary = new ArrayDeque<>();
        final LinkedHashMap<LsaKey, Lsa.Header> requests = new LinkedHashMap<>();
        final LinkedHashMap<LsaKey, LsaEntry> retransmit = new LinkedHashMap<>();
        final List<LsaKey> requestsInFlight = new ArrayList<>();
        Scheduler.Timer inactivity, ddTimer, lsrTimer, lsuTimer;
        long lastCryptoSeq = -1;
        long lastHelloNanos;
        /** For `show ip ospf neighbor detail`: state changes, when it became FULL, options in its last DBD, LSAs retransmitted. */
        int stateChanges, ddOptions;
        long fullSince;
        long retransmissions;

        Nbr(Iface iface, int rid, int addr) {
            this.iface = iface;
            this.rid = rid;
            this.addr = addr;
        }
    }

    static final class Counters {
        long received, sent, badPacket, authFailures, helloMismatch, mtuMismatch, areaMismatch, noNeighbor,
                lsaBadChecksum, spfRuns;
    }

    /** Packet and event counters (what `show ip ospf traffic` and `show ip ospf statistics` print). */
    public record OspfCounters(long received, long sent, long badPacket, long authFailures, long helloMismatch,
                               long mtuMismatch, long areaMismatch, long noNeighbor, long spfRuns) {}

    /**
     * A neighbour as `show ip ospf neighbor [detail]` lists it: neighborDr/neighborBdr are what its
     * hellos declare, upSeconds counts from FULL (-1 below FULL).
     */
    public record NeighborInfo(int routerId, int priority, NeighborState state, int address, String interfaceName,
                               int deadTimeSeconds, boolean isDr, boolean isBdr, int areaId, int neighborDr,
                               int neighborBdr, int helloOptions, int ddOptions, int stateChanges, long upSeconds,
                               int retransmitQueue, long retransmissions) {}

    /**
     * An interface as `show ip ospf interface` describes it (dr/bdr are interface addresses, drId/bdrId
     * their router IDs; helloDueSeconds -1 when it sends none).
     */
    public record InterfaceInfo(String name, int areaId, InterfaceState state, int designatedRouter,
                                int backupDesignatedRouter, int neighbors, int adjacent, OspfInterfaceConfig config,
                                int drId, int bdrId, int helloDueSeconds, int floodQueue) {}

    /** One database entry at its current age (`show ip ospf database`); areaId -1 for AS-external; routingBit: its originator is reachable, so it feeds the routing table. */
    public record LsaInfo(long areaId, Lsa.Header header, byte[] bytes, boolean routingBit) {}

    /** An area as `show ip ospf` describes it. */
    public record AreaInfo(long areaId, boolean stub, boolean nssa, boolean noSummary, int interfaces, int loopbacks, long spfRuns,
                           long lastSpfNanos, int lsaCount, long checksumSum, int floodListLength) {}

    /** A router whose LSAs feed the routing table (`show ip protocols` Routing Information Sources), since its router-LSA last changed. */
    public record InformationSource(int routerId, long sinceNanos) {}

    // ================================================================ configuration

    public int routerId() { return routerId; }

    public int processId() { return processId; }

    /** `maximum-paths N` (1-32): equal-cost next hops kept per route. */
    public void setMaximumPaths(int n) {
        maximumPaths = Math.max(1, Math.min(32, n));
        scheduleSpf();
    }

    /** `area X stub [no-summary]` and `area X default-cost C` ({@link #setAreaType}, not an NSSA). */
    public void setAreaStub(int areaId, boolean stub, boolean noSummary, int defaultCost) {
        setAreaType(areaId, stub, false, noSummary, defaultCost, false);
    }

    /**
     * `area X stub [no-summary]`, `area X nssa [no-summary] [default-information-originate]` and
     * `area X default-cost C`: no AS-external-LSAs in a stub area or NSSA, the E bit clear in its
     * hellos (in an NSSA the N bit set, RFC 3101 2.1; a neighbour that disagrees is refused), and,
     * on an ABR, a default summary-LSA into a stub area (or an NSSA with no-summary) instead of
     * (no-summary) or besides the other summaries; a type-7 default into an NSSA with
     * default-information-originate (RFC 3101 2.7). Adjacencies of the area restart, as IOS does
     * when the area type changes.
     */
    public void setAreaType(int areaId, boolean stub, boolean nssa, boolean noSummary, int defaultCost, boolean nssaDefault) {
        Area a = areas.computeIfAbsent(areaId, Area::new);
        boolean changed = a.stub != stub || a.nssa != nssa;
        a.stub = stub;
        a.nssa = nssa && !stub;
        a.noSummary = (stub || nssa) && noSummary;
        a.nssaDefault = a.nssa && nssaDefault;
        a.defaultCost = Math.max(0, Math.min(Lsa.LS_INFINITY - 1, defaultCost));
        if (changed) {
            for (Iface i : a.ifaces)
                for (Nbr n : new ArrayList<>(i.nbrs.values())) killNbr(n, "Neighbor Down: Adjacency forced to reset");
            if (a.noExternals()) for (LsaEntry e : new ArrayList<>(externalLsdb.values())) removeFromRetransmitLists(a, e.key());
            if (!a.nssa) for (LsaEntry e : new ArrayList<>(a.lsdb.values()))
                if (e.header.type() == Lsa.NSSA_EXTERNAL) {
                    cancelTimers(e);
                    a.lsdb.remove(e.key());
                }
            requestOrigination(a);
        }
        originateSummaries();
        originateExternals(null);
        scheduleSpf();
    }

    /** `area X range`: the ranges of an area; an ABR advertises each active one as one summary-LSA. */
    public void setAreaRanges(int areaId, List<Range> ranges) {
        Area a = areas.computeIfAbsent(areaId, Area::new);
        if (a.ranges.equals(ranges)) return;
        a.ranges = List.copyOf(ranges);
        originateSummaries();
    }

    /** The ranges of the areas this router summarizes now (ABR, at least one covered prefix), with their cost. */
    public Map<Range, Integer> activeRanges() {
        Map<Range, Integer> out = new LinkedHashMap<>();
        if (!isAbr()) return out;
        for (Area a : areas.values()) {
            if (a.spf == null || !activeIn(a)) continue;
            for (Spf.Prefix p : a.spf.prefixes().values()) {
                Range r = a.covering(p.prefix(), p.mask());
                if (r != null) out.merge(r, p.cost(), Math::max);
            }
        }
        return out;
    }

    /** Where `debug ip ospf` events go; null: none are built. */
    public void setDebug(OspfDebug d) { debug = d; }

    private void debug(OspfDebug.Category c, Iface i, String text) {
        if (debug != null) debug.event(processId, c, i.cfg.name(), text);
    }

    /** `log-adjacency-changes detail`: every neighbour state change is logged, not only FULL and DOWN. */
    public void setLogAdjacencyDetail(boolean on) { logAdjacencyDetail = on; }

    /**
     * Adds or replaces an interface. A change of area, address, type or timers takes the
     * interface down and up again (neighbours are dropped); a cost change only reoriginates.
     * The interface starts with its line protocol down: call {@link #setInterfaceUp}.
     */
    public void configureInterface(OspfInterfaceConfig cfg) {
        if (shutdown) return;
        Iface old = interfaces.get(cfg.name());
        if (old != null) {
            boolean keep = old.cfg.areaId() == cfg.areaId() && old.cfg.address() == cfg.address()
                    && old.cfg.mask() == cfg.mask() && old.cfg.networkType() == cfg.networkType()
                    && old.cfg.helloInterval() == cfg.helloInterval() && old.cfg.deadInterval() == cfg.deadInterval()
                    && old.cfg.passive() == cfg.passive();
            if (keep) {
                boolean prioChanged = old.cfg.priority() != cfg.priority();
                old.cfg = cfg;
                // 9.5.1: a neighbour added to a non-broadcast network is started at once (10.3 Start)
                if (cfg.networkType() == NetworkType.NON_BROADCAST && old.state != InterfaceState.DOWN && !cfg.passive())
                    for (int a : cfg.neighbors())
                        if (!old.nbrs.containsKey(a)) {
                            Nbr n = new Nbr(old, 0, a);
                            old.nbrs.put(a, n);
                            setNbrState(n, NeighborState.ATTEMPT, "Start");
                        }
                if (prioChanged && old.multiAccess()) neighborChange(old);
                requestOrigination(old.area);
                return;
            }
            boolean up = old.lineUp;
            removeInterface(cfg.name());
            configureInterface(cfg);
            if (up) setInterfaceUp(cfg.name(), true);
            return;
        }
        Area a = areas.computeIfAbsent(cfg.areaId(), Area::new);
        Iface i = new Iface(cfg, a);
        interfaces.put(cfg.name(), i);
        a.ifaces.add(i);
    }

    /** Removes an interface (`no network`, `no ip ospf area`): its neighbours go down, LSAs are reoriginated. */
    public void removeInterface(String name) {
        Iface i = interfaces.get(name);
        if (i == null) return;
        interfaceDown(i, "Interface down or detached");
        interfaces.remove(name);
        i.area.ifaces.remove(i);
        requestOrigination(i.area);
        originateSummaries();
    }

    /** The interface's line protocol came up or went down (9.3 InterfaceUp / InterfaceDown). */
    public void setInterfaceUp(String name, boolean up) {
        Iface i = interfaces.get(name);
        if (i == null || shutdown || i.lineUp == up) return;
        i.lineUp = up;
        if (up) interfaceUp(i);
        else interfaceDown(i, "Interface down or detached");
    }

    /** Redistributes a prefix as an AS-external-LSA (12.4.4); metric-type 2 when type2. */
    public void originateExternal(int prefix, int mask, int metric, boolean type2, int forwardingAddress, int tag) {
        External e = new External(prefix & mask, mask, metric, type2, forwardingAddress, tag);
        if (e.equals(externals.put(Spf.key(prefix & mask, mask), e))) return;
        originateExternals(null);
        for (Area a : areas.values()) requestOrigination(a); // the E bit
    }

    public void withdrawExternal(int prefix, int mask) {
        if (externals.remove(Spf.key(prefix & mask, mask)) == null) return;
        originateExternals(null);
        for (Area a : areas.values()) requestOrigination(a);
    }

    /** `clear ip ospf process`: every adjacency is reset ("Adjacency forced to reset"). */
    public void clear() {
        for (Iface i : interfaces.values()) {
            for (Nbr n : new ArrayList<>(i.nbrs.values())) killNbr(n, "Neighbor Down: Adjacency forced to reset");
            if (i.multiAccess()) neighborChange(i);
        }
    }

    /** Stops the process: neighbours down, timers cancelled; the instance is dead afterwards. */
    public void shutdown() {
        for (Iface i : new ArrayList<>(interfaces.values())) interfaceDown(i, "Interface down or detached");
        for (Area a : areas.values()) {
            for (LsaEntry e : a.lsdb.values()) cancelTimers(e);
            if (a.originateTimer != null) a.originateTimer.cancel();
        }
        for (LsaEntry e : externalLsdb.values()) cancelTimers(e);
        if (spfTimer != null) spfTimer.cancel();
        shutdown = true;
    }

    // ================================================================ read-only views

    public List<OspfRoute> routes() { return routes; }

    public OspfCounters counters() {
        Counters c = counters;
        return new OspfCounters(c.received, c.sent, c.badPacket, c.authFailures, c.helloMismatch, c.mtuMismatch,
                c.areaMismatch, c.noNeighbor, c.spfRuns);
    }

    public List<NeighborInfo> neighbors() {
        List<NeighborInfo> r = new ArrayList<>();
        long now = scheduler.nanos();
        for (Iface i : interfaces.values())
            for (Nbr n : i.nbrs.values()) {
                long dead = n.lastHelloNanos + i.cfg.deadInterval() * SECOND - now;
                r.add(new NeighborInfo(n.rid, n.priority, n.state, n.addr, i.cfg.name(),
                        (int) Math.max(0, dead / SECOND), i.dr != 0 && n.addr == i.dr, i.bdr != 0 && n.addr == i.bdr,
                        i.area.id, n.dr, n.bdr, n.options, n.ddOptions, n.stateChanges,
                        n.state == NeighborState.FULL ? (now - n.fullSince) / SECOND : -1, n.retransmit.size(), n.retransmissions));
            }
        return r;
    }

    public List<InterfaceInfo> interfaces() {
        List<InterfaceInfo> r = new ArrayList<>();
        long now = scheduler.nanos();
        for (Iface i : interfaces.values()) {
            int adj = 0;
            for (Nbr n : i.nbrs.values()) if (n.state == NeighborState.FULL) adj++;
            int due = i.helloTimer == null ? -1 : (int) Math.max(0, (i.nextHelloNanos - now + SECOND - 1) / SECOND);
            r.add(new InterfaceInfo(i.cfg.name(), i.area.id, i.state, i.dr, i.bdr, i.nbrs.size(), adj, i.cfg,
                    ridOf(i, i.dr), ridOf(i, i.bdr), due, i.floodQueue.size()));
        }
        return r;
    }

    /** When the process started (scheduler nanos). */
    public long startNanos() { return startNanos; }

    public int maximumPaths() { return maximumPaths; }

    /** Attached to more than one active area (RFC 2328 3.3). */
    public boolean areaBorderRouter() { return isAbr(); }

    /** Originates AS-external-LSAs (redistribution, or type-7 translation on an NSSA ABR). */
    public boolean asBoundaryRouter() { return !externals.isEmpty() || translating; }

    public List<AreaInfo> areas() {
        List<AreaInfo> r = new ArrayList<>();
        for (Area a : areas.values()) {
            int loops = 0, flood = 0;
            for (Iface i : a.ifaces) {
                if (i.cfg.networkType() == NetworkType.LOOPBACK) loops++;
                flood += i.floodQueue.size();
            }
            long sum = 0;
            for (LsaEntry e : a.lsdb.values()) sum += e.header.checksum();
            r.add(new AreaInfo(a.id & 0xffffffffL, a.stub, a.nssa, a.noSummary, a.ifaces.size(), loops, a.spfRuns, a.lastSpfNanos,
                    a.lsdb.size(), sum, flood));
        }
        return r;
    }

    /** The routers reachable in some area (not us), by router ID. */
    public List<InformationSource> informationSources() {
        Map<Integer, Long> since = new TreeMap<>(Integer::compareUnsigned);
        for (Area a : areas.values()) {
            if (a.spf == null) continue;
            for (int rid : a.spf.routers().keySet()) {
                LsaEntry e = a.lsdb.get(new LsaKey(Lsa.ROUTER, rid, rid));
                if (rid != routerId && e != null) since.merge(rid, e.installedNanos, Math::max);
            }
        }
        List<InformationSource> r = new ArrayList<>();
        since.forEach((rid, t) -> r.add(new InformationSource(rid, t)));
        return r;
    }

    /** Does the LSA's originator have a route in the area (externals: in any area)? */
    private boolean reachable(Area a, LsaEntry e) {
        int adv = e.header.advRouter();
        if (adv == routerId) return false;
        for (Area x : areas.values())
            if ((a == null || x == a) && x.spf != null && x.spf.routers().containsKey(adv)) return true;
        return false;
    }

    public InterfaceState interfaceState(String name) {
        Iface i = interfaces.get(name);
        return i == null ? InterfaceState.DOWN : i.state;
    }

    /** The database, area by area then AS-external, sorted by type, link state ID, advertising router. */
    public List<LsaInfo> database() {
        Comparator<LsaEntry> order = Comparator.<LsaEntry>comparingInt(e -> e.header.type())
                .thenComparing(e -> e.header.lsid(), Integer::compareUnsigned)
                .thenComparing(e -> e.header.advRouter(), Integer::compareUnsigned);
        List<LsaInfo> r = new ArrayList<>();
        for (Area a : areas.values())
            a.lsdb.values().stream().sorted(order)
                    .forEach(e -> r.add(new LsaInfo(a.id & 0xffffffffL, e.currentHeader(), e.bytes.clone(), reachable(a, e))));
        externalLsdb.values().stream().sorted(order)
                .forEach(e -> r.add(new LsaInfo(-1, e.currentHeader(), e.bytes.clone(), reachable(null, e))));
        return r;
    }

    // ================================================================ interface state machine (9.3)

    private void interfaceUp(Iface i) {
        NetworkType t = i.cfg.networkType();
        if (t == NetworkType.LOOPBACK) {
            setIfState(i, InterfaceState.LOOPBACK);
        } else if (t == NetworkType.POINT_TO_POINT || t == NetworkType.POINT_TO_MULTIPOINT) {
            setIfState(i, InterfaceState.POINT_TO_POINT);
        } else if (i.cfg.priority() == 0) {
            setIfState(i, InterfaceState.DR_OTHER);
        } else {
            setIfState(i, InterfaceState.WAITING);
            if (i.cfg.passive()) {
                // no hellos: nobody to wait for; a passive LAN is a stub network (IOS shows DR)
                i.dr = i.cfg.address();
                setIfState(i, InterfaceState.DR);
            } else {
                i.waitTimer = scheduler.schedule(i.cfg.deadInterval() * SECOND, () -> waitTimer(i));
            }
        }
        if (t != NetworkType.LOOPBACK && !i.cfg.passive()) {
            if (t == NetworkType.NON_BROADCAST)
                for (int a : i.cfg.neighbors()) {
                    Nbr n = new Nbr(i, 0, a);
                    i.nbrs.put(a, n);
                    setNbrState(n, NeighborState.ATTEMPT, "Start"); // 10.3 Start
                }
            sendHello(i);
            scheduleHello(i);
        }
        requestOrigination(i.area);
        originateSummaries();
    }

    private void interfaceDown(Iface i, String reason) {
        for (Nbr n : new ArrayList<>(i.nbrs.values())) killNbr(n, "Neighbor Down: " + reason);
        i.nbrs.clear();
        cancel(i.helloTimer, i.waitTimer, i.ackTimer, i.floodTimer);
        i.helloTimer = i.waitTimer = i.ackTimer = i.floodTimer = null;
        i.floodQueue.clear();
        i.delayedAcks.clear();
        i.dr = i.bdr = 0;
        if (i.state != InterfaceState.DOWN) {
            setIfState(i, InterfaceState.DOWN);
            requestOrigination(i.area);
            originateSummaries();
        }
    }

    private void waitTimer(Iface i) {
        i.waitTimer = null;
        if (i.state == InterfaceState.WAITING) electDr(i);
    }

    /** 9.3 BackupSeen. */
    private void backupSeen(Iface i) {
        if (i.state != InterfaceState.WAITING) return;
        cancel(i.waitTimer);
        i.waitTimer = null;
        electDr(i);
    }

    /** 9.3 NeighborChange. */
    private void neighborChange(Iface i) {
        if (i.state == InterfaceState.DR || i.state == InterfaceState.BACKUP || i.state == InterfaceState.DR_OTHER)
            electDr(i);
    }

    private void setIfState(Iface i, InterfaceState s) {
        if (i.state == s) return;
        InterfaceState old = i.state;
        i.state = s;
        debug(OspfDebug.Category.ADJ, i, "Interface state change to " + s.ios + " (was " + old.ios + ")");
        if (old == InterfaceState.DR || s == InterfaceState.DR) requestOrigination(i.area); // network-LSA
    }

    private record Candidate(int rid, int addr, int priority, int dr, int bdr) {}

    /** The router ID behind an interface address on the segment (0 stays 0). */
    private int ridOf(Iface i, int addr) {
        if (addr == 0 || addr == i.cfg.address()) return addr == 0 ? 0 : routerId;
        for (Nbr n : i.nbrs.values()) if (n.addr == addr) return n.rid;
        return addr;
    }

    /** 9.4: the Designated Router and Backup Designated Router. */
    private void electDr(Iface i) {
        if (!i.multiAccess() || i.cfg.passive()) return;
        debug(OspfDebug.Category.ADJ, i, "DR/BDR election");
        int me = i.cfg.address();
        int oldDr = i.dr, oldBdr = i.bdr;
        List<Candidate> cs = new ArrayList<>();
        for (Nbr n : i.nbrs.values())
            if (n.state.atLeast(NeighborState.TWO_WAY) && n.priority > 0) cs.add(new Candidate(n.rid, n.addr, n.priority, n.dr, n.bdr));
        Candidate self = new Candidate(routerId, me, i.cfg.priority(), i.dr, i.bdr);
        int[] r = elect(cs, self);
        boolean wasDr = oldDr == me, wasBdr = oldBdr == me;
        boolean isDr = r[0] == me, isBdr = r[1] == me;
        if (isDr != wasDr || isBdr != wasBdr) { // step 4: our role changed, elect again
            self = new Candidate(routerId, me, i.cfg.priority(), r[0], r[1]);
            r = elect(cs, self);
        }
        i.dr = r[0];
        i.bdr = r[1];
        InterfaceState s = i.dr == me ? InterfaceState.DR : i.bdr == me ? InterfaceState.BACKUP : InterfaceState.DR_OTHER;
        setIfState(i, s);
        if (oldDr != i.dr || oldBdr != i.bdr) {
            debug(OspfDebug.Category.ADJ, i, "DR: " + Ipv4Address.toString(ridOf(i, i.dr)) + " (Id)   BDR: "
                    + Ipv4Address.toString(ridOf(i, i.bdr)) + " (Id)");
            // step 7 (NBMA: Start for ineligible neighbours skipped) and AdjOK? for every 2-Way+ neighbour
            for (Nbr n : new ArrayList<>(i.nbrs.values())) adjOk(n);
            requestOrigination(i.area);
        }
    }

    /** 9.4 steps 2 and 3; returns {DR, BDR} interface addresses. */
    private static int[] elect(List<Candidate> others, Candidate self) {
        List<Candidate> all = new ArrayList<>(others);
        if (self.priority > 0) all.add(self);
        Comparator<Candidate> best = Comparator.<Candidate>comparingInt(c -> c.priority)
                .thenComparing(c -> c.rid, Integer::compareUnsigned);
        Candidate bdr = null;
        for (Candidate c : all) {
            if (c.dr == c.addr) continue; // declares itself DR
            if (c.bdr == c.addr && (bdr == null || bdr.bdr != bdr.addr || best.compare(c, bdr) > 0)) bdr = c;
            else if (c.bdr != c.addr && (bdr == null || (bdr.bdr != bdr.addr && best.compare(c, bdr) > 0))) bdr = c;
        }
        Candidate dr = null;
        for (Candidate c : all) if (c.dr == c.addr && (dr == null || best.compare(c, dr) > 0)) dr = c;
        if (dr == null) dr = bdr;
        int d = dr == null ? 0 : dr.addr, b = bdr == null ? 0 : bdr.addr;
        if (d == b) b = 0;
        return new int[] {d, b};
    }

    // ================================================================ hello protocol (9.5, 10.5)

    private void scheduleHello(Iface i) {
        i.nextHelloNanos = scheduler.nanos() + i.cfg.helloInterval() * SECOND;
        i.helloTimer = scheduler.schedule(i.cfg.helloInterval() * SECOND, () -> {
            if (i.state == InterfaceState.DOWN) return;
            sendHello(i);
            scheduleHello(i);
        });
    }

    private void sendHello(Iface i) {
        List<Integer> seen = new ArrayList<>();
        for (Nbr n : i.nbrs.values()) if (n.state.atLeast(NeighborState.INIT) && n.rid != 0) seen.add(n.rid);
        int[] nb = seen.stream().mapToInt(Integer::intValue).toArray();
        int mask = i.cfg.networkType() == NetworkType.POINT_TO_POINT ? 0 : i.cfg.mask();
        Ospf.Hello h = new Ospf.Hello(mask, i.cfg.helloInterval(), options(i.area), i.cfg.priority(),
                i.cfg.deadInterval(), i.dr, i.bdr, nb);
        byte[] body = Ospf.helloBody(h);
        if (debug != null)
            debug(OspfDebug.Category.HELLO_PACKET, i, "Send hello to " + (i.cfg.networkType() == NetworkType.NON_BROADCAST
                    ? "neighbors" : Ipv4Address.toString(Ospf.ALL_SPF_ROUTERS)) + " area " + areaText(i.area.id) + " from "
                    + Ipv4Address.toString(i.cfg.address()));
        if (i.cfg.networkType() == NetworkType.NON_BROADCAST) {
            for (Nbr n : i.nbrs.values()) send(i, n.addr, Ospf.HELLO, body);
        } else {
            send(i, Ospf.ALL_SPF_ROUTERS, Ospf.HELLO, body);
        }
    }

    /** The E bit is clear in stub areas (A.2, 3.6) and NSSAs, whose N bit is set (RFC 3101 2.1): every router of the area must agree. */
    private int options(Area a) { return a.stub ? 0 : a.nssa ? Ospf.OPT_NP : Ospf.OPT_E; }

    private void receiveHello(Iface i, int src, byte[] b, int rid) {
        Ospf.Hello h = Ospf.parseHello(b, 0);
        if (debug != null)
            debug(OspfDebug.Category.HELLO_PACKET, i, "Rcv hello from " + Ipv4Address.toString(rid) + " area "
                    + areaText(i.area.id) + " " + Ipv4Address.toString(src));
        NetworkType t = i.cfg.networkType();
        boolean maskOk = t == NetworkType.POINT_TO_POINT || h.networkMask() == i.cfg.mask();
        if (!maskOk || h.helloInterval() != i.cfg.helloInterval() || h.deadInterval() != i.cfg.deadInterval()) {
            counters.helloMismatch++;
            debug(OspfDebug.Category.HELLO, i, "Mismatched hello parameters from " + Ipv4Address.toString(src));
            debug(OspfDebug.Category.HELLO, i, "Dead R " + h.deadInterval() + " C " + i.cfg.deadInterval() + ", Hello R "
                    + h.helloInterval() + " C " + i.cfg.helloInterval() + "  Mask R " + Ipv4Address.toString(h.networkMask())
                    + " C " + Ipv4Address.toString(i.cfg.mask()));
            return;
        }
        if ((h.options() & Ospf.OPT_E) != (options(i.area) & Ospf.OPT_E)) {
            counters.helloMismatch++;
            debug(OspfDebug.Category.HELLO, i, "Hello from " + Ipv4Address.toString(src) + " with mismatched Stub/Transit area option bit");
            return;
        }
        if ((h.options() & Ospf.OPT_NP) != (options(i.area) & Ospf.OPT_NP)) {
            counters.helloMismatch++;
            debug(OspfDebug.Category.HELLO, i, "Hello from " + Ipv4Address.toString(src) + " with mismatched NSSA option bit");
            return;
        }
        int key = t == NetworkType.POINT_TO_POINT ? rid : src;
        Nbr n = i.nbrs.get(key);
        if (n == null && t == NetworkType.NON_BROADCAST) n = i.nbrs.get(src);
        if (n == null) {
            if (i.nbrs.size() >= 4096) return; // bounded
            n = new Nbr(i, rid, src);
            i.nbrs.put(key, n);
        }
        int oldPrio = n.priority, oldDr = n.dr, oldBdr = n.bdr;
        n.rid = rid;
        n.addr = src;
        n.priority = h.priority();
        n.dr = h.designatedRouter();
        n.bdr = h.backupDesignatedRouter();
        n.options = h.options();
        n.lastHelloNanos = scheduler.nanos();
        // 10.3 HelloReceived
        if (n.state == NeighborState.DOWN || n.state == NeighborState.ATTEMPT) setNbrState(n, NeighborState.INIT, "Received Hello");
        restartInactivity(n);
        boolean twoWay = false;
        for (int x : h.neighbors()) if (x == routerId) twoWay = true;
        if (!twoWay) {
            oneWay(n);
            return;
        }
        boolean wasBelow = !n.state.atLeast(NeighborState.TWO_WAY);
        twoWayReceived(n);
        if (!i.multiAccess()) return;
        // 10.5: NeighborChange when it becomes bidirectional, its priority changes, or it starts or
        // stops declaring itself DR or BDR
        boolean change = wasBelow || oldPrio != n.priority;
        if (n.dr == src && n.bdr == 0 && i.state == InterfaceState.WAITING) backupSeen(i);
        else if ((oldDr == src) != (n.dr == src)) change = true;
        if (n.bdr == src && i.state == InterfaceState.WAITING) backupSeen(i);
        else if ((oldBdr == src) != (n.bdr == src)) change = true;
        if (change) neighborChange(i);
    }

    private void restartInactivity(Nbr n) {
        cancel(n.inactivity);
        n.inactivity = scheduler.schedule(n.iface.cfg.deadInterval() * SECOND, () -> {
            n.inactivity = null;
            Iface i = n.iface;
            killNbr(n, "Neighbor Down: Dead timer expired");
            if (i.multiAccess()) neighborChange(i);
        });
    }

    // ================================================================ neighbour state machine (10.3)

    private void setNbrState(Nbr n, NeighborState s, String reason) {
        NeighborState old = n.state;
        if (old == s) return;
        n.state = s;
        n.stateChanges++;
        if (s == NeighborState.FULL) {
            n.fullSince = scheduler.nanos();
            debug(OspfDebug.Category.ADJ, n.iface, "Synchronized with " + Ipv4Address.toString(n.rid) + ", state FULL");
        }
        boolean logIt = logAdjacencyDetail || s == NeighborState.FULL
                || (s == NeighborState.DOWN && old.atLeast(NeighborState.INIT));
        if (logIt)
            log.log("%OSPF-5-ADJCHG: Process " + processId + ", Nbr " + Ipv4Address.toString(n.rid) + " on "
                    + n.iface.cfg.name() + " from " + old.ios + " to " + s.ios + ", " + reason);
        if (old == NeighborState.FULL || s == NeighborState.FULL) requestOrigination(n.iface.area);
    }

    private void twoWayReceived(Nbr n) {
        if (n.state != NeighborState.INIT) return;
        debug(OspfDebug.Category.ADJ, n.iface, "2 Way Communication to " + Ipv4Address.toString(n.rid) + ", state 2WAY");
        if (adjacencyWanted(n)) startExStart(n, "2-Way Received");
        else setNbrState(n, NeighborState.TWO_WAY, "2-Way Received");
    }

    /** 10.3 1-WayReceived. */
    private void oneWay(Nbr n) {
        if (!n.state.atLeast(NeighborState.TWO_WAY)) return;
        boolean wasTwoWay = true;
        clearLists(n);
        setNbrState(n, NeighborState.INIT, "1-Way");
        if (wasTwoWay && n.iface.multiAccess()) neighborChange(n.iface);
    }

    /** 10.4: should an adjacency form with this neighbour? */
    private boolean adjacencyWanted(Nbr n) {
        Iface i = n.iface;
        if (!i.multiAccess()) return true;
        int me = i.cfg.address();
        return i.dr == me || i.bdr == me || (n.addr == i.dr) || (n.addr == i.bdr);
    }

    /** 10.3 AdjOK?. */
    private void adjOk(Nbr n) {
        if (n.state == NeighborState.TWO_WAY && adjacencyWanted(n)) startExStart(n, "AdjOK?");
        else if (n.state.atLeast(NeighborState.EXSTART) && !adjacencyWanted(n)) {
            clearLists(n);
            setNbrState(n, NeighborState.TWO_WAY, "AdjOK?");
        }
    }

    private void startExStart(Nbr n, String reason) {
        debug(OspfDebug.Category.ADJ, n.iface, "Nbr " + Ipv4Address.toString(n.rid) + ": Prepare dbase exchange");
        clearLists(n);
        setNbrState(n, NeighborState.EXSTART, reason);
        n.ddSeq = n.ddSeqSet ? n.ddSeq + 1 : (int) (scheduler.nanos() / 1_000_000L) ^ routerId;
        n.ddSeqSet = true;
        n.master = true;
        n.lastReceived = null;
        sendDbd(n, Ospf.DD_I | Ospf.DD_M | Ospf.DD_MS, List.of());
        scheduleDdRetransmit(n);
    }

    private void scheduleDdRetransmit(Nbr n) {
        cancel(n.ddTimer);
        n.ddTimer = scheduler.schedule(n.iface.cfg.retransmitInterval() * SECOND, () -> {
            n.ddTimer = null;
            boolean masterWaiting = n.state == NeighborState.EXSTART || (n.state == NeighborState.EXCHANGE && n.master);
            if (!masterWaiting || n.lastSent == null) return;
            sendRaw(n.iface, n.addr, n.lastSent);
            scheduleDdRetransmit(n);
        });
    }

    private void killNbr(Nbr n, String reason) {
        clearLists(n);
        cancel(n.inactivity, n.ddTimer);
        n.inactivity = n.ddTimer = null;
        boolean wasAdjacent = n.state == NeighborState.FULL;
        setNbrState(n, NeighborState.DOWN, reason);
        Iface i = n.iface;
        if (i.cfg.networkType() == NetworkType.NON_BROADCAST && i.cfg.neighbors().contains(n.addr)) {
            setNbrState(n, NeighborState.ATTEMPT, "Start");
        } else {
            i.nbrs.values().remove(n);
        }
        if (wasAdjacent) requestOrigination(i.area);
        sweepMaxAge();
    }

    private void clearLists(Nbr n) {
        n.summary.clear();
        n.requests.clear();
        n.requestsInFlight.clear();
        n.retransmit.clear();
        n.lastSent = null;
        cancel(n.lsrTimer, n.lsuTimer);
        n.lsrTimer = n.lsuTimer = null;
    }

    private void seqMismatch(Nbr n, String why) {
        debug(OspfDebug.Category.ADJ, n.iface, "Nbr " + Ipv4Address.toString(n.rid) + " " + why + ": SeqNumberMismatch");
        startExStart(n, "SeqNumberMismatch");
    }

    // ================================================================ database exchange (10.6, 10.8)

    private void receiveDbd(Iface i, Nbr n, byte[] b) {
        Ospf.DbDescription d = Ospf.parseDbDescription(b, 0);
        if (debug != null)
            debug(OspfDebug.Category.ADJ, i, "Rcv DBD from " + Ipv4Address.toString(n.rid) + dbdText(d, Ospf.length(b, 0))
                    + "  mtu " + d.interfaceMtu() + " state " + n.state.ios);
        n.ddOptions = d.options();
        if (!i.cfg.mtuIgnore() && d.interfaceMtu() > i.cfg.mtu()) {
            counters.mtuMismatch++;
            debug(OspfDebug.Category.ADJ, i, "Nbr " + Ipv4Address.toString(n.rid) + " has larger interface MTU");
            return;
        }
        boolean dup = n.lastReceived != null && n.lastReceived.flags() == d.flags()
                && n.lastReceived.ddSequence() == d.ddSequence() && n.lastReceived.options() == d.options();
        switch (n.state) {
            case DOWN, ATTEMPT, TWO_WAY -> {
                return;
            }
            case INIT -> {
                twoWayReceived(n);
                if (n.iface.multiAccess()) neighborChange(n.iface); // 9.2: bidirectional communication, as a hello would say
                if (n.state != NeighborState.EXSTART) return;
                exStart(n, d);
            }
            case EXSTART -> exStart(n, d);
            case EXCHANGE -> {
                if (dup) {
                    if (!n.master && n.lastSent != null) sendRaw(i, n.addr, n.lastSent);
                    return;
                }
                if (d.master() == n.master) {
                    seqMismatch(n, "MS bit mismatch");
                    return;
                }
                if (d.init()) {
                    seqMismatch(n, "I bit set");
                    return;
                }
                if (n.lastReceived != null && d.options() != n.lastReceived.options()) {
                    seqMismatch(n, "options changed");
                    return;
                }
                boolean inOrder = n.master ? d.ddSequence() == n.ddSeq : d.ddSequence() == n.ddSeq + 1;
                if (!inOrder) {
                    seqMismatch(n, "bad DD sequence " + Integer.toUnsignedString(d.ddSequence()));
                    return;
                }
                acceptDbd(n, d);
            }
            case LOADING, FULL -> {
                if (dup) {
                    if (!n.master && n.lastSent != null) sendRaw(i, n.addr, n.lastSent);
                    return;
                }
                seqMismatch(n, "DBD in state " + n.state.ios);
            }
        }
    }

    private void exStart(Nbr n, Ospf.DbDescription d) {
        int flagsIms = Ospf.DD_I | Ospf.DD_M | Ospf.DD_MS;
        if ((d.flags() & flagsIms) == flagsIms && d.headers().isEmpty() && Integer.compareUnsigned(n.rid, routerId) > 0) {
            n.master = false; // we are the slave
            n.ddSeq = d.ddSequence();
            negotiationDone(n);
            n.lastReceived = d;
            n.ddSeq = d.ddSequence() - 1; // acceptDbd checks seq == ddSeq + 1 for the slave
            acceptDbd(n, d);
        } else if ((d.flags() & (Ospf.DD_I | Ospf.DD_MS)) == 0 && d.ddSequence() == n.ddSeq
                && Integer.compareUnsigned(n.rid, routerId) < 0) {
            n.master = true;
            negotiationDone(n);
            acceptDbd(n, d);
        }
    }

    /** 10.3 NegotiationDone: the database summary list is every LSA of the area (and AS-external ones). */
    private void negotiationDone(Nbr n) {
        debug(OspfDebug.Category.ADJ, n.iface, "NBR Negotiation Done. We are the " + (n.master ? "MASTER" : "SLAVE"));
        setNbrState(n, NeighborState.EXCHANGE, "Negotiation Done");
        n.summary.clear();
        for (LsaEntry e : floodScope(n.iface.area)) {
            if (e.age() >= Lsa.MAX_AGE) n.retransmit.put(e.key(), e);
            else n.summary.add(e.currentHeader());
        }
        if (!n.retransmit.isEmpty()) scheduleLsuRetransmit(n);
    }

    private List<LsaEntry> floodScope(Area a) {
        List<LsaEntry> r = new ArrayList<>(a.lsdb.values());
        if (!a.noExternals()) r.addAll(externalLsdb.values());
        return r;
    }

    /** 10.6: a DBD accepted in sequence; its headers feed the request list, then the next one goes out. */
    private void acceptDbd(Nbr n, Ospf.DbDescription d) {
        n.lastReceived = d;
        for (Lsa.Header h : d.headers()) {
            if (!inScope(n.iface.area, h.type())) {
                seqMismatch(n, "unexpected LSA type " + h.type());
                return;
            }
            LsaEntry mine = lookup(n.iface.area, LsaKey.of(h));
            if (mine == null || Lsa.compare(h.seq(), h.checksum(), h.age(), mine.header.seq(), mine.header.checksum(), mine.age()) > 0)
                n.requests.put(LsaKey.of(h), h);
        }
        if (n.master) {
            n.ddSeq++;
            if (!n.lastSentMore && !d.more() && n.summary.isEmpty()) {
                cancel(n.ddTimer);
                exchangeDone(n);
            } else {
                sendNextDbd(n);
                scheduleDdRetransmit(n);
            }
        } else {
            n.ddSeq = d.ddSequence();
            sendNextDbd(n);
            if (!d.more() && !n.lastSentMore) exchangeDone(n);
        }
        if (n.state == NeighborState.EXCHANGE && n.requestsInFlight.isEmpty() && !n.requests.isEmpty()) sendLsr(n);
    }

    /** An LSA type the area carries: 1-4, 5 unless stub or NSSA, 7 in an NSSA. */
    private static boolean inScope(Area a, int type) {
        if (type == Lsa.AS_EXTERNAL) return !a.noExternals();
        if (type == Lsa.NSSA_EXTERNAL) return a.nssa;
        return type >= Lsa.ROUTER && type <= Lsa.SUMMARY_ASBR;
    }

    private void sendNextDbd(Nbr n) {
        int max = Math.min(MAX_ITEMS_PER_PACKET, (n.iface.maxPayload() - Ospf.DD_FIXED_LEN) / Lsa.HEADER_LEN);
        List<Lsa.Header> hs = new ArrayList<>();
        while (hs.size() < max && !n.summary.isEmpty()) hs.add(n.summary.poll());
        boolean more = !n.summary.isEmpty();
        sendDbd(n, (more ? Ospf.DD_M : 0) | (n.master ? Ospf.DD_MS : 0), hs);
    }

    private void sendDbd(Nbr n, int flags, List<Lsa.Header> hs) {
        Iface i = n.iface;
        byte[] body = Ospf.dbDescriptionBody(new Ospf.DbDescription(i.cfg.mtu(), options(i.area), flags, n.ddSeq, hs));
        n.lastSent = build(i, Ospf.DB_DESCRIPTION, body);
        n.lastSentMore = (flags & Ospf.DD_M) != 0;
        if (debug != null)
            debug(OspfDebug.Category.ADJ, i, "Send DBD to " + Ipv4Address.toString(n.rid)
                    + dbdText(Ospf.parseDbDescription(n.lastSent, 0), Ospf.length(n.lastSent, 0)));
        sendRaw(i, n.addr, n.lastSent);
    }

    /** The DBD fields `debug ip ospf adj` prints. */
    private static String dbdText(Ospf.DbDescription d, int len) {
        return " seq 0x" + Integer.toHexString(d.ddSequence()).toUpperCase() + " opt 0x" + Integer.toHexString(d.options())
                + " flag 0x" + Integer.toHexString(d.flags()) + " len " + len;
    }

    /** An area as IOS prints it in debugs and shows: a decimal number. */
    private static String areaText(int area) { return Integer.toUnsignedString(area); }

    private void exchangeDone(Nbr n) {
        debug(OspfDebug.Category.ADJ, n.iface, "Exchange Done with " + Ipv4Address.toString(n.rid));
        // 10.3 ExchangeDone: Full when the request list is empty; IOS passes through Loading even
        // then (`from LOADING to FULL, Loading Done` on every adjacency)
        setNbrState(n, NeighborState.LOADING, "Exchange Done");
        if (n.requests.isEmpty()) setNbrState(n, NeighborState.FULL, "Loading Done");
        else if (n.requestsInFlight.isEmpty()) sendLsr(n);
    }

    // ================================================================ link state requests (10.7, 10.9)

    private void sendLsr(Nbr n) {
        if (n.requests.isEmpty()) return;
        int max = Math.min(MAX_ITEMS_PER_PACKET, n.iface.maxPayload() / Ospf.LSR_ENTRY_LEN);
        n.requestsInFlight.clear();
        List<Ospf.LsRequest> rs = new ArrayList<>();
        for (LsaKey k : n.requests.keySet()) {
            if (rs.size() >= max) break;
            rs.add(new Ospf.LsRequest(k.type(), k.lsid(), k.advRouter()));
            n.requestsInFlight.add(k);
        }
        byte[] body = Ospf.lsRequestBody(rs);
        debug(OspfDebug.Category.ADJ, n.iface, "Send LS REQ to " + Ipv4Address.toString(n.rid) + " length " + (Ospf.HEADER_LEN + body.length)
                + " LSA count " + rs.size());
        send(n.iface, n.addr, Ospf.LS_REQUEST, body);
        cancel(n.lsrTimer);
        n.lsrTimer = scheduler.schedule(n.iface.cfg.retransmitInterval() * SECOND, () -> {
            n.lsrTimer = null;
            if (n.state == NeighborState.EXCHANGE || n.state == NeighborState.LOADING) sendLsr(n);
        });
    }

    private void receiveLsr(Iface i, Nbr n, byte[] b) {
        if (!n.state.atLeast(NeighborState.EXCHANGE)) return;
        List<byte[]> out = new ArrayList<>();
        int size = 4;
        for (Ospf.LsRequest r : Ospf.parseLsRequest(b, 0)) {
            LsaEntry e = lookup(i.area, new LsaKey(r.type(), r.lsid(), r.advRouter()));
            if (e == null) {
                debug(OspfDebug.Category.ADJ, i, "Nbr " + Ipv4Address.toString(n.rid) + " requested an LSA we do not have: BadLSReq");
                startExStart(n, "BadLSReq");
                return;
            }
            byte[] l = e.forTransmit(i.cfg.transmitDelay());
            if (!out.isEmpty() && (size + l.length > i.maxPayload() || out.size() >= MAX_ITEMS_PER_PACKET)) {
                send(i, n.addr, Ospf.LS_UPDATE, Ospf.lsUpdateBody(out));
                out = new ArrayList<>();
                size = 4;
            }
            out.add(l);
            size += l.length;
        }
        if (!out.isEmpty()) send(i, n.addr, Ospf.LS_UPDATE, Ospf.lsUpdateBody(out));
    }

    // ================================================================ flooding (13)

    private void receiveLsu(Iface i, Nbr n, byte[] b) {
        if (!n.state.atLeast(NeighborState.EXCHANGE)) return;
        boolean requestsChanged = false;
        List<Ospf.LsaRef> refs = Ospf.parseLsUpdate(b, 0);
        if (n.state != NeighborState.FULL)
            debug(OspfDebug.Category.ADJ, i, "Rcv LS UPD from " + Ipv4Address.toString(n.rid) + " length " + Ospf.length(b, 0)
                    + " LSA count " + refs.size());
        for (Ospf.LsaRef ref : refs) {
            byte[] lsa = Arrays.copyOfRange(b, ref.offset(), ref.offset() + ref.length());
            Lsa.Header h = Lsa.Header.read(lsa, 0);
            LsaKey key = LsaKey.of(h);
            // 13 step 3: no AS-external-LSAs in stub areas or NSSAs, type-7 ones only in NSSAs (RFC 3101 2.4)
            if (!inScope(i.area, h.type())) continue;
            LsaEntry mine = lookup(i.area, key);
            // 13 step 4: a MaxAge LSA we do not have, with no exchange in progress, is acknowledged and dropped
            if (h.age() >= Lsa.MAX_AGE && mine == null && !exchangeInProgress()) {
                sendDirectAck(i, n, List.of(h));
                continue;
            }
            int cmp = mine == null ? 1
                    : Lsa.compare(h.seq(), h.checksum(), h.age(), mine.header.seq(), mine.header.checksum(), mine.age());
            Lsa.Header requested = n.requests.get(key);
            if (requested != null && Lsa.compare(h.seq(), h.checksum(), h.age(), requested.seq(), requested.checksum(), requested.age()) >= 0) {
                n.requests.remove(key);
                n.requestsInFlight.remove(key);
                requestsChanged = true;
            }
            if (cmp > 0) {
                // 13 step 5
                if (mine != null && scheduler.nanos() - mine.installedNanos < MIN_LS_ARRIVAL) { // 5a
                    continue;
                }
                boolean floodedBack = flood(i.area, lsa, h, i, n); // 5b
                removeFromRetransmitLists(i.area, key); // 5c
                LsaEntry e = install(i.area, lsa); // 5d
                if (!floodedBack) queueAck(i, n, h); // 5e
                if (e.selfOriginated() || isOurNetworkLsa(h)) selfOriginatedReceived(e); // 5f
            } else if (requested != null && cmp != 0 && n.requests.containsKey(key)) {
                startExStart(n, "BadLSReq"); // 13 step 6
                return;
            } else if (cmp == 0) {
                // 13 step 7: same instance
                if (n.retransmit.remove(key) != null) {
                    if (i.state == InterfaceState.BACKUP && n.addr == i.dr) queueAck(i, n, h); // implied ack
                } else sendDirectAck(i, n, List.of(h));
            } else {
                // 13 step 8: ours is newer; send it back unless it is at MaxAge with MaxSequenceNumber
                if (mine.age() >= Lsa.MAX_AGE && mine.header.seq() == Lsa.MAX_SEQUENCE) continue;
                send(i, n.addr, Ospf.LS_UPDATE, Ospf.lsUpdateBody(List.of(mine.forTransmit(i.cfg.transmitDelay()))));
            }
        }
        if (requestsChanged) {
            if (n.requests.isEmpty()) {
                cancel(n.lsrTimer);
                n.lsrTimer = null;
                n.requestsInFlight.clear();
                if (n.state == NeighborState.LOADING) setNbrState(n, NeighborState.FULL, "Loading Done");
            } else if (n.requestsInFlight.isEmpty()) sendLsr(n);
        }
        sweepMaxAge();
    }

    private boolean exchangeInProgress() {
        for (Iface i : interfaces.values())
            for (Nbr n : i.nbrs.values()) if (n.state == NeighborState.EXCHANGE || n.state == NeighborState.LOADING) return true;
        return false;
    }

    private boolean isOurNetworkLsa(Lsa.Header h) {
        if (h.type() != Lsa.NETWORK) return false;
        for (Iface i : interfaces.values()) if (i.cfg.address() == h.lsid()) return true;
        return false;
    }

    /**
     * 13.3: floods a new LSA out of the interfaces of its scope, adding it to the retransmission
     * lists of adjacent neighbours. Returns true when it went back out of the receiving interface.
     */
    private boolean flood(Area area, byte[] lsa, Lsa.Header h, Iface from, Nbr sender) {
        boolean backOut = false;
        LsaKey key = LsaKey.of(h);
        LsaEntry pending = null; // one retransmission entry shared by every neighbour's list
        List<Iface> scope = new ArrayList<>();
        if (h.type() == Lsa.AS_EXTERNAL) {
            for (Iface i : interfaces.values()) if (!i.area.noExternals()) scope.add(i);
        }
        else scope.addAll(area.ifaces);
        for (Iface i : scope) {
            if (i.state == InterfaceState.DOWN || i.state == InterfaceState.LOOPBACK) continue;
            boolean added = false;
            for (Nbr n : i.nbrs.values()) {
                if (!n.state.atLeast(NeighborState.EXCHANGE)) continue;
                if (n.state != NeighborState.FULL) {
                    Lsa.Header req = n.requests.get(key);
                    if (req != null) {
                        int c = Lsa.compare(h.seq(), h.checksum(), h.age(), req.seq(), req.checksum(), req.age());
                        if (c < 0) continue;
                        n.requests.remove(key);
                        n.requestsInFlight.remove(key);
                        if (n.requests.isEmpty() && n.state == NeighborState.LOADING) setNbrState(n, NeighborState.FULL, "Loading Done");
                        if (c == 0) continue;
                    }
                }
                if (n == sender) continue;
                if (pending == null) pending = new LsaEntry(lsa, h.type() == Lsa.AS_EXTERNAL ? null : area);
                n.retransmit.put(key, pending);
                if (n.lsuTimer == null) scheduleLsuRetransmit(n);
                added = true;
            }
            if (!added) continue;
            if (i == from && sender != null && (sender.addr == i.dr || sender.addr == i.bdr)) continue;
            if (i == from && i.state == InterfaceState.BACKUP) continue;
            if (i == from) backOut = true;
            byte[] out = lsa.clone();
            Lsa.setAge(out, 0, Math.min(Lsa.MAX_AGE, h.age() + i.cfg.transmitDelay()));
            queueFlood(i, key, out);
        }
        return backOut;
    }

    /**
     * Flood pacing (IOS: 33 ms): LSAs flooded out of an interface within one pacing interval go
     * in as few Link State Updates as fit the MTU; a newer instance replaces a queued older one.
     */
    private void queueFlood(Iface i, LsaKey key, byte[] lsa) {
        i.floodQueue.put(key, lsa);
        if (i.floodTimer == null) i.floodTimer = scheduler.schedule(FLOOD_PACING, () -> {
            i.floodTimer = null;
            sendFloodQueue(i);
        });
    }

    private void sendFloodQueue(Iface i) {
        if (i.floodQueue.isEmpty() || i.state == InterfaceState.DOWN) {
            i.floodQueue.clear();
            return;
        }
        List<byte[]> batch = new ArrayList<>();
        int size = 4;
        for (byte[] l : i.floodQueue.values()) {
            if (!batch.isEmpty() && (size + l.length > i.maxPayload() || batch.size() >= MAX_ITEMS_PER_PACKET)) {
                sendUpdate(i, batch);
                batch = new ArrayList<>();
                size = 4;
            }
            batch.add(l);
            size += l.length;
        }
        if (!batch.isEmpty()) sendUpdate(i, batch);
        i.floodQueue.clear();
    }

    /** 13.3 step 5: where a flooded Link State Update goes on each network type. */
    private void sendUpdate(Iface i, List<byte[]> lsas) {
        byte[] body = Ospf.lsUpdateBody(lsas);
        switch (i.cfg.networkType()) {
            case BROADCAST -> send(i, i.state == InterfaceState.DR || i.state == InterfaceState.BACKUP
                    ? Ospf.ALL_SPF_ROUTERS : Ospf.ALL_D_ROUTERS, Ospf.LS_UPDATE, body);
            case POINT_TO_POINT -> send(i, Ospf.ALL_SPF_ROUTERS, Ospf.LS_UPDATE, body);
            default -> {
                for (Nbr n : i.nbrs.values()) if (n.state.atLeast(NeighborState.EXCHANGE)) send(i, n.addr, Ospf.LS_UPDATE, body);
            }
        }
    }

    private void scheduleLsuRetransmit(Nbr n) {
        cancel(n.lsuTimer);
        n.lsuTimer = scheduler.schedule(n.iface.cfg.retransmitInterval() * SECOND, () -> {
            n.lsuTimer = null;
            if (n.retransmit.isEmpty() || !n.state.atLeast(NeighborState.EXCHANGE)) return;
            List<byte[]> out = new ArrayList<>();
            int size = 4;
            for (LsaEntry e : n.retransmit.values()) {
                if (out.size() >= MAX_ITEMS_PER_PACKET || size + e.bytes.length > n.iface.maxPayload()) break;
                out.add(e.forTransmit(n.iface.cfg.transmitDelay()));
                size += e.bytes.length;
            }
            if (!out.isEmpty()) send(n.iface, n.addr, Ospf.LS_UPDATE, Ospf.lsUpdateBody(out));
            n.retransmissions += out.size();
            scheduleLsuRetransmit(n);
        });
    }

    /** Retransmission lists of the LSA's flooding scope only: router-LSAs of two areas share a key. */
    private void removeFromRetransmitLists(Area a, LsaKey key) {
        for (Iface i : interfaces.values())
            if (key.type() == Lsa.AS_EXTERNAL || i.area == a) for (Nbr n : i.nbrs.values()) n.retransmit.remove(key);
    }

    private void receiveAck(Iface i, Nbr n, byte[] b) {
        if (!n.state.atLeast(NeighborState.EXCHANGE)) return;
        for (Lsa.Header h : Ospf.parseLsAck(b, 0)) {
            LsaEntry e = n.retransmit.get(LsaKey.of(h));
            if (e != null && Lsa.compare(h.seq(), h.checksum(), h.age(), e.header.seq(), e.header.checksum(), e.age()) == 0) {
                n.retransmit.remove(LsaKey.of(h));
            }
        }
        if (n.retransmit.isEmpty()) {
            cancel(n.lsuTimer);
            n.lsuTimer = null;
        }
        sweepMaxAge();
    }

    /** 13.5: delayed acknowledgement, sent as a multicast on broadcast and point-to-point links. */
    private void queueAck(Iface i, Nbr n, Lsa.Header h) {
        if (i.cfg.networkType() == NetworkType.NON_BROADCAST || i.cfg.networkType() == NetworkType.POINT_TO_MULTIPOINT) {
            sendDirectAck(i, n, List.of(h));
            return;
        }
        if (i.state == InterfaceState.BACKUP && n.addr != i.dr) return; // 13.5: BDR acks only what came from the DR
        i.delayedAcks.add(h);
        if (i.ackTimer == null) i.ackTimer = scheduler.schedule(ACK_DELAY, () -> {
            i.ackTimer = null;
            flushAcks(i);
        });
        if (i.delayedAcks.size() >= Math.min(MAX_ITEMS_PER_PACKET, i.maxPayload() / Lsa.HEADER_LEN)) flushAcks(i);
    }

    private void flushAcks(Iface i) {
        if (i.delayedAcks.isEmpty() || i.state == InterfaceState.DOWN) return;
        int dst = i.cfg.networkType() == NetworkType.BROADCAST && i.state == InterfaceState.DR_OTHER
                ? Ospf.ALL_D_ROUTERS : Ospf.ALL_SPF_ROUTERS;
        send(i, dst, Ospf.LS_ACK, Ospf.lsAckBody(new ArrayList<>(i.delayedAcks)));
        i.delayedAcks.clear();
    }

    private void sendDirectAck(Iface i, Nbr n, List<Lsa.Header> hs) {
        send(i, n.addr, Ospf.LS_ACK, Ospf.lsAckBody(hs));
    }

    // ================================================================ the database (12, 13.2, 14)

    private LsaEntry lookup(Area a, LsaKey k) {
        return k.type() == Lsa.AS_EXTERNAL ? externalLsdb.get(k) : a.lsdb.get(k);
    }

    private Map<LsaKey, LsaEntry> dbFor(Area a, int type) { return type == Lsa.AS_EXTERNAL ? externalLsdb : a.lsdb; }

    /** 13.2: installs an instance, restarting its age clock; a change of contents schedules SPF. */
    private LsaEntry install(Area a, byte[] lsa) {
        Lsa.Header h = Lsa.Header.read(lsa, 0);
        Map<LsaKey, LsaEntry> db = dbFor(a, h.type());
        LsaEntry e = new LsaEntry(lsa, h.type() == Lsa.AS_EXTERNAL ? null : a);
        LsaEntry old = db.put(e.key(), e);
        if (old != null) cancelTimers(old);
        if (h.age() < Lsa.MAX_AGE) {
            e.ageTimer = scheduler.schedule((Lsa.MAX_AGE - h.age()) * SECOND, () -> reachedMaxAge(e));
            if (e.selfOriginated())
                e.refreshTimer = scheduler.schedule(Math.max(1, Lsa.LS_REFRESH_TIME - h.age()) * SECOND, () -> refresh(e));
        } else {
            e.maxAgeFlooded = true;
            maxAged.add(e);
        }
        if (old == null || contentChanged(old, e)) scheduleSpf();
        return e;
    }

    private static boolean contentChanged(LsaEntry a, LsaEntry b) {
        if ((a.age() >= Lsa.MAX_AGE) != (b.age() >= Lsa.MAX_AGE)) return true;
        if (a.bytes.length != b.bytes.length || a.header.options() != b.header.options()) return true;
        return !Arrays.equals(a.bytes, Lsa.HEADER_LEN, a.bytes.length, b.bytes, Lsa.HEADER_LEN, b.bytes.length);
    }

    private void cancelTimers(LsaEntry e) {
        cancel(e.ageTimer, e.refreshTimer);
        e.ageTimer = e.refreshTimer = null;
    }

    /** 14: an LSA reached MaxAge: it is flooded and removed once no neighbour still needs it. */
    private void reachedMaxAge(LsaEntry e) {
        e.ageTimer = null;
        if (lookup(e.area, e.key()) != e || e.maxAgeFlooded) return;
        e.maxAgeFlooded = true;
        maxAged.add(e);
        byte[] b = e.bytes.clone();
        Lsa.setAge(b, 0, Lsa.MAX_AGE);
        flood(e.area == null ? anyArea() : e.area, b, Lsa.Header.read(b, 0), null, null);
        scheduleSpf();
        sweepMaxAge();
    }

    private Area anyArea() { return areas.isEmpty() ? new Area(0) : areas.values().iterator().next(); }

    /** 14: removes MaxAge LSAs no longer on any retransmission list, when no exchange is going on. */
    private void sweepMaxAge() {
        if (maxAged.isEmpty() || exchangeInProgress()) return;
        for (Iterator<LsaEntry> it = maxAged.iterator(); it.hasNext(); ) {
            LsaEntry e = it.next();
            Map<LsaKey, LsaEntry> db = e.area == null ? externalLsdb : e.area.lsdb;
            if (db.get(e.key()) != e) {
                it.remove();
                continue;
            }
            if (onAnyRetransmitList(e.key())) continue;
            cancelTimers(e);
            db.remove(e.key());
            it.remove();
        }
    }

    private boolean onAnyRetransmitList(LsaKey k) {
        for (Iface i : interfaces.values()) for (Nbr n : i.nbrs.values()) if (n.retransmit.containsKey(k)) return true;
        return false;
    }

    /** Premature ageing (14.1): sets the LSA to MaxAge and floods it. */
    private void flush(LsaEntry e) {
        byte[] b = e.bytes.clone();
        Lsa.setAge(b, 0, Lsa.MAX_AGE);
        Area a = e.area == null ? anyArea() : e.area;
        removeFromRetransmitLists(a, e.key());
        LsaEntry ne = install(a, b);
        flood(a, b, ne.header, null, null);
        sweepMaxAge();
    }

    /** 12.4 and 13.4: installs and floods a new instance of one of our own LSAs. */
    private void originate(Area a, byte[] lsa) {
        Lsa.Header h = Lsa.Header.read(lsa, 0);
        removeFromRetransmitLists(a, LsaKey.of(h));
        install(a, lsa);
        flood(a, lsa, h, null, null);
    }

    private int nextSeq(Area a, LsaKey k) {
        LsaEntry old = lookup(a, k);
        if (old == null) return Lsa.INITIAL_SEQUENCE;
        return old.header.seq() == Lsa.MAX_SEQUENCE ? Lsa.INITIAL_SEQUENCE : old.header.seq() + 1;
    }

    /** LSRefreshTime (12.4, 14): our LSAs are reoriginated every 30 minutes with the next sequence number. */
    private void refresh(LsaEntry e) {
        e.refreshTimer = null;
        if (lookup(e.area, e.key()) != e || e.age() >= Lsa.MAX_AGE) return;
        byte[] b = e.bytes.clone();
        Lsa.setAge(b, 0, 0);
        Bytes.put32(b, 12, nextSeq(e.area, e.key())); // LS sequence number (A.4.1)
        Lsa.finish(b);
        originate(e.area == null ? anyArea() : e.area, b);
    }

    /** 13.4: someone flooded a newer instance of an LSA we originate (or did before a restart). */
    private void selfOriginatedReceived(LsaEntry e) {
        Lsa.Header h = e.header;
        if (h.age() >= Lsa.MAX_AGE) return;
        boolean wanted;
        Area a = e.area;
        if (h.type() == Lsa.ROUTER) wanted = h.advRouter() == routerId && h.lsid() == routerId;
        else if (h.type() == Lsa.NETWORK) {
            wanted = false;
            for (Iface i : interfaces.values())
                if (i.cfg.address() == h.lsid() && i.state == InterfaceState.DR && h.advRouter() == routerId) wanted = true;
        } else if (h.type() == Lsa.AS_EXTERNAL || h.type() == Lsa.NSSA_EXTERNAL) {
            originateExternals(e); // reoriginated past it if still wanted, else flushed
            return;
        } else wanted = h.advRouter() == routerId && a != null && wantedSummaries(a).containsKey(new LsaKey(h.type(), h.lsid(), routerId));
        if (!wanted) {
            flush(e);
            return;
        }
        // reoriginate past the received sequence number, at once (MinLSInterval does not apply)
        if (h.type() == Lsa.ROUTER || h.type() == Lsa.NETWORK) {
            a.lastRouterLsa = Long.MIN_VALUE / 2;
            originateAreaLsas(a);
        } else originateSummaries();
    }

    // ================================================================ origination (12.4)

    /** Router- and network-LSAs of an area are rebuilt at most once per MinLSInterval. */
    private void requestOrigination(Area a) {
        if (a.originateTimer != null || shutdown) return;
        long delay = Math.max(0, a.lastRouterLsa + MIN_LS_INTERVAL - scheduler.nanos());
        a.originateTimer = scheduler.schedule(delay, () -> {
            a.originateTimer = null;
            originateAreaLsas(a);
        });
    }

    private boolean isAbr() {
        int active = 0;
        for (Area a : areas.values()) if (activeIn(a)) active++;
        return active > 1;
    }

    private boolean activeIn(Area a) {
        for (Iface i : a.ifaces) if (i.state != InterfaceState.DOWN) return true;
        return false;
    }

    private void originateAreaLsas(Area a) {
        a.lastRouterLsa = scheduler.nanos();
        // 12.4.1 router-LSA
        List<Lsa.RouterLink> links = new ArrayList<>();
        for (Iface i : a.ifaces) {
            OspfInterfaceConfig c = i.cfg;
            int net = c.address() & c.mask();
            switch (i.state) {
                case DOWN -> {}
                case LOOPBACK -> links.add(new Lsa.RouterLink(c.address(), 0xffffffff, Lsa.LINK_STUB, c.cost())); // IOS: loopback cost 1
                case POINT_TO_POINT -> {
                    for (Nbr n : i.nbrs.values())
                        if (n.state == NeighborState.FULL) links.add(new Lsa.RouterLink(n.rid, c.address(), Lsa.LINK_P2P, c.cost()));
                    if (c.networkType() == NetworkType.POINT_TO_MULTIPOINT)
                        links.add(new Lsa.RouterLink(c.address(), 0xffffffff, Lsa.LINK_STUB, 0));
                    else links.add(new Lsa.RouterLink(net, c.mask(), Lsa.LINK_STUB, c.cost()));
                }
                default -> {
                    boolean transit = false;
                    if (i.state != InterfaceState.WAITING && i.dr != 0) {
                        if (i.dr == c.address()) {
                            for (Nbr n : i.nbrs.values()) if (n.state == NeighborState.FULL) transit = true;
                        } else {
                            for (Nbr n : i.nbrs.values()) if (n.addr == i.dr && n.state == NeighborState.FULL) transit = true;
                        }
                    }
                    if (transit) links.add(new Lsa.RouterLink(i.dr, c.address(), Lsa.LINK_TRANSIT, c.cost()));
                    else links.add(new Lsa.RouterLink(net, c.mask(), Lsa.LINK_STUB, c.cost()));
                }
            }
        }
        int flags = (isAbr() ? Lsa.FLAG_B : 0) | (asBoundaryRouter() ? Lsa.FLAG_E : 0);
        LsaKey rk = new LsaKey(Lsa.ROUTER, routerId, routerId);
        LsaEntry old = a.lsdb.get(rk);
        boolean need = !a.ifaces.isEmpty() || old != null;
        if (need) {
            byte[] lsa = Lsa.buildRouter(0, options(a), routerId, routerId, nextSeq(a, rk), flags, links);
            if (old == null || old.age() >= Lsa.MAX_AGE || contentChanged(old, new LsaEntry(lsa, a))) originate(a, lsa);
        }
        // 12.4.2 network-LSAs for the segments where we are DR with at least one full neighbour
        for (Iface i : a.ifaces) {
            LsaKey nk = new LsaKey(Lsa.NETWORK, i.cfg.address(), routerId);
            LsaEntry oldNet = a.lsdb.get(nk);
            List<Integer> attached = new ArrayList<>();
            if (i.state == InterfaceState.DR && i.multiAccess()) {
                for (Nbr n : i.nbrs.values()) if (n.state == NeighborState.FULL) attached.add(n.rid);
            }
            if (!attached.isEmpty()) {
                attached.add(0, routerId);
                byte[] lsa = Lsa.buildNetwork(0, options(a), i.cfg.address(), routerId, nextSeq(a, nk), i.cfg.mask(),
                        attached.stream().mapToInt(Integer::intValue).toArray());
                if (oldNet == null || oldNet.age() >= Lsa.MAX_AGE || contentChanged(oldNet, new LsaEntry(lsa, a))) originate(a, lsa);
            } else if (oldNet != null && oldNet.age() < Lsa.MAX_AGE) {
                flush(oldNet);
            }
        }
        // stale network-LSAs of addresses we no longer have
        for (LsaEntry e : new ArrayList<>(a.lsdb.values()))
            if (e.header.type() == Lsa.NETWORK && e.selfOriginated() && e.age() < Lsa.MAX_AGE && !isOurNetworkLsa(e.header)) flush(e);
    }

    /** One type-5 or type-7 LSA this router wants to originate (A.4.5; RFC 3101 2.2). */
    private record ExternalLsa(Area area, int type, int options, int prefix, int mask, boolean type2, int metric, int fa, int tag) {
        LsaKey key(int routerId) { return new LsaKey(type, prefix, routerId); }
    }

    /**
     * 12.4.4 and RFC 3101: what this router originates of the external routes: type 5s of what it
     * redistributes when it has a normal area, type 7s into each active NSSA (the P bit set so the
     * NSSA's ABR translates them, unless we are that ABR; forwarding address one of ours in the
     * NSSA, 2.3), an ABR's type-7 default into an NSSA with default-information-originate (2.7),
     * and the type 5s the NSSA translator makes of type 7s (3.2). Differences only; `forced` (a
     * newer instance of ours received, 13.4) is reoriginated past its sequence number if wanted.
     */
    private void originateExternals(LsaEntry forced) {
        if (shutdown) return;
        boolean normal = areas.isEmpty();
        for (Area a : areas.values()) if (!a.noExternals()) normal = true;
        Map<LsaKey, ExternalLsa> type5 = new LinkedHashMap<>();
        if (normal)
            for (External x : externals.values())
                type5.put(new LsaKey(Lsa.AS_EXTERNAL, x.prefix, routerId),
                        new ExternalLsa(null, Lsa.AS_EXTERNAL, Ospf.OPT_E, x.prefix, x.mask, x.type2, x.metric, x.forwardingAddress, x.tag));
        boolean abr = isAbr(), wasTranslating = translating;
        translating = false;
        List<ExternalLsa> type7 = new ArrayList<>();
        for (Area a : areas.values()) {
            if (!a.nssa || !activeIn(a)) continue;
            int fa = nssaForwardingAddress(a);
            for (External x : externals.values())
                type7.add(new ExternalLsa(a, Lsa.NSSA_EXTERNAL, abr || fa == 0 ? 0 : Ospf.OPT_NP, x.prefix, x.mask, x.type2, x.metric, fa, x.tag));
            if (abr && a.nssaDefault && !externals.containsKey(Spf.key(0, 0)))
                type7.add(new ExternalLsa(a, Lsa.NSSA_EXTERNAL, 0, 0, 0, true, 1, 0, 0));
            if (!normal || !translator(a)) continue;
            for (LsaEntry e : a.lsdb.values()) {
                if (e.header.type() != Lsa.NSSA_EXTERNAL || e.selfOriginated() || e.age() >= Lsa.MAX_AGE
                        || (e.header.options() & Ospf.OPT_NP) == 0) continue;
                Lsa.ExternalBody x = Lsa.external(e.bytes, 0);
                int prefix = e.header.lsid() & x.mask();
                if (x.forwardingAddress() == 0 || !installedFrom(a, prefix, x.mask())) continue;
                LsaKey k = new LsaKey(Lsa.AS_EXTERNAL, prefix, routerId);
                if (type5.containsKey(k)) continue;
                type5.put(k, new ExternalLsa(null, Lsa.AS_EXTERNAL, Ospf.OPT_E, prefix, x.mask(), x.type2(), x.metric(), x.forwardingAddress(), x.routeTag()));
                translating = true;
            }
        }
        for (ExternalLsa w : type5.values()) originateExternal(w, forced);
        for (ExternalLsa w : type7) originateExternal(w, forced);
        for (LsaEntry e : new ArrayList<>(externalLsdb.values()))
            if (e.selfOriginated() && e.age() < Lsa.MAX_AGE && !type5.containsKey(e.key())) flush(e);
        for (Area a : areas.values())
            for (LsaEntry e : new ArrayList<>(a.lsdb.values())) {
                if (e.header.type() != Lsa.NSSA_EXTERNAL || !e.selfOriginated() || e.age() >= Lsa.MAX_AGE) continue;
                if (type7.stream().noneMatch(w -> w.area() == a && w.key(routerId).equals(e.key()))) flush(e);
            }
        if (translating != wasTranslating) for (Area a : areas.values()) requestOrigination(a); // the E bit
    }

    private void originateExternal(ExternalLsa w, LsaEntry forced) {
        LsaKey k = w.key(routerId);
        LsaEntry old = lookup(w.area(), k);
        if (old != null && old != forced && old.age() < Lsa.MAX_AGE && old.header.options() == w.options()
                && Lsa.external(old.bytes, 0).equals(new Lsa.ExternalBody(w.mask(), w.type2(), w.metric(), w.fa(), w.tag()))) return;
        originate(w.area() == null ? anyArea() : w.area(), Lsa.buildExternal(w.type(), 0, w.options(), w.prefix(), routerId,
                nextSeq(w.area(), k), w.mask(), w.type2(), w.metric(), w.fa(), w.tag()));
    }

    /** RFC 3101 2.3: the forwarding address of our type 7s: an address of ours in the NSSA, a loopback's first, else the highest. */
    private static int nssaForwardingAddress(Area a) {
        int best = 0;
        boolean loop = false;
        for (Iface i : a.ifaces) {
            if (i.state == InterfaceState.DOWN) continue;
            boolean l = i.state == InterfaceState.LOOPBACK;
            if ((l && !loop) || (l == loop && Integer.compareUnsigned(i.cfg.address(), best) > 0)) best = i.cfg.address();
            loop |= l;
        }
        return best;
    }

    /** RFC 3101 3.1: of the NSSA's border routers, the one with the highest router ID translates. */
    private boolean translator(Area a) {
        if (!isAbr() || a.spf == null) return false;
        for (Spf.RouterPath r : a.spf.routers().values())
            if ((r.flags() & Lsa.FLAG_B) != 0 && Integer.compareUnsigned(r.routerId(), routerId) > 0) return false;
        return true;
    }

    /** The routing table's route to the prefix comes from a type-7 LSA of area a (RFC 3101 3.2: only those are translated). */
    private boolean installedFrom(Area a, int prefix, int mask) {
        for (OspfRoute r : routes)
            if (r.prefix() == prefix && r.mask() == mask) return r.type().nssa() && r.areaId() == a.id;
        return false;
    }

    /** 12.4.3: what an ABR advertises into area a: the other areas' intra-area routes (and backbone inter-area ones into a non-backbone area), and ASBRs. */
    private Map<LsaKey, int[]> wantedSummaries(Area into) {
        Map<LsaKey, int[]> want = new LinkedHashMap<>();
        if (!isAbr() || !activeIn(into)) return want;
        if (into.stub || into.noSummary) { // 12.4.3.1: a default summary into a stub area (an NSSA: with no-summary, RFC 3101 2.6); no-summary: nothing else
            want.put(new LsaKey(Lsa.SUMMARY_NETWORK, 0, routerId), new int[] {0, into.defaultCost});
            if (into.noSummary) return want;
        }
        for (Area a : areas.values()) {
            if (a == into || a.spf == null || !activeIn(a)) continue;
            // 12.4.3: a range is advertised once, at the highest cost of the prefixes it covers
            Map<Range, Integer> ranges = new LinkedHashMap<>();
            for (Spf.Prefix p : a.spf.prefixes().values()) {
                Range r = a.covering(p.prefix(), p.mask());
                if (r != null) ranges.merge(r, p.cost(), Math::max);
                else wantSummary(want, p.prefix(), p.mask(), p.cost());
            }
            ranges.forEach((r, cost) -> {
                if (r.advertise()) wantSummary(want, r.prefix(), r.mask(), cost);
            });
            for (Spf.RouterPath r : a.spf.routers().values()) {
                // no ASBR summaries into stub areas or NSSAs, nor of NSSA ASBRs (their type 7s are translated, RFC 3101 2.4)
                if ((r.flags() & Lsa.FLAG_E) == 0 || into.noExternals() || a.nssa) continue;
                LsaKey k = new LsaKey(Lsa.SUMMARY_ASBR, r.routerId(), routerId);
                int[] cur = want.get(k);
                if (cur == null || r.cost() < cur[1]) want.put(k, new int[] {0, r.cost()});
            }
        }
        if (into.id != 0) {
            for (OspfRoute r : routes)
                if (r.type() == OspfRoute.Type.INTER_AREA && r.areaId() == 0) {
                    LsaKey k = new LsaKey(Lsa.SUMMARY_NETWORK, r.prefix(), routerId);
                    want.putIfAbsent(k, new int[] {r.mask(), r.cost()});
                }
        }
        return want;
    }

    private void wantSummary(Map<LsaKey, int[]> want, int prefix, int mask, int cost) {
        LsaKey k = new LsaKey(Lsa.SUMMARY_NETWORK, prefix, routerId);
        int[] cur = want.get(k);
        if (cur == null || cost < cur[1]) want.put(k, new int[] {mask, cost});
    }

    private void originateSummaries() {
        if (shutdown) return;
        for (Area a : areas.values()) {
            Map<LsaKey, int[]> want = wantedSummaries(a);
            for (Map.Entry<LsaKey, int[]> w : want.entrySet()) {
                LsaKey k = w.getKey();
                LsaEntry old = a.lsdb.get(k);
                if (old != null && old.age() < Lsa.MAX_AGE) {
                    Lsa.SummaryBody s = Lsa.summary(old.bytes, 0);
                    if (s.mask() == w.getValue()[0] && s.metric() == w.getValue()[1]) continue;
                }
                originate(a, Lsa.buildSummary(k.type(), 0, options(a), k.lsid(), routerId, nextSeq(a, k), w.getValue()[0],
                        Math.min(w.getValue()[1], Lsa.LS_INFINITY)));
            }
            for (LsaEntry e : new ArrayList<>(a.lsdb.values())) {
                int t = e.header.type();
                if ((t == Lsa.SUMMARY_NETWORK || t == Lsa.SUMMARY_ASBR) && e.selfOriginated() && e.age() < Lsa.MAX_AGE
                        && !want.containsKey(e.key())) flush(e);
            }
        }
    }

    // ================================================================ routing table (16)

    /**
     * IOS `timers throttle spf 50 200 5000`: the first change after a quiet period runs SPF after
     * 50 ms; while changes keep coming the wait doubles from 200 ms up to 5 s; two quiet hold
     * periods reset it.
     */
    private void scheduleSpf() {
        if (spfTimer != null || shutdown) return;
        long now = scheduler.nanos();
        long delay;
        if (now - lastSpf > 2 * spfHold) {
            spfHold = SPF_HOLD;
            delay = SPF_DELAY;
        } else {
            delay = Math.max(SPF_DELAY, lastSpf + spfHold - now);
            spfHold = Math.min(2 * spfHold, SPF_MAX_WAIT);
        }
        spfTimer = scheduler.schedule(delay, () -> {
            spfTimer = null;
            runSpf();
        });
    }

    /** Runs the whole calculation now (normally scheduled after LSDB changes). */
    void runSpf() {
        lastSpf = scheduler.nanos();
        long t0 = System.nanoTime();
        counters.spfRuns++;
        Spf.Links links = new Spf.Links() {
            @Override
            public String interfaceFor(int localAddress) {
                for (Iface i : interfaces.values()) if (i.cfg.address() == localAddress && i.state != InterfaceState.DOWN) return i.cfg.name();
                return null;
            }

            @Override
            public int neighborAddress(String name, int rid) {
                Iface i = interfaces.get(name);
                if (i == null) return 0;
                for (Nbr n : i.nbrs.values()) if (n.rid == rid && n.state == NeighborState.FULL) return n.addr;
                return 0;
            }
        };
        Map<Long, OspfRoute> table = new HashMap<>();
        // 16.1 per area
        for (Area a : areas.values()) {
            List<byte[]> lsas = new ArrayList<>();
            for (LsaEntry e : a.lsdb.values())
                if (e.age() < Lsa.MAX_AGE && (e.header.type() == Lsa.ROUTER || e.header.type() == Lsa.NETWORK)) lsas.add(e.bytes);
            a.spf = Spf.run(routerId, lsas, links, maximumPaths);
            a.spfRuns++;
            a.lastSpfNanos = lastSpf;
            for (Spf.Prefix p : a.spf.prefixes().values()) {
                long k = Spf.key(p.prefix(), p.mask());
                OspfRoute cur = table.get(k);
                OspfRoute r = new OspfRoute(p.prefix(), p.mask(), p.connected() ? List.of() : p.nextHops(), p.cost(), p.cost(),
                        OspfRoute.Type.INTRA_AREA, a.id);
                if (cur == null || r.cost() < cur.cost()) table.put(k, r);
            }
        }
        Map<Long, OspfRoute> connectedOrIntra = new HashMap<>(table);
        // 16.2 inter-area: an ABR looks at backbone summaries only
        boolean abr = isAbr();
        Map<Integer, RouterRoute> asbrs = new HashMap<>();
        for (Area a : areas.values())
            for (Spf.RouterPath r : a.spf.routers().values())
                if ((r.flags() & Lsa.FLAG_E) != 0) {
                    RouterRoute cur = asbrs.get(r.routerId());
                    if (cur == null || r.cost() < cur.cost) asbrs.put(r.routerId(), new RouterRoute(r.cost(), r.nextHops()));
                }
        for (Area a : areas.values()) {
            if (abr && a.id != 0) continue;
            for (LsaEntry e : a.lsdb.values()) {
                int t = e.header.type();
                if ((t != Lsa.SUMMARY_NETWORK && t != Lsa.SUMMARY_ASBR) || e.selfOriginated() || e.age() >= Lsa.MAX_AGE) continue;
                Lsa.SummaryBody s = Lsa.summary(e.bytes, 0);
                if (s.metric() >= Lsa.LS_INFINITY) continue;
                Spf.RouterPath br = a.spf.routers().get(e.header.advRouter());
                if (br == null || (br.flags() & Lsa.FLAG_B) == 0) continue;
                int cost = br.cost() + s.metric();
                if (t == Lsa.SUMMARY_ASBR) {
                    RouterRoute cur = asbrs.get(e.header.lsid());
                    if (cur == null) asbrs.put(e.header.lsid(), new RouterRoute(cost, br.nextHops()));
                    continue;
                }
                int prefix = e.header.lsid() & s.mask();
                long k = Spf.key(prefix, s.mask());
                if (connectedOrIntra.containsKey(k)) continue;
                OspfRoute cur = table.get(k);
                if (cur == null || cost < cur.cost()) {
                    table.put(k, new OspfRoute(prefix, s.mask(), br.nextHops(), cost, cost, OspfRoute.Type.INTER_AREA, a.id));
                } else if (cost == cur.cost()) {
                    table.put(k, merge(cur, br.nextHops()));
                }
            }
        }
        // 16.4 AS-external routes
        Map<Long, OspfRoute> internal = new HashMap<>(table);
        for (LsaEntry e : externalLsdb.values()) {
            if (e.selfOriginated() || e.age() >= Lsa.MAX_AGE) continue;
            Lsa.ExternalBody x = Lsa.external(e.bytes, 0);
            if (x.metric() >= Lsa.LS_INFINITY) continue;
            RouterRoute asbr = asbrs.get(e.header.advRouter());
            if (asbr == null) continue;
            int fwdCost = asbr.cost;
            List<NextHop> nh = asbr.nextHops;
            if (x.forwardingAddress() != 0) {
                OspfRoute via = longestMatch(internal, x.forwardingAddress());
                if (via == null) continue;
                fwdCost = via.cost();
                nh = via.nextHops().isEmpty() ? connectedNextHop(x.forwardingAddress()) : via.nextHops();
            }
            int prefix = e.header.lsid() & x.mask();
            long k = Spf.key(prefix, x.mask());
            if (internal.containsKey(k)) continue;
            OspfRoute r = x.type2()
                    ? new OspfRoute(prefix, x.mask(), nh, x.metric(), fwdCost, OspfRoute.Type.EXTERNAL_2, 0)
                    : new OspfRoute(prefix, x.mask(), nh, fwdCost + x.metric(), fwdCost + x.metric(), OspfRoute.Type.EXTERNAL_1, 0);
            OspfRoute cur = table.get(k);
            if (cur == null || better(r, cur)) table.put(k, r);
            else if (!better(cur, r)) table.put(k, merge(cur, nh));
        }
        // RFC 3101 2.5: type-7 routes, from the NSSA's own ASBRs (intra-area paths only)
        for (Area a : areas.values()) {
            if (!a.nssa) continue;
            for (LsaEntry e : a.lsdb.values()) {
                if (e.header.type() != Lsa.NSSA_EXTERNAL || e.selfOriginated() || e.age() >= Lsa.MAX_AGE) continue;
                Lsa.ExternalBody x = Lsa.external(e.bytes, 0);
                int prefix = e.header.lsid() & x.mask();
                if (x.metric() >= Lsa.LS_INFINITY || (abr && x.mask() == 0 && prefix == 0)) continue; // 2.5 (3): ABRs ignore type-7 defaults
                Spf.RouterPath asbr = a.spf.routers().get(e.header.advRouter());
                if (asbr == null) continue;
                int fwdCost = asbr.cost();
                List<NextHop> nh = asbr.nextHops();
                if (x.forwardingAddress() != 0) {
                    OspfRoute via = null;
                    for (OspfRoute r : internal.values())
                        if (r.type() == OspfRoute.Type.INTRA_AREA && r.areaId() == a.id && ((x.forwardingAddress() ^ r.prefix()) & r.mask()) == 0
                                && (via == null || Integer.compareUnsigned(r.mask(), via.mask()) > 0)) via = r;
                    if (via == null) continue;
                    fwdCost = via.cost();
                    nh = via.nextHops().isEmpty() ? connectedNextHop(x.forwardingAddress()) : via.nextHops();
                }
                long k = Spf.key(prefix, x.mask());
                if (internal.containsKey(k)) continue;
                OspfRoute r = x.type2()
                        ? new OspfRoute(prefix, x.mask(), nh, x.metric(), fwdCost, OspfRoute.Type.NSSA_2, a.id)
                        : new OspfRoute(prefix, x.mask(), nh, fwdCost + x.metric(), fwdCost + x.metric(), OspfRoute.Type.NSSA_1, a.id);
                OspfRoute cur = table.get(k);
                if (cur == null || better(r, cur)) table.put(k, r);
                else if (!better(cur, r) && cur.type() == r.type()) table.put(k, merge(cur, nh));
            }
        }
        List<OspfRoute> out = new ArrayList<>();
        for (OspfRoute r : table.values()) if (!r.nextHops().isEmpty() && !connected(r.prefix(), r.mask())) out.add(r);
        out.sort(Comparator.comparing(OspfRoute::prefix, Integer::compareUnsigned).thenComparing(OspfRoute::mask, Integer::compareUnsigned));
        lastSpfNanos = System.nanoTime() - t0;
        List<OspfRoute> frozen = List.copyOf(out);
        boolean changed = !frozen.equals(routes);
        routes = frozen;
        originateSummaries();
        originateExternals(null);
        if (changed) routeListener.routesChanged(frozen);
    }

    /** Wall time of the last SPF run (for `show ip ospf statistics` and the benchmark). */
    public long lastSpfWallNanos() { return lastSpfNanos; }

    private record RouterRoute(int cost, List<NextHop> nextHops) {}

    /**
     * 16.4 step 6: type 1 (E1, N1) beats type 2 (E2, N2); then the lower cost; for type 2 ties,
     * the lower forwarding cost; then a type-5 route over a type-7 one (RFC 3101 2.5 (6)).
     */
    private static boolean better(OspfRoute a, OspfRoute b) {
        if (a.type().metricType() != b.type().metricType()) return a.type().metricType() < b.type().metricType();
        if (a.cost() != b.cost()) return a.cost() < b.cost();
        if (a.forwardingCost() != b.forwardingCost()) return a.forwardingCost() < b.forwardingCost();
        return !a.type().nssa() && b.type().nssa();
    }

    private OspfRoute merge(OspfRoute r, List<NextHop> more) {
        List<NextHop> nh = new ArrayList<>(r.nextHops());
        for (NextHop h : more) if (nh.size() < maximumPaths && !nh.contains(h)) nh.add(h);
        return new OspfRoute(r.prefix(), r.mask(), nh, r.cost(), r.forwardingCost(), r.type(), r.areaId());
    }

    private static OspfRoute longestMatch(Map<Long, OspfRoute> table, int addr) {
        OspfRoute best = null;
        for (OspfRoute r : table.values())
            if ((addr & r.mask()) == r.prefix() && (best == null || Integer.compareUnsigned(r.mask(), best.mask()) > 0)) best = r;
        return best;
    }

    /** A prefix on one of our own up interfaces is connected: the RIB has it already, OSPF does not offer it. */
    private boolean connected(int prefix, int mask) {
        for (Iface i : interfaces.values())
            if (i.state != InterfaceState.DOWN && i.cfg.mask() == mask && (i.cfg.address() & mask) == prefix) return true;
        return false;
    }

    private List<NextHop> connectedNextHop(int addr) {
        for (Iface i : interfaces.values())
            if (i.state != InterfaceState.DOWN && ((addr ^ i.cfg.address()) & i.cfg.mask()) == 0)
                return List.of(new NextHop(addr, i.cfg.name()));
        return List.of();
    }

    // ================================================================ input (8.2) and output (8.1)

    /**
     * An OSPF packet (the IPv4 payload, protocol 89) received on an interface from srcAddr to
     * dstAddr. Bad, unauthenticated and unexpected packets are counted and dropped; nothing
     * throws.
     */
    public void receive(String ifaceName, int srcAddr, int dstAddr, byte[] bytes) {
        if (shutdown) return;
        counters.received++;
        Iface i = interfaces.get(ifaceName);
        if (i == null || i.state == InterfaceState.DOWN || i.state == InterfaceState.LOOPBACK || i.cfg.passive()) {
            counters.badPacket++;
            return;
        }
        PacketError err = Ospf.check(bytes, 0, bytes == null ? 0 : bytes.length);
        if (!err.ok()) {
            counters.badPacket++;
            debug(OspfDebug.Category.ADJ, i, "Rcv bad packet from " + Ipv4Address.toString(srcAddr) + ": " + err);
            return;
        }
        if (srcAddr == i.cfg.address() || Ospf.routerId(bytes, 0) == routerId) return; // our own (8.2)
        if (Ospf.areaId(bytes, 0) != i.area.id) {
            counters.areaMismatch++;
            debug(OspfDebug.Category.ADJ, i, "Rcv pkt from " + Ipv4Address.toString(srcAddr) + ", area "
                    + Ipv4Address.toString(i.area.id) + " mismatches header area " + Ipv4Address.toString(Ospf.areaId(bytes, 0)));
            return;
        }
        if (dstAddr == Ospf.ALL_D_ROUTERS && i.state != InterfaceState.DR && i.state != InterfaceState.BACKUP) return;
        if (!authenticate(i, srcAddr, bytes)) return;
        int type = Ospf.type(bytes, 0);
        int rid = Ospf.routerId(bytes, 0);
        if (type == Ospf.HELLO) {
            receiveHello(i, srcAddr, bytes, rid);
            return;
        }
        Nbr n = i.cfg.networkType() == NetworkType.POINT_TO_POINT ? i.nbrs.get(rid) : i.nbrs.get(srcAddr);
        if (n == null || n.rid != rid) {
            counters.noNeighbor++;
            return;
        }
        switch (type) {
            case Ospf.DB_DESCRIPTION -> receiveDbd(i, n, bytes);
            case Ospf.LS_REQUEST -> receiveLsr(i, n, bytes);
            case Ospf.LS_UPDATE -> receiveLsu(i, n, bytes);
            default -> receiveAck(i, n, bytes);
        }
    }

    /** D.5: authentication type, key, and the non-decreasing cryptographic sequence number. */
    private boolean authenticate(Iface i, int src, byte[] b) {
        int want = switch (i.cfg.authType()) {
            case NULL -> Ospf.AUTH_NULL;
            case SIMPLE -> Ospf.AUTH_SIMPLE;
            case MESSAGE_DIGEST -> Ospf.AUTH_CRYPTO;
        };
        int got = Ospf.authType(b, 0);
        String from = "Rcv pkt from " + Ipv4Address.toString(src) + " : ";
        if (got != want) {
            counters.authFailures++;
            debug(OspfDebug.Category.ADJ, i, from + "Mismatched Authentication type. Input packet specified type " + got + ", we use type " + want);
            return false;
        }
        if (!Ospf.verifyAuth(b, 0, got, i.cfg.authKey(), i.cfg.md5KeyId())) {
            counters.authFailures++;
            debug(OspfDebug.Category.ADJ, i, from + (got == Ospf.AUTH_CRYPTO
                    ? "Mismatched Authentication Key - Message Digest Key " + i.cfg.md5KeyId()
                    : "Mismatched Authentication Key - Clear Text"));
            return false;
        }
        if (got == Ospf.AUTH_CRYPTO) {
            int rid = Ospf.routerId(b, 0);
            Nbr n = i.cfg.networkType() == NetworkType.POINT_TO_POINT ? i.nbrs.get(rid) : i.nbrs.get(src);
            long seq = Ospf.cryptoSequence(b, 0);
            if (n != null && n.state != NeighborState.DOWN && seq < n.lastCryptoSeq) {
                counters.authFailures++;
                debug(OspfDebug.Category.ADJ, i, from + "Mismatched Authentication Key - Message Digest sequence number");
                return false;
            }
            if (n != null) n.lastCryptoSeq = seq;
        }
        return true;
    }

    private byte[] build(Iface i, int type, byte[] body) {
        OspfInterfaceConfig c = i.cfg;
        int auth = switch (c.authType()) {
            case NULL -> Ospf.AUTH_NULL;
            case SIMPLE -> Ospf.AUTH_SIMPLE;
            case MESSAGE_DIGEST -> Ospf.AUTH_CRYPTO;
        };
        long seq = c.authType() == AuthType.MESSAGE_DIGEST ? i.cryptoSeq++ : 0;
        return Ospf.build(type, routerId, i.area.id, body, auth, c.authKey(), c.md5KeyId(), seq);
    }

    private void send(Iface i, int dst, int type, byte[] body) { sendRaw(i, dst, build(i, type, body)); }

    private void sendRaw(Iface i, int dst, byte[] packet) {
        if (i.state == InterfaceState.DOWN) return;
        counters.sent++;
        transmit.send(i.cfg.name(), dst, packet);
    }

    private static void cancel(Scheduler.Timer... ts) {
        for (Scheduler.Timer t : ts) if (t != null) t.cancel();
    }
}
