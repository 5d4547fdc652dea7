package dev.routerlab.esp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The cryptographic core of one SA direction: seals a framed buffer in place and opens a
 * received packet, in place. One JCE Cipher and Mac per SA, or for AES-GCM one libcrypto context
 * ({@link GcmEngine}), created once; only {@code init} runs per packet (JCE's AES-GCM allocates
 * its per-nonce state there). Not thread-safe: one thread at a time, as the SA.
 */
abstract class EspCrypto {
    /** ESP header: SPI and sequence number (RFC 4303 §2). */
    static final int HEADER = 8;

    /** Builds the engine for {@code t} from this direction's KEYMAT (key, salt, integrity key). */
    static EspCrypto create(Transform t, byte[] keymat, RandomGenerator ivRandom)
            throws GeneralSecurityException {
        GcmEngine gcm = GcmEngine.preferred();
        try {
            return create(t, keymat, ivRandom, gcm);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (gcm == GcmEngine.JCE || !t.encryption().isAead()) throw e;
            return create(t, keymat, ivRandom, GcmEngine.JCE);  // libcrypto refused this SA
        }
    }

    /** The same with the AES-GCM engine given (tests and benchmarks compare them). */
    static EspCrypto create(Transform t, byte[] keymat, RandomGenerator ivRandom, GcmEngine gcm)
            throws GeneralSecurityException {
        if (keymat.length < t.keymatLength()) {
            throw new IllegalArgumentException("KEYMAT too short for " + t + ": " + keymat.length
                    + " < " + t.keymatLength());
        }
        EncryptionAlgorithm e = t.encryption();
        byte[] key = Arrays.copyOfRange(keymat, 0, e.keyLength());
        byte[] salt = Arrays.copyOfRange(keymat, e.keyLength(), e.keymatLength());
        byte[] authKey = Arrays.copyOfRange(keymat, e.keymatLength(), t.keymatLength());
        try {
            return e.isAead() ? gcm.create(key, salt) : new CbcCrypto(t, key, authKey, ivRandom);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
            Arrays.fill(authKey, (byte) 0);
        }
    }

    /** The library doing the work, for tests and benchmarks: {@code JCE} or {@code OpenSSL ...}. */
    String engine() {
        return "JCE";
    }

    abstract int ivLength();

    abstract int icvLength();

    /** Padding alignment of the plaintext (block size, at least 4). */
    abstract int alignment();

    /**
     * {@code buf[espOff, ...)} holds the ESP header, room for the IV, the padded plaintext
     * ({@code ptLen} octets, after the IV) and room for the ICV. Writes the IV, encrypts in
     * place, appends the ICV. {@code fixedIv} (tests only) overrides the IV source.
     */
    abstract void seal(byte[] buf, int espOff, int ptLen, long seq, byte[] fixedIv)
            throws GeneralSecurityException;

    /**
     * Verifies {@code in[off, off+len)} (a whole ESP packet whose length the caller has checked)
     * and decrypts its padded plaintext to {@code out[outOff, ...)}, which may be the
     * ciphertext's own place in {@code in} (in place). Returns false when the ICV does not match.
     */
    abstract boolean open(byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException;

    /** Constant-time comparison of two ranges. */
    static boolean equalsConstantTime(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
