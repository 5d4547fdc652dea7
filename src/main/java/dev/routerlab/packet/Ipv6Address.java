package dev.routerlab.packet;

/**
 * An IPv6 address (RFC 4291) as two 64-bit halves: parsing of the RFC 4291 §2.2 text forms,
 * printing as IOS does (RFC 5952 compression, upper-case hex), prefixes, the special kinds and
 * the derived addresses (EUI-64 interface identifiers, solicited-node groups).
 */
public record Ipv6Address(long hi, long lo) implements Comparable<Ipv6Address> {
    public static final int LENGTH = 16;
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    /** ff02::1, all nodes on the link (RFC 4291 §2.7.1). */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1);
    /** ff02::2, all routers on the link. */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xff02_0000_0000_0000L, 2);
    private static final long LINK_LOCAL_PREFIX = 0xfe80_0000_0000_0000L;

    /** Equality written out (the same values as the record's): the record's generated ones bootstrap java.lang.runtime.ObjectMethods at their first call, milliseconds of a launch. */
    @Override public boolean equals(Object o) { return o instanceof Ipv6Address a && a.hi == hi && a.lo == lo; }

    @Override public int hashCode() { return 31 * Long.hashCode(hi) + Long.hashCode(lo); }

    public static Ipv6Address read(byte[] b, int off) {
        return new Ipv6Address(readLong(b, off), readLong(b, off + 8));
    }

    static long readLong(byte[] b, int off) {
        return (Bytes.i32(b, off) & 0xffffffffL) << 32 | (Bytes.i32(b, off + 4) & 0xffffffffL);
    }

    /** Writes the 16 bytes at off. */
    public void write(byte[] b, int off) {
        Bytes.put32(b, off, (int) (hi >>> 32));
        Bytes.put32(b, off + 4, (int) hi);
        Bytes.put32(b, off + 8, (int) (lo >>> 32));
        Bytes.put32(b, off + 12, (int) lo);
    }

    public byte[] bytes() {
        byte[] b = new byte[LENGTH];
        write(b, 0);
        return b;
    }

    /** The 16-bit group i (0..7). */
    public int group(int i) { return (int) ((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff; }

    /**
     * Parses the RFC 4291 §2.2 forms (full, `::` compressed, trailing dotted IPv4).
     * @throws IllegalArgumentException when it is not one
     */
    public static Ipv6Address parse(String s) {
        Ipv6Address a = tryParse(s);
        if (a == null) throw new IllegalArgumentException("not an IPv6 address: " + s);
        return a;
    }

    /** As {@link #parse}, or null. */
    public static Ipv6Address tryParse(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) return null;
        int[] g = new int[8];
        int n = 0, gap = -1, i = 0, len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (len == 2) return UNSPECIFIED;
        } else if (s.charAt(0) == ':') return null;
        while (i < len) {
            int j = i;
            while (j < len && s.charAt(j) != ':') j++;
            String part = s.substring(i, j);
            if (part.isEmpty()) return null;
            if (part.indexOf('.') >= 0) {                  // trailing dotted quad
                if (j != len || n > 6) return null;
                Integer v4 = dotted(part);
                if (v4 == null) return null;
                g[n++] = v4 >>> 16;
                g[n++] = v4 & 0xffff;
                break;
            }
            if (part.length() > 4 || n >= 8) return null;
            int v = 0;
            for (int k = 0; k < part.length(); k++) {
                int d = Character.digit(part.charAt(k), 16);
                if (d < 0) return null;
                v = v << 4 | d;
            }
            g[n++] = v;
            if (j == len) break;
            if (j + 1 < len && s.charAt(j + 1) == ':') {   // "::"
                if (gap >= 0) return null;
                gap = n;
                j++;
                if (j + 1 == len) break;
            } else if (j + 1 == len) return null;          // trailing single ':'
            i = j + 1;
        }
        if (gap < 0 && n != 8 || gap >= 0 && n > 7) return null;
        int[] full = new int[8];
        if (gap < 0) full = g;
        else {
            System.arraycopy(g, 0, full, 0, gap);
            System.arraycopy(g, gap, full, 8 - (n - gap), n - gap);
        }
        long h = 0, l = 0;
        for (int k = 0; k < 4; k++) h = h << 16 | full[k];
        for (int k = 4; k < 8; k++) l = l << 16 | full[k];
        return new Ipv6Address(h, l);
    }

    private static Integer dotted(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return null;
        int v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3) return null;
            for (int k = 0; k < x.length(); k++) if (!Character.isDigit(x.charAt(k))) return null;
            int o = Integer.parseInt(x);
            if (o > 255) return null;
            v = v << 8 | o;
        }
        return v;
    }

    /** RFC 5952 §4: the longest run (of two or more) of zero groups as `::`, the first if tied; IOS prints upper case. */
    @Override
    public String toString() {
        int bestAt = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) { i++; continue; }
            int j = i;
            while (j < 8 && group(j) == 0) j++;
            if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(group(i)).toUpperCase());
        }
        return sb.toString();
    }

    public boolean isUnspecified() { return hi == 0 && lo == 0; }

    public boolean isMulticast() { return hi >>> 56 == 0xff; }

    /** fe80::/10 (RFC 4291 §2.5.6). */
    public boolean isLinkLocal() { return hi >>> 54 == 0xfe80 >>> 6; }

    public boolean isLoopback() { return hi == 0 && lo == 1; }

    /** ff02::/16 and ff01::/16: never forwarded (RFC 4291 §2.7 scopes 1 and 2). */
    public boolean isLinkScopeMulticast() { return isMulticast() && ((hi >>> 48) & 0xf) <= 2; }

    /** The first len bits, the rest zero. */
    public Ipv6Address prefix(int len) {
        if (len <= 0) return UNSPECIFIED;
        if (len >= 128) return this;
        if (len <= 64) return new Ipv6Address(len == 64 ? hi : hi & ~(-1L >>> len), 0);
        return new Ipv6Address(hi, lo & ~(-1L >>> (len - 64)));
    }

    /** True when the first len bits equal those of p. */
    public boolean inPrefix(Ipv6Address p, int len) { return prefix(len).equals(p.prefix(len)); }

    /** The solicited-node multicast group ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
    public Ipv6Address solicitedNode() {
        return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | lo & 0xff_ffffL);
    }

    /** The modified EUI-64 interface identifier of a MAC (RFC 4291 appendix A): ff:fe inserted, U/L bit inverted. */
    public static long eui64(long mac) {
        long oui = mac >>> 24 & 0xff_ffffL, nic = mac & 0xff_ffffL;
        return (oui << 40 | 0xfffeL << 24 | nic) ^ 0x0200_0000_0000_0000L;
    }

    /** fe80::/64 with the interface identifier. */
    public static Ipv6Address linkLocal(long interfaceId) { return new Ipv6Address(LINK_LOCAL_PREFIX, interfaceId); }

    /** The prefix's upper 64 bits with the interface identifier. */
    public Ipv6Address withInterfaceId(long interfaceId) { return new Ipv6Address(hi, interfaceId); }

    /** The Ethernet multicast address of a group: 33:33 and its low 32 bits (RFC 2464 §7). */
    public long multicastMac() { return 0x3333_0000_0000L | lo & 0xffff_ffffL; }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }
}
