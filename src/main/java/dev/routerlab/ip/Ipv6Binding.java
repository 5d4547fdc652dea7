package dev.routerlab.ip;

/**
 * The IPv6 engine as the IPv4 engine sees it, installed with {@link IpEngine#bindIpv6}: it takes
 * the payload of Ethernet frames of type 0x86DD and the bare version-6 packets of a TUN, and
 * says which IPv6 multicast MAC addresses (33:33:..., RFC 2464 §7) a port listens to. It
 * transmits with {@link IpEngine#transmitIpv6}, on the interface's counters and line state.
 * Scheduler thread only.
 */
public interface Ipv6Binding {
    /** An unchecked IPv6 packet received on in (link counters already counted). */
    void input(IpInterface in, byte[] b, int off, int len);

    /** Does the IPv6 engine listen to this multicast MAC on in (all-nodes, solicited-node groups)? */
    boolean listens(IpInterface in, long mac);
}
