package dev.routerlab.eigrp;

/**
 * The process-level configuration of `router eigrp AS` (classic mode) or of the named mode's
 * `address-family ipv4 unicast autonomous-system AS`.
 *
 * @param routerId     `eigrp router-id` (or the one the router picks), put in external routes
 * @param k1           `metric weights 0 k1 k2 k3 k4 k5` (defaults 1 0 1 0 0)
 * @param variance     `variance` (1 = equal cost only)
 * @param maximumPaths `maximum-paths` (default 4)
 * @param stubFlags    0 when not a stub, else {@code Eigrp.STUB_*} flags (`eigrp stub connected summary` = 0x05)
 * @param activeTimeSeconds `timers active-time` (default 180): stuck-in-active after this
 * @param wide         named mode: wide metrics (RFC 7868 section 5.6.2), 64-bit composite, TLV 2.0 routes
 * @param ribScale     named mode's `metric rib-scale` (default 128): the wide composite divided by it for the RIB
 */
public record EigrpConfig(int autonomousSystem, int routerId, int k1, int k2, int k3, int k4, int k5, int variance,
                          int maximumPaths, int stubFlags, int activeTimeSeconds, boolean wide, int ribScale) {
    public static final int DEFAULT_MAXIMUM_PATHS = 4;
    public static final int DEFAULT_ACTIVE_TIME = 180;
    public static final int DEFAULT_RIB_SCALE = 128;

    public EigrpConfig {
        if (autonomousSystem < 1 || autonomousSystem > 65535) throw new IllegalArgumentException("AS " + autonomousSystem);
        if (variance < 1 || variance > 128) throw new IllegalArgumentException("variance " + variance);
        if (maximumPaths < 1 || maximumPaths > 32) throw new IllegalArgumentException("maximum-paths " + maximumPaths);
        if (activeTimeSeconds < 1) throw new IllegalArgumentException("active-time " + activeTimeSeconds);
        if (ribScale < 1 || ribScale > 255) throw new IllegalArgumentException("rib-scale " + ribScale);
    }

    /** The IOS defaults for an AS. */
    public static EigrpConfig defaults(int autonomousSystem, int routerId) {
        return new EigrpConfig(autonomousSystem, routerId, 1, 0, 1, 0, 0, 1, DEFAULT_MAXIMUM_PATHS, 0, DEFAULT_ACTIVE_TIME, false, DEFAULT_RIB_SCALE);
    }

    public EigrpConfig withK(int k1, int k2, int k3, int k4, int k5) {
        return new EigrpConfig(autonomousSystem, routerId, k1, k2, k3, k4, k5, variance, maximumPaths, stubFlags, activeTimeSeconds, wide, ribScale);
    }

    public EigrpConfig withVariance(int v) {
        return new EigrpConfig(autonomousSystem, routerId, k1, k2, k3, k4, k5, v, maximumPaths, stubFlags, activeTimeSeconds, wide, ribScale);
    }

    public EigrpConfig withMaximumPaths(int m) {
        return new EigrpConfig(autonomousSystem, routerId, k1, k2, k3, k4, k5, variance, m, stubFlags, activeTimeSeconds, wide, ribScale);
    }

    /** Named mode's wide metrics with this `metric rib-scale`. */
    public EigrpConfig withWide(int scale) {
        return new EigrpConfig(autonomousSystem, routerId, k1, k2, k3, k4, k5, variance, maximumPaths, stubFlags, activeTimeSeconds, true, scale);
    }

    public EigrpConfig withStub(int flags) {
        return new EigrpConfig(autonomousSystem, routerId, k1, k2, k3, k4, k5, variance, maximumPaths, flags, activeTimeSeconds, wide, ribScale);
    }

    /** A route to redistribute (`redistribute connected|static [metric ...]`): an external route of this router. */
    public record Redistributed(int prefix, int prefixLength, int protocolId, long bandwidthKbps, long delayTensOfMicros,
                                int reliability, int load, int mtu) {
        /** External protocol ids (RFC 7868 section 6, external route TLV). */
        public static final int PROTO_STATIC = 3;
        public static final int PROTO_CONNECTED = 11;
    }
}
