package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/**
 * A payload whose body is one opaque octet string: KE (RFC 2408 §3.7), HASH (§3.11), NONCE
 * (§3.13), SIG (§3.12), VID (§3.16) and NAT-D (RFC 3947 §3.2) share this codec and differ in type and check.
 */
public abstract sealed class OpaquePayload implements Payload
        permits KePayload, HashPayload, NoncePayload, VendorIdPayload, NatDPayload, SignaturePayload {
    /** No body bound beyond the payload length field. */
    static final int MAX_BODY = Integer.MAX_VALUE;

    final byte[] data;

    OpaquePayload(byte[] data) { this.data = data.clone(); }

    /** The octet string. */
    public final byte[] data() { return data.clone(); }

    @Override
    public final byte[] body() { return data.clone(); }

    /** Checks a body of min to max octets. Never throws. */
    static PacketError check(byte[] b, int off, int len, int min, int max) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        if (len < min || len > max) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    static byte[] copy(byte[] b, int off, int len) { return Arrays.copyOfRange(b, off, off + len); }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(((OpaquePayload) o).data, data);
    }

    @Override
    public final int hashCode() { return Arrays.hashCode(data); }

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + data.length + " octets]"; }
}
