// EIGRP (RFC 7868): `router eigrp` sub-mode commands, interface `ip ... eigrp AS`, `key chain`,
// `show ip eigrp`, `debug eigrp`.
parser grammar Eigrp;

router_eigrp : EIGRP DEC ;
eigrp_router_cmd : r_eigrp | r_auto_summary | r_variance | r_metric_weights ;
r_eigrp : EIGRP (e_router_id | e_stub) ;
e_router_id : ROUTER_ID (IP_ADDRESS | neg) ;
e_stub : STUB stub_kind* ;
stub_kind : CONNECTED | SUMMARY | STATIC | REDISTRIBUTED | RECEIVE_ONLY ;
r_auto_summary : AUTO_SUMMARY ;
r_variance : VARIANCE (DEC | neg) ;
r_metric_weights : METRIC WEIGHTS (tos=DEC k1=DEC k2=DEC k3=DEC k4=DEC k5=DEC | neg) ;

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
s_ip_eigrp : EIGRP (se_neighbors | se_topology | se_interfaces | se_traffic) ;
se_neighbors : NEIGHBORS DETAIL? ;
se_topology : TOPOLOGY ALL_LINKS? ;
se_interfaces : INTERFACES DETAIL? ;
se_traffic : TRAFFIC ;

// `debug eigrp packets` (hooked into x_debug and x_undebug)
debug_eigrp : EIGRP PACKETS ;
