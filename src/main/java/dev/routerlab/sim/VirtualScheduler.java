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

    /**
     * A scheduler that continues another one's time: it starts at {@code from}'s time and goes on
     * from its insertion order, so tasks moved here by {@link #moveTo} keep their places among the
     * tasks scheduled here afterwards.
     */
    public VirtualScheduler(VirtualScheduler from) {
        this.epochBaseMillis = from.epochBaseMillis;
        this.now = from.now;
        this.seq = from.seq;
    }

    @Override public long nanos() { return now; }

    @Override public long epochMillis() { return epochBaseMillis + now / 1_000_000L; }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        return schedule(delayNanos, task, null);
    }

    /**
     * As {@link #schedule(long, Runnable)}, the task marked with the owner it belongs to (e.g.
     * one router of several sharing this scheduler), for {@link #moveTo}.
     */
    public Timer schedule(long delayNanos, Runnable task, Object owner) {
        Task t = new Task(now + Math.max(0, delayNanos), seq++, task, owner);
        queue.add(t);
        return t;
    }

    /**
     * Moves every pending task to the scheduler {@code to} gives for its owner (each made with
     * {@link #VirtualScheduler(VirtualScheduler)} from this one), keeping its time and order; a
     * task's {@link Timer} stays valid. Leaves this scheduler empty.
     */
    public void moveTo(java.util.function.Function<Object, VirtualScheduler> to) {
        Task t;
        while ((t = queue.poll()) != null) {
            if (t.cancelled) continue;
            to.apply(t.owner).queue.add(t);
        }
    }

    /**
     * Runs at most {@code maxTasks} of the tasks due at or before {@code until}, in order (those
     * they schedule for then included); time then stands at {@code until} when none is left due
     * by then, else at the last task run. Returns how many ran.
     */
    public int advanceTo(long until, int maxTasks) {
        int n = 0;
        Task t;
        while ((t = queue.peek()) != null && t.at <= until) {
            if (n == maxTasks) return n;
            queue.poll();
            if (t.cancelled) continue;
            now = Math.max(now, t.at);
            n++;
            t.task.run();
        }
        now = Math.max(now, until);
        return n;
    }

    /** When the next pending task is due (virtual nanoseconds), or Long.MAX_VALUE when none is. */
    public long nextDue() {
        Task t;
        while ((t = queue.peek()) != null && t.cancelled) queue.poll();
        return t == null ? Long.MAX_VALUE : t.at;
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
        final Object owner;
        volatile boolean cancelled;   // a timer may be cancelled from another thread than the one running the queue

        Task(long at, long order, Runnable task, Object owner) {
            this.at = at;
            this.order = order;
            this.task = task;
            this.owner = owner;
        }

        @Override public void cancel() { cancelled = true; }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
