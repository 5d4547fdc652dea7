package dev.routerlab.lab;

import dev.routerlab.capture.Captures;
import dev.routerlab.capture.cli.CaptureCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import dev.routerlab.features.Features;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Processes;
import dev.routerlab.device.Router;
import dev.routerlab.link.TunLink;

/**
 * A running lab: the topology's routers in one JVM on one {@link LabClock}, each on a turn of
 * its own ({@link LabClock.Turn}), joined by wires, optionally bound to TUN devices, each with a
 * console session ("con 0") whose unasked output waits in a {@link ConsolePort} until someone
 * looks.
 *
 * <p>Unpaced labs (replay, scripts) are driven by the thread that booted them and are
 * deterministic: routers get seeded random sources, time is virtual and every turn runs on that
 * thread. A lab with a TUN binding or an SSH port, or one started for an interactive console, is
 * paced: time follows the wall clock and the routers run on worker threads, each one thread at a
 * time; other threads reach a router through {@link #call(String, java.util.function.Supplier)}
 * (or a session's through {@link #call(Session, java.util.function.Supplier)}), and the lab as a
 * whole, every router stopped, through {@link #call(java.util.function.Supplier)}.
 */
public final class Lab implements AutoCloseable {
    /** Virtual time a lab runs after loading the startup-configs, before the consoles attach. */
    public static final long BOOT_SETTLE_NANOS = 5_000_000_000L;
    /** The longest a single command may keep a console busy in virtual time. */
    public static final long COMMAND_LIMIT_NANOS = Session.MAX_COMMAND_NANOS;

    /** How to run a lab. */
    public static final class Options {
        /** Pace to the wall clock (interactive). TUN bindings and SSH ports imply it. */
        public boolean paced;
        /** Where each node's `flash:` lives: {@code flashRoot/<node>}; null: {@code ./flash/<node>}. */
        public Path flashRoot;
        /** TUN bindings added on the command line (`--tun R1:Gi0/1=rl-tun0`). */
        public final Map<Topology.Endpoint, String> extraTun = new LinkedHashMap<>();
        /** NVRAM for a node (e.g. `console --nvram DIR`); default: memory holding its startup-config. */
        public final Map<String, Nvram> nvram = new LinkedHashMap<>();
        /**
         * `lab --nvram DIR`: each node's NVRAM is {@code DIR/<node>}, seeded with its startup-config
         * the first time; the routers boot from it, so `write memory` survives the lab.
         */
        public Path nvramDir;
        /** Start SSH servers for nodes with an ssh-port. */
        public boolean ssh = true;
        /**
         * Where the lab's clock starts (epoch milliseconds); IOS's unset clock, 1 March 1993, unless
         * set. A lab whose certificates a real peer checks on its own clock starts at the wall time.
         */
        public long clockStartMillis = Replay.EPOCH_1993;
    }

    private final Topology topology;
    private final Options options;
    private final LabClock clock;
    private final Map<String, Router> routers = new LinkedHashMap<>();
    private final Map<String, LabClock.Turn> turns = new LinkedHashMap<>();
    private final Map<Router, String> nodeOf = new java.util.IdentityHashMap<>();
    private final Map<String, Session> consoles = new LinkedHashMap<>();
    private final Map<Session, ConsolePort> ports = new java.util.IdentityHashMap<>();
    private final List<String> bootErrors = new ArrayList<>();
    private final List<TunLink> tuns = new ArrayList<>();
    private final List<dev.routerlab.link.Wire> wires = new ArrayList<>();
    private final List<AutoCloseable> services = new ArrayList<>();
    private final boolean live;
    private boolean closed;

    private Lab(Topology topology, Options options) {
        this.topology = topology;
        this.options = options;
        this.clock = new LabClock(options.clockStartMillis);
        boolean anySsh = options.ssh && topology.nodes().values().stream().anyMatch(n -> n.sshPort() != null);
        this.live = !topology.tun().isEmpty() || !options.extraTun.isEmpty() || anySsh;
    }

