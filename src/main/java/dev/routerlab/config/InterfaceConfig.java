package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.packet.Ipv6Address;

/** One `interface` section. Physical ports start shut down; virtual ones up, as on IOS. */
public final class InterfaceConfig extends Model {
    /** `tunnel mode gre ip` (the default), `gre multipoint`, `ipsec ipv4`, `gre ipv6` (GRE over an IPv6 transport, RFC 7676). */
    public enum TunnelMode { GRE_IP, GRE_MULTIPOINT, IPSEC_IPV4, GRE_IPV6, IPSEC_IPV6 }

    public final InterfaceName name;
    public String description;
    public Ipv4Prefix address;
    public final List<Ipv4Prefix> secondaries = new ArrayList<>();
    public boolean shutdown;
    public Integer ipMtu;
    public Integer tcpAdjustMss;
    public Integer bandwidth;
    /** `mtu` (null: the hardware default), `speed` in Mb/s and `duplex` "full"/"half" (null: auto). */
    public Integer mtu;
    public Integer speed;
    public String duplex;
    /** `delay` in tens of microseconds (null: the interface type's default). */
    public Integer delay;
    /** `cdp enable` (the IOS default on Ethernet ports). */
    public boolean cdpEnable = true;
    /** `ip ... eigrp AS ...` per autonomous system. */
    public final java.util.TreeMap<Integer, EigrpInterface> eigrp = new java.util.TreeMap<>();
    /** `ip ospf cost`, `hello-interval`, `dead-interval`, `priority` (null: the IOS default). */
    public Integer ospfCost, ospfHello, ospfDead, ospfPriority;
    /** `ip ospf network` (null: the default for the interface type). */
    public OspfNetwork ospfNetwork;
    /** `ip ospf N area X`: OSPF on the interface without `network` (null: not set). */
    public Integer ospfProcess;
    public String ospfArea;
    /** `ip ospf mtu-ignore`: no MTU check on received DBDs (RFC 2328 §10.6). */
    public boolean ospfMtuIgnore;
    /** `ip ospf authentication [message-digest|null]` (null: the area's). */
    public OspfAuthentication ospfAuthentication;
    /** `ip ospf authentication-key KEY` (simple password, RFC 2328 §D.3). */
    public Secret ospfAuthenticationKey;
    /** `ip ospf message-digest-key K md5 KEY`, by key id (RFC 2328 §D.3). */
    public final java.util.TreeMap<Integer, Secret> ospfMessageDigestKeys = new java.util.TreeMap<>();

    public enum OspfNetwork { POINT_TO_POINT, BROADCAST, NON_BROADCAST, POINT_TO_MULTIPOINT }
    public enum OspfAuthentication { NULL, SIMPLE, MESSAGE_DIGEST }
    /** Keepalive period in seconds, 0 when `no keepalive`; null means the interface default. */
    public Integer keepalivePeriod;
    public Integer keepaliveRetries;
    /** `tunnel source`: an interface or an (IPv4 or IPv6) address, one of them set. */
    public InterfaceName tunnelSourceInterface;
    public Integer tunnelSourceAddress;
    public Ipv6Address tunnelSourceIpv6;
    /** `tunnel destination`: an IPv4 or an IPv6 address, at most one set. */
    public Integer tunnelDestination;
    public Ipv6Address tunnelDestinationIpv6;
    public TunnelMode tunnelMode = TunnelMode.GRE_IP;
    public Long tunnelKey;
    /** `tunnel checksum` (RFC 2784 C bit) and `tunnel sequence-datagrams` (RFC 2890 S bit). */
    public boolean tunnelChecksum;
    public boolean tunnelSequenceDatagrams;
    /** `tunnel path-mtu-discovery` (IOS's ager 10 minutes, min MTU 92). */
    public boolean tunnelPathMtuDiscovery;
    /** `tunnel path-mtu-discovery age-timer N|infinite`: minutes (11-30), 0 for infinite; null: IOS's 10. */
    public Integer tunnelPmtudAgeMinutes;
    /** `tunnel path-mtu-discovery min-mtu N`: null for IOS's 92. */
    public Integer tunnelPmtudMinMtu;
    public String tunnelProtectionProfile;
    public boolean tunnelProtectionShared;
    public String cryptoMap;
    /** `crypto ipsec df-bit clear|set|copy` on the interface (null: the global setting). */
    public CryptoConfig.DfBit cryptoIpsecDfBit;
    /** `vrf forwarding NAME` / `ip vrf forwarding NAME` (null: the global table). */
    public String vrf;
    /** The VRF was given with the older `ip vrf forwarding` (written back so). */
    public boolean vrfIp;
    /** `tunnel vrf NAME`: the front-door VRF the tunnel's transport is routed in (null: the global table). */
    public String tunnelVrf;
    /** `ip nat inside|outside` (null: neither). */
    public NatRole nat;

    public enum NatRole { INSIDE, OUTSIDE }
    /** `ipv6 ...` on the interface. */
    public final Ipv6Config.Interface ipv6 = new Ipv6Config.Interface();
    public final NhrpConfig nhrp = new NhrpConfig();

    public InterfaceConfig(InterfaceName name) {
        this.name = name;
        this.shutdown = name.isPhysical();
    }

    public boolean isTunnel() { return name.type() == InterfaceName.Type.TUNNEL; }

    /** IOS default keepalive: 10 s on Ethernet, off on tunnels and loopbacks. */
    public int defaultKeepalive() { return name.isPhysical() ? 10 : 0; }

    public int effectiveKeepalive() { return keepalivePeriod == null ? defaultKeepalive() : keepalivePeriod; }

    /** One AS's interface settings: `ip hello-interval|hold-time|summary-address|split-horizon|next-hop-self|authentication eigrp AS`. */
    public static final class EigrpInterface extends Model {
        public Integer hello, hold;
        public boolean noSplitHorizon, noNextHopSelf, md5;
        public String keyChain;
        public final List<Ipv4Prefix> summaries = new ArrayList<>();

        public boolean isDefault() { return equals(new EigrpInterface()); }
    }

    /** An address with its mask, as in `ip address A M`. */
    public record Ipv4Prefix(int address, int mask) {}

    /** `ip nhrp ...` on the interface. */
    public static final class NhrpConfig extends Model {
        public Long networkId;
        public String authentication;
        public final List<Mapping> maps = new ArrayList<>();
        public final List<Integer> multicastNbma = new ArrayList<>();
        public boolean multicastDynamic;
        public final List<Nhs> nhs = new ArrayList<>();
        public Integer holdtime;
        public boolean redirect;
        public boolean shortcut;
        public Integer registrationTimeout;
        public boolean registrationNoUnique;

        /** `ip nhrp map A NBMA`. */
        public record Mapping(int protocolAddress, int nbmaAddress) {}

        /** `ip nhrp nhs A [nbma N] [multicast]`. */
        public record Nhs(int address, Integer nbma, boolean multicast) {}
    }
}
