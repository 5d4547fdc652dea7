// IKEv2 (RFC 7296): `crypto ikev2 proposal|policy|keyring|profile` and their sub-modes, `set ikev2-profile`,
// `show crypto ikev2 ...`, `clear crypto ikev2 sa`, `debug crypto ikev2`. Handlers: dev.routerlab.ikev2.cli.
parser grammar Ikev2;

// ---- global configuration (hooked into Crypto.g4's g_crypto)
c_ikev2 : IKEV2 (ikev2_proposal | ikev2_policy | ikev2_keyring | ikev2_profile | ikev2_dpd | ikev2_cookie | ikev2_fragmentation) ;
// `crypto logging ikev2`: the IKEv2 syslogs (SA up and down)
c_logging : LOGGING IKEV2 ;
ikev2_proposal : PROPOSAL name=WORD ;
ikev2_policy : POLICY name=WORD ;
ikev2_keyring : KEYRING name=WORD ;
ikev2_profile : PROFILE name=WORD ;
// `crypto ikev2 dpd`: liveness for the profiles that set none
ikev2_dpd : DPD (interval=DEC dpd_retry kind=(ON_DEMAND | PERIODIC) | neg) ;
// `crypto ikev2 cookie-challenge N`: COOKIE (RFC 7296 §2.6) once N SAs are half open
ikev2_cookie : COOKIE_CHALLENGE (DEC | neg) ;
// `crypto ikev2 fragmentation [mtu N]`: RFC 7383 fragments for messages over N (default 576)
ikev2_fragmentation : FRAGMENTATION (MTU mtu=DEC)? ;

// ---- config-ikev2-proposal
ikev2_proposal_cmd : prop_encryption | prop_integrity | prop_prf | prop_group ;
prop_encryption : ENCRYPTION (ikev2_cipher+ | neg) ;
ikev2_cipher : AES_CBC_128 | AES_CBC_192 | AES_CBC_256 | AES_GCM_128 | AES_GCM_256 ;
prop_integrity : INTEGRITY (ikev2_hash+ | neg) ;
prop_prf : PRF (ikev2_hash+ | neg) ;
ikev2_hash : SHA1 | SHA256 | SHA384 | SHA512 ;
prop_group : GROUP (DEC+ | neg) ;

// ---- config-ikev2-policy
ikev2_policy_cmd : pol_proposal | pol_match ;
pol_proposal : PROPOSAL name=WORD ;
// `match fvrf NAME|any`: the front-door VRF the policy's proposals are for (none: the global table)
pol_match : MATCH (ADDRESS LOCAL local=IP_ADDRESS | FVRF (ANY | fvrf=WORD)) ;

// ---- config-ikev2-keyring and its config-ikev2-keyring-peer
ikev2_keyring_cmd : PEER name=WORD ;
ikev2_peer_cmd : kp_address | kp_identity | kp_psk ;
kp_address : ADDRESS (addr=IP_ADDRESS mask=IP_ADDRESS? | prefix6=IPV6_PREFIX | neg) ;
kp_identity : IDENTITY (ikev2_identity | neg) ;
ikev2_identity : ADDRESS (addr=IP_ADDRESS | addr6=IPV6_ADDRESS) | FQDN fqdn=WORD ;
kp_psk : PRE_SHARED_KEY side=(LOCAL | REMOTE)? (psk | neg) ;

// ---- config-ikev2-profile
ikev2_profile_cmd : pf_match | pf_identity | pf_authentication | pf_keyring | pf_dpd | pf_lifetime | pf_pki ;
pf_match : MATCH (IDENTITY REMOTE (ADDRESS (addr=IP_ADDRESS mask=IP_ADDRESS? | prefix6=IPV6_PREFIX | addr6=IPV6_ADDRESS) | FQDN fqdn=WORD) | CERTIFICATE map=WORD | pf_match_fvrf) ;
// `match fvrf NAME|any`: the front-door VRF the profile answers in (none: the global table)
pf_match_fvrf : FVRF (ANY | fvrf=WORD) ;
pf_identity : IDENTITY LOCAL (ikev2_identity | neg) ;
pf_authentication : AUTHENTICATION side=(LOCAL | REMOTE) (PRE_SHARE | RSA_SIG | neg) ;
// rsa-sig: the trustpoints that sign and verify (grammar/imports/Pki.g4 defines them)
pf_pki : PKI TRUSTPOINT (name=WORD | neg) ;
pf_keyring : KEYRING LOCAL (name=WORD | neg) ;
pf_dpd : DPD (interval=DEC dpd_retry kind=(ON_DEMAND | PERIODIC) | neg) ;
dpd_retry : DEC ;
pf_lifetime : LIFETIME (DEC | neg) ;

// ---- `set ikev2-profile` in crypto ipsec profiles and crypto map entries (hooked into Crypto.g4)
set_ikev2_profile : IKEV2_PROFILE (name=WORD | neg) ;

// ---- EXEC (hooked into Crypto.g4's s_crypto and clear_crypto, Exec.g4's x_debug)
sc_ikev2 : IKEV2 (sc_ikev2_sa | sc_ikev2_session | PROFILE | STATS) ;
sc_ikev2_sa : SA DETAIL? ;
sc_ikev2_session : SESSION DETAIL? ;
clear_ikev2 : IKEV2 SA ;
debug_ikev2 : IKEV2 ;
