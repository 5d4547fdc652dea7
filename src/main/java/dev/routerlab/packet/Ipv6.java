package dev.routerlab.packet;

/**
 * IPv6 header (RFC 8200 §3) and the walk of its extension headers (RFC 8200 §4) to the
 * upper-layer header, bounded in count and length.
 */
public final class Ipv6 {
    private Ipv6() {}

    public static final int HEADER_LEN = 40;
    /** RFC 8200 §5: every link must carry 1280-octet packets; ICMPv6 errors fit in it (RFC 4443 §2.4 (c)). */
    public static final int MIN_MTU = 1280;
    public static final int MAX_PAYLOAD = 65535;

    public static final int NH_HOP_BY_HOP = 0;
    public static final int NH_TCP = 6;
    public static final int NH_UDP = 17;
    public static final int NH_IPV6 = 41;
    public static final int NH_ROUTING = 43;
    public static final int NH_FRAGMENT = 44;
    public static final int NH_GRE = 47;
    public static final int NH_ESP = 50;
    public static final int NH_AH = 51;
    public static final int NH_ICMPV6 = 58;
    public static final int NH_NONE = 59;
    public static final int NH_DEST_OPTIONS = 60;
    /** Extension headers walked before giving up (a chain longer than this is refused). */
    public static final int MAX_EXTENSION_HEADERS = 8;

    /**
     * Validates version and payload length (len may exceed it: link padding). A zero payload
     * length with a hop-by-hop header is a jumbogram (RFC 2675): unsupported. Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        if (version(b, off) != 6) return PacketError.BAD_VERSION;
        if (payloadLength(b, off) == 0 && nextHeader(b, off) == NH_HOP_BY_HOP) return PacketError.UNSUPPORTED;
        if (HEADER_LEN + payloadLength(b, off) > len) return PacketError.TRUNCATED;
        return PacketError.OK;
    }

    public static int version(byte[] b, int off) { return (b[off] & 0xff) >>> 4; }

    public static int trafficClass(byte[] b, int off) { return (Bytes.u16(b, off) >>> 4) & 0xff; }

    public static int flowLabel(byte[] b, int off) { return Bytes.i32(b, off) & 0xf_ffff; }

    public static int payloadLength(byte[] b, int off) { return Bytes.u16(b, off + 4); }

    /** Header plus payload. */
    public static int totalLength(byte[] b, int off) { return HEADER_LEN + payloadLength(b, off); }

    public static int nextHeader(byte[] b, int off) { return b[off + 6] & 0xff; }

    public static int hopLimit(byte[] b, int off) { return b[off + 7] & 0xff; }

    public static Ipv6Address source(byte[] b, int off) { return Ipv6Address.read(b, off + 8); }

    public static Ipv6Address destination(byte[] b, int off) { return Ipv6Address.read(b, off + 24); }

    /** Decrements the hop limit (no header checksum in IPv6); returns the new value. */
    public static int decrementHopLimit(byte[] b, int off) {
        int h = hopLimit(b, off) - 1;
        b[off + 7] = (byte) h;
        return h;
    }

    /** Writes a 40-byte header; returns HEADER_LEN. */
    public static int writeHeader(byte[] b, int off, int trafficClass, int flowLabel, int payloadLength,
                                  int nextHeader, int hopLimit, Ipv6Address src, Ipv6Address dst) {
        Bytes.put32(b, off, 6 << 28 | (trafficClass & 0xff) << 20 | flowLabel & 0xf_ffff);
        Bytes.put16(b, off + 4, payloadLength);
        b[off + 6] = (byte) nextHeader;
        b[off + 7] = (byte) hopLimit;
        src.write(b, off + 8);
        dst.write(b, off + 24);
        return HEADER_LEN;
    }

    /** A new packet with {@code headroom} free bytes in front of its header: header plus a copy of the payload. */
    public static byte[] build(int headroom, int trafficClass, int nextHeader, int hopLimit, Ipv6Address src, Ipv6Address dst,
                               byte[] payload, int pOff, int pLen) {
        if (pLen > MAX_PAYLOAD) throw new IllegalArgumentException("payload too long: " + pLen);
        byte[] p = new byte[headroom + HEADER_LEN + pLen];
        writeHeader(p, headroom, trafficClass, 0, pLen, nextHeader, hopLimit, src, dst);
        System.arraycopy(payload, pOff, p, headroom + HEADER_LEN, pLen);
        return p;
    }

    /**
     * Walks the extension headers of a checked packet (RFC 8200 §4.1 order not enforced) to the
     * first header that is not hop-by-hop, routing, destination options, AH or a first fragment.
     * @return {@code nextHeader << 32 | offset of that header}, or {@link #CHAIN_TRUNCATED} when a
     *         header runs past the payload, {@link #CHAIN_TOO_LONG} when there are more than
     *         {@link #MAX_EXTENSION_HEADERS}. A non-first fragment stops the walk at its fragment
     *         header (NH_FRAGMENT).
     */
    public static long upperLayer(byte[] b, int off) { return walk(b, off, off); }

