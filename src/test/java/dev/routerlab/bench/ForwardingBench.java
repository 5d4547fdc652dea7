package dev.routerlab.bench;

import dev.routerlab.features.Features;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.lab.Replay;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.link.Wire;
import dev.routerlab.link.WireOptions;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.VirtualScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forwarding rate of the in-memory dataplane, one thread: a packet enters R1 (10.1.0.0/24 side),
 * is GRE-encapsulated into Tunnel0, forwarded by R2 over Ethernet/ARP, decapsulated by R3 and
 * sent out R3's far port. One benchmark operation = one packet through all three routers and
 * both wires (each wire hop is a task on the shared virtual scheduler). The edge ports are bound
 * to bare-IPv4 links (like TUN) so no host ARP is involved; the packet is handed in with
 * headroom in front, as a NIC ring buffer would, so R1 encapsulates in place.
 *
 * <pre>
 * RL_BUILD_DIR=target-dp bench/run.sh ForwardingBench -f 1 -wi 3 -i 5 -r 2s -w 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardingBench {
    private static final int HEADROOM = 64;

    @Param({"64", "1400"})
    public int size;

    private VirtualScheduler clock;
    private LinkReceiver in;
    private byte[] template;
    private byte[] buf;
    private long delivered;

    /** A bare-IPv4 link (TUN-like) that counts what the router sends into it. */
    private final class Sink implements Link {
        @Override public void transmit(byte[] data, int off, int len) { delivered++; }

        @Override public boolean ethernet() { return false; }
    }

    private static final InterfaceName G0 = InterfaceName.parse("GigabitEthernet0/0");
    private static final InterfaceName G1 = InterfaceName.parse("GigabitEthernet0/1");

    static Router router(VirtualScheduler clock, int seed, String config) {
        Router r = new Router(clock, new SplittableRandom(seed), Nvram.memory(), Router.IOSV_PORTS);
        Features.shell(r).boot();
        List<String> errors = Features.shell(r).load(config);
        if (!errors.isEmpty()) throw new IllegalStateException(errors.toString());
        return r;
    }

    @Setup(Level.Trial)
    public void setup() {
        clock = new VirtualScheduler(Replay.EPOCH_1993);
        Router r1 = router(clock, 1, """
            hostname R1
            interface GigabitEthernet0/0
             ip address 10.12.0.1 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.1.0.1 255.255.255.0
             no shutdown
            interface Tunnel0
             ip address 172.16.13.1 255.255.255.252
             tunnel source GigabitEthernet0/0
             tunnel destination 10.23.0.3
            ip route 10.23.0.0 255.255.255.0 10.12.0.2
            ip route 10.3.0.0 255.255.255.0 Tunnel0
            """);
        Router r2 = router(clock, 2, """
            hostname R2
            interface GigabitEthernet0/0
             ip address 10.12.0.2 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.23.0.2 255.255.255.0
             no shutdown
            """);
        Router r3 = router(clock, 3, """
            hostname R3
            interface GigabitEthernet0/0
             ip address 10.23.0.3 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.3.0.1 255.255.255.0
             no shutdown
            interface Tunnel0
             ip address 172.16.13.2 255.255.255.252
             tunnel source GigabitEthernet0/0
             tunnel destination 10.12.0.1
            ip route 10.12.0.0 255.255.255.0 10.23.0.2
            ip route 10.1.0.0 255.255.255.0 Tunnel0
            """);
        Wire.connect(r1.port(G0), r2.port(G0), WireOptions.DEFAULT);
        Wire.connect(r2.port(G1), r3.port(G0), WireOptions.DEFAULT);
        in = r1.bind(G1, new Sink());
        r3.bind(G1, new Sink());
        clock.runDue();
        int src = Ipv4Address.parse("10.1.0.10"), dst = Ipv4Address.parse("10.3.0.10");
        template = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, src, dst, 1, 64, 1, 1,
            new byte[size - Ipv4.MIN_HEADER_LEN - Icmp.HEADER_LEN]);
        buf = new byte[HEADROOM + size];
        for (int i = 0; i < 10; i++) {                     // ARP along the way
            packet();
            clock.advance(1_000_000);
        }
        long before = delivered;
        packet();
        if (delivered != before + 1) throw new IllegalStateException("the path does not forward");
    }

    @Benchmark
    public long packet() {
        System.arraycopy(template, 0, buf, HEADROOM, size);
        in.receive(buf, HEADROOM, size);
        clock.runDue();
        return delivered;
    }
}
