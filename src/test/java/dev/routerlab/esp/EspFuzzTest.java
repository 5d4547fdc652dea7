package dev.routerlab.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: random and mutated packets against inbound SAs of every transform. Nothing may
 * escape as an exception, and every input is either decapsulated or counted as a drop.
 */
class EspFuzzTest {

    @Test
    void randomAndMutatedInputsNeverThrow() {
        List<Transform> all = EspTestSupport.allTransforms();
        SplittableRandom r = new SplittableRandom(0xF022);
        int perTransform = 1200; // x 37 transforms = 44,400 inputs
        long total = 0;
        long accepted = 0;
        for (Transform t : all) {
            EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 0x5000, 64);
            byte[][] valid = new byte[32][];
            for (int i = 0; i < valid.length; i++) {
                byte[] inner = new byte[r.nextInt(0, 200)];
                r.nextBytes(inner);
                valid[i] = p.out().encrypt(inner, 4);
            }
            for (int i = 0; i < perTransform; i++) {
                byte[] input = mutate(r, valid[r.nextInt(valid.length)]);
                int off = input.length > 0 && r.nextInt(10) == 0 ? r.nextInt(input.length) : 0;
                int len = input.length - off;
                DecryptResult res = p.in().decrypt(input, off, len);
                total++;
                if (res.isOk()) {
                    accepted++;
                    DecryptResult.Ok ok = (DecryptResult.Ok) res;
                    assertTrue(ok.length() >= 0 && ok.length() <= ok.buffer().length);
                }
                // The mode helpers must be just as robust.
                EspEncapsulation.tunnelDecap(p.in(), input, 0, input.length);
                EspEncapsulation.transportDecap(p.in(), input);
            }
            EspCounters c = p.in().counters();
            // Each input went through three decrypts; a tunnel-mode next-header refusal is
            // counted after a successful decapsulation, so it appears on both sides.
            assertEquals(3L * perTransform + c.drops(EspDrop.BAD_NEXT_HEADER),
                    c.decaps() + c.recvErrors(), t.toString());
        }
        assertTrue(total >= 10_000);
        assertTrue(accepted > 0, "unmodified originals are among the inputs");
    }

    private static byte[] mutate(SplittableRandom r, byte[] valid) {
        switch (r.nextInt(8)) {
            case 0: { // pure noise of any length
                byte[] b = new byte[r.nextInt(0, 300)];
                r.nextBytes(b);
                return b;
            }
            case 1: // truncated
                return java.util.Arrays.copyOf(valid, r.nextInt(valid.length + 1));
            case 2: { // extended
                byte[] b = java.util.Arrays.copyOf(valid, valid.length + r.nextInt(1, 40));
                return b;
            }
            case 3: { // a few bit flips
                byte[] b = valid.clone();
                for (int i = r.nextInt(1, 4); i > 0; i--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 4: { // random tail after a valid header
                byte[] b = valid.clone();
                for (int i = 8; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 5: { // a valid IPv4 header in front (transport-mode helper), random protocol
                byte[] b = new byte[20 + valid.length];
                b[0] = 0x45;
                b[2] = (byte) (b.length >>> 8);
                b[3] = (byte) b.length;
                b[9] = (byte) (r.nextBoolean() ? 50 : r.nextInt(256));
                System.arraycopy(valid, 0, b, 20, valid.length);
                return b;
            }
            case 6:
                return new byte[0];
            default: // replayed original
                return valid.clone();
        }
    }
}
