package dev.routerlab.device.cli;

import dev.routerlab.cli.Args;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.grammar.IosParser.*;

/** `logging console|buffered|host|trap|source-interface` configuration and `show logging`. */
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
         .on(Logging_hostContext.class, (c, cc) -> host(Args.ip(c.addr), c.vrf == null ? null : c.vrf.getText(), cc))
         .on(Logging_addrContext.class, (c, cc) -> host(Args.ip(c.addr), null, cc))
         .on(Logging_trapContext.class, (c, cc) -> {
             RunningConfig cfg = Shell.config(cc);
             if (cc.negated()) cfg.loggingTrap = cc.isDefault() ? 6 : null;
             else cfg.loggingTrap = c.DEC() == null && c.logging_level() == null ? 6
                 : level(c.DEC() == null ? null : Integer.parseInt(c.DEC().getText()), c.logging_level());
         })
         .on(Logging_sourceContext.class, (c, cc) ->
             Shell.config(cc).loggingSource = cc.negated() ? null : InterfaceName.parse(c.name.getText()))
         .on(S_loggingContext.class, (c, cc) -> cc.print(Shell.router(cc).log().show()));
    }

    /** A host is one per (address, VRF), as on IOS: the same address in two VRFs is two servers. */
    private static void host(int addr, String vrf, CommandContext cc) {
        RunningConfig.LoggingHost h = new RunningConfig.LoggingHost(addr, vrf);
        java.util.List<RunningConfig.LoggingHost> hosts = Shell.config(cc).loggingHosts;
        hosts.remove(h);
        if (!cc.negated()) hosts.add(h);
    }

    /** `logging trap`, `logging source-interface` and `logging host` lines (after the access lists, as IOS). */
    public static void write(RunningConfig c, StringBuilder sb) {
        boolean any = false;
        if (c.loggingTrap == null) {
            sb.append("no logging trap\n");
            any = true;
        } else if (c.loggingTrap != 6) {
            sb.append("logging trap ").append(dev.routerlab.config.RunningConfigWriter.levelName(c.loggingTrap)).append('\n');
            any = true;
        }
        if (c.loggingSource != null) {
            sb.append("logging source-interface ").append(c.loggingSource).append('\n');
            any = true;
        }
        for (RunningConfig.LoggingHost h : c.loggingHosts) {
            sb.append("logging host ").append(dev.routerlab.packet.Ipv4Address.toString(h.address()));
            if (h.vrf() != null) sb.append(" vrf ").append(h.vrf());
            sb.append('\n');
            any = true;
        }
        if (any) sb.append("!\n");
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
