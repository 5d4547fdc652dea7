package dev.routerlab.esp;

/**
 * ESP anti-replay window (RFC 4303 §3.4.3), kept as a ring of 64-bit blocks (RFC 6479) so that
 * sliding costs one store per 64 sequence numbers whatever the window size.
 *
 * <p>{@link #check} runs before the ICV is verified and {@link #update} only after it passed, as
 * §3.4.3 requires. Not thread-safe: an SA lives on one event loop.
 */
public final class ReplayWindow {
    /** IOS and RFC 4303 default. */
    public static final int DEFAULT_SIZE = 64;
    /** Largest window accepted (IOS offers up to 1024; we allow more). */
    public static final int MAX_SIZE = 1 << 16;

    private final int size;
    private final long[] blocks;
    private final int mask;
    private long top; // highest sequence number accepted so far, 0 = none

    /** @param size window size in packets, 1..{@link #MAX_SIZE} */
    public ReplayWindow(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window size " + size);
        }
        this.size = size;
        int needed = (size + 63) / 64 + 1; // the window can straddle one extra block
        int n = Integer.highestOneBit(needed);
        if (n < needed) {
            n <<= 1;
        }
        this.blocks = new long[n];
        this.mask = n - 1;
    }

    public int size() { return size; }

    /** Highest sequence number accepted so far (0 before the first). */
    public long highest() { return top; }

    /** True if {@code seq} is new and inside (or right of) the window; does not change state. */
    public boolean check(long seq) {
        if (seq == 0) {
            return false; // the first packet sent is 1 (§3.3.3)
        }
        if (seq > top) {
            return true;
        }
        if (top - seq >= size) {
            return false;
        }
        return (blocks[blockIndex(seq)] & bit(seq)) == 0;
    }

    /** Records {@code seq} as received, sliding the window if it is the new highest. */
    public void update(long seq) {
        if (seq > top) {
            long oldBlock = top >>> 6;
            long newBlock = seq >>> 6;
            long diff = newBlock - oldBlock;
            if (diff > mask) {
                java.util.Arrays.fill(blocks, 0L);
            } else {
                for (long b = oldBlock + 1; b <= newBlock; b++) {
                    blocks[(int) (b & mask)] = 0L;
                }
            }
            top = seq;
        }
        blocks[blockIndex(seq)] |= bit(seq);
    }

    private int blockIndex(long seq) {
        return (int) ((seq >>> 6) & mask);
    }

    private static long bit(long seq) {
        return 1L << (seq & 63);
    }

    @Override
    public String toString() {
        return "ReplayWindow[size=" + size + ", highest=" + top + "]";
    }
}
