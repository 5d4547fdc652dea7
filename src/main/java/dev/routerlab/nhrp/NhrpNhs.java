package dev.routerlab.nhrp;

import dev.routerlab.sim.Scheduler;

/**
 * A Next Hop Server this spoke registers with (`ip nhrp nhs A [nbma N] [multicast]`), with the
 * state and counters `show ip nhrp nhs detail` prints.
 */
public final class NhrpNhs {
    public final int address;
    public int nbma;
    public final boolean multicast;
    public final int priority;

    /** R: the NHS answered the latest registrations. */
    public boolean responding;
    /** -1 never up; else when R last changed (for `show dmvpn` UpDn Tm). */
    public long stateSinceNanos = -1;
    public boolean everUp;

    public long requestsSent;
    public long requestsFailed;
    public long repliesReceived;
    public long lastReplyNanos = -1;
    public int currentRequestId;
    public boolean acked;
    public int ackedRequestId;
    public boolean anyAck;

    // the outstanding request (5.2.3: retransmitted with the same Request ID)
    public boolean pending;
    public int retransmits;
    public int retransmitSeconds;
    public long pendingSinceNanos;
    Scheduler.Timer retransmitTimer;
    Scheduler.Timer refreshTimer;
    /** Our NBMA address as the NHS sees it (Cisco NAT extension in its reply); 0 unknown. */
    public int mappedNbma;

    NhrpNhs(int address, int nbma, boolean multicast, int priority) {
        this.address = address;
        this.nbma = nbma;
        this.multicast = multicast;
        this.priority = priority;
    }

    public int address() { return address; }

    /** NBMA address, 0 when neither `nbma` nor a static map gives one. */
    public int nbma() { return nbma; }

    public boolean multicast() { return multicast; }

    public int priority() { return priority; }

    /** R in `show ip nhrp nhs`. */
    public boolean responding() { return responding; }

    /** E: we expect replies (always, while registering). */
    public boolean expecting() { return true; }

    public long stateSinceNanos() { return stateSinceNanos; }

    public boolean everUp() { return everUp; }

    public long requestsSent() { return requestsSent; }

    public long requestsFailed() { return requestsFailed; }

    public long repliesReceived() { return repliesReceived; }

    public long lastReplyNanos() { return lastReplyNanos; }

    public int currentRequestId() { return currentRequestId; }

    /** Whether any registration was acknowledged (then {@link #ackedRequestId} is the last one). */
    public boolean anyAck() { return anyAck; }

    public int ackedRequestId() { return ackedRequestId; }

    /** A registration is outstanding (sent, not yet answered). */
    public boolean pending() { return pending; }

    /** Current retransmission interval in seconds (`Ret` in `show ip nhrp nhs detail`). */
    public int retransmitSeconds() { return retransmitSeconds; }

    public long pendingSinceNanos() { return pendingSinceNanos; }

    public int mappedNbma() { return mappedNbma; }
}
