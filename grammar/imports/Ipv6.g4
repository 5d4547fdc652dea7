// IPv6 (RFC 8200, RFC 4443, RFC 4861, RFC 4862; IOS semantics). Handlers: dev.routerlab.ipv6.cli.Ipv6Commands.
parser grammar Ipv6;

// ---- global configuration (hooked into global_cmd)
g_ipv6 : IPV6 (ipv6_unicast_routing | ipv6_route) ;
ipv6_unicast_routing : UNICAST_ROUTING ;
ipv6_route : ROUTE prefix=IPV6_PREFIX (iface=INTERFACE_NAME nh=IPV6_ADDRESS? | nh=IPV6_ADDRESS) distance=DEC? ;

// ---- interface configuration (hooked into if_cmd)
if_ipv6 : IPV6 (if_ipv6_address | if_ipv6_enable | if_ipv6_mtu) ;
if_ipv6_address : ADDRESS (prefix=IPV6_PREFIX EUI_64? | ll=IPV6_ADDRESS LINK_LOCAL | neg) ;
if_ipv6_enable : ENABLE ;
if_ipv6_mtu : MTU (mtu=DEC | neg) ;

// ---- EXEC (s_ipv6 hooked into show_cmd; ping_ipv6 and trace_ipv6 into x_ping and x_traceroute)
s_ipv6 : IPV6 (s_ipv6_interface | s_ipv6_route | s_ipv6_neighbors | s_ipv6_traffic) ;
s_ipv6_interface : INTERFACE (BRIEF iface=INTERFACE_NAME? | iface=INTERFACE_NAME)? ;
s_ipv6_route : ROUTE ;
s_ipv6_neighbors : NEIGHBORS iface=INTERFACE_NAME? ;
s_ipv6_traffic : TRAFFIC ;
// `clear ipv6 neighbors` (hooked into x_clear)
clear_ipv6 : IPV6 NEIGHBORS ;
ping_ipv6 : IPV6? dst=IPV6_ADDRESS ping6_option* ;
ping6_option : ping_repeat | ping_size | ping_timeout ;
trace_ipv6 : IPV6? dst=IPV6_ADDRESS ;
// `debug ipv6 nd` (hooked into x_debug and x_undebug)
debug_ipv6 : IPV6 ND ;
