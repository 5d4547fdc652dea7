/**
 * OSPFv2 (RFC 2328) as a pure engine: {@link dev.routerlab.ospf.OspfInstance} is one
 * `router ospf N` process with no I/O and no threads of its own.
 *
 * <h2>Wiring it into a router</h2>
 * <ul>
 *   <li>Construct it with the process id, router ID, the router's {@link dev.routerlab.sim.Scheduler},
 *       an {@link dev.routerlab.ospf.OspfTransmit} (wrap the packet in IPv4 protocol 89,
 *       TTL 1, source = the interface address, send it out of the named interface to the given
 *       destination: 224.0.0.5, 224.0.0.6 or a neighbour), an
 *       {@link dev.routerlab.ospf.OspfRouteListener} (install the routes in the RIB with
 *       distance 110; codes from {@link dev.routerlab.ospf.OspfRoute.Type#code}) and an
 *       {@link dev.routerlab.ospf.OspfLog} (syslog lines); {@code setDebug(OspfDebug)} while a
 *       `debug ip ospf` is on (the engine emits category, interface and text; the command layer
 *       filters and formats).</li>
 *   <li>For each interface covered by `network ... area` or `ip ospf N area X`: {@code
 *       configureInterface(OspfInterfaceConfig)} filled from the model (address, mask, area,
 *       network type, cost from `ip ospf cost` or reference bandwidth / `bandwidth`, timers,
 *       priority, `ip mtu`, mtu-ignore, passive, authentication and key, NBMA neighbours), then
 *       {@code setInterfaceUp(name, lineProtocolUp)} on every line-protocol change;
 *       {@code removeInterface} when it is no longer covered.</li>
 *   <li>IPv4 input: every protocol-89 datagram addressed to the interface, 224.0.0.5 or
 *       224.0.0.6 goes to {@code receive(ifaceName, src, dst, payload)}; it never throws.</li>
 *   <li>`area X stub [no-summary]` / `area X default-cost`: {@code setAreaStub}.</li>
 *   <li>Redistribution: {@code originateExternal} / {@code withdrawExternal}; `maximum-paths`:
 *       {@code setMaximumPaths}; `clear ip ospf process`: {@code clear()}; `no router ospf`:
 *       {@code shutdown()}.</li>
 *   <li>Shows read {@code neighbors()}, {@code interfaces()}, {@code areas()}, {@code database()},
 *       {@code routes()}, {@code informationSources()}, {@code counters()}.</li>
 * </ul>
 * All calls must come from the scheduler's thread.
 */
package dev.routerlab.ospf;
