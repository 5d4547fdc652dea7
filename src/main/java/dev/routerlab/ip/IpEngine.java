package dev.routerlab.ip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import dev.routerlab.routing.IntMap;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.routing.Fib;
import dev.routerlab.routing.Rib;
import dev.routerlab.routing.Route;
import dev.routerlab.packet.Arp;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.MacAddress;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.Reassembler;
import dev.routerlab.packet.Tcp;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Scheduler;

/**
 * One router's IPv4 dataplane: interfaces and their states, ARP, the routing table and FIB,
 * forwarding with TTL and fragmentation, ICMP, local delivery, reassembly, and the line protocol
 * of tunnels, whose encapsulation is the tunnel engine's ({@link Encapsulation}).
 *
 * <p>The engine follows the configuration model: {@link #reconcile} copies the model into the
 * interfaces and re-evaluates link and line-protocol states (logging each change as IOS does),
 * then rebuilds the routing table. Everything runs on the router's scheduler thread; no locks.
 *
 * <p>Packets travel as (array, offset of the IPv4 header, length). A frame handed to a link
 * belongs to the link from then on. Headers are rewritten in place where there is room in
 * front of the IP header (forwarding rewrites the Ethernet header; decapsulated packets have
 * the outer headers' room), so a forwarded packet costs no copy and GRE encapsulation at most one.
 */
public final class IpEngine {
    /** Room left in front of locally built packets: Ethernet + outer IPv4 + the longest GRE header. */
    public static final int HEADROOM = Ethernet.HEADER_LEN + Ipv4.MIN_HEADER_LEN + Gre.MAX_HEADER_LEN;
    /** IOS `ip icmp rate-limit unreachable` default: one per 500 ms (and as many DF ones). */
    public static final long UNREACHABLE_INTERVAL_NANOS = 500_000_000L;
    static final long REASSEMBLY_TIMEOUT_NANOS = 15_000_000_000L;
    private static final long BROADCAST_MAC = 0xffff_ffff_ffffL;
    private static final long MULTICAST_MAC = 0x0100_5e00_0000L;
    /** Tunnel-in-tunnel levels an outer packet may go through. */
    public static final int MAX_TUNNEL_NESTING = 4;

    /** Where log lines go: `%FACILITY-SEVERITY-MNEMONIC: text`. */
    @FunctionalInterface
    public interface LogSink {
        void log(String facility, int severity, String mnemonic, String text);

