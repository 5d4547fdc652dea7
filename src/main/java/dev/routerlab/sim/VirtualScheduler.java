package dev.routerlab.sim;

import java.util.PriorityQueue;

/**
 * Deterministic virtual time: tasks run in (time, insertion) order on the caller's thread and
 * time jumps straight to the next due task. The same inputs give the same outputs every run.
 * Not thread-safe: drive it from one thread.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final long epochBaseMillis;
    private long now;
    private long seq;

    /** @param epochBaseMillis the wall-clock date that virtual time 0 maps to */
    public VirtualScheduler(long epochBaseMillis) {
        this.epochBaseMillis = epochBaseMillis;
    }

    @Override public long nanos() { return now; }

    @Override public long epochMillis() { return epochBaseMillis + now / 1_000_000L; }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        Task t = new Task(now + Math.max(0, delayNanos), seq++, task);
        queue.add(t);
        return t;
    }

    /** Runs every task due at or before now + nanos, then sets the time to now + nanos. */
    public void advance(long nanos) {
        long until = now + nanos;
        runWhile(until);
        now = Math.max(now, until);
    }

    /** Runs tasks due now (and those they post for now) without moving time. */
    public void runDue() { runWhile(now); }

    /** Runs all pending work, moving time forward, until none is left or maxNanos have passed. */
    public void runUntilIdle(long maxNanos) { runWhile(now + maxNanos); }

    /**
     * Runs the tasks due now, then keeps running tasks in order, moving time forward, until
     * done is true, nothing is left, or maxNanos have passed. For commands that wait (ping).
     * @return done's final value
     */
    public boolean runUntil(java.util.function.BooleanSupplier done, long maxNanos) {
        long limit = now + maxNanos;
        runWhile(now);
        Task t;
        while (!done.getAsBoolean() && (t = queue.peek()) != null && t.at <= limit) {
            queue.poll();
            if (t.cancelled) continue;
            now = Math.max(now, t.at);
            t.task.run();
        }
        runWhile(now);
        return done.getAsBoolean();
    }

    public boolean idle() {
        return queue.stream().allMatch(t -> t.cancelled);
    }

    private void runWhile(long until) {
        Task t;
        while ((t = queue.peek()) != null && t.at <= until) {
            queue.poll();
            if (t.cancelled) continue;
            now = Math.max(now, t.at);
            t.task.run();
        }
    }

    private static final class Task implements Timer, Comparable<Task> {
        final long at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Task(long at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }

        @Override public void cancel() { cancelled = true; }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
