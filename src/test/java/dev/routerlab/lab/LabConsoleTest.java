package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lab console from a pipe: `@` lines switch routers, `exit` frees a console line. */
class LabConsoleTest {
    @Test
    void switchesRoutersAndSurvivesExit() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab lab = Lab.boot(Path.of("labs/gre-r1-r2-r3")); PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabConsole(lab, out).runPipe(new BufferedReader(new StringReader("""
                enable
                @r3
                show privilege
                @
                @R9
                exit

                @R1
                show privilege
                @quit
                show version
                """)));
        }
        String t = b.toString(StandardCharsets.UTF_8);
        assertTrue(t.startsWith("Lab gre-r1-r2-r3: R1, R2, R3 (virtual time)\n"), t);
        assertTrue(t.contains("R1>enable\nR1#@r3\nR3>show privilege\nCurrent privilege level is 1\n"), t);
        assertTrue(t.contains("R3>@\n  R1\n  R2\n* R3\n"), t);
        assertTrue(t.contains("% No router R9 (routers: R1, R2, R3)\n"), t);
        assertTrue(t.contains("R3>exit\n\nR3 con0 is now available\n"), t);
        assertTrue(t.contains("R1#show privilege\nCurrent privilege level is 15\nR1#@quit\n"), t);
        assertTrue(!t.contains("show version"), "nothing runs after @quit");
    }

    @Test
    void nvramKeepsSavedConfigurationsAndLeavingAsksWhenUnsaved(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Lab.Options o = new Lab.Options();
        o.nvramDir = dir;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab lab = Lab.boot(Topology.load(Path.of("labs/gre-r1-r2-r3")), o);
             PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabConsole(lab, out).runPipe(new BufferedReader(new StringReader("""
                enable
                configure terminal
                interface Loopback9
                description kept
                end
                @quit
                no
                write memory
                @R3
                enable
                configure terminal
                interface Loopback9
                end
                @quit
                y
                show version
                """)));
        }
        String t = b.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains("R1#@quit\nConfiguration of R1 modified and not saved.\nLeave the lab? [confirm]no\nR1#write memory\n"), t);
        assertTrue(t.contains("R3#@quit\nConfiguration of R3 modified and not saved.\nLeave the lab? [confirm]y\n"), t);
        assertTrue(!t.contains("show version"), "the lab ended: " + t);
        // the next run boots R1 from its NVRAM; R3's unsaved change is gone
        try (Lab lab = Lab.boot(Topology.load(Path.of("labs/gre-r1-r2-r3")), o)) {
            String r1 = lab.call(() -> dev.routerlab.device.cli.Shell.of(lab.router("R1")).running());
            String r3 = lab.call(() -> dev.routerlab.device.cli.Shell.of(lab.router("R3")).running());
            assertTrue(r1.contains("interface Loopback9\n description kept\n"), r1);
            assertTrue(r1.contains("interface Tunnel0\n"), "the seeded startup-config is there too: " + r1);
            assertTrue(!r3.contains("Loopback9"), r3);
        }
    }
}
