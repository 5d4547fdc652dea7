// Static routes and the router ospf/eigrp sub-mode.
parser grammar Routing;

// `no ip route P M` alone removes every route to P M
ip_route : ROUTE prefix=IP_ADDRESS mask=IP_ADDRESS (route_target distance=DEC? | neg) ;
route_target : IP_ADDRESS | INTERFACE_NAME IP_ADDRESS? ;

g_router : ROUTER (router_ospf | router_eigrp) ;
router_ospf : OSPF DEC ;
router_eigrp : EIGRP DEC ;
router_cmd : r_network | r_passive | r_router_id | r_eigrp ;
r_network : NETWORK IP_ADDRESS (r_wildcard r_area?)? ;
r_wildcard : IP_ADDRESS ;
r_area : AREA id=(DEC | IP_ADDRESS) ;
r_passive : PASSIVE_INTERFACE (INTERFACE_NAME | DEFAULT) ;
r_router_id : ROUTER_ID (IP_ADDRESS | neg) ;
r_eigrp : EIGRP ROUTER_ID (IP_ADDRESS | neg) ;

// `show ip ospf neighbor`, `show ip ospf interface brief` (hooked into ip_show_ip)
s_ip_ospf : OSPF (s_ospf_neighbor | s_ospf_interface) ;
s_ospf_neighbor : NEIGHBOR ;
s_ospf_interface : INTERFACE BRIEF ;

// interface `ip ospf ...` (hooked into if_ip)
if_ip_ospf : OSPF (ospf_cost | ospf_hello | ospf_dead | ospf_priority | ospf_network) ;
ospf_cost : COST (cost=DEC | neg) ;
ospf_hello : HELLO_INTERVAL (secs=DEC | neg) ;
ospf_dead : DEAD_INTERVAL (secs=DEC | neg) ;
ospf_priority : PRIORITY (prio=DEC | neg) ;
ospf_network : NETWORK (POINT_TO_POINT | BROADCAST | neg) ;
