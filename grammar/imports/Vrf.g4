// VRF-lite: `vrf definition NAME` (hooked into global_cmd) and the older `ip vrf NAME` (g_ip),
// their mode (vrf_line: `rd`, `description`, `address-family ipv4`) and the address family's
// (vrf_af_line), `vrf forwarding NAME` (if_cmd) and `ip vrf forwarding NAME` (if_ip), `show vrf`
// (show_cmd), `show ip vrf [interfaces]` (ip_show_ip). `ip route vrf` and `show ip route vrf` are
// routing's rules (Routing.g4, Ip.g4). Handlers: dev.routerlab.vrf.cli.VrfCommands.
parser grammar Vrf;

g_vrf : VRF DEFINITION name=WORD ;
ip_vrf : VRF name=WORD ;

vrf_cmd : vrf_rd | vrf_description | vrf_af ;
vrf_rd : RD (rd=WORD | neg) ;
vrf_description : DESCRIPTION (TEXT | neg) ;
vrf_af : ADDRESS_FAMILY IPV4 UNICAST? ;

vrf_af_cmd : vrf_af_exit ;
vrf_af_exit : EXIT_ADDRESS_FAMILY ;

if_vrf : VRF FORWARDING (name=WORD | neg) ;
if_ip_vrf : VRF FORWARDING (name=WORD | neg) ;

s_vrf : VRF name=WORD? ;
s_ip_vrf : VRF (INTERFACES | DETAIL name=WORD? | name=WORD)? ;
