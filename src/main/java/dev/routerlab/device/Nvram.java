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
public interface Nvram {
    String STARTUP_CONFIG = "startup-config";

    /** The file's bytes, or null when absent. */
    byte[] read(String name) throws IOException;

    /** Replaces the file atomically: a crash leaves either the old or the new content. */
    void write(String name, byte[] data) throws IOException;

    void delete(String name) throws IOException;

    /** NVRAM held in memory (labs without a directory). */
    static Nvram memory() {
        Map<String, byte[]> files = new HashMap<>();
        return new Nvram() {
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

    /** NVRAM in a directory; each write goes to a temp file, is fsynced, then renamed over. */
    static Nvram directory(Path dir) {
        return new Nvram() {
            @Override
            public byte[] read(String name) throws IOException {
                Path p = dir.resolve(name);
                return Files.exists(p) ? Files.readAllBytes(p) : null;
            }

            @Override
            public void write(String name, byte[] data) throws IOException {
                Files.createDirectories(dir);
                Path tmp = dir.resolve("." + name + ".tmp");
                Files.deleteIfExists(tmp);
                try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        ownerOnly())) {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    while (b.hasRemaining()) ch.write(b);
                    ch.force(true);
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
