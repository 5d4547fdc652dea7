package dev.routerlab.packet.isakmp;

/**
 * The Internet IP Security DOI (RFC 2407): DOI and situation (§4.2, §4.6.1), protocol IDs
 * (§4.4.1), IPsec SA attribute classes (§4.5) and their values, with the UDP-encapsulated
 * encapsulation modes of RFC 3947 §5.2.
 */
public final class IpsecDoi {
    private IpsecDoi() {}

    public static final int DOI_IPSEC = 1;
    public static final int SIT_IDENTITY_ONLY = 1;
    public static final int SIT_SECRECY = 2;
    public static final int SIT_INTEGRITY = 4;

    /** Protocol IDs (§4.4.1). */
    public static final int PROTO_ISAKMP = 1;
    public static final int PROTO_IPSEC_AH = 2;
    public static final int PROTO_IPSEC_ESP = 3;
    public static final int PROTO_IPCOMP = 4;

    /** IPsec SA attribute classes (§4.5). */
    public static final int SA_LIFE_TYPE = 1;
    public static final int SA_LIFE_DURATION = 2;
    public static final int GROUP_DESCRIPTION = 3;
    public static final int ENCAPSULATION_MODE = 4;
    public static final int AUTHENTICATION_ALGORITHM = 5;
    public static final int KEY_LENGTH = 6;
    public static final int KEY_ROUNDS = 7;

    public static final int LIFE_SECONDS = 1;
    public static final int LIFE_KILOBYTES = 2;

    /** Encapsulation modes: RFC 2407 §4.5 (1, 2) and RFC 3947 §5.2 (3, 4). */
    public static final int ENCAP_TUNNEL = 1;
    public static final int ENCAP_TRANSPORT = 2;
    public static final int ENCAP_UDP_TUNNEL = 3;
    public static final int ENCAP_UDP_TRANSPORT = 4;
    /** The values of draft-ietf-ipsec-nat-t-ike-00..03, still sent by old peers. */
    public static final int ENCAP_UDP_TUNNEL_DRAFT = 61443;
    public static final int ENCAP_UDP_TRANSPORT_DRAFT = 61444;
}
