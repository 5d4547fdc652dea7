package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.isakmp.IdPayload;

/**
 * One side of a phase-2 proxy identity (RFC 2409 §5.5 IDci/IDcr, RFC 7296 §3.13.1 traffic
 * selectors): an IPv4 network, or an IPv6 one in {@code network6}/{@code prefix6}, an IP protocol
 * (0 = any) and a port (0 = any). IKEv1 encodes IPv4 as ID_IPV4_ADDR for a /32, else
 * ID_IPV4_ADDR_SUBNET (RFC 2407 §4.6.2).
 */
public record ProxyId(int network, int mask, int protocol, int port, Ipv6Address network6, int prefix6) {
    public static final ProxyId ANY = new ProxyId(0, 0, 0, 0);

    public ProxyId {
        if (!Ipv4Address.isValidMask(mask)) throw new IllegalArgumentException("mask not contiguous");
        if (protocol < 0 || protocol > 255 || port < 0 || port > 0xffff) throw new IllegalArgumentException("bad proxy");
        if (prefix6 < 0 || prefix6 > 128) throw new IllegalArgumentException("bad prefix length");
        network &= mask;
        if (network6 != null) network6 = network6.prefix(prefix6);
    }

    public ProxyId(int network, int mask, int protocol, int port) { this(network, mask, protocol, port, null, 0); }

    /** An IPv6 prefix. */
    public static ProxyId ipv6(Ipv6Address network, int prefix, int protocol, int port) {
        return new ProxyId(0, 0, protocol, port, network, prefix);
    }

    /** A host: /32 or /128. */
    public static ProxyId host(IpAddress a, int protocol) {
        return a.isV6() ? ipv6(a.v6(), 128, protocol, 0) : new ProxyId(a.v4(), -1, protocol, 0);
    }

    public boolean isV6() { return network6 != null; }

    /** The last address of an IPv6 prefix (its first is {@code network6}). */
    public Ipv6Address last6() {
        if (prefix6 == 0) return new Ipv6Address(-1, -1);
        if (prefix6 <= 64) return new Ipv6Address(network6.hi() | (prefix6 == 64 ? 0 : -1L >>> prefix6), -1);
        return new Ipv6Address(network6.hi(), network6.lo() | (prefix6 == 128 ? 0 : -1L >>> (prefix6 - 64)));
    }

    /** Does this proxy name the address (of its family)? */
    public boolean contains(Ipv6Address a) { return network6 != null && a.inPrefix(network6, prefix6); }

    public static ProxyId host(int address) { return new ProxyId(address, -1, 0, 0); }

    public static ProxyId subnet(int network, int prefixLength) {
        return new ProxyId(network, Ipv4Address.mask(prefixLength), 0, 0);
    }

    /** True when every packet this proxy names is also named by {@code this} (IOS accepts a subset). */
    public boolean covers(ProxyId o) {
        if (isV6() || o.isV6()) {
            return isV6() && o.isV6() && o.prefix6 >= prefix6 && o.network6.inPrefix(network6, prefix6)
                    && (protocol == 0 || protocol == o.protocol) && (port == 0 || port == o.port);
        }
        return (mask & o.mask) == mask && ((o.network ^ network) & mask) == 0
                && (protocol == 0 || protocol == o.protocol) && (port == 0 || port == o.port);
    }

    public IdPayload toId() {
        return mask == -1 ? IdPayload.ipv4(network, protocol, port) : IdPayload.ipv4Subnet(network, mask, protocol, port);
    }

    /** The proxy an ID payload names, or null when it is not an IPv4 address, subnet or CIDR-aligned range. */
    public static ProxyId fromId(IdPayload id) {
        switch (id.idType()) {
            case IdPayload.ID_IPV4_ADDR:
                return new ProxyId(id.address(), -1, id.protocol(), id.port());
            case IdPayload.ID_IPV4_ADDR_SUBNET:
                if (!Ipv4Address.isValidMask(id.second())) return null;
                return new ProxyId(id.address(), id.second(), id.protocol(), id.port());
            case IdPayload.ID_IPV4_ADDR_RANGE: {
                int first = id.address(), last = id.second();
                int mask = ~(first ^ last);
                if (!Ipv4Address.isValidMask(mask) || (first & ~mask) != 0 || (last | mask) != -1) return null;
                return new ProxyId(first, mask, id.protocol(), id.port());
            }
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        if (isV6()) return network6 + "/" + prefix6 + "/" + protocol + "/" + port;
        return Ipv4Address.toString(network) + "/" + Ipv4Address.toString(mask) + "/" + protocol + "/" + port;
    }
}
