package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.PacketError;

/** Nonce payload (RFC 2408 §3.13). RFC 2409 §5 wants 8 to 256 octets; so does this check. */
public final class NoncePayload extends OpaquePayload {
    public NoncePayload(byte[] data) { super(data); }

    @Override
    public int type() { return PayloadType.NONCE; }

    /** Checks a body (after the generic header): 8 to 256 octets (RFC 2409 §5). Never throws. */
    public static PacketError check(byte[] b, int off, int len) { return check(b, off, len, 8, 256); }

    public static NoncePayload decode(byte[] b, int off, int len) { return new NoncePayload(copy(b, off, len)); }
}
