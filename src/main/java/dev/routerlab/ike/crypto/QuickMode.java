package dev.routerlab.ike.crypto;

/**
 * Quick mode authentication hashes and KEYMAT (RFC 2409 §5.5), and the informational-exchange
 * hash (§5.7), all keyed with SKEYID_a or SKEYID_d from {@link Phase1Keys}.
 */
public final class QuickMode {
    private QuickMode() {}

    /**
     * {@code HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ])}: {@code payloads}
     * is the message body that follows the hash payload, generic headers included. The same form
     * gives the informational HASH(1) = prf(SKEYID_a, M-ID | N/D) (§5.7).
     */
    public static byte[] hash1(HashAlgorithm hash, byte[] skeyidA, int messageId, byte[] payloads) {
        return Prf.of(hash, skeyidA).apply(int32(messageId), payloads);
    }

    /** {@code HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ])}. */
    public static byte[] hash2(HashAlgorithm hash, byte[] skeyidA, int messageId, byte[] niB, byte[] payloads) {
        return Prf.of(hash, skeyidA).apply(int32(messageId), niB, payloads);
    }

    /** {@code HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)}. */
    public static byte[] hash3(HashAlgorithm hash, byte[] skeyidA, int messageId, byte[] niB, byte[] nrB) {
        return Prf.of(hash, skeyidA).apply(new byte[] {0}, int32(messageId), niB, nrB);
    }

    /**
     * KEYMAT for one SA direction, expanded to {@code length} octets:
     * {@code K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)},
     * {@code Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)}.
     *
     * @param gqmxy    quick-mode DH secret with PFS, or null without
     * @param protocol IPsec protocol ID (ESP = 3, RFC 2407 §4.4.1)
     * @param spi      the SPI of the SA these keys protect (the receiver's choice)
     */
    public static byte[] keymat(HashAlgorithm hash, byte[] skeyidD, byte[] gqmxy, int protocol,
            int spi, byte[] niB, byte[] nrB, int length) {
        Prf prf = Prf.of(hash, skeyidD);
        byte[] proto = {(byte) protocol};
        byte[] spiB = int32(spi);
        byte[] out = new byte[length];
        byte[] k = null;
        int n = 0;
        while (n < length) {
            k = prf.apply(k, gqmxy, proto, spiB, niB, nrB);
            int c = Math.min(k.length, length - n);
            System.arraycopy(k, 0, out, n, c);
            n += c;
        }
        return out;
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
