package dev.routerlab.esp;

/**
 * Per-SA packet counters, named after {@code show crypto ipsec sa}: encaps/encrypt/digest on the
 * way out, decaps/decrypt/verify on the way in, plus a count per {@link EspDrop} reason.
 * Mutated only by the owning {@link EspSa}, on its thread.
 */
public final class EspCounters {
    long encaps;
    long encrypt;
    long digest;
    long decaps;
    long decrypt;
    long verify;
    long sendErrors;
    long recvErrors;
    long bytesOut;
    long bytesIn;
    private final long[] drops = new long[EspDrop.values().length];

    public long encaps() { return encaps; }
    public long encrypt() { return encrypt; }
    public long digest() { return digest; }
    public long decaps() { return decaps; }
    public long decrypt() { return decrypt; }
    public long verify() { return verify; }
    /** Outbound packets dropped (sequence overflow, expired lifetime, provider failure). */
    public long sendErrors() { return sendErrors; }
    /** Inbound packets dropped for any reason. */
    public long recvErrors() { return recvErrors; }
    /** Inner (plaintext) octets protected by an outbound SA. */
    public long bytesOut() { return bytesOut; }
    /** Inner (plaintext) octets recovered by an inbound SA. */
    public long bytesIn() { return bytesIn; }
    /** {@code #pkts replay failed}. */
    public long replayFailures() { return drops[EspDrop.REPLAY.ordinal()]; }
    /** {@code #pkts verify failed}: ICV mismatches. */
    public long authFailures() { return drops[EspDrop.AUTH_FAILED.ordinal()]; }
    /** Inbound drops other than replay and authentication failures. */
    public long otherErrors() { return recvErrors - replayFailures() - authFailures(); }
    public long drops(EspDrop reason) { return drops[reason.ordinal()]; }

    void dropOut(EspDrop reason) {
        sendErrors++;
        drops[reason.ordinal()]++;
    }

    void dropIn(EspDrop reason) {
        recvErrors++;
        drops[reason.ordinal()]++;
    }

    @Override
    public String toString() {
        return "#pkts encaps: " + encaps + ", #pkts encrypt: " + encrypt + ", #pkts digest: " + digest
                + "\n#pkts decaps: " + decaps + ", #pkts decrypt: " + decrypt + ", #pkts verify: " + verify
                + "\n#send errors " + sendErrors + ", #recv errors " + recvErrors
                + "\n#pkts replay failed: " + replayFailures() + ", #pkts verify failed: " + authFailures();
    }
}
