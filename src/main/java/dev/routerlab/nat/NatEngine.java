package dev.routerlab.nat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.acl.AclMatch;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.NatConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.NatBinding;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.NatRewrite;
import dev.routerlab.packet.Tcp;
import dev.routerlab.sim.Scheduler;

/**
 * One router's NAT (RFC 3022) with IOS semantics: `ip nat inside|outside` interfaces, static and
 * dynamic inside-source mappings (a pool, or an interface's address with overload: PAT), TCP/UDP
 * ports and ICMP identifiers translated, ESP through PAT as IOS does without SPI matching (one
 * inside host per outside peer, port 0), ICMP errors translated with the datagram they quote,
 * IOS timeouts on the injected clock. Inside to outside after routing, outside to inside before
 * it ({@link NatBinding}). A packet no mapping covers goes on untranslated, as on IOS.
 * Scheduler thread only.
 */
public final class NatEngine implements NatBinding {
    /** How often expired entries are swept (lookups also drop an expired entry they find). */
    static final long SWEEP_NANOS = 10_000_000_000L;
    /** The most entries the table holds (IOS `ip nat translation max-entries` bounds it the same way). */
    public static final int MAX_ENTRIES = 1 << 20;

    /** Counters of `show ip nat statistics`. */
    public static final class Stats {
        public long hits, misses, expired, inToOutDrops, outToInDrops, peak, peakNanos;
    }

    private final IpEngine ip;
    private final Scheduler scheduler;
    private final NatTable table = new NatTable();
    private final Stats stats = new Stats();
    private final HashMap<InterfaceName, InterfaceConfig.NatRole> roles = new HashMap<>();
    /** Pool usage: addresses handed to simple dynamic entries, by pool name. */
    private final HashMap<String, Long> poolMisses = new HashMap<>();
    private NatConfig config = new NatConfig();
    /** The model, from the first reconcile (the router's constructor makes it, before any packet or command). */
    private RunningConfig running;
    private Scheduler.Timer sweep;
    /** `debug ip nat`: where its lines go (null: off). */
    private Consumer<String> debug;

    public NatEngine(IpEngine ip, Scheduler scheduler) {
        this.ip = ip;
        this.scheduler = scheduler;
    }

    /** Follows the model; binds the NAT stage into the IP engine only while NAT is configured. */
    public void reconcile(RunningConfig cfg) {
        running = cfg;
        config = cfg.nat;
        roles.clear();
        for (InterfaceConfig ic : cfg.interfaces.values()) if (ic.nat != null) roles.put(ic.name, ic.nat);
        // statics: the table follows the configuration (added, removed)
        List<Translation> stale = new ArrayList<>();
        for (Translation t : table.entries()) {
            if (t.kind == Translation.Kind.STATIC && !config.statics.contains(staticOf(t))) stale.add(t);
        }
        for (Translation t : stale) removeWithChildren(t);
        for (NatConfig.StaticMapping m : config.statics) {
            if (m.protocol() != 0) continue;
            Translation t = table.simpleByLocal.get(m.local());
            if (t != null && t.kind == Translation.Kind.STATIC) continue;
            if (t != null) removeWithChildren(t);
            Translation g = table.simpleByGlobal.get(m.global());
            if (g != null) removeWithChildren(g);
            table.addSimple(Translation.Kind.STATIC, m.local(), m.global(), 0, scheduler.nanos());
        }
        boolean active = !roles.isEmpty() && (!config.statics.isEmpty() || !config.dynamics.isEmpty() || table.size() > 0);
        ip.bindNat(active ? this : null);
    }

    private static NatConfig.StaticMapping staticOf(Translation t) {
        return new NatConfig.StaticMapping(0, t.insideLocal, 0, t.insideGlobal, 0, false);
    }

    private void removeWithChildren(Translation simple) {
        List<Translation> kids = new ArrayList<>();
        for (Translation t : table.entries()) if (t.parent == simple) kids.add(t);
        for (Translation t : kids) table.remove(t);
        table.remove(simple);
    }

    /** A reload: no translations, no counters. */
    public void reset() {
        table.clearDynamic();
        List<Translation> statics = new ArrayList<>();
        for (Translation t : table.entries()) statics.add(t);
        for (Translation t : statics) table.remove(t);
        clearStatistics();
        debug = null;
    }

    // ------------------------------------------------------------------ views

    public Stats stats() { return stats; }

    public NatConfig config() { return config; }

    /** Some interface has an `ip nat` role. */
    public boolean hasRoles() { return !roles.isEmpty(); }

