package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.packet.Ipv4Address;

/**
 * Renders the model as IOS `show running-config` does: IOS section order, canonical keywords,
 * defaults hidden, `!` between sections. Parsing the rendering gives back the same model.
 * Each feature's command layer registers the sections it owns (FRR's per-node config_write);
 * the entry point builds one writer with all of them.
 */
public final class RunningConfigWriter {
    public static final String VERSION = "15.8";

    /** One feature's part of the rendering: the lines it owns, in IOS form. */
    @FunctionalInterface
    public interface Section<M> {
        void write(M model, StringBuilder sb);
    }

    private record Slot<M>(int order, Section<M> section) {}

    private final List<Slot<RunningConfig>> global = new ArrayList<>();
    private final List<Slot<InterfaceConfig>> iface = new ArrayList<>();

    /** Where the `interface` sections go among the global ones. */
    public static final int INTERFACES = 600;

    /** IOS order of the global sections: each feature registers its own at its place. */
    public static final int HEADER = 100, LOGIN = 200, USERS = 300, IP_SSH = 400, CRYPTO = 500,
        ROUTING = 700, ACL = 800, BANNER = 900, LINES = 1000;

    /** A global section at its place in IOS order (see the constants). */
    public RunningConfigWriter global(int order, Section<RunningConfig> s) {
        add(global, new Slot<>(order, s));
        return this;
    }

    /** Lines inside each `interface` section, at their place in IOS order. */
    public RunningConfigWriter iface(int order, Section<InterfaceConfig> s) {
        add(iface, new Slot<>(order, s));
        return this;
    }

    private static <M> void add(List<Slot<M>> slots, Slot<M> s) {
        slots.add(s);
        slots.sort(java.util.Comparator.comparingInt(Slot::order));  // stable: equal orders keep registration order
    }

    public String render(RunningConfig c) {
        StringBuilder sb = new StringBuilder();
        boolean interfaces = false;
        for (Slot<RunningConfig> s : global) {
            if (!interfaces && s.order() > INTERFACES) {
                interfaces(c, sb);
                interfaces = true;
            }
            s.section().write(c, sb);
        }
        if (!interfaces) interfaces(c, sb);
        sb.append("!\nend\n");
        return sb.toString();
    }

    private void interfaces(RunningConfig c, StringBuilder sb) {
        for (InterfaceConfig i : c.interfaces.values()) {
            writeInterface(i, sb);
            sb.append("!\n");
        }
    }

    private void writeInterface(InterfaceConfig i, StringBuilder sb) {
        sb.append("interface ").append(i.name).append('\n');
        for (Slot<InterfaceConfig> s : iface) s.section().write(i, sb);
    }

    /** The `interface X` section alone, as `show running-config interface X` prints it. */
    public String renderInterface(InterfaceConfig i) {
        StringBuilder sb = new StringBuilder("!\n");
        writeInterface(i, sb);
        return sb.append("end\n").toString();
    }

    /** The header: version, services, hostname, logging, enable secret, domain. */
    public static void header(RunningConfig c, StringBuilder sb) {
        sb.append("!\nversion ").append(VERSION).append('\n');
        timestamps(sb, "debug", c.timestampsDebug);
        timestamps(sb, "log", c.timestampsLog);
        sb.append(c.passwordEncryption ? "service password-encryption\n" : "no service password-encryption\n");
        sb.append("!\nhostname ").append(c.hostname).append("\n!\n");
        logging(c, sb);
        if (c.enableSecret != null) sb.append("enable secret ").append(c.enableSecret).append("\n!\n");
        if (!c.domainLookup) sb.append("no ip domain lookup\n");
        if (c.domainName != null) sb.append("ip domain name ").append(c.domainName).append('\n');
        if (!c.domainLookup || c.domainName != null) sb.append("!\n");
    }

    /** `username` lines. */
    public static void users(RunningConfig c, StringBuilder sb) {
        for (RunningConfig.User u : c.users.values()) {
            sb.append("username ").append(u.name());
            if (u.privilege() != 1) sb.append(" privilege ").append(u.privilege());
            if (u.secret() != null) sb.append(" secret ").append(u.secret());
            if (u.password() != null) sb.append(" password ").append(u.password());
            sb.append('\n');
        }
        if (!c.users.isEmpty()) sb.append("!\n");
    }

    /** `banner motd`. */
    public static void banner(RunningConfig c, StringBuilder sb) {
        if (c.bannerMotd != null) sb.append("banner motd ^C").append(c.bannerMotd).append("^C\n!\n");
    }

    private static void timestamps(StringBuilder sb, String which, RunningConfig.Timestamps t) {
        if (t == null) {
            sb.append("no service timestamps ").append(which).append('\n');
            return;
        }
        sb.append("service timestamps ").append(which);
        if (t.uptime()) sb.append(" uptime");
        else {
            sb.append(" datetime");
            if (t.msec()) sb.append(" msec");
            if (t.localtime()) sb.append(" localtime");
            if (t.showTimezone()) sb.append(" show-timezone");
            if (t.year()) sb.append(" year");
        }
        sb.append('\n');
    }

    private static final String[] LEVELS = {
        "emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging"};

    /** IOS severity keyword for 0-7. */
    public static String levelName(int level) { return LEVELS[level]; }

    /** `logging buffered` / `logging console` lines (after hostname, as IOS places them). */
    private static void logging(RunningConfig c, StringBuilder sb) {
        boolean any = false;
        if (c.loggingBuffered == null) {
            sb.append("no logging buffered\n");
            any = true;
        } else if (c.loggingBufferSize != 4096 || c.loggingBuffered != 7) {
            sb.append("logging buffered");
            if (c.loggingBufferSize != 4096) sb.append(' ').append(c.loggingBufferSize);
            if (c.loggingBuffered != 7) sb.append(' ').append(LEVELS[c.loggingBuffered]);
            sb.append('\n');
            any = true;
        }
        if (c.loggingConsole == null) {
            sb.append("no logging console\n");
            any = true;
        } else if (c.loggingConsole != 7) {
            sb.append("logging console ").append(LEVELS[c.loggingConsole]).append('\n');
            any = true;
        }
        if (any) sb.append("!\n");
    }

    /** Dotted quad. */
    static String ip(int a) { return Ipv4Address.toString(a); }
}
