package dev.routerlab.device.cli;

import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.grammar.IosParser.*;

/** `logging console|buffered` configuration and `show logging`. */
public final class LogCommands {
    private LogCommands() {}

    public static void register(CommandRegistry r) {
        r.on(Logging_consoleContext.class, (c, cc) -> {
            RunningConfig cfg = Shell.config(cc);
            if (cc.negated()) cfg.loggingConsole = cc.isDefault() ? 7 : null;
            else cfg.loggingConsole = level(c.DEC() == null ? null : Integer.parseInt(c.DEC().getText()), c.logging_level());
        })
         .on(Logging_bufferedContext.class, (c, cc) -> {
             RunningConfig cfg = Shell.config(cc);
             if (cc.negated()) {
                 cfg.loggingBuffered = cc.isDefault() ? 7 : null;
                 cfg.loggingBufferSize = 4096;
                 return;
             }
             Integer level = null;
             if (c.DEC() != null) {
                 long v = Long.parseLong(c.DEC().getText());
                 if (v <= 7) level = (int) v;
                 else if (v >= 4096) cfg.loggingBufferSize = (int) Math.min(v, Integer.MAX_VALUE);
                 else {
                     cc.invalid(c.DEC());
                     return;
                 }
             }
             if (c.logging_level() != null) level = level(null, c.logging_level());
             cfg.loggingBuffered = level == null ? 7 : level;
         })
         .on(S_loggingContext.class, (c, cc) -> cc.print(Shell.router(cc).log().show()));
    }

    private static int level(Integer n, Logging_levelContext l) {
        if (n != null) return n;
        if (l == null) return 7;
        if (l.EMERGENCIES() != null) return 0;
        if (l.ALERTS() != null) return 1;
        if (l.CRITICAL() != null) return 2;
        if (l.ERRORS() != null) return 3;
        if (l.WARNINGS() != null) return 4;
        if (l.NOTIFICATIONS() != null) return 5;
        if (l.INFORMATIONAL() != null) return 6;
        return 7;
    }
}
