package dev.routerlab.device.cli;

import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.Secret;
import dev.routerlab.config.Secrets;
import dev.routerlab.grammar.IosParser.*;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Global configuration of the device itself (hostname, enable secret, usernames, banner,
 * service, ip domain) and its running-config sections; feature areas register their own.
 */
public final class ConfigCommands {
    private ConfigCommands() {}

    public static void register(CommandRegistry r) {
        r.on(G_hostnameContext.class, ConfigCommands::hostname)
         .on(G_versionContext.class, (c, cc) -> { })
         .on(G_enableContext.class, ConfigCommands::enable)
         .on(G_usernameContext.class, ConfigCommands::username)
         .on(G_bannerContext.class, ConfigCommands::banner)
         .on(Svc_timestampsContext.class, ConfigCommands::timestamps)
         .on(Svc_password_encryptionContext.class, (c, cc) -> {
             Shell.config(cc).passwordEncryption = !cc.negated();
             if (!cc.negated()) Shell.config(cc).encryptPasswords();
         })
         .on(Ip_domain_lookupContext.class, (c, cc) -> Shell.config(cc).domainLookup = !cc.negated())
         .on(Dom_lookupContext.class, (c, cc) -> Shell.config(cc).domainLookup = !cc.negated())
         .on(Ip_domain_nameContext.class, (c, cc) -> domainName(c.WORD(), cc))
         .on(Dom_nameContext.class, (c, cc) -> domainName(c.WORD(), cc));
        LineCommands.register(r);
        AaaCommands.register(r);
        LogCommands.register(r);
    }

    /** The header, `username`, `banner` and `line` sections. */
    public static void sections(RunningConfigWriter w) {
        w.globalWithDefaults(RunningConfigWriter.HEADER, ConfigCommands::header)
         .global(RunningConfigWriter.USERS, ConfigCommands::users)
         .global(RunningConfigWriter.LOGGING_HOSTS, LogCommands::write)
         .global(RunningConfigWriter.BANNER, ConfigCommands::banner)
         .global(RunningConfigWriter.LINES, LineCommands::write);
    }

    private static void hostname(G_hostnameContext c, CommandContext cc) {
        if (cc.negated()) {
            Shell.config(cc).hostname = "Router";
            return;
        }
        String name = c.WORD().getText();
        if (!validHostname(name)) {
            cc.error("Hostname contains one or more illegal characters.");
            return;
        }
        Shell.config(cc).hostname = name;
    }

    /** IOS (ARPANET) host names: a letter, then letters, digits and hyphens, ending in a letter or digit; at most 63. */
    public static boolean validHostname(String s) {
        int n = s.length();
        if (n == 0 || n > 63 || !letter(s.charAt(0))) return false;
        for (int i = 1; i < n; i++) {
            char ch = s.charAt(i);
            if (!letter(ch) && !(ch >= '0' && ch <= '9') && !(ch == '-' && i < n - 1)) return false;
        }
        return true;
    }

    private static boolean letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

    private static void enable(G_enableContext c, CommandContext cc) {
        if (cc.negated()) Shell.config(cc).enableSecret = null;
        else {
            Secret s = secret(c.secret_value(), c.secret_algorithm(), cc);
            if (s != null) Shell.config(cc).enableSecret = s;
        }
    }

    /**
     * `[type] value` of a secret: clear text is hashed (type 5), hashes are kept as given;
     * `algorithm-type md5|sha256|scrypt` hashes clear text as type 5, 8 or 9.
     */
    private static Secret secret(Secret_valueContext v, Secret_algorithmContext alg, CommandContext cc) {
        String value = v.WORD().getText();
        int type = v.DEC() == null ? 0 : num(v.DEC());
        if (alg != null) {
            if (type != 0) {
                cc.invalid(v.DEC());
                return null;
            }
            return Secrets.hash(alg.SCRYPT() != null ? 9 : alg.SHA256() != null ? 8 : 5, value, Shell.router(cc).random());
        }
        if (type == 0) return Secrets.hash(value, Shell.router(cc).random());
        if (type == 5 && !value.startsWith("$1$")) {
            cc.error("The secret you entered is not a valid encrypted secret.");
            return null;
        }
        if (type != 5 && type != 8 && type != 9) {
            cc.error("Invalid encryption type: " + type);
            return null;
        }
        return new Secret(type, value);
    }

    /** A `password [type] value`: kept clear (type 0) or as the given hash. */
    private static Secret password(Secret_valueContext v) {
        int type = v.DEC() == null ? 0 : num(v.DEC());
        return new Secret(type, v.WORD().getText());
    }

