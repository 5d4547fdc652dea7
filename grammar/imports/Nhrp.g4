// DMVPN / NHRP EXEC commands. Handlers: dev.routerlab.nhrp.NhrpCommands.
// Hooked into show_cmd / user_show_cmd (s_dmvpn), ip_show_ip (s_ip_nhrp), ip_clear (clear_ip_nhrp),
// x_debug and x_undebug (debug_nhrp).
parser grammar Nhrp;

s_dmvpn : DMVPN DETAIL? ;
s_ip_nhrp : NHRP (BRIEF | DETAIL | s_ip_nhrp_nhs | TRAFFIC)? ;
s_ip_nhrp_nhs : NHS DETAIL? ;
clear_ip_nhrp : IP NHRP ;
debug_nhrp : NHRP PACKET? ;
