package dev.routerlab.eigrp;

/**
 * Routes out of an {@link EigrpInstance} into the router's RIB: `D` (distance 90), `D EX` (170) and
 * the summaries' Null0 routes (distance 5). Called on the engine's thread.
 */
public interface EigrpRouteListener {
    /** Installs route, or replaces what was installed for its prefix. */
    void routeChanged(EigrpRoute route);

    /** Withdraws whatever was installed for the prefix. */
    void routeRemoved(int prefix, int prefixLength);
}
