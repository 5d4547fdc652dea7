package dev.routerlab.nhrp;

import dev.routerlab.routing.IntMap;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The NHRP cache of one interface: host (/32) entries in an int-keyed hash map (the data plane
 * looks next hops up per packet, without boxing), shorter prefixes in a sorted map. Iteration
 * order (for `show`) is by address, then prefix length.
 */
public final class NhrpCache {
    private final IntMap<NhrpCacheEntry> hosts = new IntMap<>(16);
    private final TreeMap<Long, NhrpCacheEntry> prefixes = new TreeMap<>();

    private static long key(int prefix, int len) { return (prefix & 0xffffffffL) << 6 | len; }

    /** The entry for exactly prefix/len, or null. */
    public NhrpCacheEntry get(int prefix, int len) {
        return len == 32 ? hosts.get(prefix) : prefixes.get(key(prefix, len));
    }

    /** The /32 entry for address a, or null (the per-packet lookup). */
    public NhrpCacheEntry host(int a) { return hosts.get(a); }

    /** The longest entry covering a (complete or not), or null. */
    public NhrpCacheEntry covering(int a) {
        NhrpCacheEntry h = hosts.get(a);
        if (h != null || prefixes.isEmpty()) return h;
        NhrpCacheEntry best = null;
        for (NhrpCacheEntry e : prefixes.values()) {
            int mask = e.prefixLength == 0 ? 0 : -1 << (32 - e.prefixLength);
            if (((a ^ e.prefix) & mask) == 0 && (best == null || e.prefixLength > best.prefixLength)) best = e;
        }
        return best;
    }

    void put(NhrpCacheEntry e) {
        if (e.prefixLength == 32) hosts.put(e.prefix, e);
        else prefixes.put(key(e.prefix, e.prefixLength), e);
    }

    void remove(NhrpCacheEntry e) {
        if (e.prefixLength == 32) {
            if (hosts.get(e.prefix) == e) hosts.remove(e.prefix);
        } else {
            prefixes.remove(key(e.prefix, e.prefixLength), e);
        }
    }

    public int size() { return hosts.size() + prefixes.size(); }

    /** All entries sorted by address (unsigned), then prefix length: a snapshot, safe to change the cache while walking it. */
    public List<NhrpCacheEntry> entries() {
        List<NhrpCacheEntry> all = new ArrayList<>(size());
        hosts.forEach((k, e) -> all.add(e));
        all.addAll(prefixes.values());
        all.sort((x, y) -> {
            int c = Integer.compareUnsigned(x.prefix, y.prefix);
            return c != 0 ? c : Integer.compare(x.prefixLength, y.prefixLength);
        });
        return all;
    }
}
