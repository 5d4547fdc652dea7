/**
 * The tunnel engine: GRE (RFC 2784, RFC 2890 key and sequence numbers, checksums), Cisco GRE
 * keepalives and multipoint GRE with NHRP. {@link dev.routerlab.tunnel.TunnelEngine} is installed
 * into the IPv4 engine as its {@link dev.routerlab.ip.Encapsulation}: it makes a
 * {@link dev.routerlab.tunnel.GreInterface} (the {@link dev.routerlab.ip.TunnelBinding} of a tunnel
 * interface) per tunnel and matches received GRE to its tunnel. A GreInterface encapsulates what
 * the IPv4 engine routes into the tunnel (outer header, key, sequence, checksum; the outer packet
 * goes back to the engine's output chain) and decapsulates (options checked, keepalives
 * reflected, NHRP to the {@link dev.routerlab.tunnel.Mgre}'s instance, IPv4 re-entering input on the
 * tunnel). {@link dev.routerlab.tunnel.GreTunnel} keeps a tunnel's options, sequence state and
 * keepalive state machine; {@link dev.routerlab.tunnel.Mgre} glues NHRP to the data path (NBMA per
 * next hop, multicast replication, hairpin, shortcut routes and next-hop overrides). Codecs are
 * {@link dev.routerlab.packet.Gre}'s.
 */
package dev.routerlab.tunnel;
