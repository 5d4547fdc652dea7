package dev.routerlab.ike;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.isakmp.IdPayload;

/**
 * One side of a phase-2 proxy identity (RFC 2409 §5.5 IDci/IDcr): an IPv4 network, an IP
 * protocol (0 = any) and a port (0 = any). Encoded as ID_IPV4_ADDR for a /32, else
 * ID_IPV4_ADDR_SUBNET (RFC 2407 §4.6.2).
 */
public record ProxyId(int network, int mask, int protocol, int port) {
    public static final ProxyId ANY = new ProxyId(0, 0, 0, 0);

    public ProxyId {
        if (!Ipv4Address.isValidMask(mask)) throw new IllegalArgumentException("mask not contiguous");
        if (protocol < 0 || protocol > 255 || port < 0 || port > 0xffff) throw new IllegalArgumentException("bad proxy");
        network &= mask;
    }

    public static ProxyId host(int address) { return new ProxyId(address, -1, 0, 0); }

    public static ProxyId subnet(int network, int prefixLength) {
        return new ProxyId(network, Ipv4Address.mask(prefixLength), 0, 0);
    }

    /** True when every packet this proxy names is also named by {@code this} (IOS accepts a subset). */
    public boolean covers(ProxyId o) {
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
        return Ipv4Address.toString(network) + "/" + Ipv4Address.toString(mask) + "/" + protocol + "/" + port;
    }
}
