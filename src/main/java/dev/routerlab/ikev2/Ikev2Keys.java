package dev.routerlab.ikev2;

import dev.routerlab.packet.IpAddress;

import dev.routerlab.ike.crypto.Prf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * IKEv2 key derivation (RFC 7296 §2.13-2.18) and the pre-shared-key AUTH (§2.15). Keys are
 * never printed.
 */
public final class Ikev2Keys {
    private Ikev2Keys() {}

    static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    /** {@code prf+ (K,S) = T1 | T2 | ...}, {@code Tn = prf (K, Tn-1 | S | n)} (§2.13), cut to {@code length}. */
    public static byte[] prfPlus(Ikev2Algorithms.Prf prf, byte[] key, byte[] s, int length) {
        if (length > 255 * prf.length()) throw new IllegalArgumentException("prf+ is limited to 255 blocks");
        Prf p = Prf.of(prf.hash, key);
        byte[] out = new byte[length];
        byte[] t = null;
        int n = 0;
        for (int i = 1; n < length; i++) {
            t = p.apply(t, s, new byte[] {(byte) i});
            int c = Math.min(t.length, length - n);
            System.arraycopy(t, 0, out, n, c);
            n += c;
        }
        return out;
    }

    /** {@code SKEYSEED = prf(Ni | Nr, g^ir)} (§2.14). */
    public static byte[] skeyseed(Ikev2Algorithms.Prf prf, byte[] ni, byte[] nr, byte[] gir) {
        return Prf.of(prf.hash, concat(ni, nr)).apply(gir);
    }

    /** {@code SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)} for an IKE SA rekey (§2.18). */
    public static byte[] rekeySkeyseed(Ikev2Algorithms.Prf prf, byte[] oldSkD, byte[] gir, byte[] ni, byte[] nr) {
        return Prf.of(prf.hash, oldSkD).apply(gir, ni, nr);
    }

    /** {@code {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr)}. */
    public static SaKeys saKeys(Ikev2Algorithms.Prf prf, Ikev2Algorithms.Encryption enc, Ikev2Algorithms.Integrity integ,
                                byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
        int p = prf.length(), a = integ == null ? 0 : integ.keyLength, e = enc.keymatLength();
        byte[] k = prfPlus(prf, skeyseed, concat(ni, nr, long64(spiI), long64(spiR)), 3 * p + 2 * a + 2 * e);
        int o = 0;
        byte[] d = Arrays.copyOfRange(k, o, o += p);
        byte[] ai = Arrays.copyOfRange(k, o, o += a);
        byte[] ar = Arrays.copyOfRange(k, o, o += a);
        byte[] ei = Arrays.copyOfRange(k, o, o += e);
        byte[] er = Arrays.copyOfRange(k, o, o += e);
        byte[] pi = Arrays.copyOfRange(k, o, o += p);
        byte[] pr = Arrays.copyOfRange(k, o, o + p);
        return new SaKeys(d, ai, ar, ei, er, pi, pr);
    }

    /** The seven keys of an IKE SA. */
    public record SaKeys(byte[] d, byte[] ai, byte[] ar, byte[] ei, byte[] er, byte[] pi, byte[] pr) {
        @Override
        public String toString() { return "SaKeys[hidden]"; }
    }

    /**
     * Child SA KEYMAT {@code = prf+(SK_d, [g^ir (new) |] Ni | Nr)} (§2.17): the initiator-to-responder
     * keys first (encryption then integrity), then the other direction.
     */
    public static byte[] childKeymat(Ikev2Algorithms.Prf prf, byte[] skD, byte[] gir, byte[] ni, byte[] nr, int length) {
        return prfPlus(prf, skD, concat(gir == null ? new byte[0] : gir, ni, nr), length);
    }

    /**
     * The PSK AUTH data (§2.15): {@code prf(prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>)}
     * with {@code SignedOctets = RealMessage | Nonce of the other side | prf(SK_p, ID payload body)}.
     */
    public static byte[] pskAuth(Ikev2Algorithms.Prf prf, byte[] psk, byte[] realMessage, byte[] otherNonce, byte[] skP,
                                 byte[] idBody) {
        byte[] macedId = Prf.of(prf.hash, skP).apply(idBody);
        byte[] key = Prf.of(prf.hash, psk).apply(KEY_PAD);
        return Prf.of(prf.hash, key).apply(realMessage, otherNonce, macedId);
    }

    /**
     * A NAT_DETECTION_SOURCE_IP or NAT_DETECTION_DESTINATION_IP notification's data (RFC 7296
     * §2.23): SHA-1(SPIi | SPIr | IP | Port), SPIr zero in the IKE_SA_INIT request.
     */
    public static byte[] natDetectionHash(long spiI, long spiR, int address, int port) {
        return natDetectionHash(spiI, spiR, IpAddress.of(address), port);
    }

    /** §2.23: SHA-1(SPIi | SPIr | IP | Port), the IP being 4 or 16 octets. */
    public static byte[] natDetectionHash(long spiI, long spiR, IpAddress address, int port) {
        byte[] b = concat(long64(spiI), long64(spiR), address.bytes(), new byte[] {(byte) (port >>> 8), (byte) port});
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);                 // every JRE has SHA-1
        }
    }

    static byte[] long64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
