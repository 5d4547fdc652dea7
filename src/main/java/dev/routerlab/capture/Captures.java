package dev.routerlab.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.sim.Clock;
import dev.routerlab.sim.Scheduler;

/**
 * Packet capture on a router's links: every interface bound to a wire or a TUN gets a
 * {@link Tap} that sees the frames it sends and receives. Capture points (`monitor capture CAP
 * ...`) keep packets in a buffer and export them as pcap to the router's flash directory; a
 * topology's `capture:` option streams one interface straight to a pcap file. Everything here
 * runs on the router's clock thread, except that file streams are flushed on close. One per
 * router (a router service).
 */
public final class Captures {
    /** Largest capture buffer, as the IOS-XE default of 10 MB. */
    static final long BUFFER_BYTES = 10L * 1024 * 1024;

    private final Scheduler scheduler;
    private final Supplier<String> hostname;
    private final Map<InterfaceName, Tap> taps = new LinkedHashMap<>();
    private final Map<String, Point> points = new LinkedHashMap<>();
    private Path flash;

    /** Captures on the router whose scheduler stamps the packets and whose hostname names the flash directory. */
    public Captures(Scheduler scheduler, Supplier<String> hostname) {
        this.scheduler = scheduler;
        this.hostname = hostname;
    }

    /** Where `flash:` files of this router go (null: `./flash/<hostname>`). */
    public void flashDirectory(Path dir) { this.flash = dir; }

    public Path flashDirectory() {
        return flash != null ? flash : Path.of("flash", hostname.get());
    }

    /** The tap of an interface; ethernet tells the pcap link type (false: bare IPv4). */
    public Tap tap(InterfaceName iface, boolean ethernet) {
        return taps.computeIfAbsent(iface, n -> new Tap(n, ethernet));
    }

    /** The tap of an interface that has a link, or null. */
    public Tap tap(InterfaceName iface) { return taps.get(iface); }

    public Map<String, Point> points() { return points; }

    public Point point(String name) { return points.computeIfAbsent(name, Point::new); }

    /** Stops every capture, flushes and closes every streamed pcap file. */
    public void close() {
        for (Point p : points.values()) p.stop();
        for (Tap t : taps.values()) {
            t.closeStreams();
            t.onChange(() -> { });
        }
    }

    /** Which way a packet went through an interface. */
    public enum Direction { IN, OUT, BOTH }

    /** What an interface sends and receives, handed to the capture points watching it. */
    public static final class Tap {
        final InterfaceName iface;
        final boolean ethernet;
        private final List<Point> watchers = new ArrayList<>(1);
        private final List<Stream> streams = new ArrayList<>(1);
        private Runnable onChange = () -> { };

        Tap(InterfaceName iface, boolean ethernet) {
            this.iface = iface;
            this.ethernet = ethernet;
        }

        public boolean ethernet() { return ethernet; }

        /** Called whenever the tap becomes active or idle (a wire installs its capture hook). */
        public void onChange(Runnable r) { this.onChange = r; }

        void watch(Point p) {
            watchers.add(p);
            onChange.run();
        }

        void unwatch(Point p) {
            watchers.remove(p);
            onChange.run();
        }

        /** True when anything watches: callers may skip the calls otherwise. */
        public boolean active() { return !watchers.isEmpty() || !streams.isEmpty(); }

        public void received(byte[] b, int off, int len, long nanos) { seen(Direction.IN, b, off, len, nanos); }

        public void sent(byte[] b, int off, int len, long nanos) { seen(Direction.OUT, b, off, len, nanos); }

        private void seen(Direction d, byte[] b, int off, int len, long nanos) {
            for (int i = 0; i < watchers.size(); i++) watchers.get(i).offer(d, ethernet, b, off, len, nanos);
            for (int i = 0; i < streams.size(); i++) streams.get(i).write(b, off, len);
        }

        /** Streams this interface (both directions) to a pcap file until closed. */
        public void stream(Path file, Clock clock) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            streams.add(new Stream(PcapWriter.create(file, ethernet ? PcapWriter.LINKTYPE_ETHERNET : PcapWriter.LINKTYPE_RAW, clock)));
            onChange.run();
        }

