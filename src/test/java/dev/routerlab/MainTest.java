package dev.routerlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import dev.routerlab.device.Nvram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: bad arguments are one line and the usage, never a stack trace. */
class MainTest {
    @TempDir Path dir;

    private record Result(int status, String err) {}

    private static synchronized Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.run(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private static void noTrace(Result r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void badArgumentsAreOneLineAndTheUsage() {
        Result r = run("console", "--bogus");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("routerlab console: unknown option --bogus\nusage: routerlab console "), r.err());
        noTrace(r);
        r = run("console", "--ssh", "2222", "--tun", "Gi0/1=rl-tun0");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("routerlab console: --ssh and --tun cannot be used together\n"), r.err());
        r = run("console", "--nvram");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("routerlab console: --nvram needs a value\n"), r.err());
        r = run("console", "extra");
        assertTrue(r.err().startsWith("routerlab console: unexpected argument extra\n"), r.err());
        r = run("console", "--ssh", "99999");
        assertEquals(2, r.status());
        noTrace(r);
        r = run("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("routerlab frobnicate: unknown command: frobnicate\n"), r.err());
        r = run("lab", "labs/gre-r1-r2-r3", "--bogus");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("lab: unknown option --bogus\n"), r.err());
    }

    @Test
    void aMissingFileIsOneLine() {
        Result r = run("console", "--config", dir.resolve("nope.cfg").toString());
        assertEquals(1, r.status());
        assertEquals("routerlab console: " + dir.resolve("nope.cfg") + ": no such file or directory\n", r.err());
        r = run("replay", dir.resolve("nope.txt").toString());
        assertEquals(1, r.status());
        noTrace(r);
    }

    @Test
    void nvramInUseIsOneLine() throws Exception {
        Path nv = dir.resolve("nv");
        Nvram held = Nvram.locked(nv);
        Result r = run("console", "--nvram", nv.toString());
        assertEquals(1, r.status());
        assertEquals("routerlab console: NVRAM directory " + nv + " is in use by another routerlab process\n", r.err());
        held.read(Nvram.STARTUP_CONFIG);
    }

    /**
     * Two processes: an SSH router on an NVRAM directory, then a second router on the same
     * directory (refused with one line); SIGTERM ends the first at once, saving nothing.
     */
    @Test
    void aSecondProcessIsRefusedAndSigtermEndsTheFirstPromptly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path nv = dir.resolve("nv");
        Files.createDirectories(nv);
        Path cfg = dir.resolve("r.cfg");
        Files.writeString(cfg, "hostname R1\n");
        Process first = new ProcessBuilder(java, "-cp", cp, Main.class.getName(), "console", "--ssh", "127.0.0.1:0",
            "--nvram", nv.toString(), "--config", cfg.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8));
            String line = null;
            for (int i = 0; i < 50 && (line = err.readLine()) != null && !line.startsWith("SSH server on "); i++) { }
            assertTrue(line != null && line.startsWith("SSH server on "), "first router serving: " + line);
            Process second = new ProcessBuilder(java, "-cp", cp, Main.class.getName(), "console", "--nvram", nv.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "second process ends");
            String secondErr = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, second.exitValue(), secondErr);
            assertEquals("routerlab console: NVRAM directory " + nv + " is in use by another routerlab process\n", secondErr);
            first.destroy();                                 // SIGTERM
            assertTrue(first.waitFor(15, TimeUnit.SECONDS), "SIGTERM ends a router serving SSH");
            assertEquals(143, first.exitValue());
            assertFalse(Files.exists(nv.resolve(Nvram.STARTUP_CONFIG)), "nothing saved on SIGTERM");
        } finally {
            first.destroyForcibly();
        }
    }
}
