package dev.routerlab;

import dev.routerlab.device.cli.Shell;
import dev.routerlab.features.Features;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.lab.Replay;
import dev.routerlab.sim.VirtualScheduler;

/** A router in virtual time with a console session whose output tests read back. */
public final class TestRouter implements Terminal {
    public final VirtualScheduler clock = new VirtualScheduler(Replay.EPOCH_1993);
    public final Router router;
    public final Shell shell;
    public final Session session;
    private final StringBuilder out = new StringBuilder();
    private final Deque<String> answers = new ArrayDeque<>();

    public TestRouter() {
        this(Nvram.memory());
    }

    public TestRouter(Nvram nvram) {
        router = new Router(clock, new SplittableRandom(7), nvram, Router.IOSV_PORTS);
        shell = Features.shell(router);
        shell.boot();
        session = shell.session(this, "con 0", null, null, 15);
        shell.attach(session);
    }

    /** Types a line at the prompt; returns what the router printed for it. */
    public String exec(String line) {
        out.setLength(0);
        session.type(line);
        answerQuestions(session, out, answers);
        clock.runUntil(() -> !session.busy(), Session.MAX_COMMAND_NANOS);
        return out.toString();
    }

    /** Types lines in order (each must succeed silently or print anything); returns all output. */
    public String execAll(String... lines) {
        StringBuilder all = new StringBuilder();
        for (String l : lines) all.append(exec(l));
        return all.toString();
    }

    /** Ctrl-Z on the console. */
    public void endConfigViaCtrlZ() {
        session.endConfig();
        clock.runDue();
    }

    /** Queues an answer for the next question the router asks. */
    public TestRouter answer(String a) {
        answers.addLast(a);
        return this;
    }

    /** Boots from configuration text; returns the errors. */
    public List<String> load(String text) { return shell.bootFrom(text); }

    public RunningConfig config() { return router.config(); }

    public String running() { return shell.running(); }

    @Override public void write(String text) { out.append(text); }

    /**
     * Answers the questions a command asks at once, before the router runs on, from the queued
     * answers (null, no answer, when none is left); each question shows as its own line.
     */
    public static void answerQuestions(Session s, StringBuilder out, Deque<String> answers) {
        for (Session.Question q; (q = s.question()) != null; ) {
            out.append(q.text()).append('\n');
            s.answer(q, answers.pollFirst());
        }
    }
}
