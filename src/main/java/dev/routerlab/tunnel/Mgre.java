package dev.routerlab.tunnel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.nhrp.NhrpCacheEntry;
import dev.routerlab.nhrp.NhrpInstance;
import dev.routerlab.nhrp.NhrpListener;
import dev.routerlab.nhrp.NhrpNhs;
import dev.routerlab.nhrp.NhrpRouting;
import dev.routerlab.nhrp.NhrpTransmit;
import dev.routerlab.routing.Fib;
import dev.routerlab.routing.Route;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;

/**
 * The multipoint side of a `tunnel mode gre multipoint` interface: its {@link NhrpInstance}, the
 * glue that lets NHRP send GRE (protocol 0x2001) to NBMA addresses, read the routing table and
 * install shortcut routes (IOS `H`, and `%` next-hop overrides of an existing route), and the
 * per-packet questions of the data plane (which NBMA address, replication list, hairpin).
 * One per interface where NHRP runs, created and reconfigured by its {@link GreInterface}; scheduler thread only.
 */
public final class Mgre implements NhrpTransmit, NhrpListener, NhrpRouting {
    private final TunnelEngine engine;
    private final IpEngine ip;
    private final GreInterface port;
    private final IpInterface t;
    private final NhrpInstance nhrp;
    /** Shortcut routes (`H`) keyed by prefix/len. */
    private final Map<Long, Route<IpInterface>> shortcuts = new LinkedHashMap<>();
    /** Next-hop overrides (`%`): prefix/len to the tunnel next hop that replaces the route's. */
    private final Map<Long, Integer> overrides = new LinkedHashMap<>();
    /** The outer source of the GRE packet being received (for the hairpin check of forwarding). */
    int rxNbma;
    boolean dirty = true;
    private int appliedAddress, appliedMask, appliedSource, appliedMtu, appliedOverhead;
    private boolean closed;
    // counters
    long encapsulationFailed;
    long replicated;

    Mgre(TunnelEngine engine, GreInterface port) {
        this.engine = engine;
        this.ip = engine.ip;
        this.port = port;
        this.t = port.t;
        this.nhrp = new NhrpInstance(t.name.toString(), ip.scheduler(), this, this, this);
    }

    public NhrpInstance nhrp() { return nhrp; }

    public IpInterface tunnelInterface() { return t; }

    /** Packets dropped for want of an NBMA address (IOS "encapsulation failed"). */
    public long encapsulationFailed() { return encapsulationFailed; }

    /** Brings NHRP in line with the model and the interface's line state (end of each evaluation). */
    void sync(InterfaceConfig ic) {
        int src = port.gre.source();
        int mtu = t.ipMtu();
        int oh = port.gre.overhead();
        if (ic != null && (dirty || src != appliedSource || t.address() != appliedAddress || t.mask() != appliedMask
            || mtu != appliedMtu || oh != appliedOverhead)) {
            dirty = false;
            appliedSource = src;
            appliedAddress = t.address();
            appliedMask = t.mask();
            appliedMtu = mtu;
            appliedOverhead = oh;
            nhrp.setHeadroom(Ethernet.HEADER_LEN + oh);
            nhrp.configure(ic.nhrp, t.hasAddress() ? t.address() : 0, t.hasAddress() ? t.mask() : 0, src, mtu);
        }
        nhrp.setUp(t.lineUp() && src != 0 && t.hasAddress());
        nhrp.setDebug(engine.nhrpDebug != null);
    }

    /** The interface left multipoint mode or went away: stop NHRP, drop its routes. */
    void close(boolean reevaluate) {
        if (closed) return;
        nhrp.setUp(false);
        closed = true;
        shortcuts.clear();
        overrides.clear();
        if (reevaluate) ip.setRoutes(this, null);
        else ip.dropRoutes(this);
    }

    // ------------------------------------------------------------------ data plane

    /**
     * A multicast or broadcast packet out the tunnel: one copy per replication NBMA address, each
     * host behind one PAT over its own protection (its NAT-T port, RFC 3947 §5).
     */
    void replicate(byte[] b, int off, int len, IpEngine.Stage from, int depth) {
        long[] to = nhrp.multicastRoutes();
        if (to.length == 0) {
            t.counters.outputDrops++;
            return;
        }
        int tos = Ipv4.tos(b, off);
        for (int i = 0; i < to.length; i++) {
            byte[] p = b;
            int po = off;
            if (i < to.length - 1) {            // the last copy goes in place
                p = new byte[IpEngine.HEADROOM + len];
                po = IpEngine.HEADROOM;
                System.arraycopy(b, off, p, po, len);
            }
            replicated++;
            int nbma = NhrpInstance.nbma(to[i]);
            port.encapsulate(p, po, len, Gre.PROTO_IPV4, nbma, tos, from, depth, port.protection(nbma, NhrpInstance.natPort(to[i])));
        }
    }

    /** Data that came in on this tunnel from rxNbma goes back out of it: phase 3 redirect. */
    void hairpin(byte[] b, int off, int len) {
        if (rxNbma != 0) nhrp.trafficHairpinned(rxNbma, b, off, len);
    }

    // ------------------------------------------------------------------ NhrpTransmit

