package dev.routerlab.esp;

import java.util.random.RandomGenerator;

/**
 * Random CBC IVs (RFC 3602 §3: unpredictable) drawn from the injected generator in 512-octet
 * batches, so that a SecureRandom is called once per 32 AES packets instead of once per packet.
 */
final class IvSource {
    private final RandomGenerator random;
    private final byte[] pool = new byte[512];
    private int pos = pool.length;

    IvSource(RandomGenerator random) {
        this.random = random;
    }

    void next(byte[] dst, int off, int len) {
        if (pos + len > pool.length) {
            random.nextBytes(pool);
            pos = 0;
        }
        System.arraycopy(pool, pos, dst, off, len);
        pos += len;
    }
}
