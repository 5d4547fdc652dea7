package dev.routerlab.ssh;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.routerlab.text.Printable;
import dev.routerlab.config.SshConfig;
import dev.routerlab.device.Router;
import dev.routerlab.sim.Scheduler;

/**
 * The IOS login watcher (`login block-for S attempts N within T`, `login on-failure|on-success
 * log`): counts failed logins, logs `%SEC_LOGIN-*`, and enters quiet mode (every login refused)
 * for S seconds when N failures fall within T seconds. Touched only on the router's event loop.
 */
public final class LoginWatch {
    public static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC' EEE MMM d yyyy", Locale.ROOT);
    private static final int FAILURE_RECORDS = 50;

    private final Router router;
    private final Deque<Long> window = new ArrayDeque<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private long quietUntil = Long.MIN_VALUE;
    private boolean quiet;
    private Scheduler.Timer quietTimer;
    private long totalFailures;
    private long totalSuccesses;

    /** One `show login failures` row: a user from a source on a port. */
    public static final class Failure {
        public final String user;
        public final String source;
        public final int port;
        public int count;
        public long lastMillis;

        Failure(String user, String source, int port) {
            this.user = user;
            this.source = source;
            this.port = port;
        }
    }

    LoginWatch(Router router) {
        this.router = router;
    }

    private SshConfig cfg() { return router.config().ssh; }

    public long totalFailures() { return totalFailures; }

    public long totalSuccesses() { return totalSuccesses; }

    /** True while quiet mode refuses logins; leaves quiet mode when its time is up. */
    public boolean quiet() {
        if (quiet && (router.scheduler().nanos() >= quietUntil || cfg().loginBlock == null)) quietOff();
        return quiet;
    }

    /** Seconds of quiet mode left (0 when not quiet). */
    public long quietSecondsLeft() {
        return quiet() ? Math.max(0, (quietUntil - router.scheduler().nanos() + 999_999_999L) / 1_000_000_000L) : 0;
    }

    /** Failures in the current watch window, and the seconds left of that window. */
    public int windowFailures() {
        prune();
        return window.size();
    }

    public long windowSecondsLeft() {
        SshConfig.LoginBlock b = cfg().loginBlock;
        prune();
        if (b == null || window.isEmpty()) return b == null ? 0 : b.withinSeconds();
        long end = window.peekFirst() + b.withinSeconds() * 1_000_000_000L;
        return Math.max(0, (end - router.scheduler().nanos()) / 1_000_000_000L);
    }

    public List<Failure> failureRecords() { return new ArrayList<>(failures.values()); }

    private void prune() {
        SshConfig.LoginBlock b = cfg().loginBlock;
        if (b == null) {
            window.clear();
            return;
        }
        long oldest = router.scheduler().nanos() - b.withinSeconds() * 1_000_000_000L;
        while (!window.isEmpty() && window.peekFirst() <= oldest) window.removeFirst();
    }

    private boolean logFailures() { return cfg().logOnFailure || cfg().loginBlock != null; }

    private boolean logSuccesses() { return cfg().logOnSuccess || cfg().loginBlock != null; }

    /** The ` at 12:03:47 UTC Wed Mar 1 2023` suffix of SEC_LOGIN messages. */
    String at() {
        return AT.format(Instant.ofEpochMilli(router.scheduler().epochMillis()).atZone(ZoneOffset.UTC));
    }

    /** A failed login: counted, logged (when configured), and maybe the start of quiet mode. */
    public void failed(String rawUser, String rawSource, int port, String reason) {
        String user = Printable.printable(rawUser), source = Printable.printable(rawSource);
        totalFailures++;
        String key = user + "\0" + source + "\0" + port;
        Failure f = failures.computeIfAbsent(key, k -> new Failure(user, source, port));
        f.count++;
        f.lastMillis = router.scheduler().epochMillis();
        while (failures.size() > FAILURE_RECORDS) failures.remove(failures.keySet().iterator().next());
        if (logFailures()) {
            router.log("SEC_LOGIN", 4, "LOGIN_FAILED", "Login failed [user: " + user + "] [Source: " + source
                + "] [localport: " + port + "] [Reason: " + reason + "] at " + at());
        }
        SshConfig.LoginBlock b = cfg().loginBlock;
        if (b == null || quiet()) return;
        prune();
        window.addLast(router.scheduler().nanos());
        if (window.size() >= b.attempts()) {
            long left = windowSecondsLeft();
            window.clear();
            quietOn(b, "Still timeleft for watching failures is " + left + " secs, [user: " + user + "] [Source: "
                + source + "] [localport: " + port + "] [Reason: " + reason + "] [ACL: sl_def_acl] at " + at());
        }
    }

    /** A successful login: logged when configured. */
    public void succeeded(String rawUser, String rawSource, int port) {
        String user = Printable.printable(rawUser), source = Printable.printable(rawSource);
        totalSuccesses++;
        if (logSuccesses()) {
            router.log("SEC_LOGIN", 5, "LOGIN_SUCCESS", "Login Success [user: " + user + "] [Source: " + source
                + "] [localport: " + port + "] at " + at());
        }
    }

    private void quietOn(SshConfig.LoginBlock b, String text) {
        quiet = true;
        quietUntil = router.scheduler().nanos() + b.blockSeconds() * 1_000_000_000L;
        router.log("SEC_LOGIN", 1, "QUIET_MODE_ON", text);
        if (quietTimer != null) quietTimer.cancel();
        quietTimer = router.scheduler().schedule(b.blockSeconds() * 1_000_000_000L, this::quiet);
    }

    private void quietOff() {
        quiet = false;
        if (quietTimer != null) quietTimer.cancel();
        quietTimer = null;
        router.log("SEC_LOGIN", 5, "QUIET_MODE_OFF", "Quiet Mode is OFF, because block period timed out at " + at());
    }

    /** `no login block-for`: leaves quiet mode and forgets the window (IOS does the same). */
    public void reset() {
        window.clear();
        if (quiet) quietOff();
    }
}
