package dev.routerlab.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.cli.Mode;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.device.Router;
import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a question (`Password:`, `[confirm]`) waits in its own session, never on the
 * router's loop. Virtual time: a vty sits at `enable`'s `Password:` while other sessions,
 * timers and forwarding go on; the question times out after its bound, or a later answer
 * completes the command; a session that ends while asked leaves nothing behind.
 */
class QuestionTest {
    private static final String SECRET = "En4ble!";
    private static final long SECOND = 1_000_000_000L;

    /** A vty's terminal: what it was shown, and how often its question expired under it. */
    private static final class Vty implements Terminal {
        final StringBuilder out = new StringBuilder();
        int expired;

        @Override public void write(String text) { out.append(text); }

        @Override public void questionExpired() { expired++; }
    }

    /** A privilege-1 vty session on the router, questions bounded at 30 s as SSH's are. */
    private static Session vty(Router r, Vty t) {
        Shell sh = Shell.of(r);
        Session s = sh.session(t, "vty 0", "oper", "192.0.2.9", 1);
        s.askTimeout(30 * SECOND);
        sh.attach(s);
        return s;
    }

    private static TestRouter withSecret() {
        TestRouter r = new TestRouter();
        r.execAll("configure terminal", "hostname R1", "enable secret " + SECRET, "end");
        return r;
    }

    @Test
    void aPasswordPromptHoldsNeitherOtherSessionsNorTimersNorForwarding() {
        Net net = Net.greLab(WireOptions.DEFAULT);
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r2.config("enable secret " + SECRET);
        r1.exec("ping 3.3.3.3 source Loopback0");   // ARP on the way: the first echo may be lost
        Vty t = new Vty();
        Session s = vty(r2.router, t);
        s.type("enable");
        assertEquals(new Session.Question("Password: ", true), s.question());
        assertFalse(s.busy(), "a session at a question waits for its next line, as at the prompt");

        long t0 = net.clock.nanos();
        // forwarding through R2 (R1 -> R2 -> R3 over GRE): every echo comes back at once
        String ping = r1.exec("ping 3.3.3.3 source Loopback0");
        assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping);
        assertTrue(net.clock.nanos() - t0 < SECOND, "the ping took " + (net.clock.nanos() - t0) + " ns");
        // another session on the same router runs its commands, questions included
        String users = r2.exec("show users");
        assertTrue(users.contains("vty 0") && users.contains("oper"), users);
        assertTrue(r2.answer("").exec("copy running-config startup-config").contains("[OK]"));
        // a timer on the router's scheduler fires on time
        long[] fired = {-1};
        long due = net.clock.nanos() + 5 * SECOND;
        r2.router.scheduler().schedule(5 * SECOND, () -> fired[0] = net.clock.nanos());
        net.run(6);
        assertEquals(due, fired[0]);
        assertNotNull(s.question(), "still waiting for its answer");
        assertEquals("", t.out.toString(), "the question's text is shown by the front end, not written");
    }

    @Test
    void anUnansweredQuestionTimesOutAndGivesThePromptBack() {
        TestRouter r = withSecret();
        Vty t = new Vty();
        Session s = vty(r.router, t);
        s.type("enable");
        r.clock.advance(29 * SECOND);
        assertNotNull(s.question());
        assertEquals(0, t.expired);
        r.clock.advance(SECOND);
        assertNull(s.question());
        assertEquals("% Bad secrets\n\n", t.out.toString());
        assertEquals(1, t.expired, "the front end is told to stop reading the question");
        assertEquals(Mode.USER_EXEC, s.mode());
        assertEquals("R1>", s.prompt());
        t.out.setLength(0);
        s.type("show privilege");
        assertEquals("Current privilege level is 1\n", t.out.toString());
    }

    @Test
    void anAnswerThatComesLaterCompletesTheCommand() {
        TestRouter r = withSecret();
        Vty t = new Vty();
        Session s = vty(r.router, t);
        s.type("enable");
        r.clock.advance(20 * SECOND);
        r.execAll("configure terminal", "hostname R9", "end");   // meanwhile, on the console
        s.type("wrong");
        assertEquals("Password: ", s.question().text(), "asked again; each question has its own bound");
        r.clock.advance(20 * SECOND);
        assertNotNull(s.question());
        s.type(SECRET);
        assertNull(s.question());
        assertEquals(Mode.PRIV_EXEC, s.mode());
        assertEquals("R9#", s.prompt());
        r.clock.advance(60 * SECOND);
        assertEquals("", t.out.toString());
        assertEquals(0, t.expired, "no timer left behind");
    }

    @Test
    void questionsInTwoSessionsAreAnsweredEachInTurn() {
        TestRouter r = withSecret();
        Vty t = new Vty();
        Session s = vty(r.router, t);
        s.type("enable");
        // the console's own question, answered while the vty's is still open
        String copy = r.answer("").exec("copy running-config startup-config");
        assertTrue(copy.startsWith("Destination filename [startup-config]? \nBuilding configuration...\n"), copy);
        s.type(SECRET);
        assertEquals(Mode.PRIV_EXEC, s.mode());
    }

    @Test
    void aSessionThatEndsWhileAskedLeavesNothingBehind() {
        TestRouter r = withSecret();
        Vty t = new Vty();
        Session s = vty(r.router, t);
        s.type("enable");
        Session.Question q = s.question();
        s.close();
        r.shell.detach(s);
        assertNull(s.question(), "the question went with the session");
        assertEquals("% Bad secrets\n\n", t.out.toString(), "the command saw no answer");
        t.out.setLength(0);
        s.answer(q, SECRET);
        assertEquals(Mode.USER_EXEC, s.mode(), "a late answer reaches nothing");
        r.clock.advance(60 * SECOND);
        assertEquals("", t.out.toString());
        assertEquals(0, t.expired, "its timeout was cancelled");
        assertFalse(r.shell.sessions().contains(s));
    }

    @Test
    void aReloadDropsAConsoleQuestion() {
        TestRouter r = withSecret();
        Vty t = new Vty();
        Session s = vty(r.router, t);
        Session con = r.shell.session(new Vty(), "con 0", null, null, 1);
        r.shell.attach(con);
        con.type("enable");
        assertNotNull(con.question());
        r.exec("write memory");
        r.answer("").exec("reload");
        assertNull(con.question(), "the command that asked is gone with the old boot");
        assertEquals(Mode.USER_EXEC, con.mode());
        assertTrue(s.closed(), "vty sessions end with a reload");
    }
}
