package dev.routerlab.link;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executor;

/**
 * A router interface bound to a Linux TUN device: bare IPv4 and IPv6 packets, no Ethernet, no ARP or ND
 * ({@link #ethernet()} is false). A reader thread takes each packet the kernel sends and hands
 * it to its owner executor, which runs the router's work one thread at a time (a lab's clock lets
 * the reader run it itself when the routers are idle); the router writes straight to the device. Packets that are neither IPv4 nor IPv6 are counted and
 * dropped here.
 *
 * <p>Between the reader and the router sits the IOS input queue: at most {@link #INPUT_QUEUE_MAX}
 * (75) packets wait, so a router that is busy or stalled holds 75 packets, not every packet the
 * kernel sends: while 75 wait the reader reads no more and the kernel's TUN queue holds the rest
 * (dropping beyond its txqueuelen, as the host's `TX dropped` of the device counts); a packet
 * offered to a full queue is dropped and counted (`Input queue: size/75/drops/0` in `show
 * interfaces`). At most two drain tasks are ever posted to the owner. The queue is a ring the reader
 * fills and the router's thread empties (no node or task per packet); each packet is copied once,
 * from the read buffer into an array with {@link #HEADROOM} before it and {@link #TAILROOM} after
 * it, so that the tunnel and ESP headers and trailers the router adds are written in place.
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
    /** Room before a packet read: Ethernet, outer IPv4, UDP (NAT-T), ESP header and IV, IPv4 and GRE of a tunnel. */
    public static final int HEADROOM = 128;
    /** Room after it: ESP padding, pad length, next header and ICV. */
    public static final int TAILROOM = 64;
    private final byte[][] ring = new byte[INPUT_QUEUE_MAX][];
    private final int[] ringLen = new int[INPUT_QUEUE_MAX];
    private final AtomicLong head = new AtomicLong();   // next to take (router's thread)
    private final AtomicLong tail = new AtomicLong();   // next to fill (reader)
    private final AtomicLong queueDrops = new AtomicLong();
    private final AtomicLong unreportedDrops = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean drainPosted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile LinkReceiver receiver;
    private volatile boolean closed;
    private volatile boolean readerWaiting;
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
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(65535);
        while (!closed) {
            int n;
            waitForRoom();
            buf.clear();
            try {
                n = dev.read(buf);
            } catch (IOException e) {
                if (closed) break;
                dropped.incrementAndGet();
                continue;
            }
            if (n < 0) break;
            if (n < 20 || (buf.get(0) & 0xf0) != 0x40 && (n < 40 || (buf.get(0) & 0xf0) != 0x60)) {
                dropped.incrementAndGet();
                continue;
            }
            received.incrementAndGet();
            if (full()) {
                dropFull();
                continue;
            }
            byte[] p = new byte[HEADROOM + n + TAILROOM];
            buf.get(0, p, HEADROOM, n);
            offer(p, n);
        }
    }

    /**
     * While the input queue is full the reader leaves packets in the kernel's TUN queue (its
     * txqueuelen, 500) instead of reading and dropping them: a burst longer than 75 packets, or a
     * router thread descheduled for a few milliseconds, then costs no loss (TCP through a lab lost
     * 13% of its segments here at 75). The router still holds at most 75.
     */
    private void waitForRoom() {
        while (full() && !closed) {
            readerWaiting = true;
            if (full()) java.util.concurrent.locks.LockSupport.parkNanos(this, 1_000_000L);
            readerWaiting = false;
        }
    }

    private boolean full() { return tail.get() - head.get() >= INPUT_QUEUE_MAX; }

    private void dropFull() {
        queueDrops.incrementAndGet();
        unreportedDrops.incrementAndGet();
        postDrain();
    }

    /** The reader's side of the input queue: the packet {@code p[HEADROOM, HEADROOM+len)} is queued, or dropped when 75 already wait. */
    void offer(byte[] p, int len) {
        if (full()) {
            dropFull();
            return;
        }
        long t = tail.get();
        int i = (int) (t % INPUT_QUEUE_MAX);
        ring[i] = p;
        ringLen[i] = len;
        tail.set(t + 1);                                // publishes the slot to the router's thread
        postDrain();
    }

    private void postDrain() {
        if (drainPosted.compareAndSet(false, true)) owner.execute(this::drain);
    }

    /** The router's side, on its thread: delivers what waits (at most one queue's worth per task). */
    private void drain() {
        drainPosted.set(false);
        LinkReceiver rx = receiver;
        long d = unreportedDrops.getAndSet(0);
        if (d > 0 && rx != null) rx.inputQueueDrops(d);
        long h = head.get(), t = tail.get();
        for (; h < t; h++) {
            int i = (int) (h % INPUT_QUEUE_MAX);
            byte[] p = ring[i];
            int len = ringLen[i];
            ring[i] = null;
            head.set(h + 1);
            if (rx != null) rx.receive(p, HEADROOM, len);
        }
        if (readerWaiting) java.util.concurrent.locks.LockSupport.unpark(reader);
        if (tail.get() != head.get()) postDrain();
    }

    /** For tests: the receiver without a reader thread (no device needed). */
    void attachForTest(LinkReceiver rx) { this.receiver = rx; }

    @Override public int inputQueueSize() { return (int) (tail.get() - head.get()); }

    /** Packets dropped because the input queue was full. */
    public long inputQueueDrops() { return queueDrops.get(); }

    /** Called on the router's thread: one IPv4 or IPv6 packet to the kernel. Errors count as drops. */
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

    /** Packets read that were neither IPv4 nor IPv6, or read errors. */
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
