package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.PacketError;

/** Key Exchange payload (RFC 2408 §3.7): the Diffie-Hellman public value (RFC 2409 §5; ECP groups x | y, RFC 5903 §7). */
public final class KePayload extends OpaquePayload {
    public KePayload(byte[] data) { super(data); }

    @Override
    public int type() { return PayloadType.KE; }

    /** Checks a body (after the generic header): the value must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) { return check(b, off, len, 1, MAX_BODY); }

    public static KePayload decode(byte[] b, int off, int len) { return new KePayload(copy(b, off, len)); }
}
