package dev.routerlab.esp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * AES-GCM for ESP (RFC 4106) on OpenSSL's libcrypto through the foreign function API (JDK 22+,
 * the jar's {@code META-INF/versions/22}; chosen by {@link GcmEngine}). The framing is
 * {@link Rfc4106Gcm}'s: nonce = 4-octet salt | 8-octet explicit IV (the sequence number, §3.1),
 * AAD = SPI | sequence number (§5), 16-octet ICV.
 *
 * <p>The cipher's functions are called in the provider that implements {@code AES-n-GCM}
 * (OpenSSL's default provider: {@code EVP_CIPHER_fetch}, {@code EVP_CIPHER_get0_provider}, its
 * dispatch table from {@code OSSL_PROVIDER_query_operation}, provider-base(7)), not through
 * {@code EVP_Cipher*}: OpenSSL 3's EVP layer costs about 100 ns per packet around the provider's
 * calls, a fifth of a 1400-octet packet's time. One provider context per SA direction, its key
 * schedule set once; per packet four calls to open (init with the nonce and the expected tag,
 * the AAD, the payload, final: the tag check) and five to seal (init with the nonce, the AAD,
 * the payload, final, the tag as a parameter). Every argument is a whole native segment made with
 * the SA (nonce, AAD, tag, its parameter, length word, a payload buffer that grows to the largest
 * packet seen), the payload copied in and out: nothing is allocated per packet whatever C2
 * inlines. (The packet's heap array passed to critical downcalls saves the copies, about 20 ns
 * at 1400 octets, but its segment views are only scalar-replaced when the whole call inlines:
 * 32 to 150 B per packet in a probe, 248 B inside the router's path.) A packet whose ICV does not
 * match is left as it came (JCE's in-place GCM leaves the unverified plaintext).
 *
 * <p>The native memory belongs to automatic arenas: usable from any thread, as the SA is (a TUN
 * reader or the lab's thread, one at a time: not thread-safe), freed with the context (the
 * provider's {@code freectx} cleanses the key schedule) when the SA is collected.
 */
final class OpenSslGcm extends Rfc4106Gcm {
    private static final int OP_CIPHER = 2;                 // OSSL_OP_CIPHER
    private static final int FN_NEWCTX = 1, FN_ENCRYPT_INIT = 2, FN_DECRYPT_INIT = 3, FN_UPDATE = 4,
            FN_FINAL = 5, FN_FREECTX = 7, FN_GET_CTX_PARAMS = 10;   // OSSL_FUNC_CIPHER_*
    private static final int OCTET_STRING = 5;              // OSSL_PARAM_OCTET_STRING
    /** OSSL_PARAM: key, data_type, data, data_size, return_size. */
    private static final StructLayout PARAM = MemoryLayout.structLayout(ADDRESS.withName("key"),
            JAVA_INT.withName("data_type"), MemoryLayout.paddingLayout(4), ADDRESS.withName("data"),
            JAVA_LONG.withName("data_size"), JAVA_LONG.withName("return_size"));
    /** OSSL_ALGORITHM: algorithm_names, property_definition, implementation, algorithm_description. */
    private static final long ALGORITHM_SIZE = 4 * ADDRESS.byteSize();
    private static final long ALGORITHM_IMPLEMENTATION = 2 * ADDRESS.byteSize();
    /** OSSL_DISPATCH: function_id (int), function. */
    private static final long DISPATCH_SIZE = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBCRYPTO = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);  // short calls: no thread-state change
    private static final FunctionDescriptor INIT_FN = FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
    /** The provider's AES-GCM, one table per key size (their per-packet functions are the same). */
    private static final Provider P128 = Provider.of("AES-128-GCM");
    private static final Provider P192 = Provider.of("AES-192-GCM");
    private static final Provider P256 = Provider.of("AES-256-GCM");
    private static final MethodHandle ENCRYPT_INIT = LINKER.downcallHandle(P128.fn(FN_ENCRYPT_INIT), INIT_FN, CRITICAL);
    private static final MethodHandle DECRYPT_INIT = LINKER.downcallHandle(P128.fn(FN_DECRYPT_INIT), INIT_FN, CRITICAL);
    private static final MethodHandle UPDATE = LINKER.downcallHandle(P128.fn(FN_UPDATE), FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), CRITICAL);
    private static final MethodHandle FINAL = LINKER.downcallHandle(P128.fn(FN_FINAL), FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), CRITICAL);
    private static final MethodHandle GET_CTX_PARAMS = LINKER.downcallHandle(P128.fn(FN_GET_CTX_PARAMS),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), CRITICAL);
    private static final MemorySegment TAG_KEY = Arena.global().allocateFrom("tag");   // OSSL_CIPHER_PARAM_AEAD_TAG
    /** "OpenSSL 3.0.19": the library's name and version. */
    private static final String VERSION = version();

    private final MemorySegment ctx;        // the provider's cipher context as a plain address
    @SuppressWarnings("unused")
    private final MemorySegment lifetime;   // the same, in the arena: freectx when collected
    private final MemorySegment nonce;      // salt | explicit IV
    private final MemorySegment aad;        // SPI | sequence number
    private final MemorySegment tag;
    private final MemorySegment tagParam;   // {"tag", octet string, tag, 16}, end: the tag in and out
    private final MemorySegment outLength;  // size_t
    private MemorySegment data = MemorySegment.NULL;   // the payload, encrypted or decrypted in place

    OpenSslGcm(byte[] key, byte[] salt) throws GeneralSecurityException {
        Provider p = switch (key.length) {
            case 16 -> P128;
            case 24 -> P192;
            case 32 -> P256;
            default -> throw new InvalidKeyException("AES-GCM key of " + key.length + " octets");
        };
        if (!p.sharesPerPacketFunctions(P128)) {
            throw new GeneralSecurityException("libcrypto's " + p.name + " is not AES-128-GCM's implementation");
        }
        Arena arena = Arena.ofAuto();
        try {
            MemorySegment raw = (MemorySegment) p.newCtx.invokeExact(p.provCtx);
            if (raw.equals(MemorySegment.NULL)) {
                throw new GeneralSecurityException(p.name + " newctx failed");
            }
            ctx = raw;   // global scope: no session to acquire per call; the fence in seal/open keeps it
            lifetime = raw.reinterpret(0, arena, p.free);
            nonce = arena.allocate(12);
            aad = arena.allocate(HEADER);
            tag = arena.allocate(TAG);
            outLength = arena.allocate(JAVA_LONG);
            tagParam = arena.allocate(PARAM, 2);   // zeroed: the second is the end
            tagParam.set(ADDRESS, 0, TAG_KEY);
            tagParam.set(JAVA_INT, PARAM.byteOffset(PathElement.groupElement("data_type")), OCTET_STRING);
            tagParam.set(ADDRESS, PARAM.byteOffset(PathElement.groupElement("data")), tag);
            tagParam.set(JAVA_LONG, PARAM.byteOffset(PathElement.groupElement("data_size")), TAG);
            tagParam.set(JAVA_LONG, PARAM.byteOffset(PathElement.groupElement("return_size")), -1L);  // OSSL_PARAM_UNMODIFIED
            MemorySegment.copy(salt, 0, nonce, JAVA_BYTE, 0, 4);
            MemorySegment k = arena.allocate(key.length);
            MemorySegment.copy(key, 0, k, JAVA_BYTE, 0, key.length);
            int ok = (int) ENCRYPT_INIT.invokeExact(ctx, k, (long) key.length, MemorySegment.NULL, 0L, MemorySegment.NULL);
            k.fill((byte) 0);
            if (ok != 1) {
                throw new GeneralSecurityException(p.name + " refused the key");
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
            ok = (int) ENCRYPT_INIT.invokeExact(ctx, MemorySegment.NULL, 0L, nonce, 12L, MemorySegment.NULL) == 1
                    && (int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outLength, (long) HEADER, aad, (long) HEADER) == 1
                    && (int) UPDATE.invokeExact(ctx, d, outLength, (long) ptLen, d, (long) ptLen) == 1
                    && outLength.get(JAVA_LONG, 0) == ptLen
                    && (int) FINAL.invokeExact(ctx, tag, outLength, (long) TAG) == 1
                    && (int) GET_CTX_PARAMS.invokeExact(ctx, tagParam) == 1;
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
            ready = (int) DECRYPT_INIT.invokeExact(ctx, MemorySegment.NULL, 0L, nonce, 12L, tagParam) == 1   // the tag to expect
                    && (int) UPDATE.invokeExact(ctx, MemorySegment.NULL, outLength, (long) HEADER, aad, (long) HEADER) == 1
                    && (int) UPDATE.invokeExact(ctx, d, outLength, (long) ctLen, d, (long) ctLen) == 1
                    && outLength.get(JAVA_LONG, 0) == ctLen;
            verified = ready ? (int) FINAL.invokeExact(ctx, tag, outLength, (long) TAG) : 0;   // 1: the ICV matches
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
            d = Arena.ofAuto().allocate(Math.max(2048, Integer.highestOneBit(Math.max(len, 1) - 1) << 1));
            data = d;
        }
        return d;
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LIBCRYPTO.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("libcrypto.so.3 lacks " + name)), d);
    }

    /** One provider's implementation of an AES-GCM cipher: its dispatch table and context. */
    private static final class Provider {
        final String name;
        final MemorySegment provCtx;
        final MemorySegment[] fns = new MemorySegment[16];
        final MethodHandle newCtx;
        final java.util.function.Consumer<MemorySegment> free;

        private Provider(String name, MemorySegment provCtx, MemorySegment dispatch) {
            this.name = name;
            this.provCtx = provCtx;
            for (long o = 0; ; o += DISPATCH_SIZE) {
                int id = dispatch.get(JAVA_INT, o);
                if (id == 0) break;
                if (id < fns.length) fns[id] = dispatch.get(ADDRESS, o + 8);
            }
            newCtx = LINKER.downcallHandle(fn(FN_NEWCTX), FunctionDescriptor.of(ADDRESS, ADDRESS));
            MethodHandle freeCtx = LINKER.downcallHandle(fn(FN_FREECTX), FunctionDescriptor.ofVoid(ADDRESS));
            free = c -> {
                try {
                    freeCtx.invokeExact(c);
                } catch (Throwable e) {
                    // nothing to do on a cleaner thread: the memory is lost
                }
            };
        }

        MemorySegment fn(int id) {
            MemorySegment f = fns[id];
            if (f == null || f.equals(MemorySegment.NULL)) {
                throw new UnsatisfiedLinkError(name + ": the provider lacks cipher function " + id);
            }
            return f;
        }

        boolean sharesPerPacketFunctions(Provider o) {
            for (int id : new int[] {FN_ENCRYPT_INIT, FN_DECRYPT_INIT, FN_UPDATE, FN_FINAL, FN_GET_CTX_PARAMS}) {
                if (!fn(id).equals(o.fn(id))) return false;
            }
            return true;
        }

        /** The implementation EVP would use for {@code name} (the default provider's, as configured). */
        static Provider of(String name) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment cipher = (MemorySegment) FETCH.invokeExact(MemorySegment.NULL, a.allocateFrom(name), MemorySegment.NULL);
                if (cipher.equals(MemorySegment.NULL)) {
                    throw new UnsatisfiedLinkError("libcrypto has no " + name);
                }
                MemorySegment prov = (MemorySegment) GET0_PROVIDER.invokeExact(cipher);
                MemorySegment provCtx = (MemorySegment) PROVIDER_CTX.invokeExact(prov);
                MemorySegment algs = ((MemorySegment) QUERY.invokeExact(prov, OP_CIPHER, a.allocate(JAVA_INT)))
                        .reinterpret(Long.MAX_VALUE);
                // the EVP_CIPHER is kept (not freed): it holds a reference on the provider for good
                for (long o = 0; ; o += ALGORITHM_SIZE) {
                    MemorySegment names = algs.get(ADDRESS, o);
                    if (names.equals(MemorySegment.NULL)) break;
                    for (String n : names.reinterpret(1024).getString(0).split(":")) {
                        if (n.equalsIgnoreCase(name)) {
                            return new Provider(name, provCtx,
                                    algs.get(ADDRESS, o + ALGORITHM_IMPLEMENTATION).reinterpret(Long.MAX_VALUE));
                        }
                    }
                }
                throw new UnsatisfiedLinkError("libcrypto's provider does not list " + name);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new UnsatisfiedLinkError(e.toString());
            }
        }

        private static final MethodHandle FETCH = handle("EVP_CIPHER_fetch", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        private static final MethodHandle GET0_PROVIDER = handle("EVP_CIPHER_get0_provider", FunctionDescriptor.of(ADDRESS, ADDRESS));
        private static final MethodHandle PROVIDER_CTX = handle("OSSL_PROVIDER_get0_provider_ctx", FunctionDescriptor.of(ADDRESS, ADDRESS));
        private static final MethodHandle QUERY = handle("OSSL_PROVIDER_query_operation",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
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
