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
    /** `maximum-paths N` (null: the protocol's default). */
    public Integer maximumPaths;
    /** `redistribute static|connected [metric V...]`: each source with its metric values (empty: none given). */
    public final java.util.TreeMap<Redistribute, List<Long>> redistribute = new java.util.TreeMap<>();
    /** EIGRP's own process settings (unused by OSPF). */
    public final Eigrp eigrp = new Eigrp();

    /** What `redistribute` takes, in the order IOS writes it. */
    public enum Redistribute { CONNECTED, STATIC }

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
}
