package dev.routerlab.cli;

import dev.routerlab.grammar.IosParser.*;

/** Session-level EXEC commands: privilege, modes, terminal settings, history. */
public final class ExecCommands {
    private ExecCommands() {}

    public static void register(CommandRegistry r) {
        r.on(X_disableContext.class, (c, cc) -> cc.session().enter(Mode.USER_EXEC, null))
         .on(X_exitContext.class, (c, cc) -> cc.session().close())
         .on(X_logoutContext.class, (c, cc) -> cc.session().close())
         .on(X_configureContext.class, (c, cc) -> {
             cc.println("Enter configuration commands, one per line.  End with CNTL/Z.");
             cc.session().enter(Mode.CONFIG, null);
         })
         .on(T_lengthContext.class, (c, cc) -> cc.session().setLength(Integer.parseInt(c.DEC().getText())))
         .on(T_widthContext.class, (c, cc) -> cc.session().setWidth(Integer.parseInt(c.DEC().getText())))
         .on(T_noContext.class, (c, cc) -> {
             if (c.LENGTH() != null) cc.session().setLength(24);
             else if (c.WIDTH() != null) cc.session().setWidth(80);
             else cc.session().setMonitor(false);
         })
         .on(T_monitorContext.class, (c, cc) -> cc.session().setMonitor(true))
         .on(S_privilegeContext.class, (c, cc) ->
             cc.println("Current privilege level is " + cc.session().privilege()))
         .on(S_historyContext.class, (c, cc) -> {
             for (String h : cc.session().history()) cc.println("  " + h);
         })
         .on(S_terminalContext.class, (c, cc) -> terminal(cc));
    }

    private static void terminal(CommandContext cc) {
        Session s = cc.session();
        cc.println("Line " + s.lineName() + ", Location: \"\", Type: \"" + (s.isVty() ? "vt100" : "") + "\"");
        cc.println("Length: " + s.length() + " lines, Width: " + s.width() + " columns");
        cc.println("Status: PSI Enabled, Ready, Active" + (s.monitor() ? ", Automore On" : ""));
        cc.println("Capabilities: none");
        cc.println("Modem state: Ready");
        cc.println("Time since activation: " + RelTime.hms(s.activeNanos()));
        cc.println("Editing is enabled.");
        cc.println("History is enabled, history size is 10.");
    }
}
