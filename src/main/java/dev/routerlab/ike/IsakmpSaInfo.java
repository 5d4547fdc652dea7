package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;

/**
 * A snapshot of one ISAKMP SA for `show crypto isakmp sa [detail]`. Algorithms are null until
 * agreed.
 *
 * @param deleted           IOS prints such SAs with status "ACTIVE (deleted)" for a while
 * @param remainingSeconds  lifetime left, -1 before establishment
 * @param dpd               peer speaks DPD (capability "D")
 * @param natTraversal      NAT detected and IKE moved to 4500 (capability "N")
 */
public record IsakmpSaInfo(int connId, int localAddress, int localPort, int peerAddress, int peerPort,
                           IsakmpState state, boolean deleted, boolean initiator, boolean aggressive,
                           IkeCipherAlgorithm encryption, HashAlgorithm hash, AuthMethod authentication, DhGroup group,
                           long lifetimeSeconds, long remainingSeconds, boolean dpd, boolean natTraversal,
                           boolean localBehindNat, boolean peerBehindNat, long initiatorCookie, long responderCookie) {

    /** IOS status column. */
    public String status() { return deleted ? "ACTIVE (deleted)" : "ACTIVE"; }

    /** IOS "Cap." column: D (DPD), N (NAT-T), combined as IOS prints them. */
    public String capabilities() {
        return (dpd ? "D" : "") + (natTraversal ? "N" : "");
    }
}
