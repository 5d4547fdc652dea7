package dev.routerlab.ip;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.link.Link;
import dev.routerlab.packet.MacAddress;
import dev.routerlab.routing.RoutedInterface;

/**
 * One interface as the IPv4 engine sees it: the configured addressing (copied from the model at
 * each reconciliation), link and line-protocol state, the bound link, and its counters.
 */
public final class IpInterface implements RoutedInterface {
    /** Link state as IOS names it in `show interfaces` and the LINK-* log lines. */
    public enum LinkState {
        UP("up"), DOWN("down"), ADMIN_DOWN("administratively down");

        public final String ios;

        LinkState(String ios) { this.ios = ios; }
    }

    /** NULL: Null0, the discard interface (always up; what is routed to it is dropped). */
    public enum Kind { ETHERNET, LOOPBACK, TUNNEL, NULL }

    public final InterfaceName name;
    public final Kind kind;
    /** MAC address as a 48-bit value (Ethernet ports). */
    public final long mac;
    public final Counters counters;

    // ---- configuration (the last reconciled model)
    boolean adminUp;
    int address;
    int mask;
    int[] secondaries = new int[0];   // address, mask pairs
    boolean hasAddress;
    Integer ipMtuConfigured;
    /** `mtu`: the hardware MTU of an Ethernet port or loopback. */
    Integer mtuConfigured;
    int tcpMss;

    // ---- live state
    Link link;
    /** A never-bound port has carrier (an IOSv NIC is always "connected"); a link may drop it. */
    boolean carrier = true;
    LinkState linkState;
    boolean lineUp;
    /** False until the interface has been reported once (virtual interfaces log their first state). */
    boolean announced;
    /** The tunnel engine's side of a tunnel interface (null otherwise). */
    TunnelBinding tunnel;
    /**
     * A tunnel's underlay: the interface its outer IPv4 packets leave by (the route to the
     * destination, else the source interface), set at each evaluation; null: none known.
     */
    IpInterface underlay;
    /** True while {@link #transportMtu} runs (scheduler thread): an underlay that leads back here stops the walk. */
    private boolean inTransportMtu;
    /** The IPsec dataplane of this interface (a crypto map, tunnel protection, a VTI), null when it has none. */
    IpsecBinding ipsec;
    InterfaceConfig.TunnelMode tunnelMode = InterfaceConfig.TunnelMode.GRE_IP;
    TunnelDown tunnelDown = TunnelDown.NONE;
    /** Until when (scheduler nanos) a tunnel found routing to its destination through itself stays down (%TUN-5-RECURDOWN). */
    long recursiveUntil;
    /** The admin state last told to the link (a wire passes it on as the far end's carrier). */
    boolean portReported = true;

    // ---- scratch of one evaluation
    LinkState nextLink;
    boolean nextLine;
    TunnelDown nextDown;

    /** Why a tunnel's line protocol is down (besides the link being down). */
    public enum TunnelDown { NONE, NO_SOURCE, NO_DESTINATION, NO_ROUTE, RECURSIVE, KEEPALIVE }

    public IpInterface(InterfaceName name, long mac, Counters counters) {
        this.name = name;
        this.kind = switch (name.type()) {
            case LOOPBACK -> Kind.LOOPBACK;
            case TUNNEL -> Kind.TUNNEL;
            case NULL -> Kind.NULL;
            default -> Kind.ETHERNET;
        };
        this.mac = mac;
        this.counters = counters;
        this.linkState = name.isPhysical() ? LinkState.ADMIN_DOWN : LinkState.UP;
        this.announced = name.isPhysical();
    }

    /** `vrf forwarding NAME` (null: the global table): which routing table its packets use. */
    String vrf;
    /** `tunnel vrf NAME`: the table the tunnel's outer packets are routed in. */
    String tunnelVrf;

    @Override
    public String vrf() { return vrf; }

    @Override
    public boolean discard() { return kind == Kind.NULL; }

    /** `tunnel vrf NAME`, null: the global table. */
    public String tunnelVrf() { return tunnelVrf; }

    void apply(InterfaceConfig c) {
        adminUp = !c.shutdown;
        vrf = c.vrf;
        tunnelVrf = c.tunnelVrf;
        hasAddress = c.address != null;
        address = hasAddress ? c.address.address() : 0;
        mask = hasAddress ? c.address.mask() : 0;
        secondaries = new int[c.secondaries.size() * 2];
        for (int i = 0; i < c.secondaries.size(); i++) {
            secondaries[2 * i] = c.secondaries.get(i).address();
            secondaries[2 * i + 1] = c.secondaries.get(i).mask();
        }
        ipMtuConfigured = c.ipMtu;
        mtuConfigured = c.mtu;
        tcpMss = c.tcpAdjustMss == null ? 0 : c.tcpAdjustMss;
    }