    /** Live entries (expired ones dropped first), extended ones first, each group in creation order. */
    public List<Translation> translations() {
        expire();
        List<Translation> ext = new ArrayList<>(), simple = new ArrayList<>();
        for (Translation t : table.entries()) (t.extended() ? ext : simple).add(t);
        ext.addAll(simple);
        return ext;
    }

    public int size() { return table.size(); }

    public int staticCount() { return table.staticCount; }

    public int extendedCount() { return table.extendedCount; }

    /** PAT bindings held (benchmarks and tests: none may outlive their entries). */
    public int bindings() { return table.bindings(); }

    /** The interfaces with `ip nat` role r, in name order. */
    public List<InterfaceName> interfaces(InterfaceConfig.NatRole r) {
        List<InterfaceName> l = new ArrayList<>();
        for (InterfaceConfig ic : running.interfaces.values()) if (ic.nat == r) l.add(ic.name);
        return l;
    }

    /** Entries made by dynamic mapping id (1-based): the IOS refcount. */
    public int refcount(int mapId) {
        int n = 0;
        for (Translation t : table.entries()) if (t.mapId == mapId && t.parent == null) n++;
        return n;
    }

    /** Addresses of a pool held by simple entries. */
    public int allocated(String pool) {
        NatConfig.Pool p = config.pools.get(pool);
        if (p == null) return 0;
        int n = 0;
        for (Translation t : table.entries()) {
            if (t.kind == Translation.Kind.DYNAMIC && inPool(p, t.insideGlobal)) n++;
        }
        return n;
    }

    public long poolMisses(String pool) { return poolMisses.getOrDefault(pool, 0L); }

    public void setDebug(Consumer<String> d) { debug = d; }

    public boolean debugging() { return debug != null; }

    /** `clear ip nat translation *`. */
    public void clear() { table.clearDynamic(); }

    /** `clear ip nat statistics`. */
    public void clearStatistics() {
        stats.hits = stats.misses = stats.expired = stats.inToOutDrops = stats.outToInDrops = stats.peak = stats.peakNanos = 0;
        poolMisses.clear();
    }

    /** Removes what has expired now; `debug ip nat` says so for each extended entry. */
    public void expire() {
        List<Translation> gone = table.expire(config, scheduler.nanos());
        stats.expired += gone.size();
        if (debug == null) return;
        for (Translation t : gone) {
            if (!t.extended()) continue;
            debug.accept("NAT: expiring " + Ipv4Address.toString(t.insideGlobal) + " (" + Ipv4Address.toString(t.insideLocal)
                + ") " + t.protocolName() + " " + t.insideGlobalPort + " (" + t.insideLocalPort + ")");
        }
    }

    private void sweepLater() {
        if (sweep != null) return;
        sweep = scheduler.schedule(SWEEP_NANOS, () -> {
            sweep = null;
            expire();
            if (table.size() > table.staticCount) sweepLater();
        });
    }

    // ------------------------------------------------------------------ the packet path

    @Override
    public boolean alias(IpInterface in, int address) {
        if (roles.get(in.name) != InterfaceConfig.NatRole.OUTSIDE) return false;
        for (NatConfig.StaticMapping m : config.statics) if (m.global() == address) return true;
        for (NatConfig.Pool p : config.pools.values()) if (inPool(p, address)) return true;
        return false;
    }

