package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;

/**
 * What the engine tells its router. Called on the router's event loop, from inside
 * {@link IkeEngine} calls or timers. Only {@link #send} is mandatory.
 */
public interface IkeListener {
    /** Send this datagram (the router builds IPv4 or IPv6/UDP around it and routes it). */
    void send(Datagram datagram);

    /** A phase-2 SA pair is ready: install it in the ESP dataplane (outbound: prefer the newest). */
    default void childSaEstablished(ChildSa sa) {}

    /**
     * As {@link #childSaEstablished}, but the new pair only decrypts for now: the pair it replaces
     * carries the outbound traffic until it is deleted (the responder of an IKEv2 Child SA rekey,
     * whose peer installs the new SA only on reading the answer, RFC 7296 §2.8).
     */
    default void childSaEstablishedInbound(ChildSa sa) { childSaEstablished(sa); }

    /** A phase-2 SA pair is gone (expired, deleted by the peer, cleared, peer dead): remove it. */
    default void childSaDeleted(ChildSa sa, String reason) {}

    default void isakmpSaEstablished(IsakmpSaInfo sa) {}

    default void isakmpSaDeleted(IsakmpSaInfo sa, String reason) {}

    /** DPD declared the peer, its address and port (behind PAT one of several, RFC 3947 §5), dead; its SAs have been deleted. */
    default void peerDead(int peer, int port) {}

    /** As the int form, for a peer of either family (an IPv4 one is told through the int form). */
    default void peerDead(IpAddress peer, int port) {
        if (!peer.isV6()) peerDead(peer.v4(), port);
    }

    /** A negotiation with the peer failed (no proposal chosen, authentication, retransmissions). */
    default void negotiationFailed(int peer, String reason) {}

    default void negotiationFailed(IpAddress peer, String reason) {
        if (!peer.isV6()) negotiationFailed(peer.v4(), reason);
    }

    /** A syslog message of facility CRYPTO (%CRYPTO-4-IKMP_BAD_MESSAGE, %CRYPTO-6-IKMP_MODE_FAILURE). */
    default void log(int severity, String mnemonic, String text) {}

    /** A syslog message of another facility (`%PKI-3-...` while checking a peer's certificate). */
    default void log(String facility, int severity, String mnemonic, String text) {}

    /** A debug line in the spirit of {@code debug crypto isakmp} (never holds key material). */
    default void debug(String line) {}

    /** Whether IKEv2 debug lines would be shown (`debug crypto ikev2`): the engine builds its packet dumps only then. */
    default boolean ikev2Debugging() { return true; }
}
