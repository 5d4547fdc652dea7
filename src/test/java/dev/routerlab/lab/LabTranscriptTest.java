package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every lab transcript replays on a fresh boot of its lab and matches line for line:
 * labs/NAME/*.txt, and transcripts/labs/NAME/*.txt (or a file there with a `!! lab NAME` line).
 */
class LabTranscriptTest {
    record Case(Path lab, Path file) {}

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        Path labs = Path.of("labs");
        if (Files.isDirectory(labs)) {
            try (Stream<Path> s = Files.list(labs)) {
                for (Path lab : s.filter(Files::isDirectory).sorted().toList()) {
                    try (Stream<Path> t = Files.list(lab)) {
                        t.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(p -> out.add(new Case(lab, p)));
                    }
                }
            }
        }
        Path extra = Path.of("transcripts", "labs");
        if (Files.isDirectory(extra)) {
            try (Stream<Path> s = Files.walk(extra)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                    String named = Transcript.labDirective(Files.readString(p, StandardCharsets.UTF_8));
                    Path lab = named != null ? labs.resolve(named) : labs.resolve(extra.relativize(p).getName(0).toString());
                    out.add(new Case(lab, p));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> labTranscripts() throws IOException {
        List<Case> cases = cases();
        assertTrue(!cases.isEmpty(), "no lab transcripts");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.lab().getFileName() + "/" + c.file().getFileName(), () -> {
            Topology t = Topology.load(c.lab());
            List<Transcript.Mismatch> m = Replay.runLab(t, Files.readString(c.file(), StandardCharsets.UTF_8));
            assertTrue(m.isEmpty(), () -> c.file() + " differs:\n" + m.get(0));
        }));
    }
}