    /**
     * Hardware MTU: `mtu`, else 1500 on Ethernet, 1514 on loopbacks; tunnels report 17940 less
     * their overhead (GRE over IPv4: 17916, as IOS outputs show). A VTI's figure is unconfirmed: no
     * IOS output of an IPv6 VTI (`tunnel mode ipsec ipv6`, here 17896) was found, and the one real
     * IPv4 VTI output found (AWS's troubleshooting guide for Cisco IOS customer gateways, an
     * 800-series ISR of the 12.4/15.0 era, esp-aes esp-sha-hmac) shows `MTU 17867 bytes` with
     * `Tunnel transport MTU 1427 bytes`: 17940 and 1500 less 20 and ESP's largest overhead, 53.
     */
    public int mtu() {
        if (mtuConfigured != null && kind != Kind.TUNNEL) return mtuConfigured;
        return switch (kind) {
            case ETHERNET, NULL -> 1500;
            case LOOPBACK -> 1514;
            case TUNNEL -> 17940 - (tunnel == null ? TunnelBinding.BASE_OVERHEAD : tunnel.overhead());
        };
    }

    /** IP MTU: `ip mtu`, else the hardware MTU (`mtu`) (tunnels: their transport MTU). */
    public int ipMtu() {
        if (ipMtuConfigured != null) return ipMtuConfigured;
        return kind == Kind.TUNNEL ? transportMtu() : mtu();
    }

    /**
     * Tunnels: what fits in one packet of the transport: its path MTU (the IP MTU of the interface
     * the outer packets leave by, an IPv6 transport's IPv6 MTU, or what a Packet Too Big taught
     * when lower) less the GRE and outer IPv4 or IPv6 header. Protected, as IOS: what IPsec
     * leaves of the path (the SA's plaintext MTU, over an IPv4 or an IPv6 transport) less GRE and
     * its outer header, a VTI's being the plaintext MTU itself, so that nothing leaves encrypted
     * in fragments (IPv6 is never fragmented on the way either, RFC 8200 §5). Read live: a
     * change of the underlay's `ip mtu`, `ipv6 mtu` or `mtu` shows at once.
     */
    public int transportMtu() {
        if (tunnel == null || inTransportMtu) return 1500 - TunnelBinding.BASE_OVERHEAD;   // tunnels nested in a loop: 1500's
        inTransportMtu = true;
        try {
            int path = tunnel.pathMtu(underlay == null ? 1500 : underlay.ipMtu());
            if (ipsec == null) return path - tunnel.overhead();
            int plain = ipsec.plaintextMtu(path);
            boolean vti = tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV4 || tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV6;
            return vti ? plain : plain - tunnel.overhead();
        } finally {
            inTransportMtu = false;
        }
    }

    /** A tunnel's underlay (see {@link #transportMtu}), or null. */
    public IpInterface underlay() { return underlay; }

    @Override public InterfaceName name() { return name; }

    public boolean adminUp() { return adminUp; }

    public boolean lineUp() { return lineUp; }

    public LinkState linkState() { return linkState; }

    @Override public boolean hasAddress() { return hasAddress; }

    @Override public int address() { return address; }

    @Override public int mask() { return mask; }

    public boolean carrier() { return carrier; }

    public Link link() { return link; }

    /** The tunnel engine's side of a tunnel interface, or null. */
    public TunnelBinding tunnel() { return tunnel; }

    public IpsecBinding ipsec() { return ipsec; }

    /** Set by the IPsec engine at each reconciliation (null: none). */
    public void bindIpsec(IpsecBinding b) { ipsec = b; }

    public TunnelDown tunnelDown() { return tunnelDown; }

    public InterfaceConfig.TunnelMode tunnelMode() { return tunnelMode; }

    @Override public int[] secondaries() { return secondaries.clone(); }

    public MacAddress macAddress() { return MacAddress.of(mac); }

    /** True when a is one of this interface's addresses (primary or secondary). */
    public boolean owns(int a) {
        if (hasAddress && a == address) return true;
        for (int i = 0; i < secondaries.length; i += 2) if (secondaries[i] == a) return true;
        return false;
    }

    /** The address to source from towards a neighbour: the one whose subnet holds it, else the primary. */
    int sourceFor(int neighbour) {
        for (int i = 0; i < secondaries.length; i += 2) {
            if (((secondaries[i] ^ neighbour) & secondaries[i + 1]) == 0) return secondaries[i];
        }
        return address;
    }

    /** True for the directed broadcast address of one of this interface's subnets. */
    public boolean isDirectedBroadcast(int a) {
        if (hasAddress && mask != -1 && mask != -2 && a == (address | ~mask)) return true;
        for (int i = 0; i < secondaries.length; i += 2) {
            int m = secondaries[i + 1];
            if (m != -1 && m != -2 && a == (secondaries[i] | ~m)) return true;
        }
        return false;
    }

    @Override public String toString() { return name.toString(); }
}
