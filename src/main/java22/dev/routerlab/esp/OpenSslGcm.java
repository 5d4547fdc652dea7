package dev.routerlab.esp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * AES-GCM for ESP (RFC 4106) on OpenSSL's libcrypto through the foreign function API (JDK 22+,
 * the jar's {@code META-INF/versions/22}; chosen by {@link GcmEngine}). The framing is
 * {@link GcmCrypto}'s: nonce = 4-octet salt | 8-octet explicit IV (the sequence number, §3.1),
 * AAD = SPI | sequence number (§5), 16-octet ICV.
 *
 * <p>One {@code EVP_CIPHER_CTX} per SA direction, its key schedule set once; per packet only the
 * nonce ({@code EVP_CipherInit_ex}), the AAD, the payload in place and the tag. The packet's heap
 * array goes to libcrypto as it is (critical downcalls: no copy; the GC waits for the call, a
 * microsecond for 1400 octets), and C2 scalar-replaces the segment views of it, so nothing is
 * allocated per packet once compiled. The nonce, length word and key live in an automatic arena:
 * usable from any thread, as the SA is (a TUN reader or the lab's thread, one at a time: not
 * thread-safe), and freed with the context ({@code EVP_CIPHER_CTX_free} cleanses the key
 * schedule) when the SA is collected.
 */
