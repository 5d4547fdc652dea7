package dev.routerlab;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.cli.JLineConsole;
import dev.routerlab.cli.PipeConsole;
import dev.routerlab.cli.Session;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.features.Features;
import dev.routerlab.lab.Args;
import dev.routerlab.lab.LabMain;
import dev.routerlab.lab.Replay;
import dev.routerlab.sim.VirtualScheduler;
import dev.routerlab.sim.WallScheduler;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Command-line entry: console, replay (and, as they arrive, lab). */
public final class Main {
    private Main() {}

    static final String USAGE = """
        usage: routerlab console [--config FILE] [--nvram DIR] [--tun IF=DEV]... [--ssh [ADDR:]PORT]
               routerlab replay [--lab LAB_DIR] FILE...
               routerlab lab LAB_DIR [--script FILE] [--tun NODE:IF=DEV]... [--flash DIR] [--nvram DIR] [--paced]
        """;

    /** A bad command line: one line of explanation, then the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) { super(message); }
    }

    public static void main(String[] args) {
        onTerminate();
        int status = run(args);
        // Success with only daemon threads left: return, and the JVM ends as System.exit(0) would
        // (shutdown hooks run), without the logger JDK 21+'s Runtime.exit looks up (≈ 15 ms).
        if (status == 0 && onlyDaemonsLeft()) return;
        System.exit(status);
    }

    /** True when every thread but this one is a daemon (none would keep the JVM up). */
    static boolean onlyDaemonsLeft() {
        Thread me = Thread.currentThread();
        Thread[] all = new Thread[Thread.activeCount() + 16];
        int n = Thread.enumerate(all);
        if (n == all.length) return false;      // perhaps more than it holds: say no
        for (int i = 0; i < n; i++) if (all[i] != me && !all[i].isDaemon()) return false;
        return true;
    }

    /**
     * Runs a command line and returns the exit status: bad arguments print one line and the
     * usage (status 2), other failures (a missing file, NVRAM in use) one line (status 1); never
     * a stack trace.
     */
    static int run(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        String cmd = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (cmd) {
                case "console" -> console(rest);
                case "replay" -> Replay.main(rest, System.out);
                case "lab" -> LabMain.lab(rest, isTerminal());
                case "-h", "--help", "help" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command: " + cmd);
            };
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("routerlab " + cmd + ": " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("routerlab " + cmd + ": " + e.getMessage() + ": no such file or directory");
            return 1;
        } catch (java.nio.file.AccessDeniedException e) {
            System.err.println("routerlab " + cmd + ": " + e.getMessage() + ": permission denied");
            return 1;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("routerlab " + cmd + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("routerlab " + cmd + ": " + e);
            return 1;
        }
    }

    /**
     * SIGTERM (and SIGINT when not on a terminal): exit at once with 128+signal, saving nothing,
     * whatever threads (SSH sessions, TUN readers, the router's loop) are doing. Shutdown hooks
     * get a second; then the JVM halts.
     */
    static void onTerminate() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), new sun.misc.SignalHandler() {
                @Override public void handle(sun.misc.Signal s) { terminate(143); }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no such signal here: the JVM's default handling stays
        }
    }

    private static void terminate(int status) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // halt now
            }
            Runtime.getRuntime().halt(status);
        }, "terminate");
        halt.setDaemon(true);
        halt.start();
        new Thread(() -> System.exit(status), "exit").start();
    }

    private static int console(List<String> args) throws Exception {
        String config = Args.option(args, "--config");
        String nvramDir = Args.option(args, "--nvram");
        String ssh = Args.option(args, "--ssh");
        List<String> tuns = Args.options(args, "--tun");
        if (!args.isEmpty()) {
            throw new UsageException(args.get(0).startsWith("-") ? "unknown option " + args.get(0) : "unexpected argument " + args.get(0));
        }
        if (ssh != null && !tuns.isEmpty()) throw new UsageException("--ssh and --tun cannot be used together");
        byte[] configBytes = config == null ? null : Files.readAllBytes(Path.of(config));   // a missing file is one line, before anything starts
        if (ssh != null) {
            return dev.routerlab.ssh.SshConsole.run(nvramDir == null ? Nvram.memory() : Nvram.locked(Path.of(nvramDir)),
                configBytes, ssh, isTerminal(), System.out, Features.cli(), Features.writer());
        }
        if (!tuns.isEmpty()) return LabMain.console(tuns, config, nvramDir, isTerminal());
        Nvram nvram = nvramDir == null ? Nvram.memory() : Nvram.locked(Path.of(nvramDir));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        boolean tty = isTerminal();
        if (!tty) {
            // A pipe: virtual time, so the same input gives the same capture every run.
            VirtualScheduler clock = new VirtualScheduler(Replay.EPOCH_1993);
            Router r = new Router(clock, new SplittableRandom(1), nvram, Router.IOSV_PORTS);
            Shell sh = boot(r, config, out);
            Session[] s = new Session[1];
            PipeConsole pc = new PipeConsole(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
                new Runnable() {   // a class: no lambda is linked before the first prompt (LauncherTest)
                    @Override public void run() { clock.runUntil(() -> !s[0].busy(), Session.MAX_COMMAND_NANOS); }
                });
            s[0] = sh.console(pc);
            pc.run(s[0]);
            return 0;
        }
        try (WallScheduler clock = new WallScheduler("router");
             Terminal term = TerminalBuilder.builder().system(true).build()) {
            Router r = new Router(clock, new java.security.SecureRandom(), nvram, Router.IOSV_PORTS);
            JLineConsole jc = new JLineConsole(term);
            Shell sh = boot(r, config, out);
            out.flush();
            Session s = sh.console(jc);
            Features.preload();   // the parser loads while the user types the first line
            jc.run(s, () -> { });
        }
        return 0;
    }

    /** True when standard input and output are a terminal (JDK 22+ always has a Console). */
    static boolean isTerminal() {
        if (inputIsNoTerminal()) return false;
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Standard input is a pipe, a socket or a regular file (where /proc/self/fd says so: Linux), never
     * a terminal: System.console() need not be asked, which on JDK 25 looks up console providers
     * (≈ 1 ms of a launch from its AOT cache, 3–10 ms without).
     */
    static boolean inputIsNoTerminal() {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return t.startsWith("pipe:") || t.startsWith("socket:") || t.startsWith("/") && !t.startsWith("/dev/");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;   // not known here: ask the JVM
        }
    }

    private static Shell boot(Router r, String config, PrintStream out) throws Exception {
        Shell sh = Features.shell(r);
        List<String> errors = config == null ? sh.boot() : sh.bootFrom(Files.readAllBytes(Path.of(config)));
        for (String e : errors) out.println(e);
        return sh;
    }
}
