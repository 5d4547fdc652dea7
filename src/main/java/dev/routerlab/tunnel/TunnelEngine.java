package dev.routerlab.tunnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.Encapsulation;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.TunnelBinding;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
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
    /** `debug nhrp`: where NHRP debug lines go (null: off). */
    public Consumer<String> nhrpDebug;

    public TunnelEngine(IpEngine ip, IpEngine.LogSink log) {
        this.ip = ip;
        this.log = log;
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
            if (g.destination() != null) {
                GreInterface[] old = byRemote.get(g.destination());
                GreInterface[] n = old == null ? new GreInterface[1] : Arrays.copyOf(old, old.length + 1);
                n[n.length - 1] = t;
                byRemote.put(g.destination(), n);
            }
            g.keepalives(i.adminUp() && g.source() != 0 && g.destination() != null);
        }
    }

    /** A reload: the interfaces' bindings are closed by the IPv4 engine; the input index goes. */
    public void reset() {
        byRemote.clear();
        multipoint = new GreInterface[0];
    }
}
