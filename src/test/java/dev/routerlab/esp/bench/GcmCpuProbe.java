package dev.routerlab.esp.bench;

import dev.routerlab.esp.EspLifetime;
import dev.routerlab.esp.EspSa;
import dev.routerlab.esp.Transform;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * ESP AES-GCM-128 in place through {@link EspSa}, each engine in turn in one process (the JDK's
 * default — JCE's core (CounterMode, GHASH) — then libcrypto through FFM on JDK 22+ and the JCE
 * {@code Cipher} ({@code routerlab.esp.gcm=openssl}, {@code jce}), each engine once):
 * CPU time of this thread per packet (ThreadMXBean), which a shared machine's load disturbs far
 * less than wall-clock rates, so that it compares with {@code openssl speed}'s CPU-time figure
 * (run without {@code -elapsed}); bytes allocated per packet beside it. Rounds alternate the
 * engines; the first warms up.
 *
 * <pre>
 * java --add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED [--enable-native-access=ALL-UNNAMED] -cp CLASSES[:CLASSES/META-INF/versions/22]:TEST_CLASSES dev.routerlab.esp.bench.GcmCpuProbe [size] [seconds] [rounds]
 * openssl speed -evp aes-128-gcm -bytes 1400 -seconds 3
 * </pre>
 */
public final class GcmCpuProbe {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
        double secs = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Transform t = Transform.parse("esp-gcm 128");
        byte[] keymat = new byte[t.keymatLength()];
        new SplittableRandom(1).nextBytes(keymat);
        java.util.List<Engine> engines = new java.util.ArrayList<>();
        for (String choice : new String[] {"", "openssl", "jce"}) {    // each engine once (17: no libcrypto)
            Engine e = new Engine(t, keymat, size, choice);
            if (engines.stream().noneMatch(o -> o.name.equals(e.name))) engines.add(e);
        }
        System.out.println("JDK " + Runtime.version() + ", esp-gcm 128, " + size + " octets in place");
        for (int r = 0; r < rounds; r++) {
            for (Engine e : engines) {
                e.run(secs, true, r);
                e.run(secs, false, r);
            }
        }
    }

    private static final class Engine {
        final String name;
        final EspSa out;
        final EspSa in;
        final byte[] buf;
        final byte[] packet;
        final int size;

        Engine(Transform t, byte[] keymat, int size, String choice) {
            System.setProperty("routerlab.esp.gcm", choice);
            out = EspSa.outbound(0x1001, t, keymat, new SplittableRandom(2), EspLifetime.UNLIMITED);
            in = EspSa.inbound(0x1001, t, keymat, 0, EspLifetime.UNLIMITED);
            System.clearProperty("routerlab.esp.gcm");
            name = out.cryptoEngine();
            this.size = size;
            buf = new byte[out.headerLength() + size + out.maxTrailerLength()];
            packet = out.encrypt(new byte[size], 4);
        }

        void run(double secs, boolean encrypt, int round) {
            long tid = Thread.currentThread().getId();
            long end = System.nanoTime() + (long) (secs * 1e9);
            long n = 0, sink = 0;
            long a0 = MX.getThreadAllocatedBytes(tid), c0 = MX.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            while ((n & 1023) != 0 || System.nanoTime() < end) {
                if (encrypt) {
                    sink += out.encryptInPlace(buf, out.headerLength(), size, 4);
                } else {
                    System.arraycopy(packet, 0, buf, 0, packet.length);
                    sink += in.decryptInPlace(buf, 0, packet.length);
                }
                n++;
            }
            long w1 = System.nanoTime(), c1 = MX.getCurrentThreadCpuTime(), a1 = MX.getThreadAllocatedBytes(tid);
            if (sink == 42) System.out.print("");
            System.out.printf("round %d %-16s %s  %6.1f ns CPU/packet = %.3f M packets/s of CPU (wall %.3f M/s)  %7.1f B/packet%n",
                    round, name, encrypt ? "encrypt" : "decrypt", (c1 - c0) / (double) n, n / ((c1 - c0) / 1e3),
                    n / ((w1 - w0) / 1e3), (a1 - a0) / (double) n);
        }
    }
}
