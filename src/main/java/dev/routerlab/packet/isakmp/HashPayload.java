package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.PacketError;

/** Hash payload (RFC 2408 §3.11): HASH_I/HASH_R (RFC 2409 §5) or HASH(1..3) (§5.5). */
public final class HashPayload extends OpaquePayload {
    public HashPayload(byte[] data) { super(data); }

    @Override
    public int type() { return PayloadType.HASH; }

    /** Checks a body (after the generic header): the hash must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) { return check(b, off, len, 1, MAX_BODY); }

    public static HashPayload decode(byte[] b, int off, int len) { return new HashPayload(copy(b, off, len)); }
}
