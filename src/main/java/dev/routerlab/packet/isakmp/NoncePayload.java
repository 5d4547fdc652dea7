package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/** Nonce payload (RFC 2408 §3.13). RFC 2409 §5 wants 8 to 256 octets; so does this check. */
public record NoncePayload(byte[] data) implements Payload {
    public NoncePayload {
        data = data.clone();
    }

    @Override
    public int type() { return PayloadType.NONCE; }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header): 8 to 256 octets (RFC 2409 §5). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        if (len < 8 || len > 256) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    public static NoncePayload decode(byte[] b, int off, int len) {
        return new NoncePayload(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public byte[] body() { return data.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof NoncePayload p && Arrays.equals(p.data, data); }

    @Override
    public int hashCode() { return Arrays.hashCode(data); }

    @Override
    public String toString() { return "NoncePayload[" + data.length + " octets]"; }
}
