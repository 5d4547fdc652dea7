package dev.routerlab.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.cli.Cli;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.JLineConsole;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.sim.WallScheduler;
import org.jline.terminal.TerminalBuilder;

/**
 * `routerlab console --ssh [ADDR:]PORT`: one router on wall time with its SSH server, and its
 * console. On a terminal the console is the usual JLine shell (its commands, like the SSH
 * sessions', run on the router's loop) and leaving it stops the router. From a pipe, the lines
 * read are typed at the console (a startup script), then the router keeps serving SSH until
 * the process is stopped.
 */
public final class SshConsole {
    private SshConsole() {}

    /** Parses `PORT` or `ADDR:PORT` (the address defaults to 127.0.0.1). */
    public static InetSocketAddress parse(String spec) {
        int colon = spec.lastIndexOf(':');
        String host = colon < 0 ? InetAddress.getLoopbackAddress().getHostAddress() : spec.substring(0, colon);
        int port = Integer.parseInt(spec.substring(colon + 1));
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--ssh: bad port " + port);
        return new InetSocketAddress(host, port);
    }

    /** Runs the router; configText (or NVRAM's startup-config when null) is its boot config. */
    public static int run(Nvram nvram, byte[] configText, String sshSpec, boolean tty, PrintStream out,
                          Cli cli, RunningConfigWriter writer) throws IOException {
        InetSocketAddress bind = parse(sshSpec);
        try (WallScheduler clock = new WallScheduler("router")) {
            Router r = new Router(clock, new SecureRandom(), nvram, Router.IOSV_PORTS);
            Shell sh = Shell.of(r, cli, writer);
            LoopTerminal boot = new LoopTerminal(r, new Print(out));
            List<String> errors = boot.call(() -> configText == null ? sh.boot() : sh.bootFrom(configText));
            for (String e : errors) out.println(e);
            try (SshService ssh = SshService.start(r, bind, SshService.Options.DEFAULT)) {
                boolean keyed = boot.call(() -> SshState.of(r).hostKey() != null);
                System.err.println("SSH server on " + bind.getAddress().getHostAddress() + ":" + ssh.port()
                    + (keyed ? "" : " (no RSA key: configure a hostname, `ip domain name` and `crypto key generate rsa modulus 2048`)"));
                if (tty) {
                    try (org.jline.terminal.Terminal term = TerminalBuilder.builder().system(true).build()) {
                        JLineConsole jc = new JLineConsole(term);
                        LoopTerminal lt = new LoopTerminal(r, jc);
                        jc.labHooks(lt::run, line -> false);
                        Session s = lt.call(() -> console(sh, lt));
                        lt.attach(s);
                        jc.run(s, () -> { });
                    }
                } else {
                    pipe(r, out);
                    out.flush();
                    new CountDownLatch(1).await();   // serve until the process is stopped
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /** The console session: its questions time out as the vty lines' do. */
    private static Session console(Shell sh, LoopTerminal lt) {
        Session s = sh.console(lt);
        s.askTimeout(SshService.Options.ASK_TIMEOUT_SECONDS * 1_000_000_000L);
        return s;
    }

    /**
     * Types each line read from standard input at the console, printing what a capture shows;
     * while a question is open, its text stands for the prompt and the line answers it.
     */
    private static void pipe(Router r, PrintStream out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        LoopTerminal lt = new LoopTerminal(r, new Print(out));
        Session s = lt.call(() -> {
            Session x = console(Shell.of(r), lt);
            x.host().attach(x);
            return x;
        });
        lt.attach(s);
        String line;
        while (!s.closed() && (line = in.readLine()) != null) {
            String l = line;
            Session.Question q = s.question();
            if (q != null) {
                out.print(q.text() + (q.hidden() ? "" : l) + "\n");
                lt.run(() -> s.answer(q, l));
            } else {
                out.print(lt.call(() -> s.prompt() + s.pending()) + l + "\n");
                lt.run(() -> s.type(l));
            }
        }
        lt.run(() -> s.host().detach(s));
    }

    /** Output to a stream. */
    private record Print(PrintStream out) implements Terminal {
        @Override public void write(String text) {
            out.print(text);
            out.flush();
        }
    }
}
