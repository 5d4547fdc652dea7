package dev.routerlab.lab;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.sim.VirtualScheduler;

/**
 * The one clock of a lab: a {@link VirtualScheduler} shared by every router, driven in one of
 * two ways.
 * <ul>
 * <li>Unpaced (replay, {@code --script}): the thread that created the clock drives it and time
 *     jumps straight to the next task, so a run gives the same bytes every time.</li>
 * <li>Paced ({@link #startPacing()}: interactive consoles, TUN, SSH): a driver thread advances
 *     virtual time in step with the wall clock. Work from other threads (console lines, packets
 *     read from a TUN) is posted through a lock-free inbox and runs on the driver thread, so the
 *     routers still see one thread at a time. A TUN reader may instead take the clock's turn and
 *     run its packets itself ({@link #runOrPost}): one thread at a time still, without a wake-up
 *     of the driver per packet.</li>
 * </ul>
 * {@link #schedule} may be called from any thread: on the driving thread it goes straight to the
 * virtual scheduler, from any other it goes through the inbox (its delay counts from when the
 * driver picks it up).
 */
public final class LabClock implements Scheduler, AutoCloseable {
    /** How often the paced driver wakes when nothing is posted (virtual time resolution live). */
    static final long TICK_NANOS = 1_000_000L;

    private final VirtualScheduler v;
    private final ConcurrentLinkedQueue<Posted> inbox = new ConcurrentLinkedQueue<>();
    private volatile Thread owner;
    /** Held by whoever runs router work while paced: the driver, or a thread in {@link #runOrPost}. */
    private final ReentrantLock turn = new ReentrantLock();
    private volatile boolean running;
    private Thread driver;

    public LabClock(long epochMillis) {
        this.v = new VirtualScheduler(epochMillis);
        this.owner = Thread.currentThread();
    }

    @Override public long nanos() { return v.nanos(); }

    @Override public long epochMillis() { return v.epochMillis(); }

    /** True on the thread that may touch the routers (the driver when paced). */
    public boolean onClockThread() { return Thread.currentThread() == owner; }

    public boolean paced() { return driver != null; }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        if (onClockThread()) return v.schedule(delayNanos, task);
        Posted p = new Posted(delayNanos, task);
        inbox.add(p);
        Thread d = driver;
        if (d != null) LockSupport.unpark(d);
        return p;
    }

    /** Unpaced: runs the tasks due now, and what was posted from other threads. */
    public void runDue() {
        checkOwner();
        drain();
        v.runDue();
    }

    /** Unpaced: lets virtual time pass, running everything due on the way. */
    public void advance(long nanos) {
        checkOwner();
        drain();
        v.advance(nanos);
    }

    /**
     * Unpaced: runs tasks in time order until {@code done} holds, nothing is left, or virtual
     * time has moved by maxNanos; returns whether done held. Time stops at the task that made
     * done true.
     */
    public boolean runUntil(java.util.function.BooleanSupplier done, long maxNanos) {
        checkOwner();
        drain();
        return v.runUntil(done, maxNanos);
    }

    /** Starts the driver thread; from now on only it touches the routers. */
    public synchronized void startPacing() {
        if (driver != null) return;
        checkOwner();
        running = true;
        Thread t = new Thread(this::drive, "lab-clock");
        t.setDaemon(true);
        owner = t;
        driver = t;
        t.start();
    }

    private void drive() {
        long wallStart = System.nanoTime();
        long virtStart = v.nanos();
        while (running) {
            turn.lock();
            try {
                drain();
                long target = virtStart + (System.nanoTime() - wallStart);
                if (target > v.nanos()) v.advance(target - v.nanos());
                else v.runDue();
            } catch (RuntimeException | StackOverflowError e) {
                failed(e);
            } finally {
                turn.unlock();
            }
            if (inbox.isEmpty()) LockSupport.parkNanos(TICK_NANOS);
        }
    }

    /** One failing task must not stop every router of the lab. */
    private static void failed(Throwable e) {
        System.err.println("lab-clock: task failed: " + e);
        e.printStackTrace();
    }

    /**
     * Paced: runs task at once on the calling thread when no router work is running (the caller
     * takes the clock's turn and is the clock thread meanwhile), else posts it as {@link #execute}
     * does. A TUN reader hands its packets over this way. Unpaced, it only posts.
     */
    public void runOrPost(Runnable task) {
        if (driver == null || onClockThread() || !turn.tryLock()) {
            execute(task);
            return;
        }
        Thread driving = owner;
        owner = Thread.currentThread();
        try {
            task.run();
        } catch (RuntimeException | StackOverflowError e) {
            failed(e);
        } finally {
            owner = driving;
            turn.unlock();
        }
    }

    /** Runs task on the clock thread and waits for it; runs it at once when already there. */
    public void exec(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Runs task on the clock thread and returns its value. */
    public <T> T call(Supplier<T> task) {
        if (onClockThread()) return task.get();
        CompletableFuture<T> f = new CompletableFuture<>();
        schedule(0, () -> {
            try {
                f.complete(task.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lab clock", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    private void drain() {
        Posted p;
        while ((p = inbox.poll()) != null) {
            if (p.cancelled) continue;
            if (p.delay <= 0 && driver != null) {
                p.task.run();   // a packet or a console line: no need to go through the timer queue
            } else {
                p.real = v.schedule(p.delay, p.task);
            }
        }
    }

    private void checkOwner() {
        if (!onClockThread()) throw new IllegalStateException("the lab clock is driven by " + owner.getName());
    }

    /** Stops the driver thread (the routers stay as they are). */
    @Override
    public void close() {
        running = false;
        Thread d = driver;
        if (d != null) {
            LockSupport.unpark(d);
            if (d != Thread.currentThread()) {
                try {
                    d.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Work posted from another thread, not yet on the virtual scheduler. */
    private static final class Posted implements Timer {
        final long delay;
        final Runnable task;
        volatile boolean cancelled;
        volatile Timer real;

        Posted(long delay, Runnable task) {
            this.delay = delay;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
            Timer r = real;
            if (r != null) r.cancel();   // VirtualScheduler's cancel only sets a flag
        }
    }
}
