// The router's own TCP connections and HTTP over them: `show tcp brief [all]`, `show tcp
// statistics` (show_cmd, user_show_cmd), `ip http server` (g_ip). Handlers: dev.routerlab.tcp.cli.TcpCommands.
parser grammar Tcp;

tcp_show : s_tcp ;
s_tcp : TCP (tcp_brief | tcp_statistics) ;
tcp_brief : BRIEF ALL? ;
tcp_statistics : STATISTICS ;

ip_http : HTTP SERVER ;
