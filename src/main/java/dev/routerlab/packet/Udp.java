package dev.routerlab.packet;

/** UDP (RFC 768) over IPv4 and IPv6 (RFC 8200 §8.1: the checksum is mandatory), with the pseudo-header checksum. */
public final class Udp {
    private Udp() {}

    public static final int HEADER_LEN = 8;

    /**
     * Checks a UDP datagram of len bytes (the IP payload) between src and dst: the length field
     * must be 8..len, and a non-zero checksum must verify over that length. Never throws.
     */
    public static PacketError check(byte[] b, int off, int len, int src, int dst) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        int ulen = length(b, off);
        if (ulen < HEADER_LEN) return PacketError.BAD_LENGTH;
        if (ulen > len) return PacketError.TRUNCATED;
        if (checksum(b, off) == 0) return PacketError.OK; // sender computed none (RFC 768)
        long ph = Checksum.pseudoHeader(src, dst, Ipv4.PROTO_UDP, ulen);
        return Checksum.verify(b, off, ulen, ph) ? PacketError.OK : PacketError.BAD_CHECKSUM;
    }

    public static int sourcePort(byte[] b, int off) { return Bytes.u16(b, off); }

    public static int destinationPort(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    /** Length field: header plus data. */
    public static int length(byte[] b, int off) { return Bytes.u16(b, off + 4); }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + 6); }

    /** Computes the checksum of a datagram whose header and data are in place (0 is sent as 0xffff). */
    public static int computeChecksum(byte[] b, int off, int ulen, int src, int dst) {
        long s = Checksum.sum(b, off, 6, Checksum.pseudoHeader(src, dst, Ipv4.PROTO_UDP, ulen));
        int c = Checksum.finish(Checksum.sum(b, off + 8, ulen - 8, s));
        return c == 0 ? 0xffff : c;
    }

    /** Writes the header in front of payloadLen bytes already at off+8, with checksum; returns the UDP length. */
    public static int writeHeader(byte[] b, int off, int src, int dst, int srcPort, int dstPort, int payloadLen) {
        int ulen = HEADER_LEN + payloadLen;
        Bytes.put16(b, off, srcPort);
        Bytes.put16(b, off + 2, dstPort);
        Bytes.put16(b, off + 4, ulen);
        Bytes.put16(b, off + 6, computeChecksum(b, off, ulen, src, dst));
        return ulen;
    }

    /** A new IPv4/UDP packet. */
    public static byte[] buildPacket(int src, int dst, int srcPort, int dstPort, int ipId, int ttl,
                                     byte[] payload, int pOff, int pLen) {
        int tl = Ipv4.MIN_HEADER_LEN + HEADER_LEN + pLen;
        if (tl > Ipv4.MAX_PACKET_LEN) throw new IllegalArgumentException("datagram too long: " + tl);
        byte[] p = new byte[tl];
        System.arraycopy(payload, pOff, p, Ipv4.MIN_HEADER_LEN + HEADER_LEN, pLen);
        writeHeader(p, Ipv4.MIN_HEADER_LEN, src, dst, srcPort, dstPort, pLen);
        Ipv4.writeHeader(p, 0, 0, tl, ipId, 0, ttl, Ipv4.PROTO_UDP, src, dst);
        return p;
    }

    /**
     * Checks a UDP datagram of len bytes in the IPv6 packet at ipOff: the length field must be
     * 8..len and the checksum must verify (a zero checksum is invalid over IPv6, RFC 8200 §8.1).
     */
    public static PacketError check6(byte[] b, int ipOff, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        int ulen = length(b, off);
        if (ulen < HEADER_LEN) return PacketError.BAD_LENGTH;
        if (ulen > len) return PacketError.TRUNCATED;
        if (checksum(b, off) == 0) return PacketError.BAD_CHECKSUM;
        return Checksum.verify(b, off, ulen, Ipv6.pseudoHeader(b, ipOff, ulen, Ipv6.NH_UDP)) ? PacketError.OK
                : PacketError.BAD_CHECKSUM;
    }

    /** As {@link #writeHeader}, between IPv6 addresses. */
    public static int writeHeader6(byte[] b, int off, Ipv6Address src, Ipv6Address dst, int srcPort, int dstPort, int payloadLen) {
        int ulen = HEADER_LEN + payloadLen;
        Bytes.put16(b, off, srcPort);
        Bytes.put16(b, off + 2, dstPort);
        Bytes.put16(b, off + 4, ulen);
        Bytes.put16(b, off + 6, 0);
        int c = Checksum.finish(Checksum.sum(b, off, ulen, Ipv6.pseudoHeader(src, dst, ulen, Ipv6.NH_UDP)));
        Bytes.put16(b, off + 6, c == 0 ? 0xffff : c);
        return ulen;
    }
}
