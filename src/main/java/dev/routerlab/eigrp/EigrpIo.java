package dev.routerlab.eigrp;

/**
 * Where an {@link EigrpInstance} sends its packets: the router puts them in IPv4 (protocol 88,
 * TTL 2, source the interface's address, DSCP CS6) out of the interface; on an mGRE tunnel the
 * multicast group is replicated to the NHRP multicast map as for any multicast.
 */
public interface EigrpIo {
    /**
     * Sends one EIGRP packet.
     *
     * @param ifaceId     the interface, as given in {@link EigrpInterfaceConfig#id()}
     * @param destination {@link dev.routerlab.packet.eigrp.Eigrp#MULTICAST_GROUP} (224.0.0.10) or a
     *                    neighbour's address (unicast)
     * @param packet      the EIGRP packet (header and TLVs), owned by the receiver from now on
     */
    void send(int ifaceId, int destination, byte[] packet);
}
