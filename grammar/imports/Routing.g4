// Static routes and what every routing process shares: `router`, `network`, `passive-interface`,
// `maximum-paths`, `redistribute`, `neighbor`.
// Each protocol's own commands are in its grammar (Ospf.g4, Eigrp.g4).
parser grammar Routing;

// `no ip route P M` alone removes every route to P M
ip_route : ROUTE (VRF vrf=WORD)? prefix=IP_ADDRESS mask=IP_ADDRESS (route_target distance=DEC? route_option* | neg) ;
route_option : route_tag | NAME name=WORD | PERMANENT | route_track ;
route_tag : TAG DEC ;
route_track : TRACK DEC ;
route_target : IP_ADDRESS | INTERFACE_NAME IP_ADDRESS? ;

g_router : ROUTER (router_ospf | router_eigrp) ;
router_cmd : r_network | r_passive | r_maximum_paths | r_redistribute | r_neighbor | ospf_router_cmd | eigrp_router_cmd ;
r_network : NETWORK IP_ADDRESS (r_wildcard r_area?)? ;
r_wildcard : IP_ADDRESS ;
r_area : AREA id=(DEC | IP_ADDRESS) ;
r_passive : PASSIVE_INTERFACE (INTERFACE_NAME | DEFAULT) ;
r_maximum_paths : MAXIMUM_PATHS (paths=DEC | neg) ;
// the union of OSPF's and EIGRP's options; each protocol's handler refuses the others'
r_redistribute : REDISTRIBUTE (STATIC | CONNECTED | redist_ospf | redist_eigrp) redist_option* ;
redist_ospf : OSPF DEC ;
redist_eigrp : EIGRP DEC ;
redist_option : SUBNETS | redist_metric | redist_metric_type | ROUTE_MAP map=WORD | redist_tag ;
redist_metric : METRIC value=DEC (redist_delay redist_reliability redist_load redist_mtu)? ;
redist_delay : DEC ;
redist_reliability : DEC ;
redist_load : DEC ;
redist_mtu : DEC ;
redist_metric_type : METRIC_TYPE type=DEC ;
redist_tag : TAG DEC ;
// OSPF non-broadcast neighbours (RFC 2328 §9.5.1)
r_neighbor : NEIGHBOR IP_ADDRESS (PRIORITY prio=DEC)? ;

// `show ip protocols` (hooked into ip_show_ip): the header here, each protocol appends its process
s_ip_protocols : PROTOCOLS (VRF vrf=WORD)? ;