final class OpenSslGcm extends EspCrypto {
    private static final int IV = 8;
    private static final int TAG = 16;
    private static final int CTRL_GET_TAG = 0x10;   // EVP_CTRL_AEAD_GET_TAG
    private static final int CTRL_SET_TAG = 0x11;   // EVP_CTRL_AEAD_SET_TAG

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBCRYPTO = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);  // heap arrays allowed
    private static final MethodHandle CTX_NEW = handle("EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle CTX_FREE = handle("EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle AES_128_GCM = handle("EVP_aes_128_gcm", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle AES_192_GCM = handle("EVP_aes_192_gcm", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle AES_256_GCM = handle("EVP_aes_256_gcm", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle INIT = handle("EVP_CipherInit_ex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), CRITICAL);
    private static final MethodHandle UPDATE = handle("EVP_CipherUpdate",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), CRITICAL);
    private static final MethodHandle FINAL = handle("EVP_CipherFinal_ex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CRITICAL);
    private static final MethodHandle CTRL = handle("EVP_CIPHER_CTX_ctrl",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), CRITICAL);
    /** "OpenSSL 3.0.19": the library's name and version. */
    private static final String VERSION = version();

    private final MemorySegment ctx;        // the EVP_CIPHER_CTX, global scope
    @SuppressWarnings("unused")
    private final MemorySegment lifetime;   // the same, in the arena: EVP_CIPHER_CTX_free when collected
    private final MemorySegment nonce;   // salt | explicit IV
    private final MemorySegment outLength;

    OpenSslGcm(byte[] key, byte[] salt) throws GeneralSecurityException {
        Arena arena = Arena.ofAuto();
        try {
            MemorySegment cipher = switch (key.length) {
                case 16 -> (MemorySegment) AES_128_GCM.invokeExact();
                case 24 -> (MemorySegment) AES_192_GCM.invokeExact();
                case 32 -> (MemorySegment) AES_256_GCM.invokeExact();
                default -> throw new InvalidKeyException("AES-GCM key of " + key.length + " octets");
            };
            MemorySegment raw = (MemorySegment) CTX_NEW.invokeExact();
            if (raw.equals(MemorySegment.NULL)) {
                throw new GeneralSecurityException("EVP_CIPHER_CTX_new failed");
            }
            // Calls take the context as a plain address: when it came from the arena, a different
            // memory session in its argument made C2 keep the packet's segments on the heap (32 B
            // per packet). The arena frees it through this twin, as long as the engine lives.
            ctx = raw;
            lifetime = raw.reinterpret(0, arena, OpenSslGcm::free);
            nonce = arena.allocate(12);
            outLength = arena.allocate(JAVA_INT);
            MemorySegment.copy(salt, 0, nonce, JAVA_BYTE, 0, 4);
            MemorySegment k = arena.allocate(key.length);
            MemorySegment.copy(key, 0, k, JAVA_BYTE, 0, key.length);
            int ok = (int) INIT.invokeExact(ctx, cipher, MemorySegment.NULL, k, MemorySegment.NULL, 1);
            k.fill((byte) 0);
            if (ok != 1) {
                throw new GeneralSecurityException("EVP_CipherInit_ex refused the key");
            }
        } catch (GeneralSecurityException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        }
    }

    @Override
    String engine() { return VERSION; }

    @Override
    int ivLength() { return IV; }

    @Override
    int icvLength() { return TAG; }

    @Override
    int alignment() { return 4; }

    @Override
    void seal(byte[] buf, int espOff, int ptLen, long seq, byte[] fixedIv) throws GeneralSecurityException {
        int ivOff = espOff + HEADER;
        if (fixedIv != null) {
            System.arraycopy(fixedIv, 0, buf, ivOff, IV);
        } else {
            for (int i = 0; i < IV; i++) {
                buf[ivOff + i] = (byte) (seq >>> (56 - 8 * i));
            }
        }
        MemorySegment.copy(buf, ivOff, nonce, JAVA_BYTE, 4, IV);
        MemorySegment b = MemorySegment.ofArray(buf);
        MemorySegment text = b.asSlice(ivOff + IV, ptLen + TAG);   // plaintext, then room for the ICV
        MemorySegment tag = text.asSlice(ptLen, TAG);
        boolean ok;
        try {
            ok = (int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, nonce, 1) == 1
                    && (int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outLength, b.asSlice(espOff, HEADER), HEADER) == 1
                    && (int) UPDATE.invokeExact(ctx, text, outLength, text, ptLen) == 1
                    && outLength.get(JAVA_INT, 0) == ptLen
                    && (int) FINAL.invokeExact(ctx, tag, outLength) == 1
                    && (int) CTRL.invokeExact(ctx, CTRL_GET_TAG, TAG, tag) == 1;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        } finally {
            Reference.reachabilityFence(this);   // the context is not freed under the call
        }
        if (!ok) {
            throw new GeneralSecurityException("libcrypto failed to seal");
        }
    }

    @Override
    boolean open(byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int ctLen = len - HEADER - IV - TAG;
        MemorySegment.copy(in, off + HEADER, nonce, JAVA_BYTE, 4, IV);
        MemorySegment src = MemorySegment.ofArray(in);
        MemorySegment ct = src.asSlice(off + HEADER + IV, ctLen);
        MemorySegment pt = MemorySegment.ofArray(out).asSlice(outOff, ctLen);  // the same octets when in place
        boolean ready;
        int verified;
        try {
            ready = (int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, nonce, 0) == 1
                    && (int) CTRL.invokeExact(ctx, CTRL_SET_TAG, TAG, src.asSlice(off + len - TAG, TAG)) == 1
                    && (int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outLength, src.asSlice(off, HEADER), HEADER) == 1
                    && (int) UPDATE.invokeExact(ctx, pt, outLength, ct, ctLen) == 1
                    && outLength.get(JAVA_INT, 0) == ctLen;
            // 1 when the ICV matches; the plaintext written meanwhile is dropped with the packet otherwise
            verified = ready ? (int) FINAL.invokeExact(ctx, pt, outLength) : 0;
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        } finally {
            Reference.reachabilityFence(this);
        }
        if (!ready) {
            throw new GeneralSecurityException("libcrypto failed to open");
        }
        return verified == 1;
    }

    private static MethodHandle handle(String name, FunctionDescriptor d, Linker.Option... options) {
        return LINKER.downcallHandle(LIBCRYPTO.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("libcrypto.so.3 lacks " + name)), d, options);
    }

    /** Cleanup of the automatic arena: frees the context (and cleanses its key schedule). */
    private static void free(MemorySegment ctx) {
        try {
            CTX_FREE.invokeExact(ctx);
        } catch (Throwable e) {
            // nothing to do on a cleaner thread: the memory is lost
        }
    }

    private static String version() {
        try {
            MethodHandle h = handle("OpenSSL_version", FunctionDescriptor.of(ADDRESS, JAVA_INT));
            String v = ((MemorySegment) h.invokeExact(0)).reinterpret(256).getString(0);
            String[] w = v.split(" ");
            return w.length >= 2 ? w[0] + " " + w[1] : v;
        } catch (Throwable e) {
            return "OpenSSL";
        }
    }
}