        /** Logs a whole IOS message `%FACILITY-SEVERITY-MNEMONIC: text` (engines that write IOS texts); others are ignored. */
        default void log(String message) {
            java.util.regex.Matcher m = Message.FORM.matcher(message);
            if (m.matches()) log(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4));
        }
    }

    /** The form of an IOS message, compiled when the first is logged (not at every launch). */
    private static final class Message {
        static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("%([A-Z0-9_]+)-(\\d)-([A-Z0-9_]+): (.*)", java.util.regex.Pattern.DOTALL);
    }

    /** Sees every ICMP message delivered locally (a checked IPv4 packet at off); ping and traceroute use it. */
    @FunctionalInterface
    public interface IcmpListener {
        void icmp(byte[] b, int off, int len);
    }

    /**
     * Another engine's local-delivery hook for an IP protocol or UDP port (ESP, IKE): a checked
     * IPv4 packet addressed to the router. Return false to let the default handling run.
     */
    @FunctionalInterface
    public interface LocalHandler {
        boolean receive(IpInterface in, byte[] b, int off, int len);
    }

    /** A link-layer protocol's frames (CDP): the whole Ethernet frame as received on a port. */
    public interface FrameHandler {
        void frame(IpInterface in, byte[] b, int off, int len);
    }

    /** Router-wide IP counters (the `show ip traffic` kind). */
    public static final class Stats {
        public long received, delivered, forwarded, badHeader, noRoute, ttlExceeded, encapsulationFailed;
        public long fragmented, fragmentsCreated, cannotFragment, reassembled, icmpErrorsSent, icmpBad;
        public long greUnmatched, greBad, unknownProtocol;
    }

    private final Scheduler scheduler;
    /** How long a tunnel disabled for recursive routing stays down before it is tried again. */
    static final long RECURSIVE_HOLD_NANOS = 60_000_000_000L;
    private final LogSink log;
    private final Function<InterfaceName, IpInterface> factory;
    private final TreeMap<InterfaceName, IpInterface> interfaces = new TreeMap<>();
    /**
     * interfaces::get and the line tests as classes, not lambdas: the table is built before the
     * first prompt, where no call site is linked (see device.Router).
     */
    private final Function<InterfaceName, IpInterface> byName = new Function<>() {
        @Override public IpInterface apply(InterfaceName n) { return interfaces.get(n); }
    };
    private static final java.util.function.Predicate<IpInterface> LINE_UP = new java.util.function.Predicate<>() {
        @Override public boolean test(IpInterface i) { return i.lineUp; }
    };
    private static final java.util.function.Predicate<IpInterface> NEXT_LINE = new java.util.function.Predicate<>() {
        @Override public boolean test(IpInterface i) { return i.nextLine; }
    };
    private final ArpCache arp = new ArpCache();
    private final Reassembler reassembler = new Reassembler(64, 64, REASSEMBLY_TIMEOUT_NANOS);
    private final LocalHandler[] protocols = new LocalHandler[256];
    private final IntMap<LocalHandler> udpPorts = new IntMap<>();
    private final List<IcmpListener> icmpListeners = new ArrayList<>();
    /** Link-layer protocols by the multicast address they listen to (CDP: 01:00:0c:cc:cc:cc). */
    private final java.util.Map<Long, FrameHandler> frameHandlers = new java.util.HashMap<>();
    private final Stats stats = new Stats();
    private final java.util.Map<Object, List<Route<IpInterface>>> external = new java.util.LinkedHashMap<>();
    /** The VRF of an owner whose routes belong to one table only (`setRoutes(owner, vrf, ...)`). */
    private final java.util.Map<Object, String> externalVrf = new HashMap<>();
    private RunningConfig config = new RunningConfig();
    private Rib<IpInterface> rib = Rib.empty();
    private Fib<IpInterface> fib = rib.fib();
    /** The VRFs' tables, built on demand from the same interface states (cleared with the global one). */
    private final Map<String, Rib<IpInterface>> vrfRibs = new HashMap<>();
    private int ipId;
    private long lastUnreachable = Long.MIN_VALUE / 2;
    private long lastDfUnreachable = Long.MIN_VALUE / 2;
    private boolean evaluating;
    private boolean reevaluate;
    /** The RIB/FIB no longer reflect the interfaces (a scoped change): rebuilt when next used. */
    private boolean ribStale;
    private long ribBuilds;
    /** Tunnels at the last full evaluation: while there are none, one interface's change stays local. */
    private int tunnelCount;
    /** The tunnel engine: tunnel bindings, GRE input (null: tunnels stay down and GRE is unreachable). */
    private Encapsulation encapsulation;
    /** The NAT engine while NAT is configured (null: no translation stage). */
    private NatBinding nat;
    /** The IPv6 engine (null: IPv6 frames count as unknown protocol). */
    private Ipv6Binding ipv6;
    /** Link-local multicast groups the router listens to (OSPF: 224.0.0.5, 224.0.0.6). */
    private final java.util.Set<Integer> groups = new java.util.HashSet<>();
    /** Told (on a later scheduler turn) of every line-protocol change. */
    private final List<java.util.function.Consumer<LineChange>> lineListeners = new ArrayList<>();
    /** The discard interface, Null0 (RFC 1812 5.2.4.3 black hole; summaries' discard routes). */
    public static final InterfaceName NULL0 = new InterfaceName(InterfaceName.Type.NULL, "0");
    private final IpInterface null0;

    /**
     * @param factory makes the engine's view of a new interface (its MAC address and counters
     *                come from the router)
     */
    public IpEngine(Scheduler scheduler, LogSink log, Function<InterfaceName, IpInterface> factory) {
        this.scheduler = scheduler;
        this.log = log;
        this.factory = factory;
        this.null0 = new IpInterface(NULL0, 0, new Counters());
        null0.adminUp = true;
        null0.lineUp = true;
        null0.announced = true;
        interfaces.put(NULL0, null0);
    }

    // ------------------------------------------------------------------ accessors

    public Scheduler scheduler() { return scheduler; }

    public IpInterface get(InterfaceName n) { return interfaces.get(n); }

    /** Interfaces in running-config order. */
    public Collection<IpInterface> interfaces() { return interfaces.values(); }

    public ArpCache arp() { return arp; }

    public Rib<IpInterface> rib() {
        if (ribStale) rebuildRib();
        return rib;
    }

    public Fib<IpInterface> fib() {
        if (ribStale) rebuildRib();
        return fib;
    }

    /** The routing table of a VRF (null: the global one), built on first use after each change. */
    public Rib<IpInterface> rib(String vrf) {
        if (vrf == null) return rib();
        if (ribStale) rebuildRib();
        Rib<IpInterface> r = vrfRibs.get(vrf);      // per packet on a VRF interface: no lambda once built
        if (r == null) vrfRibs.put(vrf, r = Rib.build(config, byName, interfaces.values(), LINE_UP, externalRoutes(vrf), vrf));
        return r;
    }

    /** The forwarding table a packet received on in is looked up in: its VRF's. */
    private Fib<IpInterface> fibFor(IpInterface in) {
        return in == null || in.vrf == null ? fib() : rib(in.vrf).fib();
    }

    /** After a change scoped to one interface (see {@link #reconcile(RunningConfig, InterfaceName)}): the table on first use. */
    private void rebuildRib() {
        ribStale = false;
        vrfRibs.clear();
        Rib<IpInterface> r = Rib.build(config, byName, interfaces.values(), LINE_UP, externalRoutes());
        rib = r;
        fib = r.fib();
        ribBuilds++;
    }

    /** How often the routing table was built (tests bound the work of typed configuration with it). */
    public long ribBuilds() { return ribBuilds; }

    public Stats stats() { return stats; }

    public Reassembler reassembler() { return reassembler; }

    public void addIcmpListener(IcmpListener l) { icmpListeners.add(l); }

    public void removeIcmpListener(IcmpListener l) { icmpListeners.remove(l); }

    /** A decapsulated IPv6 packet (GRE 0x86DD) entering IPv6 input as if received on {@code in}. */
    public void injectIpv6(IpInterface in, byte[] b, int off, int len) {
        if (ipv6 != null) ipv6.input(in, b, off, len);
        else in.counters.unknownProtocolDrops++;
    }

    /** A decapsulated packet re-entering IPv4 input as if received on {@code in}. */
    public void inject(IpInterface in, byte[] b, int off, int len) { ipIn(in, b, off, len); }

    /**
     * Where a packet enters an interface's output chain. The chain runs in this order: the crypto
     * map (RFC 4301 §5.1: outbound policy before anything else), tunnel encapsulation (GRE, VTI,
     * tunnel protection), fragmentation to the IP MTU, ARP, the link. A tunnel's outer packet
     * starts the chain again on its own output interface, from the stage its inner packet
     * entered at, one nesting level deeper (at most {@link #MAX_TUNNEL_NESTING}).
     */
    public enum Stage {
        /** Forwarded and router-originated packets: the whole chain. */
        CRYPTO_MAP,
        /** ESP and IKE the router originates: past the crypto maps. */
        ENCAPSULATION
    }

    /**
     * Sends a router-originated packet past the crypto maps (ESP, IKE), routed as {@link #send} in
     * a front-door VRF's table (null: the global one).
     * @param depth the tunnel nesting level of the packet it protects (0 for IKE)
     */
    public boolean sendClear(String vrf, byte[] p, int off, int len, int depth) {
        return send(rib(vrf).fib(), p, off, len, Stage.ENCAPSULATION, depth);
    }

    /** Routes an already protected outer packet of tunnel t (never back into t), past the crypto maps. */
    public void sendTunnelOuter(IpInterface t, byte[] p, int off, int len, int depth) {
        routeOuter(t, p, off, len, Stage.ENCAPSULATION, depth);
    }

    /**
     * Installs another engine's local-delivery hook for an IP protocol (ESP; OSPF, protocol 89,
     * installed by composition). Datagrams to a joined group ({@link #joinGroup}) reach it too.
     */
    public void register(int protocol, LocalHandler h) { protocols[protocol & 0xff] = h; }

    /** Listens to a link-local multicast group (224.0.0.0/24) on every interface: its MAC (RFC 1112 6.4) and its datagrams. */
    public void joinGroup(int group) { groups.add(group); }

    public void leaveGroup(int group) { groups.remove(group); }

    /**
     * A line-protocol change as it happened: the interface, its line and administrative state at
     * that moment (a listener runs later, when the interface may have changed again).
     */
    public record LineChange(IpInterface iface, boolean up, boolean adminUp) {}

    /** Adds an observer of line-protocol changes (composition: the routing protocols, CDP, SNMP traps). */
    public void onLineChange(java.util.function.Consumer<LineChange> l) { lineListeners.add(l); }

    /** The IOS router-id choice: the highest loopback address, else the highest address of an up interface (0: none). */
    public int routerIdCandidate() {
        long best = -1;
        for (IpInterface i : interfaces.values()) {
            if (i.kind == IpInterface.Kind.LOOPBACK && i.hasAddress && i.lineUp) best = Math.max(best, i.address & 0xffffffffL);
        }
        if (best < 0) {
            for (IpInterface i : interfaces.values()) if (i.hasAddress && i.lineUp) best = Math.max(best, i.address & 0xffffffffL);
        }
        return best < 0 ? 0 : (int) best;
    }

    /** The router-id a routing process in a VRF picks: as {@link #routerIdCandidate()}, among that VRF's interfaces. */
    public int routerIdCandidate(String vrf) {
        long best = -1;
        for (IpInterface i : interfaces.values()) {
            if (java.util.Objects.equals(i.vrf, vrf) && i.kind == IpInterface.Kind.LOOPBACK && i.hasAddress && i.lineUp) best = Math.max(best, i.address & 0xffffffffL);
        }
        if (best < 0) {
            for (IpInterface i : interfaces.values()) if (java.util.Objects.equals(i.vrf, vrf) && i.hasAddress && i.lineUp) best = Math.max(best, i.address & 0xffffffffL);
        }
        return best < 0 ? 0 : (int) best;
    }

    /** Null0, the discard interface routes may point at. */
    public IpInterface null0() { return null0; }

    /**
     * Sends a router-originated datagram (complete header, TTL 1) out of one interface to a
     * multicast group or a neighbour on its link, with no route lookup: the whole output chain
     * (a tunnel carries it; mGRE replicates multicast by its NHRP map; Ethernet multicast maps to
     * 01:00:5e + the low 23 bits).
     */
    public boolean sendOn(IpInterface out, byte[] p, int off, int len) {
        if (out == null || !out.lineUp) return false;
        int dst = Ipv4.destination(p, off);
        output(new Fib.Entry<>(dst, 32, Fib.Kind.ATTACHED, out, 0, null), p, off, len, dst, Stage.CRYPTO_MAP, 0);
        return true;
    }

    /**
     * Sends a routing protocol's message from the interface's address (precedence internetwork
     * control, as IOS marks OSPF and EIGRP) with the given TTL, through {@link #sendOn}.
     */
    public boolean sendOn(IpInterface out, int protocol, int ttl, int dst, byte[] message) {
        if (out == null || !out.hasAddress) return false;
        int po = HEADROOM;
        int len = Ipv4.MIN_HEADER_LEN + message.length;
        byte[] p = new byte[po + len];
        Ipv4.writeHeader(p, po, 0xc0, len, nextIpId(), 0, ttl, protocol, out.address, dst);
        System.arraycopy(message, 0, p, po + Ipv4.MIN_HEADER_LEN, message.length);
        return sendOn(out, p, po, len);
    }

    /** Frames to a link-layer multicast address go to h (null: dropped as unknown protocol again). */
    public void registerFrames(long multicast, FrameHandler h) {
        if (h == null) frameHandlers.remove(multicast);
        else frameHandlers.put(multicast, h);
    }

    /** Sends a link-layer protocol's complete frame out of an Ethernet port whose line is up. */
    public boolean sendFrame(IpInterface out, byte[] f) {
        if (out == null || !out.lineUp || out.link == null || !out.link.ethernet()) return false;
        transmit(out, f, 0, f.length);
        return true;
    }

    /** Installs the tunnel engine (composition, before the first reconciliation). */
    public void bindTunnels(Encapsulation e) { encapsulation = e; }

    /** Installs the IPv6 engine (composition). */
    public void bindIpv6(Ipv6Binding b) { ipv6 = b; }

    /**
     * Sends an IPv6 packet of the IPv6 engine out of an interface: framed with type 0x86DD to
     * dstMac on Ethernet (in place when there is room in front), bare on a TUN, swallowed by a
     * loopback; counted on the interface. False when its line is down or it has no way out.
     */
    public boolean transmitIpv6(IpInterface out, byte[] b, int off, int len, long dstMac) {
        if (!out.lineUp || out.kind == IpInterface.Kind.NULL || out.kind == IpInterface.Kind.TUNNEL && out.tunnel == null) {
            out.counters.outputDrops++;
            return false;
        }
        if (out.kind == IpInterface.Kind.TUNNEL) {
            out.tunnel.outputIpv6(out, b, off, len);
            return true;
        }
        if (out.kind == IpInterface.Kind.LOOPBACK) {
            countOutput(out, len);
            return true;
        }
        if (!sentBare(out, b, off, len)) ethernet(out, dstMac, Ethernet.TYPE_IPV6, b, off, len);
        return true;
    }

    /** Installs (or, with null, removes) the NAT stage (composition, on reconciliation). */
    public void bindNat(NatBinding n) { nat = n; }

    public void registerUdp(int port, LocalHandler h) {
        if (h == null) udpPorts.remove(port);
        else udpPorts.put(port, h);
    }

    /**
     * Routes from another engine (OSPF, EIGRP, NHRP shortcuts) under its owner key; replaces that
     * owner's previous set and rebuilds the table (tunnel states included). Scheduler thread only.
     */
    public void setRoutes(Object owner, java.util.Collection<Route<IpInterface>> routes) {
        setRoutes(owner, null, routes);
    }

    /**
     * Routes of an engine that runs in one VRF (null: no VRF of its own; its routes go to the
     * tables their paths' interfaces are in): they enter that VRF's table only, Null0 discard
     * routes included.
     */
    public void setRoutes(Object owner, String vrf, java.util.Collection<Route<IpInterface>> routes) {
        if (routes == null || routes.isEmpty()) {
            external.remove(owner);
            externalVrf.remove(owner);
        } else {
            external.put(owner, List.copyOf(routes));
            if (vrf == null) externalVrf.remove(owner);
            else externalVrf.put(owner, vrf);
        }
        evaluate();
    }

    /** Forgets an owner's routes without rebuilding the table (interface teardown). */
    public void dropRoutes(Object owner) {
        external.remove(owner);
        externalVrf.remove(owner);
    }

    private List<Route<IpInterface>> externalRoutes() { return externalRoutes(null); }

    /** The other engines' routes a table is built from: those of its VRF's owners, and the routes of owners of no VRF. */
    private List<Route<IpInterface>> externalRoutes(String vrf) {
        if (external.isEmpty()) return List.of();
        List<Route<IpInterface>> all = new ArrayList<>();
        for (Map.Entry<Object, List<Route<IpInterface>>> e : external.entrySet()) {
            String own = externalVrf.get(e.getKey());
            if (own != null) {
                if (own.equals(vrf)) all.addAll(e.getValue());
            } else if (vrf == null) {
                all.addAll(e.getValue());
            } else {
                for (Route<IpInterface> r : e.getValue()) if (!discards(r)) all.add(r);   // a global discard route stays global
            }
        }
        return all;
    }

    private static boolean discards(Route<IpInterface> r) {
        for (Route.Path<IpInterface> p : r.paths()) if (p.out() != null && p.out().discard()) return true;
        return false;
    }

    /** A fresh IPv4 identification value. */
    public int nextIpId() {
        ipId = (ipId + 1) & 0xffff;
        return ipId;
    }

    // ------------------------------------------------------------------ binding

    /** Attaches a link to a physical port; see {@link dev.routerlab.link.Wire} for the contract. */
    public LinkReceiver bind(InterfaceName port, Link link) {
        if (port == null || !port.isPhysical()) throw new IllegalArgumentException("not a physical port: " + port);
        IpInterface i = interfaces.computeIfAbsent(port, factory);
        i.link = link;
        i.carrier = true;
        link.portState(i.adminUp);
        i.portReported = i.adminUp;
        carrierChanged(i);
        return new Receiver(i, link);
    }

    /** Detaches the port's link; the port loses carrier. */
    public void unbind(InterfaceName port) {
        IpInterface i = interfaces.get(port);
        if (i == null || i.link == null) return;
        i.link = null;
        i.carrier = false;
        carrierChanged(i);
    }

    /**
     * A port's carrier changed: the states follow, unless the port is shut down, where carrier
     * changes nothing (its link state is "administratively down" either way). Wiring a lab of
     * N ports before its configuration then costs N, not N squared.
     */
    private void carrierChanged(IpInterface i) {
        if (i.adminUp || i.linkState != IpInterface.LinkState.ADMIN_DOWN) evaluate();
    }

    /** What a link delivers to: frames (or bare IPv4 from TUN) and carrier changes. */
    private final class Receiver implements LinkReceiver {
        private final IpInterface port;
        private final Link link;
        private final boolean ethernet;

        Receiver(IpInterface port, Link link) {
            this.port = port;
            this.link = link;
            this.ethernet = link.ethernet();
        }

        @Override
        public void receive(byte[] data, int off, int len) {
            if (port.link != link) return;          // unbound since
            if (ethernet) frameIn(port, data, off, len);
            else rawIn(port, data, off, len);
        }

        @Override
        public void carrier(boolean up) {
            if (port.link != link || port.carrier == up) return;
            port.carrier = up;
            carrierChanged(port);
        }

        @Override
        public void inputQueueDrops(long n) {
            if (port.link == link) port.counters.inputDrops += n;
        }
    }

    // ------------------------------------------------------------------ reconciliation

    /** Makes the engine follow the model: interfaces, addresses, admin states, routes, tunnels. */
    public void reconcile(RunningConfig cfg) {
        this.config = cfg;
        for (InterfaceConfig ic : cfg.interfaces.values()) {
            IpInterface i = interfaces.computeIfAbsent(ic.name, factory);
            i.apply(ic);
            if (i.kind == IpInterface.Kind.TUNNEL) {
                i.tunnelMode = ic.tunnelMode;
                if (encapsulation != null) i.tunnel = encapsulation.configure(i, i.tunnel, ic);
            }
        }
        for (Iterator<IpInterface> it = interfaces.values().iterator(); it.hasNext(); ) {
            IpInterface i = it.next();
            if (cfg.interfaces.containsKey(i.name) || i == null0) continue;
            if (i.name.isPhysical() && !i.name.isSubinterface()) {
                i.adminUp = false;
                continue;
            }
            if (i.tunnel != null) i.tunnel.close();
            arp.flush(i);
            it.remove();
        }
        evaluate();
    }

    /**
     * As {@link #reconcile(RunningConfig)} when only interface {@code name}'s configuration changed
     * (a command in its interface mode, or `interface NAME`): without tunnels nothing else depends
     * on one interface's state but the routing table, so only that interface is applied and
     * committed and the table is rebuilt when next used. Typing N interfaces is then linear work,
     * not N full reconciliations. Anything else takes the full path.
     */
    public void reconcile(RunningConfig cfg, InterfaceName name) {
        InterfaceConfig ic = cfg.interfaces.get(name);
        IpInterface i = interfaces.get(name);
        if (ic == null || cfg != config || evaluating || tunnelCount > 0 || !external.isEmpty()
                || name.type() == InterfaceName.Type.TUNNEL || (i != null && i.tunnel != null)) {
            reconcile(cfg);
            return;
        }
        if (i == null) {
            i = factory.apply(name);
            interfaces.put(name, i);
        }
        i.apply(ic);
        i.nextLink = !i.adminUp ? IpInterface.LinkState.ADMIN_DOWN
            : i.kind == IpInterface.Kind.ETHERNET && !i.carrier ? IpInterface.LinkState.DOWN : IpInterface.LinkState.UP;
        i.nextLine = i.nextLink == IpInterface.LinkState.UP;
        i.nextDown = IpInterface.TunnelDown.NONE;
        commit(i);
        ribStale = true;
    }

    /** A reload: forget dynamic state; the boot's reconciliation then starts from scratch, silently as a boot does. */
    public void reset() {
        arp.clear();
        for (Iterator<IpInterface> it = interfaces.values().iterator(); it.hasNext(); ) {
            IpInterface i = it.next();
            if (i.tunnel != null) i.tunnel.close();
            i.counters.reset();
            if (i == null0) continue;
            if (!i.name.isPhysical()) {
                it.remove();
                continue;
            }
            i.adminUp = false;
            i.linkState = IpInterface.LinkState.ADMIN_DOWN;
            i.lineUp = false;
        }
        rib = Rib.empty();
        fib = rib.fib();
        vrfRibs.clear();
        ribStale = false;
        config = new RunningConfig();
    }

    /**
     * Re-evaluates link and line-protocol states and rebuilds the routing table. A tunnel is up
     * when enabled, its source is an up interface with an address, keepalives (if on) are
     * answered, and its destination is routable other than through the tunnel itself: a route
     * through the tunnel takes it down as recursive routing. Logs every change as IOS does.
     */
    public void evaluate() {
        if (evaluating) {             // a keepalive verdict arriving mid-evaluation
            reevaluate = true;
            return;
        }
        evaluating = true;
        try {
            do {
                reevaluate = false;
                evaluateOnce();
            } while (reevaluate);
        } finally {
            evaluating = false;
        }
    }

    private void evaluateOnce() {
        List<IpInterface> tunnels = new ArrayList<>();
        for (IpInterface i : interfaces.values()) {
            if (i == null0) i.adminUp = true;      // `shutdown` does not apply to Null0
            i.nextLink = !i.adminUp ? IpInterface.LinkState.ADMIN_DOWN
                : i.kind == IpInterface.Kind.ETHERNET && !i.carrier ? IpInterface.LinkState.DOWN : IpInterface.LinkState.UP;
            i.nextLine = i.nextLink == IpInterface.LinkState.UP;
            i.nextDown = IpInterface.TunnelDown.NONE;
            if (i.kind == IpInterface.Kind.TUNNEL) tunnels.add(i);
        }
        for (IpInterface t : tunnels) {
            TunnelBinding g = t.tunnel;
            if (g == null) {                  // no tunnel engine
                t.nextLine = false;
                continue;
            }
            IpInterface.TunnelDown own = g.ownTransport();   // null: an IPv4 transport, judged here
            int src = own == null ? tunnelSource(g) : 0;
            g.setSource(src);
            t.underlay = sourceInterface(g);                  // mGRE, or until a route says which
            if (t.underlay == t) t.underlay = null;
            if (!t.nextLine) continue;
            if (own != null) t.nextDown = own;
            else if (src == 0) t.nextDown = IpInterface.TunnelDown.NO_SOURCE;
            else if (g.destination() == null && t.tunnelMode != InterfaceConfig.TunnelMode.GRE_MULTIPOINT) {
                t.nextDown = IpInterface.TunnelDown.NO_DESTINATION;
            }
            if (t.nextDown == IpInterface.TunnelDown.NONE) {
                if (g.keepaliveDown()) t.nextDown = IpInterface.TunnelDown.KEEPALIVE;
                else if (scheduler.nanos() < t.recursiveUntil) t.nextDown = IpInterface.TunnelDown.RECURSIVE;
            }
            if (t.nextDown != IpInterface.TunnelDown.NONE) t.nextLine = false;
        }
        Rib<IpInterface> r;
        while (true) {
            r = Rib.build(config, byName, interfaces.values(), NEXT_LINE, externalRoutes());
            boolean changed = false;
            Map<String, Fib<IpInterface>> frontDoor = new HashMap<>();
            for (IpInterface t : tunnels) {
                if (!t.nextLine || t.tunnel.destination() == null) continue;
                Fib<IpInterface> transport = t.tunnelVrf == null ? r.fib() : frontDoor.computeIfAbsent(t.tunnelVrf,
                    v -> Rib.build(config, byName, interfaces.values(), NEXT_LINE, List.of(), v).fib());
                Fib.Entry<IpInterface> e = transport.lookup(t.tunnel.destination());
                if (e == null || e.kind == Fib.Kind.RECEIVE) t.nextDown = IpInterface.TunnelDown.NO_ROUTE;
                else if (e.out == t) t.nextDown = IpInterface.TunnelDown.RECURSIVE;
                else {
                    t.underlay = e.out;                       // the interface the outer packets leave by
                    continue;
                }
                t.nextLine = false;
                changed = true;
            }
            if (!changed) break;
        }
        for (IpInterface i : interfaces.values()) if (i.name.isPhysical()) commit(i);
        for (IpInterface i : interfaces.values()) if (!i.name.isPhysical()) commit(i);
        rib = r;
        fib = r.fib();
        vrfRibs.clear();
        ribStale = false;
        ribBuilds++;
        tunnelCount = tunnels.size();
        if (encapsulation != null) encapsulation.evaluated(config, tunnels);
    }

    /** The tunnel's source interface, or the interface that holds its configured source address (null: none). */
    private IpInterface sourceInterface(TunnelBinding g) {
        if (g.sourceInterface() != null) return interfaces.get(g.sourceInterface());
        if (g.sourceAddress() != null) for (IpInterface s : interfaces.values()) if (s.owns(g.sourceAddress())) return s;
        return null;
    }

    /** The tunnel's source address: the source interface's when it is up, or a configured address of an up interface. */
    private int tunnelSource(TunnelBinding g) {
        if (g.sourceInterface() != null) {
            IpInterface s = interfaces.get(g.sourceInterface());
            return s != null && s.nextLine && s.hasAddress ? s.address : 0;
        }
        if (g.sourceAddress() != null) {
            int a = g.sourceAddress();
            for (IpInterface s : interfaces.values()) if (s.nextLine && s.owns(a)) return a;
        }
        return 0;
    }

    /** Applies one interface's new state, logging the changes in IOS words. */
    private void commit(IpInterface i) {
        if (!i.announced) {              // a virtual interface just created: IOS reports its line protocol
            i.announced = true;
            i.linkState = i.nextLink;
            i.lineUp = i.nextLine;
            i.tunnelDown = i.nextDown;
            log.log("LINEPROTO", 5, "UPDOWN", "Line protocol on Interface " + i.name + ", changed state to " + (i.lineUp ? "up" : "down"));
        } else {
            if (i.linkState != i.nextLink) {
                if (i.nextLink == IpInterface.LinkState.ADMIN_DOWN) {
                    log.log("LINK", 5, "CHANGED", "Interface " + i.name + ", changed state to administratively down");
                } else {
                    log.log("LINK", 3, "UPDOWN", "Interface " + i.name + ", changed state to " + i.nextLink.ios);
                }
                if (i.nextLink == IpInterface.LinkState.UP) i.counters.interfaceResets++;
            }
            if (i.nextDown == IpInterface.TunnelDown.RECURSIVE && i.tunnelDown != IpInterface.TunnelDown.RECURSIVE) {
                log.log("TUN", 5, "RECURDOWN", i.name + " temporarily disabled due to recursive routing");
                // IOS keeps it down a while so routing can converge, then tries again (it flaps until fixed)
                i.recursiveUntil = scheduler.nanos() + RECURSIVE_HOLD_NANOS;
                scheduler.schedule(RECURSIVE_HOLD_NANOS, this::evaluate);
            }
            if (i.lineUp != i.nextLine) {
                log.log("LINEPROTO", 5, "UPDOWN", "Line protocol on Interface " + i.name + ", changed state to " + (i.nextLine ? "up" : "down"));
            }
            boolean wasUp = i.lineUp;
            i.linkState = i.nextLink;
            i.lineUp = i.nextLine;
            i.tunnelDown = i.nextDown;
            if (wasUp && !i.lineUp) arp.flush(i);
            if (wasUp != i.lineUp) {
                LineChange change = new LineChange(i, i.lineUp, i.adminUp);
                for (java.util.function.Consumer<LineChange> l : lineListeners) scheduler.execute(() -> l.accept(change));
            }
        }
        if (i.link != null && i.portReported != i.adminUp) {
            i.portReported = i.adminUp;
            i.link.portState(i.adminUp);
        }
    }

    // ------------------------------------------------------------------ input

    /** An Ethernet frame from a port's link. Malformed frames are counted and dropped. */
    void frameIn(IpInterface in, byte[] b, int off, int len) {
        if (!in.lineUp) return;                       // a down port hears nothing
        Counters c = in.counters;
        c.input(scheduler.nanos());
        if (!Bytes.inBounds(b, off, len) || len < Ethernet.HEADER_LEN) {
            c.runts++;
            c.inputErrors++;
            return;
        }
        c.bytesIn += len;
        if (len > Ethernet.HEADER_LEN + in.mtu() + 4) {
            c.giants++;
            c.inputErrors++;
            return;
        }
        long dst = Ethernet.destinationLong(b, off);
        FrameHandler fh = (dst & 0x0100_0000_0000L) == 0 || frameHandlers.isEmpty() ? null : frameHandlers.get(dst);
        if (fh != null) {
            fh.frame(in, b, off, len);
            return;
        }
        if (dst == BROADCAST_MAC) c.broadcastsIn++;
        else if (dst != in.mac && !joined(dst) && (ipv6 == null || !ipv6.listens(in, dst))) return; // another station's frame, or multicast we did not join
        int type = Ethernet.etherType(b, off);
        if (type == Ethernet.TYPE_IPV4) ipIn(in, b, off + Ethernet.HEADER_LEN, len - Ethernet.HEADER_LEN);
        else if (type == Ethernet.TYPE_IPV6 && ipv6 != null) ipv6.input(in, b, off + Ethernet.HEADER_LEN, len - Ethernet.HEADER_LEN);
        else if (type == Ethernet.TYPE_ARP) arpIn(in, b, off + Ethernet.HEADER_LEN, len - Ethernet.HEADER_LEN);
        else c.unknownProtocolDrops++;
    }

    /** A bare IPv4 or IPv6 packet (by its version) from a TUN link. */
    void rawIn(IpInterface in, byte[] b, int off, int len) {
        if (!in.lineUp) return;
        Counters c = in.counters;
        c.input(scheduler.nanos());
        if (!Bytes.inBounds(b, off, len)) {
            c.inputErrors++;
            return;
        }
        c.bytesIn += len;
        if (len > 0 && (b[off] & 0xf0) == 0x60) {
            if (ipv6 != null) ipv6.input(in, b, off, len);
            else c.unknownProtocolDrops++;
            return;
        }
        ipIn(in, b, off, len);
    }

    /** RFC 826 "Packet Reception", with IOS proxy ARP for destinations routed out another interface. */
    private boolean joined(long mac) {
        if ((mac & ~0x7f_ffffL) != MULTICAST_MAC || groups.isEmpty()) return false;
        for (int g : groups) if ((g & 0x7f_ffff) == (mac & 0x7f_ffff)) return true;
        return false;
    }

    private void arpIn(IpInterface in, byte[] b, int off, int len) {
        PacketError e = Arp.check(b, off, len);
        if (e != PacketError.OK) {
            if (e == PacketError.UNSUPPORTED) in.counters.unknownProtocolDrops++;
            else in.counters.inputErrors++;
            return;
        }
        long now = scheduler.nanos();
        int spa = Arp.senderProtocolAddress(b, off);
        int tpa = Arp.targetProtocolAddress(b, off);
        long sha = MacAddress.readLong(b, off + 8);
        boolean forUs = in.owns(tpa) || nat != null && nat.alias(in, tpa);
        boolean unicastSender = (sha & 0x0100_0000_0000L) == 0 && sha != 0;
        if (spa != 0 && unicastSender && !in.owns(spa) && in.hasAddress) {
            arp.learn(spa, sha, in, now, forUs);      // merge; a new entry only when we are the target
        }
        if (Arp.operation(b, off) != Arp.OP_REQUEST || !in.hasAddress || !unicastSender) return;
        boolean proxy = false;
        if (!forUs && spa != tpa) {
            Fib.Entry<IpInterface> r = fibFor(in).lookup(tpa);
            proxy = r != null && r.out != in && r.out.lineUp;
        }
        if (!forUs && !proxy) return;
        byte[] f = Arp.buildReply(MacAddress.of(in.mac), tpa, MacAddress.of(sha), spa);
        transmit(in, f, 0, f.length);
    }

    /** RFC 1812 5.2: local delivery or forwarding of a received datagram. */
    void ipIn(IpInterface in, byte[] b, int off, int len) {
        stats.received++;
        if (Ipv4.check(b, off, len) != PacketError.OK) {
            stats.badHeader++;
            in.counters.inputErrors++;
            return;
        }
        len = Ipv4.totalLength(b, off);
        if (in.ipsec != null && !in.ipsec.inboundClear(in, b, off, len)) return;
        if (nat != null && !nat.input(in, b, off, len)) return;
        int dst = Ipv4.destination(b, off);
        Fib.Entry<IpInterface> e = fibFor(in).lookup(dst);      // the input interface's VRF
        if (e != null && e.kind == Fib.Kind.RECEIVE || dst == Ipv4Address.LIMITED_BROADCAST || in.isDirectedBroadcast(dst)) {
            localIn(in, b, off, len);
            return;
        }
        if (Ipv4Address.isMulticast(dst)) {   // a joined group's datagrams are ours; no multicast routing here
            if (groups.contains(dst)) localIn(in, b, off, len);   // boxed only for multicast, not per unicast packet
            return;
        }
        if (dst == 0) return;
        forward(in, b, off, len, e, dst);
    }

    private void forward(IpInterface in, byte[] b, int off, int len, Fib.Entry<IpInterface> e, int dst) {
        if (e == null) {
            stats.noRoute++;
            icmpError(b, off, len, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_HOST_UNREACHABLE, 0); // IOS: host unreachable
            return;
        }
        if (Ipv4.ttl(b, off) <= 1) {                 // RFC 1812 5.3.1
            stats.ttlExceeded++;
            icmpError(b, off, len, Icmp.TYPE_TIME_EXCEEDED, Icmp.CODE_TTL_EXCEEDED, 0);
            return;
        }
        Ipv4.decrementTtl(b, off);
        int mss = minMss(in.tcpMss, e.out.tcpMss);
        if (mss > 0 && Ipv4.protocol(b, off) == Ipv4.PROTO_TCP) Tcp.clampMss(b, off, len, mss);
        if (nat != null && !nat.output(in, e.out, b, off, len)) return;
        stats.forwarded++;
        if (in == e.out && in.tunnel != null) in.tunnel.hairpin(in, b, off, len);
        output(e, b, off, len, dst, Stage.CRYPTO_MAP, 0);
    }

    private static int minMss(int a, int b) {
        if (a == 0) return b;
        if (b == 0) return a;
        return Math.min(a, b);
    }

    /** Delivery to the router itself: reassembly, then ICMP, GRE, UDP and registered protocols. */
    private void localIn(IpInterface in, byte[] b, int off, int len) {
        if (Ipv4.isFragment(b, off)) {               // RFC 815 reassembly
            long now = scheduler.nanos();
            reassembler.expire(now, first ->
                icmpError(first, 0, first.length, Icmp.TYPE_TIME_EXCEEDED, Icmp.CODE_REASSEMBLY_TIME_EXCEEDED, 0));
            byte[] d = reassembler.offer(b, off, len, now);
            if (d == null) return;
            stats.reassembled++;
            b = d;
            off = 0;
            len = d.length;
        }
        stats.delivered++;
        int proto = Ipv4.protocol(b, off);
        LocalHandler h = protocols[proto];
        if (h != null && h.receive(in, b, off, len)) return;
        switch (proto) {
            case Ipv4.PROTO_ICMP -> icmpIn(in, b, off, len);
            case Ipv4.PROTO_GRE -> {
                if (encapsulation == null || !encapsulation.input(in, b, off, len)) {   // no tunnel of ours
                    stats.greUnmatched++;
                    icmpError(b, off, len, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_PROTOCOL_UNREACHABLE, 0);
                }
            }
            case Ipv4.PROTO_UDP -> udpIn(in, b, off, len);
            case Ipv4.PROTO_TCP -> { }      // the tcp engine registers protocol 6 (SSH has its own listener)
            default -> {
                stats.unknownProtocol++;
                icmpError(b, off, len, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_PROTOCOL_UNREACHABLE, 0);
            }
        }
    }

    private void udpIn(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        if (Udp.check(b, off + hl, len - hl, Ipv4.source(b, off), Ipv4.destination(b, off)) != PacketError.OK) return;
        LocalHandler h = udpPorts.get(Udp.destinationPort(b, off + hl));
        if (h != null && h.receive(in, b, off, len)) return;
        if (in != null && in.isDirectedBroadcast(Ipv4.destination(b, off))) return;
        icmpError(b, off, len, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_PORT_UNREACHABLE, 0);
    }

    private void icmpIn(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        if (Icmp.check(b, off + hl, len - hl) != PacketError.OK) {
            stats.icmpBad++;
            return;
        }
        if (Icmp.type(b, off + hl) == Icmp.TYPE_ECHO_REQUEST) {
            echoReply(in, b, off, len);
            return;
        }
        if (Icmp.type(b, off + hl) == Icmp.TYPE_DEST_UNREACHABLE && Icmp.code(b, off + hl) == Icmp.CODE_FRAGMENTATION_NEEDED) {
            fragmentationNeeded(b, off + hl, len - hl);
        }
        if (icmpListeners.isEmpty()) return;
        for (IcmpListener l : icmpListeners.toArray(new IcmpListener[0])) l.icmp(b, off, len);
    }

    /**
     * RFC 1191: "fragmentation needed" quoting a GRE packet goes to the tunnels with its source; each
     * binding knows whether the quoted destination is one of its peers.
     */
    private void fragmentationNeeded(byte[] b, int at, int icmpLen) {
        int q = at + Icmp.HEADER_LEN;
        if (icmpLen < Icmp.HEADER_LEN + Ipv4.MIN_HEADER_LEN || Ipv4.protocol(b, q) != Ipv4.PROTO_GRE) return;
        int src = Ipv4.source(b, q), dst = Ipv4.destination(b, q);
        for (IpInterface t : interfaces.values()) {
            TunnelBinding g = t.tunnel;
            if (g != null && g.source() == src) g.fragmentationNeeded(dst, Icmp.nextHopMtu(b, at));
        }
    }

    /** RFC 792 echo reply, built in place: addresses swapped, from the address that was pinged. */
    private void echoReply(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        int icmpLen = len - hl;
        int requester = Ipv4.source(b, off);
        int src = Ipv4.destination(b, off);
        int tos = Ipv4.tos(b, off);
        if (requester == 0 || Ipv4Address.isMulticast(requester) || requester == Ipv4Address.LIMITED_BROADCAST) return;
        if (src == Ipv4Address.LIMITED_BROADCAST || in != null && in.isDirectedBroadcast(src)) {
            if (in == null || !in.hasAddress) return;
            src = in.sourceFor(requester);
        }
        byte[] p = b;
        int po = off;
        if (hl != Ipv4.MIN_HEADER_LEN) {              // options are not echoed: rebuild without them
            p = new byte[HEADROOM + Ipv4.MIN_HEADER_LEN + icmpLen];
            po = HEADROOM;
            System.arraycopy(b, off + hl, p, po + Ipv4.MIN_HEADER_LEN, icmpLen);
        }
        Icmp.toEchoReply(p, po + Ipv4.MIN_HEADER_LEN);
        Ipv4.writeHeader(p, po, tos, Ipv4.MIN_HEADER_LEN + icmpLen, nextIpId(), 0, 255, Ipv4.PROTO_ICMP, src, requester);
        sendIn(in, p, po, Ipv4.MIN_HEADER_LEN + icmpLen);
    }

    // ------------------------------------------------------------------ output

    /**
     * Sends a datagram the router originates (complete header, source set): routed, not TTL
     * decremented. Addressed to the router itself, it is delivered on the next scheduler turn.
     * @return false when there is no route
     */
    public boolean send(byte[] p, int off, int len) { return send(p, off, len, Stage.CRYPTO_MAP, 0); }

    private boolean send(byte[] p, int off, int len, Stage from, int depth) {
        return send(fib(), p, off, len, from, depth);
    }

    /** As {@link #send(byte[], int, int)} in a VRF's table (null: the global one): `ping vrf`. */
    public boolean send(String vrf, byte[] p, int off, int len) {
        return send(rib(vrf).fib(), p, off, len, Stage.CRYPTO_MAP, 0);
    }

    /**
     * A UDP datagram of the router's own (syslog, SNMP): from src to dst, TTL 255, routed in the
     * VRF's table (null: the global one); false when there is no route.
     */
    public boolean sendUdp(String vrf, int src, int dst, int srcPort, int dstPort, byte[] data, int off, int len) {
        byte[] p = Udp.buildPacket(src, dst, srcPort, dstPort, nextIpId(), 255, data, off, len);
        return send(vrf, p, 0, p.length);
    }

    /** As {@link #send(byte[], int, int)} in the forwarding table of the VRF an interface is in (an answer goes back in the VRF it came from). */
    private boolean sendIn(IpInterface in, byte[] p, int off, int len) {
        return send(fibFor(in), p, off, len, Stage.CRYPTO_MAP, 0);
    }

    private boolean send(Fib<IpInterface> table, byte[] p, int off, int len, Stage from, int depth) {
        int dst = Ipv4.destination(p, off);
        Fib.Entry<IpInterface> e = table.lookup(dst);
        if (e == null) {
            stats.noRoute++;
            return false;
        }
        if (e.kind == Fib.Kind.RECEIVE) {
            IpInterface in = e.out;
            scheduler.execute(() -> localIn(in, p, off, len));
            return true;
        }
        output(e, p, off, len, dst, from, depth);
        return true;
    }

    /** The source address the router uses towards dst: the output interface's (0 when there is no route). */
    public int sourceFor(int dst) { return sourceFor(null, dst); }

    /** As {@link #sourceFor(int)} in a VRF's table (null: the global one). */
    public int sourceFor(String vrf, int dst) {
        Fib.Entry<IpInterface> e = rib(vrf).fib().lookup(dst);
        if (e == null) return 0;
        if (e.kind == Fib.Kind.RECEIVE) return dst;
        return e.out.hasAddress ? e.out.sourceFor(e.nextHop(dst)) : 0;
    }

    /** The output chain (see {@link Stage}) of the route's interface, entered at stage {@code from}. */
    private void output(Fib.Entry<IpInterface> e, byte[] b, int off, int len, int dst, Stage from, int depth) {
        IpInterface out = e.out;
        if (!out.lineUp) {
            out.counters.outputDrops++;
            return;
        }
        if (from == Stage.CRYPTO_MAP && out.ipsec != null && out.kind == IpInterface.Kind.ETHERNET
                && out.ipsec.outbound(out, b, off, len, depth)) return;
        switch (out.kind) {
            case TUNNEL -> {
                if (out.tunnel != null) out.tunnel.output(out, b, off, len, e.nextHop(dst), from, depth);
                else out.counters.outputDrops++;
            }
            case LOOPBACK -> countOutput(out, len);          // a loopback swallows what is routed to it
            case NULL -> out.counters.outputDrops++;         // Null0 discards
            default -> ethernetOut(out, b, off, len, e.nextHop(dst));
        }
    }

    private void ethernetOut(IpInterface out, byte[] b, int off, int len, int nextHop) {
        if (len <= out.ipMtu()) frame(out, b, off, len, nextHop);
        else fragmentOrRefuse(b, off, len, out.ipMtu(), f -> frame(out, f, 0, f.length, nextHop));
    }

    /**
     * RFC 791 3.2 / RFC 1191: a packet over the MTU is fragmented (each fragment handed to
     * `each`) or, with DF set, answered with "fragmentation needed".
     */
    public void fragmentOrRefuse(byte[] b, int off, int len, int mtu, java.util.function.Consumer<byte[]> each) {
        if (Ipv4.dontFragment(b, off)) {
            stats.cannotFragment++;
            icmpError(b, off, len, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_FRAGMENTATION_NEEDED, mtu);
            return;
        }
        List<byte[]> frags = Ipv4.fragment(b, off, mtu);
        stats.fragmented++;
        stats.fragmentsCreated += frags.size();
        for (byte[] f : frags) each.accept(f);
    }

    /** Adds the Ethernet header (in place when there is room) after resolving the next hop with ARP. */
    private void frame(IpInterface out, byte[] b, int off, int len, int nextHop) {
        if (sentBare(out, b, off, len)) return;      // TUN: bare IPv4, no ARP
        long mac;
        if (nextHop == Ipv4Address.LIMITED_BROADCAST || out.isDirectedBroadcast(nextHop)) {
            mac = BROADCAST_MAC;
        } else if (Ipv4Address.isMulticast(nextHop)) {
            mac = MULTICAST_MAC | (nextHop & 0x7f_ffffL);
        } else {
            long now = scheduler.nanos();
            mac = arp.resolve(out, nextHop, now);
            if (mac < 0) {                           // IOS drops the packet that triggers resolution
                stats.encapsulationFailed++;
                if (out.hasAddress && arp.needRequest(nextHop, out, now)) {
                    byte[] req = Arp.buildRequest(MacAddress.of(out.mac), out.sourceFor(nextHop), nextHop);
                    transmit(out, req, 0, req.length);
                }
                return;
            }
        }
        ethernet(out, mac, Ethernet.TYPE_IPV4, b, off, len);
    }

    /** On a link without Ethernet (a TUN), sends the bare packet, counted; false on Ethernet. */
    private boolean sentBare(IpInterface out, byte[] b, int off, int len) {
        Link l = out.link;
        if (l == null || l.ethernet()) return false;
        countOutput(out, len);
        l.transmit(b, off, len);
        return true;
    }

    /** Sends a packet framed for dstMac with the given EtherType, in place when there is room in front. */
    private void ethernet(IpInterface out, long dstMac, int etherType, byte[] b, int off, int len) {
        byte[] f = b;
        int fo = off - Ethernet.HEADER_LEN;
        if (fo < 0) {
            f = new byte[Ethernet.HEADER_LEN + len];
            System.arraycopy(b, off, f, Ethernet.HEADER_LEN, len);
            fo = 0;
        }
        MacAddress.writeLong(dstMac, f, fo);
        MacAddress.writeLong(out.mac, f, fo + 6);
        Bytes.put16(f, fo + 12, etherType);
        transmit(out, f, fo, Ethernet.HEADER_LEN + len);
    }

    private void transmit(IpInterface out, byte[] f, int off, int len) {
        countOutput(out, len);
        Link l = out.link;
        if (l != null) l.transmit(f, off, len);
    }

    /** Output counters of an interface: one packet of len bytes sent now. */
    public void countOutput(IpInterface out, int len) {
        out.counters.output(scheduler.nanos(), len);
    }

    /** Routes an outer tunnel packet towards the tunnel destination (never back into the same tunnel), from stage {@code from}. */
    public void routeOuter(IpInterface t, byte[] p, int off, int len, Stage from, int depth) {
        int dst = Ipv4.destination(p, off);
        Fib.Entry<IpInterface> e = rib(t.tunnelVrf).fib().lookup(dst);     // `tunnel vrf`: the front-door table
        if (e == null || e.out == t || e.kind == Fib.Kind.RECEIVE || depth >= MAX_TUNNEL_NESTING) {
            t.counters.outputDrops++;
            return;
        }
        output(e, p, off, len, dst, from, depth + 1);
    }

    /**
     * An ICMP error about a datagram (RFC 1812 4.3.2), from the address of the interface it
     * leaves by; unreachables are rate limited as IOS does (one per 500 ms, DF ones apart).
     */
    private void icmpError(byte[] orig, int off, int len, int type, int code, int mtu) {
        if (!Icmp.mayReplyWithError(orig, off, len)) return;
        int origDst = Ipv4.destination(orig, off);
        for (IpInterface i : interfaces.values()) if (i.isDirectedBroadcast(origDst)) return;
        if (type == Icmp.TYPE_DEST_UNREACHABLE) {
            long now = scheduler.nanos();
            if (code == Icmp.CODE_FRAGMENTATION_NEEDED) {
                if (now - lastDfUnreachable < UNREACHABLE_INTERVAL_NANOS) return;
                lastDfUnreachable = now;
            } else {
                if (now - lastUnreachable < UNREACHABLE_INTERVAL_NANOS) return;
                lastUnreachable = now;
            }
        }
        int to = Ipv4.source(orig, off);
        int src = sourceFor(to);
        if (src == 0) return;
        byte[] q = Icmp.buildErrorPacket(src, nextIpId(), 255, type, code, mtu, orig, off, Math.min(len, Ipv4.totalLength(orig, off)));
        byte[] p = new byte[HEADROOM + q.length];
        System.arraycopy(q, 0, p, HEADROOM, q.length);
        stats.icmpErrorsSent++;
        send(p, HEADROOM, q.length);
    }
}
