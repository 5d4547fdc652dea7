package dev.routerlab.packet;

import java.util.List;

/**
 * ICMPv6 (RFC 4443) and the Neighbor Discovery messages (RFC 4861 §4) with their options
 * (§4.6). Offsets are of the ICMPv6 message unless a parameter says ipOff (the IPv6 header).
 */
public final class Icmpv6 {
    private Icmpv6() {}

    public static final int HEADER_LEN = 8;

    public static final int TYPE_DEST_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_PARAMETER_PROBLEM = 4;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_ROUTER_SOLICITATION = 133;
    public static final int TYPE_ROUTER_ADVERTISEMENT = 134;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    public static final int TYPE_REDIRECT = 137;

    /** Destination unreachable codes (RFC 4443 §3.1). */
    public static final int CODE_NO_ROUTE = 0;
    public static final int CODE_ADMIN_PROHIBITED = 1;
    public static final int CODE_BEYOND_SCOPE = 2;
    public static final int CODE_ADDRESS_UNREACHABLE = 3;
    public static final int CODE_PORT_UNREACHABLE = 4;
    /** Time exceeded codes (§3.3). */
    public static final int CODE_HOP_LIMIT_EXCEEDED = 0;
    public static final int CODE_REASSEMBLY_TIME_EXCEEDED = 1;
    /** Parameter problem codes (§3.4). */
    public static final int CODE_ERRONEOUS_HEADER = 0;
    public static final int CODE_UNRECOGNIZED_NEXT_HEADER = 1;
    public static final int CODE_UNRECOGNIZED_OPTION = 2;
    /** RFC 7112 §5 (RFC 8200 §4.5): IPv6 First Fragment has incomplete IPv6 Header Chain. */
    public static final int CODE_INCOMPLETE_CHAIN = 3;

    /** ND option types (RFC 4861 §4.6). */
    public static final int OPT_SOURCE_LINK_ADDRESS = 1;
    public static final int OPT_TARGET_LINK_ADDRESS = 2;
    public static final int OPT_PREFIX_INFORMATION = 3;
    public static final int OPT_REDIRECTED_HEADER = 4;
    public static final int OPT_MTU = 5;

    /** Neighbor Advertisement flags (§4.4). */
    public static final int NA_ROUTER = 0x8000_0000;
    public static final int NA_SOLICITED = 0x4000_0000;
    public static final int NA_OVERRIDE = 0x2000_0000;

    /** The ND messages' fixed parts before their options. */
    public static final int RS_LEN = 8, RA_LEN = 16, NS_LEN = 24, NA_LEN = 24, REDIRECT_LEN = 40;
    /** Prefix information option length (§4.6.2). */
    public static final int PREFIX_OPTION_LEN = 32;

    /**
     * OK when the message at ipOff's upper-layer offset {@code at} (length len) holds a header
     * and its checksum verifies over the RFC 8200 §8.1 pseudo-header. Never throws.
     */
    public static PacketError check(byte[] b, int ipOff, int at, int len) {
        if (!Bytes.inBounds(b, ipOff, Ipv6.HEADER_LEN) || !Bytes.inBounds(b, at, len) || len < 4) return PacketError.TRUNCATED;
        if (isError(type(b, at)) || type(b, at) == TYPE_ECHO_REQUEST || type(b, at) == TYPE_ECHO_REPLY) {
            if (len < HEADER_LEN) return PacketError.TRUNCATED;
        }
        long ph = Ipv6.pseudoHeader(b, ipOff, len, Ipv6.NH_ICMPV6);
        return Checksum.verify(b, at, len, ph) ? PacketError.OK : PacketError.BAD_CHECKSUM;
    }

    public static int type(byte[] b, int off) { return b[off] & 0xff; }

    public static int code(byte[] b, int off) { return b[off + 1] & 0xff; }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    public static int identifier(byte[] b, int off) { return Bytes.u16(b, off + 4); }

    public static int sequence(byte[] b, int off) { return Bytes.u16(b, off + 6); }

    /** The MTU of a Packet Too Big (§3.2) or the pointer of a Parameter Problem (§3.4). */
    public static long parameter(byte[] b, int off) { return Bytes.u32L(b, off + 4); }

    /** RFC 4443 §2.1: types 0-127 are errors. */
    public static boolean isError(int type) { return type < 128; }

