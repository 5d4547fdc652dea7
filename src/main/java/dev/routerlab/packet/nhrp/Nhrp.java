package dev.routerlab.packet.nhrp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.PacketError;

/**
 * NHRP packets (RFC 2332 section 5.2) as IOS DMVPN sends them: the fixed header, the mandatory
 * part, Client Information Entries (CIEs) and extensions (section 5.3), plus Cisco's Traffic
 * Indication (type 8, draft-detienne-dmvpn section 4) and NAT address extension (type 9).
 *
 * <p>Offsets given to accessors: {@code off} is the first byte of the fixed header (ar$afn);
 * CIE accessors take the CIE's own offset {@code c}, extension accessors the extension header's
 * offset {@code e}, both absolute indexes into the array.
 */
public final class Nhrp {
    private Nhrp() {}

    // RFC 2332 5.2.0 fixed header
    public static final int FIXED_HEADER_LEN = 20;
    public static final int AFN_IPV4 = 0x0001;
    public static final int PROTOCOL_IPV4 = 0x0800;
    public static final int VERSION = 1;
    public static final int DEFAULT_HOP_COUNT = 255;
    /** ar$shtl / client address T/L for a 4-byte NSAP-format (plain) address. */
    public static final int ADDRESS_TL_IPV4 = 4;
    /** Fixed header + mandatory part (5.2.0.1) with IPv4 addresses: where the CIEs (or the indication's contents) start. */
    public static final int HEADERS_LEN = 40;
    /** CIE without its addresses (RFC 2332 5.2.0.1). */
    public static final int CIE_HEADER_LEN = 12;
    /** CIE with a 4-byte NBMA and a 4-byte protocol address. */
    public static final int CIE_LEN_WITH_ADDRESSES = 20;
    public static final int EXT_HEADER_LEN = 4;

    // field offsets from the start of the packet
    public static final int O_AFN = 0, O_PROTOCOL_TYPE = 2, O_SNAP = 4, O_HOP_COUNT = 9, O_PACKET_SIZE = 10,
            O_CHECKSUM = 12, O_EXTENSION_OFFSET = 14, O_VERSION = 16, O_TYPE = 17, O_SHTL = 18, O_SSTL = 19,
            O_SRC_PROTO_LEN = 20, O_DST_PROTO_LEN = 21, O_FLAGS = 22, O_REQUEST_ID = 24,
            O_ERROR_CODE = 24, O_ERROR_OFFSET = 26, O_TRAFFIC_CODE = 24,
            O_SRC_NBMA = 28, O_SRC_PROTO = 32, O_DST_PROTO = 36;

    // ar$op.type (5.2.0; 8 is Cisco's)
    public static final int TYPE_RESOLUTION_REQUEST = 1;
    public static final int TYPE_RESOLUTION_REPLY = 2;
    public static final int TYPE_REGISTRATION_REQUEST = 3;
    public static final int TYPE_REGISTRATION_REPLY = 4;
    public static final int TYPE_PURGE_REQUEST = 5;
    public static final int TYPE_PURGE_REPLY = 6;
    public static final int TYPE_ERROR_INDICATION = 7;
    public static final int TYPE_TRAFFIC_INDICATION = 8;
    public static final int MAX_TYPE = 8;

    // Resolution flags (5.2.1, 5.2.2)
    public static final int FLAG_Q = 0x8000;
    public static final int FLAG_A = 0x4000;
    public static final int FLAG_D = 0x2000;
    public static final int FLAG_U = 0x1000;
    public static final int FLAG_S = 0x0800;
    /** Registration flag U, uniqueness (5.2.3). */
    public static final int FLAG_REGISTRATION_UNIQUE = 0x8000;
    /** Purge flag N, no reply expected (5.2.5). */
    public static final int FLAG_PURGE_NO_REPLY = 0x8000;
    /** Cisco: the sender supports the NAT address extension. */
    public static final int FLAG_CISCO_NAT = 0x0002;

    // extensions (5.3)
    public static final int EXT_COMPULSORY = 0x8000;
    public static final int EXT_TYPE_MASK = 0x3fff;
    public static final int EXT_END = 0;
    public static final int EXT_RESPONDER_ADDRESS = 3;
    public static final int EXT_FORWARD_TRANSIT_NHS = 4;
    public static final int EXT_REVERSE_TRANSIT_NHS = 5;
    public static final int EXT_AUTHENTICATION = 7;
    public static final int EXT_VENDOR_PRIVATE = 8;
    /** Cisco NAT address extension: a CIE with the sender's address as seen by the NHS. */
    public static final int EXT_CISCO_NAT_ADDRESS = 9;
    /** 5.3.4 authentication type 1, cleartext password (what `ip nhrp authentication` sends). */
    public static final int AUTH_TYPE_CLEARTEXT = 1;

