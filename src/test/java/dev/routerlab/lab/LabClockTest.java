package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LabClockTest {
    @Test
    void unpacedTimeJumpsAndRunsInOrder() {
        LabClock c = new LabClock(0);
        List<String> seen = new ArrayList<>();
        c.schedule(2_000_000_000L, () -> seen.add("b@" + c.nanos()));
        c.schedule(1_000_000_000L, () -> seen.add("a@" + c.nanos()));
        c.runDue();
        assertTrue(seen.isEmpty());
        c.advance(5_000_000_000L);
        assertEquals(List.of("a@1000000000", "b@2000000000"), seen);
        assertEquals(5_000_000_000L, c.nanos());
    }

    @Test
    void runUntilStopsWhenDone() {
        LabClock c = new LabClock(0);
        boolean[] done = new boolean[1];
        c.schedule(3_000_000_000L, () -> done[0] = true);
        assertTrue(c.runUntil(() -> done[0], 10_000_000_000L));
        assertEquals(3_000_000_000L, c.nanos());
        assertFalse(c.runUntil(() -> false, 1_000_000_000L));
    }

    @Test
    void pacedFollowsTheWallClockAndRunsPostsOnItsThread() throws Exception {
        try (LabClock c = new LabClock(0)) {
            c.startPacing();
            assertFalse(c.onClockThread());
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            long t0 = System.nanoTime();
            long v0 = c.call(c::nanos);
            c.schedule(200_000_000L, () -> {
                thread.set(Thread.currentThread().getName());
                ran.countDown();
            });
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            long wall = System.nanoTime() - t0;
            long virt = c.call(c::nanos) - v0;
            assertTrue(thread.get().startsWith("lab-worker-"), thread.get());
            assertTrue(wall >= 190_000_000L, "fired after " + wall + " ns of wall time");
            assertTrue(Math.abs(virt - wall) < 100_000_000L, "virtual " + virt + " vs wall " + wall);
        }
    }

    @Test
    void callPropagatesExceptions() {
        try (LabClock c = new LabClock(0)) {
            c.startPacing();
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> c.exec(() -> { throw new IllegalArgumentException("boom"); }));
            assertEquals("boom", e.getMessage());
        }
    }

    @Test
    void runOrPostRunsOnTheCallerOnlyWhenNoRouterWorkRuns() throws Exception {
        LabClock unpaced = new LabClock(0);
        List<String> ran = new ArrayList<>();
        unpaced.runOrPost(() -> ran.add("posted"));
        assertTrue(ran.isEmpty(), "unpaced, it only posts");
        unpaced.runDue();
        assertEquals(List.of("posted"), ran);

        try (LabClock c = new LabClock(0)) {
            c.startPacing();
            java.util.concurrent.atomic.AtomicBoolean inside = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger inline = new java.util.concurrent.atomic.AtomicInteger();
            int[] count = new int[1];   // plain int: only safe if the work never overlaps
            Runnable work = () -> {
                if (!inside.compareAndSet(false, true)) overlaps.incrementAndGet();
                assertTrue(c.onClockThread());
                c.schedule(0, () -> count[0]++);   // from router work: straight onto the virtual scheduler
                count[0]++;
                if (!Thread.currentThread().getName().startsWith("lab-worker-")) inline.incrementAndGet();
                inside.set(false);
            };
            Thread[] t = new Thread[2];
            for (int i = 0; i < t.length; i++) {
                t[i] = new Thread(() -> { for (int k = 0; k < 20_000; k++) c.runOrPost(work); });
                t[i].start();
            }
            for (int k = 0; k < 20_000; k++) c.execute(work);
            for (Thread x : t) x.join();
            for (int i = 0; i < 500 && c.call(() -> count[0]) < 120_000; i++) Thread.sleep(10);   // posted work in flight
            assertEquals(120_000, (int) c.call(() -> count[0]));
            assertEquals(0, overlaps.get(), "router work never runs on two threads at once");
            for (int i = 0; i < 1000 && inline.get() == 0; i++) {   // a worker only holds the turn while it works
                c.runOrPost(work);
                Thread.sleep(1);
            }
            assertTrue(inline.get() > 0, "an idle clock lets the caller run it");
            assertFalse(c.onClockThread());
        }
    }
    @Test
    void workRunOnTheCallersThreadSeesTheTurnsTimeNowNotItsLastSlices() throws Exception {
        try (LabClock c = new LabClock(0)) {
            LabClock.Turn r = c.turn("R");
            c.startPacing();
            r.call(() -> r.nanos());                     // a slice: the turn's time stands there until the next
            Thread.sleep(50);
            long before = c.nanos();
            long[] seen = new long[1];
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            r.runOrPost(() -> {                          // as a TUN reader hands over a batch: the turn is idle, so here
                seen[0] = r.nanos();
                ran.countDown();
            });
            assertTrue(ran.await(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(seen[0] >= before, "the batch saw " + seen[0] + ", 50 ms after the last slice the clock said " + before);
        }
    }
}
