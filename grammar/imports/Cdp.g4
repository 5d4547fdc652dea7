// Cisco Discovery Protocol: `cdp run|timer|holdtime|advertise-v2` (hooked into global_cmd),
// `cdp enable` (if_cmd), `show cdp ...` (show_cmd), `clear cdp table|counters` (x_clear).
// Handlers: dev.routerlab.cdp.cli.CdpCommands.
parser grammar Cdp;

g_cdp : CDP (cdp_run | cdp_timer | cdp_holdtime | cdp_advertise) ;
cdp_run : RUN ;
cdp_timer : TIMER (DEC | neg) ;
cdp_holdtime : HOLDTIME (DEC | neg) ;
cdp_advertise : ADVERTISE_V2 ;

if_cdp : CDP ENABLE ;

s_cdp : CDP (cdp_neighbors | cdp_entry | cdp_interface | cdp_traffic)? ;
cdp_neighbors : NEIGHBORS INTERFACE_NAME? DETAIL? ;
cdp_entry : ENTRY WORD ;
cdp_interface : INTERFACE INTERFACE_NAME? ;
cdp_traffic : TRAFFIC ;

clear_cdp : CDP (TABLE | COUNTERS) ;
