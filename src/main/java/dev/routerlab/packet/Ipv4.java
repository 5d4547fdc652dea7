package dev.routerlab.packet;

import java.util.ArrayList;
import java.util.List;

/** IPv4 header (RFC 791 section 3.1) and fragmentation (RFC 791 section 3.2, RFC 815). */
public final class Ipv4 {
    private Ipv4() {}

    public static final int MIN_HEADER_LEN = 20;
    public static final int MAX_HEADER_LEN = 60;
    public static final int MAX_PACKET_LEN = 65535;
    /** RFC 791: every module must be able to forward a 68-octet datagram without fragmenting it. */
    public static final int MIN_MTU = 68;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_GRE = 47;
    public static final int PROTO_ESP = 50;
    public static final int PROTO_AH = 51;

    /** Bits of the flags/fragment-offset word. */
    public static final int FLAG_DF = 0x4000;
    public static final int FLAG_MF = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;

    /**
     * Validates version, IHL, total length (len may exceed it: link padding), header checksum and
     * that a fragment does not end past 65535. Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < MIN_HEADER_LEN) return PacketError.TRUNCATED;
        if (version(b, off) != 4) return PacketError.BAD_VERSION;
        int hl = headerLength(b, off);
        if (hl < MIN_HEADER_LEN) return PacketError.BAD_HEADER_LENGTH;
        if (hl > len) return PacketError.TRUNCATED;
        int tl = totalLength(b, off);
        if (tl < hl) return PacketError.BAD_LENGTH;
        if (tl > len) return PacketError.TRUNCATED;
        if (hl == MIN_HEADER_LEN ? Checksum.sum20(b, off) != 0xffff : !Checksum.verify(b, off, hl, 0)) return PacketError.BAD_CHECKSUM;
        if (fragmentOffset(b, off) + tl - hl > MAX_PACKET_LEN) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    public static int version(byte[] b, int off) { return (b[off] & 0xff) >>> 4; }

    /** IHL in bytes. */
    public static int headerLength(byte[] b, int off) { return (b[off] & 0x0f) * 4; }

    public static int tos(byte[] b, int off) { return b[off + 1] & 0xff; }

