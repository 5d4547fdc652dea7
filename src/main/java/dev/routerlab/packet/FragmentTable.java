package dev.routerlab.packet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reassembly's bookkeeping, the same for IPv4 (RFC 791 §3.2, RFC 815) and IPv6 (RFC 8200 §4.5):
 * packets under reassembly by key, their pieces as ranges of the fragmentable part, exact
 * duplicates ignored, overlaps, conflicting last fragments and too many pieces discarding the
 * packet (RFC 5722 §4), limits, timeouts and the counters `show ip|ipv6 traffic` prints. Time is
 * the caller's nanosecond timestamp; no threads, no timers. Not thread-safe.
 */
final class FragmentTable<K> {
    /** A packet under reassembly. */
    static final class Pending {
        final long createdNanos;
        final List<int[]> ranges = new ArrayList<>();   // {start, end} of each piece
        final List<byte[]> pieces = new ArrayList<>();
        byte[] first;                                    // the offset-0 fragment, whole
        int firstMark;                                   // its header length (IPv4), Fragment header's offset (IPv6)
        int total = -1;                                  // the fragmentable part's length, once the last fragment came
        int received;

        Pending(long createdNanos) { this.createdNanos = createdNanos; }
    }

    private final LinkedHashMap<K, Pending> pending = new LinkedHashMap<>();
    private final int maxPackets;
    private final int maxFragments;
    private final int maxData;
    private final long timeoutNanos;
    private long reassembled, failed, timeouts;

    /**
     * @param maxPackets packets under reassembly at once; fragments of further ones are dropped
     * @param maxFragments fragments one packet may have
     * @param maxData the longest fragmentable part
     * @param timeoutNanos how long a packet may wait for its missing fragments
     */
    FragmentTable(int maxPackets, int maxFragments, int maxData, long timeoutNanos) {
        if (maxPackets < 1 || maxFragments < 2 || timeoutNanos <= 0) throw new IllegalArgumentException();
        this.maxPackets = maxPackets;
        this.maxFragments = maxFragments;
        this.maxData = maxData;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Takes the fragment {@code b[off, end)} of key's packet, its data at {@code dataAt} being
     * {@code [start, stop)} of the fragmentable part ({@code more}: M set); {@code mark} (from off)
     * is kept with the first fragment.
     *
     * @return the packet's entry, out of the table, when this fragment completed it; null when
     *         more fragments are needed or the fragment was dropped (counted)
     */
    Pending add(K key, byte[] b, int off, int end, int mark, int dataAt, int start, int stop, boolean more, long nowNanos) {
        Pending p = pending.get(key);
        if (p != null && nowNanos - p.createdNanos >= timeoutNanos) {
            pending.remove(key);
            timeouts++;
            p = null;
        }
        if (p == null) {
            if (pending.size() >= maxPackets) expire(nowNanos, null);
            if (pending.size() >= maxPackets) {
                failed++;
                return null;
            }
            p = new Pending(nowNanos);
            pending.put(key, p);
        }
        if (!accept(p, start, stop, more)) {
            pending.remove(key);
            failed++;
            return null;
        }
        if (!more) p.total = stop;
        if (stop > start && !containsExact(p, start, stop)) {    // exact duplicates are ignored
            p.ranges.add(new int[] {start, stop});
            p.pieces.add(slice(b, dataAt, stop - start));
            p.received += stop - start;
        }
        if (start == 0 && p.first == null) {
            p.first = slice(b, off, end - off);
            p.firstMark = mark;
        }
        if (p.total < 0 || p.received != p.total || p.first == null) return null;
        pending.remove(key);
        return p;
    }

    private boolean accept(Pending p, int start, int stop, boolean more) {
        if (more && ((stop - start) % 8 != 0 || stop == start)) return false;
        if (!more) {
            if (p.total >= 0 && p.total != stop) return false;
            for (int[] r : p.ranges) if (r[1] > stop) return false;
        } else if (p.total >= 0 && stop > p.total) {
            return false;
        }
        if (stop > maxData) return false;
        for (int[] r : p.ranges) {
            boolean exact = r[0] == start && r[1] == stop;
            if (!exact && start < r[1] && r[0] < stop) return false;    // RFC 5722 §4: overlaps drop the packet
        }
        return containsExact(p, start, stop) || p.ranges.size() < maxFragments;
    }

    private static boolean containsExact(Pending p, int start, int stop) {
        for (int[] r : p.ranges) if (r[0] == start && r[1] == stop) return true;
        return false;
    }

    /** Its pieces at {@code at} in {@code d}, each at its offset. */
    static void copyPieces(Pending p, byte[] d, int at) {
        for (int i = 0; i < p.pieces.size(); i++) {
            byte[] piece = p.pieces.get(i);
            System.arraycopy(piece, 0, d, at + p.ranges.get(i)[0], piece.length);
        }
    }

    static byte[] slice(byte[] b, int at, int len) {
        byte[] d = new byte[len];
        System.arraycopy(b, at, d, 0, len);
        return d;
    }

    /**
     * Drops packets older than the timeout; for each whose first fragment had arrived, onTimeout
     * (if not null) gets that fragment, for an ICMP Time Exceeded code 1.
     *
     * @return how many packets were dropped
     */
    int expire(long nowNanos, Consumer<byte[]> onTimeout) {
        int n = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (nowNanos - p.createdNanos < timeoutNanos) break;    // insertion order = creation order
            it.remove();
            n++;
            timeouts++;
            if (onTimeout != null && p.first != null) onTimeout.accept(p.first);
        }
        return n;
    }

    /** Discards key's packet, counted as a failure whether or not pieces of it were waiting. */
    void discard(K key) {
        pending.remove(key);
        failed++;
    }

    void countReassembled() { reassembled++; }

    void countFailed() { failed++; }

    void clear() { pending.clear(); }

    int pending() { return pending.size(); }

    long reassembled() { return reassembled; }

    long timeouts() { return timeouts; }

    long failed() { return failed; }
}
