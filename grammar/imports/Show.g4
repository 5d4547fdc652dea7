// show commands; output_filter is the IOS `| include` family.
parser grammar Show;

x_show : SHOW show_cmd output_filter? ;
user_show : SHOW user_show_cmd output_filter? ;

show_cmd
  : s_version | s_vrf | s_running_config | s_startup_config | s_ip | s_interfaces | s_history
  | s_clock | s_users | s_privilege | s_terminal | s_access_lists
  | s_inventory | s_flash | s_file | s_memory | s_processes | s_lacp | s_snmp
  | s_crypto
  | s_dmvpn | s_eigrp
  | s_ssh | s_login | s_ipv6 | s_lldp | s_cdp
  | ip_show | tcp_show
  ;
user_show_cmd
  : s_version | s_ip | s_interfaces | s_history | s_clock | s_users | s_privilege | s_terminal | s_inventory
  | ip_user_show | tcp_show
  | s_dmvpn
  ;

s_version : VERSION ;
s_running_config : RUNNING_CONFIG ALL? (INTERFACE INTERFACE_NAME)? ;
s_startup_config : STARTUP_CONFIG ;
s_ip : IP (s_ip_interface | s_ip_ssh | ip_show_ip) ;
s_ip_interface : INTERFACE (BRIEF | INTERFACE_NAME)? ;
s_interfaces : INTERFACES (INTERFACE_NAME | DESCRIPTION)? ;
s_history : HISTORY ;
s_clock : CLOCK DETAIL? ;
s_inventory : INVENTORY ;
s_flash : FLASH_FS ;
s_file : FILE SYSTEMS ;
s_lacp : LACP SYS_ID ;
s_memory : MEMORY STATISTICS ;
s_processes : PROCESSES (CPU SORTED? | MEMORY SORTED?)? ;
s_users : USERS ;
s_privilege : PRIVILEGE ;
s_terminal : TERMINAL ;
s_access_lists : ACCESS_LISTS acl_name? ;

output_filter : PIPE ((INCLUDE | EXCLUDE | BEGIN | SECTION) TEXT | COUNT TEXT?) ;