    /** Outside to inside: the destination, before routing. */
    @Override
    public boolean input(IpInterface in, byte[] b, int off, int len) {
        if (roles.get(in.name) != InterfaceConfig.NatRole.OUTSIDE) return true;
        long now = scheduler.nanos();
        int proto = Ipv4.protocol(b, off);
        int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
        int q = NatRewrite.quoted(b, off, len);
        if (q != NatRewrite.NONE) {                 // an ICMP error about a datagram we translated outbound
            Translation t = lookup(table.inbound, Ipv4.protocol(b, q), Ipv4.source(b, q), portOf(b, q, len - (q - off), true),
                Ipv4.destination(b, q), portOf(b, q, len - (q - off), false), now);
            if (t != null) {
                hit(t, now);
                NatRewrite.rewriteError(b, off, len, false, t.insideLocal, t.insideLocalPort);
                trace(t, b, off, false, false);
                return true;
            }
            return simpleIn(b, off, len, dst, now);
        }
        int sp = portOf(b, off, len, true), dp = portOf(b, off, len, false);
        if (sp == NatRewrite.NONE && ports(proto) && !Ipv4.isFragment(b, off)) return true;   // truncated: not ours
        if (sp == NatRewrite.NONE && Ipv4.fragmentOffset(b, off) != 0) return simpleIn(b, off, len, dst, now);
        Translation t = lookup(table.inbound, proto, dst, dp, src, sp, now);
        boolean created = false;
        if (t == null) {
            Translation s = table.simpleByGlobal.get(dst);
            NatConfig.StaticMapping pm = s == null ? staticPort(proto, dst, dp) : null;
            // RFC 4787 §5 (REQ-8), endpoint-independent filtering for UDP: a PAT-bound global port
            // takes datagrams from any outside endpoint, as NAT-T between two spokes behind PAT needs
            NatTable.Binding pb = proto == Ipv4.PROTO_UDP ? table.boundTo(proto, dst, dp) : null;
            if (pb != null) {
                if (full()) return drop(false);
                t = table.addExtended(proto, pb.local.address(), pb.local.port(), dst, dp, src, sp, null, pb, pb.mapId, now,
                    pb.inside, in.name);
            } else if (s != null && extendable(proto)) {
                if (full()) return drop(false);
                t = table.addExtended(proto, s.insideLocal, dp, dst, dp, src, sp, s, null, s.mapId, now, in.name, null);
            } else if (pm != null) {
                if (full()) return drop(false);
                t = table.addExtended(proto, pm.local(), pm.localPort(), dst, dp, src, sp, null, null, 0, now, in.name, null);
            } else if (s != null) {
                hit(s, now);
                NatRewrite.rewrite(b, off, len, false, s.insideLocal, NatRewrite.NONE);
                return true;
            }
            if (t == null) return true;             // not translated: routed as it is (to the router itself, say)
            created = true;
            stats.misses++;
            peak(now);
            sweepLater();
        }
        if (created) use(t, now);
        else hit(t, now);
        tcpState(t, b, off, len);
        trace(t, b, off, false, created);
        NatRewrite.rewrite(b, off, len, false, t.insideLocal, ports(proto) ? t.insideLocalPort : NatRewrite.NONE);
        return true;
    }

    private boolean simpleIn(byte[] b, int off, int len, int dst, long now) {
        Translation s = table.simpleByGlobal.get(dst);
        if (s == null) return true;
        hit(s, now);
        if (NatRewrite.quoted(b, off, len) != NatRewrite.NONE) NatRewrite.rewriteError(b, off, len, false, s.insideLocal, NatRewrite.NONE);
        else NatRewrite.rewrite(b, off, len, false, s.insideLocal, NatRewrite.NONE);
        return true;
    }

    /** Inside to outside: the source, after routing. */
    @Override
    public boolean output(IpInterface in, IpInterface out, byte[] b, int off, int len) {
        if (roles.get(in.name) != InterfaceConfig.NatRole.INSIDE || roles.get(out.name) != InterfaceConfig.NatRole.OUTSIDE) return true;
        long now = scheduler.nanos();
        int proto = Ipv4.protocol(b, off);
        int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
        int q = NatRewrite.quoted(b, off, len);
        if (q != NatRewrite.NONE) {                 // an inside host's ICMP error about an inbound flow
            Translation t = lookup(table.outbound, Ipv4.protocol(b, q), Ipv4.destination(b, q), portOf(b, q, len - (q - off), false),
                Ipv4.source(b, q), portOf(b, q, len - (q - off), true), now);
            Translation s = t != null ? t : table.simpleByLocal.get(src);
            if (s == null) return true;
            hit(s, now);
            NatRewrite.rewriteError(b, off, len, true, s.insideGlobal, t != null ? t.insideGlobalPort : NatRewrite.NONE);
            return true;
        }
        int sp = portOf(b, off, len, true), dp = portOf(b, off, len, false);
        if (sp == NatRewrite.NONE && Ipv4.fragmentOffset(b, off) != 0) {
            Translation s = table.simpleByLocal.get(src);
            if (s != null) {
                hit(s, now);
                NatRewrite.rewrite(b, off, len, true, s.insideGlobal, NatRewrite.NONE);
            }
            return true;
        }
        if (sp == NatRewrite.NONE && ports(proto)) return drop(true);   // too short to translate
        Translation t = lookup(table.outbound, proto, src, sp, dst, dp, now);
        boolean created = false;
        if (t == null) {
            t = create(in, out, b, off, len, proto, src, sp, dst, dp, now);
            if (t == UNMAPPED || t == HANDLED) return true;
            if (t == DROPPED) return drop(true);
            created = true;
        }
        if (created) use(t, now);
        else hit(t, now);
        tcpState(t, b, off, len);
        trace(t, b, off, true, created);
        NatRewrite.rewrite(b, off, len, true, t.insideGlobal, ports(proto) ? t.insideGlobalPort : NatRewrite.NONE);
        return true;
    }

