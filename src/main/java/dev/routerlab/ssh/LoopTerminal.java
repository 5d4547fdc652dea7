package dev.routerlab.ssh;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import dev.routerlab.cli.Pager;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.device.Router;
import dev.routerlab.sim.Scheduler;

/**
 * Ties a front end (a JLine console on an SSH channel or on the local terminal, or an SSH exec
 * channel) to its router's event loop. Every session call runs on the loop while the front
 * end's own thread waits ({@link #run}); what the command prints is gathered and written, through
 * the --More-- pager, by the front end's thread afterwards. So a slow client or a user reading a
 * page never holds up the router, and log lines that arrive between commands are handed to a
 * writer thread rather than written by the loop. Questions (`Password:`, `[confirm]`) do not
 * wait on the loop either: the session keeps them open ({@link Session#question()}) and the
 * front end types the answer as its next line; their bound is a timer on the loop
 * ({@link Session#askTimeout}).
 */
public final class LoopTerminal implements Terminal {
    static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vty-timers");
        t.setDaemon(true);
        return t;
    });
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vty-writer");
        t.setDaemon(true);
        return t;
    });

    private final Scheduler loop;
    private final Terminal front;
    private final StringBuilder gathered = new StringBuilder();
    private final ConcurrentLinkedQueue<String> later = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile Thread worker;
    /** A call is running: text from the loop waits so that it follows what the call printed. */
    private volatile boolean holding;
    private static final long FLUSH_NANOS = 30_000_000_000L;
    /** The text of a call's end mark in {@link #later} (each call queues its own instance). */
    private static final String END = "\u0000";
    private volatile Session session;

    /** @param front where text goes (a JLineConsole, an exec channel) */
    public LoopTerminal(Router router, Terminal front) {
        this.loop = router.processes().process("Virtual Exec");
        this.front = front;
    }

    /** The session this terminal serves (its length drives the pager). */
    public void attach(Session s) { this.session = s; }

    public Terminal front() { return front; }

    /** Runs task on the router's loop and waits; then shows what it printed. */
    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** As {@link #run}, returning the task's value. */
    public <T> T call(Supplier<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        // queued on the loop when the task ends: text the loop writes later (the first marks of
        // a ping that has just started) is behind it, and so goes out after what the task printed
        String end = new String(END);
        holding = true;
        loop.execute(() -> {
            worker = Thread.currentThread();
            T v = null;
            Throwable t = null;
            try {
                v = task.get();
            } catch (Throwable x) {
                t = x;
            } finally {
                worker = null;
                later.add(end);
            }
            if (t != null) done.completeExceptionally(t);
            else done.complete(v);
        });
        T value = null;
        Throwable failure = null;
        try {
            value = done.join();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        String out = drain();
        if (failure != null) out += "% Internal error (" + failure.getClass().getSimpleName() + ")\n";
        writeUntil(end);  // what the loop wrote before the task ended (a log line) goes out first
        show(out);
        holding = false;  // what it writes meanwhile (the marks that follow) after
        pump();
        return value;
    }

    private String drain() {
        synchronized (gathered) {
            String s = gathered.toString();
            gathered.setLength(0);
            return s;
        }
    }

    private void show(String text) {
        if (text.isEmpty()) return;
        Session s = session;
        int length = s == null ? 0 : s.length();
        if (front.interactive() && length > 0) Pager.page(front, text, length);
        else front.write(text);
    }

    @Override
    public void write(String text) {
        if (Thread.currentThread() == worker) {
            synchronized (gathered) {
                gathered.append(text);
            }
        } else {
            // from the loop between our commands (a log line), or another thread: never block it
            later.add(text);
            if (!holding) pump();
        }
    }

    /** Waits until the text queued by the loop so far has been written (bounded: a stuck client is dropped). */
    @Override
    public void flush() {
        long deadline = System.nanoTime() + FLUSH_NANOS;
        synchronized (writing) {
            while ((writing.get() || (!holding && !later.isEmpty())) && System.nanoTime() - deadline < 0) {
                try {
                    writing.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (holding) {
            for (String t; (t = later.poll()) != null; ) writeFront(t);
        }
    }

    /** Waits for a writer in flight, then writes what is queued up to end (bounded as flush). */
    private void writeUntil(String end) {
        long deadline = System.nanoTime() + FLUSH_NANOS;
        synchronized (writing) {
            while (writing.get() && System.nanoTime() - deadline < 0) {
                try {
                    writing.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        for (String t; (t = later.poll()) != null && t != end; ) writeFront(t);
    }

    /** Writes queued text in order on a writer thread (at most one at a time per terminal). */
    private void pump() {
        if (!writing.compareAndSet(false, true)) return;
        WRITERS.execute(() -> {
            try {
                for (String t; !holding && (t = later.poll()) != null; ) writeFront(t);
            } finally {
                synchronized (writing) {
                    writing.set(false);
                    writing.notifyAll();
                }
                if (!holding && !later.isEmpty()) pump();
            }
        });
    }

    private void writeFront(String t) {
        if (END.equals(t)) return;   // the end of a call that writeUntil did not reach
        try {
            front.write(t);
        } catch (RuntimeException e) {
            later.clear();   // the client has gone
        }
    }

    /** A question timed out on the loop: the front end stops reading it (never blocks the loop). */
    @Override
    public void questionExpired() { TIMERS.execute(front::questionExpired); }

    /** Output is paged after the command by the front end's thread, never on the loop. */
    @Override public boolean interactive() { return false; }

    @Override public int readKey() { return front.readKey(); }
}
