package dev.routerlab.link;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executor;

/**
 * A router interface bound to a Linux TUN device: bare IPv4 packets, no Ethernet and no ARP
 * ({@link #ethernet()} is false). A reader thread takes each packet the kernel sends and posts
 * it to the router's thread (its owner executor), so the router sees it on its own thread; the router writes on
 * its thread straight to the device. Packets that are not IPv4 (the kernel's IPv6 router
 * solicitations, for one) are counted and dropped here.
 *
 * <p>Between the reader and the router sits the IOS input queue: at most {@link #INPUT_QUEUE_MAX}
 * (75) packets wait; more are dropped and counted (`Input queue: size/75/drops/0` in `show
 * interfaces`), so a router that is busy or stalled holds 75 packets, not every packet the kernel
 * sends. At most two drain tasks are ever posted to the owner.
 *
 * <p>Use: {@code TunLink t = TunLink.open("rl-tun0", scheduler::execute); t.start(port.attach(t));}
 * then {@link #close()} when done (the kernel removes the interface).
 */
public final class TunLink implements Link, AutoCloseable {
    private final TunDevice dev;
    private final Executor owner;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    /** The input queue: only the reader adds, only the router's thread takes. */
    public static final int INPUT_QUEUE_MAX = 75;
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong queueDrops = new AtomicLong();
    private final AtomicLong unreportedDrops = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean drainPosted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile LinkReceiver receiver;
    private volatile boolean closed;
    private Thread reader;

    /** @param owner runs tasks on the router's thread */
    public TunLink(TunDevice dev, Executor owner) {
        this.dev = dev;
        this.owner = owner;
    }

    /** Creates (or attaches to) the TUN device {@code name}. Needs CAP_NET_ADMIN. */
    public static TunLink open(String name, Executor owner) throws IOException {
        return new TunLink(TunDevice.open(name), owner);
    }

    public String name() { return dev.name(); }

    public TunDevice device() { return dev; }

    @Override public boolean ethernet() { return false; }

    /** Starts delivering what the kernel sends to {@code rx}, on the owner's thread; carrier comes up. */
    public synchronized void start(LinkReceiver rx) {
        if (reader != null) throw new IllegalStateException("already started");
        this.receiver = rx;
        owner.execute(() -> rx.carrier(true));
        reader = new Thread(this::readLoop, "tun-" + dev.name());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        byte[] buf = new byte[65535];
        while (!closed) {
            int n;
            try {
                n = dev.read(buf, 0, buf.length);
            } catch (IOException e) {
                if (closed) break;
                dropped.incrementAndGet();
                continue;
            }
            if (n < 0) break;
            if (n < 20 || (buf[0] & 0xf0) != 0x40) {
                dropped.incrementAndGet();
                continue;
            }
            received.incrementAndGet();
            offer(java.util.Arrays.copyOf(buf, n));
        }
    }

    /** The reader's side of the input queue: enqueue, or drop when 75 already wait. */
    void offer(byte[] pkt) {
        if (queued.get() >= INPUT_QUEUE_MAX) {
            queueDrops.incrementAndGet();
            unreportedDrops.incrementAndGet();
        } else {
            queue.add(pkt);
            queued.incrementAndGet();
        }
        if (drainPosted.compareAndSet(false, true)) owner.execute(this::drain);
    }

    /** The router's side, on its thread: delivers what waits (at most one queue's worth per task). */
    private void drain() {
        drainPosted.set(false);
        LinkReceiver rx = receiver;
        long d = unreportedDrops.getAndSet(0);
        if (d > 0 && rx != null) rx.inputQueueDrops(d);
        for (int i = 0; i < INPUT_QUEUE_MAX; i++) {
            byte[] p = queue.poll();
            if (p == null) break;
            queued.decrementAndGet();
            if (rx != null) rx.receive(p, 0, p.length);
        }
        if (!queue.isEmpty() && drainPosted.compareAndSet(false, true)) owner.execute(this::drain);
    }

    /** For tests: the receiver without a reader thread (no device needed). */
    void attachForTest(LinkReceiver rx) { this.receiver = rx; }

    @Override public int inputQueueSize() { return queued.get(); }

    /** Packets dropped because the input queue was full. */
    public long inputQueueDrops() { return queueDrops.get(); }

    /** Called on the router's thread: one IPv4 packet to the kernel. Errors count as drops. */
    @Override
    public void transmit(byte[] data, int off, int len) {
        if (closed) return;
        try {
            dev.write(data, off, len);
            sent.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
    }

    public long received() { return received.get(); }

    public long sent() { return sent.get(); }

    /** Packets read that were not IPv4, or read errors. */
    public long dropped() { return dropped.get(); }

    public long sendErrors() { return sendErrors.get(); }

    /** Stops the reader, drops carrier, closes the device (the kernel removes the interface). */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        LinkReceiver rx = receiver;
        if (rx != null) owner.execute(() -> rx.carrier(false));
        dev.close();
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override public String toString() { return "TunLink[" + dev.name() + "]"; }
}
