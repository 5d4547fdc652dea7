package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import dev.routerlab.sim.Scheduler;
import org.junit.jupiter.api.Test;

/** The turns of a {@link LabClock}: one scheduler per router, one thread unpaced, actors paced. */
class LabTurnTest {
    @Test
    void unpacedTurnsShareOneTimeLineInTimeAndInsertionOrder() {
        LabClock c = new LabClock(0);
        LabClock.Turn a = c.turn("A");
        LabClock.Turn b = c.turn("B");
        List<String> seen = new ArrayList<>();
        b.schedule(2_000, () -> seen.add("b2@" + b.nanos()));
        a.schedule(1_000, () -> seen.add("a1@" + a.nanos()));
        b.schedule(1_000, () -> seen.add("b1@" + b.nanos()));
        a.schedule(0, () -> {
            seen.add("a0");
            b.schedule(0, () -> seen.add("b0"));
        });
        c.advance(5_000);
        assertEquals(List.of("a0", "b0", "a1@1000", "b1@1000", "b2@2000"), seen);
        assertTrue(a.current() && b.current(), "unpaced, the driving thread runs every turn");
    }

    @Test
    void pacingMovesEachTurnsTimersToItsOwnSchedulerKeepingThemCancellable() throws Exception {
        try (LabClock c = new LabClock(0)) {
            LabClock.Turn a = c.turn("A");
            LabClock.Turn b = c.turn("B");
            Set<String> ranOn = ConcurrentHashMap.newKeySet();
            CountDownLatch fired = new CountDownLatch(2);
            AtomicBoolean cancelledRan = new AtomicBoolean();
            a.schedule(50_000_000L, () -> {
                ranOn.add("A:" + a.current());
                fired.countDown();
            });
            Scheduler.Timer t = b.schedule(60_000_000L, () -> cancelledRan.set(true));
            b.schedule(70_000_000L, () -> {
                ranOn.add("B:" + b.current());
                fired.countDown();
            });
            c.startPacing();
            b.exec(t::cancel);
            assertTrue(fired.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            assertFalse(cancelledRan.get());
            assertEquals(Set.of("A:true", "B:true"), ranOn);
            assertThrows(IllegalStateException.class, () -> c.turn("C"));
        }
    }

    /** Two routers really run at once on two threads; each one's work never overlaps itself. */
    @Test
    void pacedTurnsRunInParallelEachOnOneThreadAtATime() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LabClock.WORKERS >= 2, "one worker: nothing runs in parallel");
        try (LabClock c = new LabClock(0)) {
            LabClock.Turn a = c.turn("A");
            LabClock.Turn b = c.turn("B");
            c.startPacing();
            CyclicBarrier both = new CyclicBarrier(2);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch met = new CountDownLatch(2);
            for (LabClock.Turn t : List.of(a, b)) {
                t.execute(() -> {
                    threads.add(Thread.currentThread().getName());
                    try {
                        both.await(5, TimeUnit.SECONDS);   // only passes when the other turn runs meanwhile
                        met.countDown();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            assertTrue(met.await(10, TimeUnit.SECONDS), "both turns were inside their tasks at the same moment");
            assertEquals(2, threads.size(), threads.toString());

            // heavy posting from many threads: per turn, never two threads at once, nothing lost
            AtomicInteger overlaps = new AtomicInteger();
            int[] count = new int[2];   // plain ints: each touched only by its own turn
            AtomicBoolean[] inside = {new AtomicBoolean(), new AtomicBoolean()};
            Thread[] posters = new Thread[4];
            for (int i = 0; i < posters.length; i++) {
                int k = i;
                posters[i] = new Thread(() -> {
                    for (int n = 0; n < 20_000; n++) {
                        int which = (n + k) % 2;
                        LabClock.Turn t = which == 0 ? a : b;
                        Runnable work = () -> {
                            if (!inside[which].compareAndSet(false, true)) overlaps.incrementAndGet();
                            count[which]++;
                            inside[which].set(false);
                        };
                        if (k % 2 == 0) t.runOrPost(work);   // as a TUN reader: runs it itself when the turn is idle
                        else t.execute(work);                 // as a wire or a console: posts it
                    }
                });
                posters[i].start();
            }
            for (Thread p : posters) p.join();
            for (int i = 0; i < 500 && a.call(() -> count[0]) + a.inboxDrops() + b.call(() -> count[1]) + b.inboxDrops() < 80_000; i++) {
                Thread.sleep(10);
            }
            assertEquals(40_000, a.call(() -> count[0]) + a.inboxDrops(), "every task ran or was counted as dropped");
            assertEquals(40_000, b.call(() -> count[1]) + b.inboxDrops());
            assertEquals(0, overlaps.get());
        }
    }

    @Test
    void aFullInboxDropsWhatAnotherRouterSendsAndCountsIt() throws Exception {
        try (LabClock c = new LabClock(0)) {
            LabClock.Turn a = c.turn("A");
            LabClock.Turn b = c.turn("B");
            c.startPacing();
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            a.execute(() -> {
                holding.countDown();
                try {
                    hold.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(holding.await(5, TimeUnit.SECONDS));
            AtomicInteger ran = new AtomicInteger();
            b.exec(() -> {   // B's turn sends A more than its inbox holds: the rest is dropped, B never waits
                for (int i = 0; i < LabClock.INBOX + 10; i++) a.execute(ran::incrementAndGet);
            });
            assertEquals(10, a.inboxDrops());
            assertEquals(10, c.inboxDrops());
            Thread console = new Thread(() -> {   // a console's line waits for room instead
                a.execute(ran::incrementAndGet);
            });
            console.start();
            Thread.sleep(50);
            assertTrue(console.isAlive(), "the console thread waits while the inbox is full");
            hold.countDown();
            console.join(5000);
            for (int i = 0; i < 500 && ran.get() < LabClock.INBOX + 1; i++) Thread.sleep(5);
            assertEquals(LabClock.INBOX + 1, ran.get());
            assertEquals(10, a.inboxDrops());
        }
    }

    @Test
    void aLabWideCallStopsEveryTurn() throws Exception {
        try (LabClock c = new LabClock(0)) {
            LabClock.Turn a = c.turn("A");
            LabClock.Turn b = c.turn("B");
            c.startPacing();
            AtomicInteger running = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger seenRunning = new AtomicInteger();
            for (LabClock.Turn t : List.of(a, b)) {
                Runnable[] spin = new Runnable[1];
                spin[0] = () -> {
                    running.incrementAndGet();
                    long end = System.nanoTime() + 20_000;
                    while (System.nanoTime() < end) Thread.onSpinWait();
                    running.decrementAndGet();
                    if (!stop.get()) t.execute(spin[0]);
                };
                t.execute(spin[0]);
            }
            for (int i = 0; i < 50; i++) {
                c.exec(() -> {
                    if (running.get() != 0) seenRunning.incrementAndGet();
                    assertTrue(a.current() && b.current());
                });
            }
            stop.set(true);
            assertEquals(0, seenRunning.get(), "no turn ran during a lab-wide call");
            java.util.concurrent.CompletableFuture<Throwable> inTurn = new java.util.concurrent.CompletableFuture<>();
            a.execute(() -> {
                try {
                    c.call(() -> 1);
                    inTurn.complete(null);
                } catch (IllegalStateException e) {
                    inTurn.complete(e);
                }
            });
            assertTrue(inTurn.get(5, TimeUnit.SECONDS) instanceof IllegalStateException, "a lab-wide call from a router's turn would deadlock");
        }
    }
}
