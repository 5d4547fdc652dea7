package dev.routerlab.ikev2;

import dev.routerlab.packet.ikev2.Ikev2Header;
import dev.routerlab.packet.ikev2.Ikev2Payloads;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of the Encrypted payload (RFC 7296 §3.14): AES-CBC with an HMAC integrity
 * checksum over the whole message, or AES-GCM (RFC 5282) with the IKE header and the SK
 * generic header as additional data. The Encrypted Fragment payload (SKF, RFC 7383 §2.5) is the
 * same with Fragment Number and Total Fragments after its generic header, covered by the
 * checksum or the additional data as the header is. Keys are never printed.
 */
final class SkCipher {
    private final Ikev2Algorithms.Encryption enc;
    private final Ikev2Algorithms.Integrity integ;
    private final byte[] encKey;
    private final byte[] salt;
    private final byte[] integKey;

    SkCipher(Ikev2Algorithms.Encryption enc, Ikev2Algorithms.Integrity integ, byte[] ske, byte[] ska) {
        this.enc = enc;
        this.integ = integ;
        this.encKey = Arrays.copyOf(ske, enc.keyBits / 8);
        this.salt = Arrays.copyOfRange(ske, enc.keyBits / 8, ske.length);
        this.integKey = ska.clone();
    }

    private int ivLength() { return enc.aead ? 8 : 16; }

    private int icvLength() { return enc.aead ? 16 : integ.icvLength; }

    private int block() { return enc.aead ? 4 : 16; }

    /** The whole message: header, then SK{inner chain starting with {@code first}}. */
    byte[] protect(long spiI, long spiR, int exchange, int flags, int messageId, int first, byte[] inner,
                   RandomGenerator random) {
        return seal(spiI, spiR, exchange, flags, messageId, first, 0, 0, inner, random);
    }

    /**
     * One fragment of a message (RFC 7383 §2.5): header, then SKF{part}; {@code first} is the type of
     * the first inner payload in fragment 1 and 0 in the others.
     */
    byte[] protectFragment(long spiI, long spiR, int exchange, int flags, int messageId, int first, int number, int total,
                           byte[] part, RandomGenerator random) {
        return seal(spiI, spiR, exchange, flags, messageId, number == 1 ? first : Ikev2Payloads.NONE, number, total, part, random);
    }

    /** The length of the whole message {@link #protect} makes of {@code innerLength} inner octets. */
    int sealedLength(int innerLength) {
        int plain = (innerLength + 1 + block() - 1) / block() * block();
        return Ikev2Header.LENGTH + Ikev2Payloads.GENERIC_HEADER + ivLength() + plain + icvLength();
    }

    /**
     * The most inner octets one SKF payload carries in a message of at most {@code messageBytes}
     * (RFC 7383 §2.5.1): what is left after the IKE and SKF headers, IV and ICV, in whole cipher
     * blocks less the Pad Length octet.
     */
    int fragmentCapacity(int messageBytes) {
        int avail = messageBytes - Ikev2Header.LENGTH - Ikev2Payloads.GENERIC_HEADER - 4 - ivLength() - icvLength();
        return avail / block() * block() - 1;
    }

    /** SK (number 0) or SKF (number >= 1, its two fields after the generic header). */
    private byte[] seal(long spiI, long spiR, int exchange, int flags, int messageId, int first, int number, int totalFragments,
                        byte[] inner, RandomGenerator random) {
        int block = block();
        int padLen = (block - (inner.length + 1) % block) % block;
        byte[] plain = new byte[inner.length + padLen + 1];
        System.arraycopy(inner, 0, plain, 0, inner.length);
        plain[plain.length - 1] = (byte) padLen;
        int iv = ivLength(), icv = icvLength(), extra = number == 0 ? 0 : 4;
        int skLen = Ikev2Payloads.GENERIC_HEADER + extra + iv + plain.length + icv;
        int total = Ikev2Header.LENGTH + skLen;
        byte[] m = new byte[total];
        Ikev2Header.write(m, 0, spiI, spiR, number == 0 ? Ikev2Payloads.SK : Ikev2Payloads.SKF, exchange, flags, messageId, total);
        int h = Ikev2Header.LENGTH;
        m[h] = (byte) first;
        m[h + 2] = (byte) (skLen >>> 8);
        m[h + 3] = (byte) skLen;
        if (number != 0) {
            m[h + 4] = (byte) (number >>> 8);
            m[h + 5] = (byte) number;
            m[h + 6] = (byte) (totalFragments >>> 8);
            m[h + 7] = (byte) totalFragments;
        }
        int ivAt = h + Ikev2Payloads.GENERIC_HEADER + extra;
        byte[] ivb = new byte[iv];
        random.nextBytes(ivb);
        System.arraycopy(ivb, 0, m, ivAt, iv);
        int co = ivAt + iv;
        try {
            if (enc.aead) {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new GCMParameterSpec(128, Ikev2Keys.concat(salt, ivb)));
                c.updateAAD(m, 0, ivAt);
                c.doFinal(plain, 0, plain.length, m, co);
            } else {
                Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(ivb));
                c.doFinal(plain, 0, plain.length, m, co);
                byte[] mac = mac(m, 0, co + plain.length);
                System.arraycopy(mac, 0, m, co + plain.length, icv);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + enc, e);
        }
        return m;
    }

    /**
     * The inner payload chain of a message whose last payload is SK with body length {@code skBody},
     * or null when it fails its integrity check or its padding is wrong. Never throws on content.
     */
    byte[] unprotect(byte[] m, int skBody) { return open(m, skBody, 0); }

    /** The inner octets of a message whose last payload is SKF with body length {@code skfBody}, or null (as {@link #unprotect}). */
    byte[] unprotectFragment(byte[] m, int skfBody) { return open(m, skfBody, 4); }

    private byte[] open(byte[] m, int skBody, int extra) {
        int iv = ivLength(), icv = icvLength();
        int end = m.length;
        int bodyStart = end - skBody;
        int hdrStart = bodyStart - Ikev2Payloads.GENERIC_HEADER;
        int ivAt = bodyStart + extra;
        int clen = skBody - extra - iv - icv;
        if (clen <= 0 || hdrStart < Ikev2Header.LENGTH) return null;
        if (!enc.aead && clen % 16 != 0) return null;
        int co = ivAt + iv;
        byte[] plain;
        try {
            if (enc.aead) {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, "AES"),
                        new GCMParameterSpec(128, Ikev2Keys.concat(salt, Arrays.copyOfRange(m, ivAt, co))));
                c.updateAAD(m, 0, ivAt);
                plain = c.doFinal(m, co, clen + icv);
            } else {
                byte[] mac = mac(m, 0, co + clen);
                if (!MessageDigest.isEqual(Arrays.copyOf(mac, icv), Arrays.copyOfRange(m, co + clen, end))) return null;
                Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(m, ivAt, iv));
                plain = c.doFinal(m, co, clen);
            }
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            return null;
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad + 1 > plain.length) return null;
        return Arrays.copyOf(plain, plain.length - pad - 1);
    }

    private byte[] mac(byte[] m, int off, int len) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(integ.jce);
        mac.init(new SecretKeySpec(integKey, integ.jce));
        mac.update(m, off, len);
        return mac.doFinal();
    }

    @Override
    public String toString() { return "SkCipher[" + enc + "/" + integ + ", keys hidden]"; }
}
