package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;

/**
 * Which sessions {@code clear crypto session [local A [port N]] [remote A [port N]]} names: an
 * address 0 or a port {@link KeyManager#ANY_PORT} matches any. Behind PAT a peer is its address
 * and port (RFC 3947 §5), so a port names one host of several.
 */
public record SessionEnds(int local, int localPort, int remote, int remotePort) {
    public static final SessionEnds ALL = new SessionEnds(0, KeyManager.ANY_PORT, 0, KeyManager.ANY_PORT);

    /** Whether a session between these ends is named (IPv6 ends only by a wildcard address). */
    public boolean matches(IpAddress l, int lp, IpAddress r, int rp) {
        return end(local, localPort, l, lp) && end(remote, remotePort, r, rp);
    }

    private static boolean end(int address, int port, IpAddress a, int p) {
        return (address == 0 || (!a.isV6() && a.v4() == address)) && KeyManager.portMatches(port, p);
    }
}
