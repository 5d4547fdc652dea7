package dev.routerlab.packet;

/**
 * The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words;
 * incremental update per RFC 1624.
 */
public final class Checksum {
    private Checksum() {}

    private static final java.lang.invoke.VarHandle LE32 =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Adds the bytes to a running (unfolded) sum. An odd trailing byte is padded with zero, so
     * only the last segment of a multi-segment sum may have odd length.
     */
    public static long sum(byte[] b, int off, int len, long acc) {
        // a payload 16 bytes a step (sum16); a header (an IPv4 header's two parts, a pseudo-header's
        // addresses) four bytes a step: the short sums in a packet's path ran 1.5 × slower through
        // sum16's loop (VirtioNet.segment, JDK 17)
        int n = len >= 64 ? len & ~15 : 0;
        if (n > 0) acc += sum16(b, off, n);
        int end = off + len;
        int i = off + n;
        for (; i + 3 < end; i += 4) acc += (b[i] & 0xffL) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        for (; i + 1 < end; i += 2) acc += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
        if (i < end) acc += (b[i] & 0xff) << 8;
        return acc;
    }

    /**
     * The folded sum of n bytes (a multiple of 16), 16 a step as four 32-bit words read in the
     * machine's (little-endian) order, in four sums a CPU adds side by side: a 32-bit word is the sum
     * of its two 16-bit halves (RFC 1071 §2(B)) and a sum of byte-swapped words is the byte-swapped
     * sum (§2(B), byte order independence), so the folded little-endian sum, swapped, is the
     * network-order sum, zero only when every byte is. Each sum grows by < 2^32 a step: no overflow
     * below 2^30 bytes.
     */
    private static long sum16(byte[] b, int off, int n) {
        long a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (int i = off, end = off + n; i < end; i += 16) {
            a0 += (int) LE32.get(b, i) & 0xffffffffL;
            a1 += (int) LE32.get(b, i + 4) & 0xffffffffL;
            a2 += (int) LE32.get(b, i + 8) & 0xffffffffL;
            a3 += (int) LE32.get(b, i + 12) & 0xffffffffL;
        }
        long s = a0 + a1 + a2 + a3;
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (s & 0xff) << 8 | s >>> 8;
    }

    /**
     * The sum of the 20 bytes at off (an IPv4 header without options), folded to 16 bits: what
     * {@link #sum} gives for them once folded, zero only when all are. Five 32-bit words in the
     * machine's order, swapped as in {@link #sum16}; no loop: 4 ns against 10 on JDK 17.
     */
    public static int sum20(byte[] b, int off) {
        long s = ((int) LE32.get(b, off) & 0xffffffffL) + ((int) LE32.get(b, off + 4) & 0xffffffffL)
            + ((int) LE32.get(b, off + 8) & 0xffffffffL) + ((int) LE32.get(b, off + 12) & 0xffffffffL)
            + ((int) LE32.get(b, off + 16) & 0xffffffffL);
        s = (s & 0xffff) + (s >>> 16);   // < 2^35 before: three folds leave 16 bits
        s = (s & 0xffff) + (s >>> 16);
        s = (s & 0xffff) + (s >>> 16);
        return (int) ((s & 0xff) << 8 | s >>> 8);
    }

    /** Folds the carries of a running sum and complements it: the value to put in the field. */
    public static int finish(long acc) {
        while ((acc >>> 16) != 0) acc = (acc & 0xffff) + (acc >>> 16);
        return (int) (~acc & 0xffff);
    }

    /** Checksum of one buffer. */
    public static int compute(byte[] b, int off, int len) { return finish(sum(b, off, len, 0)); }

    /** True when bytes that include their checksum field sum to all ones (RFC 1071 section 1). */
    public static boolean verify(byte[] b, int off, int len, long acc) { return finish(sum(b, off, len, acc)) == 0; }

    /** Sum of the IPv4 pseudo-header used by UDP (RFC 768) and TCP (RFC 793 section 3.1). */
    public static long pseudoHeader(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + (protocol & 0xff) + (length & 0xffff);
    }

    /** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') after one 16-bit word changed from m to m'. */
    public static int adjust(int oldChecksum, int oldWord, int newWord) {
        int s = (~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        s = (s & 0xffff) + (s >>> 16);
        s = (s & 0xffff) + (s >>> 16);
        return ~s & 0xffff;
    }
}
