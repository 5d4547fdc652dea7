// IPv4 dataplane: ping, traceroute, routes, ARP, counters, logging.
// Handlers: dev.routerlab.ip.cli.IpCommands, dev.routerlab.routing.cli.RoutingCommands (show ip route)
// and dev.routerlab.device.cli.LogCommands.
parser grammar Ip;

// ---- EXEC (hooked into exec_cmd / user_exec_cmd, x_clear, show_cmd / user_show_cmd, s_ip)
ip_exec : x_ping | x_traceroute ;
ip_user_exec : x_ping | x_traceroute ;

// `ping` alone (or `ping ip`) asks the IOS extended dialog
x_ping : PING (VRF vrf=WORD IP? IP_ADDRESS ping_option* | ping_ipv6 | IP? (IP_ADDRESS ping_option*)?) ;
ping_option : ping_repeat | ping_size | ping_source | ping_df_bit | ping_timeout ;
ping_repeat : REPEAT DEC ;
ping_size : SIZE DEC ;
ping_source : SOURCE (INTERFACE_NAME | IP_ADDRESS) ;
ping_df_bit : DF_BIT ;
ping_timeout : TIMEOUT DEC ;

x_traceroute : TRACEROUTE (VRF vrf=WORD IP? IP_ADDRESS trace_option* | trace_ipv6 | IP? (IP_ADDRESS trace_option*)?) ;
trace_option : trace_source | trace_timeout | trace_probe | trace_ttl | NUMERIC ;
trace_source : SOURCE (INTERFACE_NAME | IP_ADDRESS) ;
trace_timeout : TIMEOUT DEC ;
trace_probe : PROBE DEC ;
trace_ttl : TTL min=DEC max=DEC ;

ip_clear : clear_counters | clear_arp_cache | IP (clear_ip_nhrp | clear_ip_ospf | clear_ip_nat) ;
clear_counters : COUNTERS INTERFACE_NAME? ;
clear_arp_cache : ARP_CACHE ;

ip_show : s_logging | s_arp ;
ip_user_show : s_logging | s_arp ;
ip_show_ip : s_ip_route | s_ip_arp | s_ip_nhrp | s_ip_ospf | s_ip_eigrp | s_ip_protocols | s_ip_nat | s_ip_vrf | s_ip_access_lists ;
s_logging : LOGGING ;
s_ip_route : ROUTE (VRF vrf=WORD)? (addr=IP_ADDRESS mask=IP_ADDRESS? | STATIC | CONNECTED | NHRP | OSPF | EIGRP | SUMMARY)? ;
s_ip_arp : ARP ;
s_arp : ARP ;

// ---- global configuration (hooked into global_cmd)
g_logging : LOGGING (logging_console | logging_buffered | logging_host | logging_addr | logging_trap | logging_source) ;
// `logging host A [vrf V]` / `logging A`: a syslog server (RFC 3164 over UDP 514), in a VRF's table
logging_host : HOST addr=IP_ADDRESS (VRF vrf=WORD)? ;
logging_addr : addr=IP_ADDRESS ;
logging_trap : TRAP (DEC | logging_level)? ;
logging_source : SOURCE_INTERFACE (name=INTERFACE_NAME | neg) ;
logging_console : CONSOLE (DEC | logging_level)? ;
logging_buffered : BUFFERED (DEC logging_level? | logging_level)? ;
logging_level : EMERGENCIES | ALERTS | CRITICAL | ERRORS | WARNINGS | NOTIFICATIONS | INFORMATIONAL | DEBUGGING ;
