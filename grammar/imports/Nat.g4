// NAT and PAT (RFC 3022, IOS semantics). Handlers: dev.routerlab.nat.cli.NatCommands.
parser grammar Nat;

// ---- global configuration (hooked into g_ip)
ip_nat : NAT (nat_pool | nat_inside | nat_translation) ;
nat_pool : POOL name=WORD (start=IP_ADDRESS end=IP_ADDRESS (NETMASK mask=IP_ADDRESS | PREFIX_LENGTH plen=DEC) | neg) ;
nat_inside : INSIDE SOURCE (nat_static | nat_list) ;
nat_static : STATIC (nat_static_port | lo=IP_ADDRESS gl=IP_ADDRESS EXTENDABLE?) ;
nat_static_port : proto=(TCP | UDP) lo=IP_ADDRESS lport=DEC gl=IP_ADDRESS gport=DEC EXTENDABLE? ;
nat_list : LIST acl=(DEC | WORD) (INTERFACE INTERFACE_NAME | POOL pool=WORD) OVERLOAD? ;
nat_translation : TRANSLATION kind=(TIMEOUT | UDP_TIMEOUT | DNS_TIMEOUT | TCP_TIMEOUT | FINRST_TIMEOUT | ICMP_TIMEOUT | SYN_TIMEOUT)
                  (DEC | NEVER | neg) ;

// ---- interface configuration (hooked into if_ip)
if_ip_nat : NAT (INSIDE | OUTSIDE) ;

// ---- EXEC (hooked into ip_show_ip, ip_clear, x_debug, x_undebug)
s_ip_nat : NAT (TRANSLATIONS VERBOSE? | STATISTICS) ;
clear_ip_nat : NAT (TRANSLATION ASTERISK | STATISTICS) ;
debug_ip_nat : NAT ;
