package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.PacketError;

/** NAT-D payload (RFC 3947 §3.2): {@code HASH(CKY-I | CKY-R | IP | Port)} with the negotiated hash. */
public final class NatDPayload extends OpaquePayload {
    public NatDPayload(byte[] data) { super(data); }

    @Override
    public int type() { return PayloadType.NAT_D; }

    /** Checks a body (after the generic header): the hash must not be empty. Never throws. */
    public static PacketError check(byte[] b, int off, int len) { return check(b, off, len, 1, MAX_BODY); }

    public static NatDPayload decode(byte[] b, int off, int len) { return new NatDPayload(copy(b, off, len)); }
}
