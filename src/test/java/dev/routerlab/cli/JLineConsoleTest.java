package dev.routerlab.cli;

import dev.routerlab.features.Features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.lab.Replay;
import dev.routerlab.sim.VirtualScheduler;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** Keys typed into the interactive console: `?`, TAB, Ctrl-Z, Ctrl-A/E, the pager, questions. */
class JLineConsoleTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Router router = new Router(new VirtualScheduler(Replay.EPOCH_1993), new SplittableRandom(1),
        Nvram.memory(), Router.IOSV_PORTS);

    private String type(String keys) throws Exception {
        return type(keys, 15);
    }

    private String type(String keys, int privilege) throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed, 1 << 16);
        try (Terminal term = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm")
                .size(new org.jline.terminal.Size(200, 50)).build()) {
            JLineConsole console = new JLineConsole(term);
            Session s = Features.shell(router).session(console, "con 0", null, null, privilege);
            Thread t = new Thread(() -> console.run(s, () -> { }));
            t.start();
            for (char c : keys.toCharArray()) {
                feed.write(c);
                feed.flush();
                Thread.sleep(c == '\r' || c == 26 ? 300 : 2);   // the next prompt is up before what follows
            }
            Thread.sleep(700); // let the line editor drain its input before end-of-file
            feed.close();
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]", "");
    }

    @Test
    void questionMarkShowsHelpAndKeepsTheLine() throws Exception {
        String out = type("show ip int?\r");
        assertTrue(out.contains("interface  "), out);
        out = type("terminal ?length 0\r");
        assertTrue(out.contains("  length   Set number of lines on a screen"), out);
        assertTrue(out.contains("terminal length 0"), out);
    }

    @Test
    void tabCompletesAndCtrlZLeavesConfig() throws Exception {
        type("conf\t\t\rhostn\tR7\rinterface Loopback0\r\u001a");
        assertEquals("R7", router.config().hostname);
        assertTrue(router.config().interfaces.keySet().stream().anyMatch(n -> n.toString().equals("Loopback0")));
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("%SYS-5-CONFIG_I"), "Ctrl-Z ends configuration");
    }

    @Test
    void ctrlAandCtrlEMoveToLineEnds() throws Exception {
        type("conf t\rname X\u0001host\u0005\r\u001a");
        assertEquals("X", router.config().hostname);
    }

    @Test
    void aQuestionIsThePromptItsAnswerIsMaskedAndCtrlZAbandonsIt() throws Exception {
        router.scheduler().execute(() -> Features.shell(router).bootFrom("enable secret S3cret\n"));
        ((VirtualScheduler) router.scheduler()).runDue();
        // a `?` in an answer is text, not help; the answer is not echoed; Ctrl-Z abandons the question
        String out = type("enable\rwr?ng\r\u001aenable\rS3cret\rshow privilege\r", 1);
        assertEquals(4, out.split("Password: ", -1).length, out);   // asked twice, abandoned, asked again
        assertTrue(out.contains("% Bad secrets"), out);
        assertTrue(!out.contains("wr?ng") && !out.contains("S3cret") && !out.contains("Exec commands"), out);
        assertTrue(out.contains("% Bad secrets"), out);
        assertTrue(out.contains("Router#show privilege"), out);
        assertTrue(out.contains("Current privilege level is 15"), out);
    }

    /**
     * Ctrl-C typed the moment a command's first output shows, before the console has begun to
     * wait on the command, stops it: the ping's probes wait on a virtual clock that never moves
     * here, so only the abort ends it while input stays open.
     */
    @Test
    void ctrlCAsSoonAsACommandHasPrintedStopsIt() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed, 1 << 16);
        try (Terminal term = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm")
                .size(new org.jline.terminal.Size(200, 50)).build()) {
            JLineConsole console = new JLineConsole(term);
            Session s = Features.shell(router).session(console, "con 0", null, null, 15);
            java.util.concurrent.atomic.AtomicBoolean pressed = new java.util.concurrent.atomic.AtomicBoolean();
            console.labHooks(task -> {
                task.run();
                if (s.busy() && pressed.compareAndSet(false, true)) term.raise(Terminal.Signal.INT);
            }, line -> false);
            Thread t = new Thread(() -> console.run(s, () -> { }));
            t.start();
            feed.write("conf t\rinterface GigabitEthernet0/0\rip address 192.0.2.1 255.255.255.0\rno shutdown\rend\rping 192.0.2.99\r"
                    .getBytes(StandardCharsets.US_ASCII));
            feed.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(pressed.get() && !s.busy()) && System.nanoTime() < until) Thread.sleep(20);
            boolean stopped = pressed.get() && !s.busy();
            feed.close();
            t.join(TimeUnit.SECONDS.toMillis(20));
            String out = screen.toString(StandardCharsets.UTF_8);
            assertTrue(pressed.get(), out);
            assertTrue(stopped, "the ping ran on after Ctrl-C\n" + out);
            assertTrue(out.contains("Success rate is 0 percent (0/"), out);   // its summary, as the escape sequence gives
        }
    }
}
