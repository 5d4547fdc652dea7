package dev.routerlab.link;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executor;
import dev.routerlab.packet.VirtioNet;

/**
 * A router interface bound to a Linux TUN device: bare IPv4 and IPv6 packets, no Ethernet, no ARP or ND
 * ({@link #ethernet()} is false). A reader thread takes the packets the kernel sends, reading
 * (non-blocking) until the kernel's queue is dry or {@link #BATCH} are read, and hands each batch
 * to the router in one task: a full batch, with more waiting, posted to its owner executor (which
 * runs the router's work one thread at a time) while the reader reads on; the batch that empties
 * the queue run on the reader's own thread when the router is idle (a lab's {@code
 * Turn.runOrPost}). The router writes straight to the device. Packets that are neither IPv4 nor IPv6 are counted and
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
 * <p>Offloads (as wireguard-go's tun_linux.go): the device is opened with IFF_VNET_HDR and TSO/USO
 * and checksum offload where the kernel allows, so a host's TCP hands over up to 64 KB per read;
 * the reader cuts such a GSO super-packet into ordinary packets ({@link VirtioNet}) and completes
 * partial checksums, so the router, captures and every other consumer see only ordinary IPv4 and
 * IPv6 packets. Writes carry a GSO_NONE header.
 *
 * <p>Use: {@code TunLink t = TunLink.open("rl-tun0", scheduler::execute); t.start(port.attach(t));}
 * then {@link #close()} when done (the kernel removes the interface).
 */
public final class TunLink implements Link, AutoCloseable {
    private final TunDevice dev;
    private final Executor owner;
    /** Runs a batch at once on the reader's thread when the router is idle, else posts it (a lab's {@code Turn::runOrPost}). */
    private final Executor runHere;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong superPackets = new AtomicLong();
    private final AtomicLong superPacketsSent = new AtomicLong();
    // the write side's merge (GRO), touched only on the router's thread
    private final boolean gro;
    private final byte[] groBuf;
    private int groLen, groSegs, groSize, groType;
    private boolean flushPosted;
    private final Runnable flushTask = () -> {
        flushPosted = false;
        flush();
    };
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
    public TunLink(TunDevice dev, Executor owner) { this(dev, owner, owner); }

    /**
     * @param owner   posts tasks to the router's thread
     * @param runHere runs a task on the calling thread when the router is idle, else posts it: the
     *                reader hands over this way the batch it read when the kernel's queue ran dry, as
     *                it has nothing else to do; a full batch, with more waiting, it posts to the owner
     *                and reads on, so reading and routing run on two cores
     */
    public TunLink(TunDevice dev, Executor owner, Executor runHere) {
        this.dev = dev;
        this.owner = owner;
        this.runHere = runHere;
        this.gro = dev != null && dev.offloads() != 0 && !"false".equals(System.getProperty("routerlab.tun.gro"));
        this.groBuf = gro ? new byte[VirtioNet.HDR_LEN + 65535] : null;
    }

    /**
     * Creates (or attaches to) the TUN device {@code name}, with the kernel's offloads (TSO, USO,
     * checksum; {@link TunDevice#open(String, boolean)}) unless {@code -Drouterlab.tun.offload=false}.
     * Needs CAP_NET_ADMIN.
     */
    public static TunLink open(String name, Executor owner) throws IOException { return open(name, owner, owner); }

