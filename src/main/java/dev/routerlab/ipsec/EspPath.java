package dev.routerlab.ipsec;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.esp.EspSa;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Clock;

/**
 * The ESP data path (RFC 4303, UDP encapsulation RFC 3948): protects a flow's packets (or starts
 * IKE and drops, as IOS does, when the flow has no SA) and decapsulates inbound ESP found by SPI,
 * checking the inner packet against the SA's selectors before it re-enters IPv4 input.
 */
final class EspPath {
    private final IpEngine ip;
    private final SaTable sas;
    private final IpsecDebug debug;
    /** The key manager a policy's SAs come from (null while no crypto is configured). */
    private final Function<Flow, KeyManager> keys;
    private final Supplier<List<Flow>> flows;
    private final IpEngine.LogSink log;
    private final Clock clock;
    private int decapDepth;
    /** The IPv6 engine that routes ESP over IPv6 (null until composed). */
    private Ipv6Engine ipv6;
    /** Router-wide drops for `show crypto ipsec sa detail` and tests. */
    long invalidSpi, clearDropped, noSaDropped, policyDropped;
    /** IOS logs an invalid SPI, and a cleartext packet that should have been ESP, at most once a minute. */
    static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
    private long invSpiLoggedAt = Long.MIN_VALUE, notIpsecLoggedAt = Long.MIN_VALUE;

    /** The key manager a flow's policy names (null while none runs). */
    KeyManager keysOf(Flow f) { return keys.apply(f); }

    EspPath(IpEngine ip, SaTable sas, IpsecDebug debug, Function<Flow, KeyManager> keys, Supplier<List<Flow>> flows,
            IpEngine.LogSink log, Clock clock) {
        this.ip = ip;
        this.sas = sas;
        this.debug = debug;
        this.keys = keys;
        this.flows = flows;
        this.log = log;
        this.clock = clock;
    }

    void bindIpv6(Ipv6Engine v6) { this.ipv6 = v6; }

    /** A cleartext packet that the crypto ACL says should have been protected: dropped, logged at most once a minute. */
    void notIpsec(byte[] b, int off) {
        clearDropped++;
        long now = clock.nanos();
        if (notIpsecLoggedAt == Long.MIN_VALUE || now - notIpsecLoggedAt >= LOG_INTERVAL_NANOS) {
            notIpsecLoggedAt = now;
            log.log("CRYPTO", 4, "RECVD_PKT_NOT_IPSEC", "Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /"
                + Ipv4Address.toString(Ipv4.destination(b, off)) + ", src_addr= " + Ipv4Address.toString(Ipv4.source(b, off))
                + ", prot= " + Ipv4.protocol(b, off));
        }
    }

    /** True while a decapsulated packet is being processed (it arrived protected). */
    boolean decapsulating() { return decapDepth > 0; }

    /** The pair whose ESP carried the packet being processed, or null. */
    private SaPair decapPair;

    /** The NAT-T port of {@code peer} whose ESP carried the packet being processed (RFC 3947 §5), else {@link KeyManager#ANY_PORT}. */
    int decapNatPort(int peer) {
        SaPair p = decapPair;
        return p != null && !p.child.peer().isV6() && p.child.peerAddress() == peer ? p.child.natPeerPort() : KeyManager.ANY_PORT;
    }

    /** GRE arriving in clear on a protected tunnel: accepted only as the inner packet of ESP, else dropped as IOS does. */
    boolean clearInTunnel(byte[] b, int off) {
        if (decapDepth > 0) return true;
        if ((b[off] & 0xf0) == 0x60) notIpsec6(b, off);
        else notIpsec(b, off);
        return false;
    }

