package dev.routerlab.nhrp;

/**
 * Remembers when a Traffic Indication was last sent for a (source, destination) pair, so that a
 * hairpinning flow is redirected once per hold interval rather than per packet (IOS counts the
 * others as "Redirect Suppress"). A direct-mapped table: no allocation per packet; a collision
 * only costs an extra indication.
 */
final class RedirectLimiter {
    private static final int SLOTS = 1024;
    private final long[] keys = new long[SLOTS];
    private final long[] times = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    /** True (and remembers now) when no indication was sent for src-dst within holdNanos. */
    boolean allow(int src, int dst, long now, long holdNanos) {
        long k = (src & 0xffffffffL) << 32 | (dst & 0xffffffffL);
        long h = k * 0x9E3779B97F4A7C15L;
        int i = (int) (h >>> 54) & (SLOTS - 1);
        if (used[i] && keys[i] == k && now - times[i] < holdNanos) return false;
        used[i] = true;
        keys[i] = k;
        times[i] = now;
        return true;
    }

    void clear() { java.util.Arrays.fill(used, false); }
}
