package dev.routerlab.ipv6;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.sim.Scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One interface as the IPv6 engine sees it: its addresses and their DAD states, MTU, groups, RA timer. */
public final class Ipv6Interface {
    /** RFC 4862 address states as `show ipv6 interface` marks them. */
    public enum State {
        TENTATIVE(" [TEN]"), PREFERRED(""), DUPLICATE(" [DUP]");

        public final String mark;

        State(String mark) { this.mark = mark; }
    }

    /** One unicast address: typed with its prefix length (128 for the link-local one) and whether it was formed with EUI-64. */
    public static final class Address {
        public final Ipv6Address address;
        public final int length;
        public final boolean eui64;
        State state = State.TENTATIVE;
        Scheduler.Timer dad;

        Address(Ipv6Address address, int length, boolean eui64) {
            this.address = address;
            this.length = length;
            this.eui64 = eui64;
        }

        public State state() { return state; }

        /** Usable as a source and to receive on (RFC 4862 §5.4: not while tentative or duplicate). */
        public boolean usable() { return state == State.PREFERRED; }
    }

    public final IpInterface ip;
    Address linkLocal;
    final List<Address> globals = new ArrayList<>();
    Integer mtuConfigured;
    Scheduler.Timer raTimer;
    int initialRas;
    long lastRaNanos = Long.MIN_VALUE / 2;
    long rasSent, rsReceived;

    Ipv6Interface(IpInterface ip) { this.ip = ip; }

    public InterfaceName name() { return ip.name; }

    public Address linkLocal() { return linkLocal; }

    public List<Address> globals() { return List.copyOf(globals); }

    public boolean lineUp() { return ip.lineUp(); }

    /** Ethernet with a link (ND runs here); TUN, tunnels and loopbacks have no link-layer addresses. */
    public boolean hasLinkLayer() {
        return ip.kind == IpInterface.Kind.ETHERNET && (ip.link() == null || ip.link().ethernet());
    }

    /** `ipv6 mtu`, else the link MTU (a tunnel's: its transport MTU less the encapsulation). */
    public int mtu() {
        if (mtuConfigured != null) return mtuConfigured;
        return ip.kind == IpInterface.Kind.TUNNEL ? ip.ipMtu() : ip.mtu();
    }

    /** Is a one of this interface's addresses (not a duplicate)? */
    public boolean owns(Ipv6Address a) {
        Address x = find(a);
        return x != null && x.state != State.DUPLICATE;
    }

    /** True when a is one of this interface's addresses, in any state. */
    Address find(Ipv6Address a) {
        if (linkLocal != null && linkLocal.address.equals(a)) return linkLocal;
        for (Address g : globals) if (g.address.equals(a)) return g;
        return null;
    }

    /** The groups joined (RFC 4861 §7.2.1, RFC 4291 §2.8), in IOS's order (ascending). */
    public TreeSet<Ipv6Address> groups(boolean router) {
        TreeSet<Ipv6Address> g = new TreeSet<>();
        g.add(Ipv6Address.ALL_NODES);
        if (router) g.add(Ipv6Address.ALL_ROUTERS);
        if (linkLocal != null) g.add(linkLocal.address.solicitedNode());
        for (Address a : globals) g.add(a.address.solicitedNode());
        return g;
    }

    /** Sent and received Router Advertisement/Solicitation counts. */
    public long rasSent() { return rasSent; }

    public long rsReceived() { return rsReceived; }

    @Override public String toString() { return ip.name.toString(); }
}
