// line con / line aux / line vty and the config-line sub-mode.
parser grammar Line;

g_line : LINE (line_con | line_aux | line_vty) ;
line_con : CON DEC ;
line_aux : AUX DEC ;
line_vty : VTY DEC vty_last? ;
vty_last : DEC ;
line_cmd : l_login | l_transport | l_exec_timeout | l_password | l_logging | l_privilege | l_access_class ;
l_login : LOGIN (LOCAL | l_login_authentication)? ;
l_login_authentication : AUTHENTICATION (l_login_list | neg) ;
l_login_list : DEFAULT | WORD ;
l_transport : TRANSPORT INPUT (ALL | NONE | transport_proto+ | neg) ;
transport_proto : SSH | TELNET ;
l_exec_timeout : EXEC_TIMEOUT (DEC exec_seconds? | neg) ;
exec_seconds : DEC ;
l_password : PASSWORD (line_pw | neg) ;
line_pw : DEC? WORD ;
l_logging : LOGGING SYNCHRONOUS ;
l_privilege : PRIVILEGE LEVEL (DEC | neg) ;
l_access_class : ACCESS_CLASS acl_name IN ;
