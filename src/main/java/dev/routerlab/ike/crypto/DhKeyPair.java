package dev.routerlab.ike.crypto;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One side's Diffie-Hellman key pair for one exchange. {@link #agree} gives g^xy as IKE uses
 * it (RFC 2409 §5; RFC 5903 §7): fixed length, big-endian. The private value is never printed.
 */
public final class DhKeyPair {
    private final DhGroup group;
    private final BigInteger privateValue;
    private final byte[] publicValue;

    DhKeyPair(DhGroup group, BigInteger privateValue, byte[] publicValue) {
        this.group = group;
        this.privateValue = privateValue;
        this.publicValue = publicValue;
    }

    public DhGroup group() { return group; }

    /** The KE payload data: g^x for MODP, x | y for ECP. */
    public byte[] publicValue() { return publicValue.clone(); }

    /**
     * The shared secret with the peer's public value, or empty when that value is malformed or
     * fails validation (wrong length, out of range, not on the curve, outside the subgroup).
     */
    public Optional<byte[]> agree(byte[] peerPublicValue) {
        if (peerPublicValue == null) {
            return Optional.empty();
        }
        return group.engine().agree(privateValue, peerPublicValue);
    }

    @Override
    public String toString() {
        return "DhKeyPair[group " + group.id() + ", private value hidden]";
    }
}
