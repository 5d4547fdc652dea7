package dev.routerlab.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.packet.Ipv4Address;

/**
 * The routing table built from the model and interface states: connected and local routes of
 * interfaces whose line protocol is up, then static routes. For each prefix the static with the
 * lowest administrative distance among those that resolve wins (a floating static takes over
 * when the primary fails); equal distances give equal-cost paths. A static next hop resolves
 * recursively through the rest of the table, never through the route itself; resolution runs to
 * a fixed point so statics may resolve through other statics.
 */
public final class Rib<I extends RoutedInterface> {
    private static final int MAX_PASSES = 8;
    /**
     * Prefix (unsigned), then length. Written out rather than Comparator.comparingLong(...)
     * .thenComparingInt(...): the JDK's own lambdas are spun at run time, never archived, and a
     * launch would spin them; a class, not a lambda: no call site linked before the first prompt.
     */
    private static final Comparator<Route<?>> ORDER = new Comparator<>() {
        @Override public int compare(Route<?> a, Route<?> b) {
            int c = Long.compare(a.prefix() & 0xffffffffL, b.prefix() & 0xffffffffL);
            return c != 0 ? c : Integer.compare(a.length(), b.length());
        }
    };

    private final List<Route<I>> routes;
    private final Fib<I> fib;

    private Rib(List<Route<I>> routes, Fib<I> fib) {
        this.routes = routes;
        this.fib = fib;
    }

    /** The table before the first build. */
    public static <I extends RoutedInterface> Rib<I> empty() { return new Rib<>(List.of(), new Fib<>()); }

    /** Routes in address order, shorter prefixes first. */
    public List<Route<I>> routes() { return routes; }

    public Fib<I> fib() { return fib; }

    /** The installed route for exactly prefix/len, or null. */
    public Route<I> route(int prefix, int len) {
        Fib.Entry<I> e = fib.exact(prefix, len);
        return e == null ? null : e.route;
    }

    /**
     * Builds the table.
     * @param up whether an interface's line protocol counts as up for this build
     */
    public static <I extends RoutedInterface> Rib<I> build(RunningConfig cfg, Function<InterfaceName, I> byName,
                                                           Iterable<I> interfaces, Predicate<I> up) {
        return build(cfg, byName, interfaces, up, List.of());
    }

    /**
     * Builds the table with routes from other engines (OSPF, EIGRP, NHRP) as well: each is
     * installed when its paths' interfaces are up and no connected route or lower-distance
     * static holds its prefix; static next hops may resolve through them.
     */
    public static <I extends RoutedInterface> Rib<I> build(RunningConfig cfg, Function<InterfaceName, I> byName,
                                                           Iterable<I> interfaces, Predicate<I> up, Iterable<Route<I>> external) {
        return build(cfg, byName, interfaces, up, external, null);
    }

    /**
     * The table of one VRF (null: the global table): the connected routes of the interfaces in
     * it, its `ip route vrf` statics (resolving only through it), and the other engines' routes
     * whose paths leave by its interfaces (`router ospf N vrf NAME`).
     */
    public static <I extends RoutedInterface> Rib<I> build(RunningConfig cfg, Function<InterfaceName, I> anyVrf,
                                                           Iterable<I> interfaces, Predicate<I> up, Iterable<Route<I>> external,
                                                           String vrf) {
        Function<InterfaceName, I> byName = new Function<>() {
            @Override public I apply(InterfaceName n) {
                I i = anyVrf.apply(n);
                return i != null && (Objects.equals(i.vrf(), vrf) || i.discard()) ? i : null;   // Null0 serves every table
            }
        };
        List<Route<I>> connected = new ArrayList<>();
        Fib<I> base = new Fib<>();
        for (I i : interfaces) {
            if (!i.hasAddress() || !up.test(i) || !Objects.equals(i.vrf(), vrf)) continue;
            addConnected(i, i.address(), i.mask(), connected, base);
            int[] sec = i.secondaries();
            for (int k = 0; k < sec.length; k += 2) addConnected(i, sec[k], sec[k + 1], connected, base);
        }
        Map<Long, Route<I>> dynamic = new LinkedHashMap<>();
        for (Route<I> r : external) {
            // this table's interfaces only (and Null0: the engine hands a VRF's table only the discard routes of its VRF)
            List<Route.Path<I>> ps = upPaths(r.paths(), i -> up.test(i) && (Objects.equals(i.vrf(), vrf) || i.discard()));
            if (ps.isEmpty() || base.exact(r.prefix(), r.length()) != null) continue;
            int prefix = r.prefix() & Fib.mask(r.length());
            long key = (long) prefix << 6 | r.length();
            Route<I> old = dynamic.get(key);
            if (old == null || r.distance() < old.distance()) {
                // the route as given when nothing of it changes (the common case: one object less per route and rebuild)
                dynamic.put(key, ps == r.paths() && prefix == r.prefix() ? r
                    : new Route<>(prefix, r.length(), r.source(), r.distance(), r.metric(), ps, r.since()));
            }
        }
        // group the configured statics by prefix, in configuration order
        Map<Long, List<RunningConfig.StaticRoute>> groups = new LinkedHashMap<>();
        for (RunningConfig.StaticRoute s : cfg.staticRoutes) {
            int len = Ipv4Address.prefixLength(s.mask());
            if (len < 0 || s.track() != null || !Objects.equals(s.vrf(), vrf)) continue;   // no track objects here: a tracked route stays down
            long key = (long) (s.prefix() & Fib.mask(len)) << 6 | len;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        for (List<RunningConfig.StaticRoute> g : groups.values()) g.sort(Comparator.comparingInt(RunningConfig.StaticRoute::distance));

        Map<Long, Route<I>> statics = new LinkedHashMap<>();
        // fib is always the table of dynamic + statics: a pass that changes no static keeps it
        Fib<I> fib = withStatics(connected, dynamic.values());
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Map<Long, Route<I>> next = new LinkedHashMap<>();
            for (Map.Entry<Long, List<RunningConfig.StaticRoute>> g : groups.entrySet()) {
                int len = (int) (g.getKey() & 63);
                int prefix = (int) (g.getKey() >>> 6);
                if (base.exact(prefix, len) != null) continue;   // a connected route (distance 0) wins
                List<Route.Path<I>> paths = new ArrayList<>();
                int best = -1;
                for (RunningConfig.StaticRoute s : g.getValue()) {
                    if (best >= 0 && s.distance() > best) break;
                    Route<I> d = dynamic.get(g.getKey());
                    if (d != null && d.distance() <= s.distance()) break;   // a dynamic route with a lower distance wins
                    Route.Path<I> p = resolve(s, prefix, len, fib, byName, up);
                    if (p == null || paths.contains(p)) continue;
                    best = s.distance();
                    paths.add(p);
                }
                if (!paths.isEmpty()) next.put(g.getKey(), new Route<>(prefix, len, Route.Source.STATIC, best, 0, List.copyOf(paths)));
            }
            if (next.equals(statics)) break;
            statics = next;
            Map<Long, Route<I>> merged = new LinkedHashMap<>(dynamic);
            merged.putAll(statics);
            fib = withStatics(connected, merged.values());
        }
        Map<Long, Route<I>> merged = new LinkedHashMap<>(dynamic);
        merged.putAll(statics);
        List<Route<I>> all = new ArrayList<>(connected);
        all.addAll(merged.values());
        all.sort(ORDER);
        return new Rib<>(List.copyOf(all), fib);
    }

