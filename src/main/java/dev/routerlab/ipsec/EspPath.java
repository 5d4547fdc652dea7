package dev.routerlab.ipsec;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.esp.EspSa;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
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

    /** GRE arriving in clear on a protected tunnel: accepted only as the inner packet of ESP, else dropped as IOS does. */
    boolean clearInTunnel(byte[] b, int off) {
        if (decapDepth > 0) return true;
        notIpsec(b, off);
        return false;
    }

    /** ESP-protects one packet of a flow and sends it (at its tunnel nesting depth), or starts negotiation and drops it. */
    void protect(Flow f, byte[] b, int off, int len, int depth) {
        SaPair p = f.current;
        if (p == null || p.out.hardExpired()) {
            noSaDropped++;
            f.noSa++;
            KeyManager ike = f.policy == null ? null : keys.apply(f);
            if (ike != null) {
                int local = f.tunnelProtection ? f.local : f.iface.address();
                if (ike.acquire(local, f.peer, f.policy, f.proxies) && debug.ipsec) {
                    debug.print("IPSEC(sa_request): , (key eng. msg.) OUTBOUND local= " + Ipv4Address.toString(local)
                            + ":0, remote= " + Ipv4Address.toString(f.peer) + ":0,\n    local_proxy= "
                            + IpsecDebug.proxyText(f.proxies.local()) + ",\n    remote_proxy= "
                            + IpsecDebug.proxyText(f.proxies.remote()));
                }
            }
            return;
        }
        ChildSa c = p.child;
        if (!f.tunnelProtection && !f.transport) {
            // IOS fragments before encryption by default (crypto ipsec fragmentation before-encryption):
            // each fragment is its own ESP packet; with DF set the source hears "fragmentation needed"
            var route = ip.rib(f.fvrf).fib().lookup(c.peerAddress());
            int mtu = route == null ? 0 : IpsecEngine.plaintextMtu(c, route.out.ipMtu());
            if (mtu > 0 && len > mtu) {
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
        int df = Ipv4.dontFragment(b, off) ? Ipv4.FLAG_DF : 0;   // crypto ipsec df-bit copy (IOS default)
        int po = payOff - front;
        if (f.transport) System.arraycopy(b, off, b, po, hl);
        int el = sa.encryptInPlace(b, payOff, payLen, nextHeader);
        if (el < 0) return;
        int total = outerHl + uh + el;
        int src = f.tunnelProtection ? f.local : c.localAddress();
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
        if (!p.softReported && p.out.softExpired()) {
            p.softReported = true;
            p.keys.childSaSoftExpired(c.id());
        }
        p.keys.noteTraffic(c.peerAddress(), false);
        if (f.tunnelProtection) ip.sendTunnelOuter(f.iface, b, po, total, depth);
        else ip.sendClear(f.fvrf, b, po, total, depth);
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
            Flow f = flowFrom(Ipv4.source(b, off), Ipv4.destination(b, off));
            if (f != null) f.invalidLen++;
            return;
        }
        int spi = Bytes.i32(b, eo);
        SaPair p = sas.bySpi(spi);
        if (p == null) {
            invalidSpi++;
            int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
            Flow f = flowFrom(src, dst);
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
        p.keys.noteTraffic(p.child.peerAddress(), true);
        IpInterface target = in;
        if (f.transport) {                                      // the IP header moves up to the payload
            int po = io - hl;
            System.arraycopy(b, off, b, po, hl);
            Bytes.put16(b, po + 2, hl + n);
            b[po + 9] = (byte) nextHeader;
            Ipv4.updateChecksum(b, po);
            inject(target, b, po, hl + n);
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
        inject(target, b, io, n);
    }

    /** The flow an unattributable ESP packet (no SA by its SPI) belongs to: its peer sent it to our end, or null. */
    private Flow flowFrom(int src, int dst) {
        Flow any = null;
        for (Flow f : flows.get()) {
            if (f.peer != src) continue;
            int local = f.tunnelProtection ? f.local : f.iface == null ? 0 : f.iface.address();
            if (local == dst) return f;
            if (any == null) any = f;
        }
        return any;
    }

    private static boolean covers(ProxyId id, byte[] pkt, int off, int addr) {
        if (((id.network() ^ addr) & id.mask()) != 0) return false;
        return id.protocol() == 0 || id.protocol() == Ipv4.protocol(pkt, off);
    }

    private void inject(IpInterface in, byte[] b, int off, int len) {
        decapDepth++;
        try {
            ip.inject(in, b, off, len);
        } finally {
            decapDepth--;
        }
    }
}
