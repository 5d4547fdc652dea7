// DMVPN / NHRP: the `ip nhrp` interface commands (hooked into if_ip) and the EXEC commands.
// Handlers: dev.routerlab.nhrp.cli.NhrpCommands.
// Hooked into show_cmd / user_show_cmd (s_dmvpn), ip_show_ip (s_ip_nhrp), ip_clear (clear_ip_nhrp),
// x_debug and x_undebug (debug_nhrp).
parser grammar Nhrp;

s_dmvpn : DMVPN DETAIL? ;
s_ip_nhrp : NHRP (BRIEF | DETAIL | s_ip_nhrp_nhs | TRAFFIC)? ;
s_ip_nhrp_nhs : NHS DETAIL? ;
clear_ip_nhrp : NHRP ;
debug_nhrp : NHRP PACKET? ;

if_ip_nhrp
  : NHRP (nhrp_network_id | nhrp_authentication | nhrp_map | nhrp_nhs | nhrp_holdtime
         | nhrp_redirect | nhrp_shortcut | nhrp_registration)
  ;
nhrp_network_id : NETWORK_ID (DEC | neg) ;
nhrp_authentication : AUTHENTICATION (WORD | neg) ;
nhrp_map : MAP (nhrp_map_multicast | IP_ADDRESS nbma_address | neg) ;
nbma_address : IP_ADDRESS ;
nhrp_map_multicast : MULTICAST (IP_ADDRESS | DYNAMIC) ;
nhrp_nhs : NHS IP_ADDRESS (NBMA nbma_address)? MULTICAST? ;
nhrp_holdtime : HOLDTIME (DEC | neg) ;
nhrp_redirect : REDIRECT ;
nhrp_shortcut : SHORTCUT ;
nhrp_registration : REGISTRATION (reg_timeout | NO_UNIQUE) ;
reg_timeout : TIMEOUT DEC ;
