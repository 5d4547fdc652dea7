package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

/** A piped console: a question stands for the prompt, the next line answers it, hidden ones unechoed. */
class PipeConsoleTest {
    private static String pipe(TestRouter r, String input) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session s = r.shell.session(null, "con 0", null, null, 1);
        PipeConsole pc = new PipeConsole(new BufferedReader(new StringReader(input)), out,
            () -> r.clock.runUntil(() -> !s.busy(), Session.MAX_COMMAND_NANOS));
        s.swapTerminal(pc);
        pc.run(s);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void questionsTakeTheNextLines() {
        TestRouter r = new TestRouter();
        r.execAll("configure terminal", "hostname R1", "enable secret S3cret", "end");
        assertEquals("R1>enable\nPassword: \nPassword: \nR1#copy running-config startup-config\n"
            + "Destination filename [startup-config]? \nBuilding configuration...\n[OK]\nR1#\n",
            pipe(r, "enable\nwrong\nS3cret\ncopy running-config startup-config\n\n"));
        // end of input at a question: the command goes on without an answer
        assertEquals("R1>enable\nPassword: \nPassword: \n% Bad secrets\n\nR1>\n", pipe(r, "enable\nwrong\n"));
    }
}
