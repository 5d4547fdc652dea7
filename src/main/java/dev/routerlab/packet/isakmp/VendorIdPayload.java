package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.PacketError;

/** Vendor ID payload (RFC 2408 §3.16): an opaque identifier; see {@link VendorIds}. */
public final class VendorIdPayload extends OpaquePayload {
    public VendorIdPayload(byte[] data) { super(data); }

    @Override
    public int type() { return PayloadType.VENDOR_ID; }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) { return check(b, off, len, 0, MAX_BODY); }

    public static VendorIdPayload decode(byte[] b, int off, int len) { return new VendorIdPayload(copy(b, off, len)); }

    /** True when this VID is {@code vid}, or starts with it when {@code vid} is a prefix form. */
    public boolean is(byte[] vid) { return java.util.Arrays.equals(data, vid); }

    @Override
    public String toString() { return "VID[" + VendorIds.name(data) + "]"; }
}
