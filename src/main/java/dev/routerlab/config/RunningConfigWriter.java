package dev.routerlab.config;

import dev.routerlab.packet.Ipv4Address;

/**
 * Renders the model as IOS `show running-config` does: IOS section order, canonical keywords,
 * defaults hidden, `!` between sections. Parsing the rendering gives back the same model.
 */
public final class RunningConfigWriter {
    public static final String VERSION = "15.8";

    private RunningConfigWriter() {}

    public static String render(RunningConfig c) {
        StringBuilder sb = new StringBuilder();
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
        SshConfig.writeLogin(c.ssh, sb);
        for (RunningConfig.User u : c.users.values()) {
            sb.append("username ").append(u.name());
            if (u.privilege() != 1) sb.append(" privilege ").append(u.privilege());
            if (u.secret() != null) sb.append(" secret ").append(u.secret());
            if (u.password() != null) sb.append(" password ").append(u.password());
            sb.append('\n');
        }
        if (!c.users.isEmpty()) sb.append("!\n");
        SshConfig.writeIpSsh(c.ssh, sb);
        CryptoCommands.write(c, sb);
        for (InterfaceConfig i : c.interfaces.values()) {
            InterfaceCommands.write(i, sb);
            sb.append("!\n");
        }
        RoutingCommands.write(c, sb);
        AclCommands.write(c, sb);
        if (c.bannerMotd != null) sb.append("banner motd ^C").append(c.bannerMotd).append("^C\n!\n");
        LineCommands.write(c, sb);
        sb.append("!\nend\n");
        return sb.toString();
    }

    /** The `interface X` section alone, as `show running-config interface X` prints it. */
    public static String renderInterface(InterfaceConfig i) {
        StringBuilder sb = new StringBuilder("!\n");
        InterfaceCommands.write(i, sb);
        return sb.append("end\n").toString();
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
