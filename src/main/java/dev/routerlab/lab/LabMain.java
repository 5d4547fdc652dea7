package dev.routerlab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;

/**
 * The `lab` command, and `console --tun`:
 * <pre>
 * routerlab lab labs/NAME [--script FILE] [--tun NODE:IF=DEV]... [--flash DIR] [--nvram DIR] [--paced]
 * routerlab console --tun IF=DEV [--tun IF=DEV]... [--config FILE] [--nvram DIR]
 * </pre>
 */
public final class LabMain {
    private LabMain() {}

    public static final String USAGE = """
        usage: routerlab lab LAB_DIR [--script FILE] [--tun NODE:IF=DEV]... [--flash DIR] [--nvram DIR] [--paced]
        """;

    /** `routerlab lab ...`; returns the exit status. */
    public static int lab(List<String> argList, boolean terminal) throws IOException {
        List<String> args = new ArrayList<>(argList);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String script;
        List<String> tunSpecs;
        String flash;
        String nvram;
        boolean paced;
        try {
            script = Args.option(args, "--script");
            tunSpecs = Args.options(args, "--tun");
            flash = Args.option(args, "--flash");
            nvram = Args.option(args, "--nvram");
            paced = args.remove("--paced");
        } catch (IllegalArgumentException e) {
            System.err.println("lab: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            String bad = args.isEmpty() ? null : args.stream().filter(a -> a.startsWith("-")).findFirst().orElse(args.get(args.size() - 1));
            System.err.println("lab: " + (bad == null ? "a lab folder is needed" : bad.startsWith("-") ? "unknown option " + bad
                : "unexpected argument " + bad));
            System.err.print(USAGE);
            return 2;
        }
        Topology t;
        try {
            t = Topology.load(Path.of(args.get(0)));
        } catch (Topology.TopologyException e) {
            System.err.println("lab: " + e.getMessage());
            return 2;
        }
        Lab.Options o = new Lab.Options();
        o.flashRoot = flash == null ? null : Path.of(flash);
        o.nvramDir = nvram == null ? null : Path.of(nvram);
        try {
            for (String spec : tunSpecs) {
                Map.Entry<Topology.Endpoint, String> e = tunSpec(spec, null);
                if (t.node(e.getKey().node()) == null) throw new IllegalArgumentException("--tun " + spec + ": no node " + e.getKey().node());
                o.extraTun.put(e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lab: " + e.getMessage());
            return 2;
        }
        if (script != null) {
            String text = Files.readString(Path.of(script), StandardCharsets.UTF_8);
            o.paced = paced;
            try (Lab lab = Lab.boot(t, o)) {
                for (String e : lab.bootErrors()) System.err.println("warning: " + e);
                try {
                    new LabScript(lab, out).run(text);
                } catch (LabScript.ScriptException e) {
                    out.flush();
                    System.err.println("lab: " + script + " " + e.getMessage());
                    return 1;
                }
            }
            return 0;
        }
        o.paced = terminal || paced;
        try (Lab lab = Lab.boot(t, o)) {
            return run(lab, terminal, out);
        }
    }

    /** `routerlab console --tun IF=DEV ...`: one router, live, with its interfaces on TUN devices. */
    public static int console(List<String> tunSpecs, String config, String nvramDir, boolean terminal) throws IOException {
        Map<Topology.Endpoint, String> tun = new LinkedHashMap<>();
        for (String spec : tunSpecs) {
            Map.Entry<Topology.Endpoint, String> e = tunSpec(spec, "Router");
            tun.put(e.getKey(), e.getValue());
        }
        Path cfg = config == null ? null : Path.of(config).toAbsolutePath();
        Topology t = new Topology("console", Path.of(".").toAbsolutePath(),
            Map.of("Router", new Topology.Node("Router", cfg, Router.IOSV_PORTS, null)), List.of(), tun, Map.of());
        Lab.Options o = new Lab.Options();
        o.paced = true;
        if (nvramDir != null) o.nvram.put("Router", Nvram.locked(Path.of(nvramDir)));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (Lab lab = Lab.boot(t, o)) {
            return run(lab, terminal, out);
        }
    }

    private static int run(Lab lab, boolean terminal, PrintStream out) throws IOException {
        LabConsole c = new LabConsole(lab, out);
        if (terminal) {
            try (org.jline.terminal.Terminal term = org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
                c.runJLine(term);
            }
        } else {
            c.runPipe(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        out.flush();
        return 0;
    }

    /** "R1:Gi0/1=rl-tun0" (or "Gi0/1=rl-tun0" when defaultNode is given). */
    static Map.Entry<Topology.Endpoint, String> tunSpec(String spec, String defaultNode) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) throw new IllegalArgumentException("--tun " + spec + ": expected IF=DEV");
        String left = spec.substring(0, eq);
        String dev = spec.substring(eq + 1);
        if (dev.length() > 15) throw new IllegalArgumentException("--tun " + spec + ": a device name has at most 15 characters");
        Topology.Endpoint ep;
        if (left.contains(":")) {
            ep = Topology.endpoint(left);
        } else if (defaultNode != null) {
            InterfaceName n = InterfaceName.parse(left);
            ep = n == null ? null : new Topology.Endpoint(defaultNode, n);
        } else {
            throw new IllegalArgumentException("--tun " + spec + ": expected NODE:IF=DEV");
        }
        if (ep == null) throw new IllegalArgumentException("--tun " + spec + ": not an interface name: " + left);
        return Map.entry(ep, dev);
    }
}