        void closeStreams() {
            for (Stream s : streams) s.close();
            streams.clear();
            onChange.run();
        }
    }

    private static final class Stream {
        final PcapWriter w;
        boolean failed;

        Stream(PcapWriter w) { this.w = w; }

        void write(byte[] b, int off, int len) {
            if (failed) return;
            try {
                w.write(b, off, len);
            } catch (IOException e) {
                failed = true;
            }
        }

        void close() {
            try {
                w.close();
            } catch (IOException ignored) {
                // the file is as complete as it got
            }
        }
    }

    /** One packet in a capture buffer. */
    record Packet(long nanos, byte[] data, boolean ethernet) {}

    /** A named capture point: `monitor capture NAME ...`. */
    public final class Point {
        public final String name;
        InterfaceName iface;
        Direction direction;
        boolean ipv4Only;
        boolean running;
        long startedNanos;
        long stoppedNanos;
        long received;
        long dropped;
        long bytes;
        final List<Packet> buffer = new ArrayList<>();

        Point(String name) { this.name = name; }

        public boolean running() { return running; }

        public int buffered() { return buffer.size(); }

        /** Packets seen (kept or dropped) and dropped for want of buffer space in the last run. */
        public long received() { return received; }

        public long dropped() { return dropped; }

        /** How long the last run lasted. */
        public long durationNanos() { return stoppedNanos - startedNanos; }

        /** `match any` (false) or `match ipv4 any any` (true). */
        public void match(boolean ipv4Only) { this.ipv4Only = ipv4Only; }

        /** Watches an interface in one direction or both (replacing what it watched). */
        public void attach(InterfaceName iface, Direction d) {
            detach();
            this.iface = iface;
            this.direction = d;
        }

        void detach() {
            if (iface != null && running) {
                Tap t = taps.get(iface);
                if (t != null) t.unwatch(this);
            }
        }

        /** Starts capturing; null on success, else the reason it cannot. */
        public String start() {
            if (iface == null) return "Please associate capture to an interface first";
            Tap t = taps.get(iface);
            if (t == null) return "Interface " + iface + " has no link to capture on";
            if (running) return null;
            buffer.clear();
            bytes = received = dropped = 0;
            running = true;
            startedNanos = scheduler.nanos();
            t.watch(this);
            return null;
        }

        public void stop() {
            if (!running) return;
            Tap t = taps.get(iface);
            if (t != null) t.unwatch(this);
            running = false;
            stoppedNanos = scheduler.nanos();
        }

        void offer(Direction d, boolean ethernet, byte[] b, int off, int len, long nanos) {
            if (direction != Direction.BOTH && direction != d) return;
            if (ipv4Only && !isIpv4(ethernet, b, off, len)) return;
            received++;
            if (bytes + len > BUFFER_BYTES) {
                dropped++;
                return;
            }
            bytes += len;
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            buffer.add(new Packet(nanos, copy, ethernet));
        }

        /** Writes the buffer as a pcap file, stamped with the capture times. */
        public void export(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            boolean eth = buffer.isEmpty() ? taps.get(iface) == null || taps.get(iface).ethernet : buffer.get(0).ethernet();
            long epochAtZero = scheduler.epochMillis() - scheduler.nanos() / 1_000_000L;
            StampClock c = new StampClock(epochAtZero);
            try (PcapWriter w = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)),
                    eth ? PcapWriter.LINKTYPE_ETHERNET : PcapWriter.LINKTYPE_RAW, PcapWriter.DEFAULT_SNAPLEN, c)) {
                for (Packet p : buffer) {
                    c.now = p.nanos();
                    w.write(p.data(), 0, p.data().length);
                }
            }
        }
    }

    static boolean isIpv4(boolean ethernet, byte[] b, int off, int len) {
        if (ethernet) return len >= 14 && (b[off + 12] & 0xff) == 0x08 && b[off + 13] == 0x00;
        return len >= 1 && (b[off] & 0xf0) == 0x40;
    }

    /** A clock that reads back stored capture times (virtual nanoseconds since the lab's epoch). */
    private static final class StampClock implements Clock {
        final long epochAtZero;
        long now;

        StampClock(long epochAtZero) { this.epochAtZero = epochAtZero; }

        @Override public long nanos() { return now; }

        @Override public long epochMillis() { return epochAtZero + now / 1_000_000L; }
    }
}
