package dev.routerlab.packet;

/**
 * GRE (RFC 2784) with the key and sequence number extensions (RFC 2890), and Cisco GRE
 * keepalives (a GRE packet carrying the pre-built reply that the far end routes back to us).
 */
public final class Gre {
    private Gre() {}

    public static final int BASE_HEADER_LEN = 4;
    public static final int MAX_HEADER_LEN = 16;

    /** Flag bits of the first 16-bit word (RFC 2784 section 2, RFC 2890 section 2). */
    public static final int FLAG_CHECKSUM = 0x8000;
    public static final int FLAG_KEY = 0x2000;
    public static final int FLAG_SEQUENCE = 0x1000;
    /**
     * Bits 1-5 less K and S (RFC 2784 2.3 as amended by RFC 2890): RFC 1701's routing present,
     * strict source route and the top recursion bit. Bits 6-12 are ignored on receipt.
     */
    private static final int RFC1701_BITS = 0x4000 | 0x0800 | 0x0400;
    private static final int VERSION_MASK = 0x0007;

    /** Protocol types (EtherTypes). Cisco keepalive replies carry 0. */
    public static final int PROTO_KEEPALIVE = 0x0000;
    public static final int PROTO_IPV4 = 0x0800;
    public static final int PROTO_NHRP = 0x2001;
    public static final int PROTO_IPV6 = 0x86dd;

    /**
     * OK for version 0 without RFC 1701 routing/recursion bits, whose optional fields fit in len
     * and whose checksum (if present, over the whole GRE packet of len bytes) verifies.
     * UNSUPPORTED for version 1 (PPTP) or higher; BAD_FIELD for RFC 1701 bits (RFC 2784 2.3:
     * MUST discard). Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < BASE_HEADER_LEN) return PacketError.TRUNCATED;
        int f = flags(b, off);
        if ((f & VERSION_MASK) != 0) return PacketError.UNSUPPORTED;
        if ((f & RFC1701_BITS) != 0) return PacketError.BAD_FIELD;
        if (headerLength(b, off) > len) return PacketError.TRUNCATED;
        if ((f & FLAG_CHECKSUM) != 0 && !Checksum.verify(b, off, len, 0)) return PacketError.BAD_CHECKSUM;
        return PacketError.OK;
    }

    /** The first 16-bit word: C, K, S flags, reserved bits and version. */
    public static int flags(byte[] b, int off) { return Bytes.u16(b, off); }

    public static boolean checksumPresent(byte[] b, int off) { return (flags(b, off) & FLAG_CHECKSUM) != 0; }

    public static boolean keyPresent(byte[] b, int off) { return (flags(b, off) & FLAG_KEY) != 0; }

    public static boolean sequencePresent(byte[] b, int off) { return (flags(b, off) & FLAG_SEQUENCE) != 0; }

