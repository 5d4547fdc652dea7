/**
 * Point-to-point GRE tunnels (RFC 2784, RFC 2890 key and sequence numbers, checksums) and Cisco
 * GRE keepalives: {@link dev.routerlab.tunnel.GreTunnel} keeps a tunnel's options, sequence state
 * and keepalive state machine; encapsulation, decapsulation and routing of the outer packets
 * are done by {@link dev.routerlab.ip.IpEngine}, with the codecs of {@link dev.routerlab.packet.Gre}.
 */
package dev.routerlab.tunnel;
