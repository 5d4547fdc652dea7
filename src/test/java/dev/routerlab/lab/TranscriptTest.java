package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every transcripts/*.txt replays on a fresh router and matches line for line. */
class TranscriptTest {
    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        Path dir = Path.of("transcripts");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(files.size() > 0, "no transcripts in " + dir.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            List<Transcript.Mismatch> m = Replay.run(Files.readString(f, StandardCharsets.UTF_8));
            assertTrue(m.isEmpty(), () -> f + " differs:\n" + m.get(0));
        }));
    }

    @Test
    void aWrongLineIsReportedWithItsNumber() {
        List<Transcript.Mismatch> m = Replay.run("""
            Router>enable
            Router#show privilege
            Current privilege level is 14
            Router#
            """);
        assertEquals(1, m.size());
        assertEquals(3, m.get(0).line());
        assertEquals("Current privilege level is 15", m.get(0).actual());
    }

    @Test
    void wrongPromptsAndMissingOutputAreMismatches() {
        assertEquals(1, Replay.run("Router>enable\nRouter(config)#\n").size());
        assertEquals(1, Replay.run("Router>enable\nRouter#show clock\nRouter#\n").size());
        assertTrue(Replay.run("Router>enable\nRouter#show clock\n{*}UTC Mon Mar 1 1993\nRouter#\n").isEmpty());
    }
}
