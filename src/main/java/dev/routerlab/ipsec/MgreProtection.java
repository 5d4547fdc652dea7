package dev.routerlab.ipsec;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.IpsecBinding;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4;

/**
 * An mGRE tunnel with tunnel protection (DMVPN): one flow per NBMA peer, created on demand when
 * GRE leaves for that peer (selectors GRE between the tunnel source and the peer); the responder
 * policy that accepts any peer offering GRE to our source is compiled with it by the {@link Spd}.
 */
final class MgreProtection implements IpsecBinding {
    final String tag;
    final IpInterface iface;
    final String profile;
    final int src;
    final boolean transport;
    /** The profile's first transform: what the tunnel's MTU is judged by (peers' SAs come and go). */
    private final dev.routerlab.esp.Transform transform;
    final Map<Integer, Flow> peers = new LinkedHashMap<>();
    private final Spd spd;
    private final EspPath esp;

    MgreProtection(String tag, IpInterface iface, String profile, int src, boolean transport,
                   dev.routerlab.esp.Transform transform, Spd spd, EspPath esp) {
        this.tag = tag;
        this.transform = transform;
        this.iface = iface;
        this.profile = profile;
        this.src = src;
        this.transport = transport;
        this.spd = spd;
        this.esp = esp;
    }

    /** The flow towards an NBMA peer, made on first use. */
    Flow flowFor(int peer) {
        Flow f = peers.get(peer);
        if (f != null) return f;
        ProxyPair sel = new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(peer, -1, Ipv4.PROTO_GRE, 0));
        f = spd.flow(tag, iface, sel, IpAddress.of(peer));
        f.policy = spd.profilePolicy(profile, tag, peer, sel);
        f.local = IpAddress.of(src);
        f.fvrf = iface.tunnelVrf();
        f.tunnelProtection = true;
        f.transport = transport;
        peers.put(peer, f);
        return f;
    }

    /** DMVPN: the flow of the GRE packet's NBMA destination. */
    @Override
    public boolean tunnelOut(IpInterface t, byte[] b, int off, int len, int depth) {
        esp.protect(flowFor(Ipv4.destination(b, off)), b, off, len, depth);
        return true;
    }

    /** IOS's plaintext MTU of the profile's transform over a path of {@code pathMtu}. */
    @Override
    public int plaintextMtu(int pathMtu) { return IpsecEngine.plaintextMtu(transform, transport, false, false, pathMtu); }

    /** Towards one peer: over the path MTU its flow learned from "fragmentation needed" about its ESP. */
    @Override
    public int plaintextMtu(int peer, int pathMtu) {
        Flow f = peers.get(peer);
        return plaintextMtu(f == null ? pathMtu : esp.pathMtu(f, pathMtu));
    }

    @Override
    public boolean tunnelInClear(IpInterface t, byte[] b, int off) { return esp.clearInTunnel(b, off); }
}
