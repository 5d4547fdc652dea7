package dev.routerlab.ike.crypto;

import java.util.Arrays;

/**
 * IKEv1 CBC IVs (RFC 2409 Appendix B). Phase 1 starts from {@code hash(g^xi | g^xr)}; each
 * following message uses the last ciphertext block of the previous one. Each phase-2 exchange
 * (quick mode, informational) starts from {@code hash(last phase-1 CBC output block | M-ID)}
 * and then chains the same way. The hash is the negotiated hash, not the PRF; all values are
 * truncated to the cipher block size.
 */
public final class IkeIv {
    private IkeIv() {}

    /** The first phase-1 IV: {@code hash(g^xi | g^xr)}. */
    public static byte[] phase1(HashAlgorithm hash, byte[] gxi, byte[] gxr, int blockSize) {
        return Arrays.copyOf(Prf.digest(hash, gxi, gxr), blockSize);
    }

    /** The first IV of a phase-2 exchange: {@code hash(last phase-1 CBC block | M-ID)}. */
    public static byte[] phase2(HashAlgorithm hash, byte[] lastPhase1Block, int messageId, int blockSize) {
        return Arrays.copyOf(Prf.digest(hash, lastPhase1Block, QuickMode.int32(messageId)), blockSize);
    }

    /** The IV that follows a message: its last ciphertext block. */
    public static byte[] next(byte[] ciphertext, int blockSize) {
        if (ciphertext.length < blockSize) {
            throw new IllegalArgumentException("ciphertext shorter than a block");
        }
        return Arrays.copyOfRange(ciphertext, ciphertext.length - blockSize, ciphertext.length);
    }
}
