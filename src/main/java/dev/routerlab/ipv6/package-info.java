/**
 * IPv6 of one router (RFC 8200, RFC 4443, RFC 4861, RFC 4862 with IOS semantics):
 * {@link dev.routerlab.ipv6.Ipv6Engine} holds the per-interface state ({@link dev.routerlab.ipv6.Ipv6Interface}:
 * EUI-64 link-local and global addresses with their DAD state, joined groups, Router
 * Advertisements), the {@link dev.routerlab.ipv6.NeighborCache} (INCMP/REACH/STALE/DELAY/PROBE),
 * the routing table {@link dev.routerlab.ipv6.Ipv6Rib} (C, L, S; longest-prefix FIB), forwarding
 * with the hop limit and the ICMPv6 errors (rate limited as IOS does), echo, and
 * {@link dev.routerlab.ipv6.Ipv6Probe} (ping and traceroute). It reaches the wire through
 * {@link dev.routerlab.ip.Ipv6Binding} on the IPv4 engine's interfaces and counters. No CLI here:
 * `ipv6.cli` holds the commands and shows.
 */
package dev.routerlab.ipv6;
