package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.routerlab.config.InterfaceConfig.Ipv4Prefix;

/**
 * The subnets configured on interfaces, by prefix length then network, so the IOS overlap check
 * (`% 10.0.0.0 overlaps with GigabitEthernet0/0`) costs 33 lookups instead of a scan of every
 * interface. Kept by RunningConfig's address mutators; derived state, not part of the model.
 */
final class SubnetIndex {
    @SuppressWarnings("unchecked")
    private final TreeMap<Long, List<InterfaceConfig>>[] byLength = new TreeMap[33];

    void add(Ipv4Prefix p, InterfaceConfig owner) {
        int len = Integer.bitCount(p.mask());
        if (byLength[len] == null) byLength[len] = new TreeMap<>();
        byLength[len].computeIfAbsent(network(p), k -> new ArrayList<>(1)).add(owner);
    }

    void remove(Ipv4Prefix p, InterfaceConfig owner) {
        TreeMap<Long, List<InterfaceConfig>> m = byLength[Integer.bitCount(p.mask())];
        if (m == null) return;
        List<InterfaceConfig> l = m.get(network(p));
        if (l != null && l.remove(owner) && l.isEmpty()) m.remove(network(p));
    }

    /** An interface other than self, not shut down, whose subnet overlaps p; or null. */
    InterfaceConfig overlapping(Ipv4Prefix p, InterfaceConfig self) {
        int len = Integer.bitCount(p.mask());
        long lo = network(p), hi = lo + (1L << (32 - len)) - 1;
        for (int l = 0; l <= 32; l++) {
            TreeMap<Long, List<InterfaceConfig>> m = byLength[l];
            if (m == null) continue;
            if (l <= len) {
                // a shorter (or equal) prefix containing p's network
                long net = lo & (0xffffffffL << (32 - l)) & 0xffffffffL;
                InterfaceConfig hit = live(m.get(net), self);
                if (hit != null) return hit;
            } else {
                // a longer prefix inside p
                for (Map.Entry<Long, List<InterfaceConfig>> e : m.subMap(lo, true, hi, true).entrySet()) {
                    InterfaceConfig hit = live(e.getValue(), self);
                    if (hit != null) return hit;
                }
            }
        }
        return null;
    }

    /**
     * An interface whose primary or secondary address is a (up, down or shut); or null. The
     * subnets holding a are looked up by prefix length: 33 lookups, not a scan of every interface.
     */
    InterfaceConfig owner(int a) {
        for (int l = 0; l <= 32; l++) {
            TreeMap<Long, List<InterfaceConfig>> m = byLength[l];
            if (m == null) continue;
            List<InterfaceConfig> owners = m.get(a & (0xffffffffL << (32 - l)) & 0xffffffffL);
            if (owners == null) continue;
            for (InterfaceConfig i : owners) {
                if (i.address != null && i.address.address() == a) return i;
                for (Ipv4Prefix p : i.secondaries) if (p.address() == a) return i;
            }
        }
        return null;
    }

    private static InterfaceConfig live(List<InterfaceConfig> l, InterfaceConfig self) {
        if (l == null) return null;
        for (InterfaceConfig i : l) if (i != self && !i.shutdown && java.util.Objects.equals(i.vrf, self.vrf)) return i;   // per VRF, as IOS checks
        return null;
    }

    private static long network(Ipv4Prefix p) {
        return (p.address() & p.mask()) & 0xffffffffL;
    }
}
