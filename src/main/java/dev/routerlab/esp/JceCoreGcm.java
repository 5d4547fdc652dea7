package dev.routerlab.esp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES-GCM for ESP (RFC 4106) that allocates nothing per packet, on any JDK from 17: GCM as NIST
 * SP 800-38D §7 composes it, from SunJCE's own AES counter mode and GHASH
 * ({@code com.sun.crypto.provider.CounterMode} over {@code AESCrypt}, {@code GHASH}), the loops the
 * JIT replaces by its AES-NI and carry-less-multiply stubs, called through method handles instead
 * of the {@code Cipher} API, whose {@code init} allocates about 1.1 KB per packet. Needs
 * {@code java.base/com.sun.crypto.provider} opened to routerlab: the jar's {@code Add-Opens}, the
 * tests' {@code --add-opens}, else before JDK 24 this class opens it at first use; {@link GcmEngine}
 * takes libcrypto or JCE where it is not open, or where this engine disagrees with JCE on a packet
 * sealed when the class loads.
 *
 * <p>Per SA direction: one counter mode keyed once, the GHASH of H = E(K, 0¹²⁸) (§6.4), scratch
 * blocks. Per packet (§7.1): J0 = salt | explicit IV | 1; E(K, J0) from the counter's first block,
 * the payload from J0 + 1 on; S = GHASH(AAD ‖ 0 ‖ C ‖ 0 ‖ len(AAD) ‖ len(C)); tag = S ⊕ E(K, J0).
 * Opening checks the tag before decrypting: a packet that fails it is left as it came.
 * Not thread-safe: one thread at a time, as the SA.
 */
final class JceCoreGcm extends Rfc4106Gcm {
    private final Object ctr;                      // CounterMode(AESCrypt)
    private final byte[] counterBlock = new byte[16];   // the counter's IV: J0
    private final Object ghash;                    // GHASH(H)
    private final long[] ghashState;               // GHASH's accumulator, zeroed per packet
    private final byte[] ek0 = new byte[16];       // E(K, J0)
    private final byte[] zero = new byte[16];      // read only
    private final byte[] block = new byte[16];     // a padded partial block, the length block

    JceCoreGcm(byte[] key, byte[] salt) throws GeneralSecurityException {
        if (Core.REASON != null) throw new GeneralSecurityException("JCE's GCM core unavailable: " + Core.REASON);
        try {
            ctr = Core.NEW_COUNTER_MODE.invokeExact(Core.NEW_AES.invokeExact());
            Core.INIT.invokeExact(ctr, false, "AES", key, counterBlock);
            byte[] h = new byte[16];                       // §6.4: H = E(K, 0^128), the counter at zero
            Core.RESET.invokeExact(ctr);
            Core.ENCRYPT.invokeExact(ctr, zero, 0, 16, h, 0);
            ghash = Core.NEW_GHASH.invokeExact(h);
            ghashState = (long[]) Core.GHASH_STATE.invokeExact(ghash);
            Arrays.fill(h, (byte) 0);
        } catch (GeneralSecurityException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        }
        System.arraycopy(salt, 0, counterBlock, 0, 4);
    }

    @Override
    String engine() {
        return "JCE core";
    }

    @Override
    void seal(byte[] buf, int espOff, int ptLen, long seq, byte[] fixedIv) throws GeneralSecurityException {
        int ivOff = writeIv(buf, espOff, seq, fixedIv);
        int ptOff = ivOff + IV;
        try {
            start(buf, ivOff);
            Core.ENCRYPT.invokeExact(ctr, buf, ptOff, ptLen, buf, ptOff);
            ghash(buf, espOff, buf, ptOff, ptLen);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        }
        int tagOff = ptOff + ptLen;
        tag(buf, tagOff);
    }

    @Override
    boolean open(byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int ctOff = off + HEADER + IV;
        int ctLen = len - HEADER - IV - TAG;
        try {
            start(in, off + HEADER);
            ghash(in, off, in, ctOff, ctLen);
            tag(block, 0);
            if (!equalsConstantTime(block, 0, in, ctOff + ctLen, TAG)) return false;
            Core.ENCRYPT.invokeExact(ctr, in, ctOff, ctLen, out, outOff);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        }
        return true;
    }

