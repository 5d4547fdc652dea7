package dev.routerlab.tcp.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.LoginCheck;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.tcp.Tcb;
import dev.routerlab.tcp.TcpEngine;
import dev.routerlab.tcp.TcpHandler;
import dev.routerlab.telnet.TelnetCodec;
import dev.routerlab.text.Printable;

/**
 * The telnet server on the vty lines (a router service): port 23 listens while `line vty`'s
 * `transport input` allows telnet; each connection logs in as the line says (`login`: the line
 * password; `login local`: a username; `no login`), then runs a CLI session whose terminal is the
 * connection. Everything runs on the router's scheduler: the session's output is written to the
 * TCB as it comes (bounded: what the peer does not take is dropped and counted), a command that
 * runs on (ping) is watched by a timer, never waited for.
 */
final class TelnetVty {
    static final int PORT = 23;
    /** IOSv's five vty lines. */
    static final int LINES = 5;
    private static final int MAX_LINE = 512, MAX_PENDING = 64 * 1024, LOGIN_TRIES = 3;
    /** `timeout login response`: how long a login question waits (IOS: 30 s). */
    static final long LOGIN_RESPONSE_NANOS = 30_000_000_000L;
    private static final long POLL_NANOS = 100_000_000L, IDLE_RECHECK_NANOS = 60_000_000_000L;

    private final Router router;
    private TcpEngine.Listener listener;
    private final Vty[] lines = new Vty[LINES];
    long outputDrops;

    private TelnetVty(Router router) { this.router = router; }

    static TelnetVty of(Router r) { return r.service(TelnetVty.class, () -> new TelnetVty(r)); }

    /** Listens while the vty lines take telnet (after `transport input`, `line vty`). */
    void reconcile() {
        boolean on = allowed(router.config());
        if (on && listener == null) listener = router.tcp().listen(PORT, this::accept);
        else if (!on && listener != null) {
            listener.close();
            listener = null;
        }
    }

    private static boolean allowed(RunningConfig c) {
        List<String> t = c.lineVty.effectiveTransport();
        return t.contains("telnet") || t.contains("all");
    }

    private TcpHandler accept(Tcb c) {
        if (!allowed(router.config())) return null;     // refused: RST
        for (int n = 0; n < LINES; n++) {
            if (lines[n] == null) {
                Vty v = new Vty(n, c);
                lines[n] = v;
                return v;
            }
        }
        return null;
    }

    /** One telnet connection on vty line n. */
    private final class Vty implements TcpHandler, Terminal {
        private final int number;
        private final Tcb tcb;
        private final TelnetCodec codec = new TelnetCodec(true);
        private final StringBuilder line = new StringBuilder();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private Session session;
        private String user;
        private int tries;
        private boolean askingUser, lastCr, closing;
        private Scheduler.Timer poll, idle, login;

        Vty(int number, Tcb tcb) {
            this.number = number;
            this.tcb = tcb;
        }

        @Override
        public void connected(Tcb c) {
            send(codec.greeting());
            LoginCheck check = check();
            if (check.open()) start(null, check.verify(null, null));
            else if (check.passwordMissing()) {
                write("\nPassword required, but none set\n");
                close();
            } else {
                askingUser = check.asksUsername();
                write("\n\nUser Access Verification\n\n" + (askingUser ? "Username: " : "Password: "));
                armLogin();
            }
        }

        /**
         * IOS's `timeout login response` (30 s by default): a login question not answered in time
         * ends the connection with `% Username:  timeout expired!` (or Password).
         */
        private void armLogin() {
            if (login != null) login.cancel();
            login = router.scheduler().schedule(LOGIN_RESPONSE_NANOS, () -> {
                login = null;
                if (session != null || closing) return;
                write("\n% " + (askingUser ? "Username:" : "Password:") + "  timeout expired!\n");
                close();
            });
        }

        /** The vty's login as the configuration says now (`login`, `login local`, or AAA's list). */
        private LoginCheck check() { return LoginCheck.of(router.config(), router.config().lineVty); }

        private boolean hidden() { return session == null && !askingUser; }

