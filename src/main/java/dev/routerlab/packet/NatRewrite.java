package dev.routerlab.packet;

/**
 * In-place rewriting of an IPv4 datagram's address and transport identifier for NAT and NAPT
 * (RFC 3022 §4.1-4.3): TCP and UDP ports, ICMP query identifiers, the datagram quoted in an ICMP
 * error. Checksums are updated incrementally (RFC 1624 eqn. 3): the IP header's, TCP's and UDP's
 * over the pseudo-header (a zero UDP checksum stays zero, RFC 768), ICMP's over the identifier.
 * Callers pass a checked IPv4 packet; a transport header too short to carry a field is left as is.
 */
public final class NatRewrite {
    private NatRewrite() {}

    /** No transport identifier: other protocols, non-first fragments, truncated headers. */
    public static final int NONE = -1;

    /** True for ICMP queries whose identifier NAPT translates (RFC 3022 §2.2: echo, timestamp, information, mask). */
    public static boolean isIcmpQuery(int type) {
        return type == 0 || type == 8 || type == 13 || type == 14 || type == 15 || type == 16 || type == 17 || type == 18;
    }

    /** The TCP/UDP source port or ICMP query identifier, or {@link #NONE}. */
    public static int sourcePort(byte[] b, int off, int len) { return port(b, off, off + len, true); }

    /** The TCP/UDP destination port or ICMP query identifier, or {@link #NONE}. */
    public static int destinationPort(byte[] b, int off, int len) { return port(b, off, off + len, false); }

    private static int port(byte[] b, int off, int end, boolean source) {
        if (Ipv4.fragmentOffset(b, off) != 0) return NONE;
        int l4 = off + Ipv4.headerLength(b, off);
        switch (Ipv4.protocol(b, off)) {
            case Ipv4.PROTO_TCP, Ipv4.PROTO_UDP -> {
                return l4 + 4 <= end ? Bytes.u16(b, l4 + (source ? 0 : 2)) : NONE;
            }
            case Ipv4.PROTO_ICMP -> {
                return l4 + Icmp.HEADER_LEN <= end && isIcmpQuery(b[l4] & 0xff) ? Bytes.u16(b, l4 + 4) : NONE;
            }
            default -> {
                return NONE;
            }
        }
    }

    /**
     * Rewrites the source (or destination) address and, when port is not {@link #NONE}, the
     * transport identifier of that side, with every checksum that covers them.
     */
    public static void rewrite(byte[] b, int off, int len, boolean source, int addr, int port) {
        rewriteAt(b, off, off + len, source, addr, port);
    }

    /**
     * The offset of the datagram quoted by an ICMP error (RFC 792: its IP header and at least 8
     * bytes of its data), or {@link #NONE} when the packet is not such an error.
     */
    public static int quoted(byte[] b, int off, int len) {
        if (Ipv4.protocol(b, off) != Ipv4.PROTO_ICMP || Ipv4.isFragment(b, off)) return NONE;
        int l4 = off + Ipv4.headerLength(b, off);
        int end = off + len;
        if (l4 + Icmp.HEADER_LEN + Ipv4.MIN_HEADER_LEN > end || !Icmp.isError(b[l4] & 0xff)) return NONE;
        int q = l4 + Icmp.HEADER_LEN;
        if (Ipv4.version(b, q) != 4) return NONE;
        int qhl = Ipv4.headerLength(b, q);
        if (qhl < Ipv4.MIN_HEADER_LEN || q + qhl + 8 > end) return NONE;
        return q;
    }

    /**
     * An ICMP error crossing the NAT (RFC 3022 §4.3, RFC 5508 §7): the outer source (or
     * destination) address becomes addr and the quoted datagram's opposite side, which is the same
     * host, becomes addr and port; the ICMP checksum is then computed again.
     */
    public static void rewriteError(byte[] b, int off, int len, boolean outerSource, int addr, int port) {
        int q = quoted(b, off, len);
        if (q == NONE) return;
        int end = off + len;
        rewriteAt(b, off, end, outerSource, addr, NONE);
        rewriteAt(b, q, end, !outerSource, addr, port);
        int l4 = off + Ipv4.headerLength(b, off);
        Bytes.put16(b, l4 + 2, 0);
        Bytes.put16(b, l4 + 2, Checksum.compute(b, l4, end - l4));
    }

    private static void rewriteAt(byte[] b, int off, int end, boolean source, int addr, int port) {
        int field = off + (source ? 12 : 16);
        int old = Bytes.i32(b, field);
        Bytes.put32(b, field, addr);
        Bytes.put16(b, off + 10, adjust32(Bytes.u16(b, off + 10), old, addr));
        if (Ipv4.fragmentOffset(b, off) != 0) return;        // no transport header in this fragment
        int l4 = off + Ipv4.headerLength(b, off);
        switch (Ipv4.protocol(b, off)) {
            case Ipv4.PROTO_TCP -> transport(b, l4, end, source, old, addr, port, 16, false);
            case Ipv4.PROTO_UDP -> transport(b, l4, end, source, old, addr, port, 6, true);
            case Ipv4.PROTO_ICMP -> {
                if (port == NONE || l4 + Icmp.HEADER_LEN > end || !isIcmpQuery(b[l4] & 0xff)) return;
                int oldId = Bytes.u16(b, l4 + 4);
                Bytes.put16(b, l4 + 4, port);
                Bytes.put16(b, l4 + 2, Checksum.adjust(Bytes.u16(b, l4 + 2), oldId, port));
            }
            default -> { }
        }
    }

    /** TCP or UDP: the port, then the checksum over the pseudo-header's address and the port (when present). */
    private static void transport(byte[] b, int l4, int end, boolean source, int oldAddr, int addr, int port,
                                  int ckOff, boolean udp) {
        int pf = l4 + (source ? 0 : 2);
        int oldPort = NONE;
        if (port != NONE && pf + 2 <= end) {
            oldPort = Bytes.u16(b, pf);
            Bytes.put16(b, pf, port);
        }
        if (l4 + ckOff + 2 > end) return;
        int ck = Bytes.u16(b, l4 + ckOff);
        if (udp && ck == 0) return;                          // RFC 768: no checksum was computed
        ck = adjust32(ck, oldAddr, addr);
        if (oldPort != NONE) ck = Checksum.adjust(ck, oldPort, port);
        if (udp && ck == 0) ck = 0xffff;                     // RFC 768: a computed zero is sent as all ones
        Bytes.put16(b, l4 + ckOff, ck);
    }

    private static int adjust32(int ck, int oldValue, int newValue) {
        ck = Checksum.adjust(ck, oldValue >>> 16, newValue >>> 16);
        return Checksum.adjust(ck, oldValue & 0xffff, newValue & 0xffff);
    }
}
