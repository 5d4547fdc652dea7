package dev.routerlab.esp;

import java.util.Locale;
import java.util.Optional;

/**
 * An ESP transform set: one encryption and one integrity algorithm, as in
 * {@code crypto ipsec transform-set T esp-aes 256 esp-sha-hmac}.
 *
 * <p>KEYMAT (RFC 2409 §5.5) is split encryption key first, then salt (RFC 4106 §8.1), then the
 * integrity key.
 */
public record Transform(EncryptionAlgorithm encryption, IntegrityAlgorithm integrity) {

    public Transform {
        if (encryption == null || integrity == null) {
            throw new IllegalArgumentException("encryption and integrity are required (use NONE)");
        }
        if (encryption.isAead() && integrity != IntegrityAlgorithm.NONE) {
            throw new IllegalArgumentException(encryption.iosName() + " has its own integrity");
        }
        if (encryption == EncryptionAlgorithm.NULL && integrity == IntegrityAlgorithm.NONE) {
            // RFC 4303 §3.2: NULL encryption and no integrity MUST NOT both be selected.
            throw new IllegalArgumentException("esp-null needs an integrity transform");
        }
    }

    /**
     * Parses IOS transform words, e.g. {@code "esp-aes 256 esp-sha-hmac"}, {@code "esp-gcm"},
     * {@code "esp-null esp-md5-hmac"}. Without a size, esp-aes and esp-gcm mean 128 bits.
     *
     * @throws IllegalArgumentException on an unknown word or an invalid combination
     */
    public static Transform parse(String words) {
        String[] w = words.trim().toLowerCase(Locale.ROOT).split("\\s+");
        EncryptionAlgorithm enc = null;
        IntegrityAlgorithm integ = IntegrityAlgorithm.NONE;
        for (int i = 0; i < w.length; i++) {
            String word = w[i];
            IntegrityAlgorithm ia = integrityByName(word);
            if (ia != null) {
                if (integ != IntegrityAlgorithm.NONE) {
                    throw new IllegalArgumentException("two integrity transforms: " + words);
                }
                integ = ia;
                continue;
            }
            if (enc != null) {
                throw new IllegalArgumentException("unexpected '" + word + "' in: " + words);
            }
            int bits = 0;
            if (i + 1 < w.length && w[i + 1].matches("\\d+")) {
                bits = Integer.parseInt(w[++i]);
            }
            enc = encryptionByName(word, bits);
        }
        if (enc == null) {
            enc = EncryptionAlgorithm.NULL;
            if (integ == IntegrityAlgorithm.NONE) {
                throw new IllegalArgumentException("empty transform: " + words);
            }
        }
        return new Transform(enc, integ);
    }

    private static IntegrityAlgorithm integrityByName(String word) {
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            if (word.equals(a.iosName())) {
                return a;
            }
        }
        return null;
    }

    private static EncryptionAlgorithm encryptionByName(String word, int bits) {
        for (EncryptionAlgorithm a : EncryptionAlgorithm.values()) {
            if (!a.iosName().equals(word)) {
                continue;
            }
            boolean sized = a.iosKeyBits() != 0;
            if (!sized && bits == 0) {
                return a;
            }
            if (sized && (bits == a.iosKeyBits() || (bits == 0 && a.iosKeyBits() == 128))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown transform: " + word + (bits > 0 ? " " + bits : ""));
    }

    /**
     * The transform an IKEv1 proposal names: ESP transform ID, Key Length attribute (0 when
     * absent; AES then means 128 bits, RFC 3602 §5.1) and Authentication Algorithm attribute
     * (0 when absent). Empty for anything this implementation does not offer.
     */
    public static Optional<Transform> fromIke(int transformId, int keyLengthBits, int authAlgorithm) {
        EncryptionAlgorithm enc = null;
        for (EncryptionAlgorithm e : EncryptionAlgorithm.values()) {
            int want = e.keyLengthAttribute();
            if (e.ikeTransformId() == transformId
                    && (keyLengthBits == want || (keyLengthBits == 0 && (want == 0 || want == 128)))) {
                enc = e;
                break;
            }
        }
        IntegrityAlgorithm integ = null;
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            if (i.authAlgorithmAttribute() == authAlgorithm) {
                integ = i;
            }
        }
        if (enc == null || integ == null || (enc.isAead() && integ != IntegrityAlgorithm.NONE)
                || (enc == EncryptionAlgorithm.NULL && integ == IntegrityAlgorithm.NONE)) {
            return Optional.empty();
        }
        return Optional.of(new Transform(enc, integ));
    }

    /** Octets of KEYMAT needed for one direction of this transform. */
    public int keymatLength() {
        return encryption.keymatLength() + integrity.keyLength();
    }

    /** ICV octets appended to each packet. */
    public int icvLength() {
        return encryption.isAead() ? encryption.icvLength() : integrity.icvLength();
    }

    /** True when packets carry an ICV (combined mode or a separate integrity transform). */
    public boolean hasIntegrity() {
        return encryption.isAead() || integrity != IntegrityAlgorithm.NONE;
    }

    /** IOS configuration words, e.g. {@code esp-aes 256 esp-sha-hmac}. */
    @Override
    public String toString() {
        return integrity == IntegrityAlgorithm.NONE
                ? encryption.configWords()
                : encryption.configWords() + " " + integrity.iosName();
    }
}
