package dev.routerlab.ip;

import dev.routerlab.packet.isakmp.UdpEncapsulation;

/**
 * The IPsec dataplane bound to one interface (a crypto map on a port, tunnel protection or a VTI
 * on a tunnel), set by the IPsec engine with {@link IpInterface#bindIpsec} and called on the
 * packet path. The defaults are those of an interface without that role.
 */
public interface IpsecBinding {
    /**
     * A packet leaving by a crypto-map interface: true when the binding took it (protected, or
     * dropped awaiting an SA). depth: its tunnel nesting level, for {@link IpEngine#sendClear}.
     */
    default boolean outbound(IpInterface out, byte[] b, int off, int len, int depth) { return false; }

    /** A packet arriving in clear on a crypto-map interface: false drops it (it should have been protected). */
    default boolean inboundClear(IpInterface in, byte[] b, int off, int len) { return true; }

    /**
     * The largest packet the protection carries in one outer IPv4 or IPv6 packet of {@code pathMtu}
     * octets (IOS's `plaintext mtu`: the SA's transform and mode, padding to full blocks, the
     * transport's outer header): what IOS leaves a protected tunnel as its transport MTU (less GRE).
     */
    default int plaintextMtu(int pathMtu) { return pathMtu; }

    /**
     * mGRE: the protection towards one NBMA peer (natPort: its host behind PAT, else {@link #ANY_PORT}),
     * looked up once for a packet whose MTU and output then both go by it; null when the binding is not an mGRE tunnel's.
     */
    default Peer peer(int nbma, int natPort) { return null; }

    /** No NAT-T port: a peer known by its address alone. */
    int ANY_PORT = UdpEncapsulation.ANY_PORT;

    /**
     * The NAT-T port of {@code peer} whose ESP carried the packet being received, else {@link #ANY_PORT}:
     * behind PAT one address is several hosts (RFC 3947 §5).
     */
    default int natPort(int peer) { return ANY_PORT; }

    /** The outer (GRE) packet of a protected tunnel, or the inner packet of a VTI: protect and send; false drops it. */
    default boolean tunnelOut(IpInterface t, byte[] b, int off, int len, int depth) { return false; }

    /** GRE arriving in clear for a protected tunnel (outer IPv4 header at off): false drops it (ESP is required). */
    default boolean tunnelInClear(IpInterface t, byte[] b, int off) { return true; }

    /** The protection of one NBMA peer of an mGRE tunnel ({@link #peer}), held for one packet. */
    interface Peer {
        /** {@link IpsecBinding#plaintextMtu(int)} towards the peer (its SA's learned path MTU counts). */
        int plaintextMtu(int pathMtu);

        /** The outer GRE packet to the peer: protect and send; false drops it. */
        boolean tunnelOut(byte[] b, int off, int len, int depth);
    }
}
