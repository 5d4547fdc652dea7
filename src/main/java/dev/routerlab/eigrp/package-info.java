/**
 * EIGRP (RFC 7868) as a pure engine: {@link dev.routerlab.eigrp.EigrpInstance} per
 * autonomous system, packets through {@link dev.routerlab.eigrp.EigrpIo}, routes to an
 * {@link dev.routerlab.eigrp.EigrpRouteListener}, timers on the injected scheduler.
 * Imports only {@code packet} and {@code sim}.
 */
package dev.routerlab.eigrp;
