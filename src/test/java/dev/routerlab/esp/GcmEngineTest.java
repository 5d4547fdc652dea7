package dev.routerlab.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AES-GCM engines of ESP ({@link GcmEngine}): libcrypto through FFM on JDK 22+, JCE's core
 * (CounterMode and GHASH) where SunJCE is opened to us, the JCE {@code Cipher}. The RFC 4106
 * known answers run through each in {@link EspKnownAnswerTest}; here random packets are sealed by
 * each, compared octet for octet and with BouncyCastle's GCM (an implementation of its own),
 * opened by the others, tampered with.
 */
class GcmEngineTest {

    static List<GcmEngine> engines() {
        List<GcmEngine> l = new ArrayList<>(List.of(GcmEngine.JCE));
        if (JceCoreGcm.available()) l.add(GcmEngine.JCE_CORE);
        if (GcmEngine.openSslAvailable()) l.add(GcmEngine.OPENSSL);
        return l;
    }

    /**
     * JCE's core must load and be preferred (the tests open SunJCE as the jar does); on JDK 22+
     * the OpenSSL engine must load too (here libcrypto.so.3 is installed), on 17 it cannot; the
     * property chooses.
     */
    @Test
    void coreIsPreferredAndThePropertyChooses() {
        int feature = Runtime.version().feature();
        assertTrue(JceCoreGcm.available(), JceCoreGcm.unavailableReason());
        String saved = System.getProperty(GcmEngine.PROPERTY);
        try {
            System.clearProperty(GcmEngine.PROPERTY);
            assertEquals(GcmEngine.JCE_CORE, GcmEngine.preferred());
            Transform t = Transform.parse("esp-gcm 256");
            assertEquals("JCE core", EspSa.outbound(1, t, EspTestSupport.keymat(t, 1), new SplittableRandom(1)).cryptoEngine());
            System.setProperty(GcmEngine.PROPERTY, "jce");
            assertEquals("JCE", EspSa.outbound(1, t, EspTestSupport.keymat(t, 1), new SplittableRandom(1)).cryptoEngine());
            System.setProperty(GcmEngine.PROPERTY, "openssl");
            String reason = GcmEngine.openSslUnavailableReason();
            if (feature < 22) {
                assertEquals(GcmEngine.JCE_CORE, GcmEngine.preferred(), "no libcrypto before JDK 22");
                System.out.println("GcmEngineTest: JDK " + feature + ", no OpenSSL engine: " + reason);
                return;
            }
            // only a machine without OpenSSL 3 may skip this, saying so; where interop is required it fails
            dev.routerlab.Interop.require(reason == null || !reason.contains("libcrypto.so.3"), "GcmEngineTest: libcrypto.so.3 not installed: " + reason);
            assertTrue(GcmEngine.openSslAvailable(), reason);
            assertEquals(GcmEngine.OPENSSL, GcmEngine.preferred());
            EspSa sa = EspSa.outbound(1, t, EspTestSupport.keymat(t, 1), new SplittableRandom(1));
            assertTrue(sa.cryptoEngine().startsWith("OpenSSL 3"), sa.cryptoEngine());
        } finally {
            if (saved == null) System.clearProperty(GcmEngine.PROPERTY);
            else System.setProperty(GcmEngine.PROPERTY, saved);
        }
    }