    /** Fills in the checksum of the message at off (length len) sent from src to dst. */
    public static void updateChecksum(byte[] b, int off, int len, Ipv6Address src, Ipv6Address dst) {
        Bytes.put16(b, off + 2, 0);
        Bytes.put16(b, off + 2, Checksum.finish(Checksum.sum(b, off, len, Ipv6.pseudoHeader(src, dst, len, Ipv6.NH_ICMPV6))));
    }

    /** A whole packet, ICMPv6 message msg from src to dst with {@code headroom} free bytes in front; the checksum filled in. */
    public static byte[] buildPacket(int headroom, Ipv6Address src, Ipv6Address dst, int hopLimit, byte[] msg) {
        byte[] p = Ipv6.build(headroom, 0, Ipv6.NH_ICMPV6, hopLimit, src, dst, msg, 0, msg.length);
        updateChecksum(p, headroom + Ipv6.HEADER_LEN, msg.length, src, dst);
        return p;
    }

    /** An echo request or reply (§4.1, §4.2), checksum zero. */
    public static byte[] echo(int type, int identifier, int sequence, byte[] data, int dOff, int dLen) {
        byte[] m = new byte[HEADER_LEN + dLen];
        m[0] = (byte) type;
        Bytes.put16(m, 4, identifier);
        Bytes.put16(m, 6, sequence);
        System.arraycopy(data, dOff, m, HEADER_LEN, dLen);
        return m;
    }

    /**
     * An error message quoting as much of the invoking packet (at oOff, oLen bytes) as fits in
     * a 1280-byte packet (§2.4 (c)); parameter is the MTU or the pointer. Checksum zero.
     */
    public static byte[] error(int type, int code, long parameter, byte[] orig, int oOff, int oLen) {
        int q = Math.max(0, Math.min(oLen, Ipv6.MIN_MTU - Ipv6.HEADER_LEN - HEADER_LEN));
        byte[] m = new byte[HEADER_LEN + q];
        m[0] = (byte) type;
        m[1] = (byte) code;
        Bytes.put32(m, 4, parameter);
        System.arraycopy(orig, oOff, m, HEADER_LEN, q);
        return m;
    }

    /**
     * May an error be sent about this packet (RFC 4443 §2.4 (e))? Not when it fails
     * {@link Ipv6#check}, its chain cannot be walked, it is an ICMPv6 error (or unreadable
     * ICMPv6), its destination is multicast (except Packet Too Big and Parameter Problem code
     * 2, passed as allowMulticast), or its source does not name one node. Never throws.
     */
    public static boolean mayReplyWithError(byte[] b, int off, int len, boolean allowMulticast) {
        if (Ipv6.check(b, off, len) != PacketError.OK) return false;
        Ipv6Address src = Ipv6.source(b, off), dst = Ipv6.destination(b, off);
        if (src.isUnspecified() || src.isMulticast() || src.isLoopback()) return false;
        if (dst.isMulticast() && !allowMulticast) return false;
        long w = Ipv6.upperLayer(b, off);
        if (w < 0) return true;
        if (Ipv6.protocolOf(w) != Ipv6.NH_ICMPV6) return true;
        int at = Ipv6.offsetOf(w);
        if (at >= off + Ipv6.totalLength(b, off)) return false;
        return !isError(type(b, at));
    }

    // ------------------------------------------------------------------ Neighbor Discovery

