package dev.routerlab.link;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The frames one wire direction hands a router that runs on a thread of its own: a bounded queue
 * with one sender (the far router's turn) and one taker (this router's turn), so that a frame
 * costs no task object. Frames sit in chunks of {@link #CHUNK} slots, linked as the sender fills
 * them; the taker gives an emptied chunk back for reuse, so that an idle wire holds one chunk and
 * a busy one allocates nothing in the steady state. A full queue refuses; the caller counts it.
 */
final class FrameQueue {
    static final int CHUNK = 256;

    private static final class Chunk {
        /** A slot is full when its array is set (the store that publishes offset and length). */
        final AtomicReferenceArray<byte[]> data = new AtomicReferenceArray<>(CHUNK);
        final long[] offLen = new long[CHUNK];
        volatile Chunk next;
    }

    private final int capacity;
    /** Frames taken so far (written by the taker, read by the sender for the bound). */
    private final AtomicLong taken = new AtomicLong();
    /** An emptied chunk for the sender to reuse. */
    private final AtomicReference<Chunk> spare = new AtomicReference<>();
    // the sender's side
    private Chunk tail;
    private int tailAt;
    private long offered;
    private long limit;   // offered may reach this before the sender looks at taken again (another core's line)
    // the taker's side
    private Chunk head;
    private int headAt;
    // what take() returns besides the array
    private int off, len;

    FrameQueue(int capacity) {
        this.capacity = capacity;
        tail = head = new Chunk();
    }

    /** Sender: adds a frame; false when capacity frames wait already. */
    boolean offer(byte[] b, int o, int l) {
        if (offered == limit) {
            limit = taken.get() + capacity;
            if (offered == limit) return false;
        }
        if (tailAt == CHUNK) {
            Chunk c = spare.getAndSet(null);
            if (c == null) c = new Chunk();
            tail.next = c;
            tail = c;
            tailAt = 0;
        }
        tail.offLen[tailAt] = (long) o << 32 | (l & 0xffffffffL);
        tail.data.set(tailAt++, b);   // volatile: ordered before the sender's next look at whether a drain is pending
        offered++;
        return true;
    }

    /** Taker: the oldest frame's array ({@link #off} and {@link #len} say where), or null when none waits. */
    byte[] take() {
        if (headAt == CHUNK) {
            Chunk n = head.next;
            if (n == null) return null;
            Chunk done = head;
            done.next = null;
            head = n;
            headAt = 0;
            spare.lazySet(done);
        }
        byte[] b = head.data.get(headAt);
        if (b == null) return null;
        head.data.lazySet(headAt, null);
        long ol = head.offLen[headAt++];
        off = (int) (ol >>> 32);
        len = (int) ol;
        taken.lazySet(taken.get() + 1);
        return b;
    }

    int off() { return off; }

    int len() { return len; }

    /** Taker: whether a frame waits (a volatile read: ordered after the taker's release of its drain). */
    boolean isEmpty() {
        if (headAt == CHUNK) {
            Chunk n = head.next;
            return n == null || n.data.get(0) == null;
        }
        return head.data.get(headAt) == null;
    }
}
