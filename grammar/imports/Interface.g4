// Interface configuration mode (config-if): addressing, tunnels, NHRP.
parser grammar Interface;

if_cmd
  : if_description | if_ip | if_shutdown | if_bandwidth | if_keepalive | if_tunnel
  | if_crypto
  ;

if_description : DESCRIPTION (TEXT | neg) ;
if_ip : IP (if_ip_address | if_ip_mtu | if_ip_tcp | if_ip_nhrp) ;
if_ip_address : ADDRESS (IP_ADDRESS subnet_mask SECONDARY? | neg) ;
subnet_mask : IP_ADDRESS ;
if_ip_mtu : MTU (DEC | neg) ;
if_ip_tcp : TCP ADJUST_MSS (DEC | neg) ;
if_shutdown : SHUTDOWN ;
if_bandwidth : BANDWIDTH (DEC | neg) ;
if_keepalive : KEEPALIVE (DEC DEC?)? ;
if_tunnel : TUNNEL (tun_source | tun_destination | tun_mode | tun_key | tun_protection | tun_gre_option) ;
tun_source : SOURCE (INTERFACE_NAME | IP_ADDRESS | neg) ;
tun_destination : DESTINATION (IP_ADDRESS | neg) ;
tun_mode : MODE (tun_mode_gre | tun_mode_ipsec | neg) ;
tun_mode_gre : GRE (IP | MULTIPOINT) ;
tun_mode_ipsec : IPSEC IPV4 ;
tun_key : KEY (DEC | neg) ;
tun_protection : PROTECTION IPSEC PROFILE WORD SHARED? ;
if_crypto : CRYPTO MAP (WORD | neg) ;

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
