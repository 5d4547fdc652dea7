package dev.routerlab.ip;

import dev.routerlab.device.cli.Shell;
import dev.routerlab.features.Features;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.lab.Replay;
import dev.routerlab.link.Wire;
import dev.routerlab.link.WireOptions;
import dev.routerlab.sim.VirtualScheduler;

/** Several routers on one virtual clock, joined by wires, each with a console whose output tests read. */
public final class Net {
    public final VirtualScheduler clock = new VirtualScheduler(Replay.EPOCH_1993);
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private long seed = 11;

    /** One router and its console. */
    public final class Node implements Terminal {
        public final Router router;
        public final Session session;
        private final StringBuilder out = new StringBuilder();
        private final java.util.ArrayDeque<String> answers = new java.util.ArrayDeque<>();

        Node(String name) {
            router = new Router(clock, new SplittableRandom(seed++), Nvram.memory(), Router.IOSV_PORTS);
            Features.shell(router).boot();
            session = Shell.of(router).session(this, "con 0", null, null, 15);
            Shell.of(router).attach(session);
            config("hostname " + name, "no ip domain lookup");
            out.setLength(0);
        }

        /** Types one line; runs the clock until the command is over; returns what was printed. */
        public String exec(String line) {
            out.setLength(0);
            session.type(line);
            dev.routerlab.TestRouter.answerQuestions(session, out, answers);
            clock.runUntil(() -> !session.busy(), Session.MAX_COMMAND_NANOS);
            String s = out.toString();
            out.setLength(0);
            return s;
        }

        /** Configuration lines between `configure terminal` and `end`; returns all output. */
        public String config(String... lines) {
            StringBuilder sb = new StringBuilder(exec("configure terminal"));
            for (String l : lines) sb.append(exec(l));
            sb.append(exec("end"));
            return sb.toString();
        }

        /**
         * The DF boundary of a path: `ping ARGS size MTU df-bit` passes twice, one byte more gets
         * "fragmentation needed" (an M) and no reply.
         */
        public void assertDfBoundary(String pingArgs, int mtu) {
            String fits = exec("ping " + pingArgs + " size " + mtu + " df-bit repeat 2");
            org.junit.jupiter.api.Assertions.assertTrue(fits.contains("!!\nSuccess rate is 100 percent (2/2)"), fits);
            String over = exec("ping " + pingArgs + " size " + (mtu + 1) + " df-bit repeat 2");
            org.junit.jupiter.api.Assertions.assertTrue(over.contains("M") && over.contains("Success rate is 0 percent (0/2)"), over);
        }

        /** Output printed since the last command (log lines arriving while time passes). */
        public String pending() {
            String s = out.toString();
            out.setLength(0);
            return s;
        }

        public Node answer(String a) {
            answers.add(a);
            return this;
        }

        public IpEngine ip() { return router.ip(); }

        public IpInterface iface(String name) { return router.ip().get(InterfaceName.parse(name)); }

        @Override public void write(String text) { out.append(text); }
    }

    public Node router(String name) {
        Node n = new Node(name);
        nodes.put(name, n);
        return n;
    }

    public Node get(String name) { return nodes.get(name); }

    public Wire wire(Node a, String ia, Node b, String ib) { return wire(a, ia, b, ib, WireOptions.DEFAULT); }

    public Wire wire(Node a, String ia, Node b, String ib, WireOptions o) {
        Wire w = Wire.connect(a.router.port(InterfaceName.parse(ia)), b.router.port(InterfaceName.parse(ib)), o);
        clock.runDue();
        return w;
    }

    /** Lets virtual time pass (keepalives, timeouts). */
    public void run(long seconds) { clock.advance(seconds * 1_000_000_000L); }

    /**
     * R1 - R2 - R3 on 10.12.0.0/24 and 10.23.0.0/24, loopbacks 1.1.1.1 and 3.3.3.3, and a GRE
     * tunnel R1-R3 (172.16.13.0/30) over R2 carrying the static routes between the loopbacks.
     */
    public static Net greLab(WireOptions o) {
        Net n = new Net();
        Node r1 = n.router("R1"), r2 = n.router("R2"), r3 = n.router("R3");
        n.wire(r1, "Gi0/0", r2, "Gi0/0", o);
        n.wire(r2, "Gi0/1", r3, "Gi0/0", o);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3",
            "ip route 10.23.0.0 255.255.255.0 10.12.0.2", "ip route 3.3.3.3 255.255.255.255 Tunnel0");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1",
            "ip route 10.12.0.0 255.255.255.0 10.23.0.2", "ip route 1.1.1.1 255.255.255.255 Tunnel0");
        for (Node x : n.nodes.values()) x.pending();
        return n;
    }
}
