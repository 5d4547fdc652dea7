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
    /** When {@link #roll} next looks at the clock: at most 1 ms ahead, never past the next boundary. */
    private long checkAt;
    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final long CHECK_NANOS = 1_000_000L;   // divides INTERVAL_NANOS
    private static final double KEEP = Math.exp(-5 / LOAD_INTERVAL_S);
    /** Indexed by "an interval ended" (0 or 1): the old rate's weight and the sample's. */
    private static final double[] KEEP_IF = {1.0, KEEP}, GAIN_IF = {0.0, 1 - KEEP};

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

    /** One packet in at now (the caller counts its bytes once it knows them). */
    public void input(long now) {
        roll(now);
        packetsIn++;
        lastInputNanos = now;
    }

    /** One packet of len bytes out at now. */
    public void output(long now, int len) {
        roll(now);
        packetsOut++;
        bytesOut += len;
        lastOutputNanos = now;
    }

    /** Folds every whole 5-second interval up to now into the rates; call before counting and before reading. */
    public void roll(long now) {
        if (now >= checkAt) fold(now);
    }

    /**
     * {@link #roll}'s other side, taken at most once per millisecond of traffic, whether or not an
     * interval ended: straight-line code in which n = 0 changes nothing, exactly (x * 1.0 + 0.0).
     * So the JIT sees roll's branch taken and compiles both sides; with a branch taken only at the
     * 5 s boundary it compiled the packet path without it, and the first boundary deoptimized
     * every method that had roll inlined.
     */
    private void fold(long now) {
        long n = (now - tickAt) / INTERVAL_NANOS;
        int w = (int) (-n >>> 63);                    // 1 when an interval ended
        double keep = KEEP_IF[w], gain = GAIN_IF[w];
        // the first interval holds all traffic counted since tickAt; any later ones were silent
        double k = Math.pow(KEEP, n - w);
        inBits = (inBits * keep + (bytesIn - rBytesIn) * 8 / 5.0 * gain) * k;
        inPkts = (inPkts * keep + (packetsIn - rPktsIn) / 5.0 * gain) * k;
        outBits = (outBits * keep + (bytesOut - rBytesOut) * 8 / 5.0 * gain) * k;
        outPkts = (outPkts * keep + (packetsOut - rPktsOut) / 5.0 * gain) * k;
        tickAt += n * INTERVAL_NANOS;
        rBytesIn += w * (bytesIn - rBytesIn);
        rPktsIn += w * (packetsIn - rPktsIn);
        rBytesOut += w * (bytesOut - rBytesOut);
        rPktsOut += w * (packetsOut - rPktsOut);
        checkAt = now - (now - tickAt) % CHECK_NANOS + CHECK_NANOS;
    }

    public long inputBitsPerSecond() { return Math.round(inBits); }

    public long inputPacketsPerSecond() { return Math.round(inPkts); }

    public long outputBitsPerSecond() { return Math.round(outBits); }

    public long outputPacketsPerSecond() { return Math.round(outPkts); }
}
