package dev.routerlab.eigrp;

import java.util.List;

/**
 * One route for the RIB. A summary's discard route has {@code nullRoute} set, distance 5 and no
 * next hops (IOS: `D 10.0.0.0/8 is a summary, 00:00:10, Null0`).
 *
 * @param distance IOS administrative distance: 90 internal, 170 external, 5 summary
 * @param metric   the composite metric of the best path (the feasible distance)
 */
public record EigrpRoute(int prefix, int prefixLength, int distance, long metric, boolean external, boolean nullRoute,
                         List<NextHop> nextHops) {
    public EigrpRoute {
        nextHops = List.copyOf(nextHops);
    }

    /** One path: out ifaceId to the gateway address with this path's composite metric (`[90/metric] via address`). */
    public record NextHop(int ifaceId, String ifaceName, int address, long metric) {}
}
