package dev.routerlab.device.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.AaaConfig;
import dev.routerlab.config.AaaConfig.Method;
import dev.routerlab.config.LineConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.grammar.IosParser.*;

/**
 * `aaa new-model`, `aaa authentication login`, `aaa authorization exec` and their part of the
 * running-config (after the enable secret, as IOS writes it). The logins themselves are checked by
 * {@link dev.routerlab.config.LoginCheck} on the console, SSH and telnet vty lines.
 */
final class AaaCommands {
    private AaaCommands() {}

    static void register(CommandRegistry r) {
        r.on(Aaa_new_modelContext.class, AaaCommands::newModel)
         .on(Aaa_authenticationContext.class, AaaCommands::authentication)
         .on(Aaa_authorizationContext.class, AaaCommands::authorization);
    }

    private static void newModel(Aaa_new_modelContext c, CommandContext cc) {
        RunningConfig cfg = Shell.config(cc);
        if (cc.negated()) {
            cfg.aaa.clear();
            for (LineConfig l : List.of(cfg.lineCon, cfg.lineAux, cfg.lineVty)) l.loginAuthentication = null;
            return;
        }
        if (cfg.aaa.newModel) return;
        cfg.aaa.newModel = true;
        // AAA takes over the lines' `login local`: it is gone, and the line password is back when AAA goes
        for (LineConfig l : List.of(cfg.lineCon, cfg.lineAux, cfg.lineVty)) {
            if (l.login == LineConfig.Login.LOCAL) l.login = new LineConfig(l.kind, l.first, l.last).login;
        }
    }

    /** The AAA commands other than `aaa new-model` exist only once it is on. */
    private static boolean enabled(org.antlr.v4.runtime.tree.TerminalNode at, CommandContext cc) {
        if (Shell.config(cc).aaa.newModel) return true;
        cc.invalid(at);
        return false;
    }

    private static void authentication(Aaa_authenticationContext c, CommandContext cc) {
        if (!enabled(c.AUTHENTICATION(), cc)) return;
        AaaConfig aaa = Shell.config(cc).aaa;
        String name = c.aaa_list().getText();
        if (c.aaa_list().DEFAULT() != null) name = "default";
        else if (name.length() > 31) {
            cc.error("AAA: Warning, the list name is longer than 31 characters");
            return;
        }
        if (cc.negated()) {
            aaa.loginLists.remove(name);
            return;
        }
        aaa.loginLists.put(name, methods(c.aaa_login_method().stream().map(m -> m.getText()).toList()));
    }

    private static void authorization(Aaa_authorizationContext c, CommandContext cc) {
        if (!enabled(c.AUTHORIZATION(), cc)) return;
        if (c.aaa_exec_list().DEFAULT() == null) {
            cc.invalid(c.aaa_exec_list().WORD());
            return;
        }
        AaaConfig aaa = Shell.config(cc).aaa;
        aaa.execAuthorization = cc.negated() ? null : methods(c.aaa_exec_method().stream().map(m -> m.getText()).toList());
    }

    /** Methods as typed (a method given twice counts once, as IOS keeps it). */
    private static List<Method> methods(List<String> words) {
        List<Method> out = new ArrayList<>();
        for (String w : words) {
            Method m = Method.valueOf(w.toUpperCase(java.util.Locale.ROOT));
            if (!out.contains(m)) out.add(m);
        }
        return out;
    }

    /** `aaa new-model` and its lists, after the enable secret. */
    static void write(RunningConfig c, StringBuilder sb) {
        AaaConfig aaa = c.aaa;
        if (!aaa.newModel) return;
        sb.append("aaa new-model\n!\n!\n");
        for (Map.Entry<String, List<Method>> e : aaa.loginLists.entrySet()) {
            sb.append("aaa authentication login ").append(e.getKey()).append(keywords(e.getValue())).append('\n');
        }
        if (aaa.execAuthorization != null) {
            // IOS ends this line with a space
            sb.append("aaa authorization exec default").append(keywords(aaa.execAuthorization)).append(" \n");
        }
        sb.append("!\n");
    }

    private static String keywords(List<Method> ms) {
        StringBuilder sb = new StringBuilder();
        for (Method m : ms) sb.append(' ').append(m.keyword());
        return sb.toString();
    }
}
