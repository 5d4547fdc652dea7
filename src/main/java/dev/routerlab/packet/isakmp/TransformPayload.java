package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.List;

/**
 * A Transform payload inside a Proposal (RFC 2408 §3.6): Transform # (1), Transform-ID (1),
 * RESERVED2 (2), SA Attributes.
 */
public record TransformPayload(int number, int transformId, List<Attribute> attributes) {
    public TransformPayload {
        attributes = List.copyOf(attributes);
    }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 4) return PacketError.TRUNCATED;
        return Attribute.checkList(b, off + 4, len - 4);
    }

    public static TransformPayload decode(byte[] b, int off, int len) {
        return new TransformPayload(Bytes.u8(b, off), Bytes.u8(b, off + 1), Attribute.decodeList(b, off + 4, len - 4));
    }

    public byte[] body() {
        byte[] attrs = Attribute.encodeList(attributes);
        byte[] out = new byte[4 + attrs.length];
        out[0] = (byte) number;
        out[1] = (byte) transformId;
        System.arraycopy(attrs, 0, out, 4, attrs.length);
        return out;
    }

    /** The first attribute of a type, or null. */
    public Attribute attribute(int type) {
        return Attribute.find(attributes, type);
    }

    /** The numeric value of an attribute, or {@code dflt} when absent (or not a number). */
    public long number(int type, long dflt) {
        Attribute a = attribute(type);
        long v = a == null ? -1 : a.number();
        return v < 0 ? dflt : v;
    }
}
