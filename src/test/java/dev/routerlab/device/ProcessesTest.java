package dev.routerlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** Process accounting: each named scheduler's tasks timed, IOS's 5 s / 1 min / 5 min busy shares. */
class ProcessesTest {
    private final VirtualScheduler clock = new VirtualScheduler(0);
    private final Processes p = new Processes(clock);

    /** Work that takes at least a millisecond of this thread's time. */
    private static void spin() {
        long end = System.nanoTime() + 1_000_000;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    @Test
    void tasksAreTimedPerProcess() {
        Scheduler ip = p.process("IP Input"), exec = p.process("Exec");
        assertEquals(ip.nanos(), clock.nanos());
        for (int i = 0; i < 3; i++) ip.execute(ProcessesTest::spin);
        exec.execute(() -> { });
        Scheduler.Timer t = exec.schedule(1_000, ProcessesTest::spin);
        t.cancel();
        clock.runDue();
        List<Processes.Row> rows = p.rows();
        assertEquals(List.of("IP Input", "Exec"), rows.stream().map(Processes.Row::name).toList());
        assertEquals(1, rows.get(0).pid());
        assertEquals(3, rows.get(0).invoked());
        assertTrue(rows.get(0).runtimeNanos() >= 3_000_000, rows.toString());
        assertEquals(1, rows.get(1).invoked(), "a cancelled timer never ran");
        assertTrue(p.process("IP Input") != ip && p.rows().size() == 2, "one process per name");
    }

    @Test
    void sharesFollowIosIntervalsAndDecay() {
        Scheduler ip = p.process("IP Input");
        Scheduler frames = p.interrupts();
        ip.execute(ProcessesTest::spin);
        frames.execute(ProcessesTest::spin);
        clock.runDue();
        assertEquals(0, p.total().fiveSec(), "the interval being filled is not reported yet");
        clock.advance(5_000_000_000L);
        Processes.Shares t = p.total();
        assertTrue(t.fiveSec() >= 2_000_000 / 5e9, t.toString());
        assertTrue(p.interruptFiveSec() > 0 && p.interruptFiveSec() < t.fiveSec());
        assertTrue(t.oneMin() > 0 && t.oneMin() < t.fiveSec() && t.fiveMin() < t.oneMin(), t.toString());
        double row = p.rows().get(0).fiveSec();
        assertTrue(row > 0 && row < t.fiveSec(), "interrupt time is in the total, not in a process");
        clock.advance(10_000_000_000L);
        assertEquals(0, p.total().fiveSec(), "an idle interval");
        assertTrue(p.total().oneMin() > 0);
        clock.advance(3_610_000_000_000L);
        assertEquals(0, p.total().fiveMin(), "an idle hour");
    }
    @Test
    void aTaskReadsTheRoutersClockOnceHowEverOftenItsWorkAsks() {
        long[] reads = new long[1];
        Scheduler counted = new Scheduler() {             // the router's clock, counting its reads
            @Override public long nanos() {
                reads[0]++;
                return clock.nanos();
            }
            @Override public long epochMillis() { return clock.epochMillis(); }
            @Override public Timer schedule(long delayNanos, Runnable task) { return clock.schedule(delayNanos, task); }
        };
        Processes q = new Processes(counted);
        Scheduler ip = q.process("IP Input"), frames = q.interrupts();
        long[] seen = new long[3];
        clock.advance(7_000);
        frames.schedule(1_000, () -> {                   // a batch of packets, each counted with the time
            for (int i = 0; i < 100; i++) seen[0] += ip.nanos() - 8_000;
            seen[1] = frames.nanos();
        });
        clock.advance(5_000);
        assertEquals(List.of(0L, 8_000L), List.of(seen[0], seen[1]), "every read in the task gives the time it ran at");
        assertEquals(1, reads[0], "one read of the router's clock for the task and its accounting");
        assertEquals(clock.nanos(), ip.nanos(), "outside a task, the router's clock itself");
        assertEquals(2, reads[0]);
        Runnable batch = q.interrupt(() -> {
            seen[2] = ip.nanos();
            spin();
        });
        clock.advance(1_000);
        batch.run();                                     // run by a link on the router's turn, outside the scheduler
        assertEquals(13_000, seen[2]);
        clock.advance(5_000_000_000L);
        assertTrue(q.interruptFiveSec() > 0, "timed as interrupt-level work");
    }
}
