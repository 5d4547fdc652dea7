package dev.routerlab.packet.ospf;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;

import java.util.ArrayList;
import java.util.List;

/**
 * OSPFv2 link state advertisements (RFC 2328 A.4): the 20-byte LSA header (A.4.1) with the
 * Fletcher checksum (12.1.7, RFC 905 annex B), and the bodies of router (A.4.2), network
 * (A.4.3), summary (A.4.4) and AS-external (A.4.5) LSAs. {@link #check} never throws; the
 * parsers ({@code header}, {@code router}, ...) are for bytes that passed it.
 */
public final class Lsa {
    private Lsa() {}

    public static final int HEADER_LEN = 20;
    /** Largest LSA this codec accepts (the length field is 16 bits). */
    public static final int MAX_LEN = 0xffff;

    public static final int ROUTER = 1;
    public static final int NETWORK = 2;
    public static final int SUMMARY_NETWORK = 3;
    public static final int SUMMARY_ASBR = 4;
    public static final int AS_EXTERNAL = 5;
    /** NSSA-LSA (RFC 3101 2.2): an AS-external-LSA with area flooding scope. */
    public static final int NSSA_EXTERNAL = 7;

    /** Architectural constants (RFC 2328 appendix B), seconds. */
    public static final int MAX_AGE = 3600;
    public static final int LS_REFRESH_TIME = 1800;
    public static final int MAX_AGE_DIFF = 900;
    public static final int LS_INFINITY = 0xffffff;
    public static final int INITIAL_SEQUENCE = 0x80000001;
    public static final int MAX_SEQUENCE = 0x7fffffff;

    /** Router-LSA flags (A.4.2). */
    public static final int FLAG_B = 0x01;
    public static final int FLAG_E = 0x02;
    public static final int FLAG_V = 0x04;

    /** Router-LSA link types (A.4.2). */
    public static final int LINK_P2P = 1;
    public static final int LINK_TRANSIT = 2;
    public static final int LINK_STUB = 3;
    public static final int LINK_VIRTUAL = 4;

    // A.4.1 header field offsets
    static final int O_AGE = 0, O_OPTIONS = 2, O_TYPE = 3, O_LSID = 4, O_ADV = 8, O_SEQ = 12, O_CHECKSUM = 16,
            O_LENGTH = 18;

    /** A parsed LSA header (A.4.1). lsid and advRouter are IPv4 values as int. */
    public record Header(int age, int options, int type, int lsid, int advRouter, int seq, int checksum, int length) {
        public static Header read(byte[] b, int off) {
            return new Header(Bytes.u16(b, off + O_AGE), Bytes.u8(b, off + O_OPTIONS), Bytes.u8(b, off + O_TYPE),
                    Bytes.i32(b, off + O_LSID), Bytes.i32(b, off + O_ADV), Bytes.i32(b, off + O_SEQ),
                    Bytes.u16(b, off + O_CHECKSUM), Bytes.u16(b, off + O_LENGTH));
        }

        public void write(byte[] b, int off) {
            Bytes.put16(b, off + O_AGE, age);
            Bytes.put8(b, off + O_OPTIONS, options);
            Bytes.put8(b, off + O_TYPE, type);
            Bytes.put32(b, off + O_LSID, lsid);
            Bytes.put32(b, off + O_ADV, advRouter);
            Bytes.put32(b, off + O_SEQ, seq);
            Bytes.put16(b, off + O_CHECKSUM, checksum);
            Bytes.put16(b, off + O_LENGTH, length);
        }
    }

    /** One router-LSA link (A.4.2); TOS metrics other than 0 are read past and not kept. */
    public record RouterLink(int linkId, int linkData, int type, int metric) {}

    public record RouterBody(int flags, List<RouterLink> links) {}

    public record NetworkBody(int mask, int[] attachedRouters) {}

    /** Summary-LSA (types 3 and 4, A.4.4), TOS 0 metric. */
    public record SummaryBody(int mask, int metric) {}

    /** AS-external-LSA (A.4.5), TOS 0: E bit set = type 2 metric. */
    public record ExternalBody(int mask, boolean type2, int metric, int forwardingAddress, int routeTag) {}