        @Override
        public void received(Tcb c, byte[] data) {
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            byte[] d = codec.decode(data, replies);
            send(replies.toByteArray());
            for (byte x : d) {
                if (closing) return;
                int b = x & 0xff;
                if (b == '\n' && lastCr) {
                    lastCr = false;
                    continue;
                }
                lastCr = b == '\r';
                if (b == '\r' || b == '\n') {
                    if (codec.echoing()) write("\n");    // a line-mode client (DONT ECHO) ends its own lines
                    String typed = line.toString();
                    line.setLength(0);
                    typed(typed);
                } else if (b == 0x03) {                       // Ctrl-C
                    if (session != null && session.busy()) session.abort();
                } else if (b == 0x08 || b == 0x7f) {
                    if (line.length() > 0) {
                        line.setLength(line.length() - 1);
                        if (codec.echoing() && !hidden()) write("\b \b");
                    }
                } else if (b >= 0x20 && line.length() < MAX_LINE) {
                    line.append((char) b);
                    if (codec.echoing() && !hidden()) send(new byte[] {(byte) b});
                }
            }
        }

        /** A whole line: a login answer, or a command for the session. */
        private void typed(String text) {
            if (session != null) {
                session.type(text);
                afterCommand();
                return;
            }
            if (askingUser) {
                user = Printable.printable(text);
                askingUser = false;
                write("Password: ");
                armLogin();
                return;
            }
            LoginCheck check = check();
            int privilege = check.verify(user, text);
            if (privilege >= 0) {
                start(check.sessionUser(user), privilege);
            } else if (++tries >= LOGIN_TRIES) {
                write(check.failure() + "\n\n");
                close();
            } else {
                askingUser = check.asksUsername();
                write(check.retry() + (askingUser ? "Username: " : "Password: "));
                armLogin();
            }
        }

        private void start(String user, int privilege) {
            if (login != null) login.cancel();
            login = null;
            session = Shell.of(router).session(this, "vty " + number, user, Ipv4Address.toString(tcb.remoteAddress()), privilege);
            session.host().attach(session);
            String motd = router.config().bannerMotd;
            if (motd != null) write(motd + "\n\n");
            prompt();
            watchIdle();
        }

        /** `exec-timeout` on the vty lines (default 10 minutes, `0 0` never): an idle session is closed. */
        private void watchIdle() {
            if (closing || session == null) return;
            long timeout = router.config().lineVty.execTimeoutSeconds() * 1_000_000_000L;
            // with no timeout the line is looked at again in a minute: the configuration may change
            long left = timeout == 0 ? IDLE_RECHECK_NANOS : session.busy() ? timeout : timeout - session.idleNanos();
            idle = router.scheduler().schedule(Math.max(left, 0), () -> {
                idle = null;
                long t = router.config().lineVty.execTimeoutSeconds() * 1_000_000_000L;
                if (closing || session == null) return;
                if (t > 0 && !session.busy() && session.idleNanos() >= t) close();
                else watchIdle();
            });
        }

        /** The prompt once the command is over; a command still running is looked at again soon. */
        private void afterCommand() {
            if (session.closed()) {
                close();
                return;
            }
            if (session.busy()) {
                if (poll == null) poll = router.scheduler().schedule(POLL_NANOS, () -> {
                    poll = null;
                    if (session != null && !closing) afterCommand();
                });
                return;
            }
            prompt();
        }

        private void prompt() {
            Session.Question q = session.question();
            write(q != null ? q.text() : session.prompt() + session.pending());
        }

        @Override
        public void write(String text) {
            if (closing) return;
            send(TelnetCodec.encode(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        }

        private void send(byte[] b) {
            if (b.length == 0) return;
            if (pending.size() > 0 || tcb.sendSpace() < b.length) {
                if (pending.size() + b.length > MAX_PENDING) {
                    outputDrops++;
                    return;
                }
                pending.writeBytes(b);
                writable(tcb);
                return;
            }
            tcb.write(b);
        }

        @Override
        public void writable(Tcb c) {
            byte[] p = pending.toByteArray();
            int n = c.write(p, 0, p.length);
            pending.reset();
            pending.write(p, n, p.length - n);
            if (closing && pending.size() == 0) c.close();
        }

        @Override
        public void remoteClosed(Tcb c) { close(); }

        private void close() {
            if (!closing) {
                closing = true;
                if (poll != null) poll.cancel();
                if (idle != null) idle.cancel();
                if (session != null) {
                    if (!session.mode().isExec()) session.endConfig();
                    session.close();
                    session.host().detach(session);
                }
            }
            if (pending.size() == 0) tcb.close();
        }

        @Override
        public void closed(Tcb c, Reason why) {
            if (!closing) close();
            if (lines[number] == this) lines[number] = null;
        }
    }
}
