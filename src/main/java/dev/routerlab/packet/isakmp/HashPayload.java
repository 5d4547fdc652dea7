package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/** Hash payload (RFC 2408 §3.11): HASH_I/HASH_R (RFC 2409 §5) or HASH(1..3) (§5.5). */
public record HashPayload(byte[] data) implements Payload {
    public HashPayload {
        data = data.clone();
    }

    @Override
    public int type() { return PayloadType.HASH; }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header): the hash must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        if (len == 0) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    public static HashPayload decode(byte[] b, int off, int len) {
        return new HashPayload(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public byte[] body() { return data.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof HashPayload p && Arrays.equals(p.data, data); }

    @Override
    public int hashCode() { return Arrays.hashCode(data); }

    @Override
    public String toString() { return "HashPayload[" + data.length + " octets]"; }
}
