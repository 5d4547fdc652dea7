package dev.routerlab.eigrp;

import dev.routerlab.packet.Ipv4Address;

import java.util.ArrayList;
import java.util.List;

/**
 * A DMVPN-style hub with N EIGRP spokes on one NBMA tunnel, in virtual time (no IPsec, no GRE:
 * the engines alone). Prints wall time and virtual time to converge, heap per spoke (the whole
 * lab: hub and spoke engines and the test RIBs, divided by N) and the time to reconverge when one
 * spoke dies silently (hold time 15 s included in the virtual figure).
 *
 * <pre>
 * mvn -q -o test-compile && java -Xmx6g -cp target/classes:target/test-classes \
 *     dev.routerlab.eigrp.EigrpHubBenchmark 1000
 * </pre>
 * Modes: {@code full} (phase 1/2: split horizon and next-hop-self off, every spoke learns every
 * spoke's LAN) and {@code summary} (phase 3: the hub sends 10.0.0.0/8 only).
 */
public final class EigrpHubBenchmark {
    private EigrpHubBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (String mode : args.length > 1 ? new String[]{args[1]} : new String[]{"summary", "full"}) run(n, mode);
    }

    static String spokeLan(int i) { return "10." + (1 + i / 256) + "." + (i % 256) + ".0"; }

    static String spokeTunnel(int i) { return "172.16." + ((i + 2) >> 8) + "." + ((i + 2) & 255); }

    static long heap() {
        Runtime rt = Runtime.getRuntime();
        for (int k = 0; k < 4; k++) {
            System.gc();
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static void run(int n, String mode) {
        boolean full = mode.equals("full");
        long heap0 = heap();
        long t0 = System.nanoTime();
        FakeNet net = new FakeNet();
        net.nbma.add("tun");
        FakeNet.Router hub = net.router("HUB");
        hub.iface(1, "Tunnel0", "172.16.0.1", 16, "tun", 100, 5000, c -> full
                ? c.withSplitHorizon(false).withNextHopSelf(false).withTimers(5, 15)
                : c.withSummaries(List.of(new EigrpInterfaceConfig.Summary(Ipv4Address.parse("10.0.0.0"), 8))));
        hub.lan(2, "FastEthernet0/0", "192.168.0.1", 24, 100_000, 10);
        List<FakeNet.Router> spokes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeNet.Router s = net.router("S" + i);
            s.iface(1, "Tunnel0", spokeTunnel(i), 16, "tun", 100, 5000);
            s.lan(2, "FastEthernet0/0", spokeLan(i).replaceAll("0$", "1"), 24, 100_000, 10);
            spokes.add(s);
        }
        int want = full ? n : 2;   // full: the other spokes' LANs and the hub's; summary: 10/8 and the hub's LAN
        long maxVirtual = 600 * FakeNet.S;
        long start = net.sched.nanos();
        while (net.sched.nanos() - start < maxVirtual) {
            net.run(FakeNet.S / 10);
            if (hub.rib.size() >= (full ? n : n + 1) && spokes.stream().allMatch(s -> s.rib.size() >= want)) break;
        }
        long wall = System.nanoTime() - t0;
        long virtual = net.sched.nanos() - start;
        boolean converged = spokes.stream().allMatch(s -> s.rib.size() >= want);
        long heap1 = heap();
        long delivered = net.delivered;

        // one spoke dies silently: hub hold time, then withdrawals (full) or nothing visible to the spokes (summary)
        FakeNet.Router dead = spokes.get(0);
        net.filter = (from, to, dst, b) -> from.router() == dead || to.router() == dead;
        String lost = spokeLan(0) + "/24";
        long t1 = System.nanoTime();
        long v1 = net.sched.nanos();
        while (net.sched.nanos() - v1 < 120 * FakeNet.S) {
            net.run(FakeNet.S / 10);
            boolean hubGone = !hub.rib.containsKey(lost);
            if (hubGone && (!full || spokes.stream().skip(1).noneMatch(s -> s.rib.containsKey(lost)))) break;
        }
        long rewall = System.nanoTime() - t1;
        long revirtual = net.sched.nanos() - v1;
        System.out.printf("mode=%s spokes=%d converged=%s wall=%.2fs virtual=%.1fs packets=%d heap/spoke=%.1fKiB "
                        + "hub-routes=%d spoke-routes=%d reconverge-wall=%.3fs reconverge-virtual=%.1fs hub-nbrs=%d%n",
                mode, n, converged, wall / 1e9, virtual / 1e9, delivered, (heap1 - heap0) / 1024.0 / n,
                hub.rib.size(), spokes.get(1).rib.size(), rewall / 1e9, revirtual / 1e9, hub.eigrp.neighbors().size());
    }
}