    public static int protocolType(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    /** Header length implied by the flags (4, plus 4 for each of checksum, key, sequence). */
    public static int headerLength(byte[] b, int off) { return headerLength(flags(b, off)); }

    public static int headerLength(int flags) {
        return BASE_HEADER_LEN + ((flags & FLAG_CHECKSUM) != 0 ? 4 : 0) + ((flags & FLAG_KEY) != 0 ? 4 : 0)
                + ((flags & FLAG_SEQUENCE) != 0 ? 4 : 0);
    }

    /** Key (unsigned 32 bits) of a checked header; 0 when absent. */
    public static long key(byte[] b, int off) {
        int f = flags(b, off);
        if ((f & FLAG_KEY) == 0) return 0;
        return Bytes.u32L(b, off + ((f & FLAG_CHECKSUM) != 0 ? 8 : 4));
    }

    /** Sequence number (unsigned 32 bits) of a checked header; 0 when absent. */
    public static long sequence(byte[] b, int off) {
        int f = flags(b, off);
        if ((f & FLAG_SEQUENCE) == 0) return 0;
        return Bytes.u32L(b, off + headerLength(f) - 4);
    }

    /** RFC 2890 section 2.2: is s after last, in 32-bit serial number arithmetic? */
    public static boolean sequenceAfter(long s, long last) { return (int) (s - last) > 0; }

    /**
     * Writes a GRE header at off in front of payloadLen bytes already in place after it. flags is
     * any of FLAG_CHECKSUM | FLAG_KEY | FLAG_SEQUENCE; key and seq are used when flagged. With
     * FLAG_CHECKSUM the checksum covers header and payload. Returns the header length.
     */
    public static int writeHeader(byte[] b, int off, int flags, int protocolType, long key, long seq, int payloadLen) {
        flags &= FLAG_CHECKSUM | FLAG_KEY | FLAG_SEQUENCE;
        Bytes.put16(b, off, flags);
        Bytes.put16(b, off + 2, protocolType);
        int i = off + 4;
        if ((flags & FLAG_CHECKSUM) != 0) {
            Bytes.put32(b, i, 0);
            i += 4;
        }
        if ((flags & FLAG_KEY) != 0) {
            Bytes.put32(b, i, key);
            i += 4;
        }
        if ((flags & FLAG_SEQUENCE) != 0) {
            Bytes.put32(b, i, seq);
            i += 4;
        }
        int hl = i - off;
        if ((flags & FLAG_CHECKSUM) != 0) Bytes.put16(b, off + 4, Checksum.compute(b, off, hl + payloadLen));
        return hl;
    }

    /**
     * A new IPv4/GRE packet from tunnelSource to tunnelDestination carrying payload of the given
     * protocol type (the outer header of a point-to-point tunnel).
     */
    public static byte[] buildPacket(int tunnelSource, int tunnelDestination, int ipId, int tos, int ttl, boolean df,
                                     int flags, long key, long seq, int protocolType,
                                     byte[] payload, int pOff, int pLen) {
        int gl = headerLength(flags & (FLAG_CHECKSUM | FLAG_KEY | FLAG_SEQUENCE));
        int tl = Ipv4.MIN_HEADER_LEN + gl + pLen;
        if (tl > Ipv4.MAX_PACKET_LEN) throw new IllegalArgumentException("datagram too long: " + tl);
        byte[] p = new byte[tl];
        System.arraycopy(payload, pOff, p, Ipv4.MIN_HEADER_LEN + gl, pLen);
        writeHeader(p, Ipv4.MIN_HEADER_LEN, flags, protocolType, key, seq, pLen);
        Ipv4.writeHeader(p, 0, tos, tl, ipId, df ? Ipv4.FLAG_DF : 0, ttl, Ipv4.PROTO_GRE, tunnelSource, tunnelDestination);
        return p;
    }

    /**
     * A Cisco GRE keepalive: outer IPv4 (tunnelSource to tunnelDestination) / GRE (IPv4) carrying
     * the reply the far end will simply decapsulate and route back: inner IPv4 (tunnelDestination
     * to tunnelSource, TTL 255) / GRE with protocol type 0. The inner GRE header repeats the
     * checksum and key flags (and key) so that the reply matches this tunnel on the way back;
     * only the outer header carries a sequence number.
     */
    public static byte[] buildKeepalive(int tunnelSource, int tunnelDestination, int ipId, int ttl,
                                        int flags, long key, long seq) {
        int innerFlags = flags & (FLAG_CHECKSUM | FLAG_KEY);
        int innerGre = headerLength(innerFlags);
        byte[] inner = new byte[Ipv4.MIN_HEADER_LEN + innerGre];
        writeHeader(inner, Ipv4.MIN_HEADER_LEN, innerFlags, PROTO_KEEPALIVE, key, 0, 0);
        Ipv4.writeHeader(inner, 0, 0, inner.length, 0, 0, 255, Ipv4.PROTO_GRE, tunnelDestination, tunnelSource);
        return buildPacket(tunnelSource, tunnelDestination, ipId, 0, ttl, false, flags, key, seq, PROTO_IPV4,
                inner, 0, inner.length);
    }

    /**
     * The keepalive of a tunnel over IPv6 (RFC 7676), built as {@link #buildKeepalive} is: outer
     * IPv6 (tunnelSource to tunnelDestination, next header 47) / GRE (0x86DD) carrying inner IPv6
     * (tunnelDestination to tunnelSource, hop limit 255) / GRE with protocol type 0.
     */
    public static byte[] buildKeepalive6(Ipv6Address tunnelSource, Ipv6Address tunnelDestination, int hopLimit,
                                         int flags, long key, long seq) {
        int innerFlags = flags & (FLAG_CHECKSUM | FLAG_KEY);
        int innerGre = headerLength(innerFlags);
        int gl = headerLength(flags & (FLAG_CHECKSUM | FLAG_KEY | FLAG_SEQUENCE));
        int io = Ipv6.HEADER_LEN + gl;
        byte[] p = new byte[io + Ipv6.HEADER_LEN + innerGre];
        writeHeader(p, io + Ipv6.HEADER_LEN, innerFlags, PROTO_KEEPALIVE, key, 0, 0);
        Ipv6.writeHeader(p, io, 0, 0, innerGre, Ipv6.NH_GRE, 255, tunnelDestination, tunnelSource);
        writeHeader(p, Ipv6.HEADER_LEN, flags, PROTO_IPV6, key, seq, Ipv6.HEADER_LEN + innerGre);
        Ipv6.writeHeader(p, 0, 0, 0, gl + Ipv6.HEADER_LEN + innerGre, Ipv6.NH_GRE, hopLimit, tunnelSource, tunnelDestination);
        return p;
    }

    /** True when a checked GRE header is a keepalive reply (protocol type 0). */
    public static boolean isKeepalive(byte[] b, int off) { return protocolType(b, off) == PROTO_KEEPALIVE; }
}
