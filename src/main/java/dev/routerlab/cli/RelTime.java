package dev.routerlab.cli;

/** IOS durations: 00:01:23 in tables, "1 week, 3 days, 16 hours, 11 minutes" in uptime lines. */
public final class RelTime {
    private RelTime() {}

    public static String hms(long nanos) {
        long s = nanos / 1_000_000_000L;
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** The `uptime is ...` phrase of `show version`. */
    public static String uptime(long nanos) {
        long m = nanos / 60_000_000_000L;
        long years = m / (365 * 1440), weeks = (m / (7 * 1440)) % 52, days = (m / 1440) % 7, hours = (m / 60) % 24;
        long minutes = m % 60;
        StringBuilder sb = new StringBuilder();
        unit(sb, years, "year");
        unit(sb, weeks, "week");
        unit(sb, days, "day");
        unit(sb, hours, "hour");
        sb.append(minutes).append(minutes == 1 ? " minute" : " minutes");
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String name) {
        if (n == 0 && sb.length() == 0) return;
        sb.append(n).append(' ').append(name).append(n == 1 ? "" : "s").append(", ");
    }
}
