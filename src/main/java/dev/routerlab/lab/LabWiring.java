package dev.routerlab.lab;

import dev.routerlab.capture.Captures;
import dev.routerlab.capture.cli.CaptureCommands;
import java.io.IOException;
import java.io.OutputStream;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.link.Port;
import dev.routerlab.capture.PcapWriter;
import dev.routerlab.link.Wire;
import dev.routerlab.link.WireOptions;
import dev.routerlab.packet.MacAddress;

/**
 * The lab's one contact with the dataplane's binding API ({@code Router.bind},
 * {@code Router.port}, {@code Wire.connect}), and where every bound interface gets its capture {@link Captures.Tap}.
 * A TUN link is bound through a wrapper that shows the tap each packet; a wire is tapped through
 * its capture hook, which sees both directions: a frame sent while one end's router runs was sent
 * by it (when both run on the thread, unpaced: a frame whose source MAC is the interface's own
 * was sent by it), any other was received. Each end's tap is fed on its own router's turn.
 */
final class LabWiring {
    private LabWiring() {}

    /** Joins two ports with a wire carrying Ethernet frames (delay, loss, MTU from the topology). */
    static Wire connect(LabClock clock, Router a, InterfaceName ia, Router b, InterfaceName ib, Topology.LinkSpec spec) {
        Wire w = Wire.connect(port(clock, a, ia), port(clock, b, ib), new WireOptions(spec.delayNanos(), spec.lossPercent() / 100.0, spec.mtu()));
        Captures.Tap ta = CaptureCommands.of(a).tap(ia, true);
        Captures.Tap tb = CaptureCommands.of(b).tap(ib, true);
        PcapWriter hook;
        try {
            hook = new PcapWriter(new WireTap(clock, a, ia, ta, b, ib, tb), PcapWriter.LINKTYPE_ETHERNET,
                PcapWriter.DEFAULT_SNAPLEN, clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);   // WireTap never throws
        }
        // the wire's capture hook is set only while someone captures either end
        Runnable update = () -> w.capture(ta.active() || tb.active() ? hook : null);
        ta.onChange(update);
        tb.onChange(update);
        return w;
    }

    /**
     * A router's port as a wire sees it: paced, frames may wait in the wire's own queue as deep as
     * a turn's inbox, and what that queue refuses counts with the inbox's refusals (the `@` list).
     */
    private static Port port(LabClock clock, Router r, InterfaceName i) {
        Port p = r.port(i);
        LabClock.Turn turn = (LabClock.Turn) r.scheduler();
        return new Port() {
            @Override public LinkReceiver attach(Link link) { return p.attach(link); }

            @Override public void detach() { p.detach(); }

            @Override public boolean post(long delayNanos, Runnable task) { return p.post(delayNanos, task); }

            @Override public long seed() { return p.seed(); }

            @Override public int frameQueue() { return clock.paced() ? LabClock.INBOX : 0; }

            @Override public void refused(long n) { turn.refused(n); }
        };
    }

    /** Binds a link that is not a wire (a TUN) to a port, through the port's capture tap. */
    static LinkReceiver bind(Router r, InterfaceName iface, Link link) {
        Captures.Tap tap = CaptureCommands.of(r).tap(iface, link.ethernet());
        Link tapped = new Link() {
            @Override
            public void transmit(byte[] data, int off, int len) {
                if (tap.active()) tap.sent(data, off, len, r.scheduler().nanos());
                link.transmit(data, off, len);
            }

            @Override public boolean ethernet() { return link.ethernet(); }

            @Override public void portState(boolean up) { link.portState(up); }

            @Override public int inputQueueSize() { return link.inputQueueSize(); }
        };
        LinkReceiver rx = r.bind(iface, tapped);
        return new LinkReceiver() {
            @Override
            public void receive(byte[] data, int off, int len) {
                if (tap.active()) tap.received(data, off, len, r.scheduler().nanos());
                rx.receive(data, off, len);
            }

            @Override public void carrier(boolean up) { rx.carrier(up); }

            @Override public void inputQueueDrops(long n) { rx.inputQueueDrops(n); }
        };
    }

