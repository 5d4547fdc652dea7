package dev.routerlab.ike;

import dev.routerlab.packet.Ipv4Address;

/**
 * A UDP datagram to or from the engine: addresses, ports and the UDP payload. On port 4500 the
 * payload includes the non-ESP marker (RFC 3948 §2.2); the engine adds and strips it.
 */
public record Datagram(int source, int sourcePort, int destination, int destinationPort, byte[] payload) {
    @Override
    public String toString() {
        return "Datagram[" + Ipv4Address.toString(source) + ":" + sourcePort + " -> " + Ipv4Address.toString(destination)
                + ":" + destinationPort + ", " + payload.length + " octets]";
    }
}
