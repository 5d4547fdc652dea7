package dev.routerlab.lab;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded queue that any thread may add to and one thread at a time takes from (a router's
 * turn): an array ring with a sequence number per slot (D. Vyukov's bounded MPMC queue), so an
 * offer allocates nothing and a full queue refuses rather than grows. The caller counts what is
 * refused.
 */
final class Inbox<T> {
    private final int mask;
    private final AtomicReferenceArray<T> items;
    private final AtomicLongArray seqs;
    private final AtomicLong tail = new AtomicLong();   // next slot to fill
    private final AtomicLong head = new AtomicLong();   // next slot to take

    /** @param capacity a power of two */
    Inbox(int capacity) {
        if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity " + capacity);
        mask = capacity - 1;
        items = new AtomicReferenceArray<>(capacity);
        seqs = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) seqs.set(i, i);
    }

    int capacity() { return mask + 1; }

    /** Adds x; false when the queue is full. */
    boolean offer(T x) {
        long t = tail.get();
        while (true) {
            int i = (int) (t & mask);
            long s = seqs.get(i);
            long d = s - t;
            if (d == 0) {
                if (tail.compareAndSet(t, t + 1)) {
                    items.lazySet(i, x);
                    seqs.set(i, t + 1);   // publishes the item to the taker
                    return true;
                }
                t = tail.get();
            } else if (d < 0) {
                return false;             // full: the slot still holds an item one lap behind
            } else {
                t = tail.get();
            }
        }
    }

    /** Takes the oldest item, or null when none is ready. */
    T poll() {
        long h = head.get();
        while (true) {
            int i = (int) (h & mask);
            long s = seqs.get(i);
            long d = s - (h + 1);
            if (d == 0) {
                if (head.compareAndSet(h, h + 1)) {
                    T x = items.get(i);
                    items.lazySet(i, null);
                    seqs.set(i, h + mask + 1);   // the slot is free for the next lap
                    return x;
                }
                h = head.get();
            } else if (d < 0) {
                return null;
            } else {
                h = head.get();
            }
        }
    }

    boolean isEmpty() {
        long h = head.get();
        return seqs.get((int) (h & mask)) - (h + 1) < 0;
    }

    int size() { return (int) Math.max(0, tail.get() - head.get()); }
}
