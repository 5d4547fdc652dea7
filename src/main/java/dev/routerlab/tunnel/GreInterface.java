package dev.routerlab.tunnel;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.Counters;
import dev.routerlab.nhrp.NhrpInstance;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.IpsecBinding;
import dev.routerlab.ip.TunnelBinding;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.ipv6.Ipv6Interface;
import dev.routerlab.ipv6.Ipv6Rib;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.PacketError;

/**
 * The GRE data path of one tunnel interface: its {@link GreTunnel} (options, sequence state,
 * keepalives), its {@link Mgre} when NHRP runs on it, encapsulation of what the IPv4 engine routes
 * into the tunnel and decapsulation of what {@link TunnelEngine} matched to it. Made and
 * reconfigured by {@link TunnelEngine}; scheduler thread only.
 */
public final class GreInterface implements TunnelBinding, GreTunnel.Host {
    final TunnelEngine engine;
    final IpEngine ip;
    final IpInterface t;
    final GreTunnel gre;
    /** NHRP and the multipoint data path (null when NHRP does not run here). */
    Mgre mgre;
    /** An IPv6 transport's underlay: the interface its packets leave by (else the source interface), judged with the transport. */
    private Ipv6Interface underlay6;
    /** `tunnel protection` on an IPv6 transport: outer packets leave through IPsec only, never in clear (nothing while it is not bound). */
    private boolean protected6;

    GreInterface(TunnelEngine engine, IpInterface t) {
        this.engine = engine;
        this.ip = engine.ip;
        this.t = t;
        this.gre = new GreTunnel(t.name, ip.scheduler(), this);
    }

    /** Copies the tunnel settings from the model; NHRP runs on mGRE and on p2p GRE with a network-id (phase 1 spokes). */
    void configure(InterfaceConfig ic) {
        gre.configure(ic);
        protected6 = gre.ipv6() && ic.tunnelProtectionProfile != null;
        if (ic.tunnelMode == InterfaceConfig.TunnelMode.GRE_MULTIPOINT
                || ic.tunnelMode == InterfaceConfig.TunnelMode.GRE_IP && ic.nhrp.networkId != null) {
            if (mgre == null) mgre = new Mgre(engine, this);
            mgre.dirty = true;
        } else if (mgre != null) {
            mgre.close(false);
            mgre = null;
        }
    }

    /** The tunnel's GRE options, sequence state and keepalives. */
    public GreTunnel gre() { return gre; }

    /** The mGRE/NHRP side, or null. */
    public Mgre mgre() { return mgre; }

    // ------------------------------------------------------------------ TunnelBinding

    @Override public InterfaceName sourceInterface() { return gre.sourceInterface(); }

    @Override public Integer sourceAddress() { return gre.sourceAddress(); }

    @Override public Integer destination() { return gre.destination(); }

    @Override public int source() { return gre.source(); }

    @Override public Ipv6Address source6() { return gre.ipv6() ? gre.source6() : null; }

    @Override public Ipv6Address destination6() { return gre.ipv6() ? gre.destinationIpv6() : null; }

    @Override public void setSource(int a) { gre.setSource(a); }

    @Override public int overhead() { return gre.overhead(); }

    @Override public boolean keepaliveDown() { return gre.keepaliveDown(); }

    /**
     * An IPv6 transport: the IPv6 MTU of the interface its packets leave by, or what ICMPv6 Packet
     * Too Big taught the IPv6 engine of the path to the destination when lower (RFC 7676 §3.2,
     * RFC 8201); an IPv4 transport: its underlay's IP MTU, or with `tunnel path-mtu-discovery` what
     * "fragmentation needed" taught when lower (RFC 1191).
     */
    @Override
    public int pathMtu(int linkMtu) {
        Ipv6Address dst = gre.destinationIpv6();
        if (!gre.ipv6()) return gre.pathMtu(linkMtu);
        if (dst == null || engine.ipv6 == null) return linkMtu;
        return engine.ipv6.pathMtu(dst, underlay6 != null ? underlay6.mtu() : 1500);
    }

