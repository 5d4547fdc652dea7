package dev.routerlab.packet.nhrp;

import dev.routerlab.Interop;
import dev.routerlab.capture.PcapWriter;
import dev.routerlab.packet.Gre;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Writes NHRP packets wrapped in IPv4/GRE (0x2001) to a LINKTYPE_RAW pcap and reads them back with tshark. */
public final class Tshark {
    private Tshark() {}

    /** One captured NHRP packet: outer source and destination NBMA addresses and the NHRP bytes. */
    public record Frame(int srcNbma, int dstNbma, byte[] nhrp, int off, int len) {}

    /** The tshark executable, or skips the calling test (printing why) when it is not installed. */
    public static String require(String testName) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, "tshark");
            if (Files.isExecutable(p)) return p.toString();
        }
        String reason = "tshark is not installed (apt-get install -y tshark): skipping " + testName;
        Interop.skip(reason);
        return null;
    }

    /** Writes the frames, each as IPv4/GRE (key 100 when keyed)/NHRP, one per virtual millisecond. */
    public static void writePcap(Path file, List<Frame> frames, boolean keyed) throws Exception {
        VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.LINKTYPE_RAW, clock)) {
            int id = 1;
            for (Frame f : frames) {
                byte[] p = Gre.buildPacket(f.srcNbma(), f.dstNbma(), id++, 0xc0, 255, false, keyed ? Gre.FLAG_KEY : 0, 100, 0,
                        Gre.PROTO_NHRP, f.nhrp(), f.off(), f.len());
                w.write(p, 0, p.length);
                clock.advance(1_000_000);
            }
        }
    }

    /** tshark -T fields output, one line per frame, each field's first occurrence only. */
    public static List<String> fields(String tshark, Path file, String filter, String... fields) throws Exception {
        return fields(tshark, file, filter, true, fields);
    }

    /** tshark -T fields output, one line per frame with a non-empty line, every occurrence of each field (comma separated). */
    public static List<String> rows(String tshark, Path file, String filter, String... fields) throws Exception {
        return fields(tshark, file, filter, false, fields).stream().filter(l -> !l.isBlank()).toList();
    }

    private static List<String> fields(String tshark, Path file, String filter, boolean firstOnly, String... fields)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tshark, "-n", "-r", file.toString()));
        if (filter != null) { cmd.add("-Y"); cmd.add(filter); }
        cmd.add("-T");
        cmd.add("fields");
        if (firstOnly) { cmd.add("-E"); cmd.add("occurrence=f"); }
        for (String f : fields) { cmd.add("-e"); cmd.add(f); }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("tshark did not finish");
        }
        if (p.exitValue() != 0) throw new IllegalStateException("tshark exit " + p.exitValue() + ": " + out);
        return out.lines().toList();
    }

    /** Frames with a malformed-packet marker or an expert item of severity warning or error. */
    public static List<String> problems(String tshark, Path file) throws Exception {
        return fields(tshark, file, "_ws.malformed || _ws.expert.severity >= 6291456", "frame.number", "_ws.col.Info",
                "_ws.expert.message");
    }

    /** The verbose decode (-V), for failure messages. */
    public static String verbose(String tshark, Path file) throws Exception {
        Process p = new ProcessBuilder(tshark, "-n", "-V", "-r", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }
}
