package dev.routerlab.packet.isakmp;

/**
 * Phase-1 (Oakley) SA attribute classes and values (RFC 2409 Appendix A; Key Length class 14;
 * SHA-2 hashes from the IANA "IPSEC Hash Algorithms" registry) and the IKE transform ID
 * (RFC 2407 §4.4.2).
 */
public final class Oakley {
    private Oakley() {}

    /** Phase-1 proposal protocol (RFC 2407 §4.4.1) and its only transform ID (§4.4.2). */
    public static final int PROTO_ISAKMP = 1;
    public static final int KEY_IKE = 1;

    public static final int ENCRYPTION_ALGORITHM = 1;
    public static final int HASH_ALGORITHM = 2;
    public static final int AUTHENTICATION_METHOD = 3;
    public static final int GROUP_DESCRIPTION = 4;
    public static final int GROUP_TYPE = 5;
    public static final int LIFE_TYPE = 11;
    public static final int LIFE_DURATION = 12;
    public static final int PRF = 13;
    public static final int KEY_LENGTH = 14;

    /** Authentication methods (Appendix A). */
    public static final int AUTH_PRE_SHARED_KEY = 1;
    public static final int AUTH_DSS = 2;
    public static final int AUTH_RSA_SIG = 3;
    /** XAUTH variants (draft-ietf-ipsec-isakmp-xauth), as strongSwan may send: never chosen here. */
    public static final int AUTH_XAUTH_INIT_PSK = 65001;

    public static final int LIFE_SECONDS = 1;
    public static final int LIFE_KILOBYTES = 2;
}
