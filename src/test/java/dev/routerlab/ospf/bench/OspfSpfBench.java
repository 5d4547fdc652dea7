package dev.routerlab.ospf.bench;

import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.ospf.Spf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SPF run (RFC 2328 16.1, {@link Spf#run}) over a grid area of rows x cols routers joined by
 * point-to-point links of cost 10 (each with its /30 stub) plus a /32 loopback per router; the
 * root is a corner. A grid has many equal-cost paths, so next-hop merging is exercised too.
 * {@code bench/run.sh OspfSpfBench -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OspfSpfBench {
    @Param({"1000"})
    public int routers;

    List<byte[]> lsas;
    Spf.Links links;

    @Setup
    public void setup() {
        lsas = grid(routers);
        links = new Spf.Links() {
            @Override public String interfaceFor(int localAddress) { return "Gi" + (localAddress & 0xff); }

            @Override public int neighborAddress(String name, int rid) { return 0; }
        };
    }

    @Benchmark
    public Spf.Result spf() { return Spf.run(rid(0), lsas, links, 4); }

    static int rid(int i) { return 0x0a000000 | (i + 1); }

    /** Router-LSAs of a near-square grid of n routers. */
    public static List<byte[]> grid(int n) {
        int cols = (int) Math.ceil(Math.sqrt(n));
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Lsa.RouterLink> ls = new ArrayList<>();
            int r = i / cols, c = i % cols;
            int[][] nb = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
            for (int[] x : nb) {
                if (x[0] < 0 || x[1] < 0 || x[1] >= cols) continue;
                int j = x[0] * cols + x[1];
                if (j >= n) continue;
                int lo = Math.min(i, j), hi = Math.max(i, j);
                int net = 0xac000000 | (lo * 4 + (hi - lo == 1 ? 0 : 2)) << 2; // a /30 per link
                int me = net | (i == lo ? 1 : 2);
                ls.add(new Lsa.RouterLink(rid(j), me, Lsa.LINK_P2P, 10));
                ls.add(new Lsa.RouterLink(net, 0xfffffffc, Lsa.LINK_STUB, 10));
            }
            ls.add(new Lsa.RouterLink(0x0b000000 | i, 0xffffffff, Lsa.LINK_STUB, 1));
            out.add(Lsa.buildRouter(0, 2, rid(i), rid(i), Lsa.INITIAL_SEQUENCE, 0, ls));
        }
        return out;
    }
}
