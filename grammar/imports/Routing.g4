// Static routes and the router ospf/eigrp sub-mode.
parser grammar Routing;

ip_route : ROUTE IP_ADDRESS IP_ADDRESS route_target DEC? ;
route_target : IP_ADDRESS | INTERFACE_NAME IP_ADDRESS? ;

g_router : ROUTER (OSPF | EIGRP) DEC ;
router_cmd : r_network | r_passive | r_router_id | r_eigrp ;
r_network : NETWORK IP_ADDRESS (IP_ADDRESS r_area?)? ;
r_area : AREA (DEC | IP_ADDRESS) ;
r_passive : PASSIVE_INTERFACE (INTERFACE_NAME | DEFAULT) ;
r_router_id : ROUTER_ID IP_ADDRESS? ;
r_eigrp : EIGRP ROUTER_ID IP_ADDRESS? ;
