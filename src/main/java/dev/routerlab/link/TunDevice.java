package dev.routerlab.link;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Linux TUN device (Documentation/networking/tuntap.rst) carrying raw IP packets
 * (IFF_TUN | IFF_NO_PI): each read returns one packet, each write sends one.
 *
 * <p>The Java side opens /dev/net/tun as a {@link FileChannel} (the fastest path measured from
 * Java 17, and one whose {@link #close()} wakes a thread blocked in {@link #read}); only the
 * TUNSETIFF ioctl goes through JNA, on that channel's descriptor. The device is not persistent:
 * closing removes the interface with its addresses. Addresses, MTU and link state are the
 * caller's (e.g. {@code ip addr add ... dev NAME; ip link set NAME up}).
 *
 * <p>A new TUN drops what is written to it for about a second after TUNSETIFF: wait
 * {@link #SETTLE_NANOS} after {@link #openedAtNanos()} before relying on writes.
 *
 * <p>One thread may read while another writes; concurrent readers (or writers) take turns.
 */
public final class TunDevice implements AutoCloseable {
    public static final Path CLONE_DEVICE = Path.of("/dev/net/tun");
    /** How long a new TUN may drop writes. */
    public static final long SETTLE_NANOS = 1_000_000_000L;
    /** IFNAMSIZ - 1. */
    public static final int MAX_NAME_LEN = 15;

    private static final int TUNSETIFF = 0x400454ca;   // _IOW('T', 202, int)
    private static final int IFF_TUN = 0x0001;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFREQ_SIZE = 40;           // struct ifreq on LP64
    private static final int MAX_PACKET = 65535;

    private interface LibC extends Library {
        int ioctl(int fd, NativeLong request, byte[] ifreq) throws LastErrorException;
    }

    private static volatile LibC libc;
    private static final Object OPEN_LOCK = new Object();

    private final FileChannel channel;
    private final String name;
    private final long openedAtNanos;
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(MAX_PACKET);
    private final ByteBuffer writeBuf = ByteBuffer.allocateDirect(MAX_PACKET);
    private final Object readLock = new Object();
    private final Object writeLock = new Object();

    private TunDevice(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
        this.openedAtNanos = System.nanoTime();
    }

    /** True when /dev/net/tun exists and this process may open it. */
    public static boolean supported() {
        return Files.isReadable(CLONE_DEVICE) && Files.isWritable(CLONE_DEVICE);
    }

    /**
     * Creates (or attaches to a persistent) TUN interface.
     *
     * @param requestedName interface name of at most 15 bytes, may hold a {@code %d}; null or
     *                      empty lets the kernel pick {@code tun%d}
     * @throws IOException when the device cannot be opened or TUNSETIFF fails (e.g. EPERM
     *                     without CAP_NET_ADMIN, EBUSY when the name is taken)
     */
    public static TunDevice open(String requestedName) throws IOException {
        byte[] nameBytes = requestedName == null ? new byte[0] : requestedName.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > MAX_NAME_LEN) throw new IllegalArgumentException("interface name too long: " + requestedName);
        byte[] ifr = new byte[IFREQ_SIZE];
        System.arraycopy(nameBytes, 0, ifr, 0, nameBytes.length);
        ByteBuffer.wrap(ifr).order(ByteOrder.nativeOrder()).putShort(16, (short) (IFF_TUN | IFF_NO_PI));

        FileChannel ch;
        int fd;
        synchronized (OPEN_LOCK) {   // the new descriptor is found as the one tun fd that was not there before
            Set<Integer> before = tunDescriptors();
            ch = FileChannel.open(CLONE_DEVICE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Set<Integer> added = tunDescriptors();
            added.removeAll(before);
            if (added.size() != 1) {
                ch.close();
                throw new IOException("cannot identify the descriptor of " + CLONE_DEVICE + ": " + added);
            }
            fd = added.iterator().next();
        }
        try {
            libc().ioctl(fd, new NativeLong(TUNSETIFF), ifr);
        } catch (LastErrorException e) {
            ch.close();
            throw new IOException("TUNSETIFF " + requestedName + ": errno " + e.getErrorCode(), e);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            ch.close();
            throw new IOException("TUNSETIFF " + requestedName + ": " + e, e);
        }
        int n = 0;
        while (n < 16 && ifr[n] != 0) n++;
        return new TunDevice(ch, new String(ifr, 0, n, StandardCharsets.US_ASCII));
    }

    private static LibC libc() {
        LibC l = libc;
        if (l == null) libc = l = Native.load("c", LibC.class);
        return l;
    }

    private static Set<Integer> tunDescriptors() throws IOException {
        Set<Integer> fds = new HashSet<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            s.forEach(p -> {
                try {
                    if (Files.readSymbolicLink(p).equals(CLONE_DEVICE)) fds.add(Integer.parseInt(p.getFileName().toString()));
                } catch (IOException | NumberFormatException ignored) {
                    // closed meanwhile by another thread: not ours
                }
            });
        }
        return fds;
    }

    /** The interface name the kernel gave (e.g. the expansion of {@code tun%d}). */
    public String name() { return name; }

    /** System.nanoTime() when the device was created. */
    public long openedAtNanos() { return openedAtNanos; }

    public boolean isOpen() { return channel.isOpen(); }

    /**
     * Blocks until a packet arrives and copies it (cut to len) into b.
     *
     * @return the packet length, or -1 once the device is closed (also when closed while blocked)
     */
    public int read(byte[] b, int off, int len) throws IOException {
        synchronized (readLock) {
            readBuf.clear();
            int n;
            try {
                n = channel.read(readBuf);
            } catch (ClosedChannelException e) { // also AsynchronousCloseException: closed while blocked
                return -1;
            }
            if (n < 0) return -1;
            readBuf.flip();
            int c = Math.min(n, len);
            readBuf.get(b, off, c);
            return c;
        }
    }

    /** Reads one packet into dst (a direct buffer avoids a copy); returns its length or -1 when closed. */
    public int read(ByteBuffer dst) throws IOException {
        try {
            return channel.read(dst);
        } catch (ClosedChannelException e) { // also AsynchronousCloseException: closed while blocked
            return -1;
        }
    }

    /** Sends one IP packet to the kernel. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > MAX_PACKET) throw new IOException("packet too long: " + len);
        synchronized (writeLock) {
            writeBuf.clear();
            writeBuf.put(b, off, len).flip();
            channel.write(writeBuf);
        }
    }

    /** Sends the remaining bytes of src as one IP packet. */
    public void write(ByteBuffer src) throws IOException { channel.write(src); }

    /** Closes the descriptor; the kernel removes the interface. Wakes a blocked reader. Idempotent. */
    @Override
    public void close() throws IOException { channel.close(); }

    @Override
    public String toString() { return "TunDevice[" + name + "]"; }
}
