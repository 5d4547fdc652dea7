package dev.routerlab.esp.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * Baseline for {@link EspBench}: bare JCE AES-128-GCM as DESIGN.md measured it (one Cipher,
 * fresh GCMParameterSpec per packet, 8-octet AAD, doFinal into a preallocated array). The gap
 * to {@code EspBench.encrypt} is the ESP framing cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JceGcmBench {

    @Param({"64", "512", "1400"})
    public int size;

    private Cipher cipher;
    private SecretKeySpec key;
    private byte[] in;
    private byte[] out;
    private final byte[] aad = new byte[8];
    private long counter;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        key = new SecretKeySpec(new byte[16], "AES");
        in = new byte[size];
        out = new byte[size + 16];
    }

    @Benchmark
    public byte[] encrypt() throws GeneralSecurityException {
        long c = ++counter;
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (c >>> (56 - 8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        cipher.doFinal(in, 0, in.length, out, 0);
        return out;
    }
}