    /**
     * The output stream behind a wire's pcap hook: it takes the records PcapWriter writes apart
     * again and hands each frame to the taps of both ends, sent or received by source MAC.
     */
    private static final class WireTap extends OutputStream {
        private final LabClock clock;
        private final Router a;
        private final InterfaceName ia;
        private final Captures.Tap ta;
        private final Router b;
        private final InterfaceName ib;
        private final Captures.Tap tb;
        private int headerLeft = 24;
        private final byte[] rec = new byte[16];
        private int recFill;
        private byte[] frame;
        private int frameFill;

        WireTap(LabClock clock, Router a, InterfaceName ia, Captures.Tap ta, Router b, InterfaceName ib, Captures.Tap tb) {
            this.clock = clock;
            this.a = a;
            this.ia = ia;
            this.ta = ta;
            this.b = b;
            this.ib = ib;
            this.tb = tb;
        }

        @Override
        public void write(int v) {
            write(new byte[] {(byte) v}, 0, 1);
        }

        @Override
        public void write(byte[] src, int off, int len) {
            while (len > 0) {
                if (headerLeft > 0) {
                    int n = Math.min(headerLeft, len);
                    headerLeft -= n;
                    off += n;
                    len -= n;
                } else if (frame == null) {
                    int n = Math.min(16 - recFill, len);
                    System.arraycopy(src, off, rec, recFill, n);
                    recFill += n;
                    off += n;
                    len -= n;
                    if (recFill == 16) {
                        int caplen = ((rec[8] & 0xff) << 24) | ((rec[9] & 0xff) << 16) | ((rec[10] & 0xff) << 8) | (rec[11] & 0xff);
                        frame = new byte[caplen];
                        frameFill = 0;
                        recFill = 0;
                        if (caplen == 0) deliver();
                    }
                } else {
                    int n = Math.min(frame.length - frameFill, len);
                    System.arraycopy(src, off, frame, frameFill, n);
                    frameFill += n;
                    off += n;
                    len -= n;
                    if (frameFill == frame.length) deliver();
                }
            }
        }

        private void deliver() {
            byte[] f = frame;
            frame = null;
            if (f.length < 14) return;
            long now = clock.nanos();
            LabClock.Turn turnA = (LabClock.Turn) a.scheduler();
            LabClock.Turn turnB = (LabClock.Turn) b.scheduler();
            boolean onA = turnA.current();
            boolean onB = turnB.current();
            boolean fromA;
            boolean fromB;
            if (onA && onB) {   // one thread runs both routers: their MACs are safe to read
                fromA = sameMac(f, a.runtime(ia).mac);
                fromB = !fromA && sameMac(f, b.runtime(ib).mac);
            } else {            // paced: the frame comes from the router whose turn is running
                fromA = onA;
                fromB = onB;
            }
            feed(turnA, ta, fromA, f, now);
            feed(turnB, tb, fromB, f, now);
        }

        /** Shows the tap the frame on its router's turn (at once when that is running here). */
        private static void feed(LabClock.Turn turn, Captures.Tap tap, boolean sent, byte[] f, long now) {
            Runnable r = () -> {
                if (!tap.active()) return;
                if (sent) tap.sent(f, 0, f.length, now);
                else tap.received(f, 0, f.length, now);
            };
            if (turn.current()) r.run();
            else turn.execute(r);
        }

        private static boolean sameMac(byte[] f, MacAddress mac) {
            byte[] m = mac.toBytes();
            for (int i = 0; i < 6; i++) if (f[6 + i] != m[i]) return false;
            return true;
        }

        @Override public void flush() { }

        @Override public void close() { }
    }
}
