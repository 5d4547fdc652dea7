/**
 * EIGRP (RFC 7868) as a pure engine: {@link dev.routerlab.routing.eigrp.EigrpInstance} per
 * autonomous system, packets through {@link dev.routerlab.routing.eigrp.EigrpIo}, routes to an
 * {@link dev.routerlab.routing.eigrp.EigrpRouteListener}, timers on the injected scheduler.
 * Imports only {@code packet} and {@code sim}.
 */
package dev.routerlab.routing.eigrp;