    /** As {@link #open(String, Executor)}, with the executor that runs a batch on the reader's thread when the router is idle. */
    public static TunLink open(String name, Executor owner, Executor runHere) throws IOException {
        return new TunLink(TunDevice.open(name, !"false".equals(System.getProperty("routerlab.tun.offload"))), owner, runHere);
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

    /** What the reader reads from: the device, or a test's stand-in. */
    interface Source {
        /** One packet (after its virtio_net_hdr when the device has one) into dst: its length, 0 when none waits, -1 when closed. */
        int read(java.nio.ByteBuffer dst) throws IOException;

        /** Waits (bounded) until a packet may be read. */
        void await();
    }

    /**
     * Packets a reader hands over in one wake-up of the router at most; fewer when the kernel's
     * queue runs dry or the input queue is full first. Under half the input queue, so that the
     * reader can fill the next batch while the router works through one.
     */
    static final int BATCH = 32;
    /**
     * Whether a full batch is posted while the reader reads on ({@code -Drouterlab.tun.pipeline},
     * default true); false: the reader runs every batch itself when the router is idle, one thread
     * doing all (fewer threads competing where cores are few and busy).
     */
    private static final boolean PIPELINE = !"false".equals(System.getProperty("routerlab.tun.pipeline"));

    private void readLoop() {
        try {
            dev.nonBlocking();
        } catch (IOException e) {
            // a blocking read gives batches of one, as before
        }
        boolean nonBlocking = dev.isNonBlocking();
        Source src = new Source() {
            @Override public int read(java.nio.ByteBuffer dst) throws IOException { return dev.read(dst); }
            @Override public void await() { if (nonBlocking) dev.awaitReadable(50); }
        };
        readFrom(src, dev.headerLength(), false);
    }

    /**
     * The reader: reads what the kernel has queued, packet after packet, until none waits (a
     * non-blocking read returns 0), {@link #BATCH} are read, or the input queue is full, and only
     * then hands them to the router: one drain for the batch, so the router's turn runs once for
     * it and its writes to another TUN merge (GRO). With a blocking source every read is a batch
     * of one. Returns when the source is closed, or with {@code untilDry} (tests) when it is dry.
     */
    void readFrom(Source src, int hl, boolean untilDry) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(hl + 65535);
        byte[] hdr = new byte[VirtioNet.HDR_LEN];
        byte[] gso = hl > 0 ? new byte[65535] : null;   // a super-packet's headers
        int batched = 0;
        while (!closed) {
            if (batched >= BATCH || batched > 0 && full()) {
                postDrain(!PIPELINE);                       // more waits: the router takes it while the reader reads on
                batched = 0;
            }
            waitForRoom();
            buf.clear();
            int n;
            try {
                n = src.read(buf);
            } catch (IOException e) {
                if (closed) break;
                dropped.incrementAndGet();
                continue;
            }
            if (n < 0) break;
            if (n == 0) {                                   // the kernel's queue is empty: hand over, then wait
                if (batched > 0) {
                    postDrain(true);                        // nothing else to do: run the router here when it is idle
                    batched = 0;
                    continue;                               // more may have come while the router ran
                }
                if (untilDry) return;
                src.await();
                continue;
            }
            int len = n - hl;
            if (len < 20 || (buf.get(hl) & 0xf0) != 0x40 && (len < 40 || (buf.get(hl) & 0xf0) != 0x60)) {
                dropped.incrementAndGet();
                continue;
            }
            if (hl > 0) {
                buf.get(0, hdr, 0, hl);
                if (VirtioNet.gsoType(hdr, 0) != VirtioNet.GSO_NONE) {
                    buf.get(hl, gso, 0, VirtioNet.headerBytes(hdr, 0, len));   // the headers; each payload straight from buf
                    batched += readSuper(hdr, gso, len, buf, hl);
                    continue;
                }
            }
            byte[] p = new byte[HEADROOM + len + TAILROOM];
            buf.get(hl, p, HEADROOM, len);
            if (hl > 0) {
                if (!VirtioNet.check(hdr, 0, p, HEADROOM, len).ok()) {
                    dropped.incrementAndGet();
                    continue;
                }
                if ((VirtioNet.flags(hdr, 0) & VirtioNet.F_NEEDS_CSUM) != 0) {
                    VirtioNet.completeChecksum(p, HEADROOM, len, VirtioNet.csumStart(hdr, 0), VirtioNet.csumOffset(hdr, 0));
                }
            }
            received.incrementAndGet();
            put(p, len);
            batched++;
        }
        if (batched > 0) postDrain(false);
    }