    /** What {@link #create} says besides a new entry: no mapping covers the flow (it goes untranslated). */
    private static final Translation UNMAPPED = null;
    /** A mapping covers the flow but no entry can be made (pool or ports exhausted, table full): dropped. */
    private static final Translation DROPPED = marker();
    /** A simple entry alone translated the packet (a protocol without extended entries). */
    private static final Translation HANDLED = marker();

    private static Translation marker() {
        return new Translation(Translation.Kind.EXTENDED, 0, 0, 0, 0, 0, 0, 0, null, null, 0, 0, 0, null, null);
    }

    /** A new entry for an inside flow: a static mapping, else the first dynamic mapping whose ACL permits it. */
    private Translation create(IpInterface in, IpInterface out, byte[] b, int off, int len, int proto,
                               int src, int sp, int dst, int dp, long now) {
        if (full()) return DROPPED;
        Translation s = table.simpleByLocal.get(src);
        NatConfig.StaticMapping pm = s == null ? staticPortLocal(proto, src, sp) : null;
        Translation t = null;
        if (s != null) {
            if (!extendable(proto)) return simpleOut(s, b, off, len, now);   // other protocols: the simple entry alone
            t = table.addExtended(proto, src, sp, s.insideGlobal, sp, dst, dp, s, null, s.mapId, now, in.name, out.name);
        } else if (pm != null) {
            t = table.addExtended(proto, src, sp, pm.global(), pm.globalPort(), dst, dp, null, null, 0, now, in.name, out.name);
        } else {
            int id = 0;
            for (NatConfig.DynamicMapping m : config.dynamics) {
                id++;
                AccessList acl = AccessLists.find(running, m.acl());
                if (acl == null) continue;
                int i = AclMatch.first(acl, b, off, len, false);
                if (i < 0 || !acl.entries.get(i).permit()) continue;
                t = dynamic(m, id, in, out, b, off, len, proto, src, sp, dst, dp, now);
                if (t == null) return DROPPED;
                if (t == HANDLED) return t;
                break;
            }
            if (t == null) return UNMAPPED;
        }
        if (t == null) return DROPPED;          // its inbound key is another inside host's
        stats.misses++;
        peak(now);
        sweepLater();
        return t;
    }

    private Translation dynamic(NatConfig.DynamicMapping m, int id, IpInterface in, IpInterface out, byte[] b, int off, int len,
                                int proto, int src, int sp, int dst, int dp, long now) {
        if (m.overload()) {
            if (proto != Ipv4.PROTO_ESP && !ports(proto)) return null;   // PAT cannot tell such flows apart
            NatTable.Binding bd = null;
            if (ports(proto)) {
                bd = table.binding(proto, src, sp);
                if (bd == null) {
                    for (int g : globals(m)) {
                        bd = table.bind(proto, src, sp, g, id, in.name);
                        if (bd != null) break;
                    }
                }
                if (bd == null) return null;
                return table.addExtended(proto, src, sp, bd.global.address(), bd.global.port(), dst, dp, null, bd, id, now, in.name, out.name);
            }
            List<Integer> gs = globals(m);          // ESP: port 0, one inside host per outside peer
            if (gs.isEmpty()) return null;
            return table.addExtended(proto, src, 0, gs.get(0), 0, dst, 0, null, null, id, now, in.name, out.name);
        }
        Translation s = table.simpleByLocal.get(src);
        if (s == null) {
            NatConfig.Pool p = m.pool() == null ? null : config.pools.get(m.pool());
            if (p == null) return null;
            for (long a = p.start() & 0xffffffffL; a <= (p.end() & 0xffffffffL); a++) {
                if (table.simpleByGlobal.containsKey((int) a)) continue;
                s = table.addSimple(Translation.Kind.DYNAMIC, src, (int) a, id, now);
                break;
            }
            if (s == null) {
                poolMisses.merge(p.name(), 1L, Long::sum);
                return null;
            }
        }
        if (!extendable(proto)) return simpleOut(s, b, off, len, now);
        return table.addExtended(proto, src, sp, s.insideGlobal, sp, dst, dp, s, null, id, now, in.name, out.name);
    }

    private Translation simpleOut(Translation s, byte[] b, int off, int len, long now) {
        hit(s, now);
        NatRewrite.rewrite(b, off, len, true, s.insideGlobal, NatRewrite.NONE);
        return HANDLED;
    }

