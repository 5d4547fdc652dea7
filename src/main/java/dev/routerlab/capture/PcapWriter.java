package dev.routerlab.capture;

import dev.routerlab.link.FrameTap;
import dev.routerlab.sim.Clock;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic libpcap files (magic 0xa1b2c3d4, version 2.4, microsecond timestamps), written
 * big-endian; readers detect the byte order from the magic. Timestamps come from a
 * {@link Clock}: the wall date at creation plus the clock's monotonic nanoseconds since, so a
 * virtual-time lab writes the same bytes on every run. Thread-safe (links may write from their
 * own threads).
 */
public final class PcapWriter implements AutoCloseable, FrameTap {
    public static final int MAGIC = 0xa1b2c3d4;
    /** Link types (tcpdump.org LINKTYPE_ values). */
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int DEFAULT_SNAPLEN = 65535;

    private final OutputStream out;
    private final Clock clock;
    private final int snapLen;
    private final long baseEpochMicros;
    private final long baseNanos;
    private final byte[] recordHeader = new byte[16];
    private long packets;
    private boolean closed;

    /** Writes the file header to out at once. */
    public PcapWriter(OutputStream out, int linkType, int snapLen, Clock clock) throws IOException {
        if (snapLen <= 0) throw new IllegalArgumentException("snaplen " + snapLen);
        this.out = out;
        this.clock = clock;
        this.snapLen = snapLen;
        this.baseNanos = clock.nanos();
        this.baseEpochMicros = clock.epochMillis() * 1000;
        byte[] h = new byte[24];
        put32(h, 0, MAGIC);
        put16(h, 4, 2);          // version 2.4
        put16(h, 6, 4);
        put32(h, 8, 0);          // thiszone
        put32(h, 12, 0);         // sigfigs
        put32(h, 16, snapLen);
        put32(h, 20, linkType);
        out.write(h);
    }

    /** Creates (or truncates) a file and writes its header. */
    public static PcapWriter create(Path file, int linkType, Clock clock) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), linkType, DEFAULT_SNAPLEN, clock);
    }

    /** A link's capture hook: {@link #write}, an I/O failure unchecked. */
    @Override
    public void frame(byte[] b, int off, int len) {
        try {
            write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one packet stamped with the clock's current time, cut to the snap length. */
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("pcap writer closed");
        long micros = baseEpochMicros + (clock.nanos() - baseNanos) / 1000;
        int caplen = Math.min(len, snapLen);
        put32(recordHeader, 0, (int) (micros / 1_000_000));
        put32(recordHeader, 4, (int) (micros % 1_000_000));
        put32(recordHeader, 8, caplen);
        put32(recordHeader, 12, len);
        out.write(recordHeader);
        out.write(b, off, caplen);
        packets++;
    }

    public synchronized long packets() { return packets; }

    public synchronized void flush() throws IOException { out.flush(); }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
