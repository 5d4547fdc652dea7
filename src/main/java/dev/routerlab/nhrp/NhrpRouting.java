package dev.routerlab.nhrp;

/**
 * What NHRP needs from the router's routing table. The answers may change at any time; the
 * engine asks again each time it needs one.
 */
public interface NhrpRouting {
    /**
     * When this router is the egress for dst (dst is one of its own addresses, or is reached
     * through an interface other than this tunnel), the prefix length of the route that covers
     * dst: what a Resolution Reply announces (5.2.2). Otherwise -1.
     */
    int egressPrefixLength(int dst);

    /**
     * The next hop on this tunnel for dst in the routing table: dst itself when dst is on the
     * tunnel's subnet; 0 when dst is not routed out this tunnel. Requests are forwarded along
     * that path (5.2.1).
     */
    int tunnelNextHop(int dst);

    /**
     * True when the routing table already has a route for exactly prefix/len from another
     * source, so that a shortcut overrides that route's next hop (IOS `%`, entry flag nho)
     * rather than adding an NHRP route (IOS `H`, flag rib).
     */
    boolean hasExactRoute(int prefix, int len);

    /** A routing table with no routes: only the tunnel's own subnet (for tests and hubs without routing). */
    static NhrpRouting connectedOnly(int tunnelAddress, int tunnelMask) {
        return new NhrpRouting() {
            @Override public int egressPrefixLength(int dst) { return dst == tunnelAddress ? 32 : -1; }

            @Override public int tunnelNextHop(int dst) { return ((dst ^ tunnelAddress) & tunnelMask) == 0 ? dst : 0; }

            @Override public boolean hasExactRoute(int prefix, int len) { return false; }
        };
    }
}
