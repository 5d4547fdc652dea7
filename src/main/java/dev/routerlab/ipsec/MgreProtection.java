package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** The NBMA peers GRE has left for, by address and NAT-T port ({@link #key}), in the order their flows were made. */
    final Map<Long, PeerFlow> peers = new LinkedHashMap<>();
    /** The same by address alone: behind one PAT, several hosts (RFC 3947 §5). */
    private final Map<Integer, List<PeerFlow>> byAddress = new HashMap<>();
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

    private static long key(int nbma, int natPort) { return (long) nbma << 32 | (natPort & 0xffffffffL); }

    /** The flow towards an NBMA peer, its host behind PAT when natPort is known, made on first use. */
    Flow flowFor(int peer, int natPort) { return peerFlow(peer, natPort).flow; }

    /**
     * The peer's flow: its host's when natPort is known; else, for what NHRP sends, the host whose ESP
     * carried the packet being answered, else one that is up (RFC 3947 §5); null when none.
     */
    PeerFlow find(int nbma, int natPort) {
        PeerFlow p = peers.get(key(nbma, natPort));
        if (natPort != ANY_PORT || p != null && p.flow.up()) return p;
        int from = esp.decapNatPort(nbma);
        PeerFlow answering = from == ANY_PORT ? null : peers.get(key(nbma, from));
        if (answering != null) return answering;
        for (PeerFlow o : byAddress.getOrDefault(nbma, List.of())) if (o.flow.up()) return o;
        return p;
    }

    private PeerFlow peerFlow(int peer, int natPort) {
        PeerFlow p = find(peer, natPort);
        if (p != null) return p;
        ProxyPair sel = new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(peer, -1, Ipv4.PROTO_GRE, 0));
        Flow f = spd.flow(tag, iface, sel, IpAddress.of(peer), natPort);
        f.policy = spd.profilePolicy(profile, tag, peer, sel);
        f.local = IpAddress.of(src);
        f.fvrf = iface.tunnelVrf();
        f.tunnelProtection = true;
        f.transport = transport;
        peers.put(key(peer, natPort), p = new PeerFlow(f));
        byAddress.computeIfAbsent(peer, k -> new ArrayList<>()).add(p);
        return p;
    }

    /**
     * The peer's flow, one lookup for both the packet's MTU and its protection: a host behind PAT's
     * made at its NAT-T port if it has none (another host's would carry the packet, RFC 3947 §5);
     * else, while it has none, {@link #byDestination}.
     */
    @Override
    public Peer peer(int nbma, int natPort) {
        PeerFlow p = find(nbma, natPort);
        return p != null ? p : natPort != ANY_PORT ? peerFlow(nbma, natPort) : byDestination;
    }

    @Override
    public int natPort(int peer) { return esp.decapNatPort(peer); }

    /** The peer a GRE packet is for, found by its destination; before it has a flow, its MTU is the profile's over the path. */
    private final Peer byDestination = new Peer() {
        @Override public int plaintextMtu(int pathMtu) { return MgreProtection.this.plaintextMtu(pathMtu); }

        @Override public boolean tunnelOut(byte[] b, int off, int len, int depth) {
            return peerFlow(Ipv4.destination(b, off), ANY_PORT).tunnelOut(b, off, len, depth);
        }
    };

    /** One NBMA peer's flow. */
    final class PeerFlow implements Peer {
        final Flow flow;

        private PeerFlow(Flow flow) { this.flow = flow; }

        /** Over the path MTU the flow learned from "fragmentation needed" about its ESP. */
        @Override public int plaintextMtu(int pathMtu) { return MgreProtection.this.plaintextMtu(esp.pathMtu(flow, pathMtu)); }

        @Override public boolean tunnelOut(byte[] b, int off, int len, int depth) {
            esp.protect(flow, b, off, len, depth);
            return true;
        }
    }

    /** DMVPN: the flow of the GRE packet's NBMA destination. */
    @Override
    public boolean tunnelOut(IpInterface t, byte[] b, int off, int len, int depth) {
        return byDestination.tunnelOut(b, off, len, depth);
    }

    /** IOS's plaintext MTU of the profile's transform over a path of {@code pathMtu}. */
    @Override
    public int plaintextMtu(int pathMtu) { return IpsecEngine.plaintextMtu(transform, transport, false, false, pathMtu); }

    @Override
    public boolean tunnelInClear(IpInterface t, byte[] b, int off) { return esp.clearInTunnel(b, off); }
}
