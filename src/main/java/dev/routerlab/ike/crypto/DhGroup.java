package dev.routerlab.ike.crypto;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * IKE Diffie-Hellman groups (Oakley Group Description attribute / IKEv2 transform type 4):
 * MODP 1, 2 (RFC 2409 §6), 5, 14, 15, 16 (RFC 3526), 24 (RFC 5114 §2.3) and ECP 19, 20, 21
 * (RFC 5903). The primes of 1-16 come from BouncyCastle's tables; the tests check them against
 * the RFC formula. Each group's arithmetic is built on first use.
 */
public enum DhGroup {
    MODP_768(1, () -> modp(DHStandardGroups.rfc2409_768, 256)),
    MODP_1024(2, () -> modp(DHStandardGroups.rfc2409_1024, 256)),
    MODP_1536(5, () -> modp(DHStandardGroups.rfc3526_1536, 256)),
    MODP_2048(14, () -> modp(DHStandardGroups.rfc3526_2048, 256)),
    MODP_3072(15, () -> modp(DHStandardGroups.rfc3526_3072, 384)),
    MODP_4096(16, () -> modp(DHStandardGroups.rfc3526_4096, 512)),
    ECP_256(19, () -> new EcpGroup("secp256r1")),
    ECP_384(20, () -> new EcpGroup("secp384r1")),
    ECP_521(21, () -> new EcpGroup("secp521r1")),
    MODP_2048_256(24, () -> ModpGroup.RFC5114_2048_256);

    private final int id;
    private final Supplier<DhEngine> factory;
    private volatile DhEngine engine;

    DhGroup(int id, Supplier<DhEngine> factory) {
        this.id = id;
        this.factory = factory;
    }

    private static DhEngine modp(DHParameters params, int exponentBits) {
        return new ModpGroup(params.getP(), params.getG(), null, exponentBits);
    }

    /** The IANA group number, as in IOS {@code group 14}. */
    public int id() { return id; }

    public boolean isEllipticCurve() {
        return id >= 19 && id <= 21;
    }

    /** Octets of a public value in a KE payload (and of the shared secret for MODP). */
    public int publicValueLength() {
        return engine().publicValueLength();
    }

    public static Optional<DhGroup> byId(int id) {
        for (DhGroup g : values()) {
            if (g.id == id) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** A fresh key pair whose private value is drawn from {@code random} alone. */
    public DhKeyPair generate(RandomGenerator random) {
        return keyPair(engine().generatePrivate(random));
    }

    /** A key pair from a known private value: for known-answer tests. */
    DhKeyPair keyPair(BigInteger privateValue) {
        return new DhKeyPair(this, privateValue, engine().publicValue(privateValue));
    }

    DhEngine engine() {
        DhEngine e = engine;
        if (e == null) { // benign race: engines are immutable
            e = factory.get();
            engine = e;
        }
        return e;
    }
}