    /**
     * RFC 8200 §4: one walk of a checked packet's header chain, as {@link #upperLayer}, processing
     * on the way the options (§4.2) of the Hop-by-Hop and Destination Options headers that end by
     * {@code optionsEnd} (a fragment's Fragment header: its per-fragment headers, processed as it
     * arrives, §4.5; the packet's end: all of them). An unknown option whose type's two high bits
     * are 00 is skipped; the first one that says otherwise ends the walk.
     *
     * @return {@link #upperLayer}'s result, or when an option discards the packet a value whose
     *         {@link #optionVerdict} is not 0
     */
    public static long walk(byte[] b, int off, int optionsEnd) {
        int nh = nextHeader(b, off);
        int end = off + totalLength(b, off);
        int at = off + HEADER_LEN;
        for (int n = 0; n <= MAX_EXTENSION_HEADERS; n++) {
            switch (nh) {
                case NH_HOP_BY_HOP, NH_ROUTING, NH_DEST_OPTIONS, NH_AH, NH_FRAGMENT -> {
                    if (n == MAX_EXTENSION_HEADERS) return CHAIN_TOO_LONG;
                    if (at + 8 > end) return CHAIN_TRUNCATED;
                    if (nh == NH_FRAGMENT && (Bytes.u16(b, at + 2) & 0xfff8) != 0) return (long) NH_FRAGMENT << 32 | at;
                    int hl = extensionLength(b, at, nh);
                    if (at + hl > end) return CHAIN_TRUNCATED;
                    if ((nh == NH_HOP_BY_HOP || nh == NH_DEST_OPTIONS) && at + hl <= optionsEnd) {
                        long v = optionProblem(b, off, at, hl, nh == NH_HOP_BY_HOP);
                        if (v != 0) return v;
                    }
                    nh = b[at] & 0xff;
                    at += hl;
                }
                default -> { return (long) nh << 32 | at; }
            }
        }
        return CHAIN_TOO_LONG;
    }

    /** RFC 8200 §4.2: the options of the header at {@code at} (hl octets): 0 when the packet goes on, else a {@link #walk} result. */
    private static long optionProblem(byte[] b, int off, int at, int hl, boolean hopByHop) {
        for (int o = at + 2; o < at + hl; ) {
            int type = b[o] & 0xff;
            if (type == OPT_PAD1) {
                o++;
                continue;
            }
            if (o + 2 > at + hl || o + 2 + (b[o + 1] & 0xff) > at + hl) return OPTION_PROBLEM | (long) OPTION_MALFORMED << 32 | o - off;
            boolean known = type == OPT_PADN || type == OPT_ROUTER_ALERT && hopByHop;
            if (!known && type >>> 6 != 0) return OPTION_PROBLEM | (long) (type >>> 6) << 32 | o - off;
            o += 2 + (b[o + 1] & 0xff);
        }
        return 0;
    }

    /** A {@link #walk} result's option verdict: 0 when no option discards the packet, else one of the OPTION_ constants. */
    public static int optionVerdict(long walk) { return walk < CHAIN_TOO_LONG ? (int) (walk >>> 32) & 0x7fff_ffff : 0; }

    /** The offset from the IPv6 header of the type of the option a {@link #walk} result's verdict is about. */
    public static int optionPointer(long walk) { return (int) walk; }

    /** The length of the extension header nh at {@code at}: 8 for a Fragment header, AH's in 4-octet units (RFC 4302 §2.2), the others' in 8-octet ones. */
    public static int extensionLength(byte[] b, int at, int nh) {
        return nh == NH_FRAGMENT ? FRAGMENT_HEADER_LEN : nh == NH_AH ? ((b[at + 1] & 0xff) + 2) * 4 : ((b[at + 1] & 0xff) + 1) * 8;
    }

    /** {@link #upperLayer}: a header of the chain runs past the payload. */
    public static final long CHAIN_TRUNCATED = -1;
    /** {@link #upperLayer}: more than {@link #MAX_EXTENSION_HEADERS} extension headers. */
    public static final long CHAIN_TOO_LONG = -2;

    /** RFC 8200 §4.2 options known here: Pad1, PadN; Router Alert (RFC 2711) in Hop-by-Hop only. */
    public static final int OPT_PAD1 = 0, OPT_PADN = 1, OPT_ROUTER_ALERT = 5;
    /** {@link #optionVerdict}s: the option type's two high bits (RFC 8200 §4.2). */
    public static final int OPTION_DISCARD = 1, OPTION_DISCARD_REPORT = 2, OPTION_DISCARD_REPORT_UNICAST = 3;
    /** {@link #optionVerdict} of an option running past its header: the packet is discarded. */
    public static final int OPTION_MALFORMED = 4;
    /** Marks a {@link #walk} result as an option's verdict (below {@link #CHAIN_TOO_LONG}). */
    private static final long OPTION_PROBLEM = Long.MIN_VALUE;

