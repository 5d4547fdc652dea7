package dev.routerlab.esp.bench;

import dev.routerlab.esp.DecryptResult;
import dev.routerlab.esp.EspLifetime;
import dev.routerlab.esp.EspSa;
import dev.routerlab.esp.Transform;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * ESP packet throughput, one thread, heap arrays; {@code *InPlace} is the data path's form
 * (run with {@code -prof gc}: what is left per packet is JCE's {@code Cipher.init}; AES-GCM on
 * libcrypto through FFM, JDK 22+, allocates nothing). {@code -p gcm=default,jce} compares the GCM
 * engines in one run; the engine in use is printed at setup.
 * Decrypt runs with anti-replay off so that the same packet can be opened repeatedly (the window check is a few ns either way).
 *
 * <pre>
 * bench/run.sh 'EspBench.(encrypt|decrypt)InPlace' -p transform="esp-gcm 128" -p size=1400 -p gcm=default,jce -f 1 -wi 2 -i 3 -r 1s -w 1s -prof gc
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 RL_BUILD_DIR=target-jdk25 bench/run.sh ...   (JDK 25)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EspBench {

    @Param({"esp-gcm 128", "esp-aes 256 esp-sha-hmac"})
    public String transform;

    @Param({"64", "512", "1400"})
    public int size;

    /** ESP's AES-GCM engine: {@code default} (JCE's core), {@code openssl} (JDK 22+) or {@code jce}: the property. */
    @Param({"default"})
    public String gcm;

    private EspSa out;
    private EspSa in;
    private byte[] inner;
    private byte[] packet;
    private byte[] buf;     // in place: room before and after

    @Setup(Level.Trial)
    public void setup() throws NoSuchAlgorithmException {
        if (gcm.equals("default")) System.clearProperty("routerlab.esp.gcm");
        else System.setProperty("routerlab.esp.gcm", gcm);
        Transform t = Transform.parse(transform);
        byte[] keymat = new byte[t.keymatLength()];
        new SplittableRandom(1).nextBytes(keymat);
        out = EspSa.outbound(0x1001, t, keymat, SecureRandom.getInstance("DRBG"), EspLifetime.UNLIMITED);
        in = EspSa.inbound(0x1001, t, keymat, 0, EspLifetime.UNLIMITED);
        System.out.println("# ESP " + transform + ": " + out.cryptoEngine() + " (JDK " + Runtime.version().feature() + ")");
        inner = new byte[size];
        new SplittableRandom(2).nextBytes(inner);
        packet = out.encrypt(inner, 4);
        buf = new byte[out.headerLength() + size + out.maxTrailerLength()];
    }

    @Benchmark
    public byte[] encrypt() {
        return out.encrypt(inner, 4);
    }

    @Benchmark
    public DecryptResult decrypt() {
        return in.decrypt(packet);
    }

    /** The data path's form: encrypted where it lies, no allocation of routerlab's own. */
    @Benchmark
    public int encryptInPlace() {
        return out.encryptInPlace(buf, out.headerLength(), size, 4);
    }

    /** The data path's form; the copy back of the ciphertext (one arraycopy) is part of the figure. */
    @Benchmark
    public int decryptInPlace() {
        System.arraycopy(packet, 0, buf, 0, packet.length);
        return in.decryptInPlace(buf, 0, packet.length);
    }
}
