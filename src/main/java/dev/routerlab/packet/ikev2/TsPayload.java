package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The Traffic Selector payloads TSi and TSr (RFC 7296 §3.13): Number of TSs (1), RESERVED (3),
 * selectors. IPv4 (type 7) and IPv6 (type 8) selectors are decoded; others are kept as {@code type} alone.
 */
public record TsPayload(List<Selector> selectors) {
    public static final int TS_IPV4_ADDR_RANGE = 7, TS_IPV6_ADDR_RANGE = 8;

    public TsPayload {
        selectors = List.copyOf(selectors);
    }

    /** One selector: addresses and ports inclusive, protocol 0 = any; an IPv6 range in {@code start6}/{@code end6}. */
    public record Selector(int type, int protocol, int startPort, int endPort, int start, int end, Ipv6Address start6,
                           Ipv6Address end6) {
        public Selector(int type, int protocol, int startPort, int endPort, int start, int end) {
            this(type, protocol, startPort, endPort, start, end, null, null);
        }

        public static Selector ipv4(int protocol, int startPort, int endPort, int start, int end) {
            return new Selector(TS_IPV4_ADDR_RANGE, protocol, startPort, endPort, start, end);
        }

        public static Selector ipv6(int protocol, int startPort, int endPort, Ipv6Address start, Ipv6Address end) {
            return new Selector(TS_IPV6_ADDR_RANGE, protocol, startPort, endPort, 0, 0, start, end);
        }

        @Override
        public String toString() {
            String range = type == TS_IPV6_ADDR_RANGE ? start6 + "-" + end6
                    : Ipv4Address.toString(start) + "-" + Ipv4Address.toString(end);
            return range + " proto " + protocol + " ports " + startPort + "-" + endPort;
        }
    }

    public static TsPayload decode(byte[] b) {
        if (b == null || b.length < 4) return null;
        int n = b[0] & 0xff;
        List<Selector> l = new ArrayList<>();
        int p = 4;
        for (int i = 0; i < n; i++) {
            if (b.length - p < 8) return null;
            int type = b[p] & 0xff, proto = b[p + 1] & 0xff, len = Bytes.u16(b, p + 2);
            if (len < 8 || len > b.length - p) return null;
            if (type == TS_IPV4_ADDR_RANGE) {
                if (len != 16) return null;
                l.add(new Selector(type, proto, Bytes.u16(b, p + 4), Bytes.u16(b, p + 6), Bytes.i32(b, p + 8),
                        Bytes.i32(b, p + 12)));
            } else if (type == TS_IPV6_ADDR_RANGE) {
                if (len != 40) return null;
                l.add(Selector.ipv6(proto, Bytes.u16(b, p + 4), Bytes.u16(b, p + 6), Ipv6Address.read(b, p + 8),
                        Ipv6Address.read(b, p + 24)));
            } else {
                l.add(new Selector(type, proto, Bytes.u16(b, p + 4), Bytes.u16(b, p + 6), 0, 0));
            }
            p += len;
        }
        return p == b.length && n > 0 ? new TsPayload(l) : null;
    }

    /** The body; IPv4 and IPv6 selectors are encoded (§3.13.1). */
    public byte[] body() {
        int n = 4;
        for (Selector s : selectors) n += s.type == TS_IPV6_ADDR_RANGE ? 40 : 16;
        byte[] b = new byte[n];
        b[0] = (byte) selectors.size();
        int p = 4;
        for (Selector s : selectors) {
            boolean v6 = s.type == TS_IPV6_ADDR_RANGE;
            b[p] = (byte) (v6 ? TS_IPV6_ADDR_RANGE : TS_IPV4_ADDR_RANGE);
            b[p + 1] = (byte) s.protocol;
            Bytes.put16(b, p + 2, v6 ? 40 : 16);
            Bytes.put16(b, p + 4, s.startPort);
            Bytes.put16(b, p + 6, s.endPort);
            if (v6) {
                s.start6.write(b, p + 8);
                s.end6.write(b, p + 24);
                p += 40;
            } else {
                Bytes.put32(b, p + 8, s.start);
                Bytes.put32(b, p + 12, s.end);
                p += 16;
            }
        }
        return b;
    }
}
