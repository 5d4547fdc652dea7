// PKI: `crypto pki trustpoint|authenticate|enroll|import|certificate chain|certificate map|server`, their
// sub-modes, `show crypto pki ...`, `show crypto key mypubkey rsa`. Handlers: dev.routerlab.pki.cli.
parser grammar Pki;

// ---- global configuration (hooked into Crypto.g4's g_crypto)
c_pki : PKI (pki_trustpoint | pki_authenticate | pki_enroll | pki_import | pki_certificate | pki_server) ;
pki_trustpoint : TRUSTPOINT name=WORD ;
pki_authenticate : AUTHENTICATE name=WORD ;
pki_enroll : ENROLL name=WORD ;
pki_import : IMPORT name=WORD CERTIFICATE ;
pki_certificate : CERTIFICATE (pki_chain | pki_cert_map) ;
pki_chain : CHAIN name=WORD ;
pki_cert_map : MAP name=WORD seq=DEC ;
pki_server : SERVER name=WORD ;

// ---- ca-trustpoint
trustpoint_cmd : tp_enrollment | tp_subject | tp_revocation | tp_rsakeypair | tp_fqdn | tp_ip_address ;
tp_enrollment : ENROLLMENT (TERMINAL | URL url=WORD | neg) ;
tp_subject : SUBJECT_NAME (TEXT | neg) ;
tp_revocation : REVOCATION_CHECK (revocation_method+ | neg) ;
revocation_method : NONE | CRL ;
tp_rsakeypair : RSAKEYPAIR (label=WORD tp_key_size? | neg) ;
tp_key_size : DEC ;
tp_fqdn : FQDN (name=WORD | neg) ;
tp_ip_address : IP_ADDRESS_KW (addr=IP_ADDRESS | neg) ;

// ---- cs-server (the IOS certificate server)
cs_server_cmd : cs_issuer | cs_grant | cs_lifetime | cs_database | cs_shutdown ;
cs_issuer : ISSUER_NAME (TEXT | neg) ;
cs_grant : GRANT (AUTO | neg) ;
cs_lifetime : LIFETIME (cs_life_certificate | cs_life_ca | cs_life_crl) ;
cs_life_certificate : CERTIFICATE (days=DEC | neg) ;
cs_life_ca : CA_CERTIFICATE (days=DEC | neg) ;
cs_life_crl : CRL (hours=DEC | neg) ;
cs_database : DATABASE LEVEL (MINIMUM | NAMES | COMPLETE | neg) ;
cs_shutdown : SHUTDOWN ;

// ---- config-cert-chain: `certificate [ca] SERIAL`, then the hex lines up to `quit` (answers)
// `certificate CA` alone is the router certificate whose serial is CA (hex), as IOS reads it
cert_chain_cmd : CERTIFICATE (CA serial=cert_serial? | serial=cert_serial) ;
cert_serial : DEC | WORD ;

// ---- ca-certificate-map
cert_map_cmd : cert_map_field cert_map_op value=TEXT ;
cert_map_field : SUBJECT_NAME | ISSUER_NAME | ALT_SUBJECT_NAME ;
cert_map_op : EQ | NE | CO | NC ;

// ---- EXEC (hooked into Crypto.g4's s_crypto)
sc_pki : PKI (sc_pki_certificates | sc_pki_trustpoints | sc_pki_server) ;
sc_pki_certificates : CERTIFICATES VERBOSE? ;
sc_pki_trustpoints : TRUSTPOINTS STATUS? ;
sc_pki_server : SERVER (name=WORD REQUESTS?)? ;
sc_key : KEY MYPUBKEY RSA ;

// ---- EXEC: the certificate server's enrollment requests (hooked into Exec.g4's exec_cmd)
x_crypto : CRYPTO PKI SERVER name=WORD cs_exec ;
cs_exec : cs_request | cs_grant_req | cs_reject | cs_revoke ;
cs_request : REQUEST PKCS10 TERMINAL (BASE64 | PEM)? ;
cs_grant_req : GRANT (ALL | req=DEC) ;
cs_reject : REJECT (ALL | req=DEC) ;
cs_revoke : REVOKE serial=cert_serial ;