    /**
     * OK when an LSA of len bytes (at least the length its header claims) starts at off: known
     * type (1-5, 7), length field at least the header and within len, a body of the size its type
     * needs, and a verifying Fletcher checksum. Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        int l = Bytes.u16(b, off + O_LENGTH);
        if (l < HEADER_LEN || (l & 3) != 0) return PacketError.BAD_LENGTH;
        if (l > len) return PacketError.TRUNCATED;
        int type = Bytes.u8(b, off + O_TYPE);
        if ((type < ROUTER || type > AS_EXTERNAL) && type != NSSA_EXTERNAL) return PacketError.UNSUPPORTED;
        if (!checksumOk(b, off, l)) return PacketError.BAD_CHECKSUM;
        int body = off + HEADER_LEN, end = off + l;
        switch (type) {
            case ROUTER -> {
                if (l < HEADER_LEN + 4) return PacketError.TRUNCATED;
                int n = Bytes.u16(b, body + 2);
                int p = body + 4;
                for (int i = 0; i < n; i++) {
                    if (p + 12 > end) return PacketError.TRUNCATED;
                    int tos = Bytes.u8(b, p + 9);
                    p += 12 + 4 * tos;
                }
                if (p > end) return PacketError.TRUNCATED;
            }
            case NETWORK -> {
                if (l < HEADER_LEN + 8) return PacketError.TRUNCATED;
            }
            case SUMMARY_NETWORK, SUMMARY_ASBR -> {
                if (l < HEADER_LEN + 8) return PacketError.TRUNCATED;
            }
            default -> {
                if (l < HEADER_LEN + 16) return PacketError.TRUNCATED;
            }
        }
        return PacketError.OK;
    }

    // ------------------------------------------------------------------ accessors (checked bytes)

    public static int age(byte[] b, int off) { return Bytes.u16(b, off + O_AGE); }

    public static int type(byte[] b, int off) { return Bytes.u8(b, off + O_TYPE); }

    public static int lsid(byte[] b, int off) { return Bytes.i32(b, off + O_LSID); }

    public static int advRouter(byte[] b, int off) { return Bytes.i32(b, off + O_ADV); }

    public static int seq(byte[] b, int off) { return Bytes.i32(b, off + O_SEQ); }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + O_CHECKSUM); }

    public static int length(byte[] b, int off) { return Bytes.u16(b, off + O_LENGTH); }

    /** Sets LS age; age is outside the checksum (12.1.7), so nothing else changes. */
    public static void setAge(byte[] b, int off, int age) { Bytes.put16(b, off + O_AGE, age); }

    public static RouterBody router(byte[] b, int off) {
        int body = off + HEADER_LEN;
        int flags = Bytes.u8(b, body);
        int n = Bytes.u16(b, body + 2);
        List<RouterLink> links = new ArrayList<>(n);
        int p = body + 4;
        for (int i = 0; i < n; i++) {
            links.add(new RouterLink(Bytes.i32(b, p), Bytes.i32(b, p + 4), Bytes.u8(b, p + 8), Bytes.u16(b, p + 10)));
            p += 12 + 4 * Bytes.u8(b, p + 9);
        }
        return new RouterBody(flags, links);
    }

    public static NetworkBody network(byte[] b, int off) {
        int l = length(b, off);
        int n = (l - HEADER_LEN - 4) / 4;
        int[] att = new int[n];
        for (int i = 0; i < n; i++) att[i] = Bytes.i32(b, off + HEADER_LEN + 4 + 4 * i);
        return new NetworkBody(Bytes.i32(b, off + HEADER_LEN), att);
    }

    public static SummaryBody summary(byte[] b, int off) {
        return new SummaryBody(Bytes.i32(b, off + HEADER_LEN), Bytes.i32(b, off + HEADER_LEN + 4) & 0xffffff);
    }

    public static ExternalBody external(byte[] b, int off) {
        int p = off + HEADER_LEN;
        int em = Bytes.i32(b, p + 4);
        return new ExternalBody(Bytes.i32(b, p), (em & 0x80000000) != 0, em & 0xffffff, Bytes.i32(b, p + 8),
                Bytes.i32(b, p + 12));
    }

    // ------------------------------------------------------------------ builders

    /** A router-LSA (A.4.2) with checksum. */
    public static byte[] buildRouter(int age, int options, int lsid, int advRouter, int seq, int flags,
                                     List<RouterLink> links) {
        int l = HEADER_LEN + 4 + 12 * links.size();
        byte[] b = new byte[l];
        writeHeader(b, age, options, ROUTER, lsid, advRouter, seq, l);
        Bytes.put8(b, HEADER_LEN, flags);
        Bytes.put16(b, HEADER_LEN + 2, links.size());
        int p = HEADER_LEN + 4;
        for (RouterLink k : links) {
            Bytes.put32(b, p, k.linkId());
            Bytes.put32(b, p + 4, k.linkData());
            Bytes.put8(b, p + 8, k.type());
            Bytes.put8(b, p + 9, 0);
            Bytes.put16(b, p + 10, k.metric());
            p += 12;
        }
        return finish(b);
    }

    /** A network-LSA (A.4.3) with checksum. */
    public static byte[] buildNetwork(int age, int options, int lsid, int advRouter, int seq, int mask, int[] attached) {
        int l = HEADER_LEN + 4 + 4 * attached.length;
        byte[] b = new byte[l];
        writeHeader(b, age, options, NETWORK, lsid, advRouter, seq, l);
        Bytes.put32(b, HEADER_LEN, mask);
        for (int i = 0; i < attached.length; i++) Bytes.put32(b, HEADER_LEN + 4 + 4 * i, attached[i]);
        return finish(b);
    }