    private static void username(G_usernameContext c, CommandContext cc) {
        String name = c.WORD().getText();
        if (cc.negated()) {
            Shell.config(cc).users.remove(name);
            return;
        }
        RunningConfig.User old = Shell.config(cc).users.get(name);
        int priv = old == null ? 1 : old.privilege();
        Secret secret = old == null ? null : old.secret(), password = old == null ? null : old.password();
        for (Username_optionContext o : c.username_option()) {
            if (o.PRIVILEGE() != null) priv = num(o.DEC());
            else if (o.SECRET() != null) {
                secret = secret(o.secret_value(), o.secret_algorithm(), cc);
                if (secret == null) return;
                password = null;
            } else {
                password = Shell.config(cc).stored(password(o.secret_value()));
                secret = null;
            }
        }
        Shell.config(cc).users.put(name, new RunningConfig.User(name, priv, secret, password));
    }

    private static void banner(G_bannerContext c, CommandContext cc) {
        if (cc.negated()) {
            Shell.config(cc).bannerMotd = null;
            return;
        }
        String text = c.TEXT().getText();
        String delim = text.startsWith("^C") ? "^C" : text.substring(0, 1);
        String rest = text.substring(delim.length());
        int end = rest.indexOf(delim);
        if (end >= 0) {
            Shell.config(cc).bannerMotd = rest.substring(0, end);
            return;
        }
        cc.println("Enter TEXT message.  End with the character '" + delim.charAt(0) + "'.");
        bannerLines(cc, delim, new StringBuilder(rest));
    }

    /** The banner's next lines, each an answer, up to the one holding the delimiter (or no more input). */
    private static void bannerLines(CommandContext cc, String delim, StringBuilder body) {
        cc.ask("", false, line -> {
            if (line != null) {
                int e = line.indexOf(delim);
                body.append('\n');
                if (e < 0) {
                    body.append(line);
                    bannerLines(cc, delim, body);
                    return;
                }
                body.append(line, 0, e);
            }
            Shell.config(cc).bannerMotd = body.toString();
        });
    }

    private static void timestamps(Svc_timestampsContext c, CommandContext cc) {
        RunningConfig cfg = Shell.config(cc);
        RunningConfig.Timestamps ts;
        if (cc.negated()) ts = cc.isDefault() ? RunningConfig.Timestamps.DEFAULT : null;
        else if (c.ts_datetime() != null) {
            Ts_datetimeContext d = c.ts_datetime();
            ts = new RunningConfig.Timestamps(false, !d.MSEC().isEmpty(), !d.LOCALTIME().isEmpty(),
                !d.SHOW_TIMEZONE().isEmpty(), !d.YEAR().isEmpty());
        } else {
            ts = RunningConfig.Timestamps.UPTIME;
        }
        if (c.LOG() != null) cfg.timestampsLog = ts;
        else if (c.DEBUG() != null) cfg.timestampsDebug = ts;
        else {
            cfg.timestampsDebug = ts;
        }
    }

    private static void domainName(TerminalNode word, CommandContext cc) {
        Shell.config(cc).domainName = cc.negated() ? null : word.getText();
    }

    // ---- running-config

    /** The header: version, services, hostname, logging, enable secret, domain (with all, `ip domain lookup`). */
    static void header(RunningConfig c, StringBuilder sb, boolean all) {
        sb.append("!\nversion ").append(RunningConfigWriter.VERSION).append('\n');
        timestamps(sb, "debug", c.timestampsDebug);
        timestamps(sb, "log", c.timestampsLog);
        sb.append(c.passwordEncryption ? "service password-encryption\n" : "no service password-encryption\n");
        sb.append("!\nhostname ").append(c.hostname).append("\n!\n");
        logging(c, sb);
        if (c.enableSecret != null) sb.append("enable secret ").append(c.enableSecret).append("\n!\n");
        AaaCommands.write(c, sb);
        sb.append(c.domainLookup ? all ? "ip domain lookup\n" : "" : "no ip domain lookup\n");
        if (c.domainName != null) sb.append("ip domain name ").append(c.domainName).append('\n');
        if (!c.domainLookup || c.domainName != null || all) sb.append("!\n");
    }

    /** `username` lines. */
    static void users(RunningConfig c, StringBuilder sb) {
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
    static void banner(RunningConfig c, StringBuilder sb) {
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

    /** `logging buffered` / `logging console` lines (after hostname, as IOS places them). */
    private static void logging(RunningConfig c, StringBuilder sb) {
        boolean any = false;
        if (c.loggingBuffered == null) {
            sb.append("no logging buffered\n");
            any = true;
        } else if (c.loggingBufferSize != 4096 || c.loggingBuffered != 7) {
            sb.append("logging buffered");
            if (c.loggingBufferSize != 4096) sb.append(' ').append(c.loggingBufferSize);
            if (c.loggingBuffered != 7) sb.append(' ').append(RunningConfigWriter.levelName(c.loggingBuffered));
            sb.append('\n');
            any = true;
        }
        if (c.loggingConsole == null) {
            sb.append("no logging console\n");
            any = true;
        } else if (c.loggingConsole != 7) {
            sb.append("logging console ").append(RunningConfigWriter.levelName(c.loggingConsole)).append('\n');
            any = true;
        }
        if (any) sb.append("!\n");
    }
}
