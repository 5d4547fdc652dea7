package dev.routerlab.link;

import java.util.SplittableRandom;

/**
 * An in-memory Ethernet wire between two router ports.
 *
 * <h2>Binding API (stable)</h2>
 * <pre>
 *   LinkReceiver Port.attach(Link link)                      attach a link to a physical port; the
 *                                                            router transmits into link, and the
 *                                                            link delivers to the returned receiver
 *   void Port.detach()                                       detach; the port loses carrier
 *   Wire Wire.connect(Port a, Port b, WireOptions opts)      join two ports (Router.port(name))
 *   void wire.disconnect()                                   both ports detached
 *   void wire.capture(FrameTap t)                            every frame, both directions (null: off)
 *   long wire.frames(), wire.lost(), wire.tooBig()           what the wire carried and dropped
 *   long wire.queueDrops()                                   frames a receiving router's full input
 *                                                            queue refused (its `show interfaces`
 *                                                            input queue drops)
 *   Link.portState(boolean up)                               the router tells its link when its port
 *                                                            is shut / no shut: the far end then
 *                                                            sees carrier down / up
 * </pre>
 * Rules: attach/detach/connect run on the routers' scheduler thread (or before the lab starts
 * running). The router hands each transmitted frame over to the link and never touches it again,
 * so the wire passes the same array on without copying. Every delivery and every carrier change
 * is posted to the receiving router's scheduler, never called synchronously from the sender:
 * frames after the wire's delay, in order per direction; carrier changes at once. The two ends'
 * routers may run on two threads at once: each end counts what its router sends, and the capture
 * hook sees one frame at a time. When the receiving port asks for it ({@link Port#frameQueue}: a
 * live lab) and the wire has no delay, frames wait in a bounded queue per direction
 * ({@link FrameQueue}) that one task at a time drains, instead of a task per frame; what a full
 * queue refuses is counted as a full input queue's refusals are.
 */
public final class Wire {
    private final WireOptions opts;
    private final End endA;
    private final End endB;
    private volatile FrameTap capture;

    private Wire(WireOptions opts, Port a, Port b) {
        this.opts = opts;
        // Loss draws come from sources seeded once from each sender's random generator: in a
        // virtual-time lab the same run loses the same frames, independent of other traffic.
        this.endA = new End(a, new SplittableRandom(a.seed()));
        this.endB = new End(b, new SplittableRandom(b.seed()));
        endA.far = endB;
        endB.far = endA;
    }

    /** Joins two physical router ports. */
    public static Wire connect(Port a, Port b, WireOptions opts) {
        Wire w = new Wire(opts == null ? WireOptions.DEFAULT : opts, a, b);
        w.endA.rx = a.attach(w.endA);
        w.endB.rx = b.attach(w.endB);
        w.endA.bound = w.endB.bound = true;
        // each side learns whether the other's port is enabled, as it stands when the signal arrives
        // (a lab wires first and boots second: a snapshot would flap every link down and up again)
        w.signal(w.endA, () -> w.endA.rx.carrier(w.endB.localUp));
        w.signal(w.endB, () -> w.endB.rx.carrier(w.endA.localUp));
        return w;
    }

    /** Unplugs the wire: both ports are unbound (and lose carrier). */
    public void disconnect() {
        if (!endA.bound) return;
        endA.bound = endB.bound = false;
        endA.port.detach();
        endB.port.detach();
    }

    /** Captures every frame the wire carries, both directions, in send order; null stops. */
    public void capture(FrameTap t) { capture = t; }

    public long frames() { return endA.frames + endB.frames; }

    public long lost() { return endA.lost + endB.lost; }

    public long tooBig() { return endA.tooBig + endB.tooBig; }

    public long queueDrops() { return endA.queueDrops.get() + endB.queueDrops.get(); }

    public WireOptions options() { return opts; }

    /** Posts a carrier change to the router at end e: at once (carrier is not a frame in flight), never synchronously. */
    private static void signal(End e, Runnable task) { e.port.post(0, task); }

    /** Posts a delivery to the router at end e after the wire's delay; false when its input queue refused it. */
    private boolean post(End e, Runnable task) { return e.port.post(opts.delayNanos(), task); }

