package dev.routerlab.packet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * IPv6 reassembly (RFC 8200 §4.5) as a plain data structure: fragments keyed by source,
 * destination and Identification; time is the caller's nanosecond timestamp; no threads, no
 * timers. Not thread-safe: use it from the router's event loop.
 *
 * <p>An atomic fragment (offset 0, M clear) is reassembled alone (RFC 6946 §4). Overlapping
 * fragments other than exact duplicates discard the whole packet silently (RFC 5722 §4), as do
 * more than maxFragments pieces or a second, different last fragment. The two errors RFC 8200
 * answers with a Parameter Problem are {@link #problem}'s to find, before a fragment is offered.
 */
public final class Ipv6Reassembler {
    private record Key(Ipv6Address src, Ipv6Address dst, int id) {}

    private static final class Pending {
        final long createdNanos;
        final List<int[]> ranges = new ArrayList<>();   // {start, end} of each piece
        final List<byte[]> pieces = new ArrayList<>();
        byte[] first;                                    // the offset-0 fragment, whole
        int firstFh;                                     // its Fragment header's offset in first
        int total = -1;                                  // the fragmentable part's length, once the last fragment came
        int received;

        Pending(long createdNanos) { this.createdNanos = createdNanos; }
    }

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final int maxPackets;
    private final int maxFragments;
    private final long timeoutNanos;
    private long reassembled, failed, timeouts;

    /**
     * @param maxPackets packets under reassembly at once; fragments of further ones are dropped
     * @param maxFragments fragments one packet may have
     * @param timeoutNanos how long a packet may wait for its missing fragments (RFC 8200: 60 s)
     */
    public Ipv6Reassembler(int maxPackets, int maxFragments, long timeoutNanos) {
        if (maxPackets < 1 || maxFragments < 2 || timeoutNanos <= 0) throw new IllegalArgumentException();
        this.maxPackets = maxPackets;
        this.maxFragments = maxFragments;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * RFC 8200 §4.5's Parameter Problem (code 0) for a fragment of a checked packet whose
     * Fragment header is at fh: the pointer (from the IPv6 header) to the Payload Length when M is
     * set and the fragment's data is not a multiple of 8 octets, to the Fragment Offset when the
     * data would end past 65535 octets; -1 when the fragment may be offered.
     */
    public static int problem(byte[] b, int off, int fh) {
        int data = off + Ipv6.totalLength(b, off) - fh - Ipv6.FRAGMENT_HEADER_LEN;
        if (Ipv6.moreFragments(b, fh) && data % 8 != 0) return 4;
        if (fh - off - Ipv6.HEADER_LEN + Ipv6.FRAGMENT_HEADER_LEN + Ipv6.fragmentOffset(b, fh) + data > Ipv6.MAX_PAYLOAD) return fh - off + 2;
        return -1;
    }

    /**
     * Takes one fragment of a checked packet at off whose Fragment header is at fh ({@link
     * Ipv6#fragmentHeader}) and that {@link #problem} passed. Never throws.
     *
     * @return the reassembled packet (a new array, at offset 0, without the Fragment header) when
     *         this fragment completed it; null when more fragments are needed or it was dropped
     */
    public byte[] offer(byte[] b, int off, int fh, long nowNanos) {
        int end = off + Ipv6.totalLength(b, off);
        int start = Ipv6.fragmentOffset(b, fh), dataAt = fh + Ipv6.FRAGMENT_HEADER_LEN, stop = start + end - dataAt;
        boolean more = Ipv6.moreFragments(b, fh);
        if (more && stop == start) return null;                  // an empty fragment carries nothing
        if (start == 0 && !more) {                               // an atomic fragment: alone (RFC 6946 §4)
            reassembled++;
            return assemble(b, off, fh, List.of(new int[] {0, stop}), List.of(slice(b, dataAt, stop)), stop);
        }
        Key key = new Key(Ipv6.source(b, off), Ipv6.destination(b, off), Ipv6.fragmentId(b, fh));
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
        if (!containsExact(p, start, stop)) {                    // exact duplicates are ignored
            p.ranges.add(new int[] {start, stop});
            p.pieces.add(slice(b, dataAt, stop - start));
            p.received += stop - start;
        }
        if (start == 0 && p.first == null) {
            p.first = slice(b, off, end - off);
            p.firstFh = fh - off;
        }
        if (p.total < 0 || p.received != p.total || p.first == null) return null;
        pending.remove(key);
        reassembled++;
        return assemble(p.first, 0, p.firstFh, p.ranges, p.pieces, p.total);
    }

    private boolean accept(Pending p, int start, int stop, boolean more) {
        if (!more) {
            if (p.total >= 0 && p.total != stop) return false;
            for (int[] r : p.ranges) if (r[1] > stop) return false;
        } else if (p.total >= 0 && stop > p.total) {
            return false;
        }
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

    private static byte[] slice(byte[] b, int at, int len) {
        byte[] d = new byte[len];
        System.arraycopy(b, at, d, 0, len);
        return d;
    }

    /**
     * RFC 8200 §4.5: the first fragment's unfragmentable part, its last Next Header taken from the
     * Fragment header, then the fragmentable part; the Payload Length recomputed.
     */
    private static byte[] assemble(byte[] first, int off, int fh, List<int[]> ranges, List<byte[]> pieces, int total) {
        int unfrag = fh - off;
        byte[] d = new byte[unfrag + total];
        System.arraycopy(first, off, d, 0, unfrag);
        int nhField = 6;
        for (int at = Ipv6.HEADER_LEN; at < unfrag; at += ((d[at + 1] & 0xff) + 1) * 8) nhField = at;
        d[nhField] = first[fh];
        Bytes.put16(d, 4, d.length - Ipv6.HEADER_LEN);
        for (int i = 0; i < pieces.size(); i++) System.arraycopy(pieces.get(i), 0, d, unfrag + ranges.get(i)[0], pieces.get(i).length);
        return d;
    }

    /**
     * Drops packets older than the timeout. For each whose first fragment had arrived,
     * onTimeout (if not null) gets that fragment, for ICMPv6 Time Exceeded code 1 (RFC 8200 §4.5).
     *
     * @return how many packets were dropped
     */
    public int expire(long nowNanos, Consumer<byte[]> onTimeout) {
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

    /** Forgets every packet waiting for fragments (a reload). */
    public void clear() { pending.clear(); }

    /** Packets waiting for fragments. */
    public int pending() { return pending.size(); }

    /** Packets reassembled ("N total reassembled"). */
    public long reassembled() { return reassembled; }

    /** Packets given up on timeout ("N reassembly timeouts"). */
    public long timeouts() { return timeouts; }

    /** Fragments or packets dropped as overlapping or over limits ("N reassembly failures"). */
    public long failed() { return failed; }
}
