// crypto isakmp / ipsec / map / keyring, global and their sub-modes; `show crypto` (config views).
parser grammar Crypto;

// `crypto map NAME` and `crypto ipsec df-bit` on an interface (hooked into Interface.g4's if_cmd)
if_crypto : CRYPTO (MAP (WORD | neg) | IPSEC ipsec_df_bit) ;

g_crypto : CRYPTO (c_isakmp | c_ipsec | c_map | c_keyring | c_key | c_ikev2 | c_pki | c_logging) ;
c_isakmp : ISAKMP (isakmp_policy | isakmp_key | isakmp_keepalive | isakmp_nat | isakmp_profile | isakmp_identity) ;
// the phase-1 identity this router sends (IOS default: address)
isakmp_identity : IDENTITY (ADDRESS | DN | HOSTNAME | neg) ;
isakmp_policy : POLICY DEC ;
isakmp_key : KEY psk ADDRESS IP_ADDRESS IP_ADDRESS? ;
// a pre-shared key: [0|6] KEY
psk : DEC? WORD ;
isakmp_keepalive : KEEPALIVE (DEC ka_retry? ka_mode? | neg) ;
ka_retry : DEC ;
ka_mode : PERIODIC | ON_DEMAND ;
isakmp_nat : NAT KEEPALIVE (DEC | neg) ;
// `crypto isakmp profile NAME` (conf-isa-prof): `vrf` (the inside VRF), `keyring`, `ca trust-point`,
// `match identity address A [M] [FVRF]`, `match certificate MAP`
isakmp_profile : PROFILE name=WORD ;
isakmp_profile_cmd : isp_vrf | isp_keyring | isp_ca | isp_match ;
isp_ca : CA TRUST_POINT name=WORD ;
isp_vrf : VRF (name=WORD | neg) ;
isp_keyring : KEYRING (name=WORD | neg) ;
isp_match : MATCH (IDENTITY ADDRESS addr=IP_ADDRESS mask=IP_ADDRESS? fvrf=WORD? | CERTIFICATE map=WORD) ;
c_ipsec : IPSEC (ipsec_transform_set | ipsec_profile | ipsec_sa | ipsec_df_bit | ipsec_nat_transparency) ;
// the DF bit of the outer header of tunnel-mode ESP (RFC 4301 §8.1; IOS default: copy), global or per interface
ipsec_df_bit : DF_BIT (CLEAR | SET | COPY | neg) ;
// RFC 3947/3948 NAT traversal (IOS default: on); the `no` form sends no NAT-T vendor ID, so ESP stays protocol 50
ipsec_nat_transparency : NAT_TRANSPARENCY UDP_ENCAPSULATION ;
// One cipher and one authenticator, in either order; esp-gcm authenticates itself and
// esp-null needs an authenticator (IOS offers only the transforms that may still follow).
ipsec_transform_set : TRANSFORM_SET WORD (ts_transforms | neg) ;
ts_transforms : ts_cipher ts_auth? | ts_null ts_auth | ts_gcm | ts_auth ts_after_auth? ;
ts_after_auth : ts_cipher | ts_null ;
ts_cipher : ESP_DES | ESP_3DES | ESP_AES key_size? ;
ts_null : ESP_NULL ;
ts_gcm : ESP_GCM key_size? ;
ts_auth : ESP_MD5_HMAC | ESP_SHA_HMAC | ESP_SHA256_HMAC | ESP_SHA384_HMAC | ESP_SHA512_HMAC ;
key_size : KEY_128 | KEY_192 | KEY_256 ;
ipsec_profile : PROFILE WORD ;
ipsec_sa : SECURITY_ASSOCIATION (sa_lifetime | sa_replay) ;
sa_lifetime : LIFETIME (sa_seconds | sa_kilobytes) ;
sa_seconds : SECONDS (DEC | neg) ;
sa_kilobytes : KILOBYTES (DEC | neg) ;
sa_replay : REPLAY WINDOW_SIZE (DEC | neg) ;
c_map : MAP WORD (DEC IPSEC_ISAKMP? | neg) ;
// `crypto keyring NAME [vrf FVRF]`: its keys are for peers in that front-door VRF
c_keyring : KEYRING name=WORD (VRF vrf=WORD)? ;

isakmp_cmd : isa_encryption | isa_hash | isa_authentication | isa_group | isa_lifetime ;
isa_encryption : ENCRYPTION (DES | TDES | AES key_size? | neg) ;
isa_hash : HASH (MD5 | SHA | SHA256 | SHA384 | SHA512 | neg) ;
isa_authentication : AUTHENTICATION (PRE_SHARE | RSA_SIG | neg) ;
isa_group : GROUP (DEC | neg) ;
isa_lifetime : LIFETIME (DEC | neg) ;

transform_cmd : MODE (TUNNEL | TRANSPORT | neg) ;

ipsec_profile_cmd : SET (set_transform_set | set_pfs | set_sa | set_ikev2_profile | set_isakmp_profile) ;
set_isakmp_profile : ISAKMP_PROFILE (name=WORD | neg) ;
set_transform_set : TRANSFORM_SET (WORD+ | neg) ;
set_pfs : PFS pfs_group? ;
pfs_group : GROUP1 | GROUP2 | GROUP5 | GROUP14 | GROUP15 | GROUP16 | GROUP19 | GROUP20 | GROUP21 | GROUP24 ;
set_sa : SECURITY_ASSOCIATION sa_lifetime ;

crypto_map_cmd : cm_set | cm_match ;
cm_set : SET (set_peer | set_transform_set | set_pfs | set_sa | set_ikev2_profile | set_isakmp_profile) ;
set_peer : PEER (IP_ADDRESS | neg) ;
cm_match : MATCH ADDRESS (acl_name | neg) ;
acl_name : DEC | WORD ;

keyring_cmd : PRE_SHARED_KEY ADDRESS IP_ADDRESS IP_ADDRESS? KEY psk ;

// show crypto ... (the configuration views; SA tables belong to the IKE/IPsec engines)
s_crypto : CRYPTO (sc_isakmp | sc_ipsec | sc_map | sc_session | sc_engine | sc_ikev2 | sc_pki | sc_key) ;
sc_isakmp : ISAKMP (POLICY | sc_isakmp_sa) ;
sc_ipsec : IPSEC (TRANSFORM_SET | sc_ipsec_sa) ;
sc_map : MAP ;
// the SA tables, sessions and engine: handlers in dev.routerlab.crypto.CryptoExec
sc_isakmp_sa : SA DETAIL? ;
// `keys wireshark` is a routerlab extension: the live SAs' keys as Wireshark UAT lines
sc_ipsec_sa : SA (PEER IP_ADDRESS | INTERFACE INTERFACE_NAME | DETAIL | KEYS WIRESHARK)? ;
sc_session : SESSION (REMOTE remote=IP_ADDRESS)? DETAIL? ;
sc_engine : ENGINE CONNECTIONS ACTIVE ;

// EXEC: clear crypto ... (hooked into x_clear); `debug crypto` is part of x_debug (Exec.g4)
clear_crypto : CRYPTO (SA (PEER sa_peer=IP_ADDRESS)? | ISAKMP | SESSION cs_local? cs_remote? | clear_ikev2) ;
// `clear crypto session [local A [port N]] [remote A [port N]]`: behind PAT a peer is its address and port (RFC 3947 §5)
cs_local : LOCAL address=IP_ADDRESS (PORT number=DEC)? ;
cs_remote : REMOTE address=IP_ADDRESS (PORT number=DEC)? ;
