package dev.routerlab.packet;

/**
 * An IPv4 or an IPv6 address as one value: the ends of an IKE SA or an ESP SA, which may be
 * either (RFC 7296 §3.5, §3.13.1). IPv4 keeps its int ({@code v6} null), so code on the IPv4
 * path reads {@link #v4()} without unboxing anything.
 */
public record IpAddress(int v4, Ipv6Address v6) {
    /** 0.0.0.0: no address. */
    public static final IpAddress NONE = new IpAddress(0, null);

    public static IpAddress of(int v4) { return v4 == 0 ? NONE : new IpAddress(v4, null); }

    public static IpAddress of(Ipv6Address v6) { return new IpAddress(0, v6); }

    /** Parses dotted-quad or RFC 4291 text; null when it is neither. */
    public static IpAddress tryParse(String s) {
        if (s == null) return null;
        if (s.indexOf(':') >= 0) {
            Ipv6Address a = Ipv6Address.tryParse(s);
            return a == null ? null : of(a);
        }
        try {
            return of(Ipv4Address.parse(s));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public IpAddress {
        if (v6 != null && v4 != 0) throw new IllegalArgumentException("both an IPv4 and an IPv6 address");
    }

    public boolean isV6() { return v6 != null; }

    /** 0.0.0.0 (IPv6 addresses are never "none" here: :: is not an SA end). */
    public boolean isNone() { return v6 == null && v4 == 0; }

    /** 4 or 16. */
    public int length() { return v6 == null ? 4 : Ipv6Address.LENGTH; }

    /** The address in network order at off ({@link #length} bytes). */
    public void write(byte[] b, int off) {
        if (v6 == null) Bytes.put32(b, off, v4);
        else v6.write(b, off);
    }

    public byte[] bytes() {
        byte[] b = new byte[length()];
        write(b, 0);
        return b;
    }

    /** As IOS prints it: dotted quad, or RFC 5952 upper case. */
    @Override
    public String toString() { return v6 == null ? Ipv4Address.toString(v4) : v6.toString(); }
}