    /** RFC 8200 §4.5: the Fragment header's length. */
    public static final int FRAGMENT_HEADER_LEN = 8;

    /**
     * The offset of the Fragment header of a checked packet (after the headers of its
     * unfragmentable part: hop-by-hop, destination options, routing), -1 when it has none, -2
     * when the chain runs past the payload or is longer than {@link #MAX_EXTENSION_HEADERS}.
     */
    public static int fragmentHeader(byte[] b, int off) {
        int nh = nextHeader(b, off), end = off + totalLength(b, off), at = off + HEADER_LEN;
        for (int n = 0; n < MAX_EXTENSION_HEADERS; n++) {
            switch (nh) {
                case NH_FRAGMENT -> { return at + FRAGMENT_HEADER_LEN <= end ? at : -2; }
                case NH_HOP_BY_HOP, NH_ROUTING, NH_DEST_OPTIONS -> {
                    if (at + 8 > end || at + ((b[at + 1] & 0xff) + 1) * 8 > end) return -2;
                    nh = b[at] & 0xff;
                    at += ((b[at + 1] & 0xff) + 1) * 8;
                }
                default -> { return -1; }
            }
        }
        return -2;
    }

    /** The fragment offset in octets of the Fragment header at fh. */
    public static int fragmentOffset(byte[] b, int fh) { return Bytes.u16(b, fh + 2) & 0xfff8; }

    /** The M flag of the Fragment header at fh: more fragments follow. */
    public static boolean moreFragments(byte[] b, int fh) { return (b[fh + 3] & 1) != 0; }

    /** The Identification of the Fragment header at fh. */
    public static int fragmentId(byte[] b, int fh) { return Bytes.i32(b, fh + 4); }

    /**
     * Source fragmentation (RFC 8200 §4.5): the unfragmentable part (the IPv6 header, hop-by-hop
     * and routing headers, destination options before a routing header) repeated in each
     * fragment, then a Fragment header with identification id, then the fragmentable part cut in
     * pieces of a multiple of 8 octets so that each fragment is at most mtu. Each fragment is a
     * new array with headroom free bytes in front. Null when the unfragmentable part leaves no
     * room for 8 octets.
     */
    public static java.util.List<byte[]> fragment(byte[] b, int off, int mtu, int id, int headroom) {
        int end = off + totalLength(b, off), at = off + HEADER_LEN, nhField = off + 6;
        for (int n = 0; n < MAX_EXTENSION_HEADERS && at + 8 <= end; n++) {
            int nh = b[nhField] & 0xff;
            boolean unfragmentable = nh == NH_HOP_BY_HOP || nh == NH_ROUTING || nh == NH_DEST_OPTIONS && (b[at] & 0xff) == NH_ROUTING;
            if (!unfragmentable) break;
            nhField = at;
            at += ((b[at + 1] & 0xff) + 1) * 8;
        }
        int unfrag = at - off, chunk = (mtu - unfrag - FRAGMENT_HEADER_LEN) & ~7;
        if (chunk < 8 || at > end) return null;
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        for (int pos = 0, rest = end - at; pos < rest; pos += chunk) {
            int piece = Math.min(chunk, rest - pos);
            boolean more = pos + piece < rest;
            byte[] f = new byte[headroom + unfrag + FRAGMENT_HEADER_LEN + piece];
            System.arraycopy(b, off, f, headroom, unfrag);
            Bytes.put16(f, headroom + 4, unfrag - HEADER_LEN + FRAGMENT_HEADER_LEN + piece);
            f[headroom + nhField - off] = (byte) NH_FRAGMENT;
            int fh = headroom + unfrag;
            f[fh] = b[nhField];
            Bytes.put16(f, fh + 2, pos | (more ? 1 : 0));
            Bytes.put32(f, fh + 4, id);
            System.arraycopy(b, at + pos, f, fh + FRAGMENT_HEADER_LEN, piece);
            out.add(f);
        }
        return out;
    }

    /** The protocol of an {@link #upperLayer} result. */
    public static int protocolOf(long walk) { return (int) (walk >>> 32); }

    /** The offset of an {@link #upperLayer} result. */
    public static int offsetOf(long walk) { return (int) walk; }

    /** Sum of the RFC 8200 §8.1 pseudo-header: source, destination, upper-layer length, next header. */
    public static long pseudoHeader(byte[] b, int ipOff, int upperLength, int nextHeader) {
        long s = Checksum.sum(b, ipOff + 8, 32, 0);
        return s + (upperLength >>> 16) + (upperLength & 0xffff) + (nextHeader & 0xff);
    }

    /** The pseudo-header sum from addresses (for messages built before their IPv6 header). */
    public static long pseudoHeader(Ipv6Address src, Ipv6Address dst, int upperLength, int nextHeader) {
        long s = 0;
        for (int i = 0; i < 8; i++) s += src.group(i) + dst.group(i);
        return s + (upperLength >>> 16) + (upperLength & 0xffff) + (nextHeader & 0xff);
    }
}
