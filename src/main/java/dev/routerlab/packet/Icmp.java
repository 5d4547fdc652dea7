package dev.routerlab.packet;

/** ICMP for IPv4 (RFC 792), with the RFC 1191 next-hop MTU and the RFC 1122/1812 sending rules. */
public final class Icmp {
    private Icmp() {}

    public static final int HEADER_LEN = 8;

    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DEST_UNREACHABLE = 3;
    public static final int TYPE_REDIRECT = 5;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;
    public static final int TYPE_PARAMETER_PROBLEM = 12;

    /** Destination unreachable codes (RFC 792; 13 from RFC 1812 section 5.2.7.1). */
    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    public static final int CODE_ADMIN_PROHIBITED = 13;

    /** Time exceeded codes. */
    public static final int CODE_TTL_EXCEEDED = 0;
    public static final int CODE_REASSEMBLY_TIME_EXCEEDED = 1;

    /** OK when at least 8 bytes and the checksum over all len bytes verifies. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        return Checksum.verify(b, off, len, 0) ? PacketError.OK : PacketError.BAD_CHECKSUM;
    }

    public static int type(byte[] b, int off) { return b[off] & 0xff; }

    public static int code(byte[] b, int off) { return b[off + 1] & 0xff; }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    /** Echo identifier (RFC 792 echo/echo reply). */
    public static int identifier(byte[] b, int off) { return Bytes.u16(b, off + 4); }

    /** Echo sequence number. */
    public static int sequence(byte[] b, int off) { return Bytes.u16(b, off + 6); }

    /** Next-hop MTU of a "fragmentation needed" message (RFC 1191 section 4); 0 from old routers. */
    public static int nextHopMtu(byte[] b, int off) { return Bytes.u16(b, off + 6); }

    /** True for the error types whose body quotes an offending datagram (RFC 1122 3.2.2). */
    public static boolean isError(int type) {
        return type == TYPE_DEST_UNREACHABLE || type == 4 || type == TYPE_REDIRECT
                || type == TYPE_TIME_EXCEEDED || type == TYPE_PARAMETER_PROBLEM;
    }

    /** Writes an echo or echo reply with data at off; returns its length. */
    public static int writeEcho(byte[] b, int off, int type, int identifier, int sequence, byte[] data, int dOff, int dLen) {
        b[off] = (byte) type;
        b[off + 1] = 0;
        Bytes.put16(b, off + 2, 0);
        Bytes.put16(b, off + 4, identifier);
        Bytes.put16(b, off + 6, sequence);
        System.arraycopy(data, dOff, b, off + HEADER_LEN, dLen);
        int len = HEADER_LEN + dLen;
        Bytes.put16(b, off + 2, Checksum.compute(b, off, len));
        return len;
    }

    /** Turns a checked echo request at off into an echo reply in place (checksum fixed per RFC 1624). */
    public static void toEchoReply(byte[] b, int off) {
        int oldWord = Bytes.u16(b, off);
        b[off] = TYPE_ECHO_REPLY;
        Bytes.put16(b, off + 2, Checksum.adjust(checksum(b, off), oldWord, Bytes.u16(b, off)));
    }

    /**
     * Bytes of the offending datagram to quote: its IP header plus the first 64 bits of its data
     * (RFC 792), never more than are present.
     */
    public static int quoteLength(byte[] orig, int oOff, int oLen) {
        int hl = Ipv4.headerLength(orig, oOff);
        return Math.min(Math.min(hl + 8, Ipv4.totalLength(orig, oOff)), oLen);
    }

    /** Writes an error message quoting a checked datagram; mtu is used only for code 4. Returns its length. */
    public static int writeError(byte[] b, int off, int type, int code, int mtu, byte[] orig, int oOff, int oLen) {
        int q = quoteLength(orig, oOff, oLen);
        b[off] = (byte) type;
        b[off + 1] = (byte) code;
        Bytes.put16(b, off + 2, 0);
        Bytes.put16(b, off + 4, 0);
        Bytes.put16(b, off + 6, type == TYPE_DEST_UNREACHABLE && code == CODE_FRAGMENTATION_NEEDED ? mtu : 0);
        System.arraycopy(orig, oOff, b, off + HEADER_LEN, q);
        int len = HEADER_LEN + q;
        Bytes.put16(b, off + 2, Checksum.compute(b, off, len));
        return len;
    }

