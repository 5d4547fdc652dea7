package dev.routerlab.ike.crypto;

import java.util.Optional;

/**
 * IKEv1 phase-1 encryption algorithms (Oakley attribute class 1, RFC 2409 Appendix A:
 * DES-CBC 1, 3DES-CBC 5; AES-CBC 7 from RFC 3602 §5 with the Key Length attribute).
 */
public enum IkeCipherAlgorithm {
    DES(1, "des", "DES", 8, 8, 0),
    TRIPLE_DES(5, "3des", "DESede", 24, 8, 0),
    AES_128(7, "aes", "AES", 16, 16, 128),
    AES_192(7, "aes 192", "AES", 24, 16, 192),
    AES_256(7, "aes 256", "AES", 32, 16, 256);

    private final int oakleyId;
    private final String iosName;
    private final String jceName;
    private final int keyLength;
    private final int blockSize;
    private final int keyLengthAttribute;

    IkeCipherAlgorithm(int oakleyId, String iosName, String jceName, int keyLength, int blockSize,
            int keyLengthAttribute) {
        this.oakleyId = oakleyId;
        this.iosName = iosName;
        this.jceName = jceName;
        this.keyLength = keyLength;
        this.blockSize = blockSize;
        this.keyLengthAttribute = keyLengthAttribute;
    }

    /** Oakley Encryption Algorithm attribute value. */
    public int oakleyId() { return oakleyId; }

    /** IOS {@code encryption} words in an ISAKMP policy. */
    public String iosName() { return iosName; }

    String jceName() { return jceName; }

    /** Cipher key length in octets (Ka). */
    public int keyLength() { return keyLength; }

    public int blockSize() { return blockSize; }

    /** Key Length attribute in bits, 0 when not sent. */
    public int keyLengthAttribute() { return keyLengthAttribute; }

    /** The algorithm an Oakley proposal names; Key Length 0 means absent (AES: 128). */
    public static Optional<IkeCipherAlgorithm> byOakley(int oakleyId, int keyLengthBits) {
        for (IkeCipherAlgorithm a : values()) {
            int want = a.keyLengthAttribute;
            if (a.oakleyId == oakleyId
                    && (keyLengthBits == want || (keyLengthBits == 0 && (want == 0 || want == 128)))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
