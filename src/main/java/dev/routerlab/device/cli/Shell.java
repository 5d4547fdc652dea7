package dev.routerlab.device.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.routerlab.cli.Cli;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.Host;
import dev.routerlab.text.Printable;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.device.RouterLog;
import dev.routerlab.sim.Scheduler;

/**
 * One router's CLI: its sessions (console and vty lines), configuration loading and the
 * running-config writer. The router knows nothing of it; command handlers reach their router
 * through {@link #router(CommandContext)}.
 */
public final class Shell implements Host, RouterLog.Terminals {
    private final Router router;
    private final Cli cli;
    private final RunningConfigWriter writer;
    private final Scheduler exec;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** Set while a configuration file loads: its commands are no configuration change. */
    private boolean loading;
    /** `show running-config`'s `! Last configuration change at` and `! NVRAM config last updated at`. */
    private ConfigStamp lastChange, lastSave;
    private final ConsoleLine console = new ConsoleLine(this);

    /** When (epoch ms) and by whom (null: no logged-in user) the configuration changed or was saved. */
    public record ConfigStamp(long epochMillis, String by) {}

    private Shell(Router router, Cli cli, RunningConfigWriter writer) {
        this.router = router;
        this.cli = cli;
        this.writer = writer;
        this.exec = router.processes().process("Exec");
        router.log().terminals(this);
    }

    /** The router's shell, created on first use with the entry point's CLI and writer. */
    public static Shell of(Router router, Cli cli, RunningConfigWriter writer) {
        return router.service(Shell.class, new java.util.function.Supplier<Shell>() {
            @Override public Shell get() { return new Shell(router, cli, writer); }   // a class: no lambda before the first prompt
        });
    }

    /** The shell of a router that has one. */
    public static Shell of(Router router) {
        Shell s = router.service(Shell.class);
        if (s == null) throw new IllegalStateException(router.hostname() + " has no CLI shell");
        return s;
    }

    /** The shell a command runs in. */
    public static Shell of(CommandContext cc) { return (Shell) cc.host(); }

    /** The router a command runs on. */
    public static Router router(CommandContext cc) { return of(cc).router; }

    /** The running configuration a command changes or shows. */
    public static RunningConfig config(CommandContext cc) { return of(cc).router.config(); }

    public Router router() { return router; }

    public RunningConfigWriter writer() { return writer; }

    /** The running configuration as `show running-config` prints it. */
    public String running() { return writer.render(router.config()); }

    /** `show running-config all`: the running-config with the defaults of what is modelled. */
    public String runningAll() { return writer.render(router.config(), true); }

    /** A new session on this router (not yet attached: its front end attaches it). */
    public Session session(Terminal terminal, String lineName, String user, String from, int privilege) {
        return new Session(this, terminal, lineName, user, from, privilege);
    }

    /**
     * A new console session (not yet attached): it asks the login `line con 0` asks for before
     * its first prompt, and ends after the line's `exec-timeout`.
     */
    public Session console(Terminal terminal) {
        Session s = new Session(this, terminal, "con 0", null, null, 1);
        console.start(s);
        return s;
    }

    /** A console session left for a new one in its place (after `exit`): no longer watched. */
    public void forgetConsole(Session s) { console.forget(s); }

    public List<Session> sessions() { return sessions; }

    // ---- Host -------------------------------------------------------------------------------

    @Override public Cli cli() { return cli; }

    @Override public String hostname() { return router.hostname(); }

    /** The sessions' timers (a ping's probes): the Exec process's work. */
    @Override public Scheduler scheduler() { return exec; }

    /** An interface-mode command changed only its interface: the engines may reconcile just that one. */
    @Override
    public void configured(Object scope) {
        if (!loading) {
            lastChange = new ConfigStamp(router.scheduler().epochMillis(), configuringUser());
            console.rearm();
        }
        if (scope instanceof InterfaceConfig ic) router.reconcile(ic.name);
        else router.reconcile();
    }

    /** The user of the one attached session in a configuration mode, else null. */
    private String configuringUser() {
        String user = null;
        int n = 0;
        for (Session s : sessions) {
            if (!s.mode().isExec()) {
                n++;
                user = s.user();
            }
        }
        return n == 1 ? user : null;
    }

    /** The last configuration change since boot, or null. */
    public ConfigStamp lastChange() { return lastChange; }

    /** The last save to NVRAM, or null. */
    public ConfigStamp lastSave() { return lastSave; }

    /** True when the configuration changed after it was last saved (or, never saved, since boot). */
    public boolean unsaved() {
        return lastChange != null && (lastSave == null || lastSave.epochMillis() < lastChange.epochMillis());
    }

    /** The running configuration was saved to NVRAM (by {@code user}, null when none is logged in). */
    public void saved(String user) { lastSave = new ConfigStamp(router.scheduler().epochMillis(), user); }

    /** NVRAM was erased. */
    public void erased() { lastSave = null; }

