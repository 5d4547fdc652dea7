package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.routerlab.cli.Session;
import org.junit.jupiter.api.Test;

/**
 * `line con 0` on the lab console: `login` with the line password, `login local` with a
 * username, AAA's default list, the IOS texts of a failed login, and `exec-timeout` ending an
 * idle console.
 */
class ConsoleLoginTest {
    private static String run(String input) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab lab = Lab.boot(Path.of("labs/gre-r1-r2-r3")); PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabConsole(lab, out).runPipe(new BufferedReader(new StringReader(input)));
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linePasswordIsAskedAndThreeBadOnesResetTheLine() throws Exception {
        String t = run("""
            enable
            configure terminal
            line con 0
            login
            password cisco
            end
            exit

            wrong
            cisco
            show privilege
            exit

            a
            b
            c

            cisco
            show users
            """);
        assertTrue(t.contains("R1(config-line)#login\n% Login disabled on line 0, until 'password' is set\n"), t);
        // the password is not echoed; a wrong one asks again without a word, as IOS
        assertTrue(t.contains("""
            Press RETURN to get started.

            User Access Verification

            Password:\s
            Password:\s
            R1>show privilege
            Current privilege level is 1
            """), t);
        assertTrue(t.contains("""
            Password:\s
            Password:\s
            Password:\s
            % Bad passwords

            R1 con0 is now available
            """), t);
        assertFalse(t.contains("Password: cisco"), "a password is never echoed: " + t);
        assertTrue(t.contains("R1>show users\n    Line       User       Host(s)              Idle       Location\n*  0 con 0"), t);
    }

    @Test
    void loginLocalAsksUsernameAndAaaDefaultListToo() throws Exception {
        String t = run("""
            enable
            configure terminal
            username admin privilege 15 secret s3cret
            line con 0
            login local
            end
            exit

            admin
            bad
            admin
            s3cret
            show privilege
            configure terminal
            aaa new-model
            aaa authentication login default local
            end
            exit

            nobody
            x
            admin
            s3cret
            show privilege
            """);
        assertTrue(t.contains("""
            User Access Verification

            Username: admin
            Password:\s
            % Login invalid

            Username: admin
            Password:\s
            R1#show privilege
            Current privilege level is 15
            """), t);
        // AAA: its own failure text; a console login is not authorized for exec, so it starts at level 1
        assertTrue(t.contains("""
            Username: nobody
            Password:\s
            % Authentication failed

            Username: admin
            Password:\s
            R1>show privilege
            Current privilege level is 1
            """), t);
    }

    @Test
    void anUnansweredLoginTimesOutAfter30Seconds() throws Exception {
        try (Lab lab = Lab.boot(Path.of("labs/gre-r1-r2-r3"))) {
            Session s = lab.console("R1");
            lab.exec(() -> {
                for (String l : java.util.List.of("enable", "configure terminal", "line con 0", "password cisco", "login", "end", "exit")) s.type(l);
            });
            lab.newConsole("R1");
            Session c = lab.console("R1");
            assertEquals("Password: ", lab.call(c, () -> c.question().text().substring(c.question().text().lastIndexOf('\n') + 1)));
            lab.advance(25_000_000_000L);
            assertFalse(lab.call(c, c::closed), "25 s: still asked");
            lab.advance(6_000_000_000L);
            assertTrue(lab.call(c, c::closed), "31 s: the line is reset");
            assertTrue(lab.call(c, () -> lab.backlog(c)).endsWith("\n% Password:  timeout expired!\n"), lab.call(c, () -> lab.backlog(c)));
        }
    }

    @Test
    void execTimeoutEndsAnIdleConsole() throws Exception {
        String t = run("""
            enable
            configure terminal
            line con 0
            exec-timeout 1 30
            end
            @wait 80s
            show privilege
            @wait 100s

            show privilege
            enable
            configure terminal
            line con 0
            exec-timeout 0 0
            end
            @wait 3h
            show privilege
            """);
        // 80 s idle: still there; 100 s more: the line is reset, a new session starts in user EXEC
        assertTrue(t.contains("R1#@wait 80s\nR1#show privilege\nCurrent privilege level is 15\nR1#@wait 100s\n\nR1 con0 is now available\n"), t);
        assertTrue(t.contains("Press RETURN to get started.\nR1>show privilege\nCurrent privilege level is 1\n"), t);
        assertTrue(t.contains("R1#@wait 3h\nR1#show privilege\nCurrent privilege level is 15\n"), "exec-timeout 0 0: never: " + t);
    }
}
