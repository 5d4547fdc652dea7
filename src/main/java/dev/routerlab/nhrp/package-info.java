/**
 * NHRP (RFC 2332) as Cisco DMVPN runs it over multipoint GRE: one {@link
 * dev.routerlab.nhrp.NhrpInstance} per mGRE tunnel interface holds the cache, the NHS
 * registration state machine, resolution, purge, redirect and shortcut logic, and the counters.
 * It does no I/O: the tunnel hands it received NHRP packets and data-plane events, and it answers
 * through {@link dev.routerlab.nhrp.NhrpTransmit} (packets to NBMA addresses) and {@link
 * dev.routerlab.nhrp.NhrpListener} (cache, shortcut and NHS events). It asks the router's routing
 * table through {@link dev.routerlab.nhrp.NhrpRouting}. Timers run on the injected scheduler;
 * everything happens on the router's event loop, so there are no locks.
 *
 * <h2>How an mGRE tunnel drives it</h2>
 * <pre>
 * nhrp = new NhrpInstance("Tunnel0", scheduler, (nbma, natPort, buf, off, len) -&gt; encapsulate GRE 0x2001 to nbma (natPort's SA),
 *                         listener, routing);
 * nhrp.setHeadroom(20 + greHeaderLength);            // outer IPv4 + GRE written in front, in place
 * nhrp.configure(ifConfig.nhrp, tunnelIp, tunnelMask, tunnelSourceIp, ipMtu);   // again on each change
 * nhrp.setUp(lineProtocolUp);
 *
 * GRE input, protocol 0x2001:           nhrp.receive(outerSource, natPort, buf, nhrpOffset, nhrpLength)
 *                                       (natPort: the NAT-T port of the ESP it came in, UdpEncapsulation.ANY_PORT none: behind one PAT, one host of several)
 * IPv4 out the tunnel to next hop nh:   int nbma = nhrp.nbmaFor(nh);  0: drop (IOS "encapsulation failed");
 *                                       nhrp.nbmaRoute(nh): the same with that host's NAT-T port, for its SA pair
 * multicast / broadcast out the tunnel: for (long r : nhrp.multicastRoutes()) send a copy to nbma(r), over natPort(r)'s SA
 * forwarded from this tunnel back into it: nhrp.trafficHairpinned(outerSource, ip, off, len)   (phase 3 redirect)
 * listener.shortcutInstalled / Removed: add or remove the `H` route, or set / clear the `%` next-hop override
 * clear ip nhrp: nhrp.clear();  route to a prefix we answered for withdrawn: nhrp.withdrawLocal(prefix, len)
 * </pre>
 * {@link dev.routerlab.nhrp.cli.NhrpShow} renders `show dmvpn [detail]`, `show ip nhrp [brief|detail]`,
 * `show ip nhrp nhs [detail]` and `show ip nhrp traffic` from instances: pure functions of engine
 * state and the scheduler's time; the IPsec layer supplies the IKE/IPSEC peer states.
 *
 * <p>`ip nhrp network-id` is local, as on IOS (it is not carried in packets): it switches NHRP on
 * for the interface. Without it received NHRP packets are counted and dropped.
 */
package dev.routerlab.nhrp;
