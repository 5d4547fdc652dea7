package dev.routerlab.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.JLineConsole;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.device.Router;
import dev.routerlab.sim.Scheduler;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * One SSH channel on a vty line: a shell (the console's JLine shell on the channel's streams)
 * or an exec request (`ssh R1 'show version'`: one command, then the channel closes). Either
 * way the CLI session lives on the router's event loop; this channel's thread edits lines and
 * writes output.
 */
final class VtyChannel implements Command, SshState.Vty {
    /** Terminal types JLine knows without running infocmp; others are treated as ANSI. */
    private static final Set<String> KNOWN_TERMS = Set.of("xterm", "xterm-256color", "screen", "screen-256color",
        "rxvt", "rxvt-unicode", "rxvt-unicode-256color", "rxvt-basic", "ansi", "dumb", "dumb-color");
    private static final int WATCH_SECONDS = 1;
    private static final int POLL_MILLIS = 50;

    private final SshService service;
    private final Router router;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private ChannelSession channel;
    private volatile boolean closed;
    private int number = -1;
    private String user;
    private String from;
    private Session session;
    private Scheduler.Timer watchdog;

    VtyChannel(SshService service, String command) {
        this.service = service;
        this.router = service.router();
        this.command = command;
    }

    @Override public void setInputStream(InputStream in) { this.in = in; }

    @Override public void setOutputStream(OutputStream out) { this.out = out; }

    @Override public void setErrorStream(OutputStream err) { }

    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.channel = channel;
        ServerSession s = channel.getSession();
        SshService.Login login = s.getAttribute(SshService.LOGIN);
        this.user = login == null ? "" : login.user();
        this.from = SshService.source(s);
        int privilege = login == null ? 1 : login.privilege();
        Thread t = new Thread(() -> {
            try {
                if (command == null) shell(env, privilege);
                else exec(env, privilege);
            } catch (RuntimeException | IOException | Error e) {
                // the client went away mid-line; the session's state is already consistent
            } finally {
                finish();
            }
        }, "vty-" + from);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---- the shell

    private void shell(Environment env, int privilege) throws IOException {
        Map<String, String> e = env.getEnv();
        String type = e.get(Environment.ENV_TERM);
        boolean pty = type != null;
        int cols = number(e.get(Environment.ENV_COLUMNS), 80);
        int rows = number(e.get(Environment.ENV_LINES), 24);
        // JLine's own line discipline in Java (no OS pty per session), fed by the channel
        org.jline.terminal.Terminal term = new ExternalTerminal(null, "vty",
            !pty ? "dumb" : KNOWN_TERMS.contains(type) ? type : "ansi", in, new CrlfOutputStream(out),
            StandardCharsets.UTF_8, org.jline.terminal.Terminal.SignalHandler.SIG_DFL, false,
            attributes(env.getPtyModes()), new Size(cols, rows));
        try {
            JLineConsole console = new JLineConsole(term);
            LoopTerminal lt = new LoopTerminal(router, console);
            console.labHooks(lt::run, line -> false);
            Session s = open(lt, privilege, rows, cols);
            if (s == null) {
                console.write("% All vty lines are in use\n");
                return;
            }
            env.addSignalListener((ch, sig) -> {
                int c = number(e.get(Environment.ENV_COLUMNS), cols), r = number(e.get(Environment.ENV_LINES), rows);
                router.scheduler().execute(() -> {
                    s.setWidth(c);
                    s.setLength(r);
                });
                term.setSize(new Size(c, r));
                term.raise(org.jline.terminal.Terminal.Signal.WINCH);
            }, org.apache.sshd.server.Signal.WINCH);
            String motd = lt.call(() -> router.config().bannerMotd);
            if (motd != null) console.write(motd + "\n\n");
            console.run(s, () -> {
                // `terminal width` decides where the line editor wraps, as on IOS
                int w = s.width() == 0 ? 4096 : s.width();
                if (w != term.getWidth()) term.setSize(new Size(w, term.getHeight()));
            });
        } finally {
            term.close();
        }
    }

    /** The client's pty modes, with output CR LF translation always on (as a tty has it). */
    private static Attributes attributes(Map<PtyMode, Integer> modes) {
        Attributes a = new Attributes();
        for (Map.Entry<PtyMode, Integer> m : modes.entrySet()) {
            boolean on = m.getValue() != 0;
            switch (m.getKey()) {
                case VINTR -> a.setControlChar(Attributes.ControlChar.VINTR, m.getValue());
                case VERASE -> a.setControlChar(Attributes.ControlChar.VERASE, m.getValue());
                case VKILL -> a.setControlChar(Attributes.ControlChar.VKILL, m.getValue());
                case VWERASE -> a.setControlChar(Attributes.ControlChar.VWERASE, m.getValue());
                case VLNEXT -> a.setControlChar(Attributes.ControlChar.VLNEXT, m.getValue());
                case ISIG -> a.setLocalFlag(Attributes.LocalFlag.ISIG, on);
                case INLCR -> a.setInputFlag(Attributes.InputFlag.INLCR, on);
                case IGNCR -> a.setInputFlag(Attributes.InputFlag.IGNCR, on);
                default -> { }
            }
        }
        // Enter may come as CR, LF or CR LF (scripts): one line each time
        a.setInputFlag(Attributes.InputFlag.ICRNL, true);
        a.setOutputFlag(Attributes.OutputFlag.OPOST, true);
        a.setOutputFlag(Attributes.OutputFlag.ONLCR, true);
        return a;
    }

