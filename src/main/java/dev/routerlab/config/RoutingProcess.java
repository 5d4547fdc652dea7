package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;

/** `router ospf N` or `router eigrp N`. */
public final class RoutingProcess extends Model {
    public enum Protocol { OSPF, EIGRP }

    /** Sort key: protocol, then process number. */
    public record Key(Protocol protocol, int id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = protocol.compareTo(o.protocol);
            return c != 0 ? c : Integer.compare(id, o.id);
        }
    }

    public final Key key;
    public Integer routerId;
    public boolean passiveDefault;
    public final List<InterfaceName> passive = new ArrayList<>();
    public final List<Network> networks = new ArrayList<>();
    /** `maximum-paths N` (null: the IOS default, 4). */
    public Integer maximumPaths;
    /** `redistribute ...`, in the order IOS writes them (by source, then process). */
    public final List<Redistribution> redistribute = new ArrayList<>();
    /** `neighbor A [priority N]` (OSPF non-broadcast networks, RFC 2328 §9.5.1). */
    public final List<Neighbor> neighbors = new ArrayList<>();

    /** Equal-cost paths a process installs when `maximum-paths` is not set. */
    public static final int DEFAULT_MAXIMUM_PATHS = 4;

    public int maximumPaths() { return maximumPaths != null ? maximumPaths : DEFAULT_MAXIMUM_PATHS; }

    /** The redistribution of a source, or null. */
    public Redistribution redistribution(Source source, int id) {
        for (Redistribution r : redistribute) if (r.source == source && r.id == id) return r;
        return null;
    }

    /** EIGRP's own process settings (unused by OSPF). */
    public final Eigrp eigrp = new Eigrp();

    /** `router eigrp AS` settings beyond the shared ones. */
    public static final class Eigrp extends Model {
        /** `auto-summary` (IOS 15 default: off). */
        public boolean autoSummary;
        /** `variance N` (null: 1). */
        public Integer variance;
        /** `metric weights 0 K1 K2 K3 K4 K5` (null: 1 0 1 0 0). */
        public List<Integer> metricWeights;
        /** `eigrp stub ...` flags (RFC 7868 stub TLV bits), null when not a stub. */
        public Integer stubFlags;
    }

    public RoutingProcess(Key key) { this.key = key; }

    /** `network A W [area X]`; wildcard null for EIGRP classful form, area null for EIGRP. */
    public record Network(int address, Integer wildcard, String area) {}

    /** `neighbor A [priority N]`; priority null: not written (IOS default 0). */
    public record Neighbor(int address, Integer priority) {}

    /** What `redistribute` takes routes from, in IOS order. */
    public enum Source { CONNECTED, STATIC, EIGRP, OSPF }

    /** EIGRP's `metric bandwidth delay reliability load mtu` (RFC 7868 §5.6.1). */
    public record EigrpMetric(long bandwidth, long delay, int reliability, int load, int mtu) {}

    /**
     * `redistribute SOURCE [N] [metric ...] [metric-type 1|2] [subnets] [tag N] [route-map W]`: the
     * union of OSPF's and EIGRP's options; each protocol's layer accepts its own.
     */
    public static final class Redistribution extends Model {
        public final Source source;
        /** Process or AS number for `ospf N`/`eigrp N`, else 0. */
        public final int id;
        public boolean subnets;
        public Long metric;
        public EigrpMetric eigrpMetric;
        /** OSPF external metric type (RFC 2328 §A.4.5), null: type 2. */
        public Integer metricType;
        public Long tag;
        public String routeMap;

        public Redistribution(Source source, int id) {
            this.source = source;
            this.id = id;
        }
    }
}
