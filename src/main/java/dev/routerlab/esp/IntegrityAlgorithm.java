package dev.routerlab.esp;

/**
 * ESP integrity transforms as IOS names them: HMAC truncated to the ICV length.
 *
 * <p>HMAC-MD5-96 (RFC 2403), HMAC-SHA1-96 (RFC 2404), HMAC-SHA-256-128, -384-192 and -512-256
 * (RFC 4868 §2). The key is as long as the hash output (RFC 4868 §2.1.1). The IKEv1 value is the
 * Authentication Algorithm attribute (RFC 2407 §4.5, class 5; IANA): 1, 2, 5, 6, 7.
 */
public enum IntegrityAlgorithm {
    NONE(null, null, 0, 0, 0),
    MD5_HMAC("esp-md5-hmac", "HmacMD5", 16, 12, 1),
    SHA_HMAC("esp-sha-hmac", "HmacSHA1", 20, 12, 2),
    SHA256_HMAC("esp-sha256-hmac", "HmacSHA256", 32, 16, 5),
    SHA384_HMAC("esp-sha384-hmac", "HmacSHA384", 48, 24, 6),
    SHA512_HMAC("esp-sha512-hmac", "HmacSHA512", 64, 32, 7);

    private final String iosName;
    private final String jceName;
    private final int keyLength;
    private final int icvLength;
    private final int authAlgorithmAttribute;

    IntegrityAlgorithm(String iosName, String jceName, int keyLength, int icvLength,
            int authAlgorithmAttribute) {
        this.iosName = iosName;
        this.jceName = jceName;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
        this.authAlgorithmAttribute = authAlgorithmAttribute;
    }

    /** The IOS keyword, or null for {@link #NONE}. */
    public String iosName() { return iosName; }

    String jceName() { return jceName; }

    /** Authentication key length in octets. */
    public int keyLength() { return keyLength; }

    /** Truncated ICV length in octets. */
    public int icvLength() { return icvLength; }

    /** IKEv1 Authentication Algorithm attribute value, 0 for {@link #NONE}. */
    public int authAlgorithmAttribute() { return authAlgorithmAttribute; }
}