    @Override
    public void send(int dstNbma, int natPort, byte[] buf, int off, int len) {
        if (closed || port.gre.source() == 0) return;
        port.encapsulate(buf, off, len, Gre.PROTO_NHRP, dstNbma, 0xc0, IpEngine.Stage.CRYPTO_MAP, 0,   // IOS sends NHRP with precedence 6
            port.protection(dstNbma, natPort));
    }

    // ------------------------------------------------------------------ NhrpRouting

    @Override
    public int egressPrefixLength(int dst) {
        Fib.Entry<IpInterface> e = ip.fib().lookup(dst);
        if (e == null) return -1;
        if (e.kind == Fib.Kind.RECEIVE) {       // one of our addresses: announce its connected subnet (not the tunnel's)
            Fib.Entry<IpInterface> c = ip.fib().lookupExcluding(dst, dst, 32);
            return c == null || c.out == t || c.kind == Fib.Kind.VIA ? 32 : c.length;
        }
        if (e.out == t || e.length == 0) return -1;     // via the tunnel, or only a default route: not the egress
        return e.length;
    }

    @Override
    public int tunnelNextHop(int dst) {
        Fib.Entry<IpInterface> e = ip.fib().lookup(dst);
        if (e == null || e.out != t || e.kind == Fib.Kind.RECEIVE) return 0;
        return e.nextHop(dst);
    }

    @Override
    public boolean hasExactRoute(int prefix, int len) {
        Route<IpInterface> r = ip.rib().route(prefix, len);
        return r != null && r.source() != Route.Source.NHRP;
    }

    // ------------------------------------------------------------------ NhrpListener

    private static long key(int prefix, int len) { return (long) (prefix & Fib.mask(len)) << 6 | len; }

    @Override
    public void shortcutInstalled(NhrpInstance n, int prefix, int len, int nextHop, boolean nextHopOverride) {
        if (closed) return;
        if (nextHopOverride) {
            overrides.put(key(prefix, len), nextHop);
            ip.evaluate();
            return;
        }
        boolean connected = len == 32 && nextHop == prefix;
        Route.Path<IpInterface> p = connected ? new Route.Path<>(0, t, t, 0) : new Route.Path<>(nextHop, t, t, nextHop);
        shortcuts.put(key(prefix, len), new Route<>(prefix & Fib.mask(len), len, Route.Source.NHRP,
            Route.Source.NHRP.defaultDistance, 1, List.of(p)));
        ip.setRoutes(this, new ArrayList<>(shortcuts.values()));
    }

    @Override
    public void shortcutRemoved(NhrpInstance n, int prefix, int len, int nextHop, boolean nextHopOverride) {
        if (closed) return;
        if (nextHopOverride) {
            if (overrides.remove(key(prefix, len)) != null) ip.evaluate();
            return;
        }
        if (shortcuts.remove(key(prefix, len)) != null) ip.setRoutes(this, new ArrayList<>(shortcuts.values()));
    }

    /** Applies the `%` overrides to a freshly built FIB: the route keeps its entry, forwarding goes to the shortcut's next hop. */
    void applyOverrides(Fib<IpInterface> fib) {
        for (Map.Entry<Long, Integer> o : overrides.entrySet()) {
            int len = (int) (o.getKey() & 63);
            int prefix = (int) (o.getKey() >>> 6);
            Fib.Entry<IpInterface> e = fib.exact(prefix, len);
            if (e == null || e.kind == Fib.Kind.RECEIVE) continue;
            fib.add(new Fib.Entry<>(prefix, len, Fib.Kind.VIA, t, o.getValue(), e.route));
        }
    }

    @Override
    public void nhsStateChanged(NhrpInstance n, NhrpNhs nhs, boolean up) {
        engine.log.log("DMVPN", 5, up ? "NHRP_NHS_UP" : "NHRP_NHS_DOWN", n.interfaceName() + ": Next Hop Server : (Tunnel: "
            + Ipv4Address.toString(nhs.address()) + " NBMA: " + Ipv4Address.toString(nhs.nbma()) + " ) for (Tunnel: "
            + Ipv4Address.toString(n.protocolAddress()) + " NBMA: " + Ipv4Address.toString(n.nbmaAddress()) + " ) is "
            + (up ? "UP" : "DOWN"));
    }

    @Override
    public void log(NhrpInstance n, int severity, String mnemonic, String text) {
        engine.log.log("NHRP", severity, mnemonic, text);
    }

    @Override
    public void debug(NhrpInstance n, String line) {
        java.util.function.Consumer<String> d = engine.nhrpDebug;
        if (d != null) d.accept(line);
    }

    /** The NHRP instances of a router's mGRE interfaces, in interface order. */
    public static List<NhrpInstance> instances(IpEngine ip) {
        List<NhrpInstance> l = new ArrayList<>();
        for (Mgre m : all(ip)) l.add(m.nhrp);
        return l;
    }

    /** The mGRE glue of a router's interfaces, in interface order. */
    public static List<Mgre> all(IpEngine ip) {
        List<Mgre> l = new ArrayList<>();
        for (IpInterface i : ip.interfaces()) if (i.tunnel() instanceof GreInterface g && g.mgre != null) l.add(g.mgre);
        return l;
    }
}
