// EXEC mode commands (user and privileged).
parser grammar Exec;

user_exec_cmd
  : x_enable | x_disable | x_exit | x_logout | x_terminal | user_show | x_host
  | ip_user_exec | tcp_exec
  ;

exec_cmd
  : x_enable | x_disable | x_exit | x_logout | x_terminal | x_show
  | x_configure | x_write | x_copy | x_erase | x_reload
  | x_monitor | x_dir | x_verify | x_delete | x_host
  | x_clear | x_crypto
  | x_debug | x_undebug
  | ip_exec | tcp_exec
  ;

x_enable : ENABLE ;
x_disable : DISABLE ;
x_exit : EXIT ;
x_logout : LOGOUT ;
x_configure : CONFIGURE TERMINAL? ;
x_terminal : TERMINAL (t_length | t_width | t_no | t_monitor) ;
t_length : LENGTH DEC ;
t_width : WIDTH DEC ;
t_no : NO (LENGTH | WIDTH | MONITOR) ;
t_monitor : MONITOR ;
x_write : WRITE (MEMORY | ERASE | TERMINAL)? ;
x_copy : COPY from=copy_file to=copy_file ;
copy_file : RUNNING_CONFIG | STARTUP_CONFIG | url=WORD ;
x_erase : ERASE (STARTUP_CONFIG | NVRAM) ;
x_reload : RELOAD ;
x_dir : DIR (FLASH_FS | NVRAM_FS | url=WORD)? ;
x_verify : VERIFY SLASH_MD5 url=WORD ;
x_delete : DELETE url=WORD ;
// a bare address is a telnet to it, as on IOS
x_host : IP_ADDRESS ;

// The hubs other features hook into: clear_line (Ssh.g4), ip_clear (Ip.g4), clear_crypto (Crypto.g4),
// debug_nhrp (Nhrp.g4), debug_ip_ospf (Ospf.g4), debug_ip_nat (Nat.g4), debug_eigrp (Eigrp.g4), debug_ipv6 (Ipv6.g4); `debug crypto isakmp|ipsec` is the IPsec layer's part of x_debug, debug_ikev2 (Ikev2.g4) IKEv2's.
x_clear : CLEAR (clear_line | ip_clear | clear_crypto | clear_cdp | clear_ipv6) ;
x_debug : DEBUG (CRYPTO (ISAKMP | IPSEC | debug_ikev2) | debug_nhrp | IP (debug_ip_ospf | debug_ip_nat) | debug_eigrp | debug_ipv6) ;
x_undebug : UNDEBUG (ALL | debug_nhrp | IP (debug_ip_ospf | debug_ip_nat) | debug_eigrp | debug_ipv6) ;
