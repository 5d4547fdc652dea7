package dev.routerlab.tunnel;

import dev.routerlab.ip.Net;
import dev.routerlab.link.FrameTap;

/** {@link GreOverIpv6Test}'s R1-R2-R3 topology (GRE over an IPv6-only R2) for tests of other packages. */
public final class GreOverIpv6Lab {
    private GreOverIpv6Lab() {}

    public static Net lab(Net net, FrameTap tap) { return GreOverIpv6Test.lab(net, tap); }
}
