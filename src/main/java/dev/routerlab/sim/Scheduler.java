package dev.routerlab.sim;

/**
 * Timers and task posting. In a virtual-time lab every router's tasks share one VirtualScheduler
 * on a single thread; live, each router has its own event loop (a lab's turn on worker threads,
 * or a WallScheduler).
 */
public interface Scheduler extends Clock {
    /** Runs task after delayNanos (0 = as soon as possible, after already queued work). */
    Timer schedule(long delayNanos, Runnable task);

    /**
     * As {@link #schedule}, for work another router's wire hands over: false when the scheduler
     * refused the task (a lab turn's inbox was full), which then never runs; the caller counts it.
     */
    default boolean offer(long delayNanos, Runnable task) {
        schedule(delayNanos, task);
        return true;
    }

    /** Runs task soon on this scheduler's thread. */
    default void execute(Runnable task) {
        schedule(0, task);
    }

    /** A scheduled task that can be cancelled before it runs. */
    interface Timer {
        void cancel();
    }
}
