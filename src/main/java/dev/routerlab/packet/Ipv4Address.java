package dev.routerlab.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses and masks as plain {@code int}s (the 32 bits in network order: a.b.c.d = a<<24|...). */
public final class Ipv4Address {
    private Ipv4Address() {}

    public static final int ANY = 0;
    public static final int LIMITED_BROADCAST = 0xffffffff;

    /**
     * Parses dotted-decimal {@code a.b.c.d}: exactly four fields of 1-3 decimal digits, each 0-255.
     * @throws IllegalArgumentException otherwise
     */
    public static int parse(String s) {
        long v = parseOrNegative(s);
        if (v < 0) throw new IllegalArgumentException("invalid IPv4 address: " + s);
        return (int) v;
    }

    /** True when {@link #parse} would accept s. */
    public static boolean isValid(String s) { return parseOrNegative(s) >= 0; }

    private static long parseOrNegative(String s) {
        if (s == null) return -1;
        long addr = 0;
        int fields = 0, digits = 0, octet = 0;
        for (int i = 0, n = s.length(); i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) return -1;
                octet = octet * 10 + (c - '0');
            } else if (c == '.') {
                if (digits == 0 || octet > 255 || ++fields > 4) return -1;
                addr = addr << 8 | octet;
                digits = 0;
                octet = 0;
            } else {
                return -1;
            }
        }
        return fields == 4 ? addr : -1;
    }

    public static String toString(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    public static int read(byte[] b, int off) { return Bytes.i32(b, off); }

    public static void write(int a, byte[] b, int off) { Bytes.put32(b, off, a); }

    /** The mask with prefixLength leading one bits (0..32). */
    public static int mask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) throw new IllegalArgumentException("prefix length " + prefixLength);
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Number of leading one bits of a contiguous mask, or -1 if the mask is not contiguous. */
    public static int prefixLength(int mask) {
        int len = Integer.bitCount(mask);
        return mask(len) == mask ? len : -1;
    }

    /** True for contiguous masks (ones then zeros), 0.0.0.0 and 255.255.255.255 included. */
    public static boolean isValidMask(int mask) { return prefixLength(mask) >= 0; }

    /** The IOS wildcard (inverse) form of a mask. */
    public static int wildcard(int mask) { return ~mask; }

    public static int network(int addr, int mask) { return addr & mask; }

    public static int broadcast(int addr, int mask) { return addr | ~mask; }

    /** True when addr is inside network/mask. */
    public static boolean contains(int network, int mask, int addr) { return ((addr ^ network) & mask) == 0; }

    /** 224.0.0.0/4 (RFC 5771). */
    public static boolean isMulticast(int a) { return (a & 0xf0000000) == 0xe0000000; }

    /** 127.0.0.0/8 (RFC 1122 3.2.1.3). */
    public static boolean isLoopback(int a) { return (a >>> 24) == 127; }

    public static InetAddress toInetAddress(int a) {
        byte[] b = new byte[4];
        write(a, b, 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // impossible for a 4-byte array
        }
    }

    public static int fromInetAddress(Inet4Address a) { return read(a.getAddress(), 0); }
}
