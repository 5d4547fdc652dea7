package dev.routerlab.config;

import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Global configuration commands that build the model; feature areas register their own. */
public final class ConfigCommands {
    private ConfigCommands() {}

    public static void register(CommandRegistry r) {
        r.on(G_hostnameContext.class, ConfigCommands::hostname)
         .on(G_versionContext.class, (c, cc) -> { })
         .on(G_enableContext.class, ConfigCommands::enable)
         .on(G_usernameContext.class, ConfigCommands::username)
         .on(G_bannerContext.class, ConfigCommands::banner)
         .on(Svc_timestampsContext.class, ConfigCommands::timestamps)
         .on(Svc_password_encryptionContext.class, (c, cc) -> Shell.config(cc).passwordEncryption = !cc.negated())
         .on(Ip_domain_lookupContext.class, (c, cc) -> Shell.config(cc).domainLookup = !cc.negated())
         .on(Dom_lookupContext.class, (c, cc) -> Shell.config(cc).domainLookup = !cc.negated())
         .on(Ip_domain_nameContext.class, (c, cc) -> domainName(c.WORD(), cc))
         .on(Dom_nameContext.class, (c, cc) -> domainName(c.WORD(), cc));
        InterfaceCommands.register(r);
        RoutingCommands.register(r);
        LineCommands.register(r);
    }

    /** An IPv4 address token's value. */
    public static int ip(TerminalNode n) { return Ipv4Address.parse(n.getText()); }

    public static int num(TerminalNode n) { return Integer.parseInt(n.getText()); }

    private static void hostname(G_hostnameContext c, CommandContext cc) {
        Shell.config(cc).hostname = cc.negated() ? "Router" : c.WORD().getText();
    }

    private static void enable(G_enableContext c, CommandContext cc) {
        if (cc.negated()) Shell.config(cc).enableSecret = null;
        else {
            Secret s = secret(c.secret_value(), c.secret_algorithm(), cc);
            if (s != null) Shell.config(cc).enableSecret = s;
        }
    }

    /** `[type] value` of a secret: clear text is hashed (type 5), hashes are kept as given. */
    static Secret secret(Secret_valueContext v, CommandContext cc) {
        return secret(v, null, cc);
    }

    /** As above; `algorithm-type md5|sha256|scrypt` hashes clear text as type 5, 8 or 9. */
    static Secret secret(Secret_valueContext v, Secret_algorithmContext alg, CommandContext cc) {
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
    static Secret password(Secret_valueContext v) {
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
                password = password(o.secret_value());
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
        StringBuilder body = new StringBuilder();
        int end = rest.indexOf(delim);
        if (end >= 0) {
            body.append(rest, 0, end);
        } else {
            cc.println("Enter TEXT message.  End with the character '" + delim.charAt(0) + "'.");
            body.append(rest);
            String line;
            while ((line = cc.readLine()) != null) {
                int e = line.indexOf(delim);
                body.append('\n');
                if (e >= 0) {
                    body.append(line, 0, e);
                    break;
                }
                body.append(line);
            }
        }
        Shell.config(cc).bannerMotd = body.toString();
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
}