    /**
     * May an ICMP error be sent about this datagram? Never throws. No (RFC 1122 3.2.2, RFC 1812
     * 4.3.2.7) when it fails {@link Ipv4#check}, is itself an ICMP error (or an unreadable ICMP
     * message), is a non-first fragment, is addressed to a multicast or the limited broadcast
     * address, or comes from an address that does not name one host (0.0.0.0, loopback,
     * multicast, broadcast). Directed broadcasts are the caller's to know.
     */
    public static boolean mayReplyWithError(byte[] b, int off, int len) {
        if (Ipv4.check(b, off, len) != PacketError.OK) return false;
        if (Ipv4.fragmentOffset(b, off) != 0) return false;
        int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
        if (Ipv4Address.isMulticast(dst) || dst == Ipv4Address.LIMITED_BROADCAST) return false;
        if (src == 0 || src == Ipv4Address.LIMITED_BROADCAST || Ipv4Address.isMulticast(src)
                || Ipv4Address.isLoopback(src)) return false;
        if (Ipv4.protocol(b, off) == Ipv4.PROTO_ICMP) {
            int hl = Ipv4.headerLength(b, off);
            if (Ipv4.totalLength(b, off) - hl < 1) return false;
            int t = type(b, off + hl);
            return !isError(t) && t <= 18; // unknown types (above 18, Information Reply) count as errors
        }
        return true;
    }

    /** A new IPv4 echo request (or reply, by type) packet, TTL and identification given. */
    public static byte[] buildEchoPacket(int type, int src, int dst, int ipId, int ttl,
                                         int identifier, int sequence, byte[] data) {
        byte[] p = new byte[Ipv4.MIN_HEADER_LEN + HEADER_LEN + data.length];
        writeEcho(p, Ipv4.MIN_HEADER_LEN, type, identifier, sequence, data, 0, data.length);
        Ipv4.writeHeader(p, 0, 0, p.length, ipId, 0, ttl, Ipv4.PROTO_ICMP, src, dst);
        return p;
    }

    /**
     * A new IPv4 echo reply answering a checked IPv4 echo request: addresses swapped, no IP
     * options, the request's identifier, sequence and data (RFC 792 "Echo or Echo Reply").
     */
    public static byte[] buildEchoReply(byte[] req, int off, int ipId, int ttl) {
        int hl = Ipv4.headerLength(req, off);
        int icmpLen = Ipv4.totalLength(req, off) - hl;
        byte[] p = new byte[Ipv4.MIN_HEADER_LEN + icmpLen];
        System.arraycopy(req, off + hl, p, Ipv4.MIN_HEADER_LEN, icmpLen);
        toEchoReply(p, Ipv4.MIN_HEADER_LEN);
        Ipv4.writeHeader(p, 0, Ipv4.tos(req, off), p.length, ipId, 0, ttl, Ipv4.PROTO_ICMP,
                Ipv4.destination(req, off), Ipv4.source(req, off));
        return p;
    }

    /**
     * A new IPv4 error packet from src to the offending datagram's source, quoting it (TTL 255 is
     * usual). Check {@link #mayReplyWithError} first.
     */
    public static byte[] buildErrorPacket(int src, int ipId, int ttl, int type, int code, int mtu,
                                          byte[] orig, int oOff, int oLen) {
        byte[] p = new byte[Ipv4.MIN_HEADER_LEN + HEADER_LEN + quoteLength(orig, oOff, oLen)];
        writeError(p, Ipv4.MIN_HEADER_LEN, type, code, mtu, orig, oOff, oLen);
        Ipv4.writeHeader(p, 0, 0xc0, p.length, ipId, 0, ttl, Ipv4.PROTO_ICMP, src, Ipv4.source(orig, oOff));
        return p;
    }
}
