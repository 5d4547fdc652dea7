// Global configuration commands; the ones that enter a sub-mode name it in help.txt.
parser grammar Global;

global_cmd
  : g_hostname | g_vrf | g_version | g_enable | g_username | g_banner | g_service | g_ip | g_interface
  | g_crypto | g_access_list | g_router | g_line
  | g_login
  | g_aaa
  | g_logging
  | g_key_chain
  | g_cdp
  | g_ipv6
  | g_snmp
  ;

g_hostname : HOSTNAME (WORD | neg) ;
g_version : VERSION WORD ;
g_enable : ENABLE (SECRET secret_value | secret_algorithm SECRET secret_value | neg) ;
secret_value : DEC WORD | WORD ;
g_username : USERNAME WORD username_option* ;
username_option : PRIVILEGE DEC | SECRET secret_value | PASSWORD secret_value | secret_algorithm SECRET secret_value ;
g_banner : BANNER MOTD (TEXT | neg) ;
g_service : SERVICE (svc_timestamps | svc_password_encryption) ;
svc_timestamps : TIMESTAMPS ((DEBUG | LOG) (ts_datetime | UPTIME)?)? ;
ts_datetime : DATETIME (MSEC | LOCALTIME | SHOW_TIMEZONE | YEAR)* ;
svc_password_encryption : PASSWORD_ENCRYPTION ;
g_ip : IP (ip_domain | ip_domain_lookup | ip_domain_name | ip_route | ip_access_list | ip_ssh | ip_scp | ip_nat | ip_vrf | ip_http) ;
ip_domain : DOMAIN (dom_lookup | dom_name) ;
dom_lookup : LOOKUP ;
dom_name : NAME (WORD | neg) ;
ip_domain_lookup : DOMAIN_LOOKUP ;
ip_domain_name : DOMAIN_NAME (WORD | neg) ;
g_interface : INTERFACE INTERFACE_NAME ;