    /**
     * Started without {@code Add-Opens} (as {@code bin/routerlab} starts JDK 13-21: by {@code -cp}),
     * JCE's core opens SunJCE itself before JDK 24, silently; from 24 on it tries nothing (no
     * {@code sun.misc.Unsafe} warning): another engine serves, and nothing is printed.
     */
    @Test
    void coreOpensSunJceItselfBeforeJdk24() throws Exception {
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(jvm, "-cp", System.getProperty("java.class.path"), NoAddOpens.class.getName()));
        if (Runtime.version().feature() >= 22) command.add(1, "--enable-native-access=ALL-UNNAMED");   // as the jars' manifests
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertEquals("", err, "nothing on standard error");
        if (Runtime.version().feature() < 24) assertEquals("JCE core", out);
        else assertTrue(!out.equals("JCE core"), out);
    }

    /** What {@link #coreOpensSunJceItselfBeforeJdk24} starts: the engine a new SA gets. */
    static final class NoAddOpens {
        public static void main(String[] args) throws Exception {
            Transform t = Transform.parse("esp-gcm 128");
            System.out.println(EspSa.outbound(1, t, EspTestSupport.keymat(t, 1), new SplittableRandom(1)).cryptoEngine());
        }
    }

    @ParameterizedTest(name = "esp-gcm {0}")
    @ValueSource(ints = {128, 256})
    void randomPacketsAgreeAcrossEngines(int bits) throws Exception {
        Transform t = Transform.parse("esp-gcm " + bits);
        SplittableRandom r = new SplittableRandom(bits);
        List<GcmEngine> engines = engines();
        for (int round = 0; round < 40; round++) {
            byte[] keymat = new byte[t.keymatLength()];
            r.nextBytes(keymat);
            int spi = r.nextInt();
            long first = r.nextLong(1, EspSa.MAX_SEQUENCE - 10);
            List<EspSa> outs = new ArrayList<>();
            List<EspSa> ins = new ArrayList<>();
            for (GcmEngine g : engines) {
                EspSa out = EspSa.outbound(spi, t, keymat, new SplittableRandom(1), EspLifetime.UNLIMITED, g);
                out.setSequenceForTest(first - 1);
                outs.add(out);
                ins.add(EspSa.inbound(spi, t, keymat, 64, EspLifetime.UNLIMITED, g));
            }
            for (int k = 0; k < 5; k++) {
                byte[] inner = new byte[k == 4 ? r.nextInt(2000, 9000) : r.nextInt(0, 2000)];   // and jumbo ones
                r.nextBytes(inner);
                int nextHeader = r.nextInt(256);
                byte[] sealed = null;
                for (EspSa out : outs) {
                    byte[] s = out.encrypt(inner, 0, inner.length, nextHeader);
                    if (sealed == null) sealed = s;
                    else assertArrayEquals(sealed, s, out.cryptoEngine() + " differs from JCE");
                }
                assertBouncyCastleAgrees(keymat, t, sealed);
                for (EspSa in : ins) {
                    // into an array of its own
                    DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class, in.decrypt(sealed), in.cryptoEngine());
                    assertArrayEquals(inner, ok.packet());
                    assertEquals(nextHeader, ok.nextHeader());
                }
                // in place, at an odd offset of a larger buffer, through a fresh inbound SA of each engine
                for (GcmEngine g : engines) {
                    EspSa in = EspSa.inbound(spi, t, keymat, 0, EspLifetime.UNLIMITED, g);
                    byte[] buf = new byte[sealed.length + 37];
                    System.arraycopy(sealed, 0, buf, 13, sealed.length);
                    int n = in.decryptInPlace(buf, 13, sealed.length);
                    assertEquals(inner.length, n, g.name());
                    assertArrayEquals(inner, Arrays.copyOfRange(buf, 13 + in.headerLength(), 13 + in.headerLength() + n));
                    // any flipped bit (header through ICV) fails the ICV: SPI aside, which is checked first
                    int pos = r.nextInt(4, sealed.length);
                    byte[] bad = sealed.clone();
                    bad[pos] ^= (byte) (1 << r.nextInt(8));
                    EspSa fresh = EspSa.inbound(spi, t, keymat, 0, EspLifetime.UNLIMITED, g);
                    byte[] before = bad.clone();
                    assertEquals(-1, fresh.decryptInPlace(bad, 0, bad.length));
                    if (g != GcmEngine.JCE) {   // (JCE's in-place GCM writes the unverified plaintext)
                        assertArrayEquals(before, bad, "a packet that fails its ICV is left as it came");
                    }
                    assertEquals(1, fresh.counters().drops(EspDrop.AUTH_FAILED), g + " at octet " + pos);
                    // after a failure the context opens good packets again
                    assertEquals(inner.length, fresh.decryptInPlace(sealed.clone(), 0, sealed.length));
                }
            }
        }
    }

    /** BouncyCastle's GCM (no JCE, no libcrypto) opens what the engines sealed: nonce salt | IV, AAD SPI | seq. */
    private static void assertBouncyCastleAgrees(byte[] keymat, Transform t, byte[] sealed) throws Exception {
        int keyLen = t.encryption().keyLength();
        byte[] nonce = new byte[12];
        System.arraycopy(keymat, keyLen, nonce, 0, 4);
        System.arraycopy(sealed, 8, nonce, 4, 8);
        GCMModeCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
        bc.init(false, new AEADParameters(new KeyParameter(Arrays.copyOf(keymat, keyLen)), 128, nonce, Arrays.copyOf(sealed, 8)));
        byte[] plain = new byte[bc.getOutputSize(sealed.length - 16)];
        int n = bc.processBytes(sealed, 16, sealed.length - 16, plain, 0);
        bc.doFinal(plain, n); // throws when the tag does not match
    }

    /** An SA is made on one thread and used on another (a TUN reader, the lab's thread): the arena allows it. */
    @Test
    void anSaMovesBetweenThreads() throws Exception {
        Transform t = Transform.parse("esp-gcm 128");
        byte[] keymat = EspTestSupport.keymat(t, 9);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            for (GcmEngine g : engines()) {
                EspSa out = EspSa.outbound(9, t, keymat, new SplittableRandom(1), EspLifetime.UNLIMITED, g);
                EspSa in = EspSa.inbound(9, t, keymat, 64, EspLifetime.UNLIMITED, g);
                byte[] inner = new byte[100];
                Future<byte[]> f = ex.submit(() -> out.encrypt(inner, 4));
                byte[] sealed = f.get();
                assertInstanceOf(DecryptResult.Ok.class, in.decrypt(sealed), g.name());
                Future<DecryptResult> d = ex.submit(() -> in.decrypt(out.encrypt(inner, 4)));
                assertInstanceOf(DecryptResult.Ok.class, d.get(), g.name());
            }
        } finally {
            ex.shutdown();
        }
    }
}
