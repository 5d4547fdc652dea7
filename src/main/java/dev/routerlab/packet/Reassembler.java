package dev.routerlab.packet;

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

    private final FragmentTable<Key> table;

    /**
     * @param maxDatagrams datagrams under reassembly at once; fragments of further ones are dropped
     * @param maxFragments fragments one datagram may have
     * @param timeoutNanos how long a datagram may wait for its missing fragments
     */
    public Reassembler(int maxDatagrams, int maxFragments, long timeoutNanos) {
        this.table = new FragmentTable<>(maxDatagrams, maxFragments, Ipv4.MAX_PACKET_LEN - Ipv4.MIN_HEADER_LEN, timeoutNanos);
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
        int hl = Ipv4.headerLength(b, off);
        int start = Ipv4.fragmentOffset(b, off);
        FragmentTable.Pending p = table.add(key, b, off, off + tl, hl, off + hl, start, start + tl - hl,
                Ipv4.moreFragments(b, off), nowNanos);
        if (p == null) return null;
        if (p.firstMark + p.total > Ipv4.MAX_PACKET_LEN) {
            table.countFailed();
            return null;
        }
        table.countReassembled();
        return assemble(p);
    }

    private static byte[] assemble(FragmentTable.Pending p) {
        byte[] first = p.first;
        int hl = p.firstMark;
        byte[] d = new byte[hl + p.total];
        System.arraycopy(first, 0, d, 0, hl);
        FragmentTable.copyPieces(p, d, hl);
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
        return table.expire(nowNanos, onTimeout);
    }

    /** Datagrams waiting for fragments. */
    public int pending() { return table.pending(); }

    /** Datagrams reassembled ("Frags: N reassembled"). */
    public long reassembled() { return table.reassembled(); }

    /** Datagrams given up on timeout ("N timeouts"). */
    public long timeouts() { return table.timeouts(); }

    /** Fragments or datagrams dropped as malformed or over limits ("N couldn't reassemble"). */
    public long failed() { return table.failed(); }
}
