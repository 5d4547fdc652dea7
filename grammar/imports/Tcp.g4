// The router's own TCP connections and what runs over them: `show tcp brief [all]`, `show tcp
// statistics` (show_cmd, user_show_cmd), `telnet A.B.C.D [PORT]` (exec_cmd, user_exec_cmd; an
// address alone is x_host in Exec.g4), `ip http server` (g_ip). Handlers: dev.routerlab.tcp.cli.TcpCommands.
parser grammar Tcp;

tcp_exec : x_telnet ;
x_telnet : TELNET IP_ADDRESS tcpPort=DEC? ;

tcp_show : s_tcp ;
s_tcp : TCP (tcp_brief | tcp_statistics) ;
tcp_brief : BRIEF ALL? ;
tcp_statistics : STATISTICS ;

ip_http : HTTP SERVER ;
