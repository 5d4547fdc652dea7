package dev.routerlab.packet;

import java.util.function.Consumer;

/**
 * IPv6 reassembly (RFC 8200 §4.5) as a plain data structure: fragments keyed by source,
 * destination and Identification; time is the caller's nanosecond timestamp; no threads, no
 * timers. Not thread-safe: use it from the router's event loop.
 *
 * <p>An atomic fragment (offset 0, M clear) is reassembled alone (RFC 6946 §4). Overlapping
 * fragments other than exact duplicates discard the whole packet silently (RFC 5722 §4), as do
 * more than maxFragments pieces or a second, different last fragment. The two errors RFC 8200
 * answers with a Parameter Problem code 0 are {@link #problem}'s to find, before a fragment is
 * offered, and a first fragment without the whole header chain (code 3, RFC 7112 §5) is
 * {@link #incompleteChain}'s.
 */
public final class Ipv6Reassembler {
    private record Key(Ipv6Address src, Ipv6Address dst, int id) {}

    private final FragmentTable<Key> table;

    /**
     * @param maxPackets packets under reassembly at once; fragments of further ones are dropped
     * @param maxFragments fragments one packet may have
     * @param timeoutNanos how long a packet may wait for its missing fragments (RFC 8200: 60 s)
     */
    public Ipv6Reassembler(int maxPackets, int maxFragments, long timeoutNanos) {
        this.table = new FragmentTable<>(maxPackets, maxFragments, Integer.MAX_VALUE, timeoutNanos);   // (problem's limit)
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
     * RFC 7112 §5 (RFC 8200 §4.5): is this the first fragment (offset 0, M set) of a checked packet
     * whose Fragment header is at fh and whose chain walked to w ({@link Ipv6#upperLayer}), and does
     * it lack part of the IPv6 header chain, an extension header or the upper-layer header running
     * past its end? Then the packet is {@link #discard}ed and its source told with a Parameter
     * Problem code 3, pointer 0. A chain we would not walk anyway (more than {@link
     * Ipv6#MAX_EXTENSION_HEADERS}) is not called incomplete.
     */
    public static boolean incompleteChain(byte[] b, int off, int fh, long w) {
        if (Ipv6.fragmentOffset(b, fh) != 0 || !Ipv6.moreFragments(b, fh)) return false;
        if (w == Ipv6.CHAIN_TRUNCATED) return true;
        return w >= 0 && Ipv6.offsetOf(w) + upperHeaderLength(Ipv6.protocolOf(w)) > off + Ipv6.totalLength(b, off);
    }

    /** The fixed header of an upper-layer protocol, as much of it as a first fragment must hold (as Linux counts it). */
    private static int upperHeaderLength(int nextHeader) {
        return switch (nextHeader) {
            case Ipv6.NH_TCP -> Tcp.MIN_HEADER_LEN;
            case Ipv6.NH_UDP -> Udp.HEADER_LEN;
            case Ipv6.NH_ICMPV6 -> Icmpv6.HEADER_LEN;
            case Ipv6.NH_GRE -> Gre.BASE_HEADER_LEN;
            case Ipv6.NH_ESP -> 8;                                // SPI and sequence number (RFC 4303 §2)
            case Ipv6.NH_NONE -> 0;
            default -> 1;
        };
    }

    /** RFC 7112 §5: discards the packet of the fragment at off (fh), pieces of it already waiting too; a reassembly failure. */
    public void discard(byte[] b, int off, int fh) {
        table.discard(new Key(Ipv6.source(b, off), Ipv6.destination(b, off), Ipv6.fragmentId(b, fh)));
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
            table.countReassembled();
            byte[] d = assemble(b, off, fh, stop);
            System.arraycopy(b, dataAt, d, fh - off, stop);
            return d;
        }
        Key key = new Key(Ipv6.source(b, off), Ipv6.destination(b, off), Ipv6.fragmentId(b, fh));
        FragmentTable.Pending p = table.add(key, b, off, end, fh - off, dataAt, start, stop, more, nowNanos);
        if (p == null) return null;
        table.countReassembled();
        byte[] d = assemble(p.first, 0, p.firstMark, p.total);
        FragmentTable.copyPieces(p, d, p.firstMark);
        return d;
    }

    /**
     * RFC 8200 §4.5: the first fragment's unfragmentable part, its last Next Header taken from the
     * Fragment header, then the fragmentable part; the Payload Length recomputed.
     */
    private static byte[] assemble(byte[] first, int off, int fh, int total) {
        int unfrag = fh - off;
        byte[] d = new byte[unfrag + total];
        System.arraycopy(first, off, d, 0, unfrag);
        int nhField = 6;
        for (int at = Ipv6.HEADER_LEN; at < unfrag; at += ((d[at + 1] & 0xff) + 1) * 8) nhField = at;
        d[nhField] = first[fh];
        Bytes.put16(d, 4, d.length - Ipv6.HEADER_LEN);
        return d;
    }

    /**
     * Drops packets older than the timeout. For each whose first fragment had arrived,
     * onTimeout (if not null) gets that fragment, for ICMPv6 Time Exceeded code 1 (RFC 8200 §4.5).
     *
     * @return how many packets were dropped
     */
    public int expire(long nowNanos, Consumer<byte[]> onTimeout) {
        return table.expire(nowNanos, onTimeout);
    }

    /** Forgets every packet waiting for fragments (a reload). */
    public void clear() { table.clear(); }

    /** Packets waiting for fragments. */
    public int pending() { return table.pending(); }

    /** Packets reassembled ("N total reassembled"). */
    public long reassembled() { return table.reassembled(); }

    /** Packets given up on timeout ("N reassembly timeouts"). */
    public long timeouts() { return table.timeouts(); }

    /** Fragments or packets dropped as overlapping or over limits ("N reassembly failures"). */
    public long failed() { return table.failed(); }
}