    /** Boots every node of the topology; see {@link #bootErrors()} for bad startup-config lines. */
    public static Lab boot(Topology topology, Options options) throws IOException {
        Lab lab = new Lab(topology, options);
        try {
            lab.start();
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Boots a lab folder with default options, unpaced (replay and scripts). */
    public static Lab boot(Path labDir) throws IOException, Topology.TopologyException {
        return boot(Topology.load(labDir), new Options());
    }

    private void start() throws IOException {
        for (Topology.Node n : topology.nodes().values()) {
            Nvram nv = options.nvram.get(n.name());
            if (nv == null && options.nvramDir != null) {
                nv = Nvram.locked(options.nvramDir.resolve(n.name()));
                services.add(nv);
                if (nv.read(Nvram.STARTUP_CONFIG) == null && n.startupConfig() != null) {
                    nv.write(Nvram.STARTUP_CONFIG, Files.readAllBytes(n.startupConfig()));
                }
            } else if (nv == null) {
                nv = Nvram.memory();
                if (n.startupConfig() != null) nv.write(Nvram.STARTUP_CONFIG, Files.readAllBytes(n.startupConfig()));
            }
            LabClock.Turn turn = clock.turn(n.name());
            Router r = new Router(turn, random(n.name()), nv, n.ports());
            turns.put(n.name(), turn);
            Features.shell(r);
            routers.put(n.name(), r);
            nodeOf.put(r, n.name());
            CaptureCommands.of(r).flashDirectory(options.flashRoot == null ? Path.of("flash", n.name()) : options.flashRoot.resolve(n.name()));
        }
        // links first, configurations second: binding a port then costs nothing, and the engines
        // take the whole configuration in one reconcile at the end of each boot
        for (Topology.LinkSpec l : topology.links()) {
            wires.add(LabWiring.connect(clock, routers.get(l.a().node()), l.a().iface(), routers.get(l.b().node()), l.b().iface(), l));
        }
        Map<Topology.Endpoint, String> tun = new LinkedHashMap<>(topology.tun());
        tun.putAll(options.extraTun);
        for (Map.Entry<Topology.Endpoint, String> e : tun.entrySet()) {
            Router r = routers.get(e.getKey().node());
            if (r == null) throw new IOException("--tun " + e.getKey() + ": no node " + e.getKey().node());
            if (!r.ports().contains(e.getKey().iface())) throw new IOException("--tun " + e.getKey() + ": no such port");
            TunLink t;
            try {
                LabClock.Turn turn = turns.get(e.getKey().node());
                Processes p = r.processes();
                // the reader posts full batches and runs the last of a burst itself when the router
                // is idle; each batch is interrupt-level work, as a wire's frames are
                t = TunLink.open(e.getValue(), task -> turn.execute(p.interrupt(task)), task -> turn.runOrPost(p.interrupt(task)));
            } catch (IOException x) {
                throw new IOException("TUN " + e.getValue() + " for " + e.getKey() + ": " + x.getMessage(), x);
            }
            tuns.add(t);
            t.start(LabWiring.bind(r, e.getKey().iface(), t));
        }
        for (Map.Entry<Topology.Endpoint, Path> e : topology.capture().entrySet()) {
            Router r = routers.get(e.getKey().node());
            Captures.Tap tap = CaptureCommands.of(r).tap(e.getKey().iface());
            if (tap == null) throw new IOException("capture " + e.getKey() + ": the interface has no link or TUN");
            tap.stream(e.getValue(), clock);
        }
        for (Topology.Node n : topology.nodes().values()) {
            Router r = routers.get(n.name());
            String src = n.startupConfig() == null ? "startup-config" : topology.dir().relativize(n.startupConfig().toAbsolutePath()).toString();
            List<String> errors = options.nvram.containsKey(n.name()) && n.startupConfig() != null
                ? Shell.of(r).bootFrom(Files.readAllBytes(n.startupConfig())) : Shell.of(r).boot();
            for (String e : errors) bootErrors.add(n.name() + ": " + src + " " + e);
            if (r.hostname().equals("Router")) {
                // a node name IOS refuses as a hostname (`R_1`) is reported, the router stays "Router"
                for (String e : Shell.of(r).load("hostname " + n.name())) bootErrors.add(n.name() + ": " + e);
            }
        }
        clock.advance(BOOT_SETTLE_NANOS);
        for (String n : routers.keySet()) newConsole(n);
        if (options.ssh) {
            for (Topology.Node n : topology.nodes().values()) {
                if (n.sshPort() == null) continue;
                try {
                    services.add(SshHook.start(routers.get(n.name()), n.sshPort()));
                } catch (Exception x) {
                    throw new IOException(n.name() + " ssh-port " + n.sshPort() + ": " + x.getMessage(), x);
                }
            }
        }
        if (options.paced || live) clock.startPacing();
    }

    private RandomGenerator random(String node) {
        if (live) return new SecureRandom();
        // a fixed seed per node name: the same lab gives the same bytes on every run
        return new SplittableRandom(0x1AB5EEDL * 31 + node.hashCode());
    }

    /** Gives the node a fresh console session (after boot, or after `exit` on the old one). */
    public Session newConsole(String node) {
        Router r = routers.get(node);
        Session old;
        synchronized (consoles) {
            old = consoles.get(node);
        }
        ConsolePort port = new ConsolePort();
        Session s = call(node, () -> {
            if (old != null) {
                Shell.of(r).detach(old);
                Shell.of(r).forgetConsole(old);
            }
            Session c = Shell.of(r).console(port);
            Shell.of(r).attach(c);
            return c;
        });
        synchronized (consoles) {
            if (old != null) ports.remove(old);
            ports.put(s, port);
            consoles.put(node, s);
        }
        return s;
    }

    public Topology topology() { return topology; }

    public LabClock clock() { return clock; }

    /** True when the lab runs on the wall clock (TUN, SSH, interactive). */
    public boolean paced() { return clock.paced(); }

    /** Startup-config lines that failed, as "R1: R1.cfg line 12: text: % error". */
    public List<String> bootErrors() { return List.copyOf(bootErrors); }

    public List<String> nodes() { return List.copyOf(routers.keySet()); }

    public Router router(String node) { return routers.get(node); }

    /** The turn a node's router runs on (its scheduler). */
    public LabClock.Turn turn(String node) { return turns.get(node); }

    public String nodeOf(Router r) { return nodeOf.get(r); }

    /** Where the nodes' NVRAM lives across runs (`--nvram DIR`), or null. */
    public Path nvramDir() { return options.nvramDir; }

    /** The nodes whose running configuration changed since it was last saved (or since boot). */
    public List<String> unsaved() {
        return call(() -> routers.entrySet().stream().filter(e -> Shell.of(e.getValue()).unsaved()).map(Map.Entry::getKey).toList());
    }

    /** The node a session runs on. */
    public String nodeOf(Session s) { return nodeOf.get(((Shell) s.host()).router()); }

    public Session console(String node) {
        synchronized (consoles) {
            return consoles.get(node);
        }
    }

    /** The console of the router whose hostname (or, failing that, node name) is given; null if none. */
    public Session session(String hostname) {
        return call(() -> {
            synchronized (consoles) {
                return sessionOf(hostname);
            }
        });
    }

    private Session sessionOf(String hostname) {
        for (Map.Entry<String, Router> e : routers.entrySet()) {
            if (e.getValue().hostname().equals(hostname)) return consoles.get(e.getKey());
        }
        for (Map.Entry<String, Router> e : routers.entrySet()) {
            if (e.getValue().hostname().equalsIgnoreCase(hostname)) return consoles.get(e.getKey());
        }
        Session s = consoles.get(hostname);
        if (s != null) return s;
        for (Map.Entry<String, Session> e : consoles.entrySet()) {
            if (e.getKey().equalsIgnoreCase(hostname)) return e.getValue();
        }
        return null;
    }

    /** What the session's console printed unasked since last asked (log lines), then forgets it. */
    public String backlog(Session s) {
        ConsolePort p;
        synchronized (consoles) {
            p = ports.get(s);
        }
        return p == null ? "" : p.drain();
    }

    /** The console port (unasked-output buffer) a session writes to when nobody watches it. */
    public Terminal port(Session s) {
        synchronized (consoles) {
            return ports.get(s);
        }
    }

    /**
     * After a typed line: runs the routers until every console is ready for its next line (a
     * command such as ping keeps its console busy while it runs). Unpaced only.
     */
    public void settle() {
        clock.runUntil(new AllIdle(), COMMAND_LIMIT_NANOS);
    }

    /**
     * True when no console is in the middle of a command; asked after every task, so it resumes
     * at the first console it last found busy (linear in consoles over a whole settle, not per
     * task) and confirms with a full pass before answering yes.
     */
    private final class AllIdle implements java.util.function.BooleanSupplier {
        private List<Session> all = consoles();
        private int next;

        @Override
        public boolean getAsBoolean() {
            while (next < all.size() && idle(all.get(next))) next++;
            if (next < all.size()) return false;
            all = consoles();      // a console may have been replaced meanwhile
            next = 0;
            while (next < all.size() && idle(all.get(next))) next++;
            return next == all.size();
        }
    }

    private List<Session> consoles() {
        synchronized (consoles) {
            return List.copyOf(consoles.values());
        }
    }

    /** Whether the session is ready for a line (not in the middle of a ping, say). */
    static boolean idle(Session s) {
        return !s.busy();
    }

    /** Lets time pass, e.g. for `!! wait 40s`: virtual time unpaced, real time when paced. */
    public void advance(long nanos) {
        if (!paced()) {
            clock.advance(nanos);
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs task where it may touch every router (paced: with every router stopped) and waits for it. */
    public void exec(Runnable task) { clock.exec(task); }

    /** As {@link #exec(Runnable)}, with a value. */
    public <T> T call(java.util.function.Supplier<T> task) { return clock.call(task); }

    /** Runs task on the node's turn (where its router lives) and returns its value. */
    public <T> T call(String node, java.util.function.Supplier<T> task) { return turns.get(node).call(task); }

    /** Runs task on the turn of the router the session runs on and returns its value. */
    public <T> T call(Session s, java.util.function.Supplier<T> task) { return turnOf(s).call(task); }

    /** As {@link #call(Session, java.util.function.Supplier)}, without a value. */
    public void exec(Session s, Runnable task) { turnOf(s).exec(task); }

    private LabClock.Turn turnOf(Session s) { return turns.get(nodeOf(s)); }

    /**
     * Types a line on a session (or answers its open question): on its router's turn, then
     * (paced) waits until it is idle again, i.e. at its prompt or at a question.
     */
    public void type(Session s, String line) {
        if (!paced()) {
            s.type(line);
            if (s.question() == null) settle();   // an answer typed next comes before the routers run on
            return;
        }
        exec(s, () -> s.type(line));
        s.awaitIdle();
    }

    /** The wires, in topology order (their frame and loss counters). */
    public List<dev.routerlab.link.Wire> wires() { return List.copyOf(wires); }

    /** The TUN links of the lab (bound from the topology or the command line). */
    public List<TunLink> tuns() { return List.copyOf(tuns); }

    /** Reads a file in the lab's folder (e.g. a script), for messages. */
    public String read(String name) throws IOException {
        return Files.readString(topology.dir().resolve(name), StandardCharsets.UTF_8);
    }

    /** Stops SSH, closes TUN devices and capture files, stops the clock driver. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (AutoCloseable s : services) {
            try {
                s.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        for (TunLink t : tuns) {
            try {
                t.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        Runnable flush = () -> {
            for (Router r : routers.values()) CaptureCommands.of(r).close();
        };
        if (clock.paced()) {
            try {
                clock.exec(flush);
            } catch (RuntimeException e) {
                flush.run();
            }
        } else {
            flush.run();
        }
        clock.close();
    }
}
