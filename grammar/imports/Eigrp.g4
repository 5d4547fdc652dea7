// EIGRP (RFC 7868): `router eigrp` sub-mode commands, interface `ip ... eigrp AS`, `key chain`,
// `show ip eigrp`, `debug eigrp`.
parser grammar Eigrp;

router_eigrp : EIGRP (DEC | name=WORD) ;
eigrp_router_cmd : r_eigrp | r_auto_summary | r_variance | r_metric | r_eigrp_af ;
// classic mode's `address-family ipv4 vrf NAME [autonomous-system N]` (a process in that VRF) and its mode
r_eigrp_af : ADDRESS_FAMILY IPV4 UNICAST? VRF vrf=WORD (AUTONOMOUS_SYSTEM as=DEC)? ;
router_eigrp_af_line : config_prefix? eigrp_af_cmd EOF | mode_common EOF ;
eigrp_af_cmd : r_network | r_passive | r_maximum_paths | r_redistribute | r_eigrp | r_auto_summary | r_variance | r_metric
             | ca_autonomous_system | af_exit ;
ca_autonomous_system : AUTONOMOUS_SYSTEM (as=DEC | neg) ;
r_eigrp : EIGRP (e_router_id | e_stub) ;
e_router_id : ROUTER_ID (IP_ADDRESS | neg) ;
e_stub : STUB stub_kind* ;
stub_kind : CONNECTED | SUMMARY | STATIC | REDISTRIBUTED | RECEIVE_ONLY ;
r_auto_summary : AUTO_SUMMARY ;
r_variance : VARIANCE (DEC | neg) ;
r_metric : METRIC (WEIGHTS (tos=DEC k1=DEC k2=DEC k3=DEC k4=DEC k5=DEC | neg) | RIB_SCALE (scale=DEC | neg)) ;

// named mode (IOS 15.0(1)M and later): `router eigrp NAME` / `address-family ipv4 unicast
// autonomous-system N` / `af-interface X|default` / `topology base`; the entry rules of their modes
router_named_line : config_prefix? named_cmd EOF | mode_common EOF ;
named_cmd : n_address_family ;
n_address_family : ADDRESS_FAMILY IPV4 UNICAST? (VRF vrf=WORD)? AUTONOMOUS_SYSTEM as=DEC ;
router_af_line : config_prefix? af_cmd EOF | mode_common EOF ;
af_cmd : r_network | r_eigrp | r_metric | af_interface | af_topology | af_exit ;
af_interface : AF_INTERFACE (INTERFACE_NAME | DEFAULT) ;
af_topology : TOPOLOGY BASE ;
af_exit : EXIT_ADDRESS_FAMILY ;
router_af_if_line : config_prefix? af_if_cmd EOF | mode_common EOF ;
af_if_cmd : ai_hello | ai_hold | ai_summary | ai_split | ai_nhs | ai_passive | ai_auth | ai_exit ;
ai_hello : HELLO_INTERVAL (secs=DEC | neg) ;
ai_hold : HOLD_TIME (secs=DEC | neg) ;
ai_summary : SUMMARY_ADDRESS prefix=IP_ADDRESS mask=IP_ADDRESS ;
ai_split : SPLIT_HORIZON ;
ai_nhs : NEXT_HOP_SELF ;
ai_passive : PASSIVE_INTERFACE ;
ai_auth : AUTHENTICATION (ai_auth_mode | ai_auth_chain) ;
ai_auth_mode : MODE (MD5 | neg) ;
ai_auth_chain : KEY_CHAIN (chain=WORD | neg) ;
ai_exit : EXIT_AF_INTERFACE ;
router_af_topology_line : config_prefix? af_topology_cmd EOF | mode_common EOF ;
af_topology_cmd : r_variance | r_maximum_paths | r_redistribute | r_auto_summary | at_exit ;
at_exit : EXIT_AF_TOPOLOGY ;

// interface `ip ... eigrp AS ...` (hooked into if_ip)
if_ip_eigrp : ie_hello | ie_hold | ie_summary | ie_split | ie_nhs | ie_auth ;
ie_hello : HELLO_INTERVAL EIGRP as=DEC (secs=DEC | neg) ;
ie_hold : HOLD_TIME EIGRP as=DEC (secs=DEC | neg) ;
ie_summary : SUMMARY_ADDRESS EIGRP as=DEC prefix=IP_ADDRESS mask=IP_ADDRESS ;
ie_split : SPLIT_HORIZON EIGRP as=DEC ;
ie_nhs : NEXT_HOP_SELF EIGRP as=DEC ;
ie_auth : AUTHENTICATION (ie_auth_mode | ie_auth_chain) ;
ie_auth_mode : MODE EIGRP as=DEC (MD5 | neg) ;
ie_auth_chain : KEY_CHAIN EIGRP as=DEC (chain=WORD | neg) ;

// `key chain NAME` (global), `key N` (config-keychain), `key-string TEXT` (config-keychain-key)
g_key_chain : KEY CHAIN name=WORD ;
keychain_cmd : kc_key ;
kc_key : KEY id=DEC ;
keychain_key_cmd : kk_key_string | kc_key ;
kk_key_string : KEY_STRING (TEXT | neg) ;

// `show ip eigrp ...` (hooked into ip_show_ip)
s_ip_eigrp : EIGRP (VRF vrf=WORD)? (se_neighbors | se_topology | se_interfaces | se_traffic) ;
se_neighbors : NEIGHBORS DETAIL? ;
se_topology : TOPOLOGY ALL_LINKS? ;
se_interfaces : INTERFACES DETAIL? ;
se_traffic : TRAFFIC ;

// `show eigrp address-family ipv4 [AS] ...` (hooked into show_cmd): the same shows, as named mode words them
s_eigrp : EIGRP ADDRESS_FAMILY IPV4 (VRF vrf=WORD)? as=DEC? (se_neighbors | se_topology | se_interfaces | se_traffic) ;

// `debug eigrp packets|fsm` (hooked into x_debug and x_undebug)
debug_eigrp : EIGRP (PACKETS | FSM) ;
