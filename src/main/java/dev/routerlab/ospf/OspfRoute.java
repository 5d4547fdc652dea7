package dev.routerlab.ospf;

import dev.routerlab.packet.Ipv4Address;

import java.util.List;

/**
 * One OSPF route (RFC 2328 11): destination prefix and mask, up to maximum-paths equal-cost next
 * hops, the cost, and the path type. For type 2 externals {@code cost} is the external metric
 * (what IOS shows as [110/cost]) and {@code forwardingCost} the distance to the ASBR or forwarding
 * address, used to break ties; otherwise forwardingCost equals cost.
 */
public record OspfRoute(int prefix, int mask, List<NextHop> nextHops, int cost, int forwardingCost, Type type,
                        int areaId) {
    /** Path types with the IOS route codes. */
    public enum Type {
        INTRA_AREA("O"), INTER_AREA("O IA"), EXTERNAL_1("O E1"), EXTERNAL_2("O E2"), NSSA_1("O N1"), NSSA_2("O N2");

        public final String code;

        Type(String code) { this.code = code; }

        /** From a type-7 LSA (RFC 3101). */
        public boolean nssa() { return this == NSSA_1 || this == NSSA_2; }

        /** The external metric type (1 or 2); 0 for intra- and inter-area routes. */
        public int metricType() {
            return switch (this) {
                case EXTERNAL_1, NSSA_1 -> 1;
                case EXTERNAL_2, NSSA_2 -> 2;
                default -> 0;
            };
        }
    }

    /** A next hop: the neighbour's address (0 when the destination is on the link) and the outgoing interface. */
    public record NextHop(int address, String interfaceName) {
        @Override
        public String toString() { return Ipv4Address.toString(address) + "%" + interfaceName; }
    }

    public OspfRoute {
        nextHops = List.copyOf(nextHops);
    }

    public int prefixLength() { return Integer.bitCount(mask); }

    @Override
    public String toString() {
        return type.code + " " + Ipv4Address.toString(prefix) + "/" + prefixLength() + " [110/" + cost + "] via " + nextHops;
    }
}
