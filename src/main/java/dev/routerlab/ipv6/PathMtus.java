package dev.routerlab.ipv6;

import dev.routerlab.packet.Ipv6Address;

import java.util.HashMap;
import java.util.Map;

/**
 * The Path MTU estimates of one node (RFC 8201): lowered by an ICMPv6 Packet Too Big about a
 * packet it sent (§4), never below the IPv6 minimum link MTU of 1280, and forgotten 10 minutes
 * after the last reduction (§5.3, IOS's tunnel PMTU ager), when the first hop's MTU holds again.
 * Bounded: past {@link #MAX} destinations a new one is not remembered. Times from the injected clock.
 */
final class PathMtus {
    /** RFC 8200 §5: the IPv6 minimum link MTU. */
    static final int MINIMUM = 1280;
    /** RFC 8201 §5.3: an estimate is raised again (forgotten) after 10 minutes. */
    static final long AGE_NANOS = 600_000_000_000L;
    static final int MAX = 1024;

    private record Estimate(int mtu, long expires) { }

    private final Map<Ipv6Address, Estimate> byDestination = new HashMap<>();

    /** A Packet Too Big about a packet to dst reported mtu: the estimate falls (it never rises on one, §4). */
    void reduce(Ipv6Address dst, long mtu, long now) {
        int m = (int) Math.max(MINIMUM, Math.min(mtu, Integer.MAX_VALUE));
        Estimate e = estimate(dst, now);
        if (e != null && e.mtu <= m) return;
        if (e == null && byDestination.size() >= MAX) {
            byDestination.values().removeIf(x -> now - x.expires >= 0);
            if (byDestination.size() >= MAX) return;
        }
        byDestination.put(dst, new Estimate(m, now + AGE_NANOS));
    }

    /** The path MTU towards dst: the estimate when one holds, else the first hop's {@code linkMtu}. */
    int toward(Ipv6Address dst, int linkMtu, long now) {
        Estimate e = estimate(dst, now);
        return e == null ? linkMtu : Math.min(linkMtu, e.mtu);
    }

    private Estimate estimate(Ipv6Address dst, long now) {
        Estimate e = byDestination.get(dst);
        if (e != null && now - e.expires >= 0) {
            byDestination.remove(dst);
            return null;
        }
        return e;
    }

    void clear() { byDestination.clear(); }
}
