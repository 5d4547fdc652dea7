package dev.routerlab.packet;

/** A 48-bit IEEE 802 MAC address; {@link #toString()} prints the IOS dotted form {@code aabb.cc00.0100}. */
public final class MacAddress implements Comparable<MacAddress> {
    public static final int LENGTH = 6;
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    public static final MacAddress ZERO = new MacAddress(0);

    private final long value;

    private MacAddress(long value) { this.value = value & 0xffff_ffff_ffffL; }

    /** From the low 48 bits of value. */
    public static MacAddress of(long value) { return new MacAddress(value); }

    /** Reads 6 bytes at off. */
    public static MacAddress read(byte[] b, int off) { return new MacAddress(readLong(b, off)); }

    /** Reads 6 bytes at off as a long, without allocating. */
    public static long readLong(byte[] b, int off) {
        return (long) Bytes.u16(b, off) << 32 | Bytes.u32L(b, off + 2);
    }

    /** Writes the 6 bytes of a value from {@link #readLong}/{@link #toLong} at off. */
    public static void writeLong(long value, byte[] b, int off) {
        Bytes.put16(b, off, (int) (value >>> 32));
        Bytes.put32(b, off + 2, (int) value);
    }

    /**
     * Parses {@code aabb.cc00.0100} (IOS), {@code aa:bb:cc:00:01:00} or {@code aa-bb-cc-00-01-00}.
     * @throws IllegalArgumentException if s is none of these
     */
    public static MacAddress parse(String s) {
        if (s != null) {
            String hex = null;
            if (s.length() == 14 && s.charAt(4) == '.' && s.charAt(9) == '.') {
                hex = s.substring(0, 4) + s.substring(5, 9) + s.substring(10);
            } else if (s.length() == 17) {
                char sep = s.charAt(2);
                if (sep == ':' || sep == '-') {
                    StringBuilder sb = new StringBuilder(12);
                    boolean okSeps = true;
                    for (int i = 0; i < 17; i++) {
                        if (i % 3 == 2) okSeps &= s.charAt(i) == sep; else sb.append(s.charAt(i));
                    }
                    if (okSeps) hex = sb.toString();
                }
            }
            if (hex != null && hex.length() == 12 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return new MacAddress(Long.parseLong(hex, 16));
            }
        }
        throw new IllegalArgumentException("invalid MAC address: " + s);
    }

    public long toLong() { return value; }

    public void write(byte[] b, int off) { writeLong(value, b, off); }

    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        write(b, 0);
        return b;
    }

    public boolean isBroadcast() { return value == 0xffff_ffff_ffffL; }

    /** I/G bit set (IEEE 802-2014 section 8.2): multicast or broadcast. */
    public boolean isMulticast() { return (value & 0x0100_0000_0000L) != 0; }

    @Override public boolean equals(Object o) { return o instanceof MacAddress && ((MacAddress) o).value == value; }

    @Override public int hashCode() { return Long.hashCode(value); }

    @Override public int compareTo(MacAddress o) { return Long.compare(value, o.value); }

    /** IOS form: three dot-separated groups of four lower-case hex digits. */
    @Override
    public String toString() {
        String h = String.format("%012x", value);
        return h.substring(0, 4) + '.' + h.substring(4, 8) + '.' + h.substring(8);
    }
}