    /** As {@link #notIpsec}, for GRE over IPv6 that came in clear. */
    private void notIpsec6(byte[] b, int off) {
        clearDropped++;
        long now = clock.nanos();
        if (notIpsecLoggedAt == Long.MIN_VALUE || now - notIpsecLoggedAt >= LOG_INTERVAL_NANOS) {
            notIpsecLoggedAt = now;
            log.log("CRYPTO", 4, "RECVD_PKT_NOT_IPSEC", "Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /"
                + Ipv6.destination(b, off) + ", src_addr= " + Ipv6.source(b, off) + ", prot= " + Ipv6.nextHeader(b, off));
        }
    }

    /** ESP-protects one packet of a flow and sends it (at its tunnel nesting depth), or starts negotiation and drops it. */
    void protect(Flow f, byte[] b, int off, int len, int depth) {
        SaPair p = f.current;
        if (p == null || p.out.hardExpired()) {
            noSaDropped++;
            f.noSa++;
            KeyManager ike = f.policy == null ? null : keys.apply(f);
            if (ike != null) {
                IpAddress local = f.tunnelProtection ? f.local : IpAddress.of(f.iface.address());
                if (ike.acquire(local, f.peer, f.natPort, f.policy, f.proxies) && debug.ipsec) {
                    debug.print("IPSEC(sa_request): , (key eng. msg.) OUTBOUND local= " + local
                            + ":0, remote= " + f.peer + ":0,\n    local_proxy= "
                            + IpsecDebug.proxyText(f.proxies.local()) + ",\n    remote_proxy= "
                            + IpsecDebug.proxyText(f.proxies.remote()));
                }
            }
            return;
        }
        if (f.ipv6) {
            protect6(f, p, b, off, len);
            return;
        }
        ChildSa c = p.child;
        if (!f.tunnelProtection && !f.transport) {
            // IOS fragments before encryption by default (crypto ipsec fragmentation before-encryption):
            // each fragment is its own ESP packet; with DF set the source hears "fragmentation needed"
            // over the path MTU it learned (RFC 4301 §8.2.1); with `crypto ipsec df-bit clear` a packet with DF
            // is encrypted whole and its ESP packet, DF clear, fragmented after encryption
            var route = ip.rib(f.fvrf).fib().lookup(c.peerAddress());
            int mtu = route == null ? 0 : IpsecEngine.plaintextMtu(c, f.pathMtu(route.out.ipMtu(), clock.nanos()));
            if (mtu > 0 && len > mtu && !(f.dfBit == CryptoConfig.DfBit.CLEAR && Ipv4.dontFragment(b, off))) {
                ip.fragmentOrRefuse(b, off, len, mtu, frag -> protect(f, frag, 0, frag.length, depth));
                return;
            }
        }
        // RFC 4303 §3.1: transport mode keeps the IP header in front of ESP, tunnel mode adds one;
        // the packet is encrypted where it lies when its buffer has the room, else copied once
        EspSa sa = p.out;
        boolean udp = c.udpEncapsulated();
        int hl = Ipv4.headerLength(b, off);
        int payOff = f.transport ? off + hl : off, payLen = f.transport ? len - hl : len;
        int outerHl = f.transport ? hl : Ipv4.MIN_HEADER_LEN;
        int uh = udp ? Udp.HEADER_LEN : 0;
        int front = outerHl + uh + sa.headerLength();
        if (payOff - front < Ethernet.HEADER_LEN || payOff + payLen + sa.maxTrailerLength() > b.length) {
            byte[] q = new byte[Ethernet.HEADER_LEN + front + payLen + sa.maxTrailerLength()];
            int qo = Ethernet.HEADER_LEN + front - (payOff - off);
            System.arraycopy(b, off, q, qo, len);
            payOff += qo - off;
            off = qo;
            b = q;
        }
        int nextHeader = f.transport ? Ipv4.protocol(b, off) : 4;
        int tos = Ipv4.tos(b, off);
        int df = switch (f.dfBit) {                             // RFC 4301 §8.1: `crypto ipsec df-bit`
            case SET -> Ipv4.FLAG_DF;
            case CLEAR -> 0;
            case COPY -> Ipv4.dontFragment(b, off) ? Ipv4.FLAG_DF : 0;
        };
        int po = payOff - front;
        if (f.transport) System.arraycopy(b, off, b, po, hl);
        int el = sa.encryptInPlace(b, payOff, payLen, nextHeader);
        if (el < 0) return;
        int total = outerHl + uh + el;
        int src = f.tunnelProtection ? f.local.v4() : c.localAddress();
        int dst = c.peerAddress();
        int proto = udp ? Ipv4.PROTO_UDP : Ipv4.PROTO_ESP;
        if (f.transport) {
            Bytes.put16(b, po + 2, total);
            b[po + 9] = (byte) proto;
            Ipv4.updateChecksum(b, po);
        } else {
            Ipv4.writeHeader(b, po, tos, total, ip.nextIpId(), df, 255, proto, src, dst);
        }
        if (udp) {
            int uo = po + outerHl;
            Bytes.put16(b, uo, c.localPort());
            Bytes.put16(b, uo + 2, c.peerPort());
            Bytes.put16(b, uo + 4, uh + el);
            Bytes.put16(b, uo + 6, 0);                                    // RFC 3948 §2.1: checksum 0
        }
        sealed(p);
        if (f.tunnelProtection) ip.sendTunnelOuter(f.iface, b, po, total, depth);
        else ip.sendClear(f.fvrf, b, po, total, depth);
    }

