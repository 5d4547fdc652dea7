package dev.routerlab.ipsec;

import java.util.List;
import java.util.function.Supplier;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.IkeEngine;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.esp.DecryptResult;
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
    private final Supplier<IkeEngine> ike;
    private final Supplier<List<Flow>> flows;
    private final IpEngine.LogSink log;
    private final Clock clock;
    private int decapDepth;
    /** Router-wide drops for `show crypto ipsec sa detail` and tests. */
    long invalidSpi, clearDropped, noSaDropped, policyDropped;
    /** IOS logs an invalid SPI, and a cleartext packet that should have been ESP, at most once a minute. */
    static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
    private long invSpiLoggedAt = Long.MIN_VALUE, notIpsecLoggedAt = Long.MIN_VALUE;

    EspPath(IpEngine ip, SaTable sas, IpsecDebug debug, Supplier<IkeEngine> ike, Supplier<List<Flow>> flows,
            IpEngine.LogSink log, Clock clock) {
        this.ip = ip;
        this.sas = sas;
        this.debug = debug;
        this.ike = ike;
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

    /** GRE arriving in clear on a protected tunnel: accepted only as the inner packet of ESP. */
    boolean clearInTunnel() {
        if (decapDepth > 0) return true;
        clearDropped++;
        return false;
    }

    /** ESP-protects one packet of a flow and sends it (at its tunnel nesting depth), or starts negotiation and drops it. */
    void protect(Flow f, byte[] b, int off, int len, int depth) {
        IkeEngine ike = this.ike.get();
        SaPair p = f.current;
        if (p == null || p.out.hardExpired()) {
            noSaDropped++;
            f.noSa++;
            if (ike != null && f.policy != null) {
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
            var route = ip.fib().lookup(c.peerAddress());
            int mtu = route == null ? 0 : IpsecEngine.plaintextMtu(c, route.out.ipMtu());
            if (mtu > 0 && len > mtu) {
                ip.fragmentOrRefuse(b, off, len, mtu, frag -> protect(f, frag, 0, frag.length, depth));
                return;
            }
        }
        boolean udp = c.udpEncapsulated();
        int hl = Ipv4.headerLength(b, off);
        byte[] esp = f.transport ? p.out.encrypt(b, off + hl, len - hl, Ipv4.protocol(b, off))
                : p.out.encrypt(b, off, len, 4);
        if (esp == null) return;
        int outerHl = f.transport ? hl : Ipv4.MIN_HEADER_LEN;
        int uh = udp ? Udp.HEADER_LEN : 0;
        int total = outerHl + uh + esp.length;
        int po = Ethernet.HEADER_LEN;
        byte[] q = new byte[po + total];
        System.arraycopy(esp, 0, q, po + outerHl + uh, esp.length);
        int src = f.tunnelProtection ? f.local : c.localAddress();
        int dst = c.peerAddress();
        int proto = udp ? Ipv4.PROTO_UDP : Ipv4.PROTO_ESP;
        if (f.transport) {
            System.arraycopy(b, off, q, po, hl);
            Bytes.put16(q, po + 2, total);
            q[po + 9] = (byte) proto;
            Ipv4.updateChecksum(q, po);
        } else {
            int df = Ipv4.dontFragment(b, off) ? Ipv4.FLAG_DF : 0;   // crypto ipsec df-bit copy (IOS default)
            Ipv4.writeHeader(q, po, Ipv4.tos(b, off), total, ip.nextIpId(), df, 255, proto, src, dst);
        }
        if (udp) {
            int uo = po + outerHl;
            Bytes.put16(q, uo, c.localPort());
            Bytes.put16(q, uo + 2, c.peerPort());
            Bytes.put16(q, uo + 4, Udp.HEADER_LEN + esp.length);
            Bytes.put16(q, uo + 6, 0);                                    // RFC 3948 §2.1: checksum 0
        }
        if (!p.softReported && p.out.softExpired() && ike != null) {
            p.softReported = true;
            ike.childSaSoftExpired(c.id());
        }
        if (ike != null) ike.noteTraffic(c.peerAddress(), false);
        if (f.tunnelProtection) ip.sendTunnelOuter(f.iface, q, po, total, depth);
        else ip.sendClear(q, po, total, depth);
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
        DecryptResult r = p.in.decrypt(b, eo, el);
        if (!(r instanceof DecryptResult.Ok ok)) return;       // counted on the SA
        Flow f = p.flow;
        IkeEngine ike = this.ike.get();
        if (ike != null) ike.noteTraffic(p.child.peerAddress(), true);
        byte[] pkt;
        int plen;
        IpInterface target = in;
        if (f.transport) {
            plen = hl + ok.length();
            pkt = new byte[Ethernet.HEADER_LEN + plen];
            System.arraycopy(b, off, pkt, Ethernet.HEADER_LEN, hl);
            System.arraycopy(ok.buffer(), 0, pkt, Ethernet.HEADER_LEN + hl, ok.length());
            Bytes.put16(pkt, Ethernet.HEADER_LEN + 2, plen);
            pkt[Ethernet.HEADER_LEN + 9] = (byte) ok.nextHeader();
            Ipv4.updateChecksum(pkt, Ethernet.HEADER_LEN);
            inject(target, pkt, Ethernet.HEADER_LEN, plen);
            return;
        }
        if (ok.nextHeader() != 4) {                             // 59 (dummy) or not IPv4: discard
            if (ok.nextHeader() != 59) f.invalidProt++;
            return;
        }
        pkt = ok.buffer();
        plen = ok.length();
        if (plen < Ipv4.MIN_HEADER_LEN || Ipv4.check(pkt, 0, plen) != PacketError.OK) {
            policyDropped++;
            f.invalidProt++;
            return;
        }
        // Inbound policy check (RFC 4301 §5.2): the inner packet must be what the SA carries.
        ChildSa c = p.child;
        if (!covers(c.remoteProxy(), pkt, Ipv4.source(pkt, 0)) || !covers(c.localProxy(), pkt, Ipv4.destination(pkt, 0))) {
            policyDropped++;
            f.invalidIdentity++;
            return;
        }
        if (f.vti) target = f.iface;
        if (target == null) return;
        inject(target, pkt, 0, plen);
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

    private static boolean covers(ProxyId id, byte[] pkt, int addr) {
        if (((id.network() ^ addr) & id.mask()) != 0) return false;
        return id.protocol() == 0 || id.protocol() == Ipv4.protocol(pkt, 0);
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
