package dev.routerlab.ospf;

import java.util.List;

/** Receives the whole OSPF routing table (RFC 2328 16) each time an SPF run changes it. */
@FunctionalInterface
public interface OspfRouteListener {
    /** Every OSPF route of the process (connected networks excluded), sorted by prefix then mask. */
    void routesChanged(List<OspfRoute> routes);
}
