package dev.routerlab.ike.crypto;

import java.util.Optional;

/**
 * IKEv1 hash algorithms (Oakley attribute class 2, RFC 2409 Appendix A; SHA-2 values 4-6 from
 * the IANA registry, RFC 4868). In IKEv1 the PRF is the HMAC of the negotiated hash (§4).
 */
public enum HashAlgorithm {
    MD5(1, "md5", "MD5", "HmacMD5", 16),
    SHA1(2, "sha", "SHA-1", "HmacSHA1", 20),
    SHA256(4, "sha256", "SHA-256", "HmacSHA256", 32),
    SHA384(5, "sha384", "SHA-384", "HmacSHA384", 48),
    SHA512(6, "sha512", "SHA-512", "HmacSHA512", 64);

    private final int oakleyId;
    private final String iosName;
    private final String jceDigest;
    private final String jceHmac;
    private final int length;

    HashAlgorithm(int oakleyId, String iosName, String jceDigest, String jceHmac, int length) {
        this.oakleyId = oakleyId;
        this.iosName = iosName;
        this.jceDigest = jceDigest;
        this.jceHmac = jceHmac;
        this.length = length;
    }

    /** Oakley Hash Algorithm attribute value. */
    public int oakleyId() { return oakleyId; }

    /** IOS {@code hash} keyword in an ISAKMP policy. */
    public String iosName() { return iosName; }

    String jceDigest() { return jceDigest; }

    String jceHmac() { return jceHmac; }

    /** Output length in octets (of both hash and PRF). */
    public int length() { return length; }

    public static Optional<HashAlgorithm> byOakleyId(int id) {
        for (HashAlgorithm h : values()) {
            if (h.oakleyId == id) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
