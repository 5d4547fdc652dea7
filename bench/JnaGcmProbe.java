import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.management.ManagementFactory;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issue 14, JDK 17, not part of the build (a single-file program): ESP's AES-128-GCM per packet
 * (new nonce, 8-octet AAD SPI|seq, 16-octet tag, in place) two ways in one process, CPU time of
 * the thread and bytes allocated per packet (ThreadMXBean): JCE ({@code init} per packet, what
 * {@code esp.GcmCrypto} does) and libcrypto through JNA direct mapping ({@code Native.register},
 * pointers as {@code long}, one native buffer per SA, the payload copied in and out with
 * {@code Memory.write/read}; EVP calls, since direct mapping binds symbols and not the provider's
 * function pointers). Rounds alternate; the first warms up.
 *
 * <pre>
 * java -cp ~/.m2/repository/net/java/dev/jna/jna/5.14.0/jna-5.14.0.jar bench/JnaGcmProbe.java 1400 2 3
 * </pre>
 */
public class JnaGcmProbe {
    static final class C {
        static native long EVP_CIPHER_CTX_new();
        static native long EVP_aes_128_gcm();
        static native int EVP_CipherInit_ex(long ctx, long cipher, long engine, long key, long iv, int enc);
        static native int EVP_CipherUpdate(long ctx, long out, long outl, long in, int inl);
        static native int EVP_CipherFinal_ex(long ctx, long out, long outl);
        static native int EVP_CIPHER_CTX_ctrl(long ctx, int type, int arg, long ptr);
        static { Native.register(C.class, NativeLibrary.getInstance("libcrypto.so.3")); }
    }
    static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    interface Op { int run() throws Exception; }
    static int size; static byte[] buf, sealed; static long seq = 1000;
    static Memory mem; static long ctx, dctx, ivA, aadA, tagA, outlA, dataA;

    public static void main(String[] a) throws Exception {
        size = Integer.parseInt(a[0]); double secs = Double.parseDouble(a[1]); int rounds = Integer.parseInt(a[2]);
        buf = new byte[16 + size + 16];
        mem = new Memory(64 + 4096 + 16384);
        long base = Pointer.nativeValue(mem);
        ivA = base; aadA = base + 16; tagA = base + 32; outlA = base + 48; dataA = base + 64;
        mem.setByte(0, (byte) 1);
        ctx = C.EVP_CIPHER_CTX_new(); dctx = C.EVP_CIPHER_CTX_new();
        long key = base + 4096 + 64;   // zeros
        check(C.EVP_CipherInit_ex(ctx, C.EVP_aes_128_gcm(), 0, key, 0, 1));
        check(C.EVP_CipherInit_ex(dctx, C.EVP_aes_128_gcm(), 0, key, 0, 0));
        Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec jk = new SecretKeySpec(new byte[16], "AES");
        byte[] nonce = new byte[12]; nonce[0] = 1;
        sealed = new byte[buf.length]; sealed[7] = 1;
        seal(sealed);
        byte[] t = new byte[buf.length]; t[7] = 1; System.arraycopy(sealed, 8, t, 8, 8);
        System.arraycopy(sealed, 8, nonce, 4, 8);
        jce.init(Cipher.ENCRYPT_MODE, jk, new GCMParameterSpec(128, nonce)); jce.updateAAD(t, 0, 8); jce.doFinal(t, 16, size, t, 16);
        if (!java.util.Arrays.equals(t, sealed)) throw new AssertionError("JNA seal differs from JCE");
        System.arraycopy(sealed, 0, buf, 0, buf.length); check(open(buf));
        Op[] ops = {
            () -> { long s = ++seq; for (int i = 0; i < 8; i++) buf[8 + i] = (byte) (s >>> (56 - 8 * i));
                    System.arraycopy(buf, 8, nonce, 4, 8);
                    jce.init(Cipher.ENCRYPT_MODE, jk, new GCMParameterSpec(128, nonce)); jce.updateAAD(buf, 0, 8);
                    return jce.doFinal(buf, 16, size, buf, 16) > 0 ? 1 : 0; },
            () -> { System.arraycopy(sealed, 0, buf, 0, buf.length); System.arraycopy(buf, 8, nonce, 4, 8);
                    jce.init(Cipher.DECRYPT_MODE, jk, new GCMParameterSpec(128, nonce)); jce.updateAAD(buf, 0, 8);
                    return jce.doFinal(buf, 16, size + 16, buf, 16) == size ? 1 : 0; },
            () -> seal(buf),
            () -> { System.arraycopy(sealed, 0, buf, 0, buf.length); return open(buf); },
        };
        String[] names = {"JCE enc", "JCE dec", "JNA EVP enc", "JNA EVP dec"};
        System.out.println(System.getProperty("java.version") + ", AES-128-GCM, " + size + " octets");
        for (int r = 0; r < rounds; r++) for (int i = 0; i < ops.length; i++) run(r, names[i], ops[i], secs);
    }
    static void check(int r) { if (r != 1) throw new IllegalStateException("libcrypto returned " + r); }
    static int seal(byte[] b) {
        long s = ++seq; for (int i = 0; i < 8; i++) b[8 + i] = (byte) (s >>> (56 - 8 * i));
        mem.write(4, b, 8, 8); mem.write(16, b, 0, 8); mem.write(64, b, 16, size);
        int ok = C.EVP_CipherInit_ex(ctx, 0, 0, 0, ivA, 1) & C.EVP_CipherUpdate(ctx, 0, outlA, aadA, 8)
               & C.EVP_CipherUpdate(ctx, dataA, outlA, dataA, size) & C.EVP_CipherFinal_ex(ctx, tagA, outlA)
               & C.EVP_CIPHER_CTX_ctrl(ctx, 0x10, 16, tagA);
        mem.read(64, b, 16, size); mem.read(32, b, 16 + size, 16);
        return ok;
    }
    static int open(byte[] b) {
        mem.write(4, b, 8, 8); mem.write(16, b, 0, 8); mem.write(64, b, 16, size); mem.write(32, b, 16 + size, 16);
        int ok = C.EVP_CipherInit_ex(dctx, 0, 0, 0, ivA, 0) & C.EVP_CIPHER_CTX_ctrl(dctx, 0x11, 16, tagA)
               & C.EVP_CipherUpdate(dctx, 0, outlA, aadA, 8) & C.EVP_CipherUpdate(dctx, dataA, outlA, dataA, size)
               & C.EVP_CipherFinal_ex(dctx, tagA, outlA);
        mem.read(64, b, 16, size);
        return ok;
    }
    static void run(int round, String name, Op op, double secs) throws Exception {
        long tid = Thread.currentThread().getId();
        long end = System.nanoTime() + (long) (secs * 1e9), n = 0; int ok = 1;
        long a0 = MX.getThreadAllocatedBytes(tid), c0 = MX.getCurrentThreadCpuTime();
        while ((n & 1023) != 0 || System.nanoTime() < end) { ok &= op.run(); n++; }
        long c1 = MX.getCurrentThreadCpuTime(), a1 = MX.getThreadAllocatedBytes(tid);
        System.out.printf("round %d %-14s %7.1f ns CPU/packet  %.3f M/s  %6.1f B/op%s%n", round, name, (c1 - c0) / (double) n, n / ((c1 - c0) / 1e3), (a1 - a0) / (double) n, ok == 1 ? "" : " FAILED");
    }
}