    // CIE codes (5.2.2, 5.2.4)
    public static final int CODE_SUCCESS = 0;
    public static final int CODE_ADMINISTRATIVELY_PROHIBITED = 4;
    public static final int CODE_INSUFFICIENT_RESOURCES = 5;
    public static final int CODE_NO_BINDING = 12;
    public static final int CODE_NOT_UNIQUE = 13;
    public static final int CODE_ALREADY_REGISTERED = 14;

    // Error Indication codes (5.2.7)
    public static final int ERROR_UNRECOGNIZED_EXTENSION = 1;
    public static final int ERROR_LOOP_DETECTED = 3;
    public static final int ERROR_PROTOCOL_ADDRESS_UNREACHABLE = 6;
    public static final int ERROR_PROTOCOL_ERROR = 7;
    public static final int ERROR_SDU_SIZE_EXCEEDED = 8;
    public static final int ERROR_INVALID_EXTENSION = 9;
    public static final int ERROR_INVALID_RESOLUTION_REPLY = 10;
    public static final int ERROR_AUTHENTICATION_FAILURE = 11;
    public static final int ERROR_HOP_COUNT_EXCEEDED = 15;

    /** Traffic Indication code 0: redirect (a better path may exist). */
    public static final int TRAFFIC_CODE_REDIRECT = 0;

    private static final String[] TYPE_NAMES = {"Unknown", "Resolution Request", "Resolution Reply",
            "Registration Request", "Registration Reply", "Purge Request", "Purge Reply", "Error Indication",
            "Traffic Indication"};

    /** IOS name of a packet type ("Registration Request"). */
    public static String typeName(int type) {
        return type >= 1 && type <= MAX_TYPE ? TYPE_NAMES[type] : "Unknown (" + type + ")";
    }

    /** True for the types whose mandatory part holds a CIE list (all but the indications). */
    public static boolean hasCies(int type) { return type >= TYPE_RESOLUTION_REQUEST && type <= TYPE_PURGE_REPLY; }

    // ---------------------------------------------------------------- validation

    /**
     * OK when b[off, off+len) starts with a whole NHRP packet this codec handles: ar$pktsz within
     * len (the rest is ignored), version 1, correct checksum (5.2.0 ar$chksum), IPv4 over IPv4
     * with no subaddresses, a known type, a CIE list (or indication contents) ending exactly at
     * ar$extoff (or ar$pktsz), and extensions that fit, CIE-carrying ones holding whole CIEs.
     * Bytes after the End Of Extensions extension are ignored. Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < FIXED_HEADER_LEN) return PacketError.TRUNCATED;
        int size = Bytes.u16(b, off + O_PACKET_SIZE);
        if (size < FIXED_HEADER_LEN) return PacketError.BAD_LENGTH;
        if (size > len) return PacketError.TRUNCATED;
        if (version(b, off) != VERSION) return PacketError.BAD_VERSION;
        if (!Checksum.verify(b, off, size, 0)) return PacketError.BAD_CHECKSUM;
        if (afn(b, off) != AFN_IPV4 || protocolType(b, off) != PROTOCOL_IPV4) return PacketError.UNSUPPORTED;
        int t = type(b, off);
        if (t < 1 || t > MAX_TYPE) return PacketError.UNSUPPORTED;
        if (b[off + O_SHTL] != ADDRESS_TL_IPV4 || b[off + O_SSTL] != 0) return PacketError.UNSUPPORTED;
        if (size < HEADERS_LEN) return PacketError.TRUNCATED;
        if (b[off + O_SRC_PROTO_LEN] != 4 || b[off + O_DST_PROTO_LEN] != 4) return PacketError.UNSUPPORTED;
        int extoff = extensionOffset(b, off);
        if (extoff != 0 && (extoff < HEADERS_LEN || extoff > size)) return PacketError.BAD_LENGTH;
        int mandEnd = off + (extoff == 0 ? size : extoff);
        if (hasCies(t)) {
            PacketError e = checkCies(b, off + HEADERS_LEN, mandEnd);
            if (e != PacketError.OK) return e;
        }
        if (extoff == 0) return PacketError.OK;
        int end = off + size;
        int e = off + extoff;
        while (e < end) {
            if (end - e < EXT_HEADER_LEN) return PacketError.TRUNCATED;
            int type = extType(b, e);
            int l = extLength(b, e);
            int v = e + EXT_HEADER_LEN;
            if (l > end - v) return PacketError.TRUNCATED;
            switch (type) {
                case EXT_END -> {
                    return l == 0 ? PacketError.OK : PacketError.BAD_FIELD;
                }
                case EXT_RESPONDER_ADDRESS, EXT_FORWARD_TRANSIT_NHS, EXT_REVERSE_TRANSIT_NHS, EXT_CISCO_NAT_ADDRESS -> {
                    PacketError ce = checkCies(b, v, v + l);
                    if (ce != PacketError.OK) return ce;
                }
                case EXT_AUTHENTICATION -> {
                    if (l < 4) return PacketError.BAD_LENGTH;
                }
                case EXT_VENDOR_PRIVATE -> {
                    if (l < 3) return PacketError.BAD_LENGTH;
                }
                default -> { }
            }
            e = v + l;
        }
        return PacketError.OK;
    }

    /** Whole CIEs with 0- or 4-byte NBMA and protocol addresses and no subaddress, exactly filling [from, to). */
    private static PacketError checkCies(byte[] b, int from, int to) {
        while (from < to) {
            if (to - from < CIE_HEADER_LEN) return PacketError.TRUNCATED;
            int nl = b[from + 8], sl = b[from + 9], pl = b[from + 10];
            if ((nl != 0 && nl != 4) || sl != 0 || (pl != 0 && pl != 4)) return PacketError.UNSUPPORTED;
            int cl = CIE_HEADER_LEN + nl + pl;
            if (cl > to - from) return PacketError.TRUNCATED;
            from += cl;
        }
        return PacketError.OK;
    }

