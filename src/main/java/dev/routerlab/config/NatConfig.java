package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * `ip nat ...` global configuration (RFC 3022 NAT and NAPT, IOS semantics): pools, static and
 * dynamic inside-source mappings, translation timeouts.
 */
public final class NatConfig extends Model {
    /** `ip nat pool NAME START END netmask M | prefix-length N`, by name. */
    public final TreeMap<String, Pool> pools = new TreeMap<>();
    /** `ip nat inside source static ...` in the order typed. */
    public final List<StaticMapping> statics = new ArrayList<>();
    /** `ip nat inside source list ACL interface IF | pool P [overload]` in the order typed. */
    public final List<DynamicMapping> dynamics = new ArrayList<>();
    /** `ip nat translation KIND SECONDS|never` by kind; absent: the IOS default. */
    public final TreeMap<Timeout, Long> timeouts = new TreeMap<>();

    /** The timeouts IOS keeps, with its keyword and default in seconds (-1: never). */
    public enum Timeout {
        TIMEOUT("timeout", 86400), UDP("udp-timeout", 300), DNS("dns-timeout", 60), TCP("tcp-timeout", 86400),
        FINRST("finrst-timeout", 60), ICMP("icmp-timeout", 60), SYN("syn-timeout", 60);

        public final String keyword;
        public final long defaultSeconds;

        Timeout(String keyword, long defaultSeconds) {
            this.keyword = keyword;
            this.defaultSeconds = defaultSeconds;
        }
    }

    /** A timeout in seconds (-1: never). */
    public long timeout(Timeout t) { return timeouts.getOrDefault(t, t.defaultSeconds); }

    /** An address range; netmask as typed (prefixLength true when typed as `prefix-length`). */
    public record Pool(String name, int start, int end, int netmask, boolean prefixLength) {}

    /**
     * `static [tcp|udp] LOCAL [LPORT] GLOBAL [GPORT] [extendable]`: protocol 0 for the simple
     * one-to-one form (ports 0).
     */
    public record StaticMapping(int protocol, int local, int localPort, int global, int globalPort, boolean extendable) {}

    /** `list ACL` to an interface's address or a pool; overload is PAT. */
    public record DynamicMapping(String acl, InterfaceName iface, String pool, boolean overload) {}

    public boolean isEmpty() { return pools.isEmpty() && statics.isEmpty() && dynamics.isEmpty() && timeouts.isEmpty(); }
}
