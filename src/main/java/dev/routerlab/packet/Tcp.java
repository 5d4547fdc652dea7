package dev.routerlab.packet;

/**
 * The TCP header (RFC 9293 section 3.1): read and written over {@code byte[]}, for the router's
 * own connections ({@code dev.routerlab.tcp}) and to clamp the MSS option of SYN segments in
 * transit, as {@code ip tcp adjust-mss} does, fixing the checksum incrementally (RFC 1624).
 */
public final class Tcp {
    private Tcp() {}

    public static final int MIN_HEADER_LEN = 20;
    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_SYN = 0x02;
    public static final int FLAG_RST = 0x04;
    public static final int FLAG_PSH = 0x08;
    public static final int FLAG_ACK = 0x10;
    public static final int FLAG_URG = 0x20;
    /** Option kinds (RFC 793 section 3.1). */
    public static final int OPT_EOL = 0;
    public static final int OPT_NOP = 1;
    public static final int OPT_MSS = 2;

    /** OK when the segment of len bytes holds a header of valid data offset. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < MIN_HEADER_LEN) return PacketError.TRUNCATED;
        int hl = headerLength(b, off);
        if (hl < MIN_HEADER_LEN) return PacketError.BAD_HEADER_LENGTH;
        return hl > len ? PacketError.TRUNCATED : PacketError.OK;
    }

    /** As {@link #check(byte[], int, int)}, and the checksum over the pseudo-header of src and dst. */
    public static PacketError check(byte[] b, int off, int len, int src, int dst) {
        PacketError e = check(b, off, len);
        if (e != PacketError.OK) return e;
        return Checksum.verify(b, off, len, Checksum.pseudoHeader(src, dst, Ipv4.PROTO_TCP, len)) ? PacketError.OK : PacketError.BAD_CHECKSUM;
    }

    public static int sourcePort(byte[] b, int off) { return Bytes.u16(b, off); }

    public static int destinationPort(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    /** Data offset in bytes. */
    public static int headerLength(byte[] b, int off) { return ((b[off + 12] & 0xff) >>> 4) * 4; }

    public static int flags(byte[] b, int off) { return b[off + 13] & 0xff; }

    public static boolean isSyn(byte[] b, int off) { return (flags(b, off) & FLAG_SYN) != 0; }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + 16); }

    public static int sequence(byte[] b, int off) { return Bytes.i32(b, off + 4); }

    public static int acknowledgment(byte[] b, int off) { return Bytes.i32(b, off + 8); }

    public static int window(byte[] b, int off) { return Bytes.u16(b, off + 14); }

    /** Header length of a segment written by {@link #writeHeader}: 24 with an MSS option, else 20. */
    public static int headerLength(boolean mssOption) { return mssOption ? MIN_HEADER_LEN + 4 : MIN_HEADER_LEN; }

    /**
     * Writes a header at off (an MSS option when mss &gt; 0, RFC 9293 section 3.7.1) in front of
     * the payload already at off + {@link #headerLength(boolean)}, and the checksum over the
     * whole segment of len bytes between src and dst.
     */
    public static void writeHeader(byte[] b, int off, int len, int src, int dst, int srcPort, int dstPort,
                                   int seq, int ack, int flags, int window, int mss) {
        int hl = headerLength(mss > 0);
        Bytes.put16(b, off, srcPort);
        Bytes.put16(b, off + 2, dstPort);
        Bytes.put32(b, off + 4, seq);
        Bytes.put32(b, off + 8, ack);
        b[off + 12] = (byte) ((hl / 4) << 4);
        b[off + 13] = (byte) flags;
        Bytes.put16(b, off + 14, window);
        Bytes.put16(b, off + 16, 0);
        Bytes.put16(b, off + 18, 0);
        if (mss > 0) {
            b[off + 20] = OPT_MSS;
            b[off + 21] = 4;
            Bytes.put16(b, off + 22, mss);
        }
        Bytes.put16(b, off + 16, computeChecksum(b, off, len, src, dst));
    }

    /** Full checksum of a segment of len bytes between src and dst (field taken as zero). */
    public static int computeChecksum(byte[] b, int off, int len, int src, int dst) {
        long s = Checksum.sum(b, off, 16, Checksum.pseudoHeader(src, dst, Ipv4.PROTO_TCP, len));
        return Checksum.finish(Checksum.sum(b, off + 18, len - 18, s));
    }

    /** Offset (from off) of the MSS option's kind byte in a checked header, or -1 if none or garbled. */
    public static int findMssOption(byte[] b, int off) {
        int i = MIN_HEADER_LEN, end = headerLength(b, off);
        while (i < end) {
            int kind = b[off + i] & 0xff;
            if (kind == OPT_EOL) return -1;
            if (kind == OPT_NOP) { i++; continue; }
            if (i + 1 >= end) return -1;
            int olen = b[off + i + 1] & 0xff;
            if (olen < 2 || i + olen > end) return -1;
            if (kind == OPT_MSS) return olen == 4 ? i : -1;
            i += olen;
        }
        return -1;
    }

    /** The MSS option's value in a checked header, or -1. */
    public static int mss(byte[] b, int off) {
        int i = findMssOption(b, off);
        return i < 0 ? -1 : Bytes.u16(b, off + i + 2);
    }

    /**
     * If the IPv4 packet at off carries a TCP SYN whose MSS option exceeds maxMss, lowers it to
     * maxMss and fixes the TCP checksum. Packets that are not checked IPv4/TCP, non-first
     * fragments and segments without an MSS option are left alone. Never throws.
     *
     * @return true when the packet was changed
     */
    public static boolean clampMss(byte[] b, int off, int len, int maxMss) {
        if (Ipv4.check(b, off, len) != PacketError.OK || Ipv4.protocol(b, off) != Ipv4.PROTO_TCP
                || Ipv4.fragmentOffset(b, off) != 0) return false;
        int hl = Ipv4.headerLength(b, off);
        int t = off + hl;
        if (check(b, t, Ipv4.totalLength(b, off) - hl) != PacketError.OK || !isSyn(b, t)) return false;
        int i = findMssOption(b, t);
        if (i < 0 || Bytes.u16(b, t + i + 2) <= maxMss) return false;
        // RFC 1624 works on 16-bit words aligned to the segment start: the value may straddle two.
        int v = t + i + 2;
        int w0 = t + ((v - t) & ~1);
        int w1 = w0 + 2 < t + i + 4 ? w0 + 2 : -1;
        int old0 = Bytes.u16(b, w0), old1 = w1 < 0 ? 0 : Bytes.u16(b, w1);
        Bytes.put16(b, v, maxMss);
        int c = Checksum.adjust(checksum(b, t), old0, Bytes.u16(b, w0));
        if (w1 >= 0) c = Checksum.adjust(c, old1, Bytes.u16(b, w1));
        Bytes.put16(b, t + 16, c);
        return true;
    }
}