    /**
     * ESP in IPv6 (RFC 4303 §3.1.1-2, next header 50): the GRE/IPv6 packet of a tunnel over IPv6
     * in transport mode (its IPv6 header kept, GRE encrypted: next header 47 in the trailer) or
     * tunnel mode (a new outer IPv6 header, the packet encrypted whole: next header 41); routed by
     * the IPv6 engine, never fragmented.
     */
    private void protect6(Flow f, SaPair p, byte[] b, int off, int len) {
        Ipv6Engine v6 = ipv6;
        if (v6 == null || len < Ipv6.HEADER_LEN) return;
        ChildSa c = p.child;
        EspSa sa = p.out;
        int hl = Ipv6.HEADER_LEN;
        boolean udp = c.udpEncapsulated();                      // RFC 3948 over IPv6 (a peer that claims a NAT, as charon with libipsec)
        int uh = udp ? Udp.HEADER_LEN : 0;
        int payOff = f.transport ? off + hl : off, payLen = f.transport ? len - hl : len;
        int front = hl + uh + sa.headerLength();
        if (payOff - front < Ethernet.HEADER_LEN || payOff + payLen + sa.maxTrailerLength() > b.length) {
            byte[] q = new byte[Ethernet.HEADER_LEN + front + payLen + sa.maxTrailerLength()];
            int qo = Ethernet.HEADER_LEN + front - (payOff - off);
            System.arraycopy(b, off, q, qo, len);
            payOff += qo - off;
            off = qo;
            b = q;
        }
        int nextHeader = f.transport ? Ipv6.nextHeader(b, off) : Ipv6.NH_IPV6;
        int tc = Ipv6.trafficClass(b, off);
        int po = payOff - front;
        if (f.transport) System.arraycopy(b, off, b, po, hl);
        int el = sa.encryptInPlace(b, payOff, payLen, nextHeader);
        if (el < 0) return;
        int nh = udp ? Ipv6.NH_UDP : Ipv6.NH_ESP;
        if (f.transport) {
            Bytes.put16(b, po + 4, uh + el);
            b[po + 6] = (byte) nh;
        } else {
            Ipv6.writeHeader(b, po, tc, 0, uh + el, nh, 255, f.local.v6(), c.peer().v6());
        }
        // over IPv6 the UDP checksum is mandatory (RFC 8200 §8.1), unlike RFC 3948 §2.1's zero over IPv4
        if (udp) Udp.writeHeader6(b, po + hl, Ipv6.source(b, po), Ipv6.destination(b, po), c.localPort(), c.peerPort(), el);
        sealed(p);
        if (!v6.sendWhole(b, po, hl + uh + el) && f.iface != null) f.iface.counters.outputDrops++;   // no route, or over the path MTU
    }

