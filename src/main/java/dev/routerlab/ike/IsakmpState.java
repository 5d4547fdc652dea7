package dev.routerlab.ike;

/** Phase-1 states under the names `show crypto isakmp sa` prints. */
public enum IsakmpState {
    /** Main Mode: first message sent or received, no proposal agreed yet. */
    MM_NO_STATE,
    /** Main Mode: proposal agreed (MM1/MM2 done). */
    MM_SA_SETUP,
    /** Main Mode: Diffie-Hellman done (MM3/MM4), keys derived. */
    MM_KEY_EXCH,
    /** Main Mode: authentication in progress (MM5 sent or received). */
    MM_KEY_AUTH,
    AG_NO_STATE,
    /** Aggressive Mode: first message sent (initiator) or answered (responder). */
    AG_INIT_EXCH,
    AG_AUTH,
    /** Phase 1 complete: ready for Quick Mode. */
    QM_IDLE
}
