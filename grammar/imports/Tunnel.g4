// Tunnel interface commands (config-if, hooked into if_cmd). Handlers: dev.routerlab.tunnel.cli.TunnelCommands.
parser grammar Tunnel;

if_tunnel : TUNNEL (tun_source | tun_destination | tun_mode | tun_key | tun_protection | tun_gre_option | tun_vrf | tun_pmtud) ;
tun_source : SOURCE (INTERFACE_NAME | IP_ADDRESS | IPV6_ADDRESS | neg) ;
tun_destination : DESTINATION (IP_ADDRESS | IPV6_ADDRESS | neg) ;
tun_mode : MODE (tun_mode_gre | tun_mode_ipsec | neg) ;
// `gre ipv6`: GRE over an IPv6 transport (RFC 7676)
tun_mode_gre : GRE (IP | IPV6 | MULTIPOINT) ;
tun_mode_ipsec : IPSEC (IPV4 | IPV6) ;
tun_key : KEY (DEC | neg) ;
tun_protection : PROTECTION IPSEC PROFILE WORD SHARED? ;
tun_gre_option : SEQUENCE_DATAGRAMS | CHECKSUM ;
// `path-mtu-discovery`: the outer DF copied from the inner packet, "fragmentation needed" lowering the tunnel's MTU (RFC 1191)
tun_pmtud : PATH_MTU_DISCOVERY pmtud_age? pmtud_min? ;
// how long a learned path MTU holds (IOS default 10 minutes), and the lowest one accepted (default 92)
pmtud_age : AGE_TIMER (DEC | INFINITE) ;
pmtud_min : MIN_MTU DEC ;
// `tunnel vrf NAME`: the front-door VRF, whose table carries the tunnel's outer packets
tun_vrf : VRF (name=WORD | neg) ;
