package dev.routerlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.sim.VirtualScheduler;

/**
 * The clock of a lab and the turns its routers run on. Each router has a {@link Turn}: its
 * scheduler, on which all of its work runs, never on two threads at once. The clock drives the
 * turns in one of two ways.
 * <ul>
 * <li>Unpaced (replay, {@code --script}, tests that drive virtual time): every turn's tasks go
 *     into one {@link VirtualScheduler}, run in (time, insertion) order by the thread that made
 *     the clock, and time jumps straight to the next task, so a run gives the same bytes every
 *     time. Work posted from other threads waits in a bounded inbox until that thread runs.</li>
 * <li>Paced ({@link #startPacing()}: interactive consoles, TUN, SSH): virtual time follows the
 *     wall clock, and each turn becomes an actor: its own virtual scheduler (its pending tasks
 *     moved there, keeping their times, order and timers) and its own bounded inbox, run by a
 *     small pool of worker threads ({@link #WORKERS}, by default the machine's cores), so routers
 *     run in parallel. Another thread (a console, another router's wire, a TUN reader, SSH) posts
 *     to a turn's inbox; a full inbox refuses the task and counts it
 *     ({@link Turn#inboxDrops()}). A clock thread ({@code lab-clock}) wakes each turn when its
 *     next timer is due. A TUN reader may run its router's turn itself when the turn is idle
 *     ({@link Turn#runOrPost}), without a wake-up of a worker per packet. Work that reads several
 *     routers at once (the lab console's router list, unsaved configurations, closing) runs with
 *     every turn stopped ({@link #call}).</li>
 * </ul>
 * The clock is itself a scheduler: the lab's own turn, for work that belongs to no router.
 */
public final class LabClock implements Scheduler, AutoCloseable {
    /** How often the paced clock thread wakes the turns whose timers are due (virtual time resolution live). */
    static final long TICK_NANOS = 1_000_000L;
    /**
     * Paced: how many tasks a turn's inbox holds (property {@code routerlab.lab.inbox}, a power of
     * two); what another router posts to a full one (a frame) is dropped and counted, other
     * threads wait for room. A TUN reader cut a 64 KB super-packet into some 45 packets, and a
     * burst of them crossing a router and then a wire made 1,024 overflow (iperf3 retransmits).
     * A wire's queue of frames for a paced router ({@code Port.frameQueue}) is as deep.
     */
    static final int INBOX = Integer.highestOneBit(Math.max(64, Integer.getInteger("routerlab.lab.inbox", 4096)));
    /** Unpaced: how many tasks other threads may post before the driving thread runs again. */
    static final int UNPACED_INBOX = 1 << 16;
    /** Paced: tasks a turn takes from its inbox before it lets another turn have the worker. */
    static final int BATCH = 256;
    /** Paced: due tasks a turn runs, twice per slice (before and after its inbox), before it lets another turn have the worker. */
    static final int SLICE = 512;
    /** Paced: worker threads (property {@code routerlab.lab.workers}; default the number of cores). */
    static final int WORKERS = Math.max(1, Integer.getInteger("routerlab.lab.workers", Runtime.getRuntime().availableProcessors()));

    private static final int IDLE = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;

    private final VirtualScheduler v;
    private final long epochBaseMillis;
    /** Unpaced: tasks from other threads; paced: stragglers posted across the switch, handed on by the clock thread. */
    private final Inbox<Posted> posted = new Inbox<>(UNPACED_INBOX);
    private final AtomicLong postedDrops = new AtomicLong();
    private final List<Turn> turns = new ArrayList<>();
    private final Turn lab;
    /** Unpaced: the thread that drives the clock. Null once paced. */
    private volatile Thread owner;
    private volatile boolean paced;
    private volatile boolean running;
    private long wallStart;
    private long virtStart;
    /** Paced: each slice of a turn holds it shared; {@link #call} holds it exclusive, every turn stopped. */
    private final ReentrantReadWriteLock world = new ReentrantReadWriteLock();
    private ArrayBlockingQueue<Turn> ready;
    private final PriorityQueue<Wake> wakes = new PriorityQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private Thread ticker;

    public LabClock(long epochMillis) {
        this.v = new VirtualScheduler(epochMillis);
        this.epochBaseMillis = epochMillis;
        this.owner = Thread.currentThread();
        this.lab = turn("lab");
    }

