package dev.routerlab.esp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for ESP (RFC 4106): nonce = 4-octet salt | 8-octet explicit IV, AAD = SPI | sequence
 * number (§5, 32-bit sequence numbers), 16-octet ICV. The explicit IV is the sequence number
 * (§3.1 allows a counter), which never repeats within an SA. JCE's {@code Cipher}: the last choice
 * of {@link GcmEngine}; {@code init} per packet allocates about 1.1 KB.
 */
final class GcmCrypto extends Rfc4106Gcm {
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[12];   // salt | explicit IV

    GcmCrypto(byte[] key, byte[] salt) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.key = new SecretKeySpec(key, "AES");
        System.arraycopy(salt, 0, nonce, 0, 4);
    }

    @Override
    void seal(byte[] buf, int espOff, int ptLen, long seq, byte[] fixedIv)
            throws GeneralSecurityException {
        int ivOff = writeIv(buf, espOff, seq, fixedIv);
        int ptOff = ivOff + IV;
        cipher.init(Cipher.ENCRYPT_MODE, key, spec(buf, ivOff));
        cipher.updateAAD(buf, espOff, HEADER);
        cipher.doFinal(buf, ptOff, ptLen, buf, ptOff); // ciphertext then tag, in place
    }

    @Override
    boolean open(byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int ctOff = off + HEADER + IV;
        cipher.init(Cipher.DECRYPT_MODE, key, spec(in, off + HEADER));
        cipher.updateAAD(in, off, HEADER);
        try {
            cipher.doFinal(in, ctOff, len - HEADER - IV, out, outOff);
        } catch (AEADBadTagException e) {
            return false;
        }
        return true;
    }

    private GCMParameterSpec spec(byte[] b, int ivOff) {
        System.arraycopy(b, ivOff, nonce, 4, IV);
        return new GCMParameterSpec(TAG * 8, nonce);
    }
}
