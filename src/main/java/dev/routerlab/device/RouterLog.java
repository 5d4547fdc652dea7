package dev.routerlab.device;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import dev.routerlab.config.RunningConfig;

/** The IOS logging system: timestamped `%FAC-SEV-MNEMONIC` lines, a buffer and console delivery. */
public final class RouterLog {
    /** Made at the first timestamp, not at the first router (java.time's formatting is milliseconds to load). */
    private static final class Stamp {
        static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM ppd", Locale.ROOT);
    }

    private final Router router;
    private final Deque<String> buffer = new ArrayDeque<>();
    private long bufferBytes;
    private long consoleLogged;
    private long monitorLogged;
    private long bufferLogged;
    private long total;
    /** Messages at or above `logging trap`'s level: the count IOS puts in each syslog datagram. */
    private long trapLogged;
    /** Datagrams sent to each `logging host`. */
    private final java.util.Map<RunningConfig.LoggingHost, Long> sentTo = new java.util.HashMap<>();

    /** RFC 3164 §2: syslog is UDP port 514, from port 514. IOS's facility is local7 (23). */
    static final int SYSLOG_PORT = 514, FACILITY_LOCAL7 = 23;
    /** RFC 3164 §4.1: a syslog packet is at most 1024 octets. */
    static final int MAX_SYSLOG = 1024;

    RouterLog(Router router) {
        this.router = router;
    }

    void log(String facility, int severity, String mnemonic, String text) {
        RunningConfig c = router.config();
        // one log line whatever the text carries (a login name with CR/LF/ESC cannot forge a line)
        String line = stamp(c.timestampsLog) + "%" + facility + "-" + severity + "-" + mnemonic + ": "
            + dev.routerlab.text.Printable.printable(text);
        total++;
        if (c.loggingBuffered != null && severity <= c.loggingBuffered) {
            bufferLogged++;
            buffer.addLast(line);
            bufferBytes += line.length() + 1;
            while (bufferBytes > c.loggingBufferSize && !buffer.isEmpty()) bufferBytes -= buffer.removeFirst().length() + 1;
        }
        deliver(line, c.loggingConsole != null && severity <= c.loggingConsole);
        trap(line, severity, c);
    }

    /**
     * A message at or above `logging trap`'s level goes to each `logging host` as IOS sends it
     * (RFC 3164 §4.1): `<PRI>N: ` (PRI = local7 * 8 + severity, N the trap message count) before
     * the line as logged, timestamp included; over UDP 514 through the router's own IP stack,
     * from `logging source-interface`'s address or the output interface's.
     */
    private void trap(String line, int severity, RunningConfig c) {
        if (c.loggingTrap == null || severity > c.loggingTrap) return;
        trapLogged++;
        if (c.loggingHosts.isEmpty()) return;
        byte[] msg = ("<" + (FACILITY_LOCAL7 * 8 + severity) + ">" + trapLogged + ": " + line)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int len = Math.min(msg.length, MAX_SYSLOG);
        dev.routerlab.ip.IpEngine ip = router.ip();
        for (RunningConfig.LoggingHost host : c.loggingHosts) {
            int src = 0;
            if (c.loggingSource != null) {
                dev.routerlab.ip.IpInterface i = ip.get(c.loggingSource);
                if (i != null && i.hasAddress()) src = i.address();
            }
            if (src == 0) src = ip.sourceFor(host.vrf(), host.address());
            if (src == 0) continue;      // no route to the server in its table
            if (ip.sendUdp(host.vrf(), src, host.address(), SYSLOG_PORT, SYSLOG_PORT, msg, 0, len)) sentTo.merge(host, 1L, Long::sum);
        }
    }

    /** Where log lines are shown: the console lines and the vty lines with `terminal monitor`. */
    public interface Terminals {
        /** Shows line (console lines only when console); returns how many vty lines showed it. */
        int deliver(String line, boolean console);
    }

    private Terminals terminals = NO_TERMINALS;

    private static final Terminals NO_TERMINALS = new Terminals() {
        @Override public int deliver(String line, boolean console) { return 0; }
    };

    /** The CLI shell that shows log lines on its sessions. */
    public void terminals(Terminals t) { terminals = t; }

    private void deliver(String line, boolean console) {
        if (console) consoleLogged++;
        monitorLogged += terminals.deliver(line + "\n", console);
    }

