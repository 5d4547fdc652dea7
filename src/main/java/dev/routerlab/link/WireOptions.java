package dev.routerlab.link;

/**
 * Properties of one in-memory wire, the same in both directions.
 *
 * @param delayNanos one-way propagation delay (virtual or wall time, as the scheduler runs)
 * @param loss       probability in [0, 1] that a frame is lost, drawn per frame from a source
 *                   seeded from the sending router's RandomGenerator when the wire is connected
 * @param mtu        largest Ethernet payload carried (the frame minus its 14-byte header);
 *                   longer frames are dropped as a switch with a smaller MTU would (0 = no limit)
 */
public record WireOptions(long delayNanos, double loss, int mtu) {
    /** No delay, no loss, no MTU limit. */
    public static final WireOptions DEFAULT = new WireOptions(0, 0, 0);

    public WireOptions {
        if (delayNanos < 0) throw new IllegalArgumentException("delay " + delayNanos);
        if (!(loss >= 0 && loss <= 1)) throw new IllegalArgumentException("loss " + loss);
        if (mtu < 0) throw new IllegalArgumentException("mtu " + mtu);
    }

    public WireOptions withDelay(long nanos) { return new WireOptions(nanos, loss, mtu); }

    public WireOptions withLoss(double p) { return new WireOptions(delayNanos, p, mtu); }

    public WireOptions withMtu(int m) { return new WireOptions(delayNanos, loss, m); }
}
