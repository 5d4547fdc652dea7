package dev.routerlab.esp;

/**
 * Volume lifetime of an SA (time-based lifetime is the owner's, on its clock). Zero means no
 * limit. The soft limit is 90% of the hard one: IOS negotiates a new SA when traffic reaches
 * 90 percent of the kilobytes lifetime.
 *
 * @param bytes   hard limit in inner-packet octets, 0 = unlimited
 * @param packets hard limit in packets, 0 = unlimited
 */
public record EspLifetime(long bytes, long packets) {
    /** No volume limit. */
    public static final EspLifetime UNLIMITED = new EspLifetime(0, 0);
    /** IOS default: 4,608,000 kilobytes. */
    public static final EspLifetime IOS_DEFAULT = ofKilobytes(4_608_000L);

    public EspLifetime {
        if (bytes < 0 || packets < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
    }

    public static EspLifetime ofKilobytes(long kilobytes) {
        return new EspLifetime(Math.multiplyExact(kilobytes, 1024L), 0);
    }

    boolean hardReached(long usedBytes, long usedPackets) {
        return (bytes > 0 && usedBytes >= bytes) || (packets > 0 && usedPackets >= packets);
    }

    boolean softReached(long usedBytes, long usedPackets) {
        return (bytes > 0 && usedBytes >= bytes / 10 * 9) || (packets > 0 && usedPackets >= packets / 10 * 9);
    }
}
