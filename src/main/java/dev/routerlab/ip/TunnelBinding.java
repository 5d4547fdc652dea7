package dev.routerlab.ip;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv6Address;

/**
 * The tunnel side of one tunnel interface (GRE, mGRE, a VTI's transport), made by the
 * {@link Encapsulation} at each reconciliation and held by the interface ({@link IpInterface#tunnel()}).
 * The IPv4 engine reads its endpoints to evaluate the line protocol and hands it the packets
 * routed into the tunnel at the encapsulation stage of the output chain ({@link IpEngine.Stage}).
 */
public interface TunnelBinding {
    /** Outer IPv4 header plus the 4-byte base GRE header (RFC 2784 §2.1): a tunnel's overhead without options. */
    int BASE_OVERHEAD = Ipv4.MIN_HEADER_LEN + Gre.BASE_HEADER_LEN;

    /** `tunnel source INTERFACE`, or null. */
    InterfaceName sourceInterface();

    /** `tunnel source A.B.C.D`, or null. */
    Integer sourceAddress();

    /** `tunnel destination`, or null (mGRE, or not configured). */
    Integer destination();

    /** The outer source address in use (0 until resolved). */
    int source();

    /** The outer source address the line-protocol evaluation resolved (0: none). */
    void setSource(int a);

    /** `tunnel mode gre ipv6`: the outer IPv6 source in use (null until resolved, and for an IPv4 transport). */
    default Ipv6Address source6() { return null; }

    /** `tunnel mode gre ipv6`: the IPv6 destination (null for an IPv4 transport). */
    default Ipv6Address destination6() { return null; }

    /** Bytes the tunnel adds to each packet (outer IPv4 and the tunnel header with its options). */
    int overhead();

    /**
     * The path MTU of the transport towards the destination: {@code linkMtu}, the IP MTU of the
     * IPv4 underlay; an IPv6 transport's is the IPv6 MTU of the interface its packets leave by, or
     * what a Packet Too Big taught when lower (RFC 8201).
     */
    default int pathMtu(int linkMtu) { return linkMtu; }

    /**
     * An ICMP "fragmentation needed" (RFC 1191) quoting an outer IPv4 packet from the tunnel's source
     * to destination, with its next-hop MTU: the binding heeds it when destination is one of its peers.
     */
    default void fragmentationNeeded(int destination, int nextHopMtu) { }

    /** True while keepalives have gone unanswered past the retries (the line protocol goes down). */
    boolean keepaliveDown();

    /**
     * A transport the IPv4 engine does not route (`tunnel mode gre ipv6`): the binding judges its
     * source, destination and route itself and says why the tunnel is down (NONE: usable). Null
     * for an IPv4 transport, which the engine judges.
     */
    default IpInterface.TunnelDown ownTransport() { return null; }

    /** True when NHRP runs on the tunnel (mGRE, or a p2p GRE with `ip nhrp network-id`). */
    boolean nhrp();

    /**
     * A packet routed into tunnel t towards nextHop: encapsulate and send the outer packet, which
     * enters the output chain of its own interface at stage {@code from}, one nesting level deeper.
     */
    void output(IpInterface t, byte[] b, int off, int len, int nextHop, IpEngine.Stage from, int depth);

    /** An IPv6 packet of the IPv6 engine routed into tunnel t: GRE protocol type 0x86DD to the tunnel destination (point-to-point GRE). */
    void outputIpv6(IpInterface t, byte[] b, int off, int len);

    /** A forwarded packet that came in on tunnel t leaves by t again (NHRP phase 3 redirect, RFC 2332 §5.3). */
    void hairpin(IpInterface t, byte[] b, int off, int len);

    /** The interface left tunnel mode or went away (or a reload): stop timers, forget state. */
    void close();
}
