// Numbered and named IPv4 access lists.
parser grammar Acl;

// 1-99 take the standard form, 100-199 the extended one (the handler enforces which).
g_access_list : ACCESS_LIST DEC (acl_action acl_rule | REMARK TEXT | neg) ;
acl_action : PERMIT | DENY ;
acl_rule : ext_rule | std_rule ;
std_rule : std_addr LOG? ;
std_addr : ANY | HOST IP_ADDRESS | IP_ADDRESS IP_ADDRESS? ;

// Extended rules: ports only for tcp and udp, `established` only for tcp, a message type only
// for icmp, as IOS offers them.
ext_rule : tcp_rule | udp_rule | icmp_rule | ip_rule ;
tcp_rule : TCP ext_addr acl_port? ext_addr acl_port? ESTABLISHED? acl_log? ;
udp_rule : UDP ext_addr acl_port? ext_addr acl_port? acl_log? ;
icmp_rule : ICMP ext_addr ext_addr icmp_type? acl_log? ;
icmp_type : WORD ;
ip_rule : acl_protocol ext_addr ext_addr acl_log? ;
acl_protocol : IP | GRE | ESP | AHP | EIGRP | OSPF | IGMP | IPINIP | PIM | DEC ;
ext_addr : ANY | HOST IP_ADDRESS | IP_ADDRESS IP_ADDRESS ;
acl_port : op=(EQ | GT | LT | NEQ) port | op=RANGE port port ;
port : value=(DEC | WORD) ;
acl_log : LOG | LOG_INPUT ;

ip_access_list : ACCESS_LIST (EXTENDED | STANDARD) WORD ;
ext_nacl_cmd : DEC (ext_nacl_entry | neg) | ext_nacl_entry ;
ext_nacl_entry : acl_action ext_rule | REMARK TEXT ;
std_nacl_cmd : DEC (std_nacl_entry | neg) | std_nacl_entry ;
std_nacl_entry : acl_action std_rule | REMARK TEXT ;

// `show ip access-lists [N|NAME]` (hooked into ip_show_ip): the IPv4 lists, one or all
s_ip_access_lists : ACCESS_LISTS acl_name? ;
