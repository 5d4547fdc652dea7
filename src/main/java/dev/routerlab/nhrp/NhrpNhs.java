package dev.routerlab.nhrp;

import dev.routerlab.sim.Scheduler;

/**
 * A Next Hop Server this spoke registers with (`ip nhrp nhs A [nbma N] [multicast]`), with the
 * state and counters `show ip nhrp nhs detail` prints.
 */
public final class NhrpNhs {
    final int address;
    int nbma;
    final boolean multicast;
    final int priority;

    /** R: the NHS answered the latest registrations. */
    boolean responding;
    /** -1 never up; else when R last changed (for `show dmvpn` UpDn Tm). */
    long stateSinceNanos = -1;
    boolean everUp;

    long requestsSent;
    long requestsFailed;
    long repliesReceived;
    long lastReplyNanos = -1;
    int currentRequestId;
    boolean acked;
    int ackedRequestId;
    boolean anyAck;

    // the outstanding request (5.2.3: retransmitted with the same Request ID)
    boolean pending;
    int retransmits;
    int retransmitSeconds;
    long pendingSinceNanos;
    Scheduler.Timer retransmitTimer;
    Scheduler.Timer refreshTimer;
    /** Our NBMA address as the NHS sees it (Cisco NAT extension in its reply); 0 unknown. */
    int mappedNbma;

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