    /**
     * RFC 4861 validity checks common to RS, RA, NS, NA and Redirect (§6.1.1, §6.1.2, §7.1.1,
     * §7.1.2, §8.1) of a packet whose ICMPv6 message at {@code at} (len bytes) passed
     * {@link #check}: hop limit 255, code 0, the fixed length, every option of non-zero length
     * inside the message, and the per-type address rules. Never throws.
     */
    public static PacketError checkNd(byte[] b, int ipOff, int at, int len) {
        if (!Bytes.inBounds(b, ipOff, Ipv6.HEADER_LEN) || !Bytes.inBounds(b, at, len) || len < 4) return PacketError.TRUNCATED;
        if (Ipv6.hopLimit(b, ipOff) != 255 || code(b, at) != 0) return PacketError.BAD_FIELD;
        int type = type(b, at);
        int fixed = switch (type) {
            case TYPE_ROUTER_SOLICITATION -> RS_LEN;
            case TYPE_ROUTER_ADVERTISEMENT -> RA_LEN;
            case TYPE_NEIGHBOR_SOLICITATION -> NS_LEN;
            case TYPE_NEIGHBOR_ADVERTISEMENT -> NA_LEN;
            case TYPE_REDIRECT -> REDIRECT_LEN;
            default -> -1;
        };
        if (fixed < 0) return PacketError.UNSUPPORTED;
        if (len < fixed) return PacketError.TRUNCATED;
        for (int o = at + fixed; o < at + len; ) {
            if (o + 2 > at + len) return PacketError.TRUNCATED;
            int ol = (b[o + 1] & 0xff) * 8;
            if (ol == 0) return PacketError.BAD_LENGTH;
            if (o + ol > at + len) return PacketError.TRUNCATED;
            if (type(b, o) == OPT_PREFIX_INFORMATION && ol != PREFIX_OPTION_LEN) return PacketError.BAD_LENGTH;
            if (type(b, o) == OPT_MTU && ol != 8) return PacketError.BAD_LENGTH;
            o += ol;
        }
        Ipv6Address src = Ipv6.source(b, ipOff), dst = Ipv6.destination(b, ipOff);
        boolean slla = option(b, at, len, OPT_SOURCE_LINK_ADDRESS) >= 0;
        switch (type) {
            case TYPE_ROUTER_SOLICITATION -> { if (src.isUnspecified() && slla) return PacketError.BAD_FIELD; }
            case TYPE_ROUTER_ADVERTISEMENT -> { if (!src.isLinkLocal()) return PacketError.BAD_FIELD; }
            case TYPE_NEIGHBOR_SOLICITATION -> {
                if (target(b, at).isMulticast()) return PacketError.BAD_FIELD;
                if (src.isUnspecified() && (slla || !dst.equals(target(b, at).solicitedNode()))) return PacketError.BAD_FIELD;
            }
            case TYPE_NEIGHBOR_ADVERTISEMENT -> {
                if (target(b, at).isMulticast()) return PacketError.BAD_FIELD;
                if (dst.isMulticast() && (flags(b, at) & NA_SOLICITED) != 0) return PacketError.BAD_FIELD;
            }
            default -> { if (!src.isLinkLocal()) return PacketError.BAD_FIELD; }
        }
        return PacketError.OK;
    }

    /** The target address of an NS or NA (§4.3, §4.4); of a Redirect, its target (the better first hop). */
    public static Ipv6Address target(byte[] b, int at) { return Ipv6Address.read(b, at + 8); }

    /** The R/S/O flags word of an NA (§4.4). */
    public static int flags(byte[] b, int at) { return Bytes.i32(b, at + 4) & 0xe000_0000; }

    /** RA fields (§4.2). */
    public static int curHopLimit(byte[] b, int at) { return b[at + 4] & 0xff; }

    public static int raFlags(byte[] b, int at) { return b[at + 5] & 0xff; }

    public static int routerLifetime(byte[] b, int at) { return Bytes.u16(b, at + 6); }

    public static long reachableTime(byte[] b, int at) { return Bytes.u32L(b, at + 8); }

    public static long retransTimer(byte[] b, int at) { return Bytes.u32L(b, at + 12); }

    /** Offset of the first option of the given type in a message checked by {@link #checkNd}, or -1. */
    public static int option(byte[] b, int at, int len, int type) {
        int fixed = switch (type(b, at)) {
            case TYPE_ROUTER_SOLICITATION -> RS_LEN;
            case TYPE_ROUTER_ADVERTISEMENT -> RA_LEN;
            case TYPE_NEIGHBOR_SOLICITATION -> NS_LEN;
            case TYPE_NEIGHBOR_ADVERTISEMENT -> NA_LEN;
            default -> REDIRECT_LEN;
        };
        for (int o = at + fixed; o + 2 <= at + len; ) {
            int ol = (b[o + 1] & 0xff) * 8;
            if (ol == 0 || o + ol > at + len) return -1;
            if (type(b, o) == type) return o;
            o += ol;
        }
        return -1;
    }

    /** The Ethernet address of a source/target link-layer option (§4.6.1), or -1 when its length is not 8. */
    public static long linkLayerAddress(byte[] b, int opt) {
        return (b[opt + 1] & 0xff) == 1 ? MacAddress.readLong(b, opt + 2) : -1;
    }

    /** Prefix information option fields (§4.6.2). */
    public static int prefixLength(byte[] b, int opt) { return b[opt + 2] & 0xff; }

    public static boolean onLink(byte[] b, int opt) { return (b[opt + 3] & 0x80) != 0; }

    public static boolean autonomous(byte[] b, int opt) { return (b[opt + 3] & 0x40) != 0; }