    // ---- exec: one command

    private void exec(Environment env, int privilege) throws IOException {
        boolean pty = env.getEnv().get(Environment.ENV_TERM) != null;
        ExecFront front = new ExecFront(in, pty ? new CrlfOutputStream(out) : out, this::disconnectNow);
        LoopTerminal lt = new LoopTerminal(router, front);
        Session s = open(lt, privilege, 0, 80);
        if (s == null) {
            front.write("% All vty lines are in use\n");
            return;
        }
        s.setLength(0);
        lt.run(() -> s.type(command));
        awaitCommand(lt, s);
        // questions (`[confirm]`) are answered by lines of the client's input; at its end, none
        for (Session.Question q; (q = s.question()) != null; ) {
            front.write(q.text());
            String a = front.readLine();
            Session.Question asked = q;
            lt.run(() -> s.answer(asked, a));
            awaitCommand(lt, s);
            if (a == null) break;
        }
        front.flush();
    }

    /**
     * The channel closes when the command is over, not when it has started: a ping's marks and
     * summary all go out. The client leaving stops the command, as does its bound.
     */
    private void awaitCommand(LoopTerminal lt, Session s) {
        long deadline = System.nanoTime() + Session.MAX_COMMAND_NANOS;
        while (s.busy()) {
            if (closed || System.nanoTime() - deadline > 0) lt.run(s::abort);
            else s.awaitIdle(POLL_MILLIS);
        }
        lt.flush();
    }

    /** Takes a vty line and opens the CLI session on it (on the loop); null when none is free. */
    private Session open(LoopTerminal lt, int privilege, int rows, int cols) {
        SshState state = service.state();
        Session s = lt.call(() -> {
            int n = state.allocate(service.vtyLines());
            if (n < 0) return null;
            number = n;
            Session x = Shell.of(router).session(lt, "vty " + n, user, from, privilege);
            x.askTimeout(service.options().askTimeoutSeconds() * 1_000_000_000L);
            if (rows > 0) x.setLength(rows);
            x.setWidth(cols);
            state.bind(n, this);
            if (command != null) x.host().attach(x);
            session = x;
            watchdog = router.scheduler().schedule(WATCH_SECONDS * 1_000_000_000L, this::watch);
            return x;
        });
        if (s != null) lt.attach(s);
        return s;
    }

    /** On the loop, every second: exec-timeout, and sessions closed by `reload` or `clear line`. */
    private void watch() {
        watchdog = null;
        if (closed || session == null) return;
        int timeout = router.config().lineVty.execTimeoutSeconds();
        if (session.closed() || (timeout > 0 && !session.busy() && session.idleNanos() >= timeout * 1_000_000_000L)) {
            disconnect("exec-timeout");
            return;
        }
        watchdog = router.scheduler().schedule(WATCH_SECONDS * 1_000_000_000L, this::watch);
    }

    /** Leaves the line: config mode ends as on IOS, the vty is freed, the channel closes. */
    private void finish() {
        Session s = session;
        if (s != null) {
            try {
                router.scheduler().execute(() -> {
                    if (!s.mode().isExec()) s.endConfig();
                    s.close();
                    s.host().detach(s);
                    if (watchdog != null) watchdog.cancel();
                    service.state().release(number);
                });
            } catch (RuntimeException ignored) {
                // the router has stopped
            }
        }
        closed = true;
        try {
            out.flush();
        } catch (IOException ignored) {
            // gone
        }
        if (exit != null) exit.onExit(0);
    }

    // ---- SshState.Vty

    @Override public int number() { return number; }

    @Override public String user() { return user; }

    @Override public String from() { return from; }

    @Override
    public String[] algorithms() {
        ServerSession s = channel.getSession();
        return new String[] {
            s.getNegotiatedKexParameter(KexProposalOption.C2SENC), s.getNegotiatedKexParameter(KexProposalOption.C2SMAC),
            s.getNegotiatedKexParameter(KexProposalOption.S2CENC), s.getNegotiatedKexParameter(KexProposalOption.S2CMAC)};
    }

    @Override
    public void disconnect(String why) {
        closed = true;
        disconnectNow();
    }

    private void disconnectNow() {
        if (channel != null) channel.getSession().close(false);
    }

    private static int number(String s, int def) {
        try {
            int n = s == null ? def : Integer.parseInt(s.strip());
            return n > 0 ? n : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }

    /** An exec channel's end: output as it comes, answers read from the client's input. */
    private static final class ExecFront implements Terminal {
        private final InputStream in;
        private final OutputStream out;
        private final Runnable disconnect;

        ExecFront(InputStream in, OutputStream out, Runnable disconnect) {
            this.in = in;
            this.out = out;
            this.disconnect = disconnect;
        }

        @Override
        public synchronized void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** One line of the client's input; null at its end. */
        String readLine() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                for (int b; (b = in.read()) >= 0; ) {
                    if (b == '\n' || b == '\r') return line.toString(StandardCharsets.UTF_8);
                    line.write(b);
                }
            } catch (IOException e) {
                return null;
            }
            return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
        }

        /** Nobody answered in time: the channel closes, as the command's end would have. */
        @Override public void questionExpired() { disconnect.run(); }
    }
}
