package dev.routerlab.ike.crypto;

import java.math.BigInteger;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The arithmetic behind a {@link DhGroup}. Implementations are immutable. */
interface DhEngine {
    int publicValueLength();

    BigInteger generatePrivate(RandomGenerator random);

    byte[] publicValue(BigInteger x);

    /** The shared secret, or empty when the peer's value is invalid. */
    Optional<byte[]> agree(BigInteger x, byte[] peer);

    /** Uniform in [1, n-1]: 64 extra random bits reduced mod n-1, plus one (FIPS 186-4 B.4.1). */
    static BigInteger randomBelow(BigInteger n, RandomGenerator random) {
        byte[] b = new byte[(n.bitLength() + 64 + 7) / 8];
        random.nextBytes(b);
        return new BigInteger(1, b).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    /** Big-endian, left-padded with zeros to {@code length} octets. */
    static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        if (raw.length > length) { // a leading sign octet
            System.arraycopy(raw, raw.length - length, out, 0, length);
        } else {
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        }
        return out;
    }
}
