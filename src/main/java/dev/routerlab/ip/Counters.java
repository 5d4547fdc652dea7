package dev.routerlab.ip;

/**
 * What `show interfaces` counts for one interface, plus the 5-minute rates IOS derives from
 * them: every 5 seconds its load process folds the last interval's traffic into an
 * exponentially decayed average (rate = rate * e^(-5/300) + sample * (1 - e^(-5/300))).
 * The intervals are folded lazily but exactly: {@link #roll} runs before each count and each
 * read, so all traffic counted since the last boundary belongs to the interval after it.
 */
public final class Counters {
    private static final double LOAD_INTERVAL_S = 300;

    public long packetsIn;
    public long bytesIn;
    public long packetsOut;
    public long bytesOut;
    public long broadcastsIn;
    public long inputDrops;
    public long outputDrops;
    public long inputErrors;
    public long runts;
    public long giants;
    public long unknownProtocolDrops;
    public long interfaceResets;
    /** Scheduler time of the last packet in / out, or -1: "never". */
    public long lastInputNanos = -1;
    public long lastOutputNanos = -1;
    /** When the counters were last cleared (-1: never). */
    public long lastClearNanos = -1;

    private double inBits, inPkts, outBits, outPkts;
    /** The last 5-second boundary folded, and the counters then. */
    private long tickAt;
    private long rBytesIn, rPktsIn, rBytesOut, rPktsOut;
    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final double KEEP = Math.exp(-5 / LOAD_INTERVAL_S);

    /** `clear counters`: the counters restart from zero; last input/output times stay. */
    public void clear(long now) {
        packetsIn = bytesIn = packetsOut = bytesOut = broadcastsIn = 0;
        inputDrops = outputDrops = inputErrors = runts = giants = unknownProtocolDrops = interfaceResets = 0;
        inBits = inPkts = outBits = outPkts = 0;
        rBytesIn = rPktsIn = rBytesOut = rPktsOut = 0;
        lastClearNanos = now;
    }

    /** A reload: everything back to zero and "never". */
    public void reset() {
        clear(0);
        lastClearNanos = lastInputNanos = lastOutputNanos = -1;
    }

    /** Folds every whole 5-second interval up to now into the rates; call before counting and before reading. */
    public void roll(long now) {
        if (now - tickAt < INTERVAL_NANOS) return;
        long n = (now - tickAt) / INTERVAL_NANOS;
        // the first interval holds all traffic counted since tickAt; any later ones were silent
        inBits = inBits * KEEP + (bytesIn - rBytesIn) * 8 / 5.0 * (1 - KEEP);
        inPkts = inPkts * KEEP + (packetsIn - rPktsIn) / 5.0 * (1 - KEEP);
        outBits = outBits * KEEP + (bytesOut - rBytesOut) * 8 / 5.0 * (1 - KEEP);
        outPkts = outPkts * KEEP + (packetsOut - rPktsOut) / 5.0 * (1 - KEEP);
        if (n > 1) {
            double k = Math.pow(KEEP, n - 1);
            inBits *= k;
            inPkts *= k;
            outBits *= k;
            outPkts *= k;
        }
        tickAt += n * INTERVAL_NANOS;
        rBytesIn = bytesIn;
        rPktsIn = packetsIn;
        rBytesOut = bytesOut;
        rPktsOut = packetsOut;
    }

    public long inputBitsPerSecond() { return Math.round(inBits); }

    public long inputPacketsPerSecond() { return Math.round(inPkts); }

    public long outputBitsPerSecond() { return Math.round(outBits); }

    public long outputPacketsPerSecond() { return Math.round(outPkts); }
}
