package dev.routerlab.ike.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A NIST prime-curve group for IKE (RFC 5903). The public value is {@code x | y}, each padded
 * to the field size, without the 0x04 prefix; the shared secret is the x coordinate alone (§7).
 * JCE lacks a public-key-from-private operation, so the public point is
 * computed with BouncyCastle's low-level math; the agreement runs through JCE ("ECDH").
 */
final class EcpGroup implements DhEngine {
    private final String curveName;
    private final X9ECParameters curve;
    private final ECParameterSpec jceSpec;
    private final int fieldLength;

    EcpGroup(String curveName) {
        this.curveName = curveName;
        this.curve = CustomNamedCurves.getByName(curveName);
        this.fieldLength = (curve.getCurve().getFieldSize() + 7) / 8;
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(curveName));
            this.jceSpec = ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + curveName, e);
        }
    }

    @Override
    public int publicValueLength() { return 2 * fieldLength; }

    @Override
    public BigInteger generatePrivate(RandomGenerator random) {
        return DhEngine.randomBelow(curve.getN(), random);
    }

    @Override
    public byte[] publicValue(BigInteger d) {
        ECPoint q = new FixedPointCombMultiplier().multiply(curve.getG(), d).normalize();
        byte[] out = new byte[2 * fieldLength];
        System.arraycopy(q.getAffineXCoord().getEncoded(), 0, out, 0, fieldLength);
        System.arraycopy(q.getAffineYCoord().getEncoded(), 0, out, fieldLength, fieldLength);
        return out;
    }

    @Override
    public Optional<byte[]> agree(BigInteger d, byte[] peer) {
        if (peer.length != 2 * fieldLength) {
            return Optional.empty();
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(peer, 0, fieldLength));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(peer, fieldLength, peer.length));
        try {
            // Throws unless (x, y) is a point of the curve (RFC 6989 §2.3); cofactor is 1.
            curve.getCurve().validatePoint(x, y);
            KeyFactory kf = KeyFactory.getInstance("EC");
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(kf.generatePrivate(new ECPrivateKeySpec(d, jceSpec)));
            ka.doPhase(kf.generatePublic(
                    new ECPublicKeySpec(new java.security.spec.ECPoint(x, y), jceSpec)), true);
            return Optional.of(DhEngine.fixed(new BigInteger(1, ka.generateSecret()), fieldLength));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return curveName;
    }
}
