package dev.routerlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.routerlab.link.TunDevice;

/**
 * Test support for root-only tests: network namespaces created here are deleted by
 * {@link #close()}, also when the test failed. Namespace names carry the process id so that
 * concurrent runs do not collide.
 */
public final class Netns implements AutoCloseable {
    private final List<String> namespaces = new ArrayList<>();

    /** Why a root-only test cannot run here, or null when it can. */
    public static String unavailable() {
        try {
            if (!"0".equals(run(List.of("id", "-u")).strip())) return "not running as root";
        } catch (IOException e) {
            return "cannot run id: " + e.getMessage();
        }
        if (!TunDevice.supported()) return TunDevice.CLONE_DEVICE + " is missing or not accessible";
        if (tool("ip") == null) return "iproute2 'ip' is not installed";
        return null;
    }

    /** The path of a command on PATH (or in /usr/sbin, /sbin), or null. */
    public static Path tool(String name) {
        List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Creates a namespace named prefix + pid (loopback up); returns its name. */
    public String create(String prefix) throws IOException {
        String name = prefix + ProcessHandle.current().pid();
        if (run(List.of("ip", "netns", "list")).lines().anyMatch(l -> l.split(" ")[0].equals(name))) {
            run(List.of("ip", "netns", "del", name));
        }
        run(List.of("ip", "netns", "add", name));
        namespaces.add(name);
        exec(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /** Runs a command inside a namespace; fails on a non-zero exit. */
    public static String exec(String ns, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        return run(c);
    }

    /** Runs a command; returns its output (stdout and stderr); fails on a non-zero exit. */
    public static String run(List<String> cmd) throws IOException {
        Result r = tryRun(cmd, 60);
        if (r.exit() != 0) throw new IOException(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.output());
        return r.output();
    }

    public record Result(int exit, String output) {}

    /** Runs a command with a timeout in seconds; returns its exit status and output. */
    public static Result tryRun(List<String> cmd, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Deletes every namespace created here (their interfaces go with them). */
    @Override
    public void close() {
        for (String ns : namespaces) {
            try {
                tryRun(List.of("ip", "netns", "del", ns), 30);
            } catch (IOException ignored) {
                // best effort
            }
        }
        namespaces.clear();
    }
}
