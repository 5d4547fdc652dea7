package dev.routerlab.routing;

import dev.routerlab.config.InterfaceName;

/** What the routing table needs of an interface: its name and IPv4 addresses. */
public interface RoutedInterface {
    InterfaceName name();

    boolean hasAddress();

    int address();

    int mask();

    /** The secondary addresses as (address, mask) pairs. */
    int[] secondaries();

    /** The VRF the interface forwards in (null: the global table). */
    default String vrf() { return null; }

    /** Null0: in no VRF, a discard route may point at it from any table (a summary's, in its process's VRF). */
    default boolean discard() { return false; }
}
