package dev.routerlab.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A router's non-volatile storage: named files such as startup-config and the SSH host key. */
public interface Nvram extends java.io.Closeable {
    String STARTUP_CONFIG = "startup-config";
    /** IOSv's NVRAM: 256 KB (`Using N out of 262144 bytes`); a larger startup-config is refused. */
    int SIZE = 262144;
    /** The lock file that keeps a second process off a `--nvram` directory. */
    String LOCK_FILE = ".lock";

    /** A directory NVRAM is in use by another process (one line: what Main prints). */
    final class InUseException extends IOException {
        public InUseException(String message) { super(message); }
    }

    /** The file's bytes, or null when absent. */
    byte[] read(String name) throws IOException;

    /** Replaces the file atomically: a crash leaves either the old or the new content. */
    void write(String name, byte[] data) throws IOException;

    void delete(String name) throws IOException;

    /** The router's flash beside this NVRAM: in memory too, or the directory's `flash` folder. */
    Flash flash();

    /** Lets another user have it (a directory NVRAM's lock is released); nothing for others. */
    @Override
    default void close() throws IOException { }

    /** NVRAM held in memory (labs without a directory). */
    static Nvram memory() {
        Map<String, byte[]> files = new HashMap<>();
        Flash flash = Flash.memory();
        return new Nvram() {
            @Override public Flash flash() { return flash; }
            @Override public synchronized byte[] read(String name) { byte[] b = files.get(name); return b == null ? null : b.clone(); }
            @Override public synchronized void write(String name, byte[] data) { files.put(name, data.clone()); }
            @Override public synchronized void delete(String name) { files.remove(name); }
        };
    }

    /** Files readable by their owner only: NVRAM holds secrets' hashes and the SSH host key. */
    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }

    /**
     * NVRAM in a directory this process alone uses (`--nvram DIR`): an exclusive lock on
     * DIR/.lock, held until the process ends or {@link #close}, refuses a second process (InUseException).
     */
    static Nvram locked(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new InUseException("NVRAM directory " + dir + " is in use by another routerlab process");
        }
        java.nio.channels.FileLock held = lock;
        Nvram inner = directory(dir);
        return new Nvram() {
            @SuppressWarnings("unused") private final java.nio.channels.FileLock keep = held;   // the lock lives as long as this NVRAM
            @Override public byte[] read(String name) throws IOException { return inner.read(name); }
            @Override public void write(String name, byte[] data) throws IOException { inner.write(name, data); }
            @Override public void delete(String name) throws IOException { inner.delete(name); }
            @Override public Flash flash() { return inner.flash(); }
            @Override public void close() throws IOException { ch.close(); }
        };
    }

    /**
     * NVRAM in a directory; each write goes to a temp file of its own, is fsynced, then renamed
     * over. At start, temp files a crashed save left behind are deleted.
     */
    static Nvram directory(Path dir) {
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") && n.endsWith(".tmp")) Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // unreadable directory: the first read or write reports it
            }
        }
        return new Nvram() {
            private Flash flash;

            @Override
            public synchronized Flash flash() {
                if (flash == null) flash = Flash.directory(dir.resolve("flash"));
                return flash;
            }

            @Override
            public byte[] read(String name) throws IOException {
                Path p = dir.resolve(name);
                return Files.exists(p) ? Files.readAllBytes(p) : null;
            }

            @Override
            public void write(String name, byte[] data) throws IOException {
                Files.createDirectories(dir);
                // a name of its own per save: two saves never write the same temp file
                Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        ownerOnly())) {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    while (b.hasRemaining()) ch.write(b);
                    ch.force(true);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                try {
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                } catch (IOException ignored) {
                    // some file systems cannot fsync a directory; the rename is still atomic
                }
            }

            @Override
            public void delete(String name) throws IOException {
                Files.deleteIfExists(dir.resolve(name));
            }
        };
    }
}