    /** Frames one drain task delivers before it lets the router's other work run (as a lab turn's inbox batch). */
    private static final int DRAIN_BATCH = 256;

    /** One end of the wire: the Link its router transmits into. */
    private final class End implements Link {
        final Port port;
        final SplittableRandom random;
        End far;
        LinkReceiver rx;
        volatile boolean bound;
        boolean localUp = true;
        // what this end's router sent: written only on its thread, read by anyone
        volatile long frames;
        volatile long lost;
        volatile long tooBig;
        // frames for this end's router that its full input queue refused: counted by the senders'
        // threads, told to the router (`show interfaces` input queue drops) with the next frame
        final java.util.concurrent.atomic.AtomicLong queueDrops = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong unreported = new java.util.concurrent.atomic.AtomicLong();
        // live: frames for this end's router (made by the sender at its first queued frame), and
        // whether a drain task is posted or running: whoever sets it may take from the queue
        FrameQueue queue;
        final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
        final Runnable drain = new Runnable() {   // a class, not a lambda: wires are made before the first prompt
            @Override public void run() { drain(); }
        };

        End(Port port, SplittableRandom random) {
            this.port = port;
            this.random = random;
        }

        /** On the sender's thread: queues a frame for this end's router; the first one after a drain posts the next. */
        void enqueue(byte[] data, int off, int len, int depth) {
            FrameQueue q = queue;
            if (q == null) queue = q = new FrameQueue(depth);
            if (!q.offer(data, off, len)) {
                refused(1);
                return;
            }
            if (!draining.get() && draining.compareAndSet(false, true) && !port.post(0, drain)) dropQueued(q);
        }

        /** On this end's router's turn: delivers the queued frames, a batch at a time. */
        void drain() {
            FrameQueue q = queue;
            for (int n = 0; n < DRAIN_BATCH; n++) {
                byte[] b = q.take();
                if (b == null) {
                    draining.set(false);
                    if (q.isEmpty() || !draining.compareAndSet(false, true)) return;
                    continue;                       // a frame came as the drain ended: it is still this drain's
                }
                if (!bound) continue;
                if (unreported.get() > 0) rx.inputQueueDrops(unreported.getAndSet(0));
                rx.receive(b, q.off(), q.len());
            }
            if (!port.post(0, drain)) dropQueued(q);   // more waits: after the router's other work
        }

        /** Holding {@link #draining}, with no drain task to come: the queued frames are lost, and counted. */
        private void dropQueued(FrameQueue q) {
            long n = 0;
            while (q.take() != null) n++;
            refused(n);
            draining.set(false);
        }

        /** n frames for this end's router refused by the wire's own queue: its input queue drops, as the inbox's are. */
        void refused(long n) {
            if (n == 0) return;
            inputQueueFull(n);
            port.refused(n);
        }

        /** n frames for this end's router refused: its input queue drops, told with the next frame. */
        void inputQueueFull(long n) {
            queueDrops.addAndGet(n);
            unreported.addAndGet(n);
        }

        @Override
        public void transmit(byte[] data, int off, int len) {
            if (!bound || !localUp) return;
            frames++;
            FrameTap tap = capture;
            if (tap != null) {
                synchronized (Wire.this) {   // both ends may send at once
                    tap.frame(data, off, len);
                }
            }
            if (opts.mtu() > 0 && len - 14 > opts.mtu()) {
                tooBig++;
                return;
            }
            if (opts.loss() > 0 && random.nextDouble() < opts.loss()) {
                lost++;
                return;
            }
            End f = far;
            int depth = opts.delayNanos() == 0 ? f.port.frameQueue() : 0;
            if (depth > 0) {
                f.enqueue(data, off, len, depth);
                return;
            }
            boolean queued = post(f, () -> {
                if (!f.bound) return;
                if (f.unreported.get() > 0) f.rx.inputQueueDrops(f.unreported.getAndSet(0));
                f.rx.receive(data, off, len);
            });
            if (!queued) f.inputQueueFull(1);
        }

        @Override public boolean ethernet() { return true; }

        @Override
        public void portState(boolean up) {
            if (up == localUp) return;
            localUp = up;
            End f = far;
            if (bound && f.bound) signal(f, () -> {
                if (f.bound) f.rx.carrier(up);
            });
        }
    }
}
