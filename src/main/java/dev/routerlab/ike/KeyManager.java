package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.isakmp.UdpEncapsulation;

/**
 * What the ESP data path asks of a key manager (RFC 4301 §4.4.2: the SAD is filled by a key
 * management protocol): IKEv1's {@link IkeEngine} and the IKEv2 engine both implement it, so a
 * flow's acquire and its SAs' lifetimes go to the engine its policy chose. Peers are
 * {@link IpAddress}es; an engine that runs over IPv4 only implements the int forms, and the
 * address forms then refuse IPv6 peers.
 */
public interface KeyManager {
    /** Any port of a peer: without NAT-T an address is one peer. */
    int ANY_PORT = UdpEncapsulation.ANY_PORT;

    /** Whether a peer's port is the one wanted: any, when {@code wanted} is {@link #ANY_PORT}. */
    static boolean portMatches(int wanted, int port) { return wanted == ANY_PORT || wanted == port; }

    /** Negotiates an SA pair for a flow without one; false when one is up or being negotiated. */
    boolean acquire(int localAddress, int peer, IpsecPolicy policy, ProxyPair proxies);

    /** As the int form, for a peer of either family (false for IPv6 where the engine runs over IPv4 only). */
    default boolean acquire(IpAddress local, IpAddress peer, IpsecPolicy policy, ProxyPair proxies) {
        return !peer.isV6() && acquire(local.v4(), peer.v4(), policy, proxies);
    }

    /**
     * As {@link #acquire(IpAddress, IpAddress, IpsecPolicy, ProxyPair)} for one host behind PAT, its
     * NAT-T port (RFC 3947 §5; {@link #ANY_PORT}: unknown): another host's SAs do not cover its flow.
     */
    default boolean acquire(IpAddress local, IpAddress peer, int natPort, IpsecPolicy policy, ProxyPair proxies) {
        return acquire(local, peer, policy, proxies);
    }

    /**
     * Protected traffic on a child SA: inbound proves its peer alive; outbound may start an
     * on-demand DPD. The peer is the SA's address and, in UDP behind NAT, its port (RFC 3947 §5).
     */
    void noteTraffic(ChildSa child, boolean inbound);

    /** The data path reports a volume soft limit: renegotiate now. */
    void childSaSoftExpired(long id);

    /** The crypto map or tunnel protection that asked for this SA is gone: delete it, telling the peer. */
    void deleteChildSa(long id);

    /** The last tunnel protection using this peer went off (removed or shut): delete the IKE SA with it, telling the peer. */
    void deletePeer(int peer);

    default void deletePeer(IpAddress peer) {
        if (!peer.isV6()) deletePeer(peer.v4());
    }
}
