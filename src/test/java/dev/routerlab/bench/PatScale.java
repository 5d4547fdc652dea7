package dev.routerlab.bench;

import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Net;
import dev.routerlab.nat.NatEngine;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;

/**
 * PAT at scale, a scripted run printing its figures (bench/pat-scale.sh): one router doing PAT
 * (`ip nat inside source list 1 interface GigabitEthernet0/1 overload`) and N UDP flows from
 * N/5 inside endpoints (10.1.x.y, each its own port) to 5 servers each -- N extended
 * translations on N/5 port bindings of one global address. The NAT engine is called as the IP
 * engine calls it on forwarding (`output`, inside to outside), on the router's own thread.
 * Prints: translations created per second (the first packet of each flow), packets per second
 * through existing translations (best of the rounds), and heap per translation (used heap after
 * GC with the table full, minus before, over N; the packets themselves are allocated before).
 */
public final class PatScale {
    private PatScale() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Net net = new Net();
        Net.Node nat = net.router("NAT");
        nat.config("interface GigabitEthernet0/0", "ip address 10.1.0.1 255.255.0.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 203.0.113.1 255.255.255.0", "ip nat outside", "no shutdown",
            "access-list 1 permit 10.0.0.0 0.255.255.255",
            "ip nat inside source list 1 interface GigabitEthernet0/1 overload");
        IpInterface in = nat.iface("Gi0/0"), out = nat.iface("Gi0/1");
        NatEngine e = nat.router.nat();
        byte[][] pkts = new byte[n][];
        for (int i = 0; i < n; i++) {
            int k = i / 5;                                   // the inside endpoint
            int host = Ipv4Address.parse("10.1.0.2") + k / 50;
            int port = 1024 + (k % 50) * 1000 + (k / 50) % 1000;
            int server = Ipv4Address.parse("198.51.100.10") + i % 5;
            pkts[i] = Udp.buildPacket(host, server, port, 4500, i & 0xffff, 64, new byte[8], 0, 8);
        }
        byte[] buf = new byte[pkts[0].length];
        long used0 = usedAfterGc();
        long t0 = System.nanoTime();
        for (byte[] p : pkts) {
            System.arraycopy(p, 0, buf, 0, p.length);
            if (!e.output(in, out, buf, 0, p.length)) throw new IllegalStateException("dropped at " + e.extendedCount());
        }
        long create = System.nanoTime() - t0;
        long used1 = usedAfterGc();
        if (e.extendedCount() != n) throw new IllegalStateException("extended entries " + e.extendedCount() + " != " + n);
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            for (byte[] p : pkts) {
                System.arraycopy(p, 0, buf, 0, p.length);
                e.output(in, out, buf, 0, p.length);
            }
            best = Math.max(best, n / ((System.nanoTime() - t) / 1e9));
        }
        System.out.printf("PAT: %,d translations on %,d bindings of one global address%n", e.extendedCount(), e.bindings());
        System.out.printf("create: %,.0f translations/s (%.3f s for %,d)%n", n / (create / 1e9), create / 1e9, n);
        System.out.printf("translate through existing entries: %,.0f packets/s (best of %d rounds)%n", best, rounds);
        System.out.printf("heap: %,.0f bytes per translation (%,d bytes for %,d, bindings included)%n",
            (used1 - used0) / (double) n, used1 - used0, n);
        System.out.println(nat.exec("show ip nat statistics").lines().limit(1).findFirst().orElse(""));
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