    @Override
    public void configuredFrom(Session s) {
        router.log("SYS", 5, "CONFIG_I", "Configured from " + (s.isVty()
            ? "console by " + (s.user() == null ? "vty" : s.user()) + " on " + s.lineName().replace(" ", "") + " (" + s.from() + ")"
            : "console by " + (s.user() == null ? "console" : s.user() + " on console")));
    }

    @Override
    public String unknownCommand(String word) {
        return "Translating \"" + word + "\"" + (router.config().domainLookup ? "...domain server (255.255.255.255)" : "")
            + "\n% Unknown command or computer name, or unable to find computer address\n";
    }

    @Override public void attach(Session s) { sessions.add(s); }

    @Override public void detach(Session s) { sessions.remove(s); }

    @Override
    public int deliver(String line, boolean console) {
        int monitors = 0;
        for (Session s : sessions) {
            if (s.isVty() ? s.monitor() : console) {
                if (s.isVty()) monitors++;
                s.deliver(line);
            }
        }
        return monitors;
    }

    // ---- configuration loading --------------------------------------------------------------

    /** At boot, after the startup-config: the SNMPv3 users saved in private NVRAM. */
    private void loadSnmpUsers() {
        try {
            byte[] b = router.nvram().read(dev.routerlab.snmp.SnmpUsers.PRIVATE_FILE);
            if (b != null) load(b);
        } catch (java.io.IOException e) {
            // no saved users
        }
    }

    /** Boots from the startup-config in NVRAM (if any); returns the load errors. */
    public List<String> boot() {
        router.reset();
        try {
            byte[] startup = router.startupConfig();
            if (startup == null) {
                router.reconcile();
                return List.of();
            }
            List<String> errors = bootFrom(startup);
            loadSnmpUsers();                    // the SNMPv3 users saved with it
            return errors;
        } catch (IOException e) {
            return List.of("% Cannot read startup-config: " + e.getMessage());
        }
    }

    /** `reload`: vty sessions end, the console starts over, a fresh boot from NVRAM. */
    public List<String> reload() {
        router.reloadReason("Reload Command");
        lastChange = null;
        List<Session> consoles = new ArrayList<>();
        for (Session s : sessions) {
            if (s.isVty()) {
                s.close();
            } else {
                s.reset();
                consoles.add(s);
            }
        }
        List<String> errors = boot();
        for (Session s : consoles) {
            console.forget(s);
            console.start(s);    // the console logs in again after a reload
        }
        return errors;
    }

    /**
     * Boots from configuration text (startup-config, `--config FILE`): as on IOS, a port whose
     * section does not say `shutdown` comes up. Returns the errors, as {@link #load} does.
     */
    public List<String> bootFrom(String text) { return bootFrom(ConfigText.Lines.of(text)); }

    /** As above, from a file's bytes (decoded per line by {@link ConfigText}). */
    public List<String> bootFrom(byte[] file) { return bootFrom(ConfigText.decode(file)); }

    private List<String> bootFrom(ConfigText.Lines text) {
        router.beginBoot();
        try {
            return load(text);
        } finally {
            router.endBoot();
        }
    }

    /**
     * Applies configuration text line by line, as `copy file running-config` does: every good
     * line is applied; each bad one is reported with its line number and IOS error text.
     */
    public List<String> load(String text) { return load(ConfigText.Lines.of(text)); }

    /** As above, from a file's bytes: a line that is not UTF-8 is reported and skipped, the rest loads. */
    public List<String> load(byte[] file) { return load(ConfigText.decode(file)); }

    private List<String> load(ConfigText.Lines text) {
        ConfigLoader loader = new ConfigLoader(text.lines());
        Session s = new Session(this, loader, "con 0", null, null, 15);
        boolean was = loading;
        loading = true;
        try {
            s.execute("configure terminal");
            while (loader.hasNext()) {
                String line = loader.next();
                if (text.bad()[loader.next - 1]) {
                    loader.errors.add("line " + loader.next + ": " + Printable.printable(line.strip())
                        + ": % Invalid input: the line is not UTF-8 text");
                    continue;
                }
                if (line.strip().equals("end")) break;
                loader.beginLine(line);
                s.execute(line);
                // a question (banner text) takes the file's next lines, as typed; at its end, none
                for (Session.Question q; (q = s.question()) != null; ) s.answer(q, loader.hasNext() ? loader.next() : null);
            }
        } finally {
            loading = was;
        }
        router.reconcile();
        return loader.errors;
    }

    /** Collects the error output of config loading per line; holds the lines (answers are the next ones). */
    private static final class ConfigLoader implements Terminal {
        private final String[] lines;
        private int next;
        private int current;
        private String currentText;
        final List<String> errors = new ArrayList<>();

        ConfigLoader(String[] lines) { this.lines = lines; }

        boolean hasNext() { return next < lines.length; }

        String next() { return lines[next++]; }

        void beginLine(String text) {
            current = next;
            currentText = text;
        }

        @Override
        public void write(String text) {
            if (currentText == null) return;
            String msg = text.lines().filter(l -> l.startsWith("%")).findFirst().orElse(null);
            if (msg != null) errors.add("line " + current + ": " + Printable.printable(currentText.strip()) + ": " + msg);
        }
    }
}
