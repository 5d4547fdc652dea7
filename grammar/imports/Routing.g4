// Static routes and what every routing process shares: `router`, `network`, `passive-interface`.
// Each protocol's own commands are in its grammar (Ospf.g4, Eigrp.g4).
parser grammar Routing;

// `no ip route P M` alone removes every route to P M
ip_route : ROUTE prefix=IP_ADDRESS mask=IP_ADDRESS (route_target distance=DEC? | neg) ;
route_target : IP_ADDRESS | INTERFACE_NAME IP_ADDRESS? ;

g_router : ROUTER (router_ospf | router_eigrp) ;
router_cmd : r_network | r_passive | r_maximum_paths | r_redistribute | ospf_router_cmd | eigrp_router_cmd ;
r_network : NETWORK IP_ADDRESS (r_wildcard r_area?)? ;
r_wildcard : IP_ADDRESS ;
r_area : AREA id=(DEC | IP_ADDRESS) ;
r_passive : PASSIVE_INTERFACE (INTERFACE_NAME | DEFAULT) ;
r_maximum_paths : MAXIMUM_PATHS (paths=DEC | neg) ;
// `redistribute static|connected [metric V...]`: each protocol reads the metric values it takes
r_redistribute : REDISTRIBUTE source=(STATIC | CONNECTED) r_redist_metric? ;
r_redist_metric : METRIC DEC+ ;

// `show ip protocols` (hooked into ip_show_ip): the header here, each protocol appends its process
s_ip_protocols : PROTOCOLS ;
