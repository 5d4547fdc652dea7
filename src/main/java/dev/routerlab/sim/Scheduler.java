package dev.routerlab.sim;

/**
 * Timers and task posting. In a virtual-time lab every router's tasks share one VirtualScheduler
 * on a single thread; live, each router has its own event loop (a lab's turn on worker threads,
 * or a WallScheduler).
 */
public interface Scheduler extends Clock {
    /** Runs task after delayNanos (0 = as soon as possible, after already queued work). */
    Timer schedule(long delayNanos, Runnable task);

    /** Runs task soon on this scheduler's thread. */
    default void execute(Runnable task) {
        schedule(0, task);
    }

    /** A scheduled task that can be cancelled before it runs. */
    interface Timer {
        void cancel();
    }
}