    /** About a packet to the tunnel's destination, or on mGRE (no destination) to any NBMA peer. */
    @Override public void fragmentationNeeded(int destination, int nextHopMtu) {
        Integer d = gre.destination();
        if (d != null ? d == destination : mgre != null) gre.lowerPathMtu(destination, nextHopMtu);
    }

    @Override public boolean nhrp() { return mgre != null; }

    /**
     * `tunnel mode gre ipv6`: the source is the source interface's first global IPv6 address (or
     * the configured one, on an up interface), the destination must be routed in the IPv6 table,
     * and not through this tunnel (recursive routing).
     */
    @Override
    public IpInterface.TunnelDown ownTransport() {
        if (!gre.ipv6()) return null;
        Ipv6Engine v6 = engine.ipv6;
        underlay6 = v6 == null || gre.sourceInterface() == null ? null : v6.get(gre.sourceInterface());
        gre.setSource6(v6 == null ? null : gre.sourceInterface() != null ? v6.addressOf(gre.sourceInterface())
            : gre.sourceIpv6() != null && v6.owns(gre.sourceIpv6()) ? gre.sourceIpv6() : null);
        if (gre.source6() == null) return IpInterface.TunnelDown.NO_SOURCE;
        if (gre.destinationIpv6() == null) return IpInterface.TunnelDown.NO_DESTINATION;
        Ipv6Rib.Entry e = v6.rib().lookup(gre.destinationIpv6());
        if (e == null || e.out() == null || e.receive()) return IpInterface.TunnelDown.NO_ROUTE;
        if (e.out().ip == t) return IpInterface.TunnelDown.RECURSIVE;
        underlay6 = e.out();
        return IpInterface.TunnelDown.NONE;
    }

    @Override
    public void close() {
        gre.close();
        if (mgre != null) mgre.close(false);
    }

    // ------------------------------------------------------------------ output

    /** Into the tunnel: inner DF and the tunnel's IP MTU first (RFC 1191), then GRE encapsulation. */
    @Override
    public void output(IpInterface t, byte[] b, int off, int len, int nextHop, IpEngine.Stage from, int depth) {
        GreTunnel g = gre;
        if (t.tunnelMode() == InterfaceConfig.TunnelMode.GRE_MULTIPOINT) {     // mGRE: NHRP gives the NBMA address
            if (mgre == null || g.source() == 0) {
                t.counters.outputDrops++;
                return;
            }
            if (Ipv4Address.isMulticast(nextHop) || nextHop == Ipv4Address.LIMITED_BROADCAST || t.isDirectedBroadcast(nextHop)) {
                if (len <= t.ipMtu()) mgre.replicate(b, off, len, from, depth);
                else t.counters.outputDrops++;
                return;
            }
            long route = mgre.nhrp().nbmaRoute(nextHop);
            int nbma = NhrpInstance.nbma(route);
            if (nbma == 0) {
                ip.stats().encapsulationFailed++;
                mgre.encapsulationFailed++;
                t.counters.outputDrops++;
                return;
            }
            IpsecBinding.Peer via = protection(nbma, NhrpInstance.natPort(route));     // one lookup: MTU and protection
            int mtu = peerMtu(t, nbma, via);
            if (len > mtu) {
                ip.fragmentOrRefuse(b, off, len, mtu, f -> encapsulate(f, 0, f.length, Gre.PROTO_IPV4, nbma, Ipv4.tos(f, 0), from, depth, via));
            } else encapsulate(b, off, len, Gre.PROTO_IPV4, nbma, Ipv4.tos(b, off), from, depth, via);
            return;
        }
        int outerDst = g.destination() == null ? 0 : g.destination();
        if (t.tunnelMode() == InterfaceConfig.TunnelMode.IPSEC_IPV6) {          // an IPv6 VTI carries IPv6 only
            t.counters.outputDrops++;
            return;
        }
        if (t.tunnelMode() == InterfaceConfig.TunnelMode.IPSEC_IPV4) {          // a VTI: IPsec is the encapsulation
            if (t.ipsec() == null || g.destination() == null || g.source() == 0) {
                t.counters.outputDrops++;
            } else if (len > t.ipMtu()) {                                       // fragmented before encryption, as IOS
                ip.fragmentOrRefuse(b, off, len, t.ipMtu(), f -> {
                    if (!t.ipsec().tunnelOut(t, f, 0, f.length, depth)) t.counters.outputDrops++;
                });
            } else if (!t.ipsec().tunnelOut(t, b, off, len, depth)) t.counters.outputDrops++;
            return;
        }
        if (g.ipv6()) {                                 // RFC 7676: IPv4 in GRE over IPv6, fragmented before encapsulation
            if (len > t.ipMtu()) {
                ip.fragmentOrRefuse(b, off, len, t.ipMtu(), f -> encapsulate6(f, 0, f.length, Gre.PROTO_IPV4, Ipv4.tos(f, 0)));
            } else encapsulate6(b, off, len, Gre.PROTO_IPV4, Ipv4.tos(b, off));
            return;
        }
        if (outerDst == 0 || g.source() == 0) {
            t.counters.outputDrops++;
            return;
        }
        if (len > t.ipMtu()) {
            ip.fragmentOrRefuse(b, off, len, t.ipMtu(),
                f -> encapsulate(f, 0, f.length, Gre.PROTO_IPV4, outerDst, Ipv4.tos(f, 0), from, depth, null));
            return;
        }
        encapsulate(b, off, len, Gre.PROTO_IPV4, outerDst, Ipv4.tos(b, off), from, depth, null);
    }

