package dev.routerlab.ipv6;

import dev.routerlab.config.Ipv6Config;
import dev.routerlab.packet.Ipv6Address;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IPv6 routing table of one router (connected C, local L, static S) and its FIB: the best
 * route per prefix by administrative distance, resolved to an interface and next hop, looked up
 * by longest prefix (RFC 4291 §2.5; one hash map per prefix length, longest first).
 */
public final class Ipv6Rib {
    public enum Code {
        C("C"), L("L"), S("S");

        public final String ios;

        Code(String ios) { this.ios = ios; }
    }

    /** A route as `show ipv6 route` prints it; out null for FF00::/8 (Null0). */
    public record Route(Code code, Ipv6Address prefix, int length, int distance, int metric,
                        Ipv6Interface out, Ipv6Address nextHop, boolean receive) {}

    /** A FIB entry: deliver locally (receive), discard (out null), or send on out to nextHop (null: the destination is on-link). */
    public record Entry(Ipv6Address prefix, int length, Ipv6Interface out, Ipv6Address nextHop, boolean receive) {
        public Ipv6Address nextHop(Ipv6Address dst) { return nextHop == null ? dst : nextHop; }
    }

    private static final Ipv6Address MULTICAST = Ipv6Address.parse("ff00::");
    private final List<Route> routes;
    @SuppressWarnings("unchecked")
    private final Map<Ipv6Address, Entry>[] byLength = new Map[129];
    private final int[] lengths;

    private Ipv6Rib(List<Route> routes) {
        this.routes = routes;
        TreeMap<Integer, Boolean> ls = new TreeMap<>(Comparator.reverseOrder());
        for (Route r : routes) {
            Map<Ipv6Address, Entry> m = byLength[r.length()];
            if (m == null) m = byLength[r.length()] = new HashMap<>();
            m.putIfAbsent(r.prefix(), new Entry(r.prefix(), r.length(), r.out(), r.nextHop(), r.receive()));
            ls.put(r.length(), true);
        }
        lengths = new int[ls.size()];
        int i = 0;
        for (int l : ls.keySet()) lengths[i++] = l;     // a loop, not a stream: built at every router's start
    }

    /**
     * Builds the table from the interfaces whose line is up and the static routes: a static
     * route with an interface needs it up; one with only a next hop resolves it through the
     * connected routes (recursively through other static routes, at most 8 levels as IOS bounds it).
     */
    static Ipv6Rib build(Collection<Ipv6Interface> interfaces, List<Ipv6Config.Route> statics, java.util.function.Function<dev.routerlab.config.InterfaceName, Ipv6Interface> byName) {
        TreeMap<String, Route> best = new TreeMap<>();
        List<Route> all = new ArrayList<>();
        for (Ipv6Interface i : interfaces) {
            if (!i.lineUp()) continue;
            for (Ipv6Interface.Address a : i.globals) {
                if (a.state == Ipv6Interface.State.DUPLICATE) continue;
                if (a.length < 128) all.add(new Route(Code.C, a.address.prefix(a.length), a.length, 0, 0, i, null, false));
                all.add(new Route(Code.L, a.address, 128, 0, 0, i, null, true));
            }
        }
        all.add(new Route(Code.L, MULTICAST, 8, 0, 0, null, null, true));
        List<Route> connected = List.copyOf(all);
        for (Ipv6Config.Route s : statics) {
            Route r = resolveStatic(s, connected, statics, byName, 0);
            if (r != null) all.add(r);
        }
        for (Route r : all) {
            Route cur = best.get(key(r.prefix(), r.length()));
            if (cur == null || r.distance() < cur.distance()) best.put(key(r.prefix(), r.length()), r);
        }
        List<Route> sorted = new ArrayList<>(best.values());
        sorted.sort(ORDER);
        return new Ipv6Rib(sorted);
    }

    /** Prefix, then length (written out: the JDK's Comparator.comparing lambdas are spun at run time, never archived). */
    private static final Comparator<Route> ORDER = new Comparator<>() {
        @Override public int compare(Route a, Route b) {
            int c = a.prefix().compareTo(b.prefix());
            return c != 0 ? c : Integer.compare(a.length(), b.length());
        }
    };

    /** {@code %016x%016x/%03d} of the prefix and length, without a Formatter (every router's boot builds these). */
    private static String key(Ipv6Address p, int len) {
        char[] c = new char[36];
        for (int k = 0; k < 16; k++) {
            c[k] = Character.forDigit((int) (p.hi() >>> (60 - 4 * k)) & 0xf, 16);
            c[16 + k] = Character.forDigit((int) (p.lo() >>> (60 - 4 * k)) & 0xf, 16);
        }
        c[32] = '/';
        c[33] = (char) ('0' + len / 100 % 10);
        c[34] = (char) ('0' + len / 10 % 10);
        c[35] = (char) ('0' + len % 10);
        return new String(c);
    }

    private static Route resolveStatic(Ipv6Config.Route s, List<Route> connected, List<Ipv6Config.Route> statics,
                                       java.util.function.Function<dev.routerlab.config.InterfaceName, Ipv6Interface> byName, int depth) {
        if (s.iface() != null && s.iface().type() == dev.routerlab.config.InterfaceName.Type.NULL) {
            return new Route(Code.S, s.prefix(), s.length(), s.distance(), 0, null, null, false);   // a discard route
        }
        if (s.iface() != null) {
            Ipv6Interface i = byName.apply(s.iface());
            if (i == null || !i.lineUp()) return null;
            return new Route(Code.S, s.prefix(), s.length(), s.distance(), 0, i, s.nextHop(), false);
        }
        if (s.nextHop() == null || s.nextHop().isLinkLocal() || depth >= 8) return null;
        Route via = longest(connected, s.nextHop());
        if (via != null && via.out() != null && !via.receive()) {
            return new Route(Code.S, s.prefix(), s.length(), s.distance(), 0, via.out(), s.nextHop(), false);
        }
        Ipv6Config.Route through = null;                 // recursion through another static route
        for (Ipv6Config.Route o : statics) {
            if (o != s && s.nextHop().inPrefix(o.prefix(), o.length()) && (through == null || o.length() > through.length())) through = o;
        }
        if (through == null) return null;
        Route r = resolveStatic(through, connected, statics, byName, depth + 1);
        if (r == null) return null;
        return new Route(Code.S, s.prefix(), s.length(), s.distance(), 0, r.out(), r.nextHop() == null ? s.nextHop() : r.nextHop(), false);
    }

    private static Route longest(List<Route> routes, Ipv6Address a) {
        Route best = null;
        for (Route r : routes) if (a.inPrefix(r.prefix(), r.length()) && (best == null || r.length() > best.length())) best = r;
        return best;
    }

    static Ipv6Rib empty() { return new Ipv6Rib(List.of()); }

    /** The routes in `show ipv6 route` order. */
    public List<Route> routes() { return routes; }

    /** Longest-prefix match, or null. */
    public Entry lookup(Ipv6Address dst) {
        for (int len : lengths) {
            Entry e = byLength[len].get(dst.prefix(len));
            if (e != null) return e;
        }
        return null;
    }
}
