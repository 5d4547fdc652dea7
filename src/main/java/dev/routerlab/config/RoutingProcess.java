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

    public RoutingProcess(Key key) { this.key = key; }

    /** `network A W [area X]`; wildcard null for EIGRP classful form, area null for EIGRP. */
    public record Network(int address, Integer wildcard, String area) {}
}