    /** A `debug` line (no %FACILITY): stamped with `service timestamps debug`, to the console and monitoring VTYs. */
    public void debug(String text) {
        RunningConfig c = router.config();
        StringBuilder safe = new StringBuilder(text.length());
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) safe.append('\n');
            safe.append(dev.routerlab.text.Printable.printable(parts[i]));
        }
        String line = stamp(c.timestampsDebug) + safe;
        total++;
        if (c.loggingBuffered != null && 7 <= c.loggingBuffered) {
            bufferLogged++;
            buffer.addLast(line);
            bufferBytes += line.length() + 1;
            while (bufferBytes > c.loggingBufferSize && !buffer.isEmpty()) bufferBytes -= buffer.removeFirst().length() + 1;
        }
        deliver(line, c.loggingConsole != null && 7 <= c.loggingConsole);
        trap(line, 7, c);
    }

    /** The logging buffer, oldest first (what `show logging` lists). */
    public List<String> buffered() { return List.copyOf(buffer); }

    /** `clear logging`: empties the buffer. */
    public void clearBuffer() {
        buffer.clear();
        bufferBytes = 0;
    }

    /** `show logging` in the IOS 15 layout, from the configuration and live counts. */
    public String show() {
        RunningConfig c = router.config();
        StringBuilder sb = new StringBuilder();
        sb.append("Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)\n\n")
          .append("No Active Message Discriminator.\n\n\n\n")
          .append("No Inactive Message Discriminator.\n\n\n");
        sb.append("    Console logging: ").append(c.loggingConsole == null ? "disabled" : "level "
            + dev.routerlab.config.RunningConfigWriter.levelName(c.loggingConsole) + ", " + consoleLogged
            + " messages logged, xml disabled,\n                     filtering disabled").append('\n');
        sb.append("    Monitor logging: level debugging, ").append(monitorLogged)
          .append(" messages logged, xml disabled,\n                     filtering disabled\n");
        sb.append("    Buffer logging:  ").append(c.loggingBuffered == null ? "disabled" : "level "
            + dev.routerlab.config.RunningConfigWriter.levelName(c.loggingBuffered) + ", " + bufferLogged
            + " messages logged, xml disabled,\n                    filtering disabled").append('\n');
        sb.append("    Exception Logging: size (4096 bytes)\n")
          .append("    Count and timestamp logging messages: disabled\n")
          .append("    Persistent logging: disabled\n\n")
          .append("No active filter modules.\n\n")
          .append("    Trap logging: ").append(c.loggingTrap == null ? "disabled" : "level "
            + dev.routerlab.config.RunningConfigWriter.levelName(c.loggingTrap)).append(", ").append(trapLogged)
          .append(" message lines logged\n");
        for (RunningConfig.LoggingHost h : c.loggingHosts) {
            sb.append("        Logging to ").append(dev.routerlab.packet.Ipv4Address.toString(h.address())).append("  ");
            if (h.vrf() != null) sb.append('(').append(h.vrf()).append(") ");
            sb.append("(udp port 514, audit disabled,\n              link up),\n              ")
              .append(sentTo.getOrDefault(h, 0L)).append(" message lines logged, \n")
              .append("              0 message lines rate-limited, \n              0 message lines dropped-by-MD, \n")
              .append("              xml disabled, sequence number disabled\n              filtering disabled\n");
        }
        sb.append("        Logging Source-Interface:       VRF Name:\n");
        if (c.loggingSource != null) sb.append("        ").append(c.loggingSource).append(" \n");
        sb.append('\n');
        if (c.loggingBuffered != null) {
            sb.append("Log Buffer (").append(c.loggingBufferSize).append(" bytes):\n\n");
            for (String l : buffer) sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /** The prefix `service timestamps log ...` asks for, e.g. `*Mar  1 00:00:05.123: `. */
    String stamp(RunningConfig.Timestamps ts) {
        if (ts == null) return "";
        if (ts.uptime()) return uptime(router.uptimeNanos()) + ": ";
        ZonedDateTime t = Instant.ofEpochMilli(router.scheduler().epochMillis()).atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder("*").append(Stamp.MONTH_DAY.format(t)).append(' ');
        if (ts.year()) sb.append(t.getYear()).append(' ');
        pad(pad(pad(sb, t.getHour(), 2).append(':'), t.getMinute(), 2).append(':'), t.getSecond(), 2);   // %02d without a Formatter: every log line
        if (ts.msec()) pad(sb.append('.'), t.getNano() / 1_000_000, 3);
        if (ts.showTimezone()) sb.append(" UTC");
        return sb.append(": ").toString();
    }

    /** Appends {@code v >= 0} zero-padded to {@code width} digits, as {@code %0<width>d}. */
    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String d = Integer.toString(v);
        for (int k = d.length(); k < width; k++) sb.append('0');
        return sb.append(d);
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
