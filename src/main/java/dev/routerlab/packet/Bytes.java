package dev.routerlab.packet;

/** Big-endian (network order) field access on byte arrays. No bounds checks beyond the JVM's. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] b, int off) { return b[off] & 0xff; }

    public static int u16(byte[] b, int off) { return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff); }

    /** 32-bit field as int (same bits; use {@link #u32L} for an unsigned value). */
    public static int i32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    public static long u32L(byte[] b, int off) { return i32(b, off) & 0xffffffffL; }

    public static void put8(byte[] b, int off, int v) { b[off] = (byte) v; }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void put32(byte[] b, int off, long v) { put32(b, off, (int) v); }

    /** True when [off, off+len) is a valid range of a non-null b. Never throws. */
    public static boolean inBounds(byte[] b, int off, int len) {
        return b != null && off >= 0 && len >= 0 && off <= b.length - len;
    }
}
