package dev.routerlab.esp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for ESP (RFC 4106): nonce = 4-octet salt | 8-octet explicit IV, AAD = SPI | sequence
 * number (§5, 32-bit sequence numbers), 16-octet ICV. The explicit IV is the sequence number
 * (§3.1 allows a counter), which never repeats within an SA.
 */
final class GcmCrypto extends EspCrypto {
    private static final int IV = 8;
    private static final int TAG = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] salt;

    GcmCrypto(byte[] key, byte[] salt) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.key = new SecretKeySpec(key, "AES");
        this.salt = salt.clone();
    }

    @Override
    int ivLength() { return IV; }

    @Override
    int icvLength() { return TAG; }

    @Override
    int alignment() { return 4; }

    @Override
    void seal(byte[] buf, int ptOff, int ptLen, long seq, byte[] fixedIv)
            throws GeneralSecurityException {
        if (fixedIv != null) {
            System.arraycopy(fixedIv, 0, buf, HEADER, IV);
        } else {
            for (int i = 0; i < IV; i++) {
                buf[HEADER + i] = (byte) (seq >>> (56 - 8 * i));
            }
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(buf, HEADER)));
        cipher.updateAAD(buf, 0, HEADER);
        cipher.doFinal(buf, ptOff, ptLen, buf, ptOff); // ciphertext then tag, in place
    }

    @Override
    byte[] open(byte[] in, int off, int len) throws GeneralSecurityException {
        int ctOff = off + HEADER + IV;
        int ctAndTag = len - HEADER - IV;
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(in, off + HEADER)));
        cipher.updateAAD(in, off, HEADER);
        byte[] out = new byte[ctAndTag - TAG];
        try {
            cipher.doFinal(in, ctOff, ctAndTag, out, 0);
        } catch (AEADBadTagException e) {
            return null;
        }
        return out;
    }

    private byte[] nonce(byte[] b, int ivOff) {
        byte[] n = new byte[12];
        System.arraycopy(salt, 0, n, 0, 4);
        System.arraycopy(b, ivOff, n, 4, IV);
        return n;
    }
}
