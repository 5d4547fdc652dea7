package dev.routerlab.packet;

/**
 * What a TUN device opened with IFF_VNET_HDR puts before each packet: the 10-byte
 * {@code struct virtio_net_hdr} (virtio spec 1.2 §5.1.6; Documentation/networking/tuntap.rst,
 * include/uapi/linux/virtio_net.h), and the two jobs it gives the reader: a checksum left
 * partial (CHECKSUM_PARTIAL: the pseudo-header sum in the field, the rest to add from
 * {@code csum_start}) and a GSO super-packet (up to 64 KB of TCP or UDP payload with one set of
 * headers) to cut into segments of {@code gso_size} bytes of payload, as the kernel's
 * {@code tcp_gso_segment}/{@code __udp_gso_segment} would: per segment the IPv4 total length,
 * identification (+1 per segment) and header checksum, or the IPv6 payload length; the TCP
 * sequence number, FIN and PSH on the last segment only, CWR on the first only (RFC 3168 §6.1.2),
 * and the TCP or UDP checksum over its pseudo-header.
 *
 * <p>The header's 16-bit fields are in the host's byte order (little-endian on x86-64 and
 * arm64, the legacy virtio convention tun follows without TUNSETVNETBE). Pure: no state, no I/O.
 * {@link #check} never throws; {@link #segments}, {@link #segment} and {@link #completeChecksum}
 * may be used only after it said OK.
 */
public final class VirtioNet {
    private VirtioNet() {}

    /** sizeof(struct virtio_net_hdr), the TUNSETVNETHDRSZ this codec reads and writes. */
    public static final int HDR_LEN = 10;
    public static final int F_NEEDS_CSUM = 1;
    public static final int F_DATA_VALID = 2;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_UDP_L4 = 5;
    public static final int GSO_ECN = 0x80;

    private static final int TCP_FIN = 0x01, TCP_PSH = 0x08, TCP_CWR = 0x80;

    public static int flags(byte[] h, int off) { return h[off] & 0xff; }

    /** The GSO type without its ECN bit. */
    public static int gsoType(byte[] h, int off) { return h[off + 1] & 0x7f; }

    public static int gsoSize(byte[] h, int off) { return le16(h, off + 4); }

    public static int csumStart(byte[] h, int off) { return le16(h, off + 6); }

    public static int csumOffset(byte[] h, int off) { return le16(h, off + 8); }

    private static int le16(byte[] b, int off) { return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8; }

    /** Writes a header that asks nothing of the kernel (GSO_NONE, no flags): how every packet is written. */
    public static void writeNone(byte[] h, int off) {
        for (int i = 0; i < HDR_LEN; i++) h[off + i] = 0;
    }

