package dev.routerlab.ipv6;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.Ipv6Config;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Ipv6Binding;
import dev.routerlab.ip.PathMtus;
import dev.routerlab.packet.Icmpv6;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.Ipv6Reassembler;
import dev.routerlab.packet.MacAddress;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * One router's IPv6: addresses and DAD (RFC 4862), Neighbor Discovery (RFC 4861), Router
 * Advertisements when `ipv6 unicast-routing` is on, the routing table, forwarding (RFC 8200:
 * hop limit, never fragmenting: Packet Too Big), ICMPv6 (RFC 4443) with IOS's error rate limit,
 * echo. It is the IPv4 engine's {@link Ipv6Binding} and transmits through it. Scheduler thread only.
 */
public final class Ipv6Engine implements Ipv6Binding {
    /** Room in front of locally built packets (Ethernet header and any encapsulation). */
    public static final int HEADROOM = IpEngine.HEADROOM;
    /** IOS `ipv6 nd reachable-time` default (RFC 4861 §10 REACHABLE_TIME). */
    public static final long REACHABLE_NANOS = 30_000_000_000L;
    /** RFC 4861 §10 RETRANS_TIMER (IOS `ipv6 nd ns-interval` 1000 ms), MAX_MULTICAST_SOLICIT, MAX_UNICAST_SOLICIT, DELAY_FIRST_PROBE_TIME. */
    public static final long RETRANS_NANOS = 1_000_000_000L;
    static final int MAX_MULTICAST_SOLICIT = 3, MAX_UNICAST_SOLICIT = 3;
    static final long DELAY_FIRST_PROBE_NANOS = 5_000_000_000L;
    /** IOS `ipv6 nd ra interval` 200 s, `ipv6 nd ra lifetime` 1800 s; RFC 4861 §10 initial RAs. */
    public static final int RA_INTERVAL_S = 200, RA_LIFETIME_S = 1800;
    static final int MAX_INITIAL_RTR_ADVERTISEMENTS = 3;
    static final long MAX_INITIAL_RTR_ADVERT_INTERVAL_NANOS = 16_000_000_000L;
    static final long MIN_DELAY_BETWEEN_RAS_NANOS = 3_000_000_000L;
    /** IOS `ipv6 icmp error-interval 100 10`: a token every 100 ms, a bucket of 10. */
    public static final long ERROR_INTERVAL_NANOS = 100_000_000L;
    public static final int ERROR_BUCKET = 10;
    /** RFC 4862 §5.5.3 / IOS prefix lifetimes in RAs. */
    static final long VALID_LIFETIME_S = 2_592_000L, PREFERRED_LIFETIME_S = 604_800L;
    /** RFC 8200 §4.5: a packet's fragments are given up 60 seconds after the first arrived. */
    public static final long REASSEMBLY_TIMEOUT_NANOS = 60_000_000_000L;

    /** Sees every ICMPv6 message delivered locally (ping, traceroute): the packet at ipOff, the message at at. */
    @FunctionalInterface
    public interface IcmpListener {
        void icmp(byte[] b, int ipOff, int at, int len);
    }

    /**
     * Another engine's local-delivery hook for an upper-layer protocol (GRE over IPv6): a checked
     * packet at off addressed to the router, its upper-layer header at {@code at}. False when it
     * is not taken (then the router answers as for an unknown protocol).
     */
    @FunctionalInterface
    public interface LocalHandler {
        boolean receive(IpInterface in, byte[] b, int off, int at, int len);
    }

    /** Router-wide IPv6 counters (`show ipv6 traffic` kind). */
    public static final class Stats {
        public long received, delivered, forwarded, badHeader, noRoute, hopLimitExceeded, tooBig, beyondScope;
        public long icmpErrorsSent, icmpErrorsRateLimited, icmpBad, ndBad, unknownProtocol, duplicates, resolutionFailed;
        /** `show ipv6 traffic`: originated packets, multicast in and out, not forwarded by a host, fragments, UDP to us. */
        public long generated, mcastReceived, mcastSent, notRouter, fragments, badExtension, udpReceived, udpSent, udpBad, udpNoPort;
        /** `show ipv6 traffic`: packets discarded for an unknown option whose type says so (RFC 8200 §4.2). */
        public long unknownOption;
        /** `show ipv6 traffic`: reassembly (RFC 8200 §4.5) of fragments to us, and source fragmentation of what we originate. */
        public long reassembled, reassemblyTimeouts, reassemblyFailures, fragmented, fragmentsCreated, fragmentFailed;
        /** ICMPv6 messages by type received and sent (RFC 4443 §2.1), and the codes of the error types 1, 3 and 4. */
        public final long[] icmpIn = new long[256], icmpOut = new long[256];
        public final long[][] codesIn = new long[5][8], codesOut = new long[5][8];

        void icmp(boolean in, byte[] b, int at) {
            int type = b[at] & 0xff, code = b[at + 1] & 0xff;
            (in ? icmpIn : icmpOut)[type]++;
            if ((type == 1 || type == 3 || type == 4) && code < 8) (in ? codesIn : codesOut)[type][code]++;
        }
    }

    private final IpEngine ip;
    private final Scheduler scheduler;
    private final IpEngine.LogSink log;
    private final RandomGenerator random;
    private final TreeMap<InterfaceName, Ipv6Interface> interfaces = new TreeMap<>();
    /** interfaces::get as a class: the table is built before the first prompt (see device.Router). */
    private final java.util.function.Function<InterfaceName, Ipv6Interface> byName = new java.util.function.Function<>() {
        @Override public Ipv6Interface apply(InterfaceName n) { return interfaces.get(n); }
    };
    private final NeighborCache neighbors = new NeighborCache();
    private final List<IcmpListener> listeners = new ArrayList<>();
    private final Stats stats = new Stats();
    /** RFC 8201: estimates never below the IPv6 minimum link MTU (RFC 8200 §5), at most 1,024 destinations. */
    private final PathMtus<Ipv6Address> pathMtus = new PathMtus<>(Ipv6.MIN_MTU, 1024);
    private final Ipv6Reassembler reassembler = new Ipv6Reassembler(64, 64, REASSEMBLY_TIMEOUT_NANOS);
    /** Fragments refused with a Parameter Problem (counted with the reassembly failures). */
    private long fragmentProblems;
    /** Looks for fragments past their time while any wait (null: none scheduled). */
    private Scheduler.Timer reassemblyTimer;
    /** The Identifications of the packets this router fragments (RFC 8200 §4.5, RFC 7739 §5.4). */
    private final FragmentIds fragmentIds;
    private final LocalHandler[] protocols = new LocalHandler[256];
    private final java.util.Map<Integer, LocalHandler> udpPorts = new java.util.HashMap<>();
    /** Told after each rebuild of the routing table (tunnels over IPv6 judge their transport on it). */
    private final List<Runnable> ribListeners = new ArrayList<>();
    private Ipv6Config config = new Ipv6Config();
    private Ipv6Rib rib = Ipv6Rib.empty();
    private double tokens = ERROR_BUCKET;
    private long tokensAt;
    /** `debug ipv6 nd`: the ND events as IOS prints them, to this sink (null: off). */
    private java.util.function.Consumer<String> ndDebug;