    /** J0 = salt | the packet's IV | 1 (§7.1 for a 96-bit IV); E(K, J0) into ek0; the counter then at J0 + 1. */
    private void start(byte[] b, int ivOff) throws Throwable {
        System.arraycopy(b, ivOff, counterBlock, 4, IV);
        counterBlock[12] = 0;
        counterBlock[13] = 0;
        counterBlock[14] = 0;
        counterBlock[15] = 1;
        Core.RESET.invokeExact(ctr);
        Core.ENCRYPT.invokeExact(ctr, zero, 0, 16, ek0, 0);
    }

    /** S = GHASH_H(AAD ‖ 0^v ‖ C ‖ 0^u ‖ [len(AAD)]64 ‖ [len(C)]64) (§7.1 step 5) into the state. */
    private void ghash(byte[] aad, int aadOff, byte[] c, int cOff, int cLen) throws Throwable {
        ghashState[0] = 0;
        ghashState[1] = 0;
        System.arraycopy(aad, aadOff, block, 0, HEADER);
        Arrays.fill(block, HEADER, 16, (byte) 0);
        Core.GHASH_UPDATE.invokeExact(ghash, block, 0, 16);
        int whole = cLen & ~15;
        Core.GHASH_UPDATE.invokeExact(ghash, c, cOff, whole);
        if (whole < cLen) {
            System.arraycopy(c, cOff + whole, block, 0, cLen - whole);
            Arrays.fill(block, cLen - whole, 16, (byte) 0);
            Core.GHASH_UPDATE.invokeExact(ghash, block, 0, 16);
        }
        putLong(block, 0, HEADER * 8L);
        putLong(block, 8, cLen * 8L);
        Core.GHASH_UPDATE.invokeExact(ghash, block, 0, 16);
    }

