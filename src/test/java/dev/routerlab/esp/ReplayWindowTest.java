package dev.routerlab.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4303 §3.4.3 edge cases. */
class ReplayWindowTest {

    private static boolean accept(ReplayWindow w, long seq) {
        if (!w.check(seq)) {
            return false;
        }
        w.update(seq);
        return true;
    }

    @Test
    void zeroIsNeverValid() {
        assertFalse(new ReplayWindow(64).check(0));
    }

    @Test
    void inOrderThenDuplicate() {
        ReplayWindow w = new ReplayWindow(64);
        for (long s = 1; s <= 200; s++) {
            assertTrue(accept(w, s), "seq " + s);
        }
        assertFalse(accept(w, 200), "duplicate of the highest");
        assertFalse(accept(w, 150), "duplicate inside the window");
        assertEquals(200, w.highest());
    }

    @Test
    void reorderInsideWindowAccepted() {
        ReplayWindow w = new ReplayWindow(64);
        assertTrue(accept(w, 100));
        assertTrue(accept(w, 37)); // 100 - 37 = 63 < 64: the left edge
        assertTrue(accept(w, 99));
        assertTrue(accept(w, 50));
        assertFalse(accept(w, 36), "just left of the window");
        assertFalse(accept(w, 37), "duplicate at the left edge");
        assertFalse(accept(w, 50), "duplicate");
    }

    @Test
    void windowSlides() {
        ReplayWindow w = new ReplayWindow(64);
        assertTrue(accept(w, 5));
        assertTrue(accept(w, 70)); // 5 is now 65 behind: out
        assertFalse(w.check(5), "too old after the slide");
        assertTrue(accept(w, 7));
        assertTrue(accept(w, 200)); // 7 and 70 are now out
        assertFalse(w.check(70));
        assertFalse(w.check(136), "200 - 136 = 64: too old");
        assertTrue(accept(w, 137));
        assertTrue(accept(w, 1_000_000)); // a jump far beyond the ring
        assertFalse(w.check(137));
        assertTrue(accept(w, 999_999));
        assertFalse(accept(w, 999_999));
        assertTrue(accept(w, 4_294_967_295L));
        assertFalse(w.check(4_294_967_295L));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 63, 64, 65, 128, 1000, 1024, 4096})
    void matchesReferenceModel(int size) {
        // Reference: a plain bit per sequence number, the RFC's definition taken literally.
        ReplayWindow w = new ReplayWindow(size);
        BitSet seen = new BitSet();
        long top = 0;
        SplittableRandom r = new SplittableRandom(size);
        long base = 1;
        for (int i = 0; i < 50_000; i++) {
            base += r.nextInt(3);
            long seq = Math.max(0, base + r.nextInt(-size - 20, 40));
            boolean expected = seq > 0 && (seq > top || (top - seq < size && !seen.get((int) seq)));
            assertEquals(expected, accept(w, seq), "size " + size + " seq " + seq + " top " + top);
            if (expected) {
                seen.set((int) seq);
                top = Math.max(top, seq);
            }
        }
    }

    @Test
    void sizeLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(ReplayWindow.MAX_SIZE + 1));
        ReplayWindow big = new ReplayWindow(1024);
        assertTrue(accept(big, 2000));
        assertTrue(accept(big, 977)); // 2000 - 977 = 1023
        assertFalse(accept(big, 976));
    }
}
