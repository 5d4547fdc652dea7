// AAA: `aaa new-model`, `aaa authentication login`, `aaa authorization exec`; lines name their list
// with `login authentication` (Line.g4). Handlers: dev.routerlab.device.cli.AaaCommands.
parser grammar Aaa;

g_aaa : AAA (aaa_new_model | aaa_authentication | aaa_authorization) ;
aaa_new_model : NEW_MODEL ;
aaa_authentication : AUTHENTICATION LOGIN aaa_list (aaa_login_method+ | neg) ;
aaa_list : DEFAULT | WORD ;
aaa_login_method : LOCAL | NONE | ENABLE | LINE ;
aaa_authorization : AUTHORIZATION EXEC aaa_exec_list (aaa_exec_method+ | neg) ;
aaa_exec_list : DEFAULT | WORD ;
aaa_exec_method : LOCAL | NONE ;