    /**
     * A GSO super-packet (its headers in b, the whole in src from srcOff): cut into the segments the
     * kernel would have sent (a pure codec, {@link VirtioNet#segment}), queued together with the rest
     * of the batch. While the queue
     * is full the reader hands over what waits and waits, as before a read; the router never
     * holds more than 75. Returns how many are queued and not yet handed over.
     */
    private int readSuper(byte[] hdr, byte[] b, int len, java.nio.ByteBuffer src, int srcOff) {
        if (!VirtioNet.check(hdr, 0, b, 0, len).ok()) {
            dropped.incrementAndGet();
            return 0;
        }
        int pending = 0;
        int segs = VirtioNet.segments(hdr, 0, b, 0, len);
        superPackets.incrementAndGet();
        for (int i = 0; i < segs && !closed; i++) {
            if (full()) {
                postDrain();
                pending = 0;
                waitForRoom();
                if (closed) return 0;
            }
            int sl = VirtioNet.segmentLength(hdr, 0, b, 0, len, i);
            byte[] p = new byte[HEADROOM + sl + TAILROOM];
            VirtioNet.segment(hdr, 0, b, 0, len, i, src, srcOff, p, HEADROOM);
            received.incrementAndGet();
            put(p, sl);
            pending++;
        }
        return pending;
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
        put(p, len);
        postDrain();
    }

    /** Queues a packet (the reader made sure there is room); the router hears of it at the next {@link #postDrain}. */
    private void put(byte[] p, int len) {
        long t = tail.get();
        int i = (int) (t % INPUT_QUEUE_MAX);
        ring[i] = p;
        ringLen[i] = len;
        tail.set(t + 1);                                // publishes the slot to the router's thread
    }

    private void postDrain() { postDrain(false); }

    /** Hands what waits to the router (one drain task at most is pending): posted, or with {@code here} run on this thread when the router is idle. */
    private void postDrain(boolean here) {
        if (drainPosted.compareAndSet(false, true)) (here ? runHere : owner).execute(this::drain);
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

    /**
     * Called on the router's thread: one IPv4 or IPv6 packet to the kernel. Errors count as drops.
     * With offloads, consecutive TCP segments (or UDP datagrams) of one flow are merged as Linux's
     * GRO would merge them ({@link VirtioNet#canAppend}) and written as one GSO super-packet when
     * the flow breaks, at 64 KB, or when the router's current work is done (one flush task posted to
     * the owner per merge, not per packet); anything else is written at once, after what waits.
     * {@code -Drouterlab.tun.gro=false} writes every packet alone.
     */
    @Override
    public void transmit(byte[] data, int off, int len) {
        if (closed) return;
        if (!gro) {
            write(data, off, len);
            return;
        }
        int type = VirtioNet.coalescible(data, off, len);
        if (groLen > 0) {
            if (type == groType && VirtioNet.canAppend(groBuf, VirtioNet.HDR_LEN, groLen, groSegs, groSize, data, off, len)) {
                groLen = VirtioNet.append(groBuf, VirtioNet.HDR_LEN, groLen, data, off, len);
                groSegs++;
                return;
            }
            flush();
        }
        if (type == VirtioNet.GSO_NONE) {
            write(data, off, len);
            return;
        }
        System.arraycopy(data, off, groBuf, VirtioNet.HDR_LEN, len);
        groLen = len;
        groSegs = 1;
        groType = type;
        groSize = len - VirtioNet.coalescedHeaders(data, off);
        if (!flushPosted) {
            flushPosted = true;
            owner.execute(flushTask);
        }
    }

    private void write(byte[] data, int off, int len) {
        try {
            dev.write(data, off, len);
            sent.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
    }

    /** Writes what is merged: alone as it came when one packet, else as a GSO super-packet. */
    private void flush() {
        if (groLen == 0 || closed) return;
        if (groSegs == 1) {
            VirtioNet.writeNone(groBuf, 0);
        } else {
            VirtioNet.finishCoalesced(groBuf, 0, groBuf, VirtioNet.HDR_LEN, groLen, groType, groSize);
        }
        try {
            dev.writeRaw(groBuf, 0, VirtioNet.HDR_LEN + groLen);
            sent.addAndGet(groSegs);
            if (groSegs > 1) superPacketsSent.incrementAndGet();
        } catch (IOException e) {
            sendErrors.addAndGet(groSegs);
        }
        groLen = 0;
    }

    /** GSO super-packets written, each of several merged packets. */
    public long superPacketsSent() { return superPacketsSent.get(); }

    /** Packets read (a GSO super-packet counts as its segments). */
    public long received() { return received.get(); }

    /** GSO super-packets read and cut into segments. */
    public long superPackets() { return superPackets.get(); }

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
