package dev.routerlab.nhrp;

/** Events from an {@link NhrpInstance} for the routing table, the mGRE data plane and the log. All optional. */
public interface NhrpListener {
    /** An entry appeared or changed (NBMA address, expiry, flags): the data plane may have a new NBMA for it. */
    default void entryUpdated(NhrpInstance nhrp, NhrpCacheEntry e) {}

    /** An entry left the cache (expired, purged, cleared). */
    default void entryRemoved(NhrpInstance nhrp, NhrpCacheEntry e) {}

    /**
     * Install a shortcut (phase 3): an NHRP route prefix/len via nextHop on this tunnel (IOS `H`,
     * "is directly connected" when nextHop equals prefix and len is 32), or, when
     * nextHopOverride, replace the next hop of the existing route for exactly prefix/len (IOS `%`).
     */
    default void shortcutInstalled(NhrpInstance nhrp, int prefix, int len, int nextHop, boolean nextHopOverride) {}

    /** Withdraw a shortcut given earlier by {@link #shortcutInstalled}. */
    default void shortcutRemoved(NhrpInstance nhrp, int prefix, int len, int nextHop, boolean nextHopOverride) {}

    /** An NHS started or stopped answering registrations (%DMVPN-5-NHRP_NHS_UP / _DOWN). */
    default void nhsStateChanged(NhrpInstance nhrp, NhrpNhs nhs, boolean up) {}

    /** The multicast replication list changed (`map multicast dynamic` registrations came or went). */
    default void multicastChanged(NhrpInstance nhrp) {}

    /** A syslog message of facility NHRP (%NHRP-3-PAKERROR). */
    default void log(NhrpInstance nhrp, int severity, String mnemonic, String text) {}

    /** A `debug nhrp` line (without timestamp). */
    default void debug(NhrpInstance nhrp, String line) {}
}
