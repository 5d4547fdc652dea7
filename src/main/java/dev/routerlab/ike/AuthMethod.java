package dev.routerlab.ike;

/** Phase-1 authentication methods IOS names (RFC 2409 Appendix A values). */
public enum AuthMethod {
    PRE_SHARE(1, "psk", "Pre-Shared Key"),
    RSA_SIG(3, "rsig", "Rivest-Shamir-Adleman Signature");

    private final int oakleyId;
    private final String shortName;
    private final String longName;

    AuthMethod(int oakleyId, String shortName, String longName) {
        this.oakleyId = oakleyId;
        this.shortName = shortName;
        this.longName = longName;
    }

    public int oakleyId() { return oakleyId; }

    /** As `show crypto isakmp sa detail` prints it. */
    public String shortName() { return shortName; }

    /** As `show crypto isakmp policy` prints it. */
    public String longName() { return longName; }

    public static AuthMethod byOakleyId(int id) {
        for (AuthMethod m : values()) if (m.oakleyId == id) return m;
        return null;
    }
}
