package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Data Attribute (RFC 2408 §3.3): Attribute Format bit, 15-bit type, then either a 2-octet
 * value (TV, AF=1) or a 2-octet length and that many octets (TLV, AF=0).
 *
 * @param type  attribute type without the AF bit
 * @param basic true for the TV form
 * @param value the value octets (2 for TV)
 */
public record Attribute(int type, boolean basic, byte[] value) {
    public Attribute {
        if (type < 0 || type > 0x7fff) throw new IllegalArgumentException("attribute type " + type);
        if (basic && value.length != 2) throw new IllegalArgumentException("TV value must be 2 octets");
        if (value.length > 0xffff) throw new IllegalArgumentException("attribute too long");
        value = value.clone();
    }

    /** A number in the shortest form: TV when it fits 16 bits, else TLV of 4 (or 8) octets. */
    public static Attribute of(int type, long v) {
        if (v < 0) throw new IllegalArgumentException("negative attribute value");
        if (v <= 0xffff) return new Attribute(type, true, new byte[] {(byte) (v >>> 8), (byte) v});
        int n = v <= 0xffff_ffffL ? 4 : 8;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (v >>> (8 * (n - 1 - i)));
        return new Attribute(type, false, b);
    }

    /** The value as an unsigned number, or -1 when it is longer than 7 octets of significance or empty. */
    public long number() {
        if (value.length == 0) return -1;
        int i = 0;
        while (i < value.length - 1 && value[i] == 0) i++;
        if (value.length - i > 7) return -1;
        long v = 0;
        for (; i < value.length; i++) v = v << 8 | (value[i] & 0xff);
        return v;
    }

    @Override
    public byte[] value() { return value.clone(); }

    int encodedLength() { return basic ? 4 : 4 + value.length; }

    void writeTo(ByteArrayOutputStream out) {
        int t = basic ? 0x8000 | type : type;
        out.write(t >>> 8);
        out.write(t);
        if (basic) {
            out.write(value, 0, 2);
        } else {
            out.write(value.length >>> 8);
            out.write(value.length);
            out.write(value, 0, value.length);
        }
    }

    /** Checks a run of attributes filling {@code [off, off+len)} exactly. Never throws. */
    public static PacketError checkList(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        int p = off, end = off + len;
        while (p < end) {
            if (end - p < 4) return PacketError.TRUNCATED;
            boolean tv = (b[p] & 0x80) != 0;
            int l = tv ? 4 : 4 + Bytes.u16(b, p + 2);
            if (l > end - p) return PacketError.TRUNCATED;
            p += l;
        }
        return PacketError.OK;
    }

    /** Decodes a run checked by {@link #checkList}. */
    public static List<Attribute> decodeList(byte[] b, int off, int len) {
        List<Attribute> out = new ArrayList<>();
        int p = off, end = off + len;
        while (p < end) {
            int t = Bytes.u16(b, p);
            boolean tv = (t & 0x8000) != 0;
            if (tv) {
                out.add(new Attribute(t & 0x7fff, true, Arrays.copyOfRange(b, p + 2, p + 4)));
                p += 4;
            } else {
                int l = Bytes.u16(b, p + 2);
                out.add(new Attribute(t, false, Arrays.copyOfRange(b, p + 4, p + 4 + l)));
                p += 4 + l;
            }
        }
        return out;
    }

    static byte[] encodeList(List<Attribute> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Attribute a : attributes) a.writeTo(out);
        return out.toByteArray();
    }

    /** The first attribute of a type, or null. */
    public static Attribute find(List<Attribute> list, int type) {
        for (Attribute a : list) if (a.type == type) return a;
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.type == type && a.basic == basic && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() { return type * 31 + Arrays.hashCode(value); }

    @Override
    public String toString() {
        long n = number();
        return "attr " + type + "=" + (basic || (n >= 0 && value.length <= 8) ? Long.toString(n) : HexFormat.of().formatHex(value));
    }
}
