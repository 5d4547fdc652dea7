package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.esp.EspLifetime;
import dev.routerlab.esp.EspSa;
import dev.routerlab.esp.Transform;
import dev.routerlab.packet.IpAddress;
import java.util.random.RandomGenerator;

/**
 * An established phase-2 (ESP) SA pair: everything the dataplane needs. SPIs are each
 * receiver's choice (RFC 2409 §5.5): {@code inboundSpi} is ours, {@code outboundSpi} the peer's.
 * Keys are never printed.
 *
 * @param local           our end (IPv4 or IPv6)
 * @param udpEncapsulated ESP in UDP between {@code localPort} and {@code peerPort} (RFC 3948)
 * @param lifetimeKilobytes 0 = no volume limit
 * @param pfs             the quick-mode DH group, or null without PFS
 * @param initiator       true when this side sent QM1
 */
public record ChildSa(long id, IpAddress local, int localPort, IpAddress peer, int peerPort, int inboundSpi,
                      int outboundSpi, Transform transform, IpsecMode mode, boolean udpEncapsulated,
                      byte[] inboundKeymat, byte[] outboundKeymat, ProxyId localProxy, ProxyId remoteProxy,
                      long lifetimeSeconds, long lifetimeKilobytes, DhGroup pfs, String policyName,
                      boolean initiator, long establishedNanos) {

    public ChildSa {
        inboundKeymat = inboundKeymat.clone();
        outboundKeymat = outboundKeymat.clone();
    }

    /** The local IPv4 address (0 when the SA runs over IPv6). */
    public int localAddress() { return local.v4(); }

    /** The peer's IPv4 address (0 when the SA runs over IPv6). */
    public int peerAddress() { return peer.v4(); }

    /** ESP over IPv6 (the SA's ends are IPv6 addresses). */
    public boolean ipv6() { return peer.isV6(); }

    /** The peer's port where it tells the peer apart, ESP in UDP (behind PAT, RFC 3947 §5); else {@link KeyManager#ANY_PORT}. */
    public int natPeerPort() { return udpEncapsulated ? peerPort : KeyManager.ANY_PORT; }

    @Override
    public byte[] inboundKeymat() { return inboundKeymat.clone(); }

    @Override
    public byte[] outboundKeymat() { return outboundKeymat.clone(); }

    public EspLifetime espLifetime() {
        return lifetimeKilobytes > 0 ? EspLifetime.ofKilobytes(lifetimeKilobytes) : EspLifetime.UNLIMITED;
    }

    /** The inbound ESP SA ({@code replayWindow} 0 disables anti-replay). */
    public EspSa inboundSa(int replayWindow) {
        return EspSa.inbound(inboundSpi, transform, inboundKeymat, replayWindow, espLifetime());
    }

    /** The outbound ESP SA; {@code ivRandom} is SecureRandom when live. */
    public EspSa outboundSa(RandomGenerator ivRandom) {
        return EspSa.outbound(outboundSpi, transform, outboundKeymat, ivRandom, espLifetime());
    }

    @Override
    public boolean equals(Object o) { return o instanceof ChildSa c && c.id == id; }

    @Override
    public int hashCode() { return Long.hashCode(id); }

    @Override
    public String toString() {
        return String.format("ChildSa[%d %s:%d <-> %s:%d in 0x%08X out 0x%08X %s %s%s %s -> %s, %ds/%dkB, keys hidden]",
                id, local, localPort, peer, peerPort,
                inboundSpi, outboundSpi, transform, mode, udpEncapsulated ? " UDP-encaps" : "", localProxy, remoteProxy,
                lifetimeSeconds, lifetimeKilobytes);
    }
}
