package dev.routerlab.acl;

import java.util.HashMap;
import java.util.Map;
import dev.routerlab.config.RunningConfig;

/**
 * Match counters of access-list entries, kept beside the configuration model (which stays pure
 * configuration): one per router (a router service), per list name ("101", "VPN-TRAFFIC") and sequence number. The
 * dataplane calls {@link #hit}; `show access-lists` prints the counts as `(N matches)`. A new
 * configuration (boot, reload) starts from zero, and removing an entry or a list clears it.
 * Like the rest of a router's state, touched only on the router's event loop.
 */
public final class AclCounters {
    private RunningConfig config;
    private final Map<String, Map<Integer, Long>> counts = new HashMap<>();

    /** The counters of the router's current configuration: a new one starts from zero. */
    public AclCounters of(RunningConfig current) {
        if (config != current) {
            counts.clear();
            config = current;
        }
        return this;
    }

    /** One packet matched entry `sequence` of list `acl`. */
    public void hit(String acl, int sequence) { add(acl, sequence, 1); }

    public void add(String acl, int sequence, long n) {
        counts.computeIfAbsent(acl, k -> new HashMap<>()).merge(sequence, n, Long::sum);
    }

    public long matches(String acl, int sequence) {
        Map<Integer, Long> m = counts.get(acl);
        return m == null ? 0 : m.getOrDefault(sequence, 0L);
    }

    /** Forgets a whole list's counts (`no access-list N`, `clear access-list counters NAME`). */
    public void clear(String acl) { counts.remove(acl); }

    public void clear(String acl, int sequence) {
        Map<Integer, Long> m = counts.get(acl);
        if (m != null) m.remove(sequence);
    }

    public void clearAll() { counts.clear(); }
}
