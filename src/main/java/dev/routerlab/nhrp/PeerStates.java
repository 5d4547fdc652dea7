package dev.routerlab.nhrp;

/**
 * What another engine says about an NBMA peer in the `show dmvpn` State column while the peer
 * comes up (the IPsec engine: IKE, IPSEC), or null to leave NHRP's own state. One per router.
 */
@FunctionalInterface
public interface PeerStates {
    PeerStates NONE = nbma -> null;

    String state(int nbma);
}