    public Ipv6Engine(IpEngine ip, Scheduler scheduler, IpEngine.LogSink log, RandomGenerator random) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.log = log;
        this.random = random;
        this.fragmentIds = new FragmentIds(random);
        ip.bindIpv6(this);
        ip.onLineChange(new java.util.function.Consumer<IpEngine.LineChange>() {   // not a lambda: see device.Router
            @Override public void accept(IpEngine.LineChange c) { lineChanged(c.iface()); }
        });
    }

    // ------------------------------------------------------------------ accessors

    /** `debug ipv6 nd`: the `ICMPv6-ND: ...` lines of live ND events to sink (null: off). */
    public void ndDebug(java.util.function.Consumer<String> sink) { ndDebug = sink; }

    public boolean ndDebug() { return ndDebug != null; }

    /** One `debug ipv6 nd` line (callers test {@link #ndDebug} first, so nothing is built while it is off). */
    private void nd(String text) { ndDebug.accept("ICMPv6-ND: " + text); }

    public Ipv6Interface get(InterfaceName n) { return interfaces.get(n); }

    public Collection<Ipv6Interface> interfaces() { return interfaces.values(); }

    public NeighborCache neighbors() { return neighbors; }

    public Ipv6Rib rib() { return rib; }

    public Stats stats() { return stats; }

    public boolean routing() { return config.unicastRouting; }

    /** True when any interface runs IPv6 or anything IPv6 is configured. */
    public boolean active() { return !interfaces.isEmpty() || !config.isEmpty(); }

    public Scheduler scheduler() { return scheduler; }

    public void addIcmpListener(IcmpListener l) { listeners.add(l); }

    public void removeIcmpListener(IcmpListener l) { listeners.remove(l); }

    /** Installs another engine's local-delivery hook for an upper-layer protocol (composition). */
    public void register(int nextHeader, LocalHandler h) { protocols[nextHeader & 0xff] = h; }

    /** Installs (null: removes) another engine's hook for UDP to a port of the router's (IKE: 500, 4500); checked datagrams only. */
    public void registerUdp(int port, LocalHandler h) {
        if (h == null) udpPorts.remove(port);
        else udpPorts.put(port, h);
    }

    /** The path MTU towards dst (RFC 8201): what a Packet Too Big taught, else the first hop's {@code linkMtu}. */
    public int pathMtu(Ipv6Address dst, int linkMtu) { return pathMtus.toward(dst, linkMtu, scheduler.nanos()); }

    /** Packets whose fragments wait for reassembly. */
    public int reassemblyPending() { return reassembler.pending(); }

    /** Adds an observer of routing-table rebuilds (composition). */
    public void onRibChange(Runnable l) { ribListeners.add(l); }

    /** The first global address (not a duplicate) of interface n while its line is up, or null: a tunnel's source. */
    public Ipv6Address addressOf(InterfaceName n) {
        Ipv6Interface i = interfaces.get(n);
        if (i == null || !i.lineUp()) return null;
        for (Ipv6Interface.Address a : i.globals) if (a.state != Ipv6Interface.State.DUPLICATE) return a.address;
        return null;
    }

    /** Is a (not a duplicate) an address of an interface whose line is up? */
    public boolean owns(Ipv6Address a) {
        for (Ipv6Interface i : interfaces.values()) if (i.lineUp() && i.owns(a)) return true;
        return false;
    }

    // ------------------------------------------------------------------ reconciliation

    /** Follows the model: IPv6 interfaces and their addresses (new ones start DAD), routing, static routes. */
    public void reconcile(RunningConfig cfg) {
        boolean wasRouting = config.unicastRouting;
        config = cfg.ipv6;
        for (InterfaceConfig ic : cfg.interfaces.values()) {
            Ipv6Interface i = interfaces.get(ic.name);
            if (!ic.ipv6.active()) {
                if (i != null) remove(i);
                continue;
            }
            IpInterface p = ip.get(ic.name);
            if (p == null) continue;
            if (i == null || i.ip != p) {
                if (i != null) remove(i);
                i = new Ipv6Interface(p);
                interfaces.put(ic.name, i);
            }
            apply(i, ic.ipv6);
        }
        for (Ipv6Interface i : List.copyOf(interfaces.values())) if (!cfg.interfaces.containsKey(i.name())) remove(i);
        if (wasRouting != config.unicastRouting) for (Ipv6Interface i : interfaces.values()) scheduleRas(i, true);
        rebuild();
    }

    /** A reload: every dynamic state goes. */
    public void reset() {
        for (Ipv6Interface i : List.copyOf(interfaces.values())) remove(i);
        config = new Ipv6Config();
        rib = Ipv6Rib.empty();
        pathMtus.clear();
        reassembler.clear();
        fragmentIds.reset();
        if (reassemblyTimer != null) reassemblyTimer.cancel();
        reassemblyTimer = null;
        ndDebug = null;
    }

    private void remove(Ipv6Interface i) {
        neighbors.flush(i);
        stopDad(i.linkLocal);
        for (Ipv6Interface.Address a : i.globals) stopDad(a);
        if (i.raTimer != null) i.raTimer.cancel();
        interfaces.remove(i.name());
    }

    private void apply(Ipv6Interface i, Ipv6Config.Interface c) {
        i.mtuConfigured = c.mtu;
        Ipv6Address ll = c.linkLocal != null ? c.linkLocal : Ipv6Address.linkLocal(Ipv6Address.eui64(interfaceMac(i.ip)));
        if (i.linkLocal == null || !i.linkLocal.address.equals(ll)) {
            stopDad(i.linkLocal);
            i.linkLocal = new Ipv6Interface.Address(ll, 128, false);
            startDad(i, i.linkLocal);
        }
        List<Ipv6Interface.Address> next = new ArrayList<>();
        for (Ipv6Config.Address a : c.addresses) {
            Ipv6Address addr = a.eui64() ? a.address().withInterfaceId(Ipv6Address.eui64(interfaceMac(i.ip))) : a.address();
            Ipv6Interface.Address cur = null;
            for (Ipv6Interface.Address g : i.globals) if (g.address.equals(addr) && g.length == a.length()) cur = g;
            if (cur == null) {
                cur = new Ipv6Interface.Address(addr, a.length(), a.eui64());
                startDad(i, cur);
            }
            next.add(cur);
        }
        for (Ipv6Interface.Address g : i.globals) if (!next.contains(g)) stopDad(g);
        i.globals.clear();
        i.globals.addAll(next);
        scheduleRas(i, false);
    }

    /**
     * The MAC an interface forms its EUI-64 identifier from: its own on an Ethernet port; IOS's
     * rule for interfaces without one (tunnels, loopbacks, a port bound to a TUN): the MAC of the
     * router's first Ethernet port.
     */
    private long interfaceMac(IpInterface p) {
        if (p.kind == IpInterface.Kind.ETHERNET && p.mac != 0 && (p.link() == null || p.link().ethernet())) return p.mac;
        for (IpInterface q : ip.interfaces()) if (q.kind == IpInterface.Kind.ETHERNET && q.mac != 0) return q.mac;
        return p.mac;
    }

    private void lineChanged(IpInterface p) {
        Ipv6Interface i = interfaces.get(p.name);
        if (i == null) return;
        if (!p.lineUp()) {
            neighbors.flush(i);
        } else {                                    // RFC 4862 §5.4: DAD again when the link comes up
            startDad(i, i.linkLocal);
            for (Ipv6Interface.Address a : i.globals) startDad(i, a);
        }
        scheduleRas(i, true);
        rebuild();
    }

    private void rebuild() {
        rib = Ipv6Rib.build(interfaces.values(), config.routes, byName);
        for (Runnable l : ribListeners) l.run();
    }

    // ------------------------------------------------------------------ DAD (RFC 4862 §5.4, IOS: 1 attempt)

    private void startDad(Ipv6Interface i, Ipv6Interface.Address a) {
        stopDad(a);
        a.state = Ipv6Interface.State.TENTATIVE;
        if (!i.lineUp()) return;
        if (!i.hasLinkLayer()) {                   // no link-layer addresses: nobody to collide with
            a.state = Ipv6Interface.State.PREFERRED;
            return;
        }
        byte[] ns = Icmpv6.neighborSolicitation(a.address, -1);
        if (ndDebug != null) nd("Sending NS for " + a.address + " on " + i.name());
        sendNd(i, Ipv6Address.UNSPECIFIED, a.address.solicitedNode(), ns);
        a.dad = scheduler.schedule(RETRANS_NANOS, () -> {
            a.dad = null;
            if (a.state != Ipv6Interface.State.TENTATIVE) return;
            a.state = Ipv6Interface.State.PREFERRED;
            if (ndDebug != null) {
                nd("DAD: " + a.address + " is unique.");
                if (a == i.linkLocal) nd("Linklocal " + a.address + " on " + i.name() + ", Up");
                nd("Address " + a.address + "/" + (a == i.linkLocal ? 10 : a.length) + " is up on " + i.name());
            }
            rebuild();
            if (a == i.linkLocal) scheduleRas(i, true);
        });
    }

    private static void stopDad(Ipv6Interface.Address a) {
        if (a != null && a.dad != null) {
            a.dad.cancel();
            a.dad = null;
        }
    }

    private void duplicate(Ipv6Interface i, Ipv6Interface.Address a) {
        if (a.state == Ipv6Interface.State.DUPLICATE) return;
        stopDad(a);
        a.state = Ipv6Interface.State.DUPLICATE;
        stats.duplicates++;
        log.log("IPV6_ND", 4, "DUPLICATE", "Duplicate address " + a.address + " on " + i.name());
        rebuild();
    }

    // ------------------------------------------------------------------ Router Advertisements (RFC 4861 §6.2)

    private void scheduleRas(Ipv6Interface i, boolean restart) {
        boolean send = config.unicastRouting && i.lineUp() && i.hasLinkLayer();
        if (!send) {
            if (i.raTimer != null) i.raTimer.cancel();
            i.raTimer = null;
            return;
        }
        if (i.raTimer != null && !restart) return;
        if (i.raTimer != null) i.raTimer.cancel();
        i.initialRas = 0;
        i.raTimer = scheduler.schedule(jitter(MAX_INITIAL_RTR_ADVERT_INTERVAL_NANOS / 16), () -> raTick(i));
    }

    private long jitter(long max) { return max / 2 + (long) (random.nextDouble() * (max / 2)); }

    private void raTick(Ipv6Interface i) {
        i.raTimer = null;
        if (interfaces.get(i.name()) != i) return;
        sendRa(i);
        long next = i.initialRas++ < MAX_INITIAL_RTR_ADVERTISEMENTS
                ? MAX_INITIAL_RTR_ADVERT_INTERVAL_NANOS
                : (long) ((0.75 + 0.25 * random.nextDouble()) * RA_INTERVAL_S * 1_000_000_000L);
        i.raTimer = scheduler.schedule(next, () -> raTick(i));
    }

    private void sendRa(Ipv6Interface i) {
        if (!config.unicastRouting || !i.lineUp() || i.linkLocal == null || !i.linkLocal.usable()) return;
        List<Icmpv6.PrefixInfo> prefixes = new ArrayList<>();
        for (Ipv6Interface.Address a : i.globals) {
            if (a.length < 128 && a.state != Ipv6Interface.State.DUPLICATE) {
                prefixes.add(new Icmpv6.PrefixInfo(a.address, a.length, true, a.length == 64, VALID_LIFETIME_S, PREFERRED_LIFETIME_S));
            }
        }
        byte[] ra = Icmpv6.routerAdvertisement(64, 0, RA_LIFETIME_S, 0, 0, i.ip.mac, i.mtu(), prefixes);
        i.lastRaNanos = scheduler.nanos();
        i.rasSent++;
        if (ndDebug != null) {
            nd("Request to send RA for " + i.linkLocal.address);
            nd("Sending RA from " + i.linkLocal.address + " to " + Ipv6Address.ALL_NODES + " on " + i.name());
            nd("    MTU = " + i.mtu());
            for (Icmpv6.PrefixInfo x : prefixes) {
                nd("    prefix = " + x.prefix().prefix(x.length()) + "/" + x.length() + (x.onLink() ? " onlink" : "")
                    + (x.autonomous() ? " autoconfig" : ""));
                nd("            " + x.validLifetime() + "/" + x.preferredLifetime() + " (valid/preferred)");
            }
        }
        sendNd(i, i.linkLocal.address, Ipv6Address.ALL_NODES, ra);
    }

    /** Time until the next periodic RA (for `show ipv6 interface`), -1 when none is scheduled. */
    public boolean sendsRas(Ipv6Interface i) { return i.raTimer != null; }

    // ------------------------------------------------------------------ input

    @Override
    public boolean listens(IpInterface in, long mac) {
        Ipv6Interface i = interfaces.get(in.name);
        if (i == null || (mac >>> 32) != 0x3333) return false;
        for (Ipv6Address g : i.groups(config.unicastRouting)) if (g.multicastMac() == mac) return true;
        return false;
    }

    @Override
    public void input(IpInterface in, byte[] b, int off, int len) {
        Ipv6Interface i = interfaces.get(in.name);
        stats.received++;
        if (i == null) {
            in.counters.unknownProtocolDrops++;
            return;
        }
        if (Ipv6.check(b, off, len) != PacketError.OK) {
            stats.badHeader++;
            in.counters.inputErrors++;
            return;
        }
        len = Ipv6.totalLength(b, off);
        Ipv6Address dst = Ipv6.destination(b, off);
        if (dst.isMulticast()) {
            if (!i.groups(config.unicastRouting).contains(dst)) return;
            stats.mcastReceived++;
            local(i, b, off, len, true);
            return;                                                   // no multicast routing
        }
        if (isLocal(i, dst)) {
            local(i, b, off, len, false);
            return;
        }
        if (!config.unicastRouting) {                                 // a host does not forward
            stats.notRouter++;
            return;
        }
        forward(i, b, off, len, dst);
    }

    /** Is dst one of the router's addresses (the link-local ones only on the interface they belong to)? Tentative ones count (their ND). */
    private boolean isLocal(Ipv6Interface in, Ipv6Address dst) {
        if (dst.isLinkLocal()) return in.linkLocal != null && in.linkLocal.address.equals(dst);
        Ipv6Rib.Entry e = rib.lookup(dst);
        if (e != null && e.receive() && e.out() != null) return true;
        for (Ipv6Interface i : interfaces.values()) if (i.find(dst) != null) return true;
        return false;
    }

    private void forward(Ipv6Interface in, byte[] b, int off, int len, Ipv6Address dst) {
        Ipv6Address src = Ipv6.source(b, off);
        if (src.isLinkLocal() || src.isUnspecified()) {              // RFC 4291 §2.5.6: never forwarded
            stats.beyondScope++;
            error(in, b, off, len, Icmpv6.TYPE_DEST_UNREACHABLE, Icmpv6.CODE_BEYOND_SCOPE, 0);
            return;
        }
        if (Ipv6.hopLimit(b, off) <= 1) {                              // RFC 8200 §3
            stats.hopLimitExceeded++;
            error(in, b, off, len, Icmpv6.TYPE_TIME_EXCEEDED, Icmpv6.CODE_HOP_LIMIT_EXCEEDED, 0);
            return;
        }
        Ipv6Rib.Entry e = rib.lookup(dst);
        if (e == null || e.out() == null) {
            stats.noRoute++;
            error(in, b, off, len, Icmpv6.TYPE_DEST_UNREACHABLE, Icmpv6.CODE_NO_ROUTE, 0);
            return;
        }
        if (len > e.out().mtu()) {                                     // RFC 8200 §5: routers never fragment
            stats.tooBig++;
            error(in, b, off, len, Icmpv6.TYPE_PACKET_TOO_BIG, 0, e.out().mtu());
            return;
        }
        Ipv6.decrementHopLimit(b, off);
        stats.forwarded++;
        output(e.out(), e.nextHop(dst), b, off, len);
    }

    private void local(Ipv6Interface in, byte[] b, int off, int len, boolean multicast) {
        int fh = Ipv6.fragmentHeader(b, off);
        if (fh >= 0) {                                                  // RFC 8200 §4.5 reassembly
            stats.fragments++;
            long w = Ipv6.walk(b, off, fh);                             // options of its per-fragment headers, as it arrives
            if (badOptions(in, b, off, len, w, multicast)) return;
            int pointer = Ipv6Reassembler.problem(b, off, fh);
            if (pointer >= 0) {
                fragmentProblems++;
                reassemblyCounts();
                error(in, b, off, len, Icmpv6.TYPE_PARAMETER_PROBLEM, Icmpv6.CODE_ERRONEOUS_HEADER, pointer);
                return;
            }
            if (Ipv6Reassembler.incompleteChain(b, off, fh, w)) {       // RFC 7112 §5: the packet is discarded
                stats.badExtension++;
                reassembler.discard(b, off, fh);
                reassemblyCounts();
                error(in, b, off, len, Icmpv6.TYPE_PARAMETER_PROBLEM, Icmpv6.CODE_INCOMPLETE_CHAIN, 0);
                return;
            }
            expireFragments();
            byte[] whole = reassembler.offer(b, off, fh, scheduler.nanos());
            reassemblyCounts();
            watchFragments();
            if (whole == null) return;
            b = whole;
            off = 0;
            len = whole.length;
        }
        long w = Ipv6.walk(b, off, off + len);                          // options and the upper layer in one walk
        if (badOptions(in, b, off, len, w, multicast)) return;
        if (w < 0) {
            stats.badExtension++;
            error(in, b, off, len, Icmpv6.TYPE_PARAMETER_PROBLEM, Icmpv6.CODE_ERRONEOUS_HEADER, Ipv6.HEADER_LEN);
            return;
        }
        int proto = Ipv6.protocolOf(w), at = Ipv6.offsetOf(w), ulen = off + len - at;
        if (proto == Ipv6.NH_ICMPV6) {
            if (Icmpv6.check(b, off, at, ulen) != PacketError.OK) {
                stats.icmpBad++;
                return;
            }
            stats.delivered++;
            stats.icmp(true, b, at);
            icmp(in, b, off, at, ulen, multicast);
            return;
        }
        if (multicast) return;
        stats.delivered++;
        if (proto == Ipv6.NH_UDP) {
            stats.udpReceived++;
            LocalHandler h = ulen >= Udp.HEADER_LEN ? udpPorts.get(Udp.destinationPort(b, at)) : null;
            if (h != null) {
                if (Udp.check6(b, off, at, ulen) != PacketError.OK) stats.udpBad++;
                else h.receive(in.ip, b, off, at, len);
                return;
            }
            stats.udpNoPort++;                                      // no IPv6 UDP service on the port: port unreachable (traceroute's end)
            error(in, b, off, len, Icmpv6.TYPE_DEST_UNREACHABLE, Icmpv6.CODE_PORT_UNREACHABLE, 0);
        } else if (proto != Ipv6.NH_NONE && proto != Ipv6.NH_FRAGMENT
                && (protocols[proto] == null || !protocols[proto].receive(in.ip, b, off, at, len))) {
            stats.unknownProtocol++;
            error(in, b, off, len, Icmpv6.TYPE_PARAMETER_PROBLEM, Icmpv6.CODE_UNRECOGNIZED_NEXT_HEADER, nextHeaderPointer(b, off, at));
        }
    }

    /**
     * RFC 8200 §4.2: what the options the walk w processed say. True when one discards the packet:
     * malformed (a bad header, dropped), or unknown with its type's high bits set (`unknown
     * option`), answered with a Parameter Problem code 2 at it when they are 10, or 11 and the
     * destination is not multicast.
     */
    private boolean badOptions(Ipv6Interface in, byte[] b, int off, int len, long w, boolean multicast) {
        int verdict = Ipv6.optionVerdict(w);
        if (verdict == 0) return false;
        if (verdict == Ipv6.OPTION_MALFORMED) {
            stats.badExtension++;
            return true;
        }
        stats.unknownOption++;
        if (verdict == Ipv6.OPTION_DISCARD_REPORT || verdict == Ipv6.OPTION_DISCARD_REPORT_UNICAST && !multicast) {
            error(in, b, off, len, Icmpv6.TYPE_PARAMETER_PROBLEM, Icmpv6.CODE_UNRECOGNIZED_OPTION, Ipv6.optionPointer(w));
        }
        return true;
    }

    /** Fragments waiting past 60 s are given up, their source told with a Time Exceeded (code 1) when the first had come. */
    private void expireFragments() {
        reassembler.expire(scheduler.nanos(), first -> error(null, first, 0, first.length, Icmpv6.TYPE_TIME_EXCEEDED,
            Icmpv6.CODE_REASSEMBLY_TIME_EXCEEDED, 0));
        reassemblyCounts();
        watchFragments();
    }

    /** While fragments wait, a look every second for those past their time. */
    private void watchFragments() {
        if (reassembler.pending() == 0 || reassemblyTimer != null) return;
        reassemblyTimer = scheduler.schedule(1_000_000_000L, () -> {
            reassemblyTimer = null;
            expireFragments();
        });
    }

    private void reassemblyCounts() {
        stats.reassembled = reassembler.reassembled();
        stats.reassemblyTimeouts = reassembler.timeouts();
        stats.reassemblyFailures = reassembler.failed() + fragmentProblems;
    }

    /** The offset (from the IPv6 header) of the Next Header field that names the header at {@code at} (RFC 4443 §3.4). */
    private static int nextHeaderPointer(byte[] b, int off, int at) {
        if (at == off + Ipv6.HEADER_LEN) return 6;
        long prev = 6;
        int nh = Ipv6.nextHeader(b, off), p = off + Ipv6.HEADER_LEN;
        while (p < at) {
            prev = p - off;
            int hl = Ipv6.extensionLength(b, p, nh);
            nh = b[p] & 0xff;
            p += hl;
        }
        return (int) prev;
    }

    private void icmp(Ipv6Interface in, byte[] b, int off, int at, int len, boolean multicast) {
        int type = Icmpv6.type(b, at);
        switch (type) {
            case Icmpv6.TYPE_ECHO_REQUEST -> echoReply(in, b, off, at, len, multicast);
            case Icmpv6.TYPE_NEIGHBOR_SOLICITATION, Icmpv6.TYPE_NEIGHBOR_ADVERTISEMENT, Icmpv6.TYPE_ROUTER_SOLICITATION,
                 Icmpv6.TYPE_ROUTER_ADVERTISEMENT, Icmpv6.TYPE_REDIRECT -> {
                if (Icmpv6.checkNd(b, off, at, len) != PacketError.OK) {
                    stats.ndBad++;
                    return;
                }
                nd(in, b, off, at, len, type);
            }
            case Icmpv6.TYPE_PACKET_TOO_BIG -> packetTooBig(b, at, len);
            default -> { }
        }
        for (IcmpListener l : List.copyOf(listeners)) l.icmp(b, off, at, len);
    }

    /**
     * RFC 8201 §4: a Packet Too Big quoting a packet this router sent (its source one of ours)
     * lowers the path MTU towards the quoted destination; tunnels over IPv6 read it in their MTU.
     */
    private void packetTooBig(byte[] b, int at, int len) {
        int q = at + Icmpv6.HEADER_LEN;
        if (len < Icmpv6.HEADER_LEN + Ipv6.HEADER_LEN || !owns(Ipv6.source(b, q))) return;
        pathMtus.reduce(Ipv6.destination(b, q), Icmpv6.parameter(b, at), scheduler.nanos());
    }

    private void echoReply(Ipv6Interface in, byte[] b, int off, int at, int len, boolean multicast) {
        Ipv6Address to = Ipv6.source(b, off);
        if (to.isUnspecified() || to.isMulticast()) return;
        Ipv6Address from = multicast ? sourceFor(in, to) : Ipv6.destination(b, off);
        if (from == null) return;
        byte[] m = Icmpv6.echo(Icmpv6.TYPE_ECHO_REPLY, Icmpv6.identifier(b, at), Icmpv6.sequence(b, at), b, at + Icmpv6.HEADER_LEN, len - Icmpv6.HEADER_LEN);
        byte[] p = Icmpv6.buildPacket(HEADROOM, from, to, 64, m);
        if (to.isLinkLocal()) sendOn(in, p, HEADROOM, p.length - HEADROOM);
        else send(p, HEADROOM, p.length - HEADROOM);
    }

    // ------------------------------------------------------------------ Neighbor Discovery (RFC 4861 §7)

    private void nd(Ipv6Interface in, byte[] b, int off, int at, int len, int type) {
        Ipv6Address src = Ipv6.source(b, off);
        long now = scheduler.nanos();
        switch (type) {
            case Icmpv6.TYPE_NEIGHBOR_SOLICITATION -> {
                Ipv6Address target = Icmpv6.target(b, at);
                Ipv6Interface.Address mine = in.find(target);
                if (mine == null) return;
                if (ndDebug != null) nd("Received NS for " + target + " on " + in.name() + " from " + src);
                if (src.isUnspecified()) {                            // another node's DAD (RFC 4862 §5.4.3)
                    if (mine.state == Ipv6Interface.State.TENTATIVE) duplicate(in, mine);
                    else if (mine.usable()) {
                        if (ndDebug != null) nd("Sending NA for " + target + " on " + in.name());
                        sendNd(in, linkLocalOr(in, target), Ipv6Address.ALL_NODES, Icmpv6.neighborAdvertisement(naFlags(false), target, in.ip.mac));
                    }
                    return;
                }
                if (!mine.usable()) return;
                int o = Icmpv6.option(b, at, len, Icmpv6.OPT_SOURCE_LINK_ADDRESS);
                if (o >= 0) learn(in, src, Icmpv6.linkLayerAddress(b, o), now, false);
                if (ndDebug != null) nd("Sending NA for " + target + " on " + in.name());
                sendNd(in, target, src, Icmpv6.neighborAdvertisement(naFlags(true), target, in.hasLinkLayer() ? in.ip.mac : -1));
            }
            case Icmpv6.TYPE_NEIGHBOR_ADVERTISEMENT -> {
                Ipv6Address target = Icmpv6.target(b, at);
                Ipv6Interface.Address mine = in.find(target);
                if (ndDebug != null) nd("Received NA for " + target + " on " + in.name() + " from " + src);
                if (mine != null) {                                   // someone else claims our address
                    if (mine.state == Ipv6Interface.State.TENTATIVE) duplicate(in, mine);
                    return;
                }
                naReceived(in, b, at, len, target, now);
            }
            case Icmpv6.TYPE_ROUTER_SOLICITATION -> {
                in.rsReceived++;
                if (ndDebug != null) nd("Received RS on " + in.name() + " from " + src);
                int o = Icmpv6.option(b, at, len, Icmpv6.OPT_SOURCE_LINK_ADDRESS);
                if (o >= 0 && !src.isUnspecified()) learn(in, src, Icmpv6.linkLayerAddress(b, o), now, true);
                if (config.unicastRouting && in.hasLinkLayer() && now - in.lastRaNanos >= MIN_DELAY_BETWEEN_RAS_NANOS) {
                    if (ndDebug != null) nd("Sending solicited RA on " + in.name());
                    scheduler.schedule((long) (random.nextDouble() * 500_000_000L), () -> sendRa(in));  // §6.2.6
                }
            }
            case Icmpv6.TYPE_ROUTER_ADVERTISEMENT -> {
                if (ndDebug != null) nd("Received RA from " + src + " on " + in.name());
                int o = Icmpv6.option(b, at, len, Icmpv6.OPT_SOURCE_LINK_ADDRESS);
                if (o >= 0) {
                    NeighborCache.Entry e = learn(in, src, Icmpv6.linkLayerAddress(b, o), now, false);
                    if (e != null) e.router = true;
                }
            }
            default -> { }                                            // Redirect: a router ignores them
        }
    }

    private int naFlags(boolean solicited) {
        return (config.unicastRouting ? Icmpv6.NA_ROUTER : 0) | (solicited ? Icmpv6.NA_SOLICITED : 0) | Icmpv6.NA_OVERRIDE;
    }

    private static Ipv6Address linkLocalOr(Ipv6Interface in, Ipv6Address a) {
        return in.linkLocal != null && in.linkLocal.usable() ? in.linkLocal.address : a;
    }

    /**
     * RFC 4861 §7.2.3/§6.2.6: a link-layer address from an NS, RS or RA: a new entry is STALE; a
     * changed address makes it STALE. IOS calls an entry an RS creates a glean.
     */
    private NeighborCache.Entry learn(Ipv6Interface in, Ipv6Address a, long mac, long now, boolean glean) {
        if (mac < 0 || !in.hasLinkLayer()) return null;
        NeighborCache.Entry e = neighbors.get(in, a);
        if (e == null) {
            e = neighbors.create(in, a, NeighborCache.State.STALE, now);
            if (e != null) e.mac = mac;
            if (e != null && ndDebug != null) {
                nd(glean ? "Glean " + a + " on " + in.name() : "DELETE -> INCMP: " + a);
                nd("Neighbour " + a + " on " + in.name() + " : LLA " + MacAddress.of(mac));
                nd("INCMP -> STALE: " + a);
            }
            return e;
        }
        if (e.state == NeighborCache.State.INCMP) {
            e.mac = mac;
            if (ndDebug != null) nd("Neighbour " + a + " on " + in.name() + " : LLA " + MacAddress.of(mac));
            setState(e, NeighborCache.State.STALE, now);
            flushQueue(e);
        } else if (e.mac != mac) {
            e.mac = mac;
            if (ndDebug != null) nd("Neighbour " + a + " on " + in.name() + " : LLA " + MacAddress.of(mac));
            setState(e, NeighborCache.State.STALE, now);
        }
        return e;
    }

    /** RFC 4861 §7.2.5. */
    private void naReceived(Ipv6Interface in, byte[] b, int at, int len, Ipv6Address target, long now) {
        NeighborCache.Entry e = neighbors.get(in, target);
        if (e == null) return;                                        // unsolicited, no entry: ignored
        int flags = Icmpv6.flags(b, at);
        boolean solicited = (flags & Icmpv6.NA_SOLICITED) != 0, override = (flags & Icmpv6.NA_OVERRIDE) != 0;
        int o = Icmpv6.option(b, at, len, Icmpv6.OPT_TARGET_LINK_ADDRESS);
        long mac = o >= 0 ? Icmpv6.linkLayerAddress(b, o) : -1;
        if (e.state == NeighborCache.State.INCMP) {
            if (mac < 0) return;
            e.mac = mac;
            if (ndDebug != null) nd("Neighbour " + target + " on " + in.name() + " : LLA " + MacAddress.of(mac));
            e.router = (flags & Icmpv6.NA_ROUTER) != 0;
            setState(e, solicited ? NeighborCache.State.REACH : NeighborCache.State.STALE, now);
            flushQueue(e);
            return;
        }
        boolean different = mac >= 0 && mac != e.mac;
        if (!override && different) {
            if (e.state == NeighborCache.State.REACH) setState(e, NeighborCache.State.STALE, now);
            return;
        }
        if (different) {
            e.mac = mac;
            if (ndDebug != null) nd("Neighbour " + target + " on " + in.name() + " : LLA " + MacAddress.of(mac));
        }
        e.router = (flags & Icmpv6.NA_ROUTER) != 0;
        if (solicited) setState(e, NeighborCache.State.REACH, now);
        else if (different) setState(e, NeighborCache.State.STALE, now);
    }

    private void setState(NeighborCache.Entry e, NeighborCache.State s, long now) {
        e.cancel();
        if (ndDebug != null && e.state != s) nd(e.state + " -> " + s + ": " + e.address);
        e.state = s;
        e.since = now;
        e.probes = 0;
        switch (s) {
            case REACH -> e.timer = scheduler.schedule(REACHABLE_NANOS, () -> {
                e.timer = null;
                if (ndDebug != null) nd("REACH -> STALE: " + e.address);
                e.state = NeighborCache.State.STALE;          // the Age column keeps the last confirmation
            });
            case DELAY -> e.timer = scheduler.schedule(DELAY_FIRST_PROBE_NANOS, () -> {
                e.timer = null;
                if (ndDebug != null) nd("DELAY -> PROBE: " + e.address);
                e.state = NeighborCache.State.PROBE;
                probe(e);
            });
            default -> { }
        }
    }

    /** INCMP: multicast solicitations; PROBE: unicast ones; the last unanswered one removes the entry (§7.3.3). */
    private void probe(NeighborCache.Entry e) {
        boolean incomplete = e.state == NeighborCache.State.INCMP;
        if (e.probes >= (incomplete ? MAX_MULTICAST_SOLICIT : MAX_UNICAST_SOLICIT)) {
            if (ndDebug != null) nd(e.state + " -> DELETE: " + e.address);
            if (incomplete) unreachable(e);
            neighbors.remove(e);
            return;
        }
        e.probes++;
        Ipv6Interface in = e.iface;
        Ipv6Address src = sourceOn(in, e.address);
        if (src != null) {
            byte[] ns = Icmpv6.neighborSolicitation(e.address, in.ip.mac);
            if (ndDebug != null) {
                nd("Sending NS for " + e.address + " on " + in.name());
                if (incomplete && e.probes == 1) nd("Resolving next hop " + e.address + " on interface " + in.name());
            }
            if (incomplete) sendNd(in, src, e.address.solicitedNode(), ns);
            else sendNdTo(in, src, e.address, e.mac, ns);
        }
        e.timer = scheduler.schedule(RETRANS_NANOS, () -> {
            e.timer = null;
            probe(e);
        });
    }

    /** Resolution failed: address unreachable for each packet that waited (RFC 4861 §7.2.2). */
    private void unreachable(NeighborCache.Entry e) {
        stats.resolutionFailed++;
        while (!e.queue.isEmpty()) {
            byte[] p = e.queue.poll();
            int[] s = e.spans.poll();
            error(e.iface, p, s[0], s[1], Icmpv6.TYPE_DEST_UNREACHABLE, Icmpv6.CODE_ADDRESS_UNREACHABLE, 0);
        }
    }

    private void flushQueue(NeighborCache.Entry e) {
        while (!e.queue.isEmpty()) {
            byte[] p = e.queue.poll();
            int[] s = e.spans.poll();
            ip.transmitIpv6(e.iface.ip, p, s[0], s[1], e.mac);
        }
    }

    // ------------------------------------------------------------------ output

    /** Sends on out towards the next hop: ND resolution on Ethernet (the packet waits while INCMP), straight out elsewhere. */
    private void output(Ipv6Interface out, Ipv6Address nextHop, byte[] b, int off, int len) {
        if (!out.hasLinkLayer()) {
            ip.transmitIpv6(out.ip, b, off, len, -1);
            return;
        }
        if (nextHop.isMulticast()) {
            ip.transmitIpv6(out.ip, b, off, len, nextHop.multicastMac());
            return;
        }
        long now = scheduler.nanos();
        NeighborCache.Entry e = neighbors.get(out, nextHop);
        if (e == null) {
            e = neighbors.create(out, nextHop, NeighborCache.State.INCMP, now);
            if (e == null) {
                out.ip.counters.outputDrops++;
                return;
            }
            if (ndDebug != null) nd("DELETE -> INCMP: " + nextHop);
            neighbors.enqueue(e, b, off, len);
            probe(e);
            return;
        }
        switch (e.state) {
            case INCMP -> { if (!neighbors.enqueue(e, b, off, len)) out.ip.counters.outputDrops++; }
            case STALE -> {
                setState(e, NeighborCache.State.DELAY, e.since);
                ip.transmitIpv6(out.ip, b, off, len, e.mac);
            }
            default -> ip.transmitIpv6(out.ip, b, off, len, e.mac);
        }
    }

    /** An ND message from src to a multicast group (or with the group's MAC), hop limit 255. */
    private void sendNd(Ipv6Interface out, Ipv6Address src, Ipv6Address dst, byte[] msg) {
        byte[] p = Icmpv6.buildPacket(HEADROOM, src, dst, 255, msg);
        originated(p, HEADROOM);
        if (dst.isMulticast()) ip.transmitIpv6(out.ip, p, HEADROOM, p.length - HEADROOM, dst.multicastMac());
        else output(out, dst, p, HEADROOM, p.length - HEADROOM);
    }

    private void sendNdTo(Ipv6Interface out, Ipv6Address src, Ipv6Address dst, long mac, byte[] msg) {
        byte[] p = Icmpv6.buildPacket(HEADROOM, src, dst, 255, msg);
        originated(p, HEADROOM);
        ip.transmitIpv6(out.ip, p, HEADROOM, p.length - HEADROOM, mac);
    }

    /**
     * Sends a router-originated packet (its header complete, at off) by the routing table; to
     * one of the router's own addresses, it is delivered on the next scheduler turn. Over the
     * path MTU it leaves in fragments (RFC 8200 §4.5: a source may fragment). False when there is
     * no route.
     */
    public boolean send(byte[] p, int off, int len) { return send(p, off, len, true); }

    /**
     * {@link #send} for a tunnel's outer packet (GRE, ESP): never fragmented, false over the path
     * MTU (the tunnel's MTU keeps within it; a Packet Too Big lowers it, RFC 7676 §3.2).
     */
    public boolean sendWhole(byte[] p, int off, int len) { return send(p, off, len, false); }

    private boolean send(byte[] p, int off, int len, boolean fragment) {
        Ipv6Address dst = Ipv6.destination(p, off);
        for (Ipv6Interface i : interfaces.values()) {
            Ipv6Interface.Address a = i.find(dst);
            if (a != null && !dst.isLinkLocal()) {
                scheduler.execute(() -> local(i, p, off, len, false));
                return true;
            }
        }
        Ipv6Rib.Entry e = rib.lookup(dst);
        if (e == null || e.out() == null || e.receive()) {
            stats.noRoute++;
            return false;
        }
        int mtu = pathMtus.toward(dst, e.out().mtu(), scheduler.nanos());
        if (len > mtu && !fragment) {
            stats.tooBig++;
            return false;
        }
        originated(p, off);
        if (len > mtu) return fragments(e.out(), e.nextHop(dst), p, off, mtu);
        output(e.out(), e.nextHop(dst), p, off, len);
        return true;
    }

    /**
     * RFC 8200 §4.5: a packet of ours over the path MTU leaves in fragments of at most mtu, one
     * Identification for the whole packet, unpredictable to others than its destination (RFC 7739 §5.4).
     */
    private boolean fragments(Ipv6Interface out, Ipv6Address nextHop, byte[] p, int off, int mtu) {
        List<byte[]> fs = Ipv6.fragment(p, off, mtu, fragmentIds.next(Ipv6.source(p, off), Ipv6.destination(p, off)), HEADROOM);
        if (fs == null) {
            stats.fragmentFailed++;
            return false;
        }
        stats.fragmented++;
        stats.fragmentsCreated += fs.size();
        for (byte[] f : fs) output(out, nextHop, f, HEADROOM, f.length - HEADROOM);
        return true;
    }

    /** Counts a packet the router sends of its own (`show ipv6 traffic`: generated, multicast, ICMPv6 by type). */
    private void originated(byte[] p, int off) {
        stats.generated++;
        if (Ipv6.destination(p, off).isMulticast()) stats.mcastSent++;
        if (Ipv6.nextHeader(p, off) == Ipv6.NH_ICMPV6) stats.icmp(false, p, off + Ipv6.HEADER_LEN);
        if (Ipv6.nextHeader(p, off) == Ipv6.NH_UDP) stats.udpSent++;
    }

    /** `clear ipv6 neighbors`: every dynamic entry goes (packets waiting for resolution with them). */
    public void clearNeighbors() { neighbors.clear(); }

    /** Sends a router-originated packet on one interface (to a link-local or multicast destination). */
    public boolean sendOn(Ipv6Interface out, byte[] p, int off, int len) {
        if (out == null || !out.lineUp()) return false;
        originated(p, off);
        if (len > out.mtu()) return fragments(out, Ipv6.destination(p, off), p, off, out.mtu());
        output(out, Ipv6.destination(p, off), p, off, len);
        return true;
    }

    /**
     * The source for a packet to dst (RFC 6724 simplified, as IOS picks it): a usable address of
     * the outgoing interface of the same scope, else a usable global address of any up interface.
     */
    public Ipv6Address sourceFor(Ipv6Interface hint, Ipv6Address dst) {
        if (dst.isLinkLocal() || dst.isLinkScopeMulticast()) return hint == null ? null : sourceOn(hint, dst);
        Ipv6Rib.Entry e = rib.lookup(dst);
        if (e != null && e.receive() && e.out() != null) return dst;
        Ipv6Interface out = e != null && e.out() != null ? e.out() : hint;
        if (out != null) for (Ipv6Interface.Address a : out.globals) if (a.usable()) return a.address;
        for (Ipv6Interface i : interfaces.values()) {
            if (!i.lineUp()) continue;
            for (Ipv6Interface.Address a : i.globals) if (a.usable()) return a.address;
        }
        return null;
    }

    /** A source on interface i for dst: its link-local address for link-scope destinations, else a global one. */
    private Ipv6Address sourceOn(Ipv6Interface i, Ipv6Address dst) {
        if (!dst.isLinkLocal() && !dst.isLinkScopeMulticast()) {
            for (Ipv6Interface.Address a : i.globals) if (a.usable() && dst.inPrefix(a.address, a.length)) return a.address;
        }
        if (i.linkLocal != null && i.linkLocal.usable()) return i.linkLocal.address;
        for (Ipv6Interface.Address a : i.globals) if (a.usable()) return a.address;
        return null;
    }

    /**
     * An ICMPv6 error about a packet received on in (RFC 4443 §2.4), from the router's address
     * facing its source; rate limited by a token bucket (IOS `ipv6 icmp error-interval 100 10`).
     */
    private void error(Ipv6Interface in, byte[] orig, int off, int len, int type, int code, long param) {
        boolean anyDst = type == Icmpv6.TYPE_PACKET_TOO_BIG || type == Icmpv6.TYPE_PARAMETER_PROBLEM && code == Icmpv6.CODE_UNRECOGNIZED_OPTION;
        if (!Icmpv6.mayReplyWithError(orig, off, len, anyDst)) return;
        long now = scheduler.nanos();
        tokens = Math.min(ERROR_BUCKET, tokens + (double) (now - tokensAt) / ERROR_INTERVAL_NANOS);
        tokensAt = now;
        if (tokens < 1) {
            stats.icmpErrorsRateLimited++;
            return;
        }
        tokens -= 1;
        Ipv6Address to = Ipv6.source(orig, off);
        Ipv6Address from = sourceFor(in, to);
        if (from == null) return;
        byte[] p = Icmpv6.buildPacket(HEADROOM, from, to, 64, Icmpv6.error(type, code, param, orig, off, len));
        stats.icmpErrorsSent++;
        if (to.isLinkLocal()) sendOn(in, p, HEADROOM, p.length - HEADROOM);
        else send(p, HEADROOM, p.length - HEADROOM);
    }
}
