package dev.routerlab.ospf.bench;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import dev.routerlab.ospf.NeighborState;
import dev.routerlab.ospf.OspfInstance;
import dev.routerlab.packet.Ipv4Address;

/**
 * Figures, not a test: N full routers (default 100) on a grid of Ethernet links (point-to-point
 * OSPF, area 0), configured from the CLI, on one virtual clock. Prints the configuration time,
 * the virtual and wall time until every adjacency is FULL and every router has a route to every
 * other router's loopback, and the heap per router.
 *   bench/ospf-router-grid.sh [ROUTERS]
 */
public final class OspfRouterGrid {
    private OspfRouterGrid() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int cols = (int) Math.ceil(Math.sqrt(n));
        Runtime rt = Runtime.getRuntime();
        gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        Net net = new Net();
        Net.Node[] r = new Net.Node[n];
        for (int i = 0; i < n; i++) {
            r[i] = net.router("R" + (i + 1));
            String lo = Ipv4Address.toString(0xAC100000 + i + 1);
            r[i].config("interface Loopback0", "ip address " + lo + " 255.255.255.255",
                "router ospf 1", "router-id " + lo, "network 0.0.0.0 255.255.255.255 area 0");
        }
        int links = 0;
        WireOptions o = WireOptions.DEFAULT.withDelay(500_000);
        for (int i = 0; i < n; i++) {
            int right = (i % cols) + 1 < cols && i + 1 < n ? i + 1 : -1, down = i + cols < n ? i + cols : -1;
            if (right >= 0) link(net, o, r[i], "GigabitEthernet0/0", r[right], "GigabitEthernet0/1", links++);
            if (down >= 0) link(net, o, r[i], "GigabitEthernet0/2", r[down], "GigabitEthernet0/3", links++);
        }
        long configured = System.nanoTime();
        long v0 = net.clock.nanos();
        int seconds = 0;
        while (!converged(r, n) && seconds < 3600) {
            net.run(1);
            seconds++;
        }
        long done = System.nanoTime();
        gc();
        long heap = rt.totalMemory() - rt.freeMemory() - heap0;
        int full = 0, adj = 0;
        long spf = 0;
        for (Net.Node x : r) {
            OspfInstance p = x.router.ospf().processes().get(1);
            for (OspfInstance.NeighborInfo nb : p.neighbors()) {
                adj++;
                if (nb.state() == NeighborState.FULL) full++;
            }
            spf += p.counters().spfRuns();
        }
        System.out.printf("routers %d (grid %d wide), links %d%n", n, cols, links);
        System.out.printf("configuration from the CLI (wall): %.1f s%n", (configured - t0) / 1e9);
        System.out.printf("virtual time to full adjacency and all loopback routes: %d s%n", (net.clock.nanos() - v0) / 1_000_000_000L);
        System.out.printf("wall time for it: %.1f s%n", (done - configured) / 1e9);
        System.out.printf("adjacencies FULL: %d of %d%n", full, adj);
        System.out.printf("SPF runs: %d (%.1f per router)%n", spf, spf / (double) n);
        System.out.printf("heap per router: %.2f MiB%n", heap / (double) n / (1 << 20));
    }

    private static void link(Net net, WireOptions o, Net.Node a, String ia, Net.Node b, String ib, int k) {
        int base = 0x0A000000 + 4 * k;
        net.wire(a, ia, b, ib, o);
        a.config("interface " + ia, "ip address " + Ipv4Address.toString(base + 1) + " 255.255.255.252",
            "ip ospf network point-to-point", "no shutdown");
        b.config("interface " + ib, "ip address " + Ipv4Address.toString(base + 2) + " 255.255.255.252",
            "ip ospf network point-to-point", "no shutdown");
    }

    /** Every router has an OSPF route to each other router's loopback, every adjacency FULL. */
    private static boolean converged(Net.Node[] r, int n) {
        for (Net.Node x : r) {
            OspfInstance p = x.router.ospf().processes().get(1);
            if (p == null) return false;
            int loops = 0;
            for (var route : p.routes()) if (route.prefixLength() == 32 && (route.prefix() >>> 20) == 0xAC1) loops++;
            if (loops < n - 1) return false;
            for (OspfInstance.NeighborInfo nb : p.neighbors()) if (nb.state() != NeighborState.FULL) return false;
        }
        return true;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) System.gc();
    }
}
