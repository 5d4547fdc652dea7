package dev.routerlab.esp.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where JCE's AES-GCM allocates when ESP uses it (one {@code Cipher} per SA, a new nonce per
 * packet, 8-octet AAD, in place): bytes allocated per packet by each step, after warm-up, from
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} (exact, not sampled). Run on
 * each JDK:
 *
 * <pre>
 * java -cp target/test-classes dev.routerlab.esp.bench.GcmAllocProbe [size]
 * </pre>
 */
public final class GcmAllocProbe {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 20_000;

    private final long[] bytes = new long[5];   // spec, init, updateAAD, doFinal, overhead
    private long seq;

    public static void main(String[] args) throws GeneralSecurityException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
        System.out.println(System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", AES-128-GCM, " + size + " octets, bytes allocated per packet by step:");
        for (String mode : new String[] {"encrypt array", "decrypt array", "encrypt ByteBuffer", "decrypt ByteBuffer"}) {
            GcmAllocProbe p = new GcmAllocProbe();
            for (int warm = 0; warm < 10; warm++) p.run(mode, size, ROUNDS, false);   // JIT
            p.run(mode, size, ROUNDS, true);
            System.out.printf("  %-19s spec %4d  init %4d  updateAAD %4d  doFinal %4d  total %5d%n", mode,
                    p.per(0), p.per(1), p.per(2), p.per(3), p.per(0) + p.per(1) + p.per(2) + p.per(3));
        }
    }

    private long per(int i) {
        return Math.max(0, Math.round((bytes[i] - bytes[4]) / (double) ROUNDS));
    }

    private void run(String mode, int size, int rounds, boolean count) throws GeneralSecurityException {
        byte[] key = new byte[16];
        new SplittableRandom(1).nextBytes(key);
        SecretKeySpec k = new SecretKeySpec(key, "AES");
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] buf = new byte[8 + size + 16];
        new SplittableRandom(2).nextBytes(buf);
        byte[] nonce = new byte[12];
        boolean encrypt = mode.startsWith("encrypt");
        boolean bb = mode.endsWith("ByteBuffer");
        byte[] sealed = buf.clone();
        if (!encrypt) {
            c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
            c.updateAAD(sealed, 0, 8);
            c.doFinal(sealed, 8, size, sealed, 8);
        }
        ByteBuffer src = ByteBuffer.wrap(buf), dst = ByteBuffer.wrap(buf);
        long tid = Thread.currentThread().getId();
        java.util.Arrays.fill(bytes, 0);
        for (int r = 0; r < rounds; r++) {
            if (encrypt) {
                long s = ++seq;
                for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (s >>> (56 - 8 * i));
            } else {
                System.arraycopy(sealed, 0, buf, 0, sealed.length);
            }
            long t0 = MX.getThreadAllocatedBytes(tid);
            GCMParameterSpec spec = new GCMParameterSpec(128, nonce);
            long t1 = MX.getThreadAllocatedBytes(tid);
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, k, spec);
            long t2 = MX.getThreadAllocatedBytes(tid);
            c.updateAAD(buf, 0, 8);
            long t3 = MX.getThreadAllocatedBytes(tid);
            int len = encrypt ? size : size + 16;
            if (bb) {
                src.limit(8 + len).position(8);
                dst.limit(buf.length).position(8);
                c.doFinal(src, dst);
            } else {
                c.doFinal(buf, 8, len, buf, 8);
            }
            long t4 = MX.getThreadAllocatedBytes(tid);
            long t5 = MX.getThreadAllocatedBytes(tid);
            if (count) {
                bytes[0] += t1 - t0;
                bytes[1] += t2 - t1;
                bytes[2] += t3 - t2;
                bytes[3] += t4 - t3;
                bytes[4] += t5 - t4;   // the probe's own cost per step
            }
        }
    }
}