    /** A new turn (a router's scheduler); made before pacing starts. */
    public synchronized Turn turn(String name) {
        if (paced) throw new IllegalStateException("a lab's turns are made before it is paced");
        Turn t = new Turn(name);
        turns.add(t);
        return t;
    }

    @Override
    public long nanos() {
        return paced ? virtStart + (System.nanoTime() - wallStart) : v.nanos();
    }

    @Override public long epochMillis() { return epochBaseMillis + nanos() / 1_000_000L; }

    /**
     * True on a thread that may touch routers: unpaced, the one that drives the clock; paced, a
     * thread running a turn, or one in a lab-wide {@link #call}.
     */
    public boolean onClockThread() {
        if (!paced) return Thread.currentThread() == owner;
        return world.isWriteLockedByCurrentThread() || world.getReadHoldCount() > 0;
    }

    public boolean paced() { return paced; }

    /** Posts to the lab's own turn (work that belongs to no router). */
    @Override
    public Timer schedule(long delayNanos, Runnable task) { return lab.schedule(delayNanos, task); }

    /** Tasks refused because an inbox was full (every turn's, and the unpaced one's). */
    public long inboxDrops() {
        long n = postedDrops.get();
        synchronized (this) {
            for (Turn t : turns) n += t.drops.get();
        }
        return n;
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

    private Timer scheduleUnpaced(long delayNanos, Runnable task, Turn turn) {
        if (Thread.currentThread() == owner) return v.schedule(delayNanos, task, turn);
        Posted p = new Posted(turn, delayNanos, task);
        if (!posted.offer(p)) {
            postedDrops.incrementAndGet();
            p.refused = true;
        }
        return p;
    }

    private void drain() {
        Posted p;
        while ((p = posted.poll()) != null) {
            if (p.cancelled) continue;
            p.real = v.schedule(p.delay, p.task, p.turn);
        }
    }

    /**
     * Starts pacing: each turn takes its pending tasks onto a virtual scheduler of its own, and
     * worker threads run the turns from now on.
     */
    public synchronized void startPacing() {
        if (paced) return;
        checkOwner();
        drain();
        for (Turn t : turns) {
            t.own = new VirtualScheduler(v);
            t.inbox = new Inbox<>(INBOX);
        }
        v.moveTo(o -> ((Turn) o).own);
        ready = new ArrayBlockingQueue<>(turns.size());
        virtStart = v.nanos();
        wallStart = System.nanoTime();
        running = true;
        owner = null;
        paced = true;                   // publishes the turns' schedulers and inboxes
        for (Turn t : turns) wake(t, t.own.nextDue());
        int n = Math.min(WORKERS, Math.max(1, turns.size() - 1));
        for (int i = 0; i < n; i++) {
            Thread w = new Thread(this::work, "lab-worker-" + i);
            w.setDaemon(true);
            threads.add(w);
        }
        ticker = new Thread(this::tick, "lab-clock");
        ticker.setDaemon(true);
        threads.add(ticker);
        for (Thread t : threads) t.start();
    }

    /** A worker: runs the turns that have work, one slice at a time. */
    private void work() {
        while (running) {
            Turn t;
            try {
                t = ready.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (t == null) continue;
            long next = Long.MAX_VALUE;
            boolean ran = false;
            world.readLock().lock();
            try {
                if (t.state.compareAndSet(QUEUED, RUNNING)) {
                    ran = true;
                    next = t.slice(null);
                }
            } finally {
                world.readLock().unlock();
            }
            if (ran) t.after(next);
        }
    }

    /** The clock thread: wakes the turns whose timers are due, hands on stragglers. */
    private void tick() {
        List<Turn> due = new ArrayList<>();
        while (running) {
            Posted p;
            while ((p = posted.poll()) != null) p.turn.post(p, false);
            long now = nanos();
            synchronized (wakes) {
                Wake w;
                while ((w = wakes.peek()) != null && w.at <= now) {
                    wakes.poll();
                    if (w.turn.wakeAt == w.at) {
                        w.turn.wakeAt = Long.MAX_VALUE;
                        due.add(w.turn);
                    }
                }
            }
            for (Turn t : due) t.signal();
            due.clear();
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    /** Paced: the turn's next timer is due at {@code at} (virtual nanoseconds). */
    private void wake(Turn t, long at) {
        if (at == Long.MAX_VALUE || at >= t.wakeAt) return;   // an earlier wake-up is already set
        synchronized (wakes) {
            if (at < t.wakeAt) {
                t.wakeAt = at;
                wakes.add(new Wake(at, t));
            }
        }
    }

    /** One failing task must not stop every router of the lab. */
    private static void failed(Throwable e) {
        System.err.println("lab-clock: task failed: " + e);
        e.printStackTrace();
    }

    /** Paced: the lab's own turn's {@link Turn#runOrPost}; unpaced, it only posts. */
    public void runOrPost(Runnable task) { lab.runOrPost(task); }

    /** Runs task with the routers stopped (unpaced: on the clock's thread) and waits for it. */
    public void exec(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs task where it may touch every router and returns its value: unpaced on the clock's
     * thread (at once when already there); paced on the calling thread while every turn is
     * stopped (no slice runs; what is posted meanwhile waits in the inboxes).
     */
    public <T> T call(Supplier<T> task) {
        if (!paced) {
            if (Thread.currentThread() == owner) return task.get();
            return await(lab, task);
        }
        if (world.isWriteLockedByCurrentThread()) return task.get();
        if (world.getReadHoldCount() > 0) throw new IllegalStateException("a lab-wide call from a router's turn");
        world.writeLock().lock();
        try {
            return task.get();
        } finally {
            world.writeLock().unlock();
        }
    }

    /** Posts task to the turn and waits for its value. */
    private static <T> T await(Turn turn, Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        turn.schedule(0, () -> {
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

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(paced ? "the lab clock is paced" : "the lab clock is driven by " + owner.getName());
        }
    }

    /** Stops the worker and clock threads (the routers stay as they are). */
    @Override
    public void close() {
        running = false;
        List<Thread> all;
        synchronized (this) {
            all = new ArrayList<>(threads);
        }
        for (Thread t : all) {
            LockSupport.unpark(t);
            if (t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One router's scheduler: everything the router does runs on its turn, one thread at a time.
     * Unpaced it shares the clock's virtual scheduler; paced it is an actor with its own virtual
     * scheduler on the lab's time base and its own bounded inbox.
     */
    public final class Turn implements Scheduler {
        private final String name;
        /** Paced: this turn's timers (touched only by the thread running the turn). */
        private VirtualScheduler own;
        /** Paced: tasks from other threads. */
        private Inbox<Posted> inbox;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile Thread runner;
        /** The time of this turn's wake-up in {@link #wakes} (guarded by wakes; read without it as a hint). */
        private volatile long wakeAt = Long.MAX_VALUE;
        private final AtomicLong drops = new AtomicLong();

        private Turn(String name) { this.name = name; }

        public String name() { return name; }

        @Override
        public long nanos() {
            if (!paced) return v.nanos();
            return runner == Thread.currentThread() ? own.nanos() : LabClock.this.nanos();
        }

        @Override public long epochMillis() { return epochBaseMillis + nanos() / 1_000_000L; }

        /** True when the calling thread may touch this turn's router now. */
        public boolean current() {
            if (!paced) return Thread.currentThread() == owner;
            return runner == Thread.currentThread() || world.isWriteLockedByCurrentThread();
        }

        /**
         * Runs task on this turn and returns its value: at once when the caller may touch the
         * router, else posted to the turn, the caller waiting for it.
         */
        public <T> T call(Supplier<T> task) {
            if (current()) return task.get();
            if (paced && world.getReadHoldCount() > 0) throw new IllegalStateException("a call to " + name + " from another router's turn");
            return await(this, task);
        }

        /** As {@link #call}, without a value. */
        public void exec(Runnable task) {
            call(() -> {
                task.run();
                return null;
            });
        }

        /** Tasks refused because this turn's inbox was full, and frames a wire's queue for it refused. */
        public long inboxDrops() { return drops.get(); }

        /** n frames a wire's own queue for this turn refused (a live wire queues frames apart from the inbox). */
        void refused(long n) { drops.addAndGet(n); }

        @Override
        public Timer schedule(long delayNanos, Runnable task) {
            if (!paced) return scheduleUnpaced(delayNanos, task, this);
            if (runner == Thread.currentThread()) return own.schedule(delayNanos, task);
            Posted p = new Posted(this, delayNanos, task);
            post(p, true);
            return p;
        }

        /** As {@link #schedule}; false when the inbox was full and the task dropped (counted in {@link #inboxDrops}). */
        @Override
        public boolean offer(long delayNanos, Runnable task) {
            return !(schedule(delayNanos, task) instanceof Posted p && p.refused);
        }

        /**
         * Adds p to the inbox. When it is full, a router's turn (a wire delivering), the clock
         * thread, or a thread in a lab-wide call drops p and counts it; any other thread (a
         * console, SSH, a TUN reader) waits for room, so a typed line is never lost and a reader
         * is held back as by its own full queue.
         */
        private void post(Posted p, boolean mayWait) {
            if (inbox.offer(p)) {
                signal();
                return;
            }
            if (!mayWait || !running || world.getReadHoldCount() > 0 || world.isWriteLockedByCurrentThread()) {
                drops.incrementAndGet();
                p.refused = true;
                return;
            }
            signal();
            while (!inbox.offer(p)) {
                if (!running) {
                    drops.incrementAndGet();
                    p.refused = true;
                    return;
                }
                LockSupport.parkNanos(50_000L);
            }
            signal();
        }

        /** Queues the turn for a worker unless it is queued or running already. */
        private void signal() {
            if (state.compareAndSet(IDLE, QUEUED)) ready.add(this);   // at most once per turn: never full
        }

        /**
         * Paced: runs task at once on the calling thread when the turn is idle (the caller runs
         * the turn meanwhile: the timers due, task at the turn's time now, what else waits), else
         * posts it as {@link #execute}
         * does. A TUN reader hands its packets over this way. Unpaced, it only posts.
         */
        public void runOrPost(Runnable task) {
            if (!paced || runner == Thread.currentThread()) {
                execute(task);
                return;
            }
            boolean locked;
            try {
                locked = world.readLock().tryLock(0, TimeUnit.NANOSECONDS);   // yields to a waiting lab-wide call
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                locked = false;
            }
            if (!locked) {
                execute(task);
                return;
            }
            boolean ran = false;
            long next = Long.MAX_VALUE;
            try {
                if (state.compareAndSet(IDLE, RUNNING)) {
                    ran = true;
                    next = slice(task);
                }
            } finally {
                world.readLock().unlock();
            }
            if (ran) after(next);
            else execute(task);
        }

        /**
         * Runs the turn (state RUNNING, the world lock held shared): first, what is due, the inbox;
         * returns when its next timer is due.
         */
        private long slice(Runnable first) {
            long next = Long.MAX_VALUE;
            runner = Thread.currentThread();
            try {
                // the turn's time, read once per slice: what the slice's work sees (a batch run here
                // too, after the timers due before it); bounded, so that a router that keeps posting
                // work cannot hold a worker (or a lab-wide call) for ever: what is left makes the
                // turn queue again behind the others
                own.advanceTo(Math.max(own.nanos(), LabClock.this.nanos()), SLICE);
                if (first != null) {
                    try {
                        first.run();
                    } catch (RuntimeException | StackOverflowError e) {
                        failed(e);
                    }
                }
                Posted p;
                for (int n = 0; n < BATCH && (p = inbox.poll()) != null; n++) {
                    if (p.cancelled) continue;
                    if (p.delay <= 0) p.task.run();   // a packet or a console line: no need to go through the timer queue
                    else p.real = own.schedule(p.delay, p.task);
                }
                own.advanceTo(own.nanos(), SLICE);
            } catch (RuntimeException | StackOverflowError e) {
                failed(e);
            } finally {
                try {
                    next = own.nextDue();
                } finally {
                    runner = null;
                    state.set(IDLE);
                }
            }
            return next;
        }

        /** After a slice, on the same thread: the next timer's wake-up, or more work at once if there is. */
        private void after(long next) {
            if (!inbox.isEmpty() || next <= LabClock.this.nanos()) signal();
            else wake(this, next);
        }

        @Override public String toString() { return "Turn[" + name + "]"; }
    }

    /** Work posted from another thread, not yet on a virtual scheduler. */
    private static final class Posted implements Timer {
        final Turn turn;
        final long delay;
        final Runnable task;
        volatile boolean cancelled;
        volatile Timer real;
        /** Dropped: the inbox was full (written by the posting thread before it returns). */
        boolean refused;

        Posted(Turn turn, long delay, Runnable task) {
            this.turn = turn;
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

    /** A turn's next timer, in the clock thread's queue. */
    private record Wake(long at, Turn turn) implements Comparable<Wake> {
        @Override public int compareTo(Wake o) { return Long.compare(at, o.at); }
    }
}
