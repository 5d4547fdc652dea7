package dev.routerlab.packet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * IPv4 reassembly (RFC 791 section 3.2, RFC 815) as a plain data structure: datagrams are keyed by
 * (source, destination, protocol, identification); time is the caller's nanosecond timestamp;
 * no threads, no timers. Not thread-safe: use it from the router's event loop.
 *
 * <p>Defensive policy: overlapping fragments (other than exact duplicates), a non-final fragment
 * whose length is not a multiple of 8, conflicting final fragments, data beyond 65535 bytes or
 * more than maxFragments pieces discard the whole datagram ("couldn't reassemble").
 */
public final class Reassembler {
    private record Key(int src, int dst, int protocol, int id) {}

    private static final class Pending {
        final long createdNanos;
        final List<int[]> ranges = new ArrayList<>();   // {start, end} of each piece
        final List<byte[]> pieces = new ArrayList<>();
        byte[] firstFragment;                            // fragment with offset 0, whole
        int totalDataLength = -1;                        // known once the last fragment arrived
        int received;

        Pending(long createdNanos) { this.createdNanos = createdNanos; }
    }

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final int maxDatagrams;
    private final int maxFragments;
    private final long timeoutNanos;
    private long reassembled, failed, timeouts;

    /**
     * @param maxDatagrams datagrams under reassembly at once; fragments of further ones are dropped
     * @param maxFragments fragments one datagram may have
     * @param timeoutNanos how long a datagram may wait for its missing fragments
     */
    public Reassembler(int maxDatagrams, int maxFragments, long timeoutNanos) {
        if (maxDatagrams < 1 || maxFragments < 2 || timeoutNanos <= 0) throw new IllegalArgumentException();
        this.maxDatagrams = maxDatagrams;
        this.maxFragments = maxFragments;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Takes one received fragment. Never throws.
     *
     * @return the reassembled datagram (new array, fragment fields cleared, checksum fixed) when
     *         this fragment completed it; a trimmed copy when the packet is not a fragment at all;
     *         null when more fragments are needed or the fragment was dropped
     */
    public byte[] offer(byte[] b, int off, int len, long nowNanos) {
        if (Ipv4.check(b, off, len) != PacketError.OK) return null;
        int tl = Ipv4.totalLength(b, off);
        if (!Ipv4.isFragment(b, off)) {
            byte[] copy = new byte[tl];
            System.arraycopy(b, off, copy, 0, tl);
            return copy;
        }
        Key key = new Key(Ipv4.source(b, off), Ipv4.destination(b, off), Ipv4.protocol(b, off), Ipv4.identification(b, off));
        Pending p = pending.get(key);
        if (p != null && nowNanos - p.createdNanos >= timeoutNanos) {
            pending.remove(key);
            timeouts++;
            p = null;
        }
        if (p == null) {
            if (pending.size() >= maxDatagrams) expire(nowNanos, null);
            if (pending.size() >= maxDatagrams) {
                failed++;
                return null;
            }
            p = new Pending(nowNanos);
            pending.put(key, p);
        }
        int hl = Ipv4.headerLength(b, off);
        int start = Ipv4.fragmentOffset(b, off);
        int end = start + tl - hl;
        boolean mf = Ipv4.moreFragments(b, off);
        if (!accept(p, start, end, mf)) {
            pending.remove(key);
            failed++;
            return null;
        }
        if (!mf) p.totalDataLength = end;
        if (end > start && !containsExact(p, start, end)) {   // exact duplicates are ignored
            byte[] data = new byte[end - start];
            System.arraycopy(b, off + hl, data, 0, data.length);
            p.ranges.add(new int[] {start, end});
            p.pieces.add(data);
            p.received += data.length;
        }
        if (start == 0 && p.firstFragment == null) {
            p.firstFragment = new byte[tl];
            System.arraycopy(b, off, p.firstFragment, 0, tl);
        }
        if (p.totalDataLength < 0 || p.received != p.totalDataLength || p.firstFragment == null) return null;
        pending.remove(key);
        if (Ipv4.headerLength(p.firstFragment, 0) + p.totalDataLength > Ipv4.MAX_PACKET_LEN) {
            failed++;
            return null;
        }
        reassembled++;
        return assemble(p);
    }

    private boolean accept(Pending p, int start, int end, boolean mf) {
        if (mf && ((end - start) % 8 != 0 || end == start)) return false;
        if (!mf) {
            if (p.totalDataLength >= 0 && p.totalDataLength != end) return false;
            for (int[] r : p.ranges) if (r[1] > end) return false;
        } else if (p.totalDataLength >= 0 && end > p.totalDataLength) {
            return false;
        }
        if (Ipv4.MIN_HEADER_LEN + end > Ipv4.MAX_PACKET_LEN) return false;
        for (int[] r : p.ranges) {
            boolean exact = r[0] == start && r[1] == end;
            if (!exact && start < r[1] && r[0] < end) return false;
        }
        return containsExact(p, start, end) || p.ranges.size() < maxFragments;
    }

    private static boolean containsExact(Pending p, int start, int end) {
        for (int[] r : p.ranges) if (r[0] == start && r[1] == end) return true;
        return false;
    }

    private static byte[] assemble(Pending p) {
        byte[] first = p.firstFragment;
        int hl = Ipv4.headerLength(first, 0);
        byte[] d = new byte[hl + p.totalDataLength];
        System.arraycopy(first, 0, d, 0, hl);
        for (int i = 0; i < p.pieces.size(); i++) {
            byte[] piece = p.pieces.get(i);
            System.arraycopy(piece, 0, d, hl + p.ranges.get(i)[0], piece.length);
        }
        Bytes.put16(d, 2, d.length);
        Bytes.put16(d, 6, Ipv4.flagsAndOffset(first, 0) & ~0x3fff); // clear MF and offset
        Ipv4.updateChecksum(d, 0);
        return d;
    }

    /**
     * Drops datagrams older than the timeout. For each one whose first fragment had arrived,
     * onTimeout (if not null) gets that fragment so the caller can send ICMP Time Exceeded code 1
     * (RFC 792; RFC 1122 section 3.3.2).
     *
     * @return how many datagrams were dropped
     */
    public int expire(long nowNanos, Consumer<byte[]> onTimeout) {
        int n = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (nowNanos - p.createdNanos < timeoutNanos) break; // insertion order = creation order
            it.remove();
            n++;
            timeouts++;
            if (onTimeout != null && p.firstFragment != null) onTimeout.accept(p.firstFragment);
        }
        return n;
    }

    /** Datagrams waiting for fragments. */
    public int pending() { return pending.size(); }

    /** Datagrams reassembled ("Frags: N reassembled"). */
    public long reassembled() { return reassembled; }

    /** Datagrams given up on timeout ("N timeouts"). */
    public long timeouts() { return timeouts; }

    /** Fragments or datagrams dropped as malformed or over limits ("N couldn't reassemble"). */
    public long failed() { return failed; }
}
