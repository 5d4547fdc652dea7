package dev.routerlab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.features.Features;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.Session;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.sim.VirtualScheduler;

/**
 * `routerlab replay FILE...`: replays single-router transcripts in virtual time.
 * `routerlab replay --lab labs/NAME FILE...`: replays multi-router transcripts, each on a fresh
 * boot of the lab (the prompt's hostname picks the router).
 */
public final class Replay {
    /** Virtual time starts where an IOS clock without NTP does: 00:00 UTC, 1 March 1993. */
    public static final long EPOCH_1993 = 730_944_000_000L;

    private Replay() {}

    /** Replays one transcript on a fresh router; returns the mismatches. */
    public static List<Transcript.Mismatch> run(String text) {
        VirtualScheduler clock = new VirtualScheduler(EPOCH_1993);
        Router r = new Router(clock, new SplittableRandom(1), Nvram.memory(), Router.IOSV_PORTS);
        Shell sh = Features.shell(r);
        sh.boot();
        ConsolePort port = new ConsolePort();
        Session s = sh.console(port);
        sh.attach(s);
        return new Transcript(text).replay(host -> s, () -> clock.runUntil(() -> !s.busy(), Session.MAX_COMMAND_NANOS),
            x -> port.drain(), clock::advance);
    }

    /** Replays one transcript on a fresh boot of a lab; returns the mismatches. */
    public static List<Transcript.Mismatch> runLab(Topology t, String text) throws IOException {
        Path flash = Files.createTempDirectory("routerlab-flash");
        Lab.Options o = new Lab.Options();
        o.flashRoot = flash;   // `monitor capture ... export flash:` writes here, not into the tree
        try (Lab lab = Lab.boot(t, o)) {
            return new Transcript(text).replay(lab::session, lab::settle, lab::backlog, lab::advance);
        } finally {
            try (java.util.stream.Stream<Path> s = Files.walk(flash)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static int main(List<String> args, PrintStream out) throws IOException {
        List<String> files = new ArrayList<>(args);
        Topology lab = null;
        int at = files.indexOf("--lab");
        if (at >= 0) {
            if (at + 1 >= files.size()) {
                out.println("replay: --lab needs a lab folder");
                return 2;
            }
            try {
                lab = Topology.load(Path.of(files.get(at + 1)));
            } catch (Topology.TopologyException e) {
                out.println("replay: " + e.getMessage());
                return 2;
            }
            files.remove(at + 1);
            files.remove(at);
            try (Lab probe = Lab.boot(lab, new Lab.Options())) {
                for (String e : probe.bootErrors()) out.println("warning: " + e);
            }
        }
        if (files.isEmpty()) {
            out.println("replay: no transcript files");
            return 2;
        }
        for (String f : files) {
            if (f.startsWith("-")) {
                out.println("replay: unknown option " + f);
                return 2;
            }
        }
        int failed = 0;
        for (String f : files) {
            String text = Files.readString(Path.of(f), StandardCharsets.UTF_8);
            List<Transcript.Mismatch> m = lab == null ? run(text) : runLab(lab, text);
            if (m.isEmpty()) {
                out.println("PASS " + f);
            } else {
                failed++;
                out.println("FAIL " + f);
                for (Transcript.Mismatch x : m) out.println(x);
            }
        }
        out.println((files.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
