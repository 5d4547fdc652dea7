package dev.routerlab.device.cli;

import static dev.routerlab.cli.Args.num;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.LineConfig;
import dev.routerlab.config.LineConfig.Login;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.Secret;
import dev.routerlab.grammar.IosParser.*;

/**
 * `line con 0`, `line aux 0`, `line vty 0 4` and the config-line commands, and the line
 * section of the running-config. The model has the console, the aux line (which IOSv has and
 * always prints) and the five vty lines.
 */
public final class LineCommands {
    /** IOS line numbers: con 0 is line 0, aux 0 line 1, vty N line 2+N. */
    private static final int FIRST_VTY_LINE = 2;

    private LineCommands() {}

    static void register(CommandRegistry r) {
        r.on(G_lineContext.class, LineCommands::line)
         .on(L_loginContext.class, LineCommands::login)
         .on(L_transportContext.class, LineCommands::transport)
         .on(L_exec_timeoutContext.class, LineCommands::execTimeout)
         .on(L_passwordContext.class, LineCommands::password)
         .on(L_loggingContext.class, (c, cc) -> line(cc).loggingSynchronous = !cc.negated())
         .on(L_privilegeContext.class, (c, cc) -> {
             LineConfig l = line(cc);
             if (cc.negated()) l.privilegeLevel = null;
             else l.privilegeLevel = num(c.DEC()) == 1 ? null : num(c.DEC());
         })
         .on(L_access_classContext.class, (c, cc) -> {
             LineConfig l = line(cc);
             String acl = c.acl_name().getText();
             if (!cc.negated()) l.accessClass = acl;
             else if (acl.equals(l.accessClass)) l.accessClass = null;
         });
    }

    private static LineConfig line(CommandContext cc) { return cc.target(LineConfig.class); }

    private static void line(G_lineContext c, CommandContext cc) {
        LineConfig l;
        if (c.line_con() != null) {
            l = Shell.config(cc).lineCon;
        } else if (c.line_aux() != null) {
            l = Shell.config(cc).lineAux;
        } else {
            Line_vtyContext v = c.line_vty();
            int first = num(v.DEC());
            int last = v.vty_last() == null ? first : num(v.vty_last().DEC());
            // the router has IOSv's five vty lines (0-4); `line vty 0 15` configures them all
            if (last < first) {
                cc.invalid(v.vty_last().DEC());
                return;
            }
            l = Shell.config(cc).lineVty;
        }
        if (cc.negated()) return;   // the console, aux and the first five vtys cannot be removed
        cc.enter(Mode.CONFIG_LINE, l);
    }

    /** The IOS line numbers a config-line target stands for. */
    private static List<Integer> lineNumbers(CommandContext cc, LineConfig l) {
        List<Integer> out = new ArrayList<>();
        if (l == Shell.config(cc).lineCon) out.add(0);
        else if (l == Shell.config(cc).lineAux) out.add(1);
        else for (int i = l.first; i <= l.last; i++) out.add(FIRST_VTY_LINE + i);
        return out;
    }

    private static void login(L_loginContext c, CommandContext cc) {
        LineConfig l = line(cc);
        L_login_authenticationContext auth = c.l_login_authentication();
        if (auth != null) {
            // the AAA method list the line logs in with (`default`: the default list)
            l.loginAuthentication = cc.negated() || auth.l_login_list().DEFAULT() != null ? null : auth.l_login_list().getText();
            return;
        }
        if (Shell.config(cc).aaa.newModel) return;     // AAA's lists decide; `login authentication` names one
        if (cc.negated()) {
            l.login = cc.isDefault() && l.kind == LineConfig.Kind.VTY ? Login.LINE : Login.NONE;
            return;
        }
        l.login = c.LOCAL() != null ? Login.LOCAL : Login.LINE;
        if (l.login == Login.LINE && l.password == null && !Shell.router(cc).booting()) {
            for (int n : lineNumbers(cc, l)) cc.println("% Login disabled on line " + n + ", until 'password' is set");
        }
    }