    // ---------------------------------------------------------------- fixed header

    public static int afn(byte[] b, int off) { return Bytes.u16(b, off + O_AFN); }

    public static int protocolType(byte[] b, int off) { return Bytes.u16(b, off + O_PROTOCOL_TYPE); }

    public static int hopCount(byte[] b, int off) { return Bytes.u8(b, off + O_HOP_COUNT); }

    public static int packetSize(byte[] b, int off) { return Bytes.u16(b, off + O_PACKET_SIZE); }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + O_CHECKSUM); }

    /** ar$extoff: 0 when there are no extensions. */
    public static int extensionOffset(byte[] b, int off) { return Bytes.u16(b, off + O_EXTENSION_OFFSET); }

    public static int version(byte[] b, int off) { return Bytes.u8(b, off + O_VERSION); }

    public static int type(byte[] b, int off) { return Bytes.u8(b, off + O_TYPE); }

    // ---------------------------------------------------------------- mandatory part

    public static int flags(byte[] b, int off) { return Bytes.u16(b, off + O_FLAGS); }

    /** Request ID (32 bits; print with Integer.toUnsignedString). Not present in indications. */
    public static int requestId(byte[] b, int off) { return Bytes.i32(b, off + O_REQUEST_ID); }

    public static int errorCode(byte[] b, int off) { return Bytes.u16(b, off + O_ERROR_CODE); }

    public static int errorOffset(byte[] b, int off) { return Bytes.u16(b, off + O_ERROR_OFFSET); }

    public static int trafficCode(byte[] b, int off) { return Bytes.u16(b, off + O_TRAFFIC_CODE); }

    public static int sourceNbma(byte[] b, int off) { return Bytes.i32(b, off + O_SRC_NBMA); }

    public static int sourceProtocol(byte[] b, int off) { return Bytes.i32(b, off + O_SRC_PROTO); }

    public static int destinationProtocol(byte[] b, int off) { return Bytes.i32(b, off + O_DST_PROTO); }

    /** End of the mandatory part (absolute index): ar$extoff, or ar$pktsz without extensions. */
    public static int mandatoryEnd(byte[] b, int off) {
        int x = extensionOffset(b, off);
        return off + (x == 0 ? packetSize(b, off) : x);
    }

    /** Start of an indication's contents (the packet in error, or the data packet that caused a Traffic Indication). */
    public static int contentsOffset(int off) { return off + HEADERS_LEN; }

    public static int contentsLength(byte[] b, int off) { return mandatoryEnd(b, off) - off - HEADERS_LEN; }

    // ---------------------------------------------------------------- CIEs

    /** The first CIE of the mandatory part, or -1 when there is none. */
    public static int firstCie(byte[] b, int off) {
        return hasCies(type(b, off)) && off + HEADERS_LEN < mandatoryEnd(b, off) ? off + HEADERS_LEN : -1;
    }

    /** The CIE after c in a list ending at end, or -1. */
    public static int nextCie(byte[] b, int c, int end) {
        int n = c + cieLength(b, c);
        return n < end ? n : -1;
    }

    public static int cieLength(byte[] b, int c) { return CIE_HEADER_LEN + cieNbmaLength(b, c) + cieProtocolLength(b, c); }

    public static int cieCode(byte[] b, int c) { return Bytes.u8(b, c); }

    public static int ciePrefixLength(byte[] b, int c) { return Bytes.u8(b, c + 1); }

    /** The prefix length as an IPv4 mask length: 0 and 0xFF (5.2.0.1: "no equivalence") and anything above 32 mean 32. */
    public static int ciePrefixLengthIpv4(byte[] b, int c) {
        int p = ciePrefixLength(b, c);
        return p == 0 || p > 32 ? 32 : p;
    }

    public static int cieMtu(byte[] b, int c) { return Bytes.u16(b, c + 4); }

    public static int cieHoldingTime(byte[] b, int c) { return Bytes.u16(b, c + 6); }

    public static int cieNbmaLength(byte[] b, int c) { return Bytes.u8(b, c + 8); }

    public static int cieProtocolLength(byte[] b, int c) { return Bytes.u8(b, c + 10); }

    public static int ciePreference(byte[] b, int c) { return Bytes.u8(b, c + 11); }

    /** Client NBMA address, 0 when the CIE carries none. */
    public static int cieNbma(byte[] b, int c) { return cieNbmaLength(b, c) == 4 ? Bytes.i32(b, c + 12) : 0; }

    /** Client protocol address, 0 when the CIE carries none. */
    public static int cieProtocol(byte[] b, int c) {
        return cieProtocolLength(b, c) == 4 ? Bytes.i32(b, c + 12 + cieNbmaLength(b, c)) : 0;
    }

    // ---------------------------------------------------------------- extensions

    /** The first extension header, or -1 when there is none. */
    public static int firstExtension(byte[] b, int off) {
        int x = extensionOffset(b, off);
        return x != 0 && x + EXT_HEADER_LEN <= packetSize(b, off) ? off + x : -1;
    }

    /** The extension after e, or -1 after End Of Extensions or at the end of the packet. */
    public static int nextExtension(byte[] b, int off, int e) {
        if (extType(b, e) == EXT_END) return -1;
        int n = e + EXT_HEADER_LEN + extLength(b, e);
        return n + EXT_HEADER_LEN <= off + packetSize(b, off) ? n : -1;
    }

    /** The first extension of the given type, or -1. */
    public static int findExtension(byte[] b, int off, int type) {
        for (int e = firstExtension(b, off); e >= 0; e = nextExtension(b, off, e)) {
            if (extType(b, e) == type) return e;
        }
        return -1;
    }

    public static int extType(byte[] b, int e) { return Bytes.u16(b, e) & EXT_TYPE_MASK; }

    public static boolean extCompulsory(byte[] b, int e) { return (Bytes.u16(b, e) & EXT_COMPULSORY) != 0; }

    public static int extLength(byte[] b, int e) { return Bytes.u16(b, e + 2); }

    public static int extValue(int e) { return e + EXT_HEADER_LEN; }

    /** First CIE of a CIE-carrying extension, or -1 when it is empty. */
    public static int extFirstCie(byte[] b, int e) { return extLength(b, e) > 0 ? e + EXT_HEADER_LEN : -1; }

    /** End of the extension's value (for {@link #nextCie}). */
    public static int extEnd(byte[] b, int e) { return e + EXT_HEADER_LEN + extLength(b, e); }

    /** True for the extension types this codec knows (5.3 and Cisco's 9). */
    public static boolean knownExtension(int type) {
        return type == EXT_END || type == EXT_RESPONDER_ADDRESS || type == EXT_FORWARD_TRANSIT_NHS
                || type == EXT_REVERSE_TRANSIT_NHS || type == EXT_AUTHENTICATION || type == EXT_VENDOR_PRIVATE
                || type == EXT_CISCO_NAT_ADDRESS;
    }

    /** The first compulsory extension of an unknown type (5.3: the request is then in error), or -1. */
    public static int unknownCompulsoryExtension(byte[] b, int off) {
        for (int e = firstExtension(b, off); e >= 0; e = nextExtension(b, off, e)) {
            if (extCompulsory(b, e) && !knownExtension(extType(b, e))) return e;
        }
        return -1;
    }

    /**
     * 5.3.4 as IOS uses it: an Authentication extension whose value is the 32-bit type 1
     * (cleartext) followed by exactly the secret's bytes.
     */
    public static boolean authenticationMatches(byte[] b, int off, byte[] secret) {
        int e = findExtension(b, off, EXT_AUTHENTICATION);
        if (e < 0 || extLength(b, e) != 4 + secret.length) return false;
        int v = extValue(e);
        if (Bytes.i32(b, v) != AUTH_TYPE_CLEARTEXT) return false;
        for (int i = 0; i < secret.length; i++) if (b[v + 4 + i] != secret[i]) return false;
        return true;
    }

    /** True when protocol address a is in the CIE list of a transit-record extension (loop detection, 5.3.2). */
    public static boolean transitRecordContains(byte[] b, int e, int a) {
        int end = extEnd(b, e);
        for (int c = extFirstCie(b, e); c >= 0; c = nextCie(b, c, end)) {
            if (cieProtocolLength(b, c) == 4 && cieProtocol(b, c) == a) return true;
        }
        return false;
    }
}
