package dev.routerlab.ike.crypto;

import java.util.Arrays;

/**
 * IKEv1 phase-1 keying material (RFC 2409 §5): SKEYID_d, SKEYID_a, SKEYID_e and the phase-1
 * encryption key Ka (Appendix B), plus HASH_I / HASH_R (§5).
 *
 * <pre>
 * SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
 * </pre>
 * Keys are never printed by {@link #toString()}.
 */
public final class Phase1Keys {
    private final HashAlgorithm hash;
    private final byte[] skeyid;
    private final byte[] skeyidD;
    private final byte[] skeyidA;
    private final byte[] skeyidE;
    private final byte[] encryptionKey;

    private Phase1Keys(HashAlgorithm hash, byte[] skeyid, byte[] d, byte[] a, byte[] e, byte[] ka) {
        this.hash = hash;
        this.skeyid = skeyid;
        this.skeyidD = d;
        this.skeyidA = a;
        this.skeyidE = e;
        this.encryptionKey = ka;
    }

    /** SKEYID for pre-shared keys: {@code prf(pre-shared-key, Ni_b | Nr_b)} (§5). */
    public static byte[] skeyidPreSharedKey(HashAlgorithm hash, byte[] preSharedKey, byte[] niB, byte[] nrB) {
        return Prf.of(hash, preSharedKey).apply(niB, nrB);
    }

    /** SKEYID for signatures: {@code prf(Ni_b | Nr_b, g^xy)} (§5). */
    public static byte[] skeyidSignature(HashAlgorithm hash, byte[] niB, byte[] nrB, byte[] gxy) {
        byte[] key = new byte[niB.length + nrB.length];
        System.arraycopy(niB, 0, key, 0, niB.length);
        System.arraycopy(nrB, 0, key, niB.length, nrB.length);
        return Prf.of(hash, key).apply(gxy);
    }

    /**
     * Derives SKEYID_d/a/e and Ka from SKEYID.
     *
     * @param gxy              the DH shared secret, as long as the group's public values
     * @param ckyI             initiator cookie (8 octets)
     * @param ckyR             responder cookie (8 octets)
     * @param encryptionKeyLength octets of the negotiated phase-1 cipher key
     */
    public static Phase1Keys derive(HashAlgorithm hash, byte[] skeyid, byte[] gxy, byte[] ckyI,
            byte[] ckyR, int encryptionKeyLength) {
        Prf prf = Prf.of(hash, skeyid);
        byte[] d = prf.apply(gxy, ckyI, ckyR, new byte[] {0});
        byte[] a = prf.apply(d, gxy, ckyI, ckyR, new byte[] {1});
        byte[] e = prf.apply(a, gxy, ckyI, ckyR, new byte[] {2});
        return new Phase1Keys(hash, skeyid.clone(), d, a, e, expandKey(hash, e, encryptionKeyLength));
    }

    /**
     * Ka from SKEYID_e (Appendix B): its first octets when long enough, else
     * {@code K1 | K2 | ...} with {@code K1 = prf(SKEYID_e, 0)}, {@code Kn = prf(SKEYID_e, Kn-1)}.
     */
    public static byte[] expandKey(HashAlgorithm hash, byte[] skeyidE, int length) {
        if (skeyidE.length >= length) {
            return Arrays.copyOf(skeyidE, length);
        }
        Prf prf = Prf.of(hash, skeyidE);
        byte[] out = new byte[length];
        byte[] k = prf.apply(new byte[] {0});
        int n = 0;
        while (true) {
            int c = Math.min(k.length, length - n);
            System.arraycopy(k, 0, out, n, c);
            n += c;
            if (n == length) {
                return out;
            }
            k = prf.apply(k);
        }
    }

    /** {@code HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)} (§5). */
    public byte[] hashI(byte[] gxi, byte[] gxr, byte[] ckyI, byte[] ckyR, byte[] saiB, byte[] idiiB) {
        return Prf.of(hash, skeyid).apply(gxi, gxr, ckyI, ckyR, saiB, idiiB);
    }

    /** {@code HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)} (§5). */
    public byte[] hashR(byte[] gxi, byte[] gxr, byte[] ckyI, byte[] ckyR, byte[] saiB, byte[] idirB) {
        return Prf.of(hash, skeyid).apply(gxr, gxi, ckyR, ckyI, saiB, idirB);
    }

    public HashAlgorithm hash() { return hash; }

    public byte[] skeyid() { return skeyid.clone(); }

    public byte[] skeyidD() { return skeyidD.clone(); }

    public byte[] skeyidA() { return skeyidA.clone(); }

    public byte[] skeyidE() { return skeyidE.clone(); }

    /** Ka, the phase-1 cipher key. */
    public byte[] encryptionKey() { return encryptionKey.clone(); }

    /** Overwrites every key held. */
    public void destroy() {
        for (byte[] k : new byte[][] {skeyid, skeyidD, skeyidA, skeyidE, encryptionKey}) {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Phase1Keys[" + hash.iosName() + ", Ka " + encryptionKey.length + " octets, keys hidden]";
    }
}