    /**
     * mGRE: the tunnel's IP MTU towards one NBMA peer: no more than the interface's, and lowered by
     * what "fragmentation needed" taught of that peer's path (RFC 1191, `tunnel path-mtu-discovery`)
     * or, protected (via: the peer's protection), of its SA's (RFC 4301 §8.2), as IOS keeps a path
     * MTU per tunnel destination.
     */
    private int peerMtu(IpInterface t, int nbma, IpsecBinding.Peer via) {
        IpInterface u = t.underlay();
        int path = gre.pathMtu(nbma, u == null ? 1500 : u.ipMtu());
        int plain = via == null ? path : via.plaintextMtu(path);
        return Math.min(t.ipMtu(), plain - gre.overhead());
    }

    /** IPv6 in point-to-point GRE (RFC 2784 §2, protocol type 0x86DD); the IPv6 engine kept it within the tunnel's MTU. */
    @Override
    public void outputIpv6(IpInterface t, byte[] b, int off, int len) {
        GreTunnel g = gre;
        if (t.tunnelMode() == InterfaceConfig.TunnelMode.IPSEC_IPV6) {          // an IPv6 VTI: ESP in IPv6 is the encapsulation
            ip.countOutput(t, len);
            if (t.ipsec() == null || !t.ipsec().tunnelOut(t, b, off, len, 0)) t.counters.outputDrops++;
            return;
        }
        if (g.ipv6()) {
            encapsulate6(b, off, len, Gre.PROTO_IPV6, Ipv6.trafficClass(b, off));
            return;
        }
        if (mgre != null || g.destination() == null || g.source() == 0) {
            t.counters.outputDrops++;
            return;
        }
        encapsulate(b, off, len, Gre.PROTO_IPV6, g.destination(), (Bytes.u16(b, off) >>> 4) & 0xff, IpEngine.Stage.CRYPTO_MAP, 0, null);
    }

    /**
     * mGRE: the protection towards one NBMA host (natPort: its NAT-T port behind PAT, else
     * {@link IpsecBinding#ANY_PORT}), for a packet's MTU and output alike; null without tunnel protection.
     */
    IpsecBinding.Peer protection(int nbma, int natPort) { return t.ipsec() == null ? null : t.ipsec().peer(nbma, natPort); }

