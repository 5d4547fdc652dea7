package dev.routerlab.ip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Path MTU estimates per destination, as one node learns them: lowered by an ICMP "fragmentation
 * needed" (RFC 1191 §3) or an ICMPv6 Packet Too Big (RFC 8201 §4) about a packet it sent, never
 * raised by one, never below a floor (IPv4's 68, IPv6's 1280, a tunnel's `min-mtu`), and forgotten
 * by the ager (RFC 1191 §6.3, RFC 8201 §5.3: 10 minutes after the last reduction, IOS's ager too),
 * when the first hop's MTU holds again. Used by IPv6 (per destination), GRE's `tunnel
 * path-mtu-discovery` (per outer destination) and ESP (per SA flow). Bounded: past {@code max}
 * destinations a new one is remembered only when an expired one makes room. Times from the owner's
 * injected clock; the owner's thread only.
 */
public final class PathMtus<K> {
    /** RFC 1191 §6.3, RFC 8201 §5.3: 10 minutes. */
    public static final long AGER_NANOS = 600_000_000_000L;

    /** A learned estimate towards one destination, held until expires (scheduler nanos; Long.MAX_VALUE: never). */
    public record Learned<K>(K destination, int mtu, long expires) { }

    private final int max;
    private int floor;
    private long agerNanos = AGER_NANOS;
    private final Map<K, Learned<K>> byDestination = new LinkedHashMap<>();

    public PathMtus(int floor, int max) {
        this.floor = floor;
        this.max = max;
    }

    /** The lowest MTU believed, and how long an estimate holds (0: until cleared). */
    public void aging(int floor, long agerNanos) {
        this.floor = floor;
        this.agerNanos = agerNanos;
    }

    /** The lowest MTU believed. */
    public int floor() { return floor; }

    /** How long an estimate holds (0: until cleared). */
    public long agerNanos() { return agerNanos; }

    /** A report about a packet to dst gave mtu: the estimate falls to it (at least the floor); it never rises on one. */
    public void reduce(K dst, long mtu, long now) {
        int m = (int) Math.max(floor, Math.min(mtu, Integer.MAX_VALUE));
        Learned<K> e = estimate(dst, now);
        if (e != null && e.mtu <= m) return;
        if (e == null && byDestination.size() >= max) {
            expire(now);
            if (byDestination.size() >= max) return;
        }
        byDestination.put(dst, new Learned<>(dst, m, agerNanos == 0 ? Long.MAX_VALUE : now + agerNanos));
    }

    /** The path MTU towards dst: the estimate when one holds, else the first hop's {@code linkMtu}. */
    public int toward(K dst, int linkMtu, long now) {
        if (byDestination.isEmpty()) return linkMtu;               // the packet path: no lookup while nothing is learned
        Learned<K> e = estimate(dst, now);
        return e == null ? linkMtu : Math.min(linkMtu, e.mtu);
    }

    /** The estimates still holding, in the order learned. */
    public List<Learned<K>> holding(long now) {
        expire(now);
        return List.copyOf(byDestination.values());
    }

    public void clear() { byDestination.clear(); }

    private Learned<K> estimate(K dst, long now) {
        Learned<K> e = byDestination.get(dst);
        if (e != null && expired(e, now)) {
            byDestination.remove(dst);
            return null;
        }
        return e;
    }

    private void expire(long now) { byDestination.values().removeIf(e -> expired(e, now)); }

    private static boolean expired(Learned<?> e, long now) { return e.expires != Long.MAX_VALUE && now - e.expires >= 0; }
}
