package dev.routerlab.nhrp.bench;

import static dev.routerlab.nhrp.bench.DmvpnScale.lan;
import static dev.routerlab.nhrp.bench.DmvpnScale.nbmaHub;
import static dev.routerlab.nhrp.bench.DmvpnScale.usedAfterGc;

import dev.routerlab.cli.Session;
import dev.routerlab.device.Router;
import dev.routerlab.eigrp.EigrpRouter;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;
import dev.routerlab.ospf.NeighborState;
import dev.routerlab.ospf.OspfInstance;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Figures, not a test: DmvpnScale's hub and N spokes (whole routers, one JVM, one virtual clock)
 * routed by a protocol instead of static routes.
 * <ul>
 * <li>{@code ospf N}: OSPF broadcast on the mGRE tunnel (hub DR, spokes priority 0): the wall and
 *     virtual time until the hub has N neighbours FULL, heap per neighbour.</li>
 * <li>{@code eigrp N [ipsec]}: EIGRP AS 100, phase 2 style (`no ip split-horizon eigrp`, `no ip
 *     next-hop-self eigrp` on the hub) so every spoke learns every other spoke's LAN: the time until
 *     every spoke has all N-1 routes, heap per spoke; then the hub loses spoke 1 (its port shut):
 *     the time until no spoke has spoke 1's LAN any more (hold time 15 s included).</li>
 * </ul>
 * <pre>bench/dmvpn-routing-scale.sh ospf 500 | eigrp 1000 ipsec</pre>
 */
public final class DmvpnRoutingScale {
    private DmvpnRoutingScale() {}

    public static void main(String[] args) throws Exception {
        boolean ospf = args.length > 0 && args[0].equals("ospf");
        int spokes = args.length > 1 ? Integer.parseInt(args[1]) : ospf ? 500 : 1000;
        boolean ipsec = args.length > 2 && args[2].equalsIgnoreCase("ipsec");
        Path dir = Files.createTempDirectory("dmvpnrouting");
        try {
            run(ospf, spokes, ipsec, dir);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void run(boolean ospf, int spokes, boolean ipsec, Path dir) throws Exception {
        String hubTunnel = ospf ? " ip ospf network broadcast\n ip ospf 1 area 0\n"
            : " no ip split-horizon eigrp 100\n no ip next-hop-self eigrp 100\n";
        String spokeTunnel = ospf ? " ip ospf network broadcast\n ip ospf priority 0\n ip ospf 1 area 0\n" : "";
        String spokeLan = ospf ? " ip ospf network point-to-point\n ip ospf 1 area 0\n" : "";
        String process = ospf ? "" : "router eigrp 100\n network 172.20.0.0 0.0.255.255\n network 10.0.0.0\n!\n";
        Topology t = DmvpnScale.topology("dmvpn-routing-scale", dir, spokes, ipsec,
            new DmvpnScale.Parts(hubTunnel, process, spokeLan, spokeTunnel, i -> process + "ip route 0.0.0.0 0.0.0.0 " + nbmaHub(i) + "\n"));

        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        var threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Lab.Options opt = new Lab.Options();
        opt.ssh = false;
        try (Lab lab = Lab.boot(t, opt)) {
            long t1 = System.nanoTime();
            if (!lab.bootErrors().isEmpty()) System.out.println("boot errors: " + lab.bootErrors().subList(0, Math.min(5, lab.bootErrors().size())));
            Router h = lab.router("HUB");
            long v0 = lab.clock().nanos();
            Supplier<Integer> done = ospf
                ? () -> {
                    int n = 0;
                    for (OspfInstance o : h.ospf().processes().values())
                        for (OspfInstance.NeighborInfo x : o.neighbors()) if (x.state() == NeighborState.FULL) n++;
                    return n;
                }
                : () -> {
                    int n = 0;
                    for (int i = 1; i <= spokes; i++) if (eigrpRoutes(lab.router("S" + i)) >= spokes - 1) n++;
                    return n;
                };
            int reached = 0;
            for (int step = 0; step < 1800 && reached < spokes; step++) {
                lab.advance(1_000_000_000L);
                reached = lab.call(done);
            }
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            long after = usedAfterGc(mem);
            String what = ospf ? "hub neighbours FULL" : "spokes with all " + (spokes - 1) + " other spokes' LANs (D)";
            System.out.printf("routers: %d (1 hub, %d spokes, %s%s)%n", spokes + 1, spokes, ospf ? "OSPF broadcast on mGRE" : "EIGRP phase 2",
                ipsec ? ", tunnel protection" : "");
            System.out.printf("boot (parse, build, wire, 5 s virtual settle): %.2f s wall%n", (t1 - t0) / 1e9);
            System.out.printf("%s: %d of %d, %.0f s virtual after the boot settle; launch to converged: %.1f s wall, %.1f s CPU of the lab's thread%n",
                what, reached, spokes, (lab.clock().nanos() - v0) / 1e9, (t2 - t0) / 1e9, (c2 - c0) / 1e9);
            System.out.printf("heap: %.1f MB for the lab, %.0f KB per %s%n", (after - before) / 1048576.0,
                (after - before) / 1024.0 / spokes, ospf ? "neighbour (spoke router included)" : "spoke (hub included in the total)");
            if (ospf) return;

            // the hub loses spoke 1: its port goes down, the hold time runs out, every spoke loses 10.0.1.0/24
            long t3 = System.nanoTime();
            long c3 = threads.getCurrentThreadCpuTime();
            long v3 = lab.clock().nanos();
            lab.exec(() -> {
                Session s = lab.console("HUB");
                s.swapTerminal(new dev.routerlab.cli.Terminal() {
                    @Override public void write(String text) { }
                });
                for (String l : new String[] {"enable", "configure terminal", "interface GigabitEthernet0/1", "shutdown", "end"}) s.type(l);
            });
            int gone = 0;
            int lost = dev.routerlab.packet.Ipv4Address.parse(lan(1));
            for (int step = 0; step < 6000 && gone < spokes - 1; step++) {
                lab.advance(100_000_000L);
                gone = lab.call(() -> {
                    int n = 0;
                    for (int i = 2; i <= spokes; i++) {
                        var r = lab.router("S" + i).ip().rib().route(lost, 24);
                        if (r == null) n++;
                    }
                    return n;
                });
            }
            System.out.printf("hub loses spoke 1: %d of %d spokes without its LAN after %.1f s virtual (hold time 15 s included), %.2f s wall, %.2f s CPU%n",
                gone, spokes - 1, (lab.clock().nanos() - v3) / 1e9, (System.nanoTime() - t3) / 1e9, (threads.getCurrentThreadCpuTime() - c3) / 1e9);
        }
    }

    static int eigrpRoutes(Router r) {
        int n = 0;
        for (EigrpRouter.Process p : r.eigrp().processes().values()) n += p.routes().size();
        return n;
    }
}
