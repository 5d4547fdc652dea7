package dev.routerlab.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import dev.routerlab.device.Router;

/**
 * Match counters of access-list entries, kept beside the configuration model (which stays pure
 * configuration): per router, per list name ("101", "VPN-TRAFFIC") and sequence number. The
 * dataplane calls {@link #hit}; `show access-lists` prints the counts as `(N matches)`. A new
 * configuration (boot, reload) starts from zero, and removing an entry or a list clears it.
 * Like the rest of a router's state, touched only on the router's event loop.
 */
public final class AclCounters {
    private static final Map<Router, AclCounters> BY_ROUTER = Collections.synchronizedMap(new WeakHashMap<>());

    private RunningConfig config;
    private final Map<String, Map<Integer, Long>> counts = new HashMap<>();

    private AclCounters() {}

    /** The counters of a router's current configuration. */
    public static AclCounters of(Router r) {
        AclCounters c = BY_ROUTER.computeIfAbsent(r, k -> new AclCounters());
        if (c.config != r.config()) {
            c.counts.clear();
            c.config = r.config();
        }
        return c;
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
