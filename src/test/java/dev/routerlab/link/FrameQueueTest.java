package dev.routerlab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A live wire's queue of frames: bounded, in order, across chunk boundaries, between two threads. */
class FrameQueueTest {
    @Test
    void holdsUpToItsCapacityInOrderAcrossChunks() {
        int cap = FrameQueue.CHUNK * 3 + 7;
        FrameQueue q = new FrameQueue(cap);
        byte[][] arrays = new byte[cap][];
        for (int round = 0; round < 3; round++) {          // emptied chunks are reused
            assertTrue(q.isEmpty());
            for (int i = 0; i < cap; i++) {
                arrays[i] = new byte[1];
                assertTrue(q.offer(arrays[i], i, 1_000_000 + i));
            }
            assertFalse(q.offer(new byte[1], 0, 1), "full");
            for (int i = 0; i < cap; i++) {
                assertFalse(q.isEmpty());
                assertSame(arrays[i], q.take());
                assertEquals(i, q.off());
                assertEquals(1_000_000 + i, q.len());
                if (i == 5) assertTrue(q.offer(arrays[0], -1, 0), "room again as frames are taken");
            }
            assertSame(arrays[0], q.take());
            assertEquals(-1, q.off());
            assertNull(q.take());
        }
    }

    @Test
    void oneSenderOneTakerLoseNothingAndKeepOrder() throws Exception {
        FrameQueue q = new FrameQueue(1_000);
        int frames = 2_000_000;
        byte[] b = new byte[0];
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                int next = 0;
                while (next < frames) {
                    if (q.take() == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (q.off() != next || q.len() != ~next) throw new AssertionError("frame " + next + " came as " + q.off());
                    next++;
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        taker.start();
        for (int i = 0; i < frames; i++) {
            while (!q.offer(b, i, ~i)) {                    // full: the taker catches up
                if (failed.get() != null) break;
                Thread.onSpinWait();
            }
            if (failed.get() != null) break;
        }
        taker.join(60_000);
        if (failed.get() != null) throw new AssertionError(failed.get());
        assertFalse(taker.isAlive());
        assertTrue(q.isEmpty());
    }
}