    public static long validLifetime(byte[] b, int opt) { return Bytes.u32L(b, opt + 4); }

    public static long preferredLifetime(byte[] b, int opt) { return Bytes.u32L(b, opt + 8); }

    public static Ipv6Address prefix(byte[] b, int opt) { return Ipv6Address.read(b, opt + 16); }

    /** The MTU option's value (§4.6.4). */
    public static long mtu(byte[] b, int opt) { return Bytes.u32L(b, opt + 4); }

    /** A Neighbor Solicitation (§4.3) for target; sourceMac < 0 leaves out the source link-layer option (DAD). */
    public static byte[] neighborSolicitation(Ipv6Address target, long sourceMac) {
        byte[] m = new byte[NS_LEN + (sourceMac < 0 ? 0 : 8)];
        m[0] = (byte) TYPE_NEIGHBOR_SOLICITATION;
        target.write(m, 8);
        if (sourceMac >= 0) linkOption(m, NS_LEN, OPT_SOURCE_LINK_ADDRESS, sourceMac);
        return m;
    }

    /** A Neighbor Advertisement (§4.4) with flags and, when targetMac >= 0, the target link-layer option. */
    public static byte[] neighborAdvertisement(int flags, Ipv6Address target, long targetMac) {
        byte[] m = new byte[NA_LEN + (targetMac < 0 ? 0 : 8)];
        m[0] = (byte) TYPE_NEIGHBOR_ADVERTISEMENT;
        Bytes.put32(m, 4, flags & 0xe000_0000);
        target.write(m, 8);
        if (targetMac >= 0) linkOption(m, NA_LEN, OPT_TARGET_LINK_ADDRESS, targetMac);
        return m;
    }

    /** A Router Solicitation (§4.1); sourceMac < 0 leaves out the option (unspecified source). */
    public static byte[] routerSolicitation(long sourceMac) {
        byte[] m = new byte[RS_LEN + (sourceMac < 0 ? 0 : 8)];
        m[0] = (byte) TYPE_ROUTER_SOLICITATION;
        if (sourceMac >= 0) linkOption(m, RS_LEN, OPT_SOURCE_LINK_ADDRESS, sourceMac);
        return m;
    }

    /** One prefix of an RA (§4.6.2). */
    public record PrefixInfo(Ipv6Address prefix, int length, boolean onLink, boolean autonomous,
                             long validLifetime, long preferredLifetime) {}

    /**
     * A Router Advertisement (§4.2): the source link-layer option when sourceMac >= 0, the MTU
     * option when mtu > 0, then the prefixes.
     */
    public static byte[] routerAdvertisement(int curHopLimit, int flags, int routerLifetime, long reachableTime,
                                             long retransTimer, long sourceMac, int mtu, List<PrefixInfo> prefixes) {
        int len = RA_LEN + (sourceMac < 0 ? 0 : 8) + (mtu > 0 ? 8 : 0) + PREFIX_OPTION_LEN * prefixes.size();
        byte[] m = new byte[len];
        m[0] = (byte) TYPE_ROUTER_ADVERTISEMENT;
        m[4] = (byte) curHopLimit;
        m[5] = (byte) flags;
        Bytes.put16(m, 6, routerLifetime);
        Bytes.put32(m, 8, reachableTime);
        Bytes.put32(m, 12, retransTimer);
        int o = RA_LEN;
        if (sourceMac >= 0) o += linkOption(m, o, OPT_SOURCE_LINK_ADDRESS, sourceMac);
        if (mtu > 0) {
            m[o] = OPT_MTU;
            m[o + 1] = 1;
            Bytes.put32(m, o + 4, mtu);
            o += 8;
        }
        for (PrefixInfo p : prefixes) {
            m[o] = OPT_PREFIX_INFORMATION;
            m[o + 1] = 4;
            m[o + 2] = (byte) p.length();
            m[o + 3] = (byte) ((p.onLink() ? 0x80 : 0) | (p.autonomous() ? 0x40 : 0));
            Bytes.put32(m, o + 4, p.validLifetime());
            Bytes.put32(m, o + 8, p.preferredLifetime());
            p.prefix().prefix(p.length()).write(m, o + 16);
            o += PREFIX_OPTION_LEN;
        }
        return m;
    }

    private static int linkOption(byte[] m, int o, int type, long mac) {
        m[o] = (byte) type;
        m[o + 1] = 1;
        MacAddress.writeLong(mac, m, o + 2);
        return 8;
    }
}
