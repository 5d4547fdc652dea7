package dev.routerlab.acl;

import java.util.Map;
import dev.routerlab.config.AccessList;
import dev.routerlab.packet.Ipv4;

/**
 * Matches IPv4 packets against access-list entries, as the SPD needs: first matching entry
 * wins; protocol, addresses with wildcards, TCP/UDP ports (eq, neq, gt, lt, range). Pure and
 * allocation-free on the packet path.
 */
public final class AclMatch {
    private AclMatch() {}

    /** Index of the first entry of {@code acl} matching the packet (remarks skipped), -1 for none (implicit deny). */
    public static int first(AccessList acl, byte[] b, int off, int len, boolean mirror) {
        var entries = acl.entries;
        for (int i = 0, n = entries.size(); i < n; i++) {
            AccessList.Entry e = entries.get(i);
            if (e.match() != null && matches(e.match(), b, off, len, mirror)) return i;
        }
        return -1;
    }

    /**
     * Does the packet match? With {@code mirror} the entry is read the other way round (source
     * and destination swapped): the inbound view of an outbound crypto ACL.
     */
    public static boolean matches(AccessList.Match m, byte[] b, int off, int len, boolean mirror) {
        int proto = Ipv4.protocol(b, off);
        if (m.protocol() > 0 && m.protocol() != proto) return false;
        int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
        if (mirror) {
            int t = src;
            src = dst;
            dst = t;
        }
        if (!addr(m.src(), src) || !addr(m.dst() == null ? AccessList.Address.ANY : m.dst(), dst)) return false;
        if (m.srcPort() == null && m.dstPort() == null) return true;
        if (proto != Ipv4.PROTO_TCP && proto != Ipv4.PROTO_UDP) return false;
        int hl = Ipv4.headerLength(b, off);
        if (Ipv4.isFragment(b, off) || len < hl + 4) return false;
        int sp = ((b[off + hl] & 0xff) << 8) | (b[off + hl + 1] & 0xff);
        int dp = ((b[off + hl + 2] & 0xff) << 8) | (b[off + hl + 3] & 0xff);
        if (mirror) {
            int t = sp;
            sp = dp;
            dp = t;
        }
        return port(m.srcPort(), sp) && port(m.dstPort(), dp);
    }

    static boolean addr(AccessList.Address a, int x) {
        int care = ~a.wildcard();
        return ((a.address() ^ x) & care) == 0;
    }

    static boolean port(AccessList.PortMatch pm, int p) {
        if (pm == null) return true;
        int lo = portNumber(pm.lo());
        return switch (pm.op()) {
            case "eq" -> p == lo;
            case "neq" -> p != lo;
            case "gt" -> p > lo;
            case "lt" -> p < lo;
            case "range" -> p >= lo && p <= portNumber(pm.hi());
            default -> false;
        };
    }

    private static final Map<String, Integer> PORT_NAMES = Map.ofEntries(Map.entry("www", 80), Map.entry("telnet", 23),
            Map.entry("smtp", 25), Map.entry("ftp", 21), Map.entry("ftp-data", 20), Map.entry("domain", 53),
            Map.entry("bgp", 179), Map.entry("isakmp", 500), Map.entry("non500-isakmp", 4500), Map.entry("ntp", 123),
            Map.entry("snmp", 161), Map.entry("tftp", 69), Map.entry("syslog", 514), Map.entry("echo", 7),
            Map.entry("pop3", 110), Map.entry("rip", 520), Map.entry("ssh", 22));

    static int portNumber(String s) {
        if (s == null || s.isEmpty()) return -1;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return PORT_NAMES.getOrDefault(s, -1);
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
