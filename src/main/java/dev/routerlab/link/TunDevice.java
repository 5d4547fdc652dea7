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
import dev.routerlab.packet.VirtioNet;

/**
 * A Linux TUN device (Documentation/networking/tuntap.rst) carrying raw IP packets
 * (IFF_TUN | IFF_NO_PI): each read returns one packet, each write sends one.
 *
 * <p>The Java side opens /dev/net/tun as {@link FileChannel}s (the fastest path measured from
 * Java 17, and one whose {@link #close()} wakes a thread blocked in {@link #read}); only the
 * TUNSETIFF ioctl and a dup2 go through JNA. A FileChannel serializes its reads and writes on
 * one lock, so a reader blocked in read() would hold up every write: reads and writes therefore
 * use two channels whose descriptors share the one open TUN file. The device is not persistent:
 * closing removes the interface with its addresses. Addresses, MTU and link state are the
 * caller's (e.g. {@code ip addr add ... dev NAME; ip link set NAME up}).
 *
 * <p>DESIGN.md notes that a new TUN may drop what is written to it for about a second after
 * TUNSETIFF (on the machine this was written on, writes made after {@code ip link set up} were
 * delivered within ~20 ms). Callers that must not lose their first packets wait
 * {@link #SETTLE_NANOS} after {@link #openedAtNanos()}.
 *
 * <p>The descriptors are found by listing /proc/self/fd around each open under a class lock:
 * other code in the same JVM must not open /dev/net/tun concurrently by other means.
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
    private static final int IFF_VNET_HDR = 0x4000;
    private static final int TUNSETOFFLOAD = 0x400454d0;     // _IOW('T', 208, unsigned int)
    private static final int TUNSETVNETHDRSZ = 0x400454d8;   // _IOW('T', 216, int)
    /** TUNSETOFFLOAD flags (include/uapi/linux/if_tun.h). */
    public static final int TUN_F_CSUM = 0x01, TUN_F_TSO4 = 0x02, TUN_F_TSO6 = 0x04, TUN_F_USO4 = 0x20, TUN_F_USO6 = 0x40;
    private static final int IFREQ_SIZE = 40;           // struct ifreq on LP64
    private static final int MAX_PACKET = 65535;

    private interface LibC extends Library {
        int ioctl(int fd, NativeLong request, byte[] ifreq) throws LastErrorException;

        int ioctl(int fd, NativeLong request, int[] value) throws LastErrorException;

        int ioctl(int fd, NativeLong request, NativeLong value) throws LastErrorException;

        int dup2(int oldFd, int newFd) throws LastErrorException;
    }

    /** poll(2) through JNA's direct mapping (a native method, without the interface's proxy): one call per batch of reads. */
    private static final class Poll {
        static {
            Native.register("c");
        }

        /** {@code struct pollfd[]} as ints: fd, then events (low 16 bits) and revents (high 16 bits), little-endian. */
        static native int poll(int[] fds, long nfds, int timeoutMillis);
    }

    private static final int FIONBIO = 0x5421;
    private static final int POLLIN = 0x1;

    private static final Object OPEN_LOCK = new Object();

    private final FileChannel channel;        // reads
    private final FileChannel writeChannel;   // writes: same open file, its own lock
    private final String name;
    private final long openedAtNanos;
    private int fd = -1;   // for the offload ioctls while opening, FIONBIO and poll
    private volatile boolean nonBlocking;
    /** TUNSETOFFLOAD flags in force; 0 without IFF_VNET_HDR. Set while opening, before any reader starts. */
    private int offloads;
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(MAX_PACKET + VirtioNet.HDR_LEN);
    private final ByteBuffer writeBuf = ByteBuffer.allocateDirect(MAX_PACKET + VirtioNet.HDR_LEN);
    private final Object readLock = new Object();
    private final Object writeLock = new Object();

    private TunDevice(FileChannel channel, FileChannel writeChannel, String name) {
        this.channel = channel;
        this.writeChannel = writeChannel;
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
    public static TunDevice open(String requestedName) throws IOException { return open(requestedName, false); }

    /**
     * As {@link #open(String)}; with {@code offload}, asks for IFF_VNET_HDR and TUNSETOFFLOAD with
     * checksum, TSO4/6 and, where the kernel has them (6.2+), USO4/6: every packet read then starts
     * with a {@link VirtioNet} header and may be a GSO super-packet of up to 64 KB ({@link #offloads()}),
     * and {@link #write} puts a GSO_NONE header before each packet. Where the kernel refuses, the
     * device is opened as without offload ({@link #offloads()} 0).
     */
    public static TunDevice open(String requestedName, boolean offload) throws IOException {
        if (offload) {
            TunDevice d = open(requestedName, IFF_VNET_HDR);
            int[] tries = {TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_USO4 | TUN_F_USO6, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6};
            for (int f : tries) {
                try {
                    libc().ioctl(d.fd, new NativeLong(TUNSETVNETHDRSZ), new int[] {VirtioNet.HDR_LEN});
                    libc().ioctl(d.fd, new NativeLong(TUNSETOFFLOAD), new NativeLong(f));
                    d.offloads = f;
                    return d;
                } catch (LastErrorException e) {
                    // EINVAL: a flag this kernel lacks; try fewer, then none
                }
            }
            d.close();
        }
        return open(requestedName, 0);
    }

    private static TunDevice open(String requestedName, int extraFlags) throws IOException {
        byte[] nameBytes = requestedName == null ? new byte[0] : requestedName.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > MAX_NAME_LEN) throw new IllegalArgumentException("interface name too long: " + requestedName);
        byte[] ifr = new byte[IFREQ_SIZE];
        System.arraycopy(nameBytes, 0, ifr, 0, nameBytes.length);
        ByteBuffer.wrap(ifr).order(ByteOrder.nativeOrder()).putShort(16, (short) (IFF_TUN | IFF_NO_PI | extraFlags));

        FileChannel[] ch = new FileChannel[2];
        int[] fd = new int[2];
        try {
            synchronized (OPEN_LOCK) {   // a new descriptor is the one tun fd that was not there before
                for (int i = 0; i < 2; i++) {
                    Set<Integer> before = tunDescriptors();
                    ch[i] = FileChannel.open(CLONE_DEVICE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    Set<Integer> added = tunDescriptors();
                    added.removeAll(before);
                    if (added.size() != 1) throw new IOException("cannot identify the descriptor of " + CLONE_DEVICE);
                    fd[i] = added.iterator().next();
                }
            }
            try {
                libc().ioctl(fd[0], new NativeLong(TUNSETIFF), ifr);
            } catch (LastErrorException e) {
                throw new IOException("TUNSETIFF " + requestedName + ": errno " + e.getErrorCode(), e);
            }
            try {
                libc().dup2(fd[0], fd[1]);   // the write channel now shares the attached TUN file
            } catch (LastErrorException e) {
                throw new IOException("dup2: errno " + e.getErrorCode(), e);
            }
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            for (FileChannel c : ch) if (c != null) c.close();
            if (e instanceof IOException) throw (IOException) e;
            throw new IOException("TUNSETIFF " + requestedName + ": " + e, e);
        }
        int n = 0;
        while (n < 16 && ifr[n] != 0) n++;
        TunDevice d = new TunDevice(ch[0], ch[1], new String(ifr, 0, n, StandardCharsets.US_ASCII));
        d.fd = fd[0];
        return d;
    }

    /** libc, bound on first use (holder idiom: no mutable static). */
    private static final class Libc {
        static final LibC INSTANCE = Native.load("c", LibC.class);
    }

    private static LibC libc() { return Libc.INSTANCE; }

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

    /** The TUNSETOFFLOAD flags in force (TUN_F_*); 0: plain packets, no virtio_net_hdr. */
    public int offloads() { return offloads; }

    /** Bytes before each packet read and written: {@link VirtioNet#HDR_LEN} with offloads, else 0. */
    public int headerLength() { return offloads != 0 ? VirtioNet.HDR_LEN : 0; }

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
            readBuf.position(Math.min(n, headerLength()));
            n -= readBuf.position();
            int c = Math.min(n, len);
            readBuf.get(b, off, c);
            return c;
        }
    }

    /**
     * Makes reads non-blocking (O_NONBLOCK through FIONBIO, on the file both channels share): {@link
     * #read(ByteBuffer)} then returns 0 when no packet waits, and {@link #awaitReadable} waits for one.
     * A reader drains the kernel's queue this way and hands the router a batch per wake-up.
     */
    public void nonBlocking() throws IOException {
        try {
            libc().ioctl(fd, new NativeLong(FIONBIO), new int[] {1});
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            throw new IOException("FIONBIO " + name + ": " + e, e);
        }
        nonBlocking = true;
    }

    /** True once {@link #nonBlocking()} succeeded. */
    public boolean isNonBlocking() { return nonBlocking; }

    /**
     * Waits until a packet can be read, at most timeoutMillis (so that a reader sees {@link #close()}
     * in time: closing does not wake a thread in poll). Returns false on timeout or when closed.
     */
    public boolean awaitReadable(int timeoutMillis) {
        if (!isOpen()) return false;
        int[] pfd = {fd, POLLIN};
        int n = Poll.poll(pfd, 1, timeoutMillis);
        return n > 0 || n < 0 && isOpen();   // EINTR: let the caller try a read
    }

    /**
     * Reads one packet into dst (a direct buffer avoids a copy), after its virtio_net_hdr when {@link
     * #headerLength()} says so; returns the length read, -1 when closed, or (non-blocking) 0 when no
     * packet waits.
     */
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
            if (offloads != 0) writeBuf.putLong(0).putShort((short) 0);   // virtio_net_hdr: GSO_NONE, no flags
            writeBuf.put(b, off, len).flip();
            writeChannel.write(writeBuf);
        }
    }

    /** Writes b[off, off+len) as it is: with offloads, a virtio_net_hdr and its (super-)packet; else one IP packet. */
    public void writeRaw(byte[] b, int off, int len) throws IOException {
        if (len > MAX_PACKET + headerLength()) throw new IOException("packet too long: " + len);
        synchronized (writeLock) {
            writeBuf.clear();
            writeBuf.put(b, off, len).flip();
            writeChannel.write(writeBuf);
        }
    }

    /** Sends the remaining bytes of src as one IP packet, after its virtio_net_hdr when {@link #headerLength()} says so. */
    public void write(ByteBuffer src) throws IOException { writeChannel.write(src); }

    /** Closes the descriptor; the kernel removes the interface. Wakes a blocked reader. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            writeChannel.close();
        }
    }

    @Override
    public String toString() { return "TunDevice[" + name + "]"; }
}
