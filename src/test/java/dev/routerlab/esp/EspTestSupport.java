package dev.routerlab.esp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Shared fixtures: every valid transform, deterministic KEYMAT. */
final class EspTestSupport {
    private EspTestSupport() {}

    static List<Transform> allTransforms() {
        List<Transform> all = new ArrayList<>();
        for (EncryptionAlgorithm e : EncryptionAlgorithm.values()) {
            for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
                boolean valid = e.isAead() ? i == IntegrityAlgorithm.NONE
                        : !(e == EncryptionAlgorithm.NULL && i == IntegrityAlgorithm.NONE);
                if (valid) {
                    all.add(new Transform(e, i));
                }
            }
        }
        return all;
    }

    static byte[] keymat(Transform t, long seed) {
        byte[] k = new byte[t.keymatLength()];
        new SplittableRandom(seed).nextBytes(k);
        return k;
    }

    /** A matched outbound/inbound pair. */
    record Pair(EspSa out, EspSa in) {
        static Pair of(Transform t, int spi, int window) {
            byte[] km = keymat(t, spi);
            return new Pair(EspSa.outbound(spi, t, km, new SplittableRandom(spi)),
                    EspSa.inbound(spi, t, km, window, EspLifetime.UNLIMITED));
        }
    }
}