    /** The global addresses of a mapping: the interface's address, or the pool's range. */
    private List<Integer> globals(NatConfig.DynamicMapping m) {
        List<Integer> l = new ArrayList<>();
        if (m.iface() != null) {
            IpInterface i = ip.get(m.iface());
            if (i != null && i.hasAddress()) l.add(i.address());
            return l;
        }
        NatConfig.Pool p = config.pools.get(m.pool());
        if (p == null) return l;
        for (long a = p.start() & 0xffffffffL; a <= (p.end() & 0xffffffffL) && l.size() < 256; a++) l.add((int) a);
        return l;
    }

    private NatConfig.StaticMapping staticPort(int proto, int global, int port) {
        for (NatConfig.StaticMapping m : config.statics) {
            if (m.protocol() == proto && m.global() == global && m.globalPort() == port) return m;
        }
        return null;
    }

    private NatConfig.StaticMapping staticPortLocal(int proto, int local, int port) {
        for (NatConfig.StaticMapping m : config.statics) {
            if (m.protocol() == proto && m.local() == local && m.localPort() == port) return m;
        }
        return null;
    }

    private Translation lookup(HashMap<NatTable.Flow, Translation> map, int proto, int a, int ap, int o, int op, long now) {
        Translation t = map.get(new NatTable.Flow(proto, a, ports(proto) ? ap : 0, o, ports(proto) ? op : 0));
        if (t != null && t.expiresAt(config) <= now) {      // expired but not yet swept
            table.remove(t);
            stats.expired++;
            return null;
        }
        return t;
    }

    private void hit(Translation t, long now) {
        stats.hits++;
        use(t, now);
    }

    private static void use(Translation t, long now) {
        t.used = now;
        if (t.parent != null) t.parent.used = now;
    }

    private void peak(long now) {
        if (table.size() > stats.peak) {
            stats.peak = table.size();
            stats.peakNanos = now;
        }
    }

    private boolean full() { return table.size() >= MAX_ENTRIES; }

    private boolean drop(boolean inToOut) {
        if (inToOut) stats.inToOutDrops++;
        else stats.outToInDrops++;
        return false;
    }

    /** TCP: FIN or RST starts the finrst timeout; anything but a lone SYN makes the flow established. */
    private static void tcpState(Translation t, byte[] b, int off, int len) {
        if (t.protocol != Ipv4.PROTO_TCP) return;
        int l4 = off + Ipv4.headerLength(b, off);
        if (Ipv4.isFragment(b, off) || l4 + Tcp.MIN_HEADER_LEN > off + len) return;
        int f = Tcp.flags(b, l4);
        if ((f & (Tcp.FLAG_FIN | Tcp.FLAG_RST)) != 0) t.closing = true;
        else if ((f & Tcp.FLAG_SYN) == 0) t.established = true;
    }

    /** `debug ip nat`: `NAT: ` for the packet that made the entry, `NAT*: ` after (the fast path). */
    private void trace(Translation t, byte[] b, int off, boolean outbound, boolean created) {
        if (debug == null) return;
        String tag = created ? "NAT: " : "NAT*: ";
        int id = Ipv4.identification(b, off);
        if (outbound) {
            debug.accept(tag + "s=" + Ipv4Address.toString(t.insideLocal) + "->" + Ipv4Address.toString(t.insideGlobal)
                + ", d=" + Ipv4Address.toString(Ipv4.destination(b, off)) + " [" + id + "]");
        } else {
            debug.accept(tag + "s=" + Ipv4Address.toString(Ipv4.source(b, off)) + ", d=" + Ipv4Address.toString(t.insideGlobal)
                + "->" + Ipv4Address.toString(t.insideLocal) + " [" + id + "]");
        }
    }

    private static boolean ports(int proto) {
        return proto == Ipv4.PROTO_TCP || proto == Ipv4.PROTO_UDP || proto == Ipv4.PROTO_ICMP;
    }

    /** Flows for which IOS makes extended entries under a simple one. */
    private static boolean extendable(int proto) { return ports(proto); }

    private static int portOf(byte[] b, int off, int len, boolean source) {
        int proto = Ipv4.protocol(b, off);
        if (!ports(proto)) return 0;
        return source ? NatRewrite.sourcePort(b, off, len) : NatRewrite.destinationPort(b, off, len);
    }

    static boolean inPool(NatConfig.Pool p, int a) {
        long x = a & 0xffffffffL;
        return x >= (p.start() & 0xffffffffL) && x <= (p.end() & 0xffffffffL);
    }
}