    /**
     * RFC 2784 §2 / RFC 2890 §2 encapsulation: outer IPv4 (TTL 255, the inner ToS, DF clear, or with
     * `tunnel path-mtu-discovery` an inner IPv4 packet's DF) + GRE with C/K/S, in place when there is room.
     * via: the mGRE peer's protection already looked up for this packet, else null (the tunnel's binding finds it).
     */
    void encapsulate(byte[] b, int off, int len, int proto, int outerDst, int tos, IpEngine.Stage from, int depth, IpsecBinding.Peer via) {
        GreTunnel g = gre;
        int oh = g.overhead();
        byte[] p = withRoom(b, off, len, oh);
        int po = p == b ? off - oh : Ethernet.HEADER_LEN;
        Gre.writeHeader(p, po + Ipv4.MIN_HEADER_LEN, g.flags(), proto, g.keyValue(),
            g.sequencing() ? g.nextSequence() : 0, len);
        boolean df = proto == Gre.PROTO_IPV4 && g.pathMtuDiscovery() && Ipv4.dontFragment(b, off);
        Ipv4.writeHeader(p, po, tos, oh + len, ip.nextIpId(), df ? Ipv4.FLAG_DF : 0, 255, Ipv4.PROTO_GRE, g.source(), outerDst);
        ip.countOutput(t, len);
        sendOuter(p, po, oh + len, from, depth, via);
    }

    /**
     * RFC 7676 §3 / RFC 2473 §6: the outer IPv6 header (traffic class from the inner packet, flow
     * label 0, hop limit 255 as IOS's tunnel TTL, next header 47) + GRE with C/K/S, in place when
     * there is room; the outer packet is routed by the IPv6 engine, never fragmented (RFC 8200 §5).
     */
    private void encapsulate6(byte[] b, int off, int len, int proto, int tc) {
        GreTunnel g = gre;
        Ipv6Address src = g.source6(), dst = g.destinationIpv6();
        if (src == null || dst == null || engine.ipv6 == null) {
            t.counters.outputDrops++;
            return;
        }
        int oh = g.overhead();
        byte[] p = withRoom(b, off, len, oh);
        int po = p == b ? off - oh : Ethernet.HEADER_LEN;
        Gre.writeHeader(p, po + Ipv6.HEADER_LEN, g.flags(), proto, g.keyValue(), g.sequencing() ? g.nextSequence() : 0, len);
        Ipv6.writeHeader(p, po, tc, 0, oh - Ipv6.HEADER_LEN + len, Ipv6.NH_GRE, 255, src, dst);
        ip.countOutput(t, len);
        sendOuter6(p, po, oh + len);
    }

    /** An outer IPv6 packet of the tunnel: through tunnel protection when configured (ESP over IPv6), else routed by the IPv6 engine. */
    private void sendOuter6(byte[] p, int off, int len) {
        if (protected6) {
            if (t.ipsec() == null || !t.ipsec().tunnelOut(t, p, off, len, 0)) t.counters.outputDrops++;
            return;
        }
        engine.sendIpv6Outer(t, p, off, len);
    }

    /** The packet with room for oh bytes of outer headers and an Ethernet header in front: b itself when there is, else a copy. */
    private static byte[] withRoom(byte[] b, int off, int len, int oh) {
        if (off - oh >= Ethernet.HEADER_LEN) return b;
        byte[] p = new byte[Ethernet.HEADER_LEN + oh + len];
        System.arraycopy(b, off, p, Ethernet.HEADER_LEN + oh, len);
        return p;
    }

    /** Routes an outer packet towards the tunnel destination, through tunnel protection (via, when given) when configured. */
    private void sendOuter(byte[] p, int off, int len, IpEngine.Stage from, int depth, IpsecBinding.Peer via) {
        if (t.ipsec() != null) {
            if (!(via != null ? via.tunnelOut(p, off, len, depth) : t.ipsec().tunnelOut(t, p, off, len, depth))) t.counters.outputDrops++;
            return;
        }
        ip.routeOuter(t, p, off, len, from, depth);
    }

    @Override
    public void hairpin(IpInterface t, byte[] b, int off, int len) {
        if (mgre != null) mgre.hairpin(b, off, len);
    }

    // ------------------------------------------------------------------ input

