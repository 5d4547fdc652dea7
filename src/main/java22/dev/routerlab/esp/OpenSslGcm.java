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
 * nonce ({@code EVP_CipherInit_ex}), the AAD, the payload and the tag. Every argument is a whole
 * native segment made with the SA (nonce, AAD, tag, length word, a payload buffer that grows to
 * the largest packet seen), the payload copied in and out: nothing is allocated per packet
 * whatever C2 inlines. (Passing the packet's heap array to critical downcalls saves the copies,
 * but its segment views are only scalar-replaced when the whole call inlines, which failed inside
 * the router's path: 248 B per packet and direction.) A packet whose ICV does not match is left
 * as it came (JCE's in-place GCM leaves the unverified plaintext).
 *
 * <p>The native memory belongs to automatic arenas: usable from any thread, as the SA is (a TUN
 * reader or the lab's thread, one at a time: not thread-safe), freed with the context
 * ({@code EVP_CIPHER_CTX_free} cleanses the key schedule) when the SA is collected.
 */
final class OpenSslGcm extends Rfc4106Gcm {
    private static final int CTRL_GET_TAG = 0x10;   // EVP_CTRL_AEAD_GET_TAG
    private static final int CTRL_SET_TAG = 0x11;   // EVP_CTRL_AEAD_SET_TAG

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBCRYPTO = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);  // short calls: no thread-state change
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

    private final MemorySegment ctx;        // the EVP_CIPHER_CTX as a plain address
    @SuppressWarnings("unused")
    private final MemorySegment lifetime;   // the same, in the arena: EVP_CIPHER_CTX_free when collected
    private final MemorySegment nonce;      // salt | explicit IV
    private final MemorySegment aad;        // SPI | sequence number
    private final MemorySegment tag;
    private final MemorySegment outLength;
    private MemorySegment data = MemorySegment.NULL;   // the payload, encrypted or decrypted in place

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
            ctx = raw;   // global scope: no session to acquire per call; the fence in seal/open keeps it
            lifetime = raw.reinterpret(0, arena, OpenSslGcm::free);
            nonce = arena.allocate(12);
            aad = arena.allocate(HEADER);
            tag = arena.allocate(TAG);
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
    void seal(byte[] buf, int espOff, int ptLen, long seq, byte[] fixedIv) throws GeneralSecurityException {
        int ivOff = writeIv(buf, espOff, seq, fixedIv);
        int ptOff = ivOff + IV;
        MemorySegment d = room(ptLen);
        MemorySegment.copy(buf, ivOff, nonce, JAVA_BYTE, 4, IV);
        MemorySegment.copy(buf, espOff, aad, JAVA_BYTE, 0, HEADER);
        MemorySegment.copy(buf, ptOff, d, JAVA_BYTE, 0, ptLen);
        boolean ok;
        try {
            ok = (int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, nonce, 1) == 1
                    && (int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outLength, aad, HEADER) == 1
                    && (int) UPDATE.invokeExact(ctx, d, outLength, d, ptLen) == 1
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
        MemorySegment.copy(d, JAVA_BYTE, 0, buf, ptOff, ptLen);
        MemorySegment.copy(tag, JAVA_BYTE, 0, buf, ptOff + ptLen, TAG);
    }

    @Override
    boolean open(byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int ctLen = len - HEADER - IV - TAG;
        MemorySegment d = room(ctLen);
        MemorySegment.copy(in, off + HEADER, nonce, JAVA_BYTE, 4, IV);
        MemorySegment.copy(in, off, aad, JAVA_BYTE, 0, HEADER);
        MemorySegment.copy(in, off + HEADER + IV, d, JAVA_BYTE, 0, ctLen);
        MemorySegment.copy(in, off + len - TAG, tag, JAVA_BYTE, 0, TAG);
        boolean ready;
        int verified;
        try {
            ready = (int) INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, nonce, 0) == 1
                    && (int) CTRL.invokeExact(ctx, CTRL_SET_TAG, TAG, tag) == 1
                    && (int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outLength, aad, HEADER) == 1
                    && (int) UPDATE.invokeExact(ctx, d, outLength, d, ctLen) == 1
                    && outLength.get(JAVA_INT, 0) == ctLen;
            verified = ready ? (int) FINAL.invokeExact(ctx, tag, outLength) : 0;   // 1: the ICV matches
        } catch (Throwable e) {
            throw new GeneralSecurityException(e);
        } finally {
            Reference.reachabilityFence(this);
        }
        if (!ready) {
            throw new GeneralSecurityException("libcrypto failed to open");
        }
        if (verified != 1) {
            return false;
        }
        MemorySegment.copy(d, JAVA_BYTE, 0, out, outOff, ctLen);
        return true;
    }

    /**
     * The payload buffer, at least {@code len} octets: made at the first packet (an SA that never
     * carries one costs none), grown (rarely) to a power of two, the old one left to its arena.
     */
    private MemorySegment room(int len) {
        MemorySegment d = data;
        if (d.byteSize() < len || d.byteSize() == 0) {
            d = Arena.ofAuto().allocate(Math.max(2048, Integer.highestOneBit(len - 1) << 1));
            data = d;
        }
        return d;
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
