// line con / line vty and the config-line sub-mode.
parser grammar Line;

g_line : LINE (CON DEC | VTY DEC DEC?) ;
line_cmd : l_login | l_transport | l_exec_timeout | l_password | l_logging | l_privilege | l_access_class ;
l_login : LOGIN LOCAL? ;
l_transport : TRANSPORT INPUT (SSH | TELNET | ALL | NONE)* ;
l_exec_timeout : EXEC_TIMEOUT (DEC DEC?)? ;
l_password : PASSWORD secret_value? ;
l_logging : LOGGING SYNCHRONOUS ;
l_privilege : PRIVILEGE LEVEL DEC ;
l_access_class : ACCESS_CLASS acl_name IN ;
