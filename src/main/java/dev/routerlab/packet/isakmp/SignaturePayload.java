package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.PacketError;

/** Signature payload (RFC 2408 §3.12): SIG_I/SIG_R of Main Mode with signatures (RFC 2409 §5.1). */
public final class SignaturePayload extends OpaquePayload {
    public SignaturePayload(byte[] data) { super(data); }

    @Override
    public int type() { return PayloadType.SIG; }

    /** Checks a body (after the generic header): the signature must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) { return check(b, off, len, 1, MAX_BODY); }

    public static SignaturePayload decode(byte[] b, int off, int len) { return new SignaturePayload(copy(b, off, len)); }
}
