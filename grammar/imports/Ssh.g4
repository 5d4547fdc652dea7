// SSH server and login security: `ip ssh`, `login block-for`, `crypto key generate|zeroize rsa`,
// `show ip ssh`, `show ssh`, `show login`, `clear line`. Handlers: dev.routerlab.ssh.SshCommands.
parser grammar Ssh;

// ---- global configuration (hooked into g_ip, global_cmd and g_crypto)
ip_ssh : SSH (ssh_version | ssh_time_out | ssh_retries) ;
ssh_version : VERSION (DEC | neg) ;
ssh_time_out : TIME_OUT (DEC | neg) ;
ssh_retries : AUTHENTICATION_RETRIES (DEC | neg) ;
// `ip scp server enable`: SCP on the SSH server (flash:, running-config, startup-config)
ip_scp : SCP SERVER ENABLE ;

g_login : LOGIN (login_block_for | login_on_failure | login_on_success) ;
login_block_for : BLOCK_FOR (block=DEC ATTEMPTS attempts=DEC WITHIN within=DEC | neg) ;
login_on_failure : ON_FAILURE (LOG | neg) ;
login_on_success : ON_SUCCESS (LOG | neg) ;

c_key : KEY (key_generate | key_zeroize) ;
key_generate : GENERATE RSA key_gen_option* ;
key_gen_option : GENERAL_KEYS | LABEL WORD | MODULUS DEC ;
key_zeroize : ZEROIZE RSA WORD? ;

// `username U algorithm-type scrypt secret S`, `enable algorithm-type sha256 secret S`
secret_algorithm : ALGORITHM_TYPE (MD5 | SHA256 | SCRYPT) ;

// ---- EXEC (clear_line hooked into x_clear)
clear_line : LINE (VTY DEC | DEC) ;

s_ssh : SSH ;
s_ip_ssh : SSH ;
s_login : LOGIN FAILURES? ;

// What automation clients probe (Ansible's ios_facts): protocols this router does not run.
s_lldp : LLDP (INTERFACE INTERFACE_NAME? | NEIGHBORS DETAIL? | TRAFFIC)? ;
