package dev.routerlab.text;

import static dev.routerlab.text.Printable.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersUseCaretNotation() {
        String plain = "admin 10.0.0.1 é";
        assertSame(plain, printable(plain));
        assertEquals("a^M^Jb^[[2J^?^@^I", printable("a\r\nb\u001b[2J\u007f\u0000\t"));
        assertEquals("M-^[31m", printable("\u009b31m"));
        assertEquals("<U+202E>txt<U+2028>", printable("\u202etxt\u2028"));
    }

    @Test
    void hostnameFollowsIosRules() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        String err = "% Hostname contains one or more illegal characters.\n";
        for (String bad : new String[] {"1R", "R_1", "R1-", "-R1", "R.1", "R\u001b[2J", "a".repeat(64)}) {
            assertEquals(err, r.exec("hostname " + bad), bad);
            assertEquals("Router", r.router.config().hostname, bad);
        }
        assertEquals("", r.exec("hostname R-1a"));
        assertEquals("R-1a", r.router.config().hostname);
        assertEquals("", r.exec("hostname " + "b".repeat(63)));
        assertEquals("", r.exec("no hostname"));
        assertEquals("Router", r.router.config().hostname);
    }
}
