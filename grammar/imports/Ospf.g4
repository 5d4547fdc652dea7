// OSPFv2 (RFC 2328): `router ospf` sub-mode commands, interface `ip ospf`, `show ip ospf`, `debug ip ospf`.
parser grammar Ospf;

router_ospf : OSPF DEC ;
ospf_router_cmd : r_router_id ;
r_router_id : ROUTER_ID (IP_ADDRESS | neg) ;

// interface `ip ospf ...` (hooked into if_ip)
if_ip_ospf : OSPF (ospf_cost | ospf_hello | ospf_dead | ospf_priority | ospf_network) ;
ospf_cost : COST (cost=DEC | neg) ;
ospf_hello : HELLO_INTERVAL (secs=DEC | neg) ;
ospf_dead : DEAD_INTERVAL (secs=DEC | neg) ;
ospf_priority : PRIORITY (prio=DEC | neg) ;
ospf_network : NETWORK (POINT_TO_POINT | BROADCAST | neg) ;

// shows and debugs
// `show ip ospf [neighbor [detail] | interface [X] [brief] | database [router|network|summary|external]]` (hooked into ip_show_ip)
s_ip_ospf : OSPF (s_ospf_neighbor | s_ospf_interface | s_ospf_database)? ;
s_ospf_neighbor : NEIGHBOR DETAIL? ;
s_ospf_interface : INTERFACE name=INTERFACE_NAME? BRIEF? ;
s_ospf_database : DATABASE (ROUTER | NETWORK | SUMMARY | EXTERNAL)? ;
// `debug ip ospf adj|events|hello` (hooked into x_debug and x_undebug)
debug_ip_ospf : IP OSPF (ADJ | EVENTS | HELLO) ;
