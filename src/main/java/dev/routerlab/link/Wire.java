package dev.routerlab.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import dev.routerlab.sim.Scheduler;

/**
 * An in-memory Ethernet wire between two router ports.
 *
 * <h2>Binding API (stable)</h2>
 * <pre>
 *   LinkReceiver Router.bind(InterfaceName port, Link link)  attach a link to a physical port; the
 *                                                            router transmits into link, and the
 *                                                            link delivers to the returned receiver
 *   void Router.unbind(InterfaceName port)                   detach; the port loses carrier
 *   Wire Wire.connect(Scheduler s, Router a, InterfaceName ia,
 *                     Router b, InterfaceName ib, WireOptions opts)
 *   Wire Wire.connect(..., WireOptions opts, Binder binder)  the same, binding through binder
 *                                                            (e.g. a capture tap around Router.bind)
 *   void wire.disconnect()                                   both ports unbound
 *   void wire.capture(PcapWriter w)                          every frame, both directions (null: off)
 *   long wire.frames(), wire.lost(), wire.tooBig()           what the wire carried and dropped
 *   Link.portState(boolean up)                               the router tells its link when its port
 *                                                            is shut / no shut: the far end then
 *                                                            sees carrier down / up
 * </pre>
 * Rules: bind/unbind/connect run on the routers' scheduler thread (or before the lab starts
 * running). The router hands each transmitted frame over to the link and never touches it again,
 * so the wire passes the same array on without copying. Every delivery and every carrier change
 * is posted to the receiving router's scheduler, never called synchronously from the sender:
 * frames after the wire's delay, in order per direction; carrier changes at once. In virtual time both
 * routers and {@code s} are the one shared scheduler.
 */
public final class Wire {
    private final Scheduler scheduler;
    private final WireOptions opts;
    private final End endA;
    private final End endB;
    private volatile PcapWriter capture;
    private long frames;
    private long lost;
    private long tooBig;

    private Wire(Scheduler scheduler, WireOptions opts, Router a, Router b) {
        this.scheduler = scheduler;
        this.opts = opts;
        // Loss draws come from sources seeded once from each sender's random generator: in a
        // virtual-time lab the same run loses the same frames, independent of other traffic.
        this.endA = new End(a, new SplittableRandom(a.random().nextLong()));
        this.endB = new End(b, new SplittableRandom(b.random().nextLong()));
        endA.far = endB;
        endB.far = endA;
    }

    /** How a wire end is attached to a router port: {@code Router::bind}, or a wrapper around it. */
    @FunctionalInterface
    public interface Binder {
        LinkReceiver bind(Router r, InterfaceName port, Link link);
    }

    /** Joins port ia of a to port ib of b. Both ports must be physical ports of their routers. */
    public static Wire connect(Scheduler s, Router a, InterfaceName ia, Router b, InterfaceName ib, WireOptions opts) {
        return connect(s, a, ia, b, ib, opts, Router::bind);
    }

    /** As {@link #connect(Scheduler, Router, InterfaceName, Router, InterfaceName, WireOptions)}, binding through binder. */
    public static Wire connect(Scheduler s, Router a, InterfaceName ia, Router b, InterfaceName ib, WireOptions opts,
                               Binder binder) {
        Wire w = new Wire(s, opts == null ? WireOptions.DEFAULT : opts, a, b);
        w.endA.port = ia;
        w.endB.port = ib;
        w.endA.rx = binder.bind(a, ia, w.endA);
        w.endB.rx = binder.bind(b, ib, w.endB);
        w.endA.bound = w.endB.bound = true;
        // each side learns whether the other's port is enabled (bind reported it through portState)
        boolean aUp = w.endA.localUp, bUp = w.endB.localUp;
        w.signal(w.endA, () -> w.endA.rx.carrier(bUp));
        w.signal(w.endB, () -> w.endB.rx.carrier(aUp));
        return w;
    }

    /** Unplugs the wire: both ports are unbound (and lose carrier). */
    public void disconnect() {
        if (!endA.bound) return;
        endA.bound = endB.bound = false;
        endA.router.unbind(endA.port);
        endB.router.unbind(endB.port);
    }

    /** Captures every frame the wire carries, both directions, in send order; null stops. */
    public void capture(PcapWriter w) { capture = w; }

    public long frames() { return frames; }

    public long lost() { return lost; }

    public long tooBig() { return tooBig; }

    public WireOptions options() { return opts; }

    /** Posts a carrier change to the router at end e: at once (carrier is not a frame in flight), never synchronously. */
    private static void signal(End e, Runnable task) { e.router.scheduler().execute(task); }

    /** Posts a delivery to the router at end e after the wire's delay (its own scheduler; the shared one in virtual time). */
    private void post(End e, Runnable task) {
        Scheduler rs = e.router.scheduler();
        if (rs == scheduler || opts.delayNanos() == 0) rs.schedule(opts.delayNanos(), task);
        else scheduler.schedule(opts.delayNanos(), () -> rs.execute(task));
    }

    /** One end of the wire: the Link its router transmits into. */
    private final class End implements Link {
        final Router router;
        final SplittableRandom random;
        End far;
        InterfaceName port;
        LinkReceiver rx;
        boolean bound;
        boolean localUp = true;

        End(Router router, SplittableRandom random) {
            this.router = router;
            this.random = random;
        }

        @Override
        public void transmit(byte[] data, int off, int len) {
            if (!bound || !localUp) return;
            frames++;
            PcapWriter pw = capture;
            if (pw != null) {
                try {
                    pw.write(data, off, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
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
            post(f, () -> {
                if (f.bound) f.rx.receive(data, off, len);
            });
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