    /**
     * Whether the header at {@code h[hOff]} and the IPv4 or IPv6 packet {@code b[off, off+len)}
     * after it can be handled: a partial checksum's place lies inside the packet; a GSO packet is
     * TCP (over IPv4 or IPv6) or UDP_L4 with its transport header at {@code csum_start}, its
     * headers whole and a non-zero {@code gso_size}. Legacy UFO (GSO_UDP) is UNSUPPORTED. Never throws.
     */
    public static PacketError check(byte[] h, int hOff, byte[] b, int off, int len) {
        if (h == null || b == null || hOff < 0 || hOff > h.length - HDR_LEN || !Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        if (len < 1) return PacketError.TRUNCATED;
        int version = (b[off] & 0xff) >>> 4;
        int ipHdr = version == 4 ? (b[off] & 0x0f) * 4 : version == 6 ? Ipv6.HEADER_LEN : -1;
        if (ipHdr < 0) return PacketError.BAD_VERSION;
        if (len < ipHdr || ipHdr < Ipv4.MIN_HEADER_LEN) return PacketError.TRUNCATED;
        int gso = gsoType(h, hOff);
        boolean partial = (flags(h, hOff) & F_NEEDS_CSUM) != 0;
        int cs = csumStart(h, hOff), co = csumOffset(h, hOff);
        if (partial && (cs < ipHdr || cs + co + 2 > len)) return PacketError.BAD_FIELD;
        if (gso == GSO_NONE) return PacketError.OK;
        if (gso != GSO_TCPV4 && gso != GSO_TCPV6 && gso != GSO_UDP_L4) return PacketError.UNSUPPORTED;
        if (gso == GSO_TCPV4 && version != 4 || gso == GSO_TCPV6 && version != 6) return PacketError.BAD_FIELD;
        if (!partial || gsoSize(h, hOff) == 0) return PacketError.BAD_FIELD;
        boolean tcp = gso != GSO_UDP_L4;
        int proto = version == 4 ? b[off + 9] & 0xff : cs == Ipv6.HEADER_LEN ? b[off + 6] & 0xff : -1;
        if (proto != -1 && proto != (tcp ? Ipv4.PROTO_TCP : Ipv4.PROTO_UDP)) return PacketError.BAD_FIELD;
        if (version == 4 && cs != ipHdr) return PacketError.BAD_FIELD;   // IPv4 options belong to the IP header
        if (tcp) {
            if (co != 16 || cs + 20 > len) return PacketError.BAD_FIELD;
            int th = ((b[off + cs + 12] & 0xff) >>> 4) * 4;
            if (th < 20 || cs + th > len) return PacketError.BAD_HEADER_LENGTH;
        } else if (co != 6 || cs + 8 > len) {
            return PacketError.BAD_FIELD;
        }
        if (version == 4 && len > Ipv4.MAX_PACKET_LEN) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    /**
     * How many bytes from the packet's start {@link #check}, {@link #segments}, {@link #segmentLength}
     * and a {@link #segment} with a separate payload source read: the headers, at most.
     */
    public static int headerBytes(byte[] h, int hOff, int len) { return Math.min(len, csumStart(h, hOff) + 64); }

    /** Length of the headers every segment repeats: IP (with IPv6 extension headers) and TCP or UDP. */
    private static int headersLen(byte[] h, int hOff, byte[] b, int off) {
        int cs = csumStart(h, hOff);
        return gsoType(h, hOff) == GSO_UDP_L4 ? cs + 8 : cs + ((b[off + cs + 12] & 0xff) >>> 4) * 4;
    }

    /** How many packets the checked packet becomes: 1 without GSO or without payload. */
    public static int segments(byte[] h, int hOff, byte[] b, int off, int len) {
        if (gsoType(h, hOff) == GSO_NONE) return 1;
        int payload = len - headersLen(h, hOff, b, off);
        int mss = gsoSize(h, hOff);
        return payload <= 0 ? 1 : (payload + mss - 1) / mss;
    }

    /** Length of segment i (0-based) of the checked packet. */
    public static int segmentLength(byte[] h, int hOff, byte[] b, int off, int len, int i) {
        if (gsoType(h, hOff) == GSO_NONE) return len;
        int hl = headersLen(h, hOff, b, off);
        int mss = gsoSize(h, hOff);
        return hl + Math.max(0, Math.min(mss, len - hl - i * mss));
    }

    /**
     * Writes segment i of the checked packet to {@code dst[dstOff]} (a GSO_NONE packet whole), its
     * checksums complete; returns its length ({@link #segmentLength}).
     */
    public static int segment(byte[] h, int hOff, byte[] b, int off, int len, int i, byte[] dst, int dstOff) {
        return segment(h, hOff, b, off, len, i, null, 0, dst, dstOff);
    }

    /**
     * As {@link #segment(byte[], int, byte[], int, int, int, byte[], int)}, the payload copied from
     * {@code src} (the same packet from {@code src[srcOff]}: a reader's buffer) rather than from
     * {@code b}, which then needs to hold only the packet's headers: one copy of a super-packet's
     * 64 KB fewer. A null src: all from b.
     */
    public static int segment(byte[] h, int hOff, byte[] b, int off, int len, int i, java.nio.ByteBuffer src, int srcOff, byte[] dst, int dstOff) {
        int gso = gsoType(h, hOff);
        if (gso == GSO_NONE) {
            if (src == null) System.arraycopy(b, off, dst, dstOff, len);
            else src.get(srcOff, dst, dstOff, len);
            if ((flags(h, hOff) & F_NEEDS_CSUM) != 0) completeChecksum(dst, dstOff, len, csumStart(h, hOff), csumOffset(h, hOff));
            return len;
        }
        int cs = csumStart(h, hOff);
        int hl = headersLen(h, hOff, b, off);
        int mss = gsoSize(h, hOff);
        int n = segments(h, hOff, b, off, len);
        int pay = Math.max(0, Math.min(mss, len - hl - i * mss));
        int segLen = hl + pay;
        System.arraycopy(b, off, dst, dstOff, hl);
        if (src == null) System.arraycopy(b, off + hl + i * mss, dst, dstOff + hl, pay);
        else src.get(srcOff + hl + i * mss, dst, dstOff + hl, pay);
        boolean v4 = (b[off] & 0xf0) == 0x40;
        if (v4) {
            Bytes.put16(dst, dstOff + 2, segLen);
            Bytes.put16(dst, dstOff + 4, Bytes.u16(b, off + 4) + i);
            Ipv4.updateChecksum(dst, dstOff);
        } else {
            Bytes.put16(dst, dstOff + 4, segLen - Ipv6.HEADER_LEN);
        }
        int t = dstOff + cs;
        int l4len = segLen - cs;
        int proto;
        if (gso == GSO_UDP_L4) {
            proto = Ipv4.PROTO_UDP;
            Bytes.put16(dst, t + 4, l4len);
        } else {
            proto = Ipv4.PROTO_TCP;
            Bytes.put32(dst, t + 4, Bytes.i32(b, off + cs + 4) + i * mss);
            int fl = dst[t + 13] & 0xff;
            if (i < n - 1) fl &= ~(TCP_FIN | TCP_PSH);
            if (i > 0) fl &= ~TCP_CWR;
            dst[t + 13] = (byte) fl;
        }
        int co = proto == Ipv4.PROTO_TCP ? 16 : 6;
        Bytes.put16(dst, t + co, 0);
        long ph = pseudoHeader(dst, dstOff, v4, proto, l4len);
        int c = Checksum.finish(Checksum.sum(dst, t, l4len, ph));
        if (c == 0 && proto == Ipv4.PROTO_UDP) c = 0xffff;   // RFC 768: zero means no checksum
        Bytes.put16(dst, t + co, c);
        return segLen;
    }

    /**
     * Completes a partial checksum in place (CHECKSUM_PARTIAL): the field at {@code csumStart +
     * csumOffset} holds the pseudo-header's sum; the one's complement of the sum of everything
     * from {@code csumStart} goes there (a UDP result of 0 is sent as 0xffff, RFC 768).
     */
    public static void completeChecksum(byte[] p, int off, int len, int csumStart, int csumOffset) {
        int at = off + csumStart + csumOffset;
        int c = Checksum.finish(Checksum.sum(p, off + csumStart, len - csumStart, 0));
        if (c == 0 && csumOffset == 6) c = 0xffff;
        Bytes.put16(p, at, c);
    }

    // ---- GRO: consecutive packets of one flow written as one super-packet (the reverse of segment) ----

    /**
     * Most packets merged into one: a UDP_L4 super-packet of more segments than UDP_MAX_SEGMENTS
     * (include/linux/udp.h) is refused by the kernel on write (EINVAL; seen with 64-byte datagrams).
     */
    public static final int MAX_SEGMENTS = 64;

    private static final int TCP_SYN = 0x02, TCP_RST = 0x04, TCP_URG = 0x20, TCP_ECE = 0x40;

    /**
     * The GSO type a packet about to be written could start or join: {@link #GSO_TCPV4} or
     * {@link #GSO_TCPV6} for TCP with payload and no flag but ACK and PSH, {@link #GSO_UDP_L4} for
     * UDP with payload and a checksum; IPv4 without options or fragmentation, IPv6 without
     * extension headers, lengths consistent and the TCP or UDP checksum correct (the kernel takes a
     * CHECKSUM_PARTIAL packet as verified, so only packets that verify are merged). Else
     * {@link #GSO_NONE}: written alone, as it is. Never throws.
     */
    public static int coalescible(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 28) return GSO_NONE;
        int ipHdr, proto;
        long ph;
        boolean v4 = (b[off] & 0xff) == 0x45;
        if (v4) {
            if (Bytes.u16(b, off + 2) != len || (Bytes.u16(b, off + 6) & 0x3fff) != 0) return GSO_NONE;
            ipHdr = 20;
            proto = b[off + 9] & 0xff;
            ph = pseudoHeader(b, off, true, proto, len - ipHdr);
        } else if ((b[off] & 0xf0) == 0x60) {
            if (len < 48 || Bytes.u16(b, off + 4) != len - Ipv6.HEADER_LEN) return GSO_NONE;
            ipHdr = Ipv6.HEADER_LEN;
            proto = b[off + 6] & 0xff;
            ph = pseudoHeader(b, off, false, proto, len - ipHdr);
        } else {
            return GSO_NONE;
        }
        int t = off + ipHdr;
        int type;
        if (proto == Ipv4.PROTO_TCP) {
            if (len < ipHdr + 20) return GSO_NONE;
            int th = ((b[t + 12] & 0xff) >>> 4) * 4;
            if (th < 20 || ipHdr + th >= len) return GSO_NONE;
            if ((b[t + 13] & (TCP_FIN | TCP_SYN | TCP_RST | TCP_URG | TCP_ECE | TCP_CWR)) != 0) return GSO_NONE;
            type = v4 ? GSO_TCPV4 : GSO_TCPV6;
        } else if (proto == Ipv4.PROTO_UDP) {
            if (Bytes.u16(b, t + 4) != len - ipHdr || len == ipHdr + 8 || Bytes.u16(b, t + 6) == 0) return GSO_NONE;
            type = GSO_UDP_L4;
        } else {
            return GSO_NONE;
        }
        return Checksum.verify(b, t, len - ipHdr, ph) ? type : GSO_NONE;
    }

    /** Headers of a packet {@link #coalescible} accepted: IP and TCP or UDP. */
    public static int coalescedHeaders(byte[] b, int off) {
        int ipHdr = (b[off] & 0xf0) == 0x40 ? 20 : Ipv6.HEADER_LEN;
        int proto = (b[off] & 0xf0) == 0x40 ? b[off + 9] & 0xff : b[off + 6] & 0xff;
        return proto == Ipv4.PROTO_TCP ? ipHdr + ((b[off + ipHdr + 12] & 0xff) >>> 4) * 4 : ipHdr + 8;
    }

    /**
     * Whether packet p (of the same {@link #coalescible} type) continues the merged packet
     * a[aOff, aOff+aLen) of {@code segs} segments of {@code segSize} payload bytes each, as Linux's
     * GRO would take it (tcp_gro_receive, udp_gro_receive): the same headers but for the lengths,
     * checksums and the IPv4 identification, which goes up by one per segment; for TCP the next
     * sequence number, the same acknowledgment, window and options, and a payload not larger
     * than the first's; the whole within 64 KB.
     */
    public static boolean canAppend(byte[] a, int aOff, int aLen, int segs, int segSize, byte[] p, int off, int len) {
        int hl = coalescedHeaders(a, aOff);
        if (coalescedHeaders(p, off) != hl) return false;
        int pay = len - hl;
        if (segs >= MAX_SEGMENTS || pay <= 0 || pay > segSize || aLen + pay > Ipv4.MAX_PACKET_LEN) return false;
        if (aLen - hl != segs * segSize) return false;                     // a shorter segment ended it
        boolean v4 = (a[aOff] & 0xf0) == 0x40;
        int ipHdr = v4 ? 20 : Ipv6.HEADER_LEN;
        if (v4) {
            if (!same(a, aOff, p, off, 0, 2) || !same(a, aOff, p, off, 6, 4) || !same(a, aOff, p, off, 12, 8)) return false;
            if (Bytes.u16(p, off + 4) != (Bytes.u16(a, aOff + 4) + segs & 0xffff)) return false;
        } else if (!same(a, aOff, p, off, 0, 4) || !same(a, aOff, p, off, 6, 34)) {
            return false;
        }
        int at = aOff + ipHdr, pt = off + ipHdr;
        if (!same(a, at, p, pt, 0, 4)) return false;                       // ports
        if (hl - ipHdr == 8) return true;                                  // UDP
        if (Bytes.i32(p, pt + 4) != Bytes.i32(a, at + 4) + (aLen - hl)) return false;
        if (!same(a, at, p, pt, 8, 5) || !same(a, at, p, pt, 14, 2)) return false;   // ack, data offset, window
        if (((a[at + 13] ^ p[pt + 13]) & ~TCP_PSH) != 0 || (a[at + 13] & TCP_PSH) != 0) return false;   // PSH ends it
        return same(a, at, p, pt, 20, hl - ipHdr - 20);                    // options
    }

    private static boolean same(byte[] a, int aOff, byte[] b, int bOff, int from, int n) {
        for (int i = from; i < from + n; i++) if (a[aOff + i] != b[bOff + i]) return false;
        return true;
    }

    /** Appends p's payload to the merged packet in a (room for it there); PSH carried over. Returns the new length. */
    public static int append(byte[] a, int aOff, int aLen, byte[] p, int off, int len) {
        int hl = coalescedHeaders(a, aOff);
        int ipHdr = (a[aOff] & 0xf0) == 0x40 ? 20 : Ipv6.HEADER_LEN;
        System.arraycopy(p, off + hl, a, aOff + aLen, len - hl);
        if (hl - ipHdr != 8) a[aOff + ipHdr + 13] |= (byte) (p[off + ipHdr + 13] & TCP_PSH);
        return aLen + len - hl;
    }

    /**
     * Makes the merged packet a[aOff, aOff+aLen) a GSO super-packet for writing: its header at
     * h[hOff] (NEEDS_CSUM, the type, hdr_len, gso_size, csum_start and offset), the IPv4 total
     * length and header checksum or the IPv6 payload length, the UDP length, and in the TCP or UDP
     * checksum field the pseudo-header's sum, which the kernel completes (CHECKSUM_PARTIAL).
     */
    public static void finishCoalesced(byte[] h, int hOff, byte[] a, int aOff, int aLen, int gsoType, int segSize) {
        boolean v4 = (a[aOff] & 0xf0) == 0x40;
        int ipHdr = v4 ? 20 : Ipv6.HEADER_LEN;
        int hl = coalescedHeaders(a, aOff);
        boolean udp = gsoType == GSO_UDP_L4;
        int l4 = aLen - ipHdr;
        if (v4) {
            Bytes.put16(a, aOff + 2, aLen);
            Ipv4.updateChecksum(a, aOff);
        } else {
            Bytes.put16(a, aOff + 4, l4);
        }
        int proto = udp ? Ipv4.PROTO_UDP : Ipv4.PROTO_TCP;
        if (udp) Bytes.put16(a, aOff + ipHdr + 4, l4);
        long ph = pseudoHeader(a, aOff, v4, proto, l4);
        Bytes.put16(a, aOff + ipHdr + (udp ? 6 : 16), ~Checksum.finish(ph) & 0xffff);   // the folded sum, not complemented
        h[hOff] = F_NEEDS_CSUM;
        h[hOff + 1] = (byte) gsoType;
        int[] f = {hl, segSize, ipHdr, udp ? 6 : 16};
        for (int i = 0; i < 4; i++) {
            h[hOff + 2 + 2 * i] = (byte) f[i];
            h[hOff + 3 + 2 * i] = (byte) (f[i] >>> 8);
        }
    }

    /** The TCP/UDP pseudo-header's sum of the IPv4 or IPv6 packet at off (RFC 9293 §3.1, RFC 8200 §8.1). */
    private static long pseudoHeader(byte[] b, int off, boolean v4, int proto, int l4len) {
        return v4 ? Checksum.pseudoHeader(Ipv4.source(b, off), Ipv4.destination(b, off), proto, l4len)
            : Ipv6.pseudoHeader(b, off, l4len, proto);
    }
}
