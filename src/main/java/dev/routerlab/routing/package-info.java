/**
 * The IPv4 routing table of one router, free of any dataplane: {@link dev.routerlab.routing.Rib}
 * builds connected, local and static routes (recursive next hops, administrative distance,
 * floating statics, equal-cost paths) plus routes other engines feed in, over any
 * {@link dev.routerlab.routing.RoutedInterface}; {@link dev.routerlab.routing.Fib} is its
 * longest-prefix-match forwarding table and {@link dev.routerlab.routing.RouteView} renders
 * {@code show ip route}.
 */
package dev.routerlab.routing;
