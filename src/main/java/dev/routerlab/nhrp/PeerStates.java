package dev.routerlab.nhrp;

/**
 * What another engine says about an NBMA peer in the `show dmvpn` State column while the peer
 * comes up (the IPsec engine: IKE, IPSEC), or null to leave NHRP's own state. One per router.
 * Behind one PAT the peer is its address and NAT-T port (-1: none), one host of several (RFC 3947 §5).
 */
@FunctionalInterface
public interface PeerStates {
    PeerStates NONE = (nbma, natPort) -> null;

    String state(int nbma, int natPort);
}
