package dev.routerlab.device.cli;

import java.util.HashMap;
import java.util.Map;
import dev.routerlab.cli.Session;
import dev.routerlab.config.LoginCheck;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.sim.Scheduler;

/**
 * The console line's own rules (`line con 0`), for one router's console sessions: the login
 * (`login` and `password`, `login local` and `username`, or with `aaa new-model` the line's list,
 * decided by {@link LoginCheck}) asked before the first prompt as IOS asks it (`User Access
 * Verification`, three tries, `% Bad passwords` / `% Login invalid` / `% Authentication failed`,
 * then the line is reset), and `exec-timeout` (default 10 minutes; `0 0` never): an idle
 * session ends, the front end then shows `con0 is now available`.
 */
final class ConsoleLine {
    private static final int LOGIN_TRIES = 3;
    /** `timeout login response`: how long a login question waits (IOS: 30 s). */
    static final long LOGIN_RESPONSE_NANOS = 30_000_000_000L;

    private final Shell shell;
    /** Each console session and its pending exec-timeout check (null while none is armed). */
    private final Map<Session, Scheduler.Timer> watched = new HashMap<>();

    ConsoleLine(Shell shell) { this.shell = shell; }

    /** Starts a console session: the login the line asks for, or at once its prompt. */
    void start(Session s) {
        RunningConfig c = shell.router().config();
        LoginCheck check = LoginCheck.of(c, c.lineCon);
        String motd = c.bannerMotd == null ? "" : c.bannerMotd + "\n";
        // `login` without a password: "Login disabled on line 0, until 'password' is set"
        if (check.open() || check.passwordMissing()) {
            if (!motd.isEmpty()) s.deliver(motd);
            admit(s, null, check.open() ? check.verify(null, null) : c.lineCon.privilegeLevel == null ? 1 : c.lineCon.privilegeLevel);
            return;
        }
        ask(s, motd + "\nUser Access Verification\n\n", check, 0, null);
    }

    /** One question of the login: the username when the method needs one, then the password. */
    private void ask(Session s, String before, LoginCheck check, int tries, String user) {
        if (user == null && check.asksUsername()) {
            s.gate(before + "Username: ", false, typed -> {
                if (typed == null) s.close();
                else ask(s, "", check, tries, dev.routerlab.text.Printable.printable(typed));
            });
            expire(s, "Username:");
            return;
        }
        s.gate(before + "Password: ", true, typed -> {
            if (typed == null) {
                s.close();
                return;
            }
            LoginCheck now = LoginCheck.of(shell.router().config(), shell.router().config().lineCon);
            int privilege = now.verify(user, typed);
            if (privilege >= 0) {
                admit(s, now.sessionUser(user), privilege);
            } else if (tries + 1 >= LOGIN_TRIES) {
                s.deliver(now.failure() + "\n");
                s.close();
            } else {
                ask(s, now.retry(), now, tries + 1, null);
            }
        });
        expire(s, "Password:");
    }

    /**
     * IOS's `timeout login response` (30 s by default): a login question left unanswered ends with
     * `% Username:  timeout expired!` (or Password) and the line is reset.
     */
    private void expire(Session s, String what) {
        Session.Question q = s.question();
        shell.scheduler().schedule(LOGIN_RESPONSE_NANOS, () -> {
            if (s.closed() || !s.atLogin() || s.question() != q) return;
            s.deliver("\n% " + what + "  timeout expired!\n");
            s.close();
        });
    }

    private void admit(Session s, String user, int privilege) {
        s.admit(user, Math.max(privilege, 1));
        watch(s);
    }

    /** `exec-timeout` changed, or the console was used: the check is armed again. */
    void rearm() {
        for (Session s : java.util.List.copyOf(watched.keySet())) watch(s);
    }

    /** Arms the exec-timeout check of s for when its idle time would reach the line's timeout. */
    private void watch(Session s) {
        Scheduler.Timer old = watched.remove(s);
        if (old != null) old.cancel();
        if (s.closed()) return;
        long timeout = shell.router().config().lineCon.execTimeoutSeconds() * 1_000_000_000L;
        if (timeout == 0) {
            watched.put(s, null);    // never; armed again when the configuration changes
            return;
        }
        long left = s.busy() || s.atLogin() ? timeout : timeout - s.idleNanos();
        watched.put(s, shell.scheduler().schedule(Math.max(left, 0), new Runnable() {   // armed before the first prompt: no lambda (see Router)
            @Override public void run() {
                watched.put(s, null);
                long t = shell.router().config().lineCon.execTimeoutSeconds() * 1_000_000_000L;
                if (s.closed()) {
                    watched.remove(s);
                } else if (t > 0 && !s.busy() && !s.atLogin() && s.idleNanos() >= t) {
                    watched.remove(s);
                    if (!s.mode().isExec()) s.endConfig();
                    s.close();
                } else {
                    watch(s);
                }
            }
        }));
    }

    /** A session that ended (`exit`, a new console in its place) is no longer watched. */
    void forget(Session s) {
        Scheduler.Timer t = watched.remove(s);
        if (t != null) t.cancel();
    }
}
