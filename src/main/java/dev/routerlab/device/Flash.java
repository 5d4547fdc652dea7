package dev.routerlab.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A router's flash (IOSv's flash0:): flat files that `dir`, `copy`, `verify /md5` and SCP read
 * and write. In memory for labs without a directory; in the `flash` folder of the router's
 * `--nvram` directory otherwise, so copied files survive the lab. Writes are atomic (as NVRAM's).
 */
public interface Flash {
    /** IOSv's flash0: (a 2 GB disk, as formatted): what `dir` reports in all. */
    long DISK_SIZE = 2_142_715_904L;
    /** Flash held in memory keeps at most this much, well below the JVM's heap. */
    long MEMORY_LIMIT = 134_217_728L;

    /** One file: name, size in bytes, last change (epoch milliseconds). */
    record Entry(String name, long size, long modifiedMillis) {}

    /** The files, by name. */
    List<Entry> list() throws IOException;

    /** The file's bytes, or null when absent. */
    byte[] read(String name) throws IOException;

    /** Creates or replaces a file; refused (NoSpaceException) when it would not fit. */
    void write(String name, byte[] data, long modifiedMillis) throws IOException;

    /** Removes a file; false when there was none. */
    boolean delete(String name) throws IOException;

    /** Bytes this flash holds in all (IOSv's disk). */
    default long capacity() { return DISK_SIZE; }

    /** The file does not fit: IOS's `(No space left on device)`. */
    final class NoSpaceException extends IOException {
        public NoSpaceException() { super("No space left on device"); }
    }

    default Entry find(String name) throws IOException {
        for (Entry e : list()) if (e.name().equals(name)) return e;
        return null;
    }

    /** Bytes a new file may take now (in memory, what the limit leaves). */
    default long room() throws IOException { return capacity() - used(); }

    default long used() throws IOException {
        long n = 0;
        for (Entry e : list()) n += e.size();
        return n;
    }

    /** A name flash accepts: 1 to 63 printable characters, no path separator, colon or leading dot. */
    static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > 63 || name.startsWith(".")) return false;
        return name.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != '/' && ch != '\\' && ch != ':');
    }

    private static void checkName(String name) throws IOException {
        if (!validName(name)) throw new IOException("Invalid argument");
    }

    /** Flash in memory: reports IOSv's disk, refuses files past {@link #MEMORY_LIMIT} in all. */
    static Flash memory() {
        record File(byte[] data, long modified) {}
        TreeMap<String, File> files = new TreeMap<>();
        return new Flash() {
            @Override public synchronized List<Entry> list() {
                List<Entry> out = new ArrayList<>();
                files.forEach((n, f) -> out.add(new Entry(n, f.data().length, f.modified())));
                return out;
            }

            @Override public synchronized byte[] read(String name) {
                File f = files.get(name);
                return f == null ? null : f.data().clone();
            }

            @Override public synchronized void write(String name, byte[] data, long modifiedMillis) throws IOException {
                checkName(name);
                File old = files.get(name);
                if (used() - (old == null ? 0 : old.data().length) + data.length > MEMORY_LIMIT) throw new NoSpaceException();
                files.put(name, new File(data.clone(), modifiedMillis));
            }

            @Override public synchronized boolean delete(String name) { return files.remove(name) != null; }

            @Override public synchronized long room() throws IOException { return MEMORY_LIMIT - used(); }
        };
    }

    /** Flash in a directory (created on the first write); each write atomic through {@link Nvram#directory}. */
    static Flash directory(Path dir) {
        Nvram store = Nvram.directory(dir);
        return new Flash() {
            @Override public synchronized List<Entry> list() throws IOException {
                List<Entry> out = new ArrayList<>();
                if (!Files.isDirectory(dir)) return out;
                try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        String n = p.getFileName().toString();
                        if (validName(n) && Files.isRegularFile(p)) {
                            out.add(new Entry(n, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                        }
                    }
                }
                out.sort(Comparator.comparing(Entry::name));
                return out;
            }

            @Override public synchronized byte[] read(String name) throws IOException {
                return validName(name) ? store.read(name) : null;
            }

            @Override public synchronized void write(String name, byte[] data, long modifiedMillis) throws IOException {
                checkName(name);
                Entry old = find(name);
                if (used() - (old == null ? 0 : old.size()) + data.length > DISK_SIZE) throw new NoSpaceException();
                store.write(name, data);
                Files.setLastModifiedTime(dir.resolve(name), FileTime.fromMillis(modifiedMillis));
            }

            @Override public synchronized boolean delete(String name) throws IOException {
                if (!validName(name) || !Files.exists(dir.resolve(name))) return false;
                store.delete(name);
                return true;
            }
        };
    }
}
