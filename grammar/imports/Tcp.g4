// The router's own TCP connections and what runs over them: `show tcp brief [all]`, `show tcp
// statistics`, `show sessions` (show_cmd, user_show_cmd), `telnet A.B.C.D [PORT]`, `resume [N]`,
// `disconnect [N]` (exec_cmd, user_exec_cmd; an
// address alone is x_host in Exec.g4), `ip http server` (g_ip). Handlers: dev.routerlab.tcp.cli.TcpCommands.
parser grammar Tcp;

tcp_exec : x_telnet | x_resume | x_disconnect ;
x_telnet : TELNET IP_ADDRESS tcpPort=DEC? ;
x_resume : RESUME conn=DEC? ;
x_disconnect : DISCONNECT conn=DEC? ;

tcp_show : s_tcp | s_sessions ;
s_sessions : SESSIONS ;
s_tcp : TCP (tcp_brief | tcp_statistics) ;
tcp_brief : BRIEF ALL? ;
tcp_statistics : STATISTICS ;

ip_http : HTTP SERVER ;
