// OSPFv2 (RFC 2328): `router ospf` sub-mode commands, interface `ip ospf`, `show ip ospf`.
parser grammar Ospf;

router_ospf : OSPF DEC ;
ospf_router_cmd : r_router_id ;
r_router_id : ROUTER_ID (IP_ADDRESS | neg) ;

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
