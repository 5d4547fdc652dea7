package dev.routerlab.ip;

/**
 * What `show interfaces` counts for one interface, plus the 5-minute rates IOS derives from
 * them (an exponentially decayed average, updated when read: rate = rate * e^(-dt/300) +
 * sample * (1 - e^(-dt/300))).
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
    private long rateAt = Long.MIN_VALUE;
    private long rBytesIn, rPktsIn, rBytesOut, rPktsOut;

    /** `clear counters`: the counters restart from zero; last input/output times stay. */
    public void clear(long now) {
        packetsIn = bytesIn = packetsOut = bytesOut = broadcastsIn = 0;
        inputDrops = outputDrops = inputErrors = runts = giants = unknownProtocolDrops = interfaceResets = 0;
        inBits = inPkts = outBits = outPkts = 0;
        rBytesIn = rPktsIn = rBytesOut = rPktsOut = 0;
        rateAt = now;
        lastClearNanos = now;
    }

    /** A reload: everything back to zero and "never". */
    public void reset() {
        clear(0);
        lastClearNanos = lastInputNanos = lastOutputNanos = -1;
        rateAt = Long.MIN_VALUE;
    }

    /** Folds the traffic since the last call into the decayed rates. */
    public void updateRates(long now) {
        if (rateAt == Long.MIN_VALUE) {
            rateAt = now;
            rBytesIn = bytesIn;
            rPktsIn = packetsIn;
            rBytesOut = bytesOut;
            rPktsOut = packetsOut;
            return;
        }
        double dt = (now - rateAt) / 1e9;
        if (dt <= 0) return;
        double keep = Math.exp(-dt / LOAD_INTERVAL_S);
        inBits = inBits * keep + (bytesIn - rBytesIn) * 8 / dt * (1 - keep);
        inPkts = inPkts * keep + (packetsIn - rPktsIn) / dt * (1 - keep);
        outBits = outBits * keep + (bytesOut - rBytesOut) * 8 / dt * (1 - keep);
        outPkts = outPkts * keep + (packetsOut - rPktsOut) / dt * (1 - keep);
        rateAt = now;
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
