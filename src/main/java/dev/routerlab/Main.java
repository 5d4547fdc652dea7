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
               routerlab lab LAB_DIR [--script FILE] [--tun NODE:IF=DEV]... [--flash DIR] [--paced]
        """;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String cmd = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        int rc = switch (cmd) {
            case "console" -> console(rest);
            case "replay" -> Replay.main(rest, System.out);
            case "lab" -> LabMain.lab(rest, isTerminal());
            default -> {
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(rc);
    }

    private static int console(List<String> args) throws Exception {
        String config = LabMain.option(args, "--config");
        String nvramDir = LabMain.option(args, "--nvram");
        String ssh = LabMain.option(args, "--ssh");
        if (ssh != null) {
            return dev.routerlab.ssh.SshConsole.run(nvramDir == null ? Nvram.memory() : Nvram.directory(Path.of(nvramDir)),
                config == null ? null : Files.readAllBytes(Path.of(config)), ssh, isTerminal(), System.out);
        }
        List<String> tuns = LabMain.options(args, "--tun");
        if (!tuns.isEmpty()) return LabMain.console(tuns, config, nvramDir, isTerminal());
        Nvram nvram = nvramDir == null ? Nvram.memory() : Nvram.directory(Path.of(nvramDir));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        boolean tty = isTerminal();
        if (!tty) {
            // A pipe: virtual time, so the same input gives the same capture every run.
            VirtualScheduler clock = new VirtualScheduler(Replay.EPOCH_1993);
            Router r = new Router(clock, new SplittableRandom(1), nvram, Router.IOSV_PORTS);
            boot(r, config, out);
            Session s = new Session(r, null, "con 0", null, null, 1);
            PipeConsole pc = new PipeConsole(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
                () -> clock.runUntil(() -> !s.busy(), Session.MAX_COMMAND_NANOS));
            s.swapTerminal(pc);
            pc.run(r, s);
            return 0;
        }
        try (WallScheduler clock = new WallScheduler("router");
             Terminal term = TerminalBuilder.builder().system(true).build()) {
            Router r = new Router(clock, new java.security.SecureRandom(), nvram, Router.IOSV_PORTS);
            JLineConsole jc = new JLineConsole(term);
            boot(r, config, out);
            out.flush();
            Session s = new Session(r, jc, "con 0", null, null, 1);
            jc.run(s, s::awaitIdle);      // ping/traceroute run on the router's thread: wait for them
        }
        return 0;
    }

    /** True when standard input and output are a terminal (JDK 22+ always has a Console). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static void boot(Router r, String config, PrintStream out) throws Exception {
        List<String> errors = config == null ? r.boot()
            : r.bootFrom(Files.readAllBytes(Path.of(config)));
        for (String e : errors) out.println(e);
    }
}
