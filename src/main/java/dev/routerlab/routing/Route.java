package dev.routerlab.routing;

import java.util.List;

/**
 * One routing-table entry: a prefix, where it came from, its administrative distance and
 * metric, and its paths (several for equal-cost statics).
 */
public record Route<I extends RoutedInterface>(int prefix, int length, Source source, int distance, int metric, List<Path<I>> paths,
                                               long since) {
    /** {@link #since} of a route whose age `show ip route` does not print (connected, static). */
    public static final long NO_AGE = Long.MIN_VALUE;

    public Route(int prefix, int length, Source source, int distance, int metric, List<Path<I>> paths) {
        this(prefix, length, source, distance, metric, paths, NO_AGE);
    }


    /** Route sources with their `show ip route` code, `Known via` name and default distance. */
    public enum Source {
        CONNECTED("C", "connected", 0),
        LOCAL("L", "connected", 0),
        STATIC("S", "static", 1),
        /** Routes other engines feed in (the IP engine's {@code setRoutes}). */
        EIGRP("D", "eigrp", 90),
        EIGRP_EX("D EX", "eigrp", 170),
        OSPF("O", "ospf", 110),
        OSPF_IA("O IA", "ospf", 110),
        OSPF_E1("O E1", "ospf", 110),
        OSPF_E2("O E2", "ospf", 110),
        OSPF_N1("O N1", "ospf", 110),
        OSPF_N2("O N2", "ospf", 110),
        NHRP("H", "nhrp", 250);

        public final String code;
        public final String knownVia;
        public final int defaultDistance;

        Source(String code, String knownVia, int defaultDistance) {
            this.code = code;
            this.knownVia = knownVia;
            this.defaultDistance = defaultDistance;
        }
    }

    /**
     * One path. nextHop and iface are as configured (0 / null when absent); out and gateway are
     * what forwarding uses after recursive resolution (gateway 0: the destination is on the link).
     */
    public record Path<I extends RoutedInterface>(int nextHop, I iface, I out, int gateway) {}

    public int mask() { return Fib.mask(length); }

    /** True for an interface route (`is directly connected`): connected, local, or a static to an interface only. */
    public boolean directlyConnected() {
        Path<I> p = paths.get(0);
        return source == Source.CONNECTED || source == Source.LOCAL || p.nextHop() == 0;
    }

    public boolean isDefault() { return length == 0 && prefix == 0; }
}
