package dev.routerlab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.cli.Session;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.sim.VirtualScheduler;

/** `routerlab replay FILE...`: replays single-router transcripts in virtual time. */
public final class Replay {
    /** Virtual time starts where an IOS clock without NTP does: 00:00 UTC, 1 March 1993. */
    public static final long EPOCH_1993 = 730_944_000_000L;

    private Replay() {}

    /** Replays one transcript on a fresh router; returns the mismatches. */
    public static List<Transcript.Mismatch> run(String text) {
        VirtualScheduler clock = new VirtualScheduler(EPOCH_1993);
        Router r = new Router(clock, new SplittableRandom(1), Nvram.memory(), Router.IOSV_PORTS);
        r.boot();
        Session s = new Session(r, null, "con 0", null, null, 1);
        r.attach(s);
        return new Transcript(text).replay(host -> s, clock::runDue);
    }

    public static int main(List<String> files, PrintStream out) throws IOException {
        int failed = 0;
        for (String f : files) {
            List<Transcript.Mismatch> m = run(Files.readString(Path.of(f), StandardCharsets.UTF_8));
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
