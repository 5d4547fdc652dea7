package dev.routerlab.esp;

/**
 * ESP integrity transforms as IOS names them: HMAC truncated to the ICV length.
 *
 * <p>HMAC-MD5-96 (RFC 2403), HMAC-SHA1-96 (RFC 2404), HMAC-SHA-256-128, -384-192 and -512-256
 * (RFC 4868 §2). The key is as long as the hash output (RFC 4868 §2.1.1). The IKEv1 value is the
 * Authentication Algorithm attribute (RFC 2407 §4.5, class 5; IANA): 1, 2, 5, 6, 7.
 */
public enum IntegrityAlgorithm {
    NONE(null, null, 0, 0, 0, 0),
    MD5_HMAC("esp-md5-hmac", "MD5", 64, 16, 12, 1),
    SHA_HMAC("esp-sha-hmac", "SHA-1", 64, 20, 12, 2),
    SHA256_HMAC("esp-sha256-hmac", "SHA-256", 64, 32, 16, 5),
    SHA384_HMAC("esp-sha384-hmac", "SHA-384", 128, 48, 24, 6),
    SHA512_HMAC("esp-sha512-hmac", "SHA-512", 128, 64, 32, 7);

    private final String iosName;
    private final String digest;
    private final int blockLength;
    private final int keyLength;
    private final int icvLength;
    private final int authAlgorithmAttribute;

    IntegrityAlgorithm(String iosName, String digest, int blockLength, int keyLength, int icvLength,
            int authAlgorithmAttribute) {
        this.iosName = iosName;
        this.digest = digest;
        this.blockLength = blockLength;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
        this.authAlgorithmAttribute = authAlgorithmAttribute;
    }

    /** The IOS keyword, or null for {@link #NONE}. */
    public String iosName() { return iosName; }

    /** The hash's JCE {@code MessageDigest} name. */
    String digest() { return digest; }

    /** The hash's block length B in octets (RFC 2104 §2). */
    int blockLength() { return blockLength; }

    /** Authentication key length in octets. */
    public int keyLength() { return keyLength; }

    /** Truncated ICV length in octets. */
    public int icvLength() { return icvLength; }

    /** IKEv1 Authentication Algorithm attribute value, 0 for {@link #NONE}. */
    public int authAlgorithmAttribute() { return authAlgorithmAttribute; }
}