    private static void transport(L_transportContext c, CommandContext cc) {
        LineConfig l = line(cc);
        List<String> t;
        if (cc.negated()) {
            t = cc.isDefault() ? null : List.of("none");
        } else if (c.ALL() != null) {
            t = List.of("all");
        } else if (c.NONE() != null) {
            t = List.of("none");
        } else {
            // IOS lists them in its own order
            t = new ArrayList<>();
            if (c.transport_proto().stream().anyMatch(p -> p.TELNET() != null)) t.add("telnet");
            if (c.transport_proto().stream().anyMatch(p -> p.SSH() != null)) t.add("ssh");
        }
        List<String> def = new LineConfig(l.kind, l.first, l.last).effectiveTransport();
        l.transportInput = t == null || t.equals(def) ? null : new ArrayList<>(t);
    }

    private static void execTimeout(L_exec_timeoutContext c, CommandContext cc) {
        LineConfig l = line(cc);
        Integer m = null, s = null;
        if (!cc.negated()) {
            m = num(c.DEC());
            s = c.exec_seconds() == null ? 0 : num(c.exec_seconds().DEC());
            if (m == 10 && s == 0) m = s = null;
        }
        l.execTimeoutMinutes = m;
        l.execTimeoutSeconds = s;
    }

    private static void password(L_passwordContext c, CommandContext cc) {
        LineConfig l = line(cc);
        if (cc.negated()) {
            l.password = null;
            return;
        }
        Line_pwContext pw = c.line_pw();
        int type = pw.DEC() == null ? 0 : num(pw.DEC());
        if (type != 0 && type != 7) {
            // IOS offers only 0 and 7: any other leading word is part of the clear-text password
            l.password = Shell.config(cc).stored(new Secret(0, pw.DEC().getText() + " " + pw.WORD().getText()));
            return;
        }
        l.password = Shell.config(cc).stored(new Secret(type, pw.WORD().getText()));
    }

    /** `line con 0`, `line aux 0`, `line vty 0 4` with their non-default settings, in IOS order. */
    static void write(RunningConfig c, StringBuilder sb) {
        sb.append("line con 0\n");
        settings(c.lineCon, c.aaa.newModel, sb);
        sb.append("line aux 0\n");
        settings(c.lineAux, c.aaa.newModel, sb);
        sb.append("line vty ").append(c.lineVty.first).append(' ').append(c.lineVty.last).append('\n');
        settings(c.lineVty, c.aaa.newModel, sb);
    }

    private static void settings(LineConfig l, boolean aaa, StringBuilder sb) {
        boolean vty = l.kind == LineConfig.Kind.VTY;
        if (l.accessClass != null) sb.append(" access-class ").append(l.accessClass).append(" in\n");
        if (l.execTimeoutMinutes != null) {
            sb.append(" exec-timeout ").append(l.execTimeoutMinutes).append(' ').append(l.execTimeoutSeconds).append('\n');
        }
        if (l.privilegeLevel != null) sb.append(" privilege level ").append(l.privilegeLevel).append('\n');
        if (l.password != null) {
            sb.append(" password ").append(l.password.type() == 0 ? "" : l.password.type() + " ").append(l.password.value()).append('\n');
        }
        if (l.loggingSynchronous) sb.append(" logging synchronous\n");
        if (aaa) {
            // AAA's list replaces the line's own login
            if (l.loginAuthentication != null) sb.append(" login authentication ").append(l.loginAuthentication).append('\n');
        } else switch (l.login) {
            case LINE -> sb.append(" login\n");
            case LOCAL -> sb.append(" login local\n");
            case NONE -> { if (vty) sb.append(" no login\n"); }
        }
        // IOS 15 always shows a vty's transport; a console's only when it is not the default
        if (vty || l.transportInput != null) {
            sb.append(" transport input ").append(String.join(" ", l.effectiveTransport())).append('\n');
        }
    }
}
