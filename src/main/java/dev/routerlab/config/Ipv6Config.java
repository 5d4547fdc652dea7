package dev.routerlab.config;

import dev.routerlab.packet.Ipv6Address;

import java.util.ArrayList;
import java.util.List;

/** IPv6 global configuration: `ipv6 unicast-routing` and `ipv6 route` (RFC 8200 hosts and routers, IOS semantics). */
public final class Ipv6Config extends Model {
    /** `ipv6 unicast-routing`: forwarding and Router Advertisements (otherwise the router is an IPv6 host). */
    public boolean unicastRouting;
    /** `ipv6 route PREFIX/LEN {IF [NEXTHOP] | NEXTHOP} [DISTANCE]` in IOS order (by prefix). */
    public final List<Route> routes = new ArrayList<>();

    /** A static route: iface or nextHop (or both); distance 1 unless typed. */
    public record Route(Ipv6Address prefix, int length, InterfaceName iface, Ipv6Address nextHop, int distance) {
        public Route {
            prefix = prefix.prefix(length);
        }

        /** The same route but for its distance (IOS replaces it). */
        public boolean samePath(Route o) {
            return prefix.equals(o.prefix) && length == o.length && java.util.Objects.equals(iface, o.iface)
                    && java.util.Objects.equals(nextHop, o.nextHop);
        }
    }

    public boolean isEmpty() { return !unicastRouting && routes.isEmpty(); }

    /** One interface's IPv6 configuration. */
    public static final class Interface extends Model {
        /** `ipv6 address X/LEN [eui-64]` in the order typed. */
        public final List<Address> addresses = new ArrayList<>();
        /** `ipv6 address X link-local` (null: the EUI-64 one). */
        public Ipv6Address linkLocal;
        /** `ipv6 enable`: a link-local address without a global one. */
        public boolean enable;
        /** `ipv6 mtu N` (null: the link MTU). */
        public Integer mtu;

        /** True when IPv6 runs on the interface (RFC 4862: a link-local address is formed). */
        public boolean active() { return enable || linkLocal != null || !addresses.isEmpty(); }

        public boolean isEmpty() { return !active() && mtu == null; }
    }

    /** A global (or unique-local) address as typed: with eui64, its prefix's upper 64 bits take the interface identifier. */
    public record Address(Ipv6Address address, int length, boolean eui64) {}
}
