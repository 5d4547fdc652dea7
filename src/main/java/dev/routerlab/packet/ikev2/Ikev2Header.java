package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;

/**
 * The IKE header (RFC 7296 §3.1): IKE SA Initiator's SPI (8), Responder's SPI (8), Next Payload
 * (1), Major/Minor Version (1), Exchange Type (1), Flags (1), Message ID (4), Length (4).
 */
public final class Ikev2Header {
    private Ikev2Header() {}

    public static final int LENGTH = 28;
    public static final int VERSION = 0x20;
    public static final int IKE_SA_INIT = 34, IKE_AUTH = 35, CREATE_CHILD_SA = 36, INFORMATIONAL = 37;
    /** Flags (§3.1): Initiator (the original initiator of the IKE SA), Version, Response. */
    public static final int FLAG_INITIATOR = 0x08, FLAG_VERSION = 0x10, FLAG_RESPONSE = 0x20;

    /** A message of major version 2 whose Length fits {@code len}. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < LENGTH) return PacketError.TRUNCATED;
        if ((b[off + 17] & 0xf0) != VERSION) return PacketError.BAD_VERSION;
        long l = Bytes.u32L(b, off + 24);
        if (l < LENGTH) return PacketError.BAD_LENGTH;
        if (l > len) return PacketError.TRUNCATED;
        return PacketError.OK;
    }

    /** The major version of an ISAKMP/IKE header (1 or 2) at off, or 0 when too short. */
    public static int majorVersion(byte[] b, int off, int len) {
        return len < LENGTH || !Bytes.inBounds(b, off, len) ? 0 : (b[off + 17] & 0xff) >>> 4;
    }

    public static long spiI(byte[] b, int off) { return ((long) Bytes.i32(b, off) << 32) | Bytes.u32L(b, off + 4); }

    public static long spiR(byte[] b, int off) { return ((long) Bytes.i32(b, off + 8) << 32) | Bytes.u32L(b, off + 12); }

    public static int nextPayload(byte[] b, int off) { return b[off + 16] & 0xff; }

    public static int exchangeType(byte[] b, int off) { return b[off + 18] & 0xff; }

    public static int flags(byte[] b, int off) { return b[off + 19] & 0xff; }

    public static boolean response(byte[] b, int off) { return (flags(b, off) & FLAG_RESPONSE) != 0; }

    public static boolean fromInitiator(byte[] b, int off) { return (flags(b, off) & FLAG_INITIATOR) != 0; }

    public static int messageId(byte[] b, int off) { return Bytes.i32(b, off + 20); }

    public static long length(byte[] b, int off) { return Bytes.u32L(b, off + 24); }

    /** Writes a header at off (Length = {@code length}, the whole message). */
    public static void write(byte[] b, int off, long spiI, long spiR, int next, int exchange, int flags, int messageId,
                             int length) {
        Bytes.put32(b, off, (int) (spiI >>> 32));
        Bytes.put32(b, off + 4, (int) spiI);
        Bytes.put32(b, off + 8, (int) (spiR >>> 32));
        Bytes.put32(b, off + 12, (int) spiR);
        b[off + 16] = (byte) next;
        b[off + 17] = (byte) VERSION;
        b[off + 18] = (byte) exchange;
        b[off + 19] = (byte) flags;
        Bytes.put32(b, off + 20, messageId);
        Bytes.put32(b, off + 24, length);
    }

    public static String exchangeName(int type) {
        return switch (type) {
            case IKE_SA_INIT -> "IKE_SA_INIT";
            case IKE_AUTH -> "IKE_AUTH";
            case CREATE_CHILD_SA -> "CREATE_CHILD_SA";
            case INFORMATIONAL -> "INFORMATIONAL";
            default -> "EXCHANGE " + type;
        };
    }
}
