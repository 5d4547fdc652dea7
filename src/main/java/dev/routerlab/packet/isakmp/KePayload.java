package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/** Key Exchange payload (RFC 2408 §3.7): the Diffie-Hellman public value (RFC 2409 §5; ECP groups x | y, RFC 5903 §7). */
public record KePayload(byte[] data) implements Payload {
    public KePayload {
        data = data.clone();
    }

    @Override
    public int type() { return PayloadType.KE; }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header): the value must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        if (len == 0) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    public static KePayload decode(byte[] b, int off, int len) {
        return new KePayload(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public byte[] body() { return data.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof KePayload p && Arrays.equals(p.data, data); }

    @Override
    public int hashCode() { return Arrays.hashCode(data); }

    @Override
    public String toString() { return "KePayload[" + data.length + " octets]"; }
}