    /** A summary-LSA (A.4.4), type 3 or 4, with checksum. */
    public static byte[] buildSummary(int type, int age, int options, int lsid, int advRouter, int seq, int mask,
                                      int metric) {
        if (type != SUMMARY_NETWORK && type != SUMMARY_ASBR) throw new IllegalArgumentException("type " + type);
        byte[] b = new byte[HEADER_LEN + 8];
        writeHeader(b, age, options, type, lsid, advRouter, seq, b.length);
        Bytes.put32(b, HEADER_LEN, mask);
        Bytes.put32(b, HEADER_LEN + 4, metric & 0xffffff);
        return finish(b);
    }

    /** An AS-external-LSA (A.4.5) with checksum. */
    public static byte[] buildExternal(int age, int options, int lsid, int advRouter, int seq, int mask,
                                       boolean type2, int metric, int forwardingAddress, int routeTag) {
        return buildExternal(AS_EXTERNAL, age, options, lsid, advRouter, seq, mask, type2, metric, forwardingAddress, routeTag);
    }

    /** An AS-external-LSA (type 5) or NSSA-LSA (type 7, RFC 3101 2.2: the same body) with checksum. */
    public static byte[] buildExternal(int type, int age, int options, int lsid, int advRouter, int seq, int mask,
                                       boolean type2, int metric, int forwardingAddress, int routeTag) {
        if (type != AS_EXTERNAL && type != NSSA_EXTERNAL) throw new IllegalArgumentException("type " + type);
        byte[] b = new byte[HEADER_LEN + 16];
        writeHeader(b, age, options, type, lsid, advRouter, seq, b.length);
        Bytes.put32(b, HEADER_LEN, mask);
        Bytes.put32(b, HEADER_LEN + 4, (type2 ? 0x80000000 : 0) | (metric & 0xffffff));
        Bytes.put32(b, HEADER_LEN + 8, forwardingAddress);
        Bytes.put32(b, HEADER_LEN + 12, routeTag);
        return finish(b);
    }

    private static void writeHeader(byte[] b, int age, int options, int type, int lsid, int adv, int seq, int len) {
        new Header(age, options, type, lsid, adv, seq, 0, len).write(b, 0);
    }

    /** Computes and stores the checksum of a whole LSA in b; returns b. */
    public static byte[] finish(byte[] b) {
        setChecksum(b, 0, length(b, 0));
        return b;
    }

    // ------------------------------------------------------------------ Fletcher checksum (12.1.7)

    /**
     * Fletcher checksum of the LSA at off (len bytes) over everything but LS age, with the
     * checksum field taken as zero, placed so that the sums verify (RFC 905 annex B.2). Stores it
     * and returns it.
     */
    public static int setChecksum(byte[] b, int off, int len) {
        Bytes.put16(b, off + O_CHECKSUM, 0);
        int start = off + O_OPTIONS, n = len - O_OPTIONS;
        long c0 = 0, c1 = 0;
        for (int i = 0; i < n; i++) {
            c0 = (c0 + (b[start + i] & 0xff)) % 255;
            c1 = (c1 + c0) % 255;
        }
        int pos = O_CHECKSUM - O_OPTIONS; // checksum offset inside the checksummed range
        long x = ((long) (n - pos - 1) * c0 - c1) % 255;
        if (x <= 0) x += 255;
        long y = 510 - c0 - x;
        if (y > 255) y -= 255;
        int sum = (int) (x << 8 | y);
        Bytes.put16(b, off + O_CHECKSUM, sum);
        return sum;
    }

    /** True when the Fletcher sums over the LSA (age excluded) are both zero mod 255 and the field is non-zero. */
    public static boolean checksumOk(byte[] b, int off, int len) {
        if (Bytes.u16(b, off + O_CHECKSUM) == 0) return false;
        long c0 = 0, c1 = 0;
        for (int i = off + O_OPTIONS; i < off + len; i++) {
            c0 = (c0 + (b[i] & 0xff)) % 255;
            c1 = (c1 + c0) % 255;
        }
        return c0 == 0 && c1 == 0;
    }

    /**
     * RFC 2328 13.1: which instance is more recent? Positive when a is newer than b, negative when
     * older, 0 when they are the same instance. Ages are the current ages (seconds).
     */
    public static int compare(int seqA, int checksumA, int ageA, int seqB, int checksumB, int ageB) {
        if (seqA != seqB) return seqA > seqB ? 1 : -1; // signed 32-bit, 12.1.6
        if (checksumA != checksumB) return checksumA > checksumB ? 1 : -1;
        boolean maxA = ageA >= MAX_AGE, maxB = ageB >= MAX_AGE;
        if (maxA != maxB) return maxA ? 1 : -1;
        if (Math.abs(ageA - ageB) > MAX_AGE_DIFF) return ageA < ageB ? 1 : -1;
        return 0;
    }
}
