package dev.routerlab.bench;

import dev.routerlab.features.Features;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.lab.Replay;
import dev.routerlab.sim.VirtualScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Configuration load throughput: a generated 20,000-line config (interfaces with addresses,
 * descriptions, tunnels, NHRP, users, routes) booted into a fresh router. Lines/s =
 * 20,000 x ops/s. Run: bench/run.sh ConfigLoadBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConfigLoadBench {
    public static final int LINES = 20_000;
    String config;

    @Setup
    public void setup() {
        config = generate(LINES);
    }

    /** A realistic mix: loopbacks, tunnels with NHRP, abbreviations as people type them. */
    public static String generate(int lines) {
        StringBuilder sb = new StringBuilder("hostname BENCH\n");
        int n = 1, i = 0;
        while (n < lines) {
            int a = i / 250, b = i % 250 + 1;
            if (i % 2 == 0) {
                sb.append("interface Loopback").append(i).append('\n')
                  .append(" description loopback number ").append(i).append('\n')
                  .append(" ip address 10.").append(a).append('.').append(b).append(".1 255.255.255.255\n")
                  .append("!\n");
                n += 4;
            } else {
                sb.append("interface Tunnel").append(i).append('\n')
                  .append(" ip address 172.").append(16 + a % 16).append('.').append(b).append(".1 255.255.255.0\n")
                  .append(" ip mtu 1400\n")
                  .append(" ip nhrp network-id ").append(i).append('\n')
                  .append(" tunnel source Loopback").append(i - 1).append('\n')
                  .append(" tunnel mode gre multipoint\n")
                  .append(" tunnel key ").append(i).append('\n')
                  .append(" shutdown\n");
                n += 8;
            }
            i++;
        }
        return sb.toString();
    }

    @Benchmark
    public List<String> load() {
        Router r = new Router(new VirtualScheduler(Replay.EPOCH_1993), new SplittableRandom(1), Nvram.memory(), Router.IOSV_PORTS);
        return Features.shell(r).bootFrom(config);
    }
}