    /**
     * An ICMP "fragmentation needed" (RFC 1191) delivered to the router (the checked IPv4 packet at
     * off) that quotes one of our ESP packets, bare (by its SPI) or in UDP 4500 (RFC 3948, by its
     * UDP ends, and its SPI when the quote reaches past the UDP header): the next-hop MTU lowers
     * that flow's path MTU (RFC 4301 §8.2.1), which its plaintext MTU, and a protected tunnel's
     * transport MTU, then follow.
     */
    void fragmentationNeeded(byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off), at = off + hl, q = at + Icmp.HEADER_LEN;
        if (len - hl < Icmp.HEADER_LEN + Ipv4.MIN_HEADER_LEN || Icmp.type(b, at) != Icmp.TYPE_DEST_UNREACHABLE
                || Icmp.code(b, at) != Icmp.CODE_FRAGMENTATION_NEEDED) return;
        int qhl = Ipv4.headerLength(b, q), proto = Ipv4.protocol(b, q), quoted = len - hl - Icmp.HEADER_LEN - qhl;
        if (quoted < 8) return;                                          // RFC 792: 64 bits of the datagram
        int l4 = q + qhl, sport = Bytes.u16(b, l4), dport = Bytes.u16(b, l4 + 2);
        boolean udp = proto == Ipv4.PROTO_UDP && (sport == IkeGlue.NAT_T_PORT || dport == IkeGlue.NAT_T_PORT);
        if (proto != Ipv4.PROTO_ESP && !udp) return;
        // RFC 3948 §2.2: past the UDP header a non-zero SPI is ESP, the zero non-ESP marker IKE (no SA's);
        // a quote of 64 bits (RFC 792, as IOS sends) ends with the UDP header: every SA on those ends
        // shares the path (RFC 4301 §8.2.1, "all the possible" SAs)
        boolean spiQuoted = !udp || quoted >= Udp.HEADER_LEN + 4;
        int spi = spiQuoted ? Bytes.i32(b, udp ? l4 + Udp.HEADER_LEN : l4) : 0;
        if (udp && spiQuoted && spi == 0) return;
        int src = Ipv4.source(b, q), dst = Ipv4.destination(b, q);
        for (Flow f : flows.get()) {
            SaPair p = f.current;
            if (f.ipv6 || p == null || p.child.peerAddress() != dst || p.child.udpEncapsulated() != udp
                    || udp && (p.child.localAddress() != src || p.child.localPort() != sport || p.child.peerPort() != dport)
                    || spiQuoted && p.child.outboundSpi() != spi) continue;
            var route = ip.rib(f.fvrf).fib().lookup(dst);
            f.lowerPathMtu(Icmp.nextHopMtu(b, at), route == null ? 1500 : route.out.ipMtu(), clock.nanos());
            if (spiQuoted) return;
        }
    }

    /** A flow's path MTU over a link of linkMtu: what "fragmentation needed" taught while it holds (IPv4 peers). */
    int pathMtu(Flow f, int linkMtu) { return f.ipv6 ? linkMtu : f.pathMtu(linkMtu, clock.nanos()); }

    /** After a packet is sealed: the soft lifetime reported once, the peer's outbound traffic noted (DPD). */
    private static void sealed(SaPair p) {
        if (!p.softReported && p.out.softExpired()) {
            p.softReported = true;
            p.keys.childSaSoftExpired(p.child.id());
        }
        p.keys.noteTraffic(p.child, false);
    }

    /** IP protocol 50 to the router. */
    boolean espIn(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        decap(in, b, off, hl, off + hl, len - hl);
        return true;
    }

    /** Decrypts the ESP at {@code b[eo, eo+el)} of the IPv4 packet at off and re-injects the result. */
    void decap(IpInterface in, byte[] b, int off, int hl, int eo, int el) {
        if (el < 8) {
            invalidSpi++;
            Flow f = flowFrom(IpAddress.of(Ipv4.source(b, off)), IpAddress.of(Ipv4.destination(b, off)));
            if (f != null) f.invalidLen++;
            return;
        }
        int spi = Bytes.i32(b, eo);
        SaPair p = sas.bySpi(spi);
        if (p == null || p.flow.ipv6) {                       // an IPv6 SA's SPI in IPv4 is no SA of ours
            invalidSpi++;
            int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
            Flow f = flowFrom(IpAddress.of(src), IpAddress.of(dst));
            if (f != null) f.invalidSa++;
            long now = clock.nanos();
            if (invSpiLoggedAt == Long.MIN_VALUE || now - invSpiLoggedAt >= LOG_INTERVAL_NANOS) {
                invSpiLoggedAt = now;
                log.log("CRYPTO", 4, "RECVD_PKT_INV_SPI", "decaps: rec'd IPSEC packet has invalid spi for destaddr="
                    + Ipv4Address.toString(dst) + ", prot=50, spi=0x" + String.format("%08X", spi) + "("
                    + Integer.toUnsignedString(spi) + "), srcaddr=" + Ipv4Address.toString(src) + ", input interface=" + in.name);
            }
            return;
        }
        int n = p.in.decryptInPlace(b, eo, el);
        if (n < 0) return;                                      // counted on the SA
        int io = eo + p.in.headerLength();                      // the inner packet, decrypted in place
        int nextHeader = p.in.lastNextHeader();
        Flow f = p.flow;
        p.keys.noteTraffic(p.child, true);
        IpInterface target = in;
        if (f.transport) {                                      // the IP header moves up to the payload
            int po = io - hl;
            System.arraycopy(b, off, b, po, hl);
            Bytes.put16(b, po + 2, hl + n);
            b[po + 9] = (byte) nextHeader;
            Ipv4.updateChecksum(b, po);
            inject(target, b, po, hl + n, p);
            return;
        }
        if (nextHeader != 4) {                                  // 59 (dummy) or not IPv4: discard
            if (nextHeader != 59) f.invalidProt++;
            return;
        }
        if (n < Ipv4.MIN_HEADER_LEN || Ipv4.check(b, io, n) != PacketError.OK) {
            policyDropped++;
            f.invalidProt++;
            return;
        }
        // Inbound policy check (RFC 4301 §5.2): the inner packet must be what the SA carries.
        ChildSa c = p.child;
        if (!covers(c.remoteProxy(), b, io, Ipv4.source(b, io)) || !covers(c.localProxy(), b, io, Ipv4.destination(b, io))) {
            policyDropped++;
            f.invalidIdentity++;
            return;
        }
        if (f.vti) target = f.iface;
        if (target == null) return;
        inject(target, b, io, n, p);
    }

    /** Next header 50 to the router over IPv6 (at: the ESP header, past any extension headers). */
    boolean espIn6(IpInterface in, byte[] b, int off, int at, int len) {
        decap6(in, b, off, at - off, at, off + len - at);
        return true;
    }

    /**
     * Decrypts the ESP at {@code b[at, at+el)} of the IPv6 packet at off, whose headers before the
     * ESP (or before its UDP header, RFC 3948 over IPv6) take {@code hl} octets, and re-injects the result.
     */
    void decap6(IpInterface in, byte[] b, int off, int hl, int at, int el) {
        Ipv6Address src = Ipv6.source(b, off), dst = Ipv6.destination(b, off);
        SaPair p = el < 8 ? null : sas.bySpi(Bytes.i32(b, at));
        if (p == null || !p.flow.ipv6) {
            invalidSpi++;
            Flow f = flowFrom(IpAddress.of(src), IpAddress.of(dst));
            if (f != null) {
                if (el < 8) f.invalidLen++;
                else f.invalidSa++;
            }
            long now = clock.nanos();
            if (el >= 8 && (invSpiLoggedAt == Long.MIN_VALUE || now - invSpiLoggedAt >= LOG_INTERVAL_NANOS)) {
                int spi = Bytes.i32(b, at);
                invSpiLoggedAt = now;
                log.log("CRYPTO", 4, "RECVD_PKT_INV_SPI", "decaps: rec'd IPSEC packet has invalid spi for destaddr="
                    + dst + ", prot=50, spi=0x" + String.format("%08X", spi) + "(" + Integer.toUnsignedString(spi)
                    + "), srcaddr=" + src + ", input interface=" + in.name);
            }
            return;
        }
        int n = p.in.decryptInPlace(b, at, el);
        if (n < 0) return;                                 // counted on the SA
        int io = at + p.in.headerLength();
        int nextHeader = p.in.lastNextHeader();
        Flow f = p.flow;
        ChildSa c = p.child;
        p.keys.noteTraffic(c, true);
        if (f.transport) {                                      // the IPv6 header moves up to the payload
            int po = io - hl;
            if (hl != Ipv6.HEADER_LEN) {                        // only what we send: a bare header in front of ESP
                f.invalidProt++;
                return;
            }
            System.arraycopy(b, off, b, po, hl);
            Bytes.put16(b, po + 4, n);
            b[po + 6] = (byte) nextHeader;
            if (!covers6(c.remoteProxy(), src, nextHeader) || !covers6(c.localProxy(), dst, nextHeader)) {
                policyDropped++;
                f.invalidIdentity++;
                return;
            }
            inject6(in, b, po, hl + n);
            return;
        }
        IpInterface target = f.vti ? f.iface : in;              // an IPv6 VTI: the inner packet comes in on the tunnel
        if (nextHeader != Ipv6.NH_IPV6) {                       // 59 (dummy) or not IPv6: discard
            if (nextHeader != Ipv6.NH_NONE) f.invalidProt++;
            return;
        }
        if (n < Ipv6.HEADER_LEN || Ipv6.check(b, io, n) != PacketError.OK) {
            policyDropped++;
            f.invalidProt++;
            return;
        }
        // RFC 4301 §5.2: the inner packet must be what the SA carries
        int proto = Ipv6.nextHeader(b, io);
        if (!covers6(c.remoteProxy(), Ipv6.source(b, io), proto) || !covers6(c.localProxy(), Ipv6.destination(b, io), proto)) {
            policyDropped++;
            f.invalidIdentity++;
            return;
        }
        if (target != null) inject6(target, b, io, n);
    }

    private static boolean covers6(ProxyId id, Ipv6Address a, int protocol) {
        return id.contains(a) && (id.protocol() == 0 || id.protocol() == protocol);
    }

    private void inject6(IpInterface in, byte[] b, int off, int len) {
        decapDepth++;
        try {
            ip.injectIpv6(in, b, off, len);
        } finally {
            decapDepth--;
        }
    }

    /** The flow an unattributable ESP packet (no SA by its SPI) belongs to: its peer sent it to our end, or null. */
    private Flow flowFrom(IpAddress src, IpAddress dst) {
        Flow any = null;
        for (Flow f : flows.get()) {
            if (!f.peer.equals(src)) continue;
            IpAddress local = f.tunnelProtection ? f.local : f.iface == null ? IpAddress.NONE : IpAddress.of(f.iface.address());
            if (local.equals(dst)) return f;
            if (any == null) any = f;
        }
        return any;
    }

    private static boolean covers(ProxyId id, byte[] pkt, int off, int addr) {
        if (((id.network() ^ addr) & id.mask()) != 0) return false;
        return id.protocol() == 0 || id.protocol() == Ipv4.protocol(pkt, off);
    }

    private void inject(IpInterface in, byte[] b, int off, int len, SaPair from) {
        SaPair outer = decapPair;
        decapPair = from;
        decapDepth++;
        try {
            ip.inject(in, b, off, len);
        } finally {
            decapDepth--;
            decapPair = outer;
        }
    }
}