    /** The paths whose interface is up: the list itself when they all are. */
    private static <I extends RoutedInterface> List<Route.Path<I>> upPaths(List<Route.Path<I>> paths, Predicate<I> up) {
        for (Route.Path<I> p : paths) {
            if (p.out() == null || !up.test(p.out())) return paths.stream().filter(q -> q.out() != null && up.test(q.out())).toList();
        }
        return paths;
    }

    private static <I extends RoutedInterface> void addConnected(I i, int addr, int mask, List<Route<I>> out, Fib<I> fib) {
        int len = Ipv4Address.prefixLength(mask);
        if (len < 0) return;
        int net = addr & mask;
        if (fib.exact(net, len) == null) {
            Route<I> c = new Route<>(net, len, Route.Source.CONNECTED, 0, 0, List.of(new Route.Path<>(0, i, i, 0)));
            out.add(c);
            fib.add(new Fib.Entry<>(net, len, len == 32 ? Fib.Kind.RECEIVE : Fib.Kind.ATTACHED, i, 0, c));
        }
        if (len < 32) {
            Route<I> l = new Route<>(addr, 32, Route.Source.LOCAL, 0, 0, List.of(new Route.Path<>(0, i, i, 0)));
            out.add(l);
            fib.add(new Fib.Entry<>(addr, 32, Fib.Kind.RECEIVE, i, 0, l));
        }
    }

    private static <I extends RoutedInterface> Fib<I> withStatics(List<Route<I>> connected, java.util.Collection<Route<I>> statics) {
        Fib<I> f = new Fib<>();
        for (Route<I> r : connected) {
            Fib.Kind k = r.source() == Route.Source.LOCAL || r.length() == 32 ? Fib.Kind.RECEIVE : Fib.Kind.ATTACHED;
            f.add(new Fib.Entry<>(r.prefix(), r.length(), k, r.paths().get(0).out(), 0, r));
        }
        for (Route<I> r : statics) {
            Route.Path<I> p = r.paths().get(0);
            f.add(new Fib.Entry<>(r.prefix(), r.length(), p.gateway() == 0 ? Fib.Kind.ATTACHED : Fib.Kind.VIA, p.out(), p.gateway(), r));
        }
        return f;
    }

    /** A static's path if it resolves: its interface is up, or its next hop resolves recursively. */
    private static <I extends RoutedInterface> Route.Path<I> resolve(RunningConfig.StaticRoute s, int prefix, int len, Fib<I> fib,
                                                                     Function<InterfaceName, I> byName, Predicate<I> up) {
        if (s.iface() != null) {
            I o = byName.apply(s.iface());
            if (o == null || (!up.test(o) && !s.permanent())) return null;   // `permanent`: stays when the interface goes down
            int nh = s.nextHop() == null ? 0 : s.nextHop();
            return new Route.Path<>(nh, o, o, nh);
        }
        if (s.nextHop() == null) return null;
        int nh = s.nextHop();
        Fib.Entry<I> e = fib.lookupExcluding(nh, prefix, len);
        if (e == null || e.kind == Fib.Kind.RECEIVE) return null;
        return new Route.Path<>(nh, null, e.out, e.kind == Fib.Kind.ATTACHED ? nh : e.gateway);
    }
}
