/**
 * The IPv4 dataplane of one router: {@link dev.routerlab.ip.IpEngine} (interfaces, ARP, the
 * routing table and FIB, forwarding, ICMP, reassembly, the line protocol of tunnels), driven by
 * the configuration model through {@code Router.reconcile()} and by links through {@code Router.bind}.
 *
 * <ul>
 * <li>The routing table is {@link dev.routerlab.routing.Rib} over {@link dev.routerlab.ip.IpInterface};
 *     other engines feed routes in with {@link dev.routerlab.ip.IpEngine#setRoutes}.</li>
 * <li>{@link dev.routerlab.ip.ArpCache}: RFC 826 with the IOS 4-hour timeout; the packet that
 *     triggers resolution is dropped, as on IOS (the first ping loses one echo).</li>
 * <li>Line protocol of tunnels follows IOS: source up with an address, destination routable other
 *     than through the tunnel (else %TUN-5-RECURDOWN), keepalives answered.</li>
 * <li>{@link dev.routerlab.ip.Ping} and {@link dev.routerlab.ip.Traceroute} send their probes
 *     on the router's scheduler through one shared ICMP listener and report each outcome to a
 *     listener; the ip.cli layer prints them and keeps its session busy ({@code Session.busy()})
 *     until done, so a virtual-time driver runs the clock until then.</li>
 * <li>Hooks for other engines: {@link dev.routerlab.ip.IpEngine#register} (an IP protocol, e.g.
 *     ESP), {@link dev.routerlab.ip.IpEngine#registerUdp} (IKE on 500/4500),
 *     {@link dev.routerlab.ip.IpEngine#send} (originate a datagram),
 *     {@link dev.routerlab.ip.IpEngine#addIcmpListener}.</li>
 * <li>Inversions: the tunnel engine implements {@link dev.routerlab.ip.Encapsulation} (installed
 *     with {@link dev.routerlab.ip.IpEngine#bindTunnels}; GRE input) and a
 *     {@link dev.routerlab.ip.TunnelBinding} per tunnel interface (the encapsulation stage of the
 *     output chain); IPsec implements {@link dev.routerlab.ip.IpsecBinding}. {@code ip} imports neither.</li>
 * </ul>
 * Everything runs on the router's scheduler thread; malformed input is counted and dropped.
 */
package dev.routerlab.ip;
