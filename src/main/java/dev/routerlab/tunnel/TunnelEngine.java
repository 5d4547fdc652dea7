package dev.routerlab.tunnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.Encapsulation;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.TunnelBinding;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.routing.IntMap;

/**
 * One router's tunnels: a {@link GreInterface} per tunnel interface, and the GRE (IP protocol 47)
 * the router receives, matched to its tunnel by (remote, local, key) as RFC 2890 §2.1 asks. Built
 * by the router and installed into the IPv4 engine with {@link IpEngine#bindTunnels}, which calls
 * it at each reconciliation and evaluation. Scheduler thread only.
 */
public final class TunnelEngine implements Encapsulation {
    final IpEngine ip;
    final IpEngine.LogSink log;
    /** p2p tunnels by tunnel destination. */
    private final IntMap<GreInterface[]> byRemote = new IntMap<>();
    /** mGRE interfaces (no destination): GRE input matches them by local address and key. */
    private GreInterface[] multipoint = new GreInterface[0];
    /** p2p tunnels over IPv6 (`tunnel mode gre ipv6`) by tunnel destination. */
    private final Map<Ipv6Address, GreInterface[]> byRemote6 = new HashMap<>();
    /** The IPv6 engine, the transport of `tunnel mode gre ipv6` (null: such tunnels stay down). */
    Ipv6Engine ipv6;
    /** Outer IPv6 packets being sent inside one another (bounds a tunnel routed into itself). */
    private int nesting;
    /** `debug nhrp`: where NHRP debug lines go (null: off). */
    public Consumer<String> nhrpDebug;

    public TunnelEngine(IpEngine ip, IpEngine.LogSink log) {
        this.ip = ip;
        this.log = log;
    }

    /**
     * Composition: GRE over IPv6 (next header 47, RFC 7676) delivered to the router comes here, and
     * each rebuild of the IPv6 table re-evaluates the line protocol of tunnels over IPv6.
     */
    public void bindIpv6(Ipv6Engine v6) {
        ipv6 = v6;
        v6.register(Ipv6.NH_GRE, new Ipv6Engine.LocalHandler() {   // not this::input6: see device.Router
            @Override public boolean receive(IpInterface in, byte[] b, int off, int at, int len) { return input6(in, b, off, at, len); }
        });
        v6.onRibChange(new Runnable() {
            @Override public void run() {
                if (overIpv6()) ip.evaluate();
            }
        });
    }

    private boolean overIpv6() {
        for (IpInterface i : ip.interfaces()) if (i.tunnel() instanceof GreInterface g && g.gre.ipv6()) return true;
        return false;
    }

    @Override
    public TunnelBinding configure(IpInterface t, TunnelBinding current, InterfaceConfig ic) {
        GreInterface g = current instanceof GreInterface c ? c : new GreInterface(this, t);
        g.configure(ic);
        return g;
    }

    /** GRE for us (RFC 2784 §2): a valid header, then the tunnel by (remote, local, key), which decapsulates. */
    @Override
    public boolean input(IpInterface in, byte[] b, int off, int len) {
        int go = off + Ipv4.headerLength(b, off);
        if (Gre.check(b, go, len - (go - off)) != PacketError.OK) {
            ip.stats().greBad++;
            if (in != null) in.counters.inputErrors++;
            return true;
        }
        GreInterface t = tunnelFor(Ipv4.source(b, off), Ipv4.destination(b, off), b, go);
        if (t == null) return false;
        t.receive(b, off, len, go);
        return true;
    }

    /** GRE over IPv6 for us (RFC 7676 §3): a valid header, then the tunnel by (remote, local, key). */
    private boolean input6(IpInterface in, byte[] b, int off, int at, int len) {
        if (Gre.check(b, at, off + len - at) != PacketError.OK) {
            ip.stats().greBad++;
            in.counters.inputErrors++;
            return true;
        }
        GreInterface[] cands = byRemote6.get(Ipv6.source(b, off));
        if (cands == null) return false;
        Ipv6Address local = Ipv6.destination(b, off);
        for (GreInterface t : cands) {
            if (local.equals(t.gre.source6()) && t.gre.matchesKey(b, at)) {
                t.receive(b, off, len, at);
                return true;
            }
        }
        return false;
    }

    /**
     * An outer IPv6 packet of tunnel t, routed by the IPv6 engine (which never fragments it: one
     * over the path MTU is dropped and counted); a tunnel routed into itself stops at
     * {@link IpEngine#MAX_TUNNEL_NESTING} levels.
     */
    void sendIpv6Outer(IpInterface t, byte[] p, int off, int len) {
        if (nesting >= IpEngine.MAX_TUNNEL_NESTING) {
            t.counters.outputDrops++;
            return;
        }
        nesting++;
        try {
            if (!ipv6.sendWhole(p, off, len)) t.counters.outputDrops++;
        } finally {
            nesting--;
        }
    }

    private GreInterface tunnelFor(int remote, int local, byte[] b, int greOff) {
        GreInterface[] cands = byRemote.get(remote);
        if (cands != null) {
            for (GreInterface t : cands) {
                if (t.gre.source() == local && t.gre.matchesKey(b, greOff)) return t;
            }
        }
        for (GreInterface t : multipoint) {
            if (t.gre.source() == local && t.gre.matchesKey(b, greOff)) return t;
        }
        return null;
    }

    /**
     * After each evaluation: the mGRE next-hop overrides go into the new FIB, NHRP follows the
     * model and line states, the input index is rebuilt and keepalives run while a tunnel is
     * enabled with both ends.
     */
    @Override
    public void evaluated(RunningConfig cfg, List<IpInterface> tunnels) {
        byRemote.clear();
        byRemote6.clear();
        List<GreInterface> mp = new ArrayList<>();
        for (IpInterface i : tunnels) if (i.tunnel() instanceof GreInterface t && t.mgre != null) {
            mp.add(t);
            t.mgre.applyOverrides(ip.fib());
        }
        multipoint = mp.toArray(new GreInterface[0]);
        for (GreInterface t : mp) t.mgre.sync(cfg.interfaces.get(t.t.name));
        for (IpInterface i : tunnels) {
            if (!(i.tunnel() instanceof GreInterface t)) continue;
            GreTunnel g = t.gre;
            if (g.destination() != null) add(byRemote.get(g.destination()), t, n -> byRemote.put(g.destination(), n));
            if (g.destinationIpv6() != null) add(byRemote6.get(g.destinationIpv6()), t, n -> byRemote6.put(g.destinationIpv6(), n));
            g.keepalives(i.adminUp() && g.endpoints());
        }
    }

    private static void add(GreInterface[] old, GreInterface t, Consumer<GreInterface[]> put) {
        GreInterface[] n = old == null ? new GreInterface[1] : Arrays.copyOf(old, old.length + 1);
        n[n.length - 1] = t;
        put.accept(n);
    }

    /** A reload: the interfaces' bindings are closed by the IPv4 engine; the input index goes. */
    public void reset() {
        byRemote.clear();
        byRemote6.clear();
        multipoint = new GreInterface[0];
    }
}