    /** tag = S ⊕ E(K, J0) at {@code out[off, off+16)}; S is GHASH's state, big-endian. */
    private void tag(byte[] out, int off) {
        long s0 = ghashState[0];
        long s1 = ghashState[1];
        for (int i = 0; i < 8; i++) {
            out[off + i] = (byte) ((s0 >>> (56 - 8 * i)) ^ ek0[i]);
            out[off + 8 + i] = (byte) ((s1 >>> (56 - 8 * i)) ^ ek0[8 + i]);
        }
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    /** Whether this engine loaded in this JVM. */
    static boolean available() {
        return Core.REASON == null;
    }

    /** Why it did not (null when it did). */
    static String unavailableReason() {
        return Core.REASON;
    }

    /** SunJCE's classes, reached on first use, and the check against JCE. */
    private static final class Core {
        static final MethodHandle NEW_AES, NEW_COUNTER_MODE, INIT, RESET, ENCRYPT, NEW_GHASH, GHASH_UPDATE, GHASH_STATE;
        static final String REASON;

        static {
            MethodHandle[] h = new MethodHandle[8];
            String reason = null;
            try {
                ClassLoader boot = null;
                Class<?> aes = Class.forName("com.sun.crypto.provider.AESCrypt", false, boot);
                Class<?> symmetric = Class.forName("com.sun.crypto.provider.SymmetricCipher", false, boot);
                Class<?> counter = Class.forName("com.sun.crypto.provider.CounterMode", false, boot);
                Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH", false, boot);
                openToRouterlab(aes.getModule(), aes.getPackageName());
                MethodHandles.Lookup me = MethodHandles.lookup();
                MethodHandles.Lookup a = MethodHandles.privateLookupIn(aes, me);
                MethodHandles.Lookup c = MethodHandles.privateLookupIn(counter, me);
                MethodHandles.Lookup g = MethodHandles.privateLookupIn(ghash, me);
                h[0] = a.findConstructor(aes, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class));
                h[1] = c.findConstructor(counter, MethodType.methodType(void.class, symmetric))
                        .asType(MethodType.methodType(Object.class, Object.class));
                h[2] = c.findVirtual(counter, "init", MethodType.methodType(void.class, boolean.class, String.class,
                        byte[].class, byte[].class)).asType(MethodType.methodType(void.class, Object.class,
                        boolean.class, String.class, byte[].class, byte[].class));
                h[3] = c.findVirtual(counter, "reset", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                MethodType crypt = MethodType.methodType(int.class, byte[].class, int.class, int.class, byte[].class, int.class);
                h[4] = c.findVirtual(counter, "encrypt", crypt)      // the count it returns dropped
                        .asType(crypt.changeReturnType(void.class).insertParameterTypes(0, Object.class));
                h[5] = g.findConstructor(ghash, MethodType.methodType(void.class, byte[].class))
                        .asType(MethodType.methodType(Object.class, byte[].class));
                h[6] = g.findVirtual(ghash, "update", MethodType.methodType(int.class, byte[].class, int.class, int.class))
                        .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
                h[7] = g.findGetter(ghash, "state", long[].class)
                        .asType(MethodType.methodType(long[].class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // another JDK's SunJCE, or the package not opened to us (IllegalAccessException)
                reason = e.toString();
            } catch (Throwable e) {
                reason = e.toString();   // opening it failed
            }
            NEW_AES = h[0];
            NEW_COUNTER_MODE = h[1];
            INIT = h[2];
            RESET = h[3];
            ENCRYPT = h[4];
            NEW_GHASH = h[5];
            GHASH_UPDATE = h[6];
            GHASH_STATE = h[7];
            // the check builds an engine while this class initialises: the handles are set, REASON still reads null
            REASON = reason != null ? reason : agreesWithJce();
        }

        /**
         * Opens SunJCE's package to routerlab where the JVM was started without the jars'
         * {@code Add-Opens}: {@code bin/routerlab} on JDK 13-21 starts the classes by {@code -cp}, as
         * JDK 17's launcher applies a manifest's {@code Add-Opens} with its first lambdas, ≈ 5 ms of
         * a launch (BENCHMARKS "Launch, 2026-12-07 evening"). The JDK's own trusted lookup, read
         * through {@code sun.misc.Unsafe} (module {@code jdk.unsupported}), opens it to this module
         * alone; before JDK 24 silently. From 24 on {@code Unsafe} warns at that use (JEP 498), and
         * nothing is tried: there the jars' {@code Add-Opens}, or {@code bin/routerlab}'s
         * {@code --add-opens} (recorded in its AOT cache), cost a launch nothing.
         */
        private static void openToRouterlab(Module base, String pkg) throws Throwable {
            Module me = JceCoreGcm.class.getModule();
            if (base.isOpen(pkg, me) || Runtime.version().feature() >= 24) return;
            Class<?> u = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field the = u.getDeclaredField("theUnsafe");
            the.setAccessible(true);
            Object unsafe = the.get(null);
            java.lang.reflect.Field impl = MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
            Object holder = u.getMethod("staticFieldBase", java.lang.reflect.Field.class).invoke(unsafe, impl);
            long offset = (Long) u.getMethod("staticFieldOffset", java.lang.reflect.Field.class).invoke(unsafe, impl);
            MethodHandles.Lookup trusted = (MethodHandles.Lookup) u.getMethod("getObject", Object.class, long.class)
                    .invoke(unsafe, holder, offset);
            MethodHandle open = trusted.findVirtual(Module.class, "implAddOpens",
                    MethodType.methodType(void.class, String.class, Module.class));
            open.invokeExact(base, pkg, me);
        }

        /** Null when a packet sealed here equals JCE's and opens, else what differed. */
        private static String agreesWithJce() {
            try {
                byte[] key = new byte[16];
                byte[] salt = new byte[4];
                for (int i = 0; i < 16; i++) key[i] = (byte) (0x5a ^ 37 * i);
                for (int i = 0; i < 4; i++) salt[i] = (byte) (0xc3 + i);
                int ptLen = 53;                       // a partial last block
                int len = HEADER + IV + ptLen + TAG;
                byte[] mine = new byte[len];
                for (int i = 0; i < HEADER + IV + ptLen; i++) mine[i] = (byte) (i * 11 + 3);
                byte[] jce = mine.clone();
                JceCoreGcm core = new JceCoreGcm(key, salt);
                core.seal(mine, 0, ptLen, 0x1234_5678_9abcL, null);
                new GcmCrypto(key, salt).seal(jce, 0, ptLen, 0x1234_5678_9abcL, null);
                if (!Arrays.equals(mine, jce)) return "its AES-GCM differs from JCE's";
                byte[] plain = new byte[ptLen];
                if (!core.open(mine, 0, len, plain, 0)) return "it failed to open its own packet";
                mine[len - 1] ^= 1;
                if (core.open(mine, 0, len, plain, 0)) return "it opened a packet with a wrong tag";
                return null;
            } catch (GeneralSecurityException | RuntimeException e) {
                return e.toString();
            }
        }
    }
}
