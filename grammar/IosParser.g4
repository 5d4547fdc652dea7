/*
 * routerlab command grammar: one parser over the shared IosLexer vocabulary.
 * Each CLI mode has an entry rule `<mode>_line`. Rules are LL(1): the CLI resolves each
 * typed word against the tokens the parser expects at that point (abbreviation, ?, TAB).
 * Feature areas live in imports/*.g4; help texts in help.txt beside this file.
 */
parser grammar IosParser;

options { tokenVocab = IosLexer; }

import Exec, Show, Global, Aaa, Interface, Tunnel, Crypto, Routing, Ospf, Eigrp, Acl, Line, Capture, Ssh, Ip, Nhrp, Cdp, Nat, Ikev2, Ipv6, Vrf, Tcp, Pki, Snmp;

@parser::members {
/** Set by a leading `no` or `default`: then trailing arguments may be left out (rule `neg`). */
public boolean negated;
/**
 * A rule's context as the runtime's type, by a cast at run time: the build rewrites each rule's
 * enterRule and enterOuterAlt to pass through it (pom.xml), because the verifier, checking every
 * rule's context class against ParserRuleContext, loaded all of them (590) when it linked this class.
 */
private static ParserRuleContext ruleContext(Object ctx) { return (ParserRuleContext) ctx; }
}

user_exec_line : user_exec_cmd EOF ;
exec_line : exec_cmd EOF ;

config_line : config_prefix? global_cmd EOF | mode_common EOF ;
if_line : config_prefix? if_cmd EOF | mode_common EOF ;
isakmp_line : config_prefix? isakmp_cmd EOF | mode_common EOF ;
transform_line : config_prefix? transform_cmd EOF | mode_common EOF ;
ipsec_profile_line : config_prefix? ipsec_profile_cmd EOF | mode_common EOF ;
crypto_map_line : config_prefix? crypto_map_cmd EOF | mode_common EOF ;
router_line : config_prefix? router_cmd EOF | mode_common EOF ;
line_line : config_prefix? line_cmd EOF | mode_common EOF ;
ext_nacl_line : config_prefix? ext_nacl_cmd EOF | mode_common EOF ;
std_nacl_line : config_prefix? std_nacl_cmd EOF | mode_common EOF ;
keyring_line : config_prefix? keyring_cmd EOF | mode_common EOF ;
isakmp_profile_line : config_prefix? isakmp_profile_cmd EOF | mode_common EOF ;
keychain_line : config_prefix? keychain_cmd EOF | mode_common EOF ;
keychain_key_line : config_prefix? keychain_key_cmd EOF | mode_common EOF ;
vrf_line : config_prefix? vrf_cmd EOF | mode_common EOF ;
vrf_af_line : config_prefix? vrf_af_cmd EOF | mode_common EOF ;
ikev2_proposal_line : config_prefix? ikev2_proposal_cmd EOF | mode_common EOF ;
ikev2_policy_line : config_prefix? ikev2_policy_cmd EOF | mode_common EOF ;
ikev2_keyring_line : config_prefix? ikev2_keyring_cmd EOF | mode_common EOF ;
ikev2_peer_line : config_prefix? ikev2_peer_cmd EOF | mode_common EOF ;
ikev2_profile_line : config_prefix? ikev2_profile_cmd EOF | mode_common EOF ;
trustpoint_line : config_prefix? trustpoint_cmd EOF | mode_common EOF ;
cert_chain_line : config_prefix? cert_chain_cmd EOF | mode_common EOF ;
cert_map_line : config_prefix? cert_map_cmd EOF | mode_common EOF ;
cs_server_line : config_prefix? cs_server_cmd EOF | mode_common EOF ;

config_prefix : NO {negated = true;} | DEFAULT {negated = true;} ;

// Ends a command early, allowed only in its `no`/`default` form: `no hostname`, `no ip address`.
neg : {negated}? ;
mode_common : DO exec_cmd | EXIT | END ;
