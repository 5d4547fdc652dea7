package dev.routerlab.acl;

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

    /**
     * `access-class N in` on a TCP connection from src: the first entry for IP or TCP whose source
     * matches decides (destination and ports are not looked at); no match denies.
     */
    public static boolean permitsConnection(AccessList acl, int src) {
        for (AccessList.Entry e : acl.entries) {
            AccessList.Match m = e.match();
            if (e.remark() != null || m == null) continue;
            if (m.protocol() != -1 && m.protocol() != Ipv4.PROTO_TCP && m.protocol() != 0) continue;
            if (m.src() == null || addr(m.src(), src)) return e.permit();
        }
        return false;
    }

    /**
     * A list applied to datagrams from src (an SNMP community's list): the first entry for IP or
     * UDP whose source matches decides; no match denies.
     */
    public static boolean permitsSource(AccessList acl, int src) {
        for (AccessList.Entry e : acl.entries) {
            AccessList.Match m = e.match();
            if (e.remark() != null || m == null) continue;
            if (m.protocol() != -1 && m.protocol() != Ipv4.PROTO_UDP && m.protocol() != 0) continue;
            if (m.src() == null || addr(m.src(), src)) return e.permit();
        }
        return false;
    }

    static boolean addr(AccessList.Address a, int x) {
        int care = ~a.wildcard();
        return ((a.address() ^ x) & care) == 0;
    }

    static boolean port(AccessList.PortMatch pm, int p) {
        if (pm == null) return true;
        int lo = PortNames.number(pm.lo());
        return switch (pm.op()) {
            case "eq" -> p == lo;
            case "neq" -> p != lo;
            case "gt" -> p > lo;
            case "lt" -> p < lo;
            case "range" -> p >= lo && p <= PortNames.number(pm.hi());
            default -> false;
        };
    }
}
