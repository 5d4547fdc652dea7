// crypto isakmp / ipsec / map / keyring, global and their sub-modes.
parser grammar Crypto;

g_crypto : CRYPTO (c_isakmp | c_ipsec | c_map | c_keyring) ;
c_isakmp : ISAKMP (isakmp_policy | isakmp_key | isakmp_keepalive | isakmp_nat) ;
isakmp_policy : POLICY DEC ;
isakmp_key : KEY secret_value ADDRESS IP_ADDRESS IP_ADDRESS? ;
isakmp_keepalive : KEEPALIVE (DEC DEC? (PERIODIC | ON_DEMAND)?)? ;
isakmp_nat : NAT KEEPALIVE DEC? ;
c_ipsec : IPSEC (ipsec_transform_set | ipsec_profile | ipsec_sa) ;
ipsec_transform_set : TRANSFORM_SET WORD transform* ;
transform
  : ESP_DES | ESP_3DES | ESP_AES DEC? | ESP_GCM DEC? | ESP_NULL | ESP_MD5_HMAC | ESP_SHA_HMAC
  | ESP_SHA256_HMAC | ESP_SHA384_HMAC | ESP_SHA512_HMAC
  ;
ipsec_profile : PROFILE WORD ;
ipsec_sa : SECURITY_ASSOCIATION (sa_lifetime | sa_replay) ;
sa_lifetime : LIFETIME (SECONDS | KILOBYTES) DEC? ;
sa_replay : REPLAY WINDOW_SIZE DEC? ;
c_map : MAP WORD DEC IPSEC_ISAKMP? ;
c_keyring : KEYRING WORD ;

isakmp_cmd : isa_encryption | isa_hash | isa_authentication | isa_group | isa_lifetime ;
isa_encryption : ENCRYPTION (DES | TDES | AES DEC?)? ;
isa_hash : HASH (MD5 | SHA | SHA256 | SHA384 | SHA512)? ;
isa_authentication : AUTHENTICATION (PRE_SHARE | RSA_SIG)? ;
isa_group : GROUP DEC? ;
isa_lifetime : LIFETIME DEC? ;

transform_cmd : MODE (TUNNEL | TRANSPORT)? ;

ipsec_profile_cmd : SET (set_transform_set | set_pfs | set_sa) ;
set_transform_set : TRANSFORM_SET WORD* ;
set_pfs : PFS pfs_group? ;
pfs_group : GROUP1 | GROUP2 | GROUP5 | GROUP14 | GROUP15 | GROUP16 | GROUP19 | GROUP20 | GROUP21 | GROUP24 ;
set_sa : SECURITY_ASSOCIATION LIFETIME (SECONDS | KILOBYTES) DEC? ;

crypto_map_cmd : cm_set | cm_match ;
cm_set : SET (set_peer | set_transform_set | set_pfs | set_sa) ;
set_peer : PEER IP_ADDRESS? ;
cm_match : MATCH ADDRESS acl_name? ;
acl_name : DEC | WORD ;

keyring_cmd : PRE_SHARED_KEY ADDRESS IP_ADDRESS IP_ADDRESS? KEY secret_value ;
