import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import static java.lang.foreign.ValueLayout.*;

/**
 * Issue 14 yardstick, not part of the build (a single-file program for JDK 22+): ESP's AES-128-GCM
 * per packet (new nonce, 8-octet AAD SPI|seq, 16-octet tag, in place) three ways, in one process:
 * JCE (one Cipher, {@code init} per packet: what {@code esp.GcmCrypto} does), OpenSSL's libcrypto
 * through FFM with the packet's heap array passed directly ({@code Linker.Option.critical(true)};
 * the {@code MemorySegment} views cost 32 B per packet), and through FFM with a copy into and out
 * of one native buffer per SA (0 B per packet). Prints packets/s and bytes allocated per packet
 * (ThreadMXBean), two rounds (the first warms up). Run {@code openssl speed -elapsed -evp
 * aes-128-gcm -bytes 1400 -seconds 3} before and after it.
 *
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --enable-native-access=ALL-UNNAMED bench/OpenSslGcmProbe.java 1400 2
 * </pre>
 */
public class OpenSslGcmProbe {
    static final Linker L = Linker.nativeLinker();
    static final SymbolLookup C = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    static MethodHandle h(String n, FunctionDescriptor d, Linker.Option... o) {
        return L.downcallHandle(C.find(n).orElseThrow(), d, o);
    }
    static final Linker.Option CRIT = Linker.Option.critical(true);
    static final MethodHandle NEW = h("EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle GCM128 = h("EVP_aes_128_gcm", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle INIT = h("EVP_CipherInit_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), CRIT);
    static final MethodHandle UPDATE = h("EVP_CipherUpdate", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), CRIT);
    static final MethodHandle FINAL = h("EVP_CipherFinal_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CRIT);
    static final MethodHandle CTRL = h("EVP_CIPHER_CTX_ctrl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), CRIT);
    static final int GET_TAG = 0x10, SET_TAG = 0x11;

    static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    interface Op { int run() throws Throwable; }

    static int size;
    static byte[] buf, sealed;
    static long seq = 1000;
    static MemorySegment encCtx, decCtx, iv, outl, scratch;
    static final byte[] key = new byte[16], salt = {1, 2, 3, 4};

    public static void main(String[] a) throws Throwable {
        size = a.length > 0 ? Integer.parseInt(a[0]) : 1400;
        double secs = a.length > 1 ? Double.parseDouble(a[1]) : 3;
        buf = new byte[8 + 8 + size + 16];
        Arena arena = Arena.global();
        iv = arena.allocate(12);
        outl = arena.allocate(4);
        scratch = arena.allocate(buf.length);
        MemorySegment k = arena.allocate(16);
        MemorySegment c = (MemorySegment) GCM128.invokeExact();
        encCtx = (MemorySegment) NEW.invokeExact();
        decCtx = (MemorySegment) NEW.invokeExact();
        check((int) INIT.invokeExact(encCtx, c, MemorySegment.NULL, k, MemorySegment.NULL, 1));
        check((int) INIT.invokeExact(decCtx, c, MemorySegment.NULL, k, MemorySegment.NULL, 0));
        iv.asSlice(0, 4).copyFrom(MemorySegment.ofArray(salt));

        Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec jk = new SecretKeySpec(key, "AES");
        byte[] nonce = new byte[12];
        System.arraycopy(salt, 0, nonce, 0, 4);

        // one sealed packet to decrypt repeatedly: SPI|seq (AAD), IV, ciphertext, tag
        sealed = new byte[buf.length];
        sealed[7] = 1;
        nonce[11] = 1;
        sealed[15] = 1;
        jce.init(Cipher.ENCRYPT_MODE, jk, new GCMParameterSpec(128, nonce));
        jce.updateAAD(sealed, 0, 8);
        jce.doFinal(sealed, 16, size, sealed, 16);

        // self-check: what libcrypto seals, JCE opens (the tag verifies), and libcrypto opens JCE's packet
        byte[] t = new byte[buf.length];
        t[15] = 7;
        sealCopy(t, 0, size);
        nonce[11] = 7;
        jce.init(Cipher.DECRYPT_MODE, jk, new GCMParameterSpec(128, nonce));
        jce.updateAAD(t, 0, 8);
        jce.doFinal(t, 16, size + 16, t, 16);
        System.arraycopy(sealed, 0, t, 0, t.length);
        openCopy(t, 0, size + 16);

        Op jceEnc = () -> {
            long s = ++seq;
            for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (s >>> (56 - 8 * i));
            jce.init(Cipher.ENCRYPT_MODE, jk, new GCMParameterSpec(128, nonce));
            jce.updateAAD(buf, 0, 8);
            return jce.doFinal(buf, 16, size, buf, 16);
        };
        Op jceDec = () -> {
            System.arraycopy(sealed, 0, buf, 0, buf.length);
            System.arraycopy(buf, 8, nonce, 4, 8);
            jce.init(Cipher.DECRYPT_MODE, jk, new GCMParameterSpec(128, nonce));
            jce.updateAAD(buf, 0, 8);
            return jce.doFinal(buf, 16, size + 16, buf, 16);
        };
        Op sslEnc = () -> {
            long s = ++seq;
            for (int i = 0; i < 8; i++) buf[8 + i] = (byte) (s >>> (56 - 8 * i));
            return sealHeap(buf, 0, size);
        };
        Op sslDec = () -> {
            System.arraycopy(sealed, 0, buf, 0, buf.length);
            return openHeap(buf, 0, size + 16);
        };
        Op sslEncCopy = () -> {
            long s = ++seq;
            for (int i = 0; i < 8; i++) buf[8 + i] = (byte) (s >>> (56 - 8 * i));
            return sealCopy(buf, 0, size);
        };
        Op sslDecCopy = () -> {
            System.arraycopy(sealed, 0, buf, 0, buf.length);
            return openCopy(buf, 0, size + 16);
        };
        System.out.println(System.getProperty("java.version") + ", AES-128-GCM, " + size + " octets");
        for (int round = 0; round < 2; round++) {
            run("JCE encrypt", jceEnc, secs);
            run("JCE decrypt", jceDec, secs);
            run("OpenSSL FFM heap encrypt", sslEnc, secs);
            run("OpenSSL FFM heap decrypt", sslDec, secs);
            run("OpenSSL FFM copy encrypt", sslEncCopy, secs);
            run("OpenSSL FFM copy decrypt", sslDecCopy, secs);
        }
    }

    static void check(int r) { if (r != 1) throw new IllegalStateException("libcrypto returned " + r); }

    /** buf[off..]: SPI|seq (8), IV (8), plaintext (len), room for the tag (16): sealed in place. */
    static int sealHeap(byte[] b, int off, int len) throws Throwable {
        MemorySegment m = MemorySegment.ofArray(b);
        MemorySegment.copy(m, off + 8, iv, 4, 8);
        MemorySegment ctx = encCtx;
        check((int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, iv, 1));
        check((int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outl, m.asSlice(off), 8));
        MemorySegment p = m.asSlice(off + 16);
        check((int) UPDATE.invokeExact(ctx, p, outl, p, len));
        check((int) FINAL.invokeExact(ctx, p, outl));
        check((int) CTRL.invokeExact(ctx, GET_TAG, 16, m.asSlice(off + 16 + len)));
        return len + 16;
    }

    static int openHeap(byte[] b, int off, int len) throws Throwable {
        MemorySegment m = MemorySegment.ofArray(b);
        MemorySegment.copy(m, off + 8, iv, 4, 8);
        MemorySegment ctx = decCtx;
        int ct = len - 16;
        check((int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, iv, 0));
        check((int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outl, m.asSlice(off), 8));
        MemorySegment p = m.asSlice(off + 16);
        check((int) UPDATE.invokeExact(ctx, p, outl, p, ct));
        check((int) CTRL.invokeExact(ctx, SET_TAG, 16, m.asSlice(off + 16 + ct)));
        check((int) FINAL.invokeExact(ctx, p, outl));
        return ct;
    }

    static int sealCopy(byte[] b, int off, int len) throws Throwable {
        MemorySegment s = scratch;
        MemorySegment.copy(b, off, s, JAVA_BYTE, 0, 16 + len);
        MemorySegment.copy(s, 8, iv, 4, 8);
        MemorySegment ctx = encCtx;
        check((int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, iv, 1));
        check((int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outl, s, 8));
        MemorySegment p = s.asSlice(16);
        check((int) UPDATE.invokeExact(ctx, p, outl, p, len));
        check((int) FINAL.invokeExact(ctx, p, outl));
        check((int) CTRL.invokeExact(ctx, GET_TAG, 16, s.asSlice(16 + len)));
        MemorySegment.copy(s, JAVA_BYTE, 16, b, off + 16, len + 16);
        return len + 16;
    }

    static int openCopy(byte[] b, int off, int len) throws Throwable {
        MemorySegment s = scratch;
        MemorySegment.copy(b, off, s, JAVA_BYTE, 0, 16 + len);
        MemorySegment.copy(s, 8, iv, 4, 8);
        MemorySegment ctx = decCtx;
        int ct = len - 16;
        check((int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, iv, 0));
        check((int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outl, s, 8));
        MemorySegment p = s.asSlice(16);
        check((int) UPDATE.invokeExact(ctx, p, outl, p, ct));
        check((int) CTRL.invokeExact(ctx, SET_TAG, 16, s.asSlice(16 + ct)));
        check((int) FINAL.invokeExact(ctx, p, outl));
        MemorySegment.copy(s, JAVA_BYTE, 16, b, off + 16, ct);
        return ct;
    }

    static void run(String name, Op op, double secs) throws Throwable {
        long tid = Thread.currentThread().threadId();
        long end = System.nanoTime() + (long) (secs * 1e9), n = 0;
        long a0 = MX.getThreadAllocatedBytes(tid), t0 = System.nanoTime();
        while ((n & 1023) != 0 || System.nanoTime() < end) { op.run(); n++; }
        long t1 = System.nanoTime(), a1 = MX.getThreadAllocatedBytes(tid);
        System.out.printf("  %-26s %8.3f M packets/s  %7.1f B/op%n", name, n / ((t1 - t0) / 1e3), (a1 - a0) / (double) n);
    }
}
