package dev.routerlab.ospf;

/**
 * How the engine sends: the router wraps {@code packet} (a whole OSPF packet, MD5 digest
 * included) in IPv4 protocol 89 from the interface's address, TTL 1, to {@code destination}
 * ({@link dev.routerlab.packet.ospf.Ospf#ALL_SPF_ROUTERS}, {@link
 * dev.routerlab.packet.ospf.Ospf#ALL_D_ROUTERS} or a neighbour's unicast address), and sends it
 * out of the named interface (IP precedence 6, as IOS does).
 */
@FunctionalInterface
public interface OspfTransmit {
    void send(String interfaceName, int destination, byte[] packet);
}
