// Interface configuration mode (config-if). Handlers: dev.routerlab.ip.cli.InterfaceCommands;
// tunnel commands in Tunnel.g4, `ip nhrp` in Nhrp.g4, `crypto map` in Crypto.g4, hooked into if_cmd and if_ip.
parser grammar Interface;

if_cmd
  : if_description | if_vrf | if_ip | if_shutdown | if_bandwidth | if_keepalive | if_tunnel
  | if_mtu | if_speed | if_duplex
  | if_crypto | if_delay
  | if_cdp
  | if_ipv6
  ;

if_description : DESCRIPTION (TEXT | neg) ;
if_ip : IP (if_ip_address | if_ip_mtu | if_ip_tcp | if_ip_nhrp | if_ip_ospf | if_ip_eigrp | if_ip_nat | if_ip_vrf) ;
if_ip_address : ADDRESS (IP_ADDRESS subnet_mask SECONDARY? | neg) ;
subnet_mask : IP_ADDRESS ;
if_ip_mtu : MTU (DEC | neg) ;
if_ip_tcp : TCP ADJUST_MSS (DEC | neg) ;
if_shutdown : SHUTDOWN ;
if_mtu : MTU (DEC | neg) ;
if_speed : SPEED (speed=DEC | AUTO | neg) ;
if_duplex : DUPLEX (FULL | HALF | AUTO | neg) ;
if_bandwidth : BANDWIDTH (DEC | neg) ;
if_delay : DELAY (DEC | neg) ;
if_keepalive : KEEPALIVE (period=DEC retries=DEC?)? ;
