package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;

/**
 * The fixed ISAKMP header (RFC 2408 §3.1): Initiator Cookie (8), Responder Cookie (8), Next
 * Payload (1), Major/Minor Version (1), Exchange Type (1), Flags (1), Message ID (4), Length (4).
 * Cookies are carried as {@code long}s (their 64 bits, network order).
 */
public final class IsakmpHeader {
    private IsakmpHeader() {}

    public static final int LENGTH = 28;
    /** Major 1, minor 0: what IKEv1 sends (RFC 2408 §3.1). */
    public static final int VERSION_1_0 = 0x10;
    /** Flags (RFC 2408 §3.1). */
    public static final int FLAG_ENCRYPTION = 0x01;
    public static final int FLAG_COMMIT = 0x02;
    public static final int FLAG_AUTHENTICATION_ONLY = 0x04;

    /**
     * Checks that a datagram starts with an ISAKMP version 1 header whose Length field is at
     * least the header and at most {@code len}. Trailing octets past Length are allowed (the
     * caller uses Length). Major version other than 1 (IKEv2 is 2) is {@code UNSUPPORTED}.
     * Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < LENGTH) return PacketError.TRUNCATED;
        if ((version(b, off) >>> 4) != 1) return PacketError.UNSUPPORTED;
        long l = length(b, off);
        if (l < LENGTH) return PacketError.BAD_LENGTH;
        if (l > len) return PacketError.TRUNCATED;
        return PacketError.OK;
    }

    public static long initiatorCookie(byte[] b, int off) { return cookie(b, off); }

    public static long responderCookie(byte[] b, int off) { return cookie(b, off + 8); }

    public static int nextPayload(byte[] b, int off) { return Bytes.u8(b, off + 16); }

    public static int version(byte[] b, int off) { return Bytes.u8(b, off + 17); }

    public static int exchangeType(byte[] b, int off) { return Bytes.u8(b, off + 18); }

    public static int flags(byte[] b, int off) { return Bytes.u8(b, off + 19); }

    public static boolean encrypted(byte[] b, int off) { return (flags(b, off) & FLAG_ENCRYPTION) != 0; }

    public static int messageId(byte[] b, int off) { return Bytes.i32(b, off + 20); }

    /** Length of the whole message, header included, as an unsigned value. */
    public static long length(byte[] b, int off) { return Bytes.u32L(b, off + 24); }

    /** Writes a header at off. */
    public static void write(byte[] b, int off, long initiatorCookie, long responderCookie, int nextPayload,
                             int exchangeType, int flags, int messageId, int length) {
        putCookie(b, off, initiatorCookie);
        putCookie(b, off + 8, responderCookie);
        b[off + 16] = (byte) nextPayload;
        b[off + 17] = (byte) VERSION_1_0;
        b[off + 18] = (byte) exchangeType;
        b[off + 19] = (byte) flags;
        Bytes.put32(b, off + 20, messageId);
        Bytes.put32(b, off + 24, length);
    }

    /** A whole message: header followed by {@code body} (already chained, maybe encrypted). */
    public static byte[] assemble(long initiatorCookie, long responderCookie, int firstPayload, int exchangeType,
                                  int flags, int messageId, byte[] body) {
        byte[] m = new byte[LENGTH + body.length];
        write(m, 0, initiatorCookie, responderCookie, firstPayload, exchangeType, flags, messageId, m.length);
        System.arraycopy(body, 0, m, LENGTH, body.length);
        return m;
    }

    static long cookie(byte[] b, int off) {
        return (Bytes.u32L(b, off) << 32) | Bytes.u32L(b, off + 4);
    }

    static void putCookie(byte[] b, int off, long c) {
        Bytes.put32(b, off, (int) (c >>> 32));
        Bytes.put32(b, off + 4, (int) c);
    }

    /** The 16-octet SPI that names an ISAKMP SA in Notification and Delete payloads (RFC 2408 §3.14). */
    public static byte[] cookiePair(long initiatorCookie, long responderCookie) {
        byte[] s = new byte[16];
        putCookie(s, 0, initiatorCookie);
        putCookie(s, 8, responderCookie);
        return s;
    }

    /** Cookie {@code index} (0 or 1) of a 16-octet ISAKMP SPI. */
    public static long cookieOf(byte[] spi16, int index) {
        return cookie(spi16, index * 8);
    }
}