    public static int totalLength(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    public static int identification(byte[] b, int off) { return Bytes.u16(b, off + 4); }

    /** The raw flags + fragment offset word. */
    public static int flagsAndOffset(byte[] b, int off) { return Bytes.u16(b, off + 6); }

    public static boolean dontFragment(byte[] b, int off) { return (flagsAndOffset(b, off) & FLAG_DF) != 0; }

    public static boolean moreFragments(byte[] b, int off) { return (flagsAndOffset(b, off) & FLAG_MF) != 0; }

    /** Fragment offset in bytes (the field counts 8-octet units). */
    public static int fragmentOffset(byte[] b, int off) { return (flagsAndOffset(b, off) & OFFSET_MASK) * 8; }

    /** True for any fragment (MF set or offset non-zero). */
    public static boolean isFragment(byte[] b, int off) { return (flagsAndOffset(b, off) & (FLAG_MF | OFFSET_MASK)) != 0; }

    public static int ttl(byte[] b, int off) { return b[off + 8] & 0xff; }

    public static int protocol(byte[] b, int off) { return b[off + 9] & 0xff; }

    public static int headerChecksum(byte[] b, int off) { return Bytes.u16(b, off + 10); }

    public static int source(byte[] b, int off) { return Bytes.i32(b, off + 12); }

    public static int destination(byte[] b, int off) { return Bytes.i32(b, off + 16); }

    /** Computes the header checksum over IHL bytes (field taken as zero). */
    public static int computeChecksum(byte[] b, int off) {
        int hl = headerLength(b, off);
        // the whole header's sum less the field (one's complement: + its complement)
        if (hl == MIN_HEADER_LEN) return Checksum.finish(Checksum.sum20(b, off) + (0xffff - headerChecksum(b, off)));
        long s = Checksum.sum(b, off, 10, 0);
        return Checksum.finish(Checksum.sum(b, off + 12, hl - 12, s));
    }

    /** Recomputes and stores the header checksum. */
    public static void updateChecksum(byte[] b, int off) { Bytes.put16(b, off + 10, computeChecksum(b, off)); }

    /**
     * Decrements TTL by one and fixes the checksum incrementally (RFC 1624; RFC 1812 5.3.1).
     * @return the new TTL; the caller drops and sends Time Exceeded when it is 0
     */
    public static int decrementTtl(byte[] b, int off) {
        int oldWord = Bytes.u16(b, off + 8);
        int newWord = oldWord - 0x100;
        Bytes.put16(b, off + 8, newWord);
        Bytes.put16(b, off + 10, Checksum.adjust(headerChecksum(b, off), oldWord, newWord));
        return ttl(b, off);
    }

    /** Writes a 20-byte header (no options) with its checksum; returns MIN_HEADER_LEN. */
    public static int writeHeader(byte[] b, int off, int tos, int totalLength, int identification,
                                  int flagsAndOffset, int ttl, int protocol, int src, int dst) {
        b[off] = 0x45;
        b[off + 1] = (byte) tos;
        Bytes.put16(b, off + 2, totalLength);
        Bytes.put16(b, off + 4, identification);
        Bytes.put16(b, off + 6, flagsAndOffset);
        b[off + 8] = (byte) ttl;
        b[off + 9] = (byte) protocol;
        Bytes.put16(b, off + 10, 0);
        Bytes.put32(b, off + 12, src);
        Bytes.put32(b, off + 16, dst);
        updateChecksum(b, off);
        return MIN_HEADER_LEN;
    }

    /** A new datagram: 20-byte header plus a copy of the payload. */
    public static byte[] build(int tos, int identification, boolean dontFragment, int ttl, int protocol,
                               int src, int dst, byte[] payload, int pOff, int pLen) {
        int tl = MIN_HEADER_LEN + pLen;
        if (tl > MAX_PACKET_LEN) throw new IllegalArgumentException("datagram too long: " + tl);
        byte[] p = new byte[tl];
        writeHeader(p, 0, tos, tl, identification, dontFragment ? FLAG_DF : 0, ttl, protocol, src, dst);
        System.arraycopy(payload, pOff, p, MIN_HEADER_LEN, pLen);
        return p;
    }

    /**
     * Splits a checked datagram into fragments of at most mtu bytes (RFC 791 section 3.2 "An
     * Example Fragmentation Procedure"). The first fragment keeps all options; the others only
     * those with the copied flag. A fragment can itself be fragmented further.
     *
     * @return the fragments (a single copy when it already fits), or null when DF is set and it
     *         does not fit: the caller then sends ICMP unreachable code 4 (RFC 1191)
     * @throws IllegalArgumentException when mtu is below {@link #MIN_MTU}
     */
    public static List<byte[]> fragment(byte[] b, int off, int mtu) {
        if (mtu < MIN_MTU) throw new IllegalArgumentException("mtu " + mtu + " < " + MIN_MTU);
        int tl = totalLength(b, off);
        List<byte[]> out = new ArrayList<>();
        if (tl <= mtu) {
            byte[] copy = new byte[tl];
            System.arraycopy(b, off, copy, 0, tl);
            out.add(copy);
            return out;
        }
        if (dontFragment(b, off)) return null;
        int hl = headerLength(b, off);
        byte[] laterOptions = copiedOptions(b, off, hl);
        int baseOffset = fragmentOffset(b, off);
        boolean lastMf = moreFragments(b, off);
        int dataLen = tl - hl;
        int pos = 0;
        while (pos < dataLen) {
            boolean first = pos == 0;
            int fhl = first ? hl : MIN_HEADER_LEN + laterOptions.length;
            int chunk = Math.min(dataLen - pos, (mtu - fhl) & ~7);
            boolean last = pos + chunk == dataLen;
            byte[] f = new byte[fhl + chunk];
            if (first) {
                System.arraycopy(b, off, f, 0, hl);
            } else {
                System.arraycopy(b, off, f, 0, MIN_HEADER_LEN);
                System.arraycopy(laterOptions, 0, f, MIN_HEADER_LEN, laterOptions.length);
                f[0] = (byte) (0x40 | fhl / 4);
            }
            System.arraycopy(b, off + hl + pos, f, fhl, chunk);
            Bytes.put16(f, 2, f.length);
            int fo = (baseOffset + pos) / 8 | (last && !lastMf ? 0 : FLAG_MF);
            Bytes.put16(f, 6, (flagsAndOffset(b, off) & ~(OFFSET_MASK | FLAG_MF)) | fo);
            updateChecksum(f, 0);
            out.add(f);
            pos += chunk;
        }
        return out;
    }

    /** Options with the copied flag set (RFC 791 "Options"), padded with EOL to a 4-byte multiple. */
    static byte[] copiedOptions(byte[] b, int off, int hl) {
        byte[] tmp = new byte[MAX_HEADER_LEN];
        int n = 0;
        int i = off + MIN_HEADER_LEN, end = off + hl;
        while (i < end) {
            int type = b[i] & 0xff;
            if (type == 0) break;                       // end of option list
            if (type == 1) { i++; continue; }           // no-operation
            if (i + 1 >= end) break;
            int olen = b[i + 1] & 0xff;
            if (olen < 2 || i + olen > end) break;      // garbled: copy nothing more
            if ((type & 0x80) != 0) {
                System.arraycopy(b, i, tmp, n, olen);
                n += olen;
            }
            i += olen;
        }
        byte[] r = new byte[(n + 3) & ~3];
        System.arraycopy(tmp, 0, r, 0, n);
        return r;
    }
}
