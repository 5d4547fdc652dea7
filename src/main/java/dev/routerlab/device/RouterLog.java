package dev.routerlab.device;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import dev.routerlab.cli.Session;
import dev.routerlab.config.RunningConfig;

/** The IOS logging system: timestamped `%FAC-SEV-MNEMONIC` lines, a buffer and console delivery. */
public final class RouterLog {
    private static final int BUFFER_LINES = 4096;
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM ppd", Locale.ROOT);

    private final Router router;
    private final Deque<String> buffer = new ArrayDeque<>();

    RouterLog(Router router) {
        this.router = router;
    }

    void log(String facility, int severity, String mnemonic, String text) {
        String line = stamp(router.config().timestampsLog) + "%" + facility + "-" + severity + "-" + mnemonic + ": " + text;
        buffer.addLast(line);
        while (buffer.size() > BUFFER_LINES) buffer.removeFirst();
        for (Session s : router.sessions()) {
            if (!s.isVty() || s.monitor()) s.terminal().write(line + "\n");
        }
    }

    public List<String> buffered() { return List.copyOf(buffer); }

    /** The prefix `service timestamps log ...` asks for, e.g. `*Mar  1 00:00:05.123: `. */
    String stamp(RunningConfig.Timestamps ts) {
        if (ts == null) return "";
        if (ts.uptime()) return uptime(router.uptimeNanos()) + ": ";
        ZonedDateTime t = Instant.ofEpochMilli(router.scheduler().epochMillis()).atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder("*").append(MONTH_DAY.format(t)).append(' ');
        if (ts.year()) sb.append(t.getYear()).append(' ');
        sb.append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        if (ts.msec()) sb.append(String.format(".%03d", t.getNano() / 1_000_000));
        if (ts.showTimezone()) sb.append(" UTC");
        return sb.append(": ").toString();
    }

    /** IOS uptime stamps: hh:mm:ss under a day, then 1d02h, then 1w2d. */
    static String uptime(long nanos) {
        long s = nanos / 1_000_000_000L;
        long d = s / 86400, h = (s / 3600) % 24, m = (s / 60) % 60, sec = s % 60;
        if (d == 0) return String.format("%02d:%02d:%02d", h, m, sec);
        if (d < 7) return String.format("%dd%02dh", d, h);
        return String.format("%dw%dd", d / 7, d % 7);
    }
}
