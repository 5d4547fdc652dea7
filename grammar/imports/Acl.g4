// Numbered and named IPv4 access lists.
parser grammar Acl;

g_access_list : ACCESS_LIST DEC (acl_action acl_rule | REMARK TEXT)? ;
acl_action : PERMIT | DENY ;
acl_rule : acl_protocol ext_addr acl_port? ext_addr acl_port? acl_option* | std_addr ;
acl_protocol : IP | TCP | UDP | ICMP | GRE | ESP | AHP | DEC ;
ext_addr : ANY | HOST IP_ADDRESS | IP_ADDRESS IP_ADDRESS ;
std_addr : ANY | HOST IP_ADDRESS | IP_ADDRESS IP_ADDRESS? ;
acl_port : (EQ | GT | LT | NEQ) port | RANGE port port ;
port : DEC | WORD ;
acl_option : LOG | ESTABLISHED | WORD ;

ip_access_list : ACCESS_LIST (EXTENDED | STANDARD) WORD ;
ext_nacl_cmd : DEC? (acl_action acl_protocol ext_addr acl_port? ext_addr acl_port? acl_option* | REMARK TEXT) ;
std_nacl_cmd : DEC? (acl_action std_addr | REMARK TEXT) ;
