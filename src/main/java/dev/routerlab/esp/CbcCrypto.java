package dev.routerlab.esp;

import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CBC encryption (DES, 3DES, AES; RFC 2405/2451/3602) or NULL (RFC 2410), with an optional
 * truncated HMAC over header, IV and ciphertext (RFC 4303 §3.3.4, encrypt-then-MAC).
 */
final class CbcCrypto extends EspCrypto {
    private final Cipher cipher; // null for esp-null
    private final SecretKeySpec key;
    private final Hmac mac; // null without integrity
    private final byte[] macOut;
    private final int ivLength;
    private final int icvLength;
    private final int alignment;
    private final IvSource ivSource;

    CbcCrypto(Transform t, byte[] key, byte[] authKey, RandomGenerator ivRandom)
            throws GeneralSecurityException {
        EncryptionAlgorithm e = t.encryption();
        this.ivLength = e.ivLength();
        this.alignment = e.alignment();
        if (e.jceTransformation() != null) {
            this.cipher = Cipher.getInstance(e.jceTransformation());
            this.key = new SecretKeySpec(key, e.jceKeyAlgorithm());
            this.ivSource = new IvSource(ivRandom);
        } else {
            this.cipher = null;
            this.key = null;
            this.ivSource = null;
        }
        IntegrityAlgorithm i = t.integrity();
        if (i != IntegrityAlgorithm.NONE) {
            this.mac = new Hmac(i, authKey);
            this.macOut = new byte[mac.length()];
            this.icvLength = i.icvLength();
        } else {
            this.mac = null;
            this.macOut = null;
            this.icvLength = 0;
        }
    }

    @Override
    int ivLength() { return ivLength; }

    @Override
    int icvLength() { return icvLength; }

    @Override
    int alignment() { return alignment; }

    @Override
    void seal(byte[] buf, int espOff, int ptLen, long seq, byte[] fixedIv)
            throws GeneralSecurityException {
        int ivOff = espOff + HEADER;
        int ptOff = ivOff + ivLength;
        if (cipher != null) {
            if (fixedIv != null) {
                System.arraycopy(fixedIv, 0, buf, ivOff, ivLength);
            } else {
                ivSource.next(buf, ivOff, ivLength);
            }
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(buf, ivOff, ivLength));
            cipher.doFinal(buf, ptOff, ptLen, buf, ptOff);
        }
        if (mac != null) {
            int end = ptOff + ptLen;
            mac.mac(buf, espOff, end - espOff, macOut);
            System.arraycopy(macOut, 0, buf, end, icvLength);
        }
    }

    @Override
    boolean open(byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int ctOff = off + HEADER + ivLength;
        int ctLen = len - HEADER - ivLength - icvLength;
        if (mac != null) {
            mac.mac(in, off, len - icvLength, macOut);
            if (!equalsConstantTime(macOut, 0, in, off + len - icvLength, icvLength)) {
                return false;
            }
        }
        if (cipher != null) {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(in, off + HEADER, ivLength));
            cipher.doFinal(in, ctOff, ctLen, out, outOff);
        } else {
            System.arraycopy(in, ctOff, out, outOff, ctLen);
        }
        return true;
    }
}
