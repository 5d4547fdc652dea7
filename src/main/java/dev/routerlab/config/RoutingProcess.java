package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;

/** `router ospf N` or `router eigrp N`. */
public final class RoutingProcess extends Model {
    public enum Protocol { OSPF, EIGRP }

    /**
     * Sort key: protocol, process number, then VRF (null, the global table, first). The VRF is
     * EIGRP's: an address family in a VRF (`address-family ipv4 vrf NAME autonomous-system N`) is
     * a process of its own, and the same AS may run in several VRFs.
     */
    public record Key(Protocol protocol, int id, String vrf) implements Comparable<Key> {
        public Key(Protocol protocol, int id) { this(protocol, id, null); }

        @Override
        public int compareTo(Key o) {
            int c = protocol.compareTo(o.protocol);
            if (c == 0) c = Integer.compare(id, o.id);
            return c != 0 ? c : java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()).compare(vrf, o.vrf);
        }
    }

    /** Not final: classic EIGRP's `autonomous-system N` under `address-family ipv4 vrf NAME` sets the AS afterwards. */
    public Key key;
    /** `router ospf N vrf NAME`: the process runs on that VRF's interfaces and routes into its table; null: the global table. */
    public String vrf;
    public Integer routerId;
    public boolean passiveDefault;
    public final List<InterfaceName> passive = new ArrayList<>();
    public final List<Network> networks = new ArrayList<>();
    /** `maximum-paths N` (null: the IOS default, 4). */
    public Integer maximumPaths;
    /** `redistribute ...`, in the order IOS writes them (by source, then process). */
    public final List<Redistribution> redistribute = new ArrayList<>();
    /** An OSPF area id as typed (decimal or dotted quad) as an unsigned value. */
    public static long areaId(String typed) {
        return typed.indexOf('.') >= 0 ? Integer.toUnsignedLong(dev.routerlab.packet.Ipv4Address.parse(typed)) : Long.parseLong(typed);
    }

    /** `area X authentication|stub|default-cost|range` of one area; display is the id as first typed. */
    public static final class Area extends Model {
        public final String display;
        /** `area X authentication [message-digest]` (null: none). */
        public Boolean messageDigest;
        public boolean stub, noSummary;
        /** `area X nssa [no-summary] [default-information-originate]` (RFC 3101); noSummary is shared with stub. */
        public boolean nssa, nssaDefault;
        public Integer defaultCost;
        public final List<Summary> ranges = new ArrayList<>();

        public Area(String display) { this.display = display; }

        public boolean isEmpty() { return messageDigest == null && !stub && !nssa && defaultCost == null && ranges.isEmpty(); }
    }

    /** `area X range` or `summary-address`: a prefix, advertised or not. */
    public record Summary(int prefix, int mask, boolean notAdvertise) {}

    /** `default-information originate [always] [metric N] [metric-type 1|2]`. */
    public record DefaultInformation(boolean always, Integer metric, Integer metricType) {}

    /** `neighbor A [priority N]` (OSPF non-broadcast networks, RFC 2328 §9.5.1). */
    public final List<Neighbor> neighbors = new ArrayList<>();

    /** OSPF `auto-cost reference-bandwidth` in Mbit/s (null: 100). */
    public Long referenceBandwidth;
    /** OSPF `area X ...` settings by area id. */
    public final java.util.TreeMap<Long, Area> areas = new java.util.TreeMap<>();
    /** OSPF `summary-address A M [not-advertise]` (external aggregation on an ASBR). */
    public final List<Summary> summaries = new ArrayList<>();
    /** OSPF `default-information originate ...` (null: not configured). */
    public DefaultInformation defaultInformation;

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
        /** Named mode: `metric rib-scale N` (null: 128), the wide metric divided by it for the RIB. */
        public Integer ribScale;
        /** `eigrp stub ...` flags (RFC 7868 stub TLV bits), null when not a stub. */
        public Integer stubFlags;
        /** Named mode: the `router eigrp NAME` this is the `address-family ipv4 autonomous-system N` of (null: classic). */
        public String virtualInstance;
        /**
         * Classic mode: the `router eigrp N` this is the `address-family ipv4 vrf NAME` of (null: the
         * process itself, or named mode). Its key's AS is 0 until `autonomous-system` gives one.
         */
        public Integer parent;
        /** Named mode: `af-interface default` settings, under each interface's own. */
        public final InterfaceConfig.EigrpInterface afDefault = new InterfaceConfig.EigrpInterface();
        /** Named mode: `af-interface X` settings (classic mode keeps them on the interface). */
        public final java.util.TreeMap<InterfaceName, InterfaceConfig.EigrpInterface> afInterfaces = new java.util.TreeMap<>();
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
