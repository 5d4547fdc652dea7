package dev.routerlab.sim;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Live time: one daemon thread is the router's event loop; timers follow the wall clock. */
public final class WallScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService loop;

    public WallScheduler(String name) {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override public long nanos() { return System.nanoTime(); }

    @Override public long epochMillis() { return System.currentTimeMillis(); }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override public void close() { loop.shutdownNow(); }
}
