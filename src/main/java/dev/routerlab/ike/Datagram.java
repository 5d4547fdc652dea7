package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;

/**
 * A UDP datagram to or from the engine: addresses (IPv4 or IPv6: IKEv2 runs over both), ports and
 * the UDP payload. On port 4500 the payload includes the non-ESP marker (RFC 3948 §2.2); the
 * engine adds and strips it.
 */
public record Datagram(IpAddress from, int sourcePort, IpAddress to, int destinationPort, byte[] payload) {
    /** An IPv4 datagram. */
    public Datagram(int source, int sourcePort, int destination, int destinationPort, byte[] payload) {
        this(IpAddress.of(source), sourcePort, IpAddress.of(destination), destinationPort, payload);
    }

    /** The IPv4 source (0 for an IPv6 datagram). */
    public int source() { return from.v4(); }

    /** The IPv4 destination (0 for an IPv6 datagram). */
    public int destination() { return to.v4(); }

    public boolean ipv6() { return from.isV6() || to.isV6(); }

    @Override
    public String toString() {
        return "Datagram[" + from + ":" + sourcePort + " -> " + to + ":" + destinationPort + ", " + payload.length + " octets]";
    }
}
