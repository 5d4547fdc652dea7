package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/** NAT-D payload (RFC 3947 §3.2): {@code HASH(CKY-I | CKY-R | IP | Port)} with the negotiated hash. */
public record NatDPayload(byte[] data) implements Payload {
    public NatDPayload {
        data = data.clone();
    }

    @Override
    public int type() { return PayloadType.NAT_D; }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header): the hash must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        if (len == 0) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    public static NatDPayload decode(byte[] b, int off, int len) {
        return new NatDPayload(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public byte[] body() { return data.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof NatDPayload p && Arrays.equals(p.data, data); }

    @Override
    public int hashCode() { return Arrays.hashCode(data); }

    @Override
    public String toString() { return "NatDPayload[" + data.length + " octets]"; }
}
