package dev.routerlab.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import dev.routerlab.packet.Ipv4Address;

/** `show ip route` in the IOS 15 layout: codes legend, gateway of last resort, classful subnet headers. */
public final class RouteView {
    private RouteView() {}

    static final String LEGEND = """
        Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP
               D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\s
               N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
               E1 - OSPF external type 1, E2 - OSPF external type 2
               i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2
               ia - IS-IS inter area, * - candidate default, U - per-user static route
               o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP
               a - application route
               + - replicated route, % - next hop override, p - overrides from PfR

        """;

    /** The classful prefix length of an address (class A /8, B /16, C /24, else /32). */
    static int classful(int a) {
        int top = a >>> 24;
        if (top < 128) return 8;
        if (top < 192) return 16;
        if (top < 224) return 24;
        return 32;
    }

    /** IOS 15's per-entry sizes (32-bit IOSv): a route's overhead and memory, a major network node's memory. */
    private static final int ROUTE_OVERHEAD = 68, ROUTE_MEMORY = 180, INTERNAL_MEMORY = 460;

    /**
     * `show ip route summary` in the IOS 15 layout: per route source the routes whose prefix is a
     * classful network or shorter (Networks) and longer (Subnets); `internal` counts the major
     * networks that hold subnets. {@code protocols} gives the label of each dynamic source family
     * in the table (`ospf 1`, `eigrp 100`), in IOS's order; {@code nhrp}: NHRP runs in the table.
     */
    public static <I extends RoutedInterface> String summary(Rib<I> rib, String table, int tableId,
                                                             Map<String, String> protocols, boolean nhrp) {
        Map<String, int[]> rows = new LinkedHashMap<>();     // networks, subnets, paths
        rows.put("connected", new int[3]);
        rows.put("static", new int[3]);
        rows.put("application", new int[3]);
        if (nhrp) rows.put("nhrp", new int[3]);
        for (String label : protocols.values()) rows.put(label, new int[3]);
        int[] ospf = new int[6];
        java.util.Set<Integer> majors = new java.util.HashSet<>();
        for (Route<I> r : rib.routes()) {
            String label = switch (r.source()) {
                case CONNECTED, LOCAL -> "connected";
                case STATIC -> "static";
                case NHRP -> "nhrp";
                default -> protocols.get(r.source().knownVia);
            };
            int[] row = label == null ? null : rows.computeIfAbsent(label, k -> new int[3]);
            if (row == null) continue;
            int major = classful(r.prefix());
            if (r.length() <= major) row[0]++;
            else {
                row[1]++;
                majors.add(r.prefix() & Fib.mask(major));
            }
            row[2] += r.paths().size();
            switch (r.source()) {
                case OSPF -> ospf[0]++;
                case OSPF_IA -> ospf[1]++;
                case OSPF_E1 -> ospf[2]++;
                case OSPF_E2 -> ospf[3]++;
                case OSPF_N1 -> ospf[4]++;
                case OSPF_N2 -> ospf[5]++;
                default -> { }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("IP routing table name is ").append(table).append(" (0x").append(Integer.toHexString(tableId)).append(")\n")
          .append("IP routing table maximum-paths is 32\n")
          .append("Route Source    Networks    Subnets     Replicates  Overhead    Memory (bytes)\n");
        long[] total = new long[5];
        for (Map.Entry<String, int[]> e : rows.entrySet()) {
            int[] v = e.getValue();
            long overhead = (long) ROUTE_OVERHEAD * v[2], memory = (long) ROUTE_MEMORY * (v[0] + v[1]);
            sb.append(String.format("%-16s%-12d%-12d%-12d%-12d%d%n", e.getKey(), v[0], v[1], 0, overhead, memory));
            total[0] += v[0];
            total[1] += v[1];
            total[3] += overhead;
            total[4] += memory;
            if (e.getKey().startsWith("ospf ")) {
                sb.append("  Intra-area: ").append(ospf[0]).append(" Inter-area: ").append(ospf[1])
                  .append(" External-1: ").append(ospf[2]).append(" External-2: ").append(ospf[3]).append('\n')
                  .append("  NSSA External-1: ").append(ospf[4]).append(" NSSA External-2: ").append(ospf[5]).append('\n');
            }
        }
        long internalMemory = (long) INTERNAL_MEMORY * majors.size();
        sb.append(String.format("%-16s%-48d%d%n", "internal", majors.size(), internalMemory));
        sb.append(String.format("%-16s%-12d%-12d%-12d%-12d%d%n", "Total", total[0] + majors.size(), total[1], 0, total[3],
            total[4] + internalMemory));
        return sb.toString();
    }

    /** The whole table, or the routes the filter keeps. */
    public static <I extends RoutedInterface> String render(Rib<I> rib, Predicate<Route<I>> keep) {
        return render(rib, keep, Route.NO_AGE);
    }

    /** As {@link #render(Rib, Predicate)}, with the age of dynamic routes (`00:00:12`, `1d18h`, `7w0d`) at time now. */
    public static <I extends RoutedInterface> String render(Rib<I> rib, Predicate<Route<I>> keep, long now) {
        StringBuilder sb = new StringBuilder(LEGEND);
        Route<I> def = rib.route(0, 0);
        if (def == null) sb.append("Gateway of last resort is not set\n\n");
        else {
            Route.Path<I> p = def.paths().get(0);
            sb.append("Gateway of last resort is ").append(Ipv4Address.toString(p.nextHop())).append(" to network 0.0.0.0\n\n");
        }
        // top-level items: routes shorter than their class stand alone; others group by major network
        Map<Integer, List<Route<I>>> groups = new LinkedHashMap<>();
        List<Object[]> items = new ArrayList<>();   // {addr, len, Route or List<Route>}
        for (Route<I> r : rib.routes()) {
            if (!keep.test(r)) continue;
            int cls = classful(r.prefix());
            if (r.length() < cls) {
                items.add(new Object[] {r.prefix(), r.length(), r});
                continue;
            }
            int major = r.prefix() & Fib.mask(cls);
            List<Route<I>> g = groups.get(major);
            if (g == null) {
                g = new ArrayList<>();
                groups.put(major, g);
                items.add(new Object[] {major, cls, g});
            }
            g.add(r);
        }
        items.sort(Comparator.comparingLong((Object[] o) -> (Integer) o[0] & 0xffffffffL).thenComparingInt(o -> (Integer) o[1]));
        for (Object[] it : items) {
            if (it[2] instanceof Route<?> r) {
                line(rib.fib(), sb, r, 6, true, now);
                continue;
            }
            @SuppressWarnings("unchecked") List<Route<I>> g = (List<Route<I>>) it[2];
            int cls = (Integer) it[1];
            if (g.size() == 1 && g.get(0).length() == cls) {
                line(rib.fib(), sb, g.get(0), 6, true, now);
                continue;
            }
            long masks = g.stream().mapToInt(Route::length).distinct().count();
            String major = Ipv4Address.toString((Integer) it[0]);
            if (masks == 1) {
                sb.append("      ").append(major).append('/').append(g.get(0).length())
                  .append(" is subnetted, ").append(g.size()).append(" subnets\n");
            } else {
                sb.append("      ").append(major).append('/').append(cls).append(" is variably subnetted, ")
                  .append(g.size()).append(" subnets, ").append(masks).append(" masks\n");
            }
            for (Route<I> r : g) line(rib.fib(), sb, r, 9, masks > 1, now);
        }
        return sb.toString();
    }

    private static void line(Fib<?> fib, StringBuilder sb, Route<?> r, int codeWidth, boolean withMask, long now) {
        String code = r.source().code;
        if (r.isDefault()) code = code.indexOf(' ') > 0 ? code.replaceFirst(" ", "*") : code + "*"; // IOS `O*E2`, `O*IA`
        Fib.Entry<?> fe = fib.exact(r.prefix(), r.length());          // NHRP replaced the next hop (IOS `%`)
        if (fe != null && fe.route == r && r.source() != Route.Source.CONNECTED && r.source() != Route.Source.LOCAL
            && (fe.out != r.paths().get(0).out() || fe.gateway != r.paths().get(0).gateway())) code = code + "   %";
        String head = pad(code, codeWidth) + Ipv4Address.toString(r.prefix()) + (withMask ? "/" + r.length() : "");
        sb.append(head);
        boolean first = true;
        for (Route.Path<?> p : r.paths()) {
            sb.append(first ? " " : "\n" + " ".repeat(head.length() + 1));
            first = false;
            if (summary(r, p)) {
                sb.append("is a summary, ").append(age(now - r.since())).append(", ").append(p.out().name());
            } else if (attached(r, p)) {
                sb.append("is directly connected, ").append(p.out().name());
            } else {
                sb.append('[').append(r.distance()).append('/').append(r.metric()).append("] via ")
                  .append(Ipv4Address.toString(p.nextHop()));
                if (r.since() != Route.NO_AGE && now != Route.NO_AGE) sb.append(", ").append(age(now - r.since()));
                if (p.iface() != null) sb.append(", ").append(p.iface().name());
                else if (r.source() != Route.Source.STATIC) sb.append(", ").append(p.out().name());
            }
        }
        sb.append('\n');
    }

    /** IOS route age: hh:mm:ss under a day, then 1d18h, then 7w0d. */
    public static String age(long nanos) {
        long s = Math.max(0, nanos / 1_000_000_000L);
        if (s < 86400) return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        long h = s / 3600;
        if (h < 7 * 24) return (h / 24) + "d" + (h % 24) + "h";
        long d = h / 24;
        return (d / 7) + "w" + (d % 7) + "d";
    }

    /** A protocol's discard route for its summary (`is a summary, 00:00:10, Null0`): dynamic, to Null0. */
    private static boolean summary(Route<?> r, Route.Path<?> p) {
        return r.since() != Route.NO_AGE && p.nextHop() == 0 && p.out().name().type() == dev.routerlab.config.InterfaceName.Type.NULL;
    }

    private static boolean attached(Route<?> r, Route.Path<?> p) {
        return r.source() == Route.Source.CONNECTED || r.source() == Route.Source.LOCAL || p.nextHop() == 0;
    }

    private static String pad(String s, int w) { return s.length() >= w ? s + " " : s + " ".repeat(w - s.length()); }

    /** `show ip route A [M]`: the entry for A's longest match (not the default), or for exactly A/M. */
    public static <I extends RoutedInterface> String detail(Rib<I> rib, int addr, Integer mask) {
        Route<I> r;
        if (mask != null) {
            int len = Ipv4Address.prefixLength(mask);
            r = len < 0 ? null : rib.route(addr & Fib.mask(len), len);
        } else {
            Fib.Entry<I> e = rib.fib().lookup(addr);
            r = e == null ? null : e.route;
            if (r != null && r.isDefault()) r = null;
        }
        if (r == null) return "% Network not in table\n";
        StringBuilder sb = new StringBuilder("Routing entry for ").append(Ipv4Address.toString(r.prefix())).append('/')
            .append(r.length());
        if (r.length() < classful(r.prefix())) sb.append(", supernet");
        sb.append("\n  Known via \"").append(r.source().knownVia).append("\", distance ").append(r.distance())
          .append(", metric ").append(r.metric());
        if (r.source() == Route.Source.CONNECTED || r.source() == Route.Source.LOCAL) sb.append(" (connected, via interface)");
        else if (r.directlyConnected()) sb.append(" (connected)");
        if (r.isDefault()) sb.append(", candidate default path");
        sb.append("\n  Routing Descriptor Blocks:\n");
        boolean first = true;
        for (Route.Path<?> p : r.paths()) {
            sb.append(first ? "  * " : "    ");
            first = false;
            if (attached(r, p)) {
                sb.append("directly connected, via ").append(p.out().name());
            } else {
                sb.append(Ipv4Address.toString(p.nextHop()));
                if (p.iface() != null) sb.append(", via ").append(p.iface().name());
                else if (r.source() != Route.Source.STATIC) sb.append(", via ").append(p.out().name());
            }
            sb.append("\n      Route metric is ").append(r.metric()).append(", traffic share count is 1\n");
        }
        return sb.toString();
    }
}
