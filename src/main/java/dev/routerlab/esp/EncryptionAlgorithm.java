package dev.routerlab.esp;

/**
 * ESP encryption transforms as IOS names them.
 *
 * <p>IKEv1 transform IDs are the "IPSEC ESP Transform Identifiers" of RFC 2407 §4.4.4 and the
 * IANA registry (ESP_DES 2, ESP_3DES 3, ESP_NULL 11, ESP_AES 12 per RFC 3602, ESP_AES-GCM-16 20
 * per RFC 4106 §8.1). The key-length attribute (RFC 2407 §4.5, class 6) is sent for AES only.
 */
public enum EncryptionAlgorithm {
    /** DES-CBC, RFC 2405. */
    DES("esp-des", 0, "DES/CBC/NoPadding", "DES", 8, 0, 8, 8, 0, 2, 0),
    /** 3DES-EDE-CBC, RFC 2451. */
    TRIPLE_DES("esp-3des", 0, "DESede/CBC/NoPadding", "DESede", 24, 0, 8, 8, 0, 3, 0),
    /** AES-CBC, RFC 3602. */
    AES_128("esp-aes", 128, "AES/CBC/NoPadding", "AES", 16, 0, 16, 16, 0, 12, 128),
    AES_192("esp-aes", 192, "AES/CBC/NoPadding", "AES", 24, 0, 16, 16, 0, 12, 192),
    AES_256("esp-aes", 256, "AES/CBC/NoPadding", "AES", 32, 0, 16, 16, 0, 12, 256),
    /** AES-GCM with a 16-octet ICV, RFC 4106: 8-octet explicit IV, 4-octet salt from KEYMAT. */
    GCM_128("esp-gcm", 128, "AES/GCM/NoPadding", "AES", 16, 4, 4, 8, 16, 20, 128),
    GCM_256("esp-gcm", 256, "AES/GCM/NoPadding", "AES", 32, 4, 4, 8, 16, 20, 256),
    /** NULL encryption, RFC 2410: integrity only. */
    NULL("esp-null", 0, null, null, 0, 0, 4, 0, 0, 11, 0);

    private final String iosName;
    private final int iosKeyBits;
    private final String jceTransformation;
    private final String jceKeyAlgorithm;
    private final int keyLength;
    private final int saltLength;
    private final int alignment;
    private final int ivLength;
    private final int icvLength;
    private final int ikeTransformId;
    private final int keyLengthAttribute;

    EncryptionAlgorithm(String iosName, int iosKeyBits, String jceTransformation,
            String jceKeyAlgorithm, int keyLength, int saltLength, int alignment, int ivLength,
            int icvLength, int ikeTransformId, int keyLengthAttribute) {
        this.iosName = iosName;
        this.iosKeyBits = iosKeyBits;
        this.jceTransformation = jceTransformation;
        this.jceKeyAlgorithm = jceKeyAlgorithm;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.alignment = alignment;
        this.ivLength = ivLength;
        this.icvLength = icvLength;
        this.ikeTransformId = ikeTransformId;
        this.keyLengthAttribute = keyLengthAttribute;
    }

    /** The IOS keyword: {@code esp-aes}, {@code esp-gcm}, ... */
    public String iosName() { return iosName; }

    /** The key size word IOS writes after the keyword ({@code esp-aes 256}), 0 if none. */
    public int iosKeyBits() { return iosKeyBits; }

    /** Configuration words, e.g. {@code esp-aes 256}; the default 128 bits are left out, as IOS does. */
    public String configWords() {
        return iosKeyBits == 0 || iosKeyBits == 128 ? iosName : iosName + " " + iosKeyBits;
    }

    String jceTransformation() { return jceTransformation; }

    String jceKeyAlgorithm() { return jceKeyAlgorithm; }

    /** Cipher key length in octets (without the salt). */
    public int keyLength() { return keyLength; }

    /** Salt length in octets taken from KEYMAT after the key (RFC 4106 §8.1), 0 if none. */
    public int saltLength() { return saltLength; }

    /** Octets of KEYMAT this algorithm consumes: key then salt. */
    public int keymatLength() { return keyLength + saltLength; }

    /** Cipher block size used for padding (RFC 4303 §2.4); at least 4. */
    public int alignment() { return alignment; }

    /** Octets of IV carried in each packet. */
    public int ivLength() { return ivLength; }

    /** Octets of ICV produced by a combined-mode (AEAD) algorithm, else 0. */
    public int icvLength() { return icvLength; }

    /** True for combined-mode algorithms (no separate integrity transform). */
    public boolean isAead() { return icvLength > 0; }

    /** IKEv1 ESP transform ID (RFC 2407 §4.4.4, IANA). */
    public int ikeTransformId() { return ikeTransformId; }

    /** Value of the IKEv1 Key Length attribute in bits, or 0 when it is not sent. */
    public int keyLengthAttribute() { return keyLengthAttribute; }
}
