// SNMP (RFC 3411-3418 names): `snmp-server community|group|user|location|contact|host|enable traps`,
// `show snmp [host|user]`. Handlers: dev.routerlab.snmp.cli.SnmpCommands.
parser grammar Snmp;

g_snmp : SNMP_SERVER (snmp_community | snmp_group | snmp_user | snmp_location | snmp_contact | snmp_host | snmp_enable) ;
snmp_community : COMMUNITY name=WORD perm=(RO | RW)? acl=acl_name? ;
// `snmp-server group NAME v3 noauth|auth|priv [read V] [write V] [access ACL]` (RFC 3415 VACM)
snmp_group : GROUP name=WORD V3 level=(NOAUTH | AUTH | PRIV) snmp_read? snmp_write? snmp_access? ;
snmp_read : READ view=WORD ;
snmp_write : WRITE view=WORD ;
snmp_access : ACCESS acl=acl_name ;
// `snmp-server user NAME GROUP v3 [auth md5|sha P [priv des|3des|aes 128|192|256 P]] [access ACL]` (RFC 3414 USM)
snmp_user : USER name=WORD snmp_user_group ;
snmp_user_group : group=WORD V3 snmp_auth? snmp_access? ;
snmp_auth : AUTH alg=(MD5 | SHA) authpw=WORD snmp_priv? ;
snmp_priv : PRIV (DES | TDES | AES bits=DEC) privpw=WORD ;
snmp_location : LOCATION (TEXT | neg) ;
snmp_contact : CONTACT (TEXT | neg) ;

// `snmp-server host A.B.C.D [version 1|2c] COMMUNITY [udp-port N]` (IOS's default version: 1)
snmp_host : HOST addr=IP_ADDRESS snmp_host_version? community=WORD snmp_udp_port? ;
snmp_host_version : VERSION ver=(ONE | TWO_C) ;
snmp_udp_port : UDP_PORT number=DEC ;
// `snmp-server enable traps [snmp [authentication] [linkdown] [linkup] [coldstart] [warmstart]]`
snmp_enable : ENABLE TRAPS snmp_traps? ;
snmp_traps : SNMP snmp_trap_kind* ;
snmp_trap_kind : kind=(AUTHENTICATION | LINKDOWN | LINKUP | COLDSTART | WARMSTART) ;

// `show snmp [host|user]` (hooked into show_cmd)
s_snmp : SNMP what=(USER | HOST)? ;
