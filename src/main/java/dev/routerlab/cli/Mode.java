package dev.routerlab.cli;

/** IOS CLI modes: each has its prompt suffix and the grammar's entry rule for its lines. */
public enum Mode {
    USER_EXEC(">", "user_exec_line"),
    PRIV_EXEC("#", "exec_line"),
    CONFIG("(config)#", "config_line"),
    CONFIG_IF("(config-if)#", "if_line"),
    CONFIG_ISAKMP("(config-isakmp)#", "isakmp_line"),
    CRYPTO_TRANS("(cfg-crypto-trans)#", "transform_line"),
    IPSEC_PROFILE("(ipsec-profile)#", "ipsec_profile_line"),
    CRYPTO_MAP("(config-crypto-map)#", "crypto_map_line"),
    CONFIG_ROUTER("(config-router)#", "router_line"),
    CONFIG_LINE("(config-line)#", "line_line"),
    EXT_NACL("(config-ext-nacl)#", "ext_nacl_line"),
    STD_NACL("(config-std-nacl)#", "std_nacl_line"),
    CONFIG_KEYRING("(config-keyring)#", "keyring_line"),
    CONFIG_ISAKMP_PROFILE("(conf-isa-prof)#", "isakmp_profile_line"),
    CONFIG_KEYCHAIN("(config-keychain)#", "keychain_line"),
    CONFIG_KEYCHAIN_KEY("(config-keychain-key)#", "keychain_key_line"),
    /** `vrf definition NAME` or `ip vrf NAME`, and the VRF's address family. */
    CONFIG_VRF("(config-vrf)#", "vrf_line"),
    VRF_AF("(config-vrf-af)#", "vrf_af_line", CONFIG_VRF),
    /** EIGRP named mode: `router eigrp NAME`, its address family, and the address family's sub-modes. */
    ROUTER_NAMED("(config-router)#", "router_named_line"),
    ROUTER_AF("(config-router-af)#", "router_af_line", ROUTER_NAMED),
    ROUTER_AF_INTERFACE("(config-router-af-interface)#", "router_af_if_line", ROUTER_AF),
    ROUTER_AF_TOPOLOGY("(config-router-af-topology)#", "router_af_topology_line", ROUTER_AF),
    /** Classic EIGRP's `address-family ipv4 vrf NAME` under `router eigrp N`. */
    ROUTER_CLASSIC_AF("(config-router-af)#", "router_eigrp_af_line", CONFIG_ROUTER),
    CONFIG_IKEV2_PROPOSAL("(config-ikev2-proposal)#", "ikev2_proposal_line"),
    CONFIG_IKEV2_POLICY("(config-ikev2-policy)#", "ikev2_policy_line"),
    CONFIG_IKEV2_KEYRING("(config-ikev2-keyring)#", "ikev2_keyring_line"),
    CONFIG_IKEV2_KEYRING_PEER("(config-ikev2-keyring-peer)#", "ikev2_peer_line", CONFIG_IKEV2_KEYRING),
    CONFIG_IKEV2_PROFILE("(config-ikev2-profile)#", "ikev2_profile_line"),
    /** `crypto pki trustpoint NAME`, `crypto pki certificate chain NAME`, `crypto pki certificate map NAME SEQ`. */
    CONFIG_CA_TRUSTPOINT("(ca-trustpoint)#", "trustpoint_line"),
    CONFIG_CERT_CHAIN("(config-cert-chain)#", "cert_chain_line"),
    CONFIG_CERT_MAP("(ca-certificate-map)#", "cert_map_line"),
    /** `crypto pki server NAME`: the IOS certificate server. */
    CONFIG_CS_SERVER("(cs-server)#", "cs_server_line");

    private final String promptSuffix;
    private final String entryRule;
    private final Mode parent;

    Mode(String promptSuffix, String entryRule) {
        this(promptSuffix, entryRule, null);
    }

    Mode(String promptSuffix, String entryRule, Mode parent) {
        this.promptSuffix = promptSuffix;
        this.entryRule = entryRule;
        this.parent = parent;
    }

    /** The mode `exit` returns to and a line that fails here is tried in first (null: global configuration). */
    public Mode parent() { return parent; }

    public String promptSuffix() { return promptSuffix; }

    public String entryRule() { return entryRule; }

    public boolean isExec() { return this == USER_EXEC || this == PRIV_EXEC; }

    public boolean isConfigSubMode() { return !isExec() && this != CONFIG; }

    public String prompt(String hostname) { return hostname + promptSuffix; }
}
