package dev.routerlab.esp.bench;

import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-128-GCM the way ESP uses it (12-octet nonce changed per packet, 8-octet AAD, 16-octet tag,
 * in place), by two engines, to choose the one {@code esp.GcmCrypto} uses (run with
 * {@code -prof gc} for the bytes allocated per packet):
 * <ul>
 * <li>{@code jce*}: one JCE {@code Cipher} per SA, {@code init} per packet (the nonce can change
 *     only there: JCE's GCM allocates its per-nonce state in it);
 * <li>{@code bc*}: BouncyCastle's low-level {@code GCMBlockCipher} over {@code AESEngine}, one per
 *     SA, the key kept across {@code init}s (a null key in {@code AEADParameters}).
 * </ul>
 * {@code bench/run.sh GcmEngineBench -f 1 -wi 2 -i 3 -r 1s -w 1s -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GcmEngineBench {
    @Param({"1400"})
    public int size;

    private final byte[] nonce = new byte[12];
    private byte[] buf;
    private byte[] sealed;
    private long seq;

    private Cipher jce;
    private SecretKeySpec jceKey;
    private GCMModeCipher bc;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException, InvalidCipherTextException {
        byte[] key = new byte[16];
        new SplittableRandom(1).nextBytes(key);
        buf = new byte[8 + size + 16];
        new SplittableRandom(2).nextBytes(buf);
        jce = Cipher.getInstance("AES/GCM/NoPadding");
        jceKey = new SecretKeySpec(key, "AES");
        bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
        bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce.clone()));
        sealed = buf.clone();
        nextNonce();
        jce.init(Cipher.ENCRYPT_MODE, jceKey, new GCMParameterSpec(128, nonce));
        jce.updateAAD(sealed, 0, 8);
        jce.doFinal(sealed, 8, size, sealed, 8);
    }

    private void nextNonce() {
        long s = ++seq;
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (s >>> (56 - 8 * i));
    }

    @Benchmark
    public int jceEncrypt() throws GeneralSecurityException {
        nextNonce();
        jce.init(Cipher.ENCRYPT_MODE, jceKey, new GCMParameterSpec(128, nonce));
        jce.updateAAD(buf, 0, 8);
        return jce.doFinal(buf, 8, size, buf, 8);
    }

    @Benchmark
    public int jceDecrypt() throws GeneralSecurityException {
        System.arraycopy(sealed, 0, buf, 0, sealed.length);
        jce.init(Cipher.DECRYPT_MODE, jceKey, new GCMParameterSpec(128, nonce));
        jce.updateAAD(buf, 0, 8);
        return jce.doFinal(buf, 8, size + 16, buf, 8);
    }

    @Benchmark
    public int bcEncrypt() throws InvalidCipherTextException {
        nextNonce();
        bc.init(true, new AEADParameters(null, 128, nonce));
        bc.processAADBytes(buf, 0, 8);
        int n = bc.processBytes(buf, 8, size, buf, 8);
        return n + bc.doFinal(buf, 8 + n);
    }

    @Benchmark
    public int bcDecrypt() throws InvalidCipherTextException {
        System.arraycopy(sealed, 0, buf, 0, sealed.length);
        bc.init(false, new AEADParameters(null, 128, nonce));
        bc.processAADBytes(buf, 0, 8);
        int n = bc.processBytes(buf, 8, size + 16, buf, 8);
        return n + bc.doFinal(buf, 8 + n);
    }
}
