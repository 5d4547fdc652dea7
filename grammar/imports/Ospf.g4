// OSPFv2 (RFC 2328): `router ospf` sub-mode commands, interface `ip ospf`, `show ip ospf`, `debug ip ospf`.
parser grammar Ospf;

router_ospf : OSPF DEC (VRF vrf=WORD)? ;
ospf_router_cmd : r_router_id | r_ospf_area | r_auto_cost | r_summary_address | r_default_information ;
r_router_id : ROUTER_ID (IP_ADDRESS | neg) ;
// `area X ...` (RFC 2328 §3.5 ranges, §3.6 stub areas, §D authentication, RFC 3101 NSSA); `no area X` removes them all
r_ospf_area : AREA id=(DEC | IP_ADDRESS) (area_authentication | area_stub | area_nssa | area_default_cost | area_range | neg) ;
area_authentication : AUTHENTICATION MESSAGE_DIGEST? ;
area_stub : STUB NO_SUMMARY? ;
area_nssa : NSSA nssa_option* ;
nssa_option : NO_SUMMARY | DEFAULT_INFORMATION_ORIGINATE ;
area_default_cost : DEFAULT_COST (cost=DEC | neg) ;
area_range : RANGE prefix=IP_ADDRESS mask=IP_ADDRESS NOT_ADVERTISE? ;
r_auto_cost : AUTO_COST (REFERENCE_BANDWIDTH DEC | neg) ;
r_summary_address : SUMMARY_ADDRESS prefix=IP_ADDRESS mask=IP_ADDRESS NOT_ADVERTISE? ;
r_default_information : DEFAULT_INFORMATION ORIGINATE default_option* ;
default_option : ALWAYS | default_metric | default_metric_type ;
default_metric : METRIC DEC ;
default_metric_type : METRIC_TYPE DEC ;

// `clear ip ospf [N] process` (hooked into ip_clear after IP)
clear_ip_ospf : OSPF DEC? PROCESS ;

// interface `ip ospf ...` (hooked into if_ip)
if_ip_ospf
  : OSPF (ospf_cost | ospf_hello | ospf_dead | ospf_priority | ospf_network | ospf_process | ospf_mtu_ignore
         | ospf_authentication | ospf_authentication_key | ospf_md5_key) ;
ospf_cost : COST (cost=DEC | neg) ;
ospf_hello : HELLO_INTERVAL (secs=DEC | neg) ;
ospf_dead : DEAD_INTERVAL (secs=DEC | neg) ;
ospf_priority : PRIORITY (prio=DEC | neg) ;
ospf_network : NETWORK (POINT_TO_POINT | BROADCAST | NON_BROADCAST | POINT_TO_MULTIPOINT | neg) ;
ospf_process : pid=DEC ospf_area ;
ospf_area : AREA id=(DEC | IP_ADDRESS) ;
ospf_mtu_ignore : MTU_IGNORE ;
ospf_authentication : AUTHENTICATION (MESSAGE_DIGEST | NULL)? ;
ospf_authentication_key : AUTHENTICATION_KEY (DEC? key=WORD | neg) ;
ospf_md5_key : MESSAGE_DIGEST_KEY keyId=DEC (md5_secret | neg) ;
md5_secret : MD5 DEC? key=WORD ;

// shows and debugs
// `show ip ospf [neighbor [detail] | interface [X] [brief] | database [router|network|summary|external|nssa-external]]` (hooked into ip_show_ip)
s_ip_ospf : OSPF (s_ospf_neighbor | s_ospf_interface | s_ospf_database)? ;
s_ospf_neighbor : NEIGHBOR DETAIL? ;
s_ospf_interface : INTERFACE name=INTERFACE_NAME? BRIEF? ;
s_ospf_database : DATABASE (ROUTER | NETWORK | SUMMARY | EXTERNAL | NSSA_EXTERNAL)? ;
// `debug ip ospf adj|events|hello` (hooked into x_debug and x_undebug)
debug_ip_ospf : OSPF (ADJ | EVENTS | HELLO) ;
