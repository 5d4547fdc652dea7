package dev.routerlab.lab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.routerlab.cli.Session;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;

/**
 * Figures, not a test: boots a lab of one hub and N spokes (default 999), each spoke wired to
 * its own hub port with a GRE tunnel to the hub over it, in one JVM on one virtual clock; prints
 * heap per router, boot time, and the wall time until every tunnel is up and every spoke has
 * pinged the hub through its tunnel.
 *
 * <pre>bench/lab-scale.sh [SPOKES]</pre>
 */
public final class LabScale {
    private LabScale() {}

    public static void main(String[] args) throws Exception {
        int spokes = args.length > 0 ? Integer.parseInt(args[0]) : 999;
        Path dir = Files.createTempDirectory("labscale");
        try {
            run(spokes, dir);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String hubAddr(int i) { return "10." + (i >> 8) + "." + (i & 0xff) + ".1"; }

    static String spokeAddr(int i) { return "10." + (i >> 8) + "." + (i & 0xff) + ".2"; }

    static String tunHub(int i) { return "172." + (16 + (i >> 14)) + "." + ((i >> 6) & 0xff) + "." + ((i & 0x3f) * 4 + 1); }

    static String tunSpoke(int i) { return "172." + (16 + (i >> 14)) + "." + ((i >> 6) & 0xff) + "." + ((i & 0x3f) * 4 + 2); }

    static void run(int spokes, Path dir) throws Exception {
        StringBuilder hub = new StringBuilder("hostname HUB\nno ip domain lookup\n");
        List<InterfaceName> hubPorts = new ArrayList<>();
        Map<String, Topology.Node> nodes = new LinkedHashMap<>();
        List<Topology.LinkSpec> links = new ArrayList<>();
        for (int i = 1; i <= spokes; i++) {
            InterfaceName p = InterfaceName.parse("GigabitEthernet0/" + i);
            hubPorts.add(p);
            hub.append("interface Tunnel").append(i).append("\n ip address ").append(tunHub(i)).append(" 255.255.255.252\n")
               .append(" tunnel source ").append(p).append("\n tunnel destination ").append(spokeAddr(i)).append("\n!\n");
            hub.append("interface ").append(p).append("\n ip address ").append(hubAddr(i)).append(" 255.255.255.252\n no shutdown\n!\n");
            String name = "S" + i;
            Path cfg = dir.resolve(name + ".cfg");
            Files.writeString(cfg, "hostname " + name + "\nno ip domain lookup\n"
                + "interface Tunnel0\n ip address " + tunSpoke(i) + " 255.255.255.252\n tunnel source GigabitEthernet0/0\n"
                + " tunnel destination " + hubAddr(i) + "\n!\n"
                + "interface GigabitEthernet0/0\n ip address " + spokeAddr(i) + " 255.255.255.252\n no shutdown\n!\nend\n");
            links.add(new Topology.LinkSpec(new Topology.Endpoint(name, InterfaceName.parse("Gi0/0")),
                new Topology.Endpoint("HUB", p), 0, 0, 0));
        }
        Path hubCfg = dir.resolve("HUB.cfg");
        Files.writeString(hubCfg, hub.append("end\n").toString());
        nodes.put("HUB", new Topology.Node("HUB", hubCfg, hubPorts, null));
        for (int i = 1; i <= spokes; i++) {
            nodes.put("S" + i, new Topology.Node("S" + i, dir.resolve("S" + i + ".cfg"), List.of(InterfaceName.parse("Gi0/0")), null));
        }
        Topology t = new Topology("scale", dir, nodes, links, Map.of(), Map.of());

        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        var threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        dev.routerlab.bench.Meter meter = new dev.routerlab.bench.Meter();
        try (Lab lab = Lab.boot(t, new Lab.Options())) {
            long t1 = System.nanoTime();
            String bootMeter = meter.since();
            long c1 = threads.getCurrentThreadCpuTime();
            if (!lab.bootErrors().isEmpty()) System.out.println("boot errors: " + lab.bootErrors().subList(0, Math.min(5, lab.bootErrors().size())));
            // every tunnel's line protocol up, on both ends
            int up = 0;
            for (int i = 1; i <= spokes; i++) {
                var r = lab.router("S" + i);
                if (r.lineProtocolUp(r.config().interfaces.get(InterfaceName.parse("Tunnel0")))) up++;
                var h = lab.router("HUB");
                if (h.lineProtocolUp(h.config().interfaces.get(InterfaceName.parse("Tunnel" + i)))) up++;
            }
            long t2 = System.nanoTime();
            // every spoke pings the hub's end of its tunnel, all at once
            List<Session> consoles = new ArrayList<>();
            for (int i = 1; i <= spokes; i++) {
                Session s = lab.console("S" + i);
                StringBuilder sink = new StringBuilder();
                dev.routerlab.cli.Terminal term = new dev.routerlab.cli.Terminal() {
                    @Override public void write(String text) { sink.append(text); }
                };
                s.swapTerminal(term);
                s.type("enable");
                s.type("ping " + tunHub(i) + " repeat 2");
                consoles.add(s);
                outputs.add(sink);
            }
            lab.settle();
            long t3 = System.nanoTime();
            long c3 = threads.getCurrentThreadCpuTime();
            String allMeter = meter.since();
            int ok = 0;
            for (StringBuilder o : outputs) if (o.toString().contains("Success rate is") && !o.toString().contains("Success rate is 0 percent")) ok++;
            long after = usedAfterGc(mem);
            int routers = spokes + 1;
            System.out.printf("routers: %d (1 hub with %d tunnels, %d spokes), wires: %d%n", routers, spokes, spokes, lab.wires().size());
            System.out.printf("boot (parse %d startup-configs, build, wire, 5 s virtual settle): %.2f s wall, %.2f s CPU of the lab's thread%n",
                routers, (t1 - t0) / 1e9, (c1 - c0) / 1e9);
            System.out.printf("tunnel line protocol up after boot: %d of %d tunnel ends%n", up, 2 * spokes);
            System.out.printf("every spoke pings the hub through its tunnel (2 echoes each): %d of %d succeeded, %.2f s%n", ok, spokes, (t3 - t2) / 1e9);
            System.out.printf("time until all tunnels are up and carrying pings: %.2f s wall, %.2f s CPU of the lab's thread%n",
                (t3 - t0) / 1e9, (c3 - c0) / 1e9);
            System.out.println("boot: " + bootMeter);
            System.out.println("until all up and pinged: " + allMeter);
            System.out.printf("heap: %.1f MB for the lab, %.0f KB per router%n", (after - before) / 1048576.0, (after - before) / 1024.0 / routers);
        }
    }

    static final List<StringBuilder> outputs = new ArrayList<>();

    static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
