package dev.routerlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Netns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the FRR interop tests share: FRR daemons in a namespace (`/usr/lib/frr`), vtysh, pings from
 * the namespace to R1's loopback, R1's shows, tshark over a pcap, waiting with a bound.
 */
public final class FrrPeer {
    public static final Path FRR = Path.of("/usr/lib/frr");

    private FrrPeer() {}

    /** Stops the daemons, forcibly after 5 s. */
    public static void stop(List<Process> daemons) throws InterruptedException {
        for (Process p : daemons) p.destroy();
        for (Process p : daemons) if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
    }

    public static void ping(String ns) throws IOException {
        Netns.Result p = Netns.tryRun(List.of("ip", "netns", "exec", ns, "ping", "-c", "3", "-i", "0.3", "-W", "2", "-I", "203.0.113.2", "1.1.1.1"), 30);
        assertTrue(p.output().contains(" 0% packet loss"), p.output());
    }

    public static Process daemon(String ns, Path run, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, FRR.resolve(name).toString(), "-u", "frr", "-g", "frr",
            "-f", run + "/" + name + ".conf", "-i", run + "/" + name + ".pid", "--vty_socket", run.toString(), "-P", "0"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(run.resolve(name + ".out").toFile()).start();
    }

    public static String vtysh(Path run, String cmd) {
        try {
            return Netns.tryRun(List.of("vtysh", "--vty_socket", run.toString(), "-c", cmd), 20).output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static void waitFor(BooleanSupplier ok, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(500);
        }
    }

    public static String show(Lab lab, String cmd) {
        return dev.routerlab.lab.LabShell.show(lab, "R1", cmd);
    }

    public static List<String> tshark(Path tshark, Path pcap, String field, String filter) throws Exception {
        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", pcap.toString(), "-T", "fields", "-e", field, "-Y", filter)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "tshark failed on " + pcap);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
