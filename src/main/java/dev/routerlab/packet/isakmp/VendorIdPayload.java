package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/** Vendor ID payload (RFC 2408 §3.16): an opaque identifier; see {@link VendorIds}. */
public record VendorIdPayload(byte[] data) implements Payload {
    public VendorIdPayload {
        data = data.clone();
    }

    @Override
    public int type() { return PayloadType.VENDOR_ID; }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        return Bytes.inBounds(b, off, len) ? PacketError.OK : PacketError.TRUNCATED;
    }

    public static VendorIdPayload decode(byte[] b, int off, int len) {
        return new VendorIdPayload(Arrays.copyOfRange(b, off, off + len));
    }

    /** True when this VID is {@code vid}, or starts with it when {@code vid} is a prefix form. */
    public boolean is(byte[] vid) { return Arrays.equals(data, vid); }

    @Override
    public byte[] body() { return data.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof VendorIdPayload p && Arrays.equals(p.data, data); }

    @Override
    public int hashCode() { return Arrays.hashCode(data); }

    @Override
    public String toString() { return "VID[" + VendorIds.name(data) + "]"; }
}
