package dev.routerlab.ospf.bench;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.ospf.NeighborState;
import dev.routerlab.ospf.OspfInstance;
import dev.routerlab.ospf.OspfInterfaceConfig;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import dev.routerlab.ospf.OspfLog;
import dev.routerlab.sim.VirtualScheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures for issue 11: N OSPF engines (default 1,000) in one area, a grid of point-to-point
 * links, one VirtualScheduler. Reports the wall time and virtual time until every router has
 * every other router's loopback in its routing table, SPF runs and wall time per run, packets,
 * and heap per router.
 *   bench/ospf-grid.sh [ROUTERS]
 */
public final class OspfGridScale {
    private OspfGridScale() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int cols = (int) Math.ceil(Math.sqrt(n));
        VirtualScheduler s = new VirtualScheduler(0);
        Runtime rt = Runtime.getRuntime();
        gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        OspfInstance[] r = new OspfInstance[n];
        int[] routes = new int[n];
        long[] packets = new long[1];
        // link id -> the two (router, interface) ends
        Map<String, int[]> peerOf = new HashMap<>();
        Map<String, Integer> addrOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            final int me = i;
            r[i] = new OspfInstance(1, 0x0a000000 | (i + 1), s, (iface, dst, p) -> {
                packets[0]++;
                int[] peer = peerOf.get(me + "/" + iface);
                int src = addrOf.get(me + "/" + iface);
                s.schedule(1_000_000L, () -> r[peer[0]].receive("Gi" + peer[1], src, dst, p));
            }, rs -> routes[me] = rs.size(), OspfLog.NONE);
        }
        int links = 0;
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int row = i / cols, c = i % cols;
            if (c + 1 < cols && i + 1 < n) edges.add(new int[] {i, i + 1});
            if (i + cols < n) edges.add(new int[] {i, i + cols});
        }
        int[] ports = new int[n];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int[] e : edges) {
            int a = e[0], b = e[1];
            int pa = ports[a]++, pb = ports[b]++;
            int net = 0xac000000 | (links++ << 2);
            peerOf.put(a + "/Gi" + pa, new int[] {b, pb});
            peerOf.put(b + "/Gi" + pb, new int[] {a, pa});
            addrOf.put(a + "/Gi" + pa, net | 1);
            addrOf.put(b + "/Gi" + pb, net | 2);
            r[a].configureInterface(OspfInterfaceConfig.of("Gi" + pa, net | 1, 0xfffffffc, 0, NetworkType.POINT_TO_POINT).withCost(10));
            r[b].configureInterface(OspfInterfaceConfig.of("Gi" + pb, net | 2, 0xfffffffc, 0, NetworkType.POINT_TO_POINT).withCost(10));
        }
        for (int i = 0; i < n; i++) {
            r[i].configureInterface(OspfInterfaceConfig.of("Loopback0", 0x0b000000 | i, -1, 0, NetworkType.LOOPBACK));
            r[i].setInterfaceUp("Loopback0", true);
            for (int p = 0; p < ports[i]; p++) r[i].setInterfaceUp("Gi" + p, true);
        }
        // every router must reach the n-1 other loopbacks and the links it is not on
        int wantRoutes = (n - 1) + links;
        long step = 1_000_000_000L;
        long virtual = 0;
        boolean done = false;
        while (virtual < 3600L * step && !done) {
            s.advance(step);
            virtual += step;
            done = true;
            for (int i = 0; i < n && done; i++) if (routes[i] != wantRoutes - ports[i]) done = false;
        }
        long wall = System.nanoTime() - wall0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long full = 0, spfRuns = 0;
        for (OspfInstance o : r) {
            for (OspfInstance.NeighborInfo nb : o.neighbors()) if (nb.state() == NeighborState.FULL) full++;
            spfRuns += o.counters().spfRuns();
        }
        gc();
        long heap = rt.totalMemory() - rt.freeMemory() - heap0;
        // SPF time: one more run per router, measured inside the engine
        long spfNanos = 0;
        int sample = Math.min(n, 50), rounds = 5;
        for (int k = 0; k < rounds; k++) {
            for (int i = 0; i < sample; i++) r[i].setMaximumPaths(4 + (k & 1)); // schedules an SPF run
            s.advance(step);
            if (k > 0) for (int i = 0; i < sample; i++) spfNanos += r[i].lastSpfWallNanos(); // round 0 warms up
        }
        sample *= rounds - 1;
        System.out.printf("routers %d, links %d, converged %s%n", n, links, done);
        System.out.printf("virtual time to convergence: %d s%n", virtual / step);
        System.out.printf("wall time to convergence: %.1f s (CPU time of the one thread: %.1f s)%n", wall / 1e9, cpu / 1e9);
        System.out.printf("adjacencies FULL: %d of %d%n", full, 2L * links);
        System.out.printf("SPF runs: %d (%.1f per router), wall per run (after convergence, %d samples): %.2f ms%n",
                spfRuns, spfRuns / (double) n, sample, spfNanos / 1e6 / sample);
        System.out.printf("packets sent: %d%n", packets[0]);
        System.out.printf("heap per router: %.0f KiB (LSDB of %d LSAs each)%n", heap / 1024.0 / n, r[0].database().size());
        System.out.printf("routes on router 0: %d (%s)%n", routes[0], Ipv4Address.toString(r[0].routerId()));
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
