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
}
