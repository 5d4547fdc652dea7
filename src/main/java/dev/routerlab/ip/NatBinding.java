package dev.routerlab.ip;

/**
 * Network address translation at its IOS places in the packet flow, set by the NAT engine with
 * {@link IpEngine#bindNat}: outside to inside before the route lookup, inside to outside after
 * it and before the crypto map (IOS "NAT order of operations"; RFC 3022 §4).
 */
public interface NatBinding {
    /** A checked packet received on in, before routing: may rewrite its destination; false drops it. */
    boolean input(IpInterface in, byte[] b, int off, int len);

    /** A forwarded packet from in leaving by out, before the output chain: may rewrite its source; false drops it. */
    boolean output(IpInterface in, IpInterface out, byte[] b, int off, int len);

    /** An inside-global address the router answers ARP for on in (static and pool addresses, as IOS aliases them). */
    boolean alias(IpInterface in, int address);
}
