package dev.routerlab.ipv6;

import dev.routerlab.packet.Ipv6Address;

import java.util.random.RandomGenerator;

/**
 * The Fragment header's Identification of the packets one router fragments (RFC 8200 §4.5),
 * chosen by RFC 7739 §5.4's double-hash algorithm rather than a counter of the router's, which would
 * let anyone who sees one value predict the next and count what the router sends to others
 * (RFC 7739 §3):
 * <pre>
 *   offset = F(src, dst, secret1); index = G(src, dst, secret2) mod TABLE
 *   id = offset + ++table[index]
 * </pre>
 * F and G are SipHash-2-4 under 128-bit secrets; the table's counters start at random values.
 * Packets to one destination get Identifications that follow each other (distinct while their
 * fragments may be in flight); those to different destinations say nothing of each other.
 *
 * <p>The secrets and the table come from the router's injected random source the first time it
 * fragments (SecureRandom live; the seeded generator of a replay or a virtual-time lab, so the
 * same script gives the same bytes), so a router that never fragments draws nothing from it; a
 * reload draws them again. Per router, scheduler thread only.
 */
final class FragmentIds {
    /** Counters shared by the destinations whose G falls in the same bucket. */
    static final int TABLE = 1024;

    private final RandomGenerator random;
    private long f0, f1, g0, g1;
    /** Null until the first fragmented packet (or after {@link #reset}). */
    private int[] table;

    FragmentIds(RandomGenerator random) { this.random = random; }

    /** The Identification of the next packet from src to dst that leaves in fragments. */
    int next(Ipv6Address src, Ipv6Address dst) {
        if (table == null) start();
        int index = (int) Long.remainderUnsigned(sipHash(g0, g1, src, dst), TABLE);
        return (int) sipHash(f0, f1, src, dst) + ++table[index];
    }

    /** A reload: new secrets and counters at the next fragmented packet. */
    void reset() { table = null; }

    private void start() {
        f0 = random.nextLong();
        f1 = random.nextLong();
        g0 = random.nextLong();
        g1 = random.nextLong();
        int[] t = new int[TABLE];
        for (int i = 0; i < TABLE; i++) t[i] = random.nextInt();
        table = t;
    }

    /**
     * SipHash-2-4 (Aumasson and Bernstein, 2012) under the key (k0, k1) of the 32-byte message
     * whose little-endian 64-bit words are src.hi, src.lo, dst.hi, dst.lo.
     */
    static long sipHash(long k0, long k1, Ipv6Address src, Ipv6Address dst) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
        compress(v, src.hi());
        compress(v, src.lo());
        compress(v, dst.hi());
        compress(v, dst.lo());
        compress(v, 32L << 56);                   // the length byte, no bytes left over
        v[2] ^= 0xff;
        for (int i = 0; i < 4; i++) round(v);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }
}
