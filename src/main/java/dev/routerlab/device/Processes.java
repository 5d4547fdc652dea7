package dev.routerlab.device;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.sim.Scheduler;

/**
 * One router's process accounting, as `show processes cpu` reports it: each engine runs its
 * work through a {@link Scheduler} named after its IOS process, which times every task it runs
 * on the router's thread (runtime, invocations) and keeps IOS's busy averages: the last
 * 5-second interval and the 1- and 5-minute exponential averages folded every 5 s. Frames
 * delivered by links count as interrupt-level time (the `%/N%` of the header), as packets
 * switched at interrupt level do on IOS. Averages are taken over the router's clock: on wall
 * time they are CPU shares; in a virtual-time lab, the share the work would take in real time.
 * Only touched on the router's thread.
 */
public final class Processes {
    /** IOS's load interval and its 1- and 5-minute decays per interval. */
    static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final long CHECK_NANOS = 1_000_000L;   // divides INTERVAL_NANOS
    private static final double DECAY_1MIN = Math.exp(-5.0 / 60), DECAY_5MIN = Math.exp(-5.0 / 300);

    private final Scheduler base;
    /**
     * The router's time when the running task started, while {@link #inTask}: what every
     * process's {@code nanos()} gives meanwhile, read once per task instead of at every counted
     * packet of a batch. A lab turn's time stands still while a task runs, so this is its time
     * exactly; on wall time (one router, no lab) it is the task's start.
     */
    private long now;
    private boolean inTask;
    private final List<Process> processes = new ArrayList<>();
    private final Load total = new Load(), interrupts = new Load();

    Processes(Scheduler base) {
        this.base = base;
    }

    /** What one process has used. */
    public record Row(int pid, String name, long runtimeNanos, long invoked, double fiveSec, double oneMin, double fiveMin,
                      long allocated) {}

    /**
     * The JVM's per-thread allocation counter (HotSpot), or null: what a process's tasks allocate
     * (`show processes memory`). Looked up when the first task runs: java.lang.management takes
     * milliseconds to load, and a launch to the first prompt runs none.
     */
    private com.sun.management.ThreadMXBean threads;
    private boolean threadsLooked;

    private static com.sun.management.ThreadMXBean threads() {
        try {
            var t = java.lang.management.ManagementFactory.getThreadMXBean();
            if (t instanceof com.sun.management.ThreadMXBean h && h.isThreadAllocatedMemorySupported()
                    && h.isThreadAllocatedMemoryEnabled()) {
                return h;
            }
        } catch (RuntimeException | LinkageError e) {
            // no allocation accounting on this JVM: the column stays 0
        }
        return null;
    }

    /** Busy shares over the last interval, minute and five minutes (fractions, 0 to 1). */
    public record Shares(double fiveSec, double oneMin, double fiveMin) {}

    /** Busy time per 5-second interval, the last whole interval and its exponential averages. */
    private final class Load {
        private long interval = Long.MIN_VALUE;   // index of the interval being filled
        private long busy;                        // nanoseconds in it so far
        private double last, avg1, avg5;          // shares
        private long checkAt = Long.MIN_VALUE;    // when roll next looks: at most 1 ms ahead, never past the interval's end

        void add(long nanos) {
            roll();
            busy += nanos;
        }

        /**
         * Folds the intervals that ended since the last call. Per task only a comparison, whose
         * other side (once per millisecond of work) the JIT sees taken and keeps out of the task's
         * code: a branch taken only at the 5 s boundary deoptimized the packet path there.
         */
        void roll() {
            long t = nanos();
            if (t >= checkAt) turnOver(t);
        }

        private void turnOver(long t) {
            checkAt = t - Math.floorMod(t, CHECK_NANOS) + CHECK_NANOS;
            long now = Math.floorDiv(t, INTERVAL_NANOS);
            if (interval == Long.MIN_VALUE) interval = now;
            if (now == interval) return;
            double share = Math.min(1.0, busy / (double) INTERVAL_NANOS);
            fold(share);
            long idle = now - interval - 1;
            if (idle >= 720) {
                last = avg1 = avg5 = 0;   // an hour idle: every average is 0 (e^-12 of any share)
            } else {
                for (long i = 0; i < idle; i++) fold(0);
            }
            interval = now;
            busy = 0;
        }

        private void fold(double share) {
            last = share;
            avg1 = avg1 * DECAY_1MIN + share * (1 - DECAY_1MIN);
            avg5 = avg5 * DECAY_5MIN + share * (1 - DECAY_5MIN);
        }

        Shares shares() {
            roll();
            return new Shares(last, avg1, avg5);
        }
    }

    private final class Process {
        final int pid;
        final String name;
        final Load load = new Load();
        long runtime, invoked, allocated;

        Process(int pid, String name) {
            this.pid = pid;
            this.name = name;
        }
    }

    /** A scheduler whose tasks count as process name's work (a new process on first use). */
    public Scheduler process(String name) {
        for (Process p : processes) if (p.name.equals(name)) return scheduler(p, false);
        Process p = new Process(processes.size() + 1, name);
        processes.add(p);
        return scheduler(p, false);
    }

    /** A scheduler whose tasks count as interrupt-level work (frames from links). */
    Scheduler interrupts() {
        return scheduler(null, true);
    }

    private Scheduler scheduler(Process p, boolean interrupt) {
        return new Scheduler() {
            @Override public long nanos() { return Processes.this.nanos(); }
            @Override public long epochMillis() { return base.epochMillis(); }
            @Override public Timer schedule(long delayNanos, Runnable task) {
                return base.schedule(delayNanos, timed(p, interrupt, task));
            }
            @Override public boolean offer(long delayNanos, Runnable task) {
                return base.offer(delayNanos, timed(p, interrupt, task));
            }
        };
    }

    /** The router's time: the running task's start (see {@link #now}), else the base scheduler's. */
    private long nanos() { return inTask ? now : base.nanos(); }

    /** task, timed as interrupt-level work: a batch a link runs on the router's turn itself (a TUN reader's). */
    public Runnable interrupt(Runnable task) { return timed(null, true, task); }

    /** The task, timed as p's (a class, not a lambda: tasks are scheduled before the first prompt, see Router). */
    private Runnable timed(Process p, boolean interrupt, Runnable task) {
        return new Runnable() {
            @Override public void run() { Processes.this.run(p, interrupt, task); }
        };
    }

    private void run(Process p, boolean interrupt, Runnable task) {
        if (!threadsLooked) {
            threads = threads();
            threadsLooked = true;
        }
        now = base.nanos();
        inTask = true;
        long t0 = System.nanoTime();
        long a0 = interrupt || threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        try {
            task.run();
        } finally {
            long spent = System.nanoTime() - t0;
            if (!interrupt && threads != null) p.allocated += Math.max(0, threads.getCurrentThreadAllocatedBytes() - a0);
            total.add(spent);
            if (interrupt) {
                interrupts.add(spent);
            } else {
                p.runtime += spent;
                p.invoked++;
                p.load.add(spent);
            }
            inTask = false;
        }
    }

    /** Every process, by PID. */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (Process p : processes) {
            Shares s = p.load.shares();
            out.add(new Row(p.pid, p.name, p.runtime, p.invoked, s.fiveSec(), s.oneMin(), s.fiveMin(), p.allocated));
        }
        return out;
    }

    /** The router's busy shares, all work. */
    public Shares total() { return total.shares(); }

    /** The last interval's share at interrupt level. */
    public double interruptFiveSec() { return interrupts.shares().fiveSec(); }
}
