package dev.routerlab.esp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC (RFC 2104 §2: H(K ^ opad | H(K ^ ipad | text))) over a JCE {@code MessageDigest}, digesting
 * into arrays of its own. It computes what JCE's {@code Mac} does, block for block, but
 * {@code Mac.doFinal(byte[], int)} allocates its result on every call (40 octets for SHA-1, per
 * packet); this allocates nothing per packet. Not thread-safe: one per SA direction.
 */
final class Hmac {
    private final MessageDigest md;
    private final byte[] ipad;
    private final byte[] opad;
    private final byte[] inner;

    Hmac(IntegrityAlgorithm a, byte[] key) throws GeneralSecurityException {
        if (a == IntegrityAlgorithm.NONE) throw new IllegalArgumentException(a.name());
        int block = a.blockLength();
        this.md = MessageDigest.getInstance(a.digest());
        byte[] k = key.length > block ? md.digest(key) : key;   // §2: longer keys are hashed first
        this.ipad = new byte[block];
        this.opad = new byte[block];
        for (int i = 0; i < block; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        this.inner = new byte[md.getDigestLength()];
    }

    /** Octets of the full (untruncated) HMAC. */
    int length() {
        return inner.length;
    }

    /** The HMAC of {@code in[off, off+len)} into {@code out[0, length())}. */
    void mac(byte[] in, int off, int len, byte[] out) throws DigestException {
        md.update(ipad);
        md.update(in, off, len);
        md.digest(inner, 0, inner.length);
        md.update(opad);
        md.update(inner);
        md.digest(out, 0, inner.length);
    }
}