    /**
     * GRE matched to this tunnel (header at go, already checked): the receive-side options
     * (RFC 2890 §2: key, sequence; checksum required), then by protocol type: a reflected
     * keepalive, NHRP (0x2001, RFC 2332 §5) to the NHRP instance, or IPv4 re-entering input on the tunnel.
     */
    void receive(byte[] b, int off, int len, int go) {
        if (!t.adminUp()) return;
        Counters c = t.counters;
        if (t.ipsec() != null ? !t.ipsec().tunnelInClear(t, b, off) : protected6) {
            c.inputDrops++;
            return;
        }
        if (!gre.accept(b, go)) {
            c.inputDrops++;
            return;
        }
        int gl = len - (go - off);
        int ghl = Gre.headerLength(b, go);
        int io = go + ghl, il = gl - ghl;
        int proto = Gre.protocolType(b, go);
        c.input(ip.scheduler().nanos());
        c.bytesIn += il;
        if (proto == Gre.PROTO_KEEPALIVE) {           // our keepalive, reflected by the far end
            gre.keepaliveReceived();
            return;
        }
        if (proto == Gre.PROTO_NHRP && mgre != null) {
            int from = Ipv4.source(b, off);
            mgre.nhrp().receive(from, t.ipsec() == null ? IpsecBinding.ANY_PORT : t.ipsec().natPort(from), b, io, il);
            return;
        }
        if (proto == Gre.PROTO_IPV6 && gre.ipv6() && isKeepalive6(b, io, il)) {
            sendOuter6(b, io, il);        // the far end's keepalive: its inner packet goes back to it as is
            return;
        }
        if (proto == Gre.PROTO_IPV6 && mgre == null && t.lineUp()) {
            ip.injectIpv6(t, b, io, il);
            return;
        }
        if (proto != Gre.PROTO_IPV4) {
            c.unknownProtocolDrops++;
            return;
        }
        if (mgre != null) mgre.rxNbma = Ipv4.source(b, off);
        if (!t.lineUp() && !isKeepalive(b, io, il)) {  // the far end's keepalive is reflected even while we are down
            c.inputDrops++;
            return;
        }
        ip.inject(t, b, io, il);
    }

    /** Is the inner packet a Cisco keepalive (IPv4 / GRE with protocol type 0)? */
    private static boolean isKeepalive(byte[] b, int off, int len) {
        if (Ipv4.check(b, off, len) != PacketError.OK || Ipv4.protocol(b, off) != Ipv4.PROTO_GRE) return false;
        int hl = Ipv4.headerLength(b, off);
        return Ipv4.totalLength(b, off) - hl >= Gre.BASE_HEADER_LEN && Gre.protocolType(b, off + hl) == Gre.PROTO_KEEPALIVE;
    }

    /** Is the inner packet the far end's keepalive over IPv6: IPv6 from our source to the tunnel destination / GRE type 0? */
    private boolean isKeepalive6(byte[] b, int off, int len) {
        if (Ipv6.check(b, off, len) != PacketError.OK || Ipv6.nextHeader(b, off) != Ipv6.NH_GRE
                || Ipv6.payloadLength(b, off) < Gre.BASE_HEADER_LEN) return false;
        return Gre.protocolType(b, off + Ipv6.HEADER_LEN) == Gre.PROTO_KEEPALIVE
            && Ipv6.destination(b, off).equals(gre.destinationIpv6()) && Ipv6.source(b, off).equals(gre.source6());
    }

    // ------------------------------------------------------------------ GreTunnel.Host

    /** Cisco keepalives go out like any outer packet of the tunnel, from the start of the output chain. */
    @Override
    public void sendKeepalive(GreTunnel g, byte[] packet) {
        ip.countOutput(t, packet.length);
        if (g.ipv6()) sendOuter6(packet, 0, packet.length);
        else sendOuter(packet, 0, packet.length, IpEngine.Stage.CRYPTO_MAP, 0, null);
    }

    @Override
    public void keepaliveChanged(GreTunnel g) { ip.evaluate(); }

    @Override
    public int nextIpId() { return ip.nextIpId(); }
}
