package dev.routerlab.ike.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The IKEv1 pseudo-random function: HMAC of the negotiated hash (RFC 2409 §4), keyed once.
 * {@code prf(key, a | b | c)} is {@code Prf.of(hash, key).apply(a, b, c)}. Not thread-safe.
 */
public final class Prf {
    private final HashAlgorithm hash;
    private final Mac mac;

    private Prf(HashAlgorithm hash, byte[] key) {
        this.hash = hash;
        try {
            this.mac = Mac.getInstance(hash.jceHmac());
            // HMAC zero-pads a short key to the block size, so an empty key equals one zero octet;
            // SecretKeySpec refuses empty keys.
            byte[] k = key.length == 0 ? new byte[1] : key;
            mac.init(new SecretKeySpec(k, hash.jceHmac()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + hash.jceHmac(), e);
        }
    }

    /** A PRF keyed with {@code key}. */
    public static Prf of(HashAlgorithm hash, byte[] key) {
        return new Prf(hash, key);
    }

    public HashAlgorithm hash() { return hash; }

    /** {@code prf(key, parts[0] | parts[1] | ...)}; null parts are skipped (optional payloads). */
    public byte[] apply(byte[]... parts) {
        for (byte[] p : parts) {
            if (p != null) {
                mac.update(p);
            }
        }
        return mac.doFinal();
    }

    /** The plain hash (not the PRF) of the concatenation, as the IV derivations use (Appendix B). */
    public static byte[] digest(HashAlgorithm hash, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(hash.jceDigest());
            for (byte[] p : parts) {
                if (p != null) {
                    md.update(p);
                }
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + hash.jceDigest(), e);
        }
    }

    @Override
    public String toString() {
        return "Prf[hmac-" + hash.iosName() + "]";
    }
}
