package dev.routerlab.ike.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * A finite-field (MODP) Diffie-Hellman group. Public values and the shared secret are as long
 * as the prime. Private exponents come from the injected generator only, so a seeded lab is
 * reproducible on any JDK; the agreement runs through JCE ("DH").
 */
final class ModpGroup implements DhEngine {
    /** RFC 5114 §2.3, IKE group 24: 2048-bit MODP with a 256-bit prime-order subgroup. */
    static final ModpGroup RFC5114_2048_256 = new ModpGroup(new BigInteger(
            "87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00"
            + "E00DF8F1D61957D4FAF7DF4561B2AA3016C3D91134096FAA3BF4296D830E9A7C"
            + "209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B"
            + "6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76"
            + "B63ACAE1CAA6B7902D52526735488A0EF13C6D9A51BFA4AB3AD8347796524D8E"
            + "F6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026"
            + "C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103"
            + "A4B54330C198AF126116D2276E11715F693877FAD7EF09CADB094AE91E1A1597", 16),
            new BigInteger(
            "3FB32C9B73134D0B2E77506660EDBD484CA7B18F21EF205407F4793A1A0BA125"
            + "10DBC15077BE463FFF4FED4AAC0BB555BE3A6C1B0C6B47B1BC3773BF7E8C6F62"
            + "901228F8C28CBB18A55AE31341000A650196F931C77A57F2DDF463E5E9EC144B"
            + "777DE62AAAB8A8628AC376D282D6ED3864E67982428EBC831D14348F6F2F9193"
            + "B5045AF2767164E1DFC967C1FB3F2E55A4BD1BFFE83B9C80D052B985D182EA0A"
            + "DB2A3B7313D3FE14C8484B1E052588B9B7D2BBD2DF016199ECD06E1557CD0915"
            + "B3353BBB64E0EC377FD028370DF92B52C7891428CDC67EB6184B523D1DB246C3"
            + "2F63078490F00EF8D647D148D47954515E2327CFEF98C582664B4C0F6CC41659", 16),
            new BigInteger("8CF83642A709A097B447997640129DA299B1A47D1EB3750BA308B0FE64F5FBD3", 16),
            0);

    private final BigInteger p;
    private final BigInteger g;
    private final BigInteger q; // order of g's subgroup when small (group 24), else null
    private final int exponentBits;
    private final int length;

    /**
     * @param q            subgroup order to draw exponents below and to check peers against
     *                     (RFC 6989 §2.2), or null for safe primes
     * @param exponentBits private exponent size for safe primes: at least twice the group's
     *                     strength (RFC 3526 §8)
     */
    ModpGroup(BigInteger p, BigInteger g, BigInteger q, int exponentBits) {
        this.p = p;
        this.g = g;
        this.q = q;
        this.exponentBits = exponentBits;
        this.length = (p.bitLength() + 7) / 8;
    }

    BigInteger p() { return p; }

    BigInteger g() { return g; }

    BigInteger q() { return q; }

    @Override
    public int publicValueLength() { return length; }

    @Override
    public BigInteger generatePrivate(RandomGenerator random) {
        if (q != null) {
            return DhEngine.randomBelow(q, random);
        }
        byte[] b = new byte[(exponentBits + 7) / 8];
        random.nextBytes(b);
        BigInteger x = new BigInteger(1, b);
        x = x.mod(BigInteger.ONE.shiftLeft(exponentBits));
        return x.setBit(exponentBits - 1); // full length: never 0 or 1
    }

    @Override
    public byte[] publicValue(BigInteger x) {
        return DhEngine.fixed(g.modPow(x, p), length);
    }

    @Override
    public Optional<byte[]> agree(BigInteger x, byte[] peer) {
        if (peer.length != length) {
            return Optional.empty();
        }
        BigInteger y = new BigInteger(1, peer);
        // RFC 6989 §2.1: 1 < y < p-1; §2.2: y^q = 1 where the subgroup is small.
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            return Optional.empty();
        }
        if (q != null && !y.modPow(q, p).equals(BigInteger.ONE)) {
            return Optional.empty();
        }
        try {
            KeyFactory kf = KeyFactory.getInstance("DH");
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(kf.generatePrivate(new DHPrivateKeySpec(x, p, g)));
            ka.doPhase(kf.generatePublic(new DHPublicKeySpec(y, p, g)), true);
            return Optional.of(DhEngine.fixed(new BigInteger(1, ka.generateSecret()), length));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
