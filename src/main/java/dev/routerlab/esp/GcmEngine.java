package dev.routerlab.esp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;

/**
 * The library that runs ESP's AES-GCM (RFC 4106), the first that loads of (all measured per
 * packet in CPU time by {@code bench/gcm-vs-openssl.sh}, BENCHMARKS.md):
 * <ol>
 * <li>{@link #JCE_CORE}: {@link JceCoreGcm}, GCM composed from SunJCE's AES counter mode and GHASH
 * (needs {@code java.base/com.sun.crypto.provider} opened, as the jar's manifest does), nothing
 * allocated per packet; on JDK 25 it takes 10-20 % less CPU than libcrypto's to seal, as much to
 * open;</li>
 * <li>{@link #OPENSSL}: OpenSSL's libcrypto ({@code libcrypto.so.3}) through the JDK's foreign
 * function API, {@code OpenSslGcm}, a class that exists only for JDK 22+ (the jar's
 * {@code META-INF/versions/22}): one context of the provider's AES-GCM per SA direction, the
 * payload through a native buffer of the SA's, nothing allocated per packet;</li>
 * <li>{@link #JCE}: {@link GcmCrypto}, the {@code Cipher} API (about 1.1 KB allocated per packet
 * by {@code Cipher.init}).</li>
 * </ol>
 * The system property {@code routerlab.esp.gcm} ({@code jce}, {@code openssl}) makes new SAs use
 * that one where it loads.
 */
enum GcmEngine {
    JCE,
    JCE_CORE,
    OPENSSL;

    /** {@code -Drouterlab.esp.gcm=jce|openssl} chooses (for comparison). */
    static final String PROPERTY = "routerlab.esp.gcm";

    /** The engine new SAs get. */
    static GcmEngine preferred() {
        String chosen = System.getProperty(PROPERTY, "");
        if ("jce".equalsIgnoreCase(chosen)) return JCE;
        if ("openssl".equalsIgnoreCase(chosen) && Native.CONSTRUCTOR != null) return OPENSSL;
        if (JceCoreGcm.available()) return JCE_CORE;
        return Native.CONSTRUCTOR != null ? OPENSSL : JCE;
    }

    /** Whether {@link #OPENSSL} loaded in this JVM. */
    static boolean openSslAvailable() {
        return Native.CONSTRUCTOR != null;
    }

    /** Why {@link #OPENSSL} did not load (null when it did). */
    static String openSslUnavailableReason() {
        return Native.REASON;
    }

    /** One SA direction's AES-GCM with {@code key} (16 or 32 octets) and the 4-octet salt. */
    EspCrypto create(byte[] key, byte[] salt) throws GeneralSecurityException {
        if (this == JCE) {
            return new GcmCrypto(key, salt);
        }
        if (this == JCE_CORE) {
            return new JceCoreGcm(key, salt);
        }
        if (Native.CONSTRUCTOR == null) {
            throw new GeneralSecurityException("OpenSSL GCM unavailable: " + Native.REASON);
        }
        try {
            return (EspCrypto) Native.CONSTRUCTOR.invoke(key, salt);
        } catch (GeneralSecurityException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Loaded on first use: the JDK 22+ class and libcrypto behind it, or why not. */
    private static final class Native {
        static final MethodHandle CONSTRUCTOR;
        static final String REASON;

        static {
            MethodHandle c = null;
            String reason = null;
            if (Runtime.version().feature() < 22) {
                reason = "JDK " + Runtime.version().feature() + " (the foreign function API is final in 22)";
            } else {
                try {
                    Class<?> k = Class.forName("dev.routerlab.esp.OpenSslGcm");
                    c = MethodHandles.lookup().findConstructor(k,
                            MethodType.methodType(void.class, byte[].class, byte[].class));
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    // not built for 22 (a JDK 17 build), libcrypto.so.3 absent, native access denied
                    Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
                    reason = cause.toString();
                }
            }
            CONSTRUCTOR = c;
            REASON = reason;
        }
    }
}
