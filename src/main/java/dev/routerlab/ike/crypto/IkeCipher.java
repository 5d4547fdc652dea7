package dev.routerlab.ike.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CBC encryption of ISAKMP message bodies with Ka (RFC 2409 §5.3 / Appendix B). The caller
 * supplies the IV from {@link IkeIv} and pads with {@link #pad}. One Cipher per instance;
 * not thread-safe. The key is never printed.
 */
public final class IkeCipher {
    private final IkeCipherAlgorithm algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;

    public IkeCipher(IkeCipherAlgorithm algorithm, byte[] ka) {
        if (ka.length != algorithm.keyLength()) {
            throw new IllegalArgumentException("Ka must be " + algorithm.keyLength() + " octets");
        }
        this.algorithm = algorithm;
        try {
            this.cipher = Cipher.getInstance(algorithm.jceName() + "/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + algorithm, e);
        }
        this.key = new SecretKeySpec(ka, algorithm.jceName());
    }

    public IkeCipherAlgorithm algorithm() { return algorithm; }

    /** Zero-pads a body to the block size; the receiver finds the end from the ISAKMP lengths. */
    public byte[] pad(byte[] body) {
        int bs = algorithm.blockSize();
        int len = (body.length + bs - 1) / bs * bs;
        return len == body.length ? body.clone() : Arrays.copyOf(body, len);
    }

    /** Encrypts a block-aligned body. */
    public byte[] encrypt(byte[] iv, byte[] plaintext) {
        if (plaintext.length % algorithm.blockSize() != 0) {
            throw new IllegalArgumentException("plaintext not block aligned; pad() it");
        }
        return run(Cipher.ENCRYPT_MODE, iv, plaintext).orElseThrow();
    }

    /** Decrypts a received body; empty when it is not a whole number of blocks (hostile input). */
    public Optional<byte[]> decrypt(byte[] iv, byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % algorithm.blockSize() != 0) {
            return Optional.empty();
        }
        return run(Cipher.DECRYPT_MODE, iv, ciphertext);
    }

    private Optional<byte[]> run(int mode, byte[] iv, byte[] in) {
        if (iv.length != algorithm.blockSize()) {
            throw new IllegalArgumentException("IV must be one block");
        }
        try {
            cipher.init(mode, key, new IvParameterSpec(iv));
            return Optional.of(cipher.doFinal(in));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "IkeCipher[" + algorithm.iosName() + ", key hidden]";
    }
}
