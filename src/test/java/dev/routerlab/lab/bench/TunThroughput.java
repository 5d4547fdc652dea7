package dev.routerlab.lab.bench;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.InterfaceRuntime;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Netns;
import dev.routerlab.lab.Topology;

/**
 * Figures, not a test (root): packets per second through one router between two TUN devices.
 * Namespace A (10.1.0.1) sends UDP to namespace B (10.2.0.1) through R1, whose Gi0/0 and Gi0/1
 * are TUNs moved into A and B. The sender and the counting sink are JVMs of their own inside the
 * namespaces (this class's {@code blast} and {@code sink} modes).
 *
 * <pre>bench/tun-throughput.sh [SECONDS]</pre>
 */
public final class TunThroughput {
    private TunThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("blast")) {
            blast(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]));
            return;
        }
        if (args.length > 0 && args[0].equals("blast-gso")) {
            blastGso(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]));
            return;
        }
        if (args.length > 0 && args[0].equals("sink")) {
            sink(Double.parseDouble(args[1]));
            return;
        }
        String why = Netns.unavailable();
        if (why != null) {
            System.out.println("cannot run: " + why);
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        boolean gso = args.length > 1 && args[1].equals("gso");
        for (int size : new int[] {64, 1400}) run(size, seconds, gso);
    }

    static void run(int size, double seconds, boolean gso) throws Exception {
        long pid = ProcessHandle.current().pid() % 100000;
        Path dir = Files.createTempDirectory("tunbench");
        Path cfg = dir.resolve("R1.cfg");
        Files.writeString(cfg, """
            hostname R1
            interface GigabitEthernet0/0
             ip address 10.1.0.254 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.2.0.254 255.255.255.0
             no shutdown
            end
            """);
        InterfaceName g0 = InterfaceName.parse("Gi0/0"), g1 = InterfaceName.parse("Gi0/1");
        String ta = "rltpa" + pid, tb = "rltpb" + pid;
        Topology t = new Topology("tunbench", dir, Map.of("R1", new Topology.Node("R1", cfg, List.of(g0, g1), null)),
            List.of(), Map.of(new Topology.Endpoint("R1", g0), ta, new Topology.Endpoint("R1", g1), tb), Map.of());
        String cp = System.getProperty("java.class.path");
        try (Netns n = new Netns(); Lab lab = Lab.boot(t, new Lab.Options())) {
            String a = n.create("rltpa"), b = n.create("rltpb");
            Netns.run(List.of("ip", "link", "set", ta, "netns", a));
            Netns.run(List.of("ip", "link", "set", tb, "netns", b));
            Netns.exec(a, "ip", "addr", "add", "10.1.0.1/24", "dev", ta);
            // as the yardstick's setup_netns.sh: a TUN queue of 10,000 packets, so that a burst the
            // sender makes while the router waits for a core is held, not dropped (the default is 500)
            Netns.exec(a, "ip", "link", "set", ta, "txqueuelen", "10000", "up");
            Netns.exec(a, "ip", "route", "add", "10.2.0.0/24", "via", "10.1.0.254");
            Netns.exec(b, "ip", "addr", "add", "10.2.0.1/24", "dev", tb);
            Netns.exec(b, "ip", "link", "set", tb, "txqueuelen", "10000", "up");
            Netns.exec(b, "ip", "route", "add", "10.1.0.0/24", "via", "10.2.0.254");
            Thread.sleep(1200);   // a new TUN may drop what is written to it at first
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process sink = new ProcessBuilder(gen(List.of("ip", "netns", "exec", b, java, "-cp", cp, TunThroughput.class.getName(),
                "sink", String.valueOf(seconds + 2)))).redirectErrorStream(true).start();
            Thread.sleep(800);
            InterfaceRuntime out = lab.call(() -> lab.router("R1").runtime(g1));
            long out0 = lab.call(() -> out.counters.packetsOut);
            long t0 = System.nanoTime();
            Process blast = new ProcessBuilder(gen(List.of("ip", "netns", "exec", a, java, "-cp", cp, TunThroughput.class.getName(),
                gso ? "blast-gso" : "blast", "10.2.0.1", String.valueOf(size - 28), String.valueOf(seconds)))).redirectErrorStream(true).start();
            String sent = new String(blast.getInputStream().readAllBytes()).strip();
            blast.waitFor();
            long t1 = System.nanoTime();
            long out1 = lab.call(() -> out.counters.packetsOut);
            String got = new String(sink.getInputStream().readAllBytes()).strip();
            sink.waitFor();
            double el = (t1 - t0) / 1e9;
            System.out.printf("%4d-byte IP packets%s: sender %s; R1 forwarded %d in %.1f s = %.0f packets/s (%.2f Gbit/s); sink %s%n",
                size, gso ? " (sender: UDP GSO)" : "", sent, out1 - out0, el, (out1 - out0) / el, (out1 - out0) * size * 8 / el / 1e9, got);
            var mx = ManagementFactory.getThreadMXBean();
            StringBuilder cpu = new StringBuilder("      CPU time of this JVM's threads over the whole run:");
            for (var ti : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (ti == null || !(ti.getThreadName().startsWith("lab-") || ti.getThreadName().startsWith("tun-"))) continue;
                cpu.append(String.format(" %s %.2f s", ti.getThreadName(), mx.getThreadCpuTime(ti.getThreadId()) / 1e9));
            }
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {   // user and system time of the TUN readers
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (!comm.startsWith("tun-rltpa") && !comm.startsWith("lab-worker")) continue;
                    String[] f = Files.readString(task.resolve("stat")).substring(Files.readString(task.resolve("stat")).lastIndexOf(')') + 2).split(" ");
                    String[] ss = Files.readString(task.resolve("schedstat")).strip().split(" ");   // on a CPU, waiting for one (ns)
                    cpu.append(String.format(" (%s: user %.2f s, system %.2f s, waited for a CPU %.2f s)", comm, Long.parseLong(f[11]) / 100.0,
                        Long.parseLong(f[12]) / 100.0, Long.parseLong(ss[1]) / 1e9));
                }
            }
            System.out.println(cpu);
            for (var l : lab.tuns()) {
                System.out.printf("      %s: read %d packets (%d super-packets), wrote %d (%d super-packets), dropped %d, send errors %d%n",
                    l.name(), l.received(), l.superPackets(), l.sent(), l.superPacketsSent(), l.dropped(), l.sendErrors());
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The sender's and sink's command; with {@code RL_BENCH_GEN_CPUS} (a taskset CPU list, e.g.
     * {@code 0}) they run on those CPUs only, so that they do not take the router's core.
     */
    private static List<String> gen(List<String> cmd) {
        String cpus = System.getenv("RL_BENCH_GEN_CPUS");
        if (cpus == null || cpus.isBlank()) return cmd;
        List<String> c = new ArrayList<>(List.of("taskset", "-c", cpus));
        c.addAll(cmd);
        return c;
    }

    /** Sends UDP datagrams of payload bytes to dst:9999 as fast as it can for the given time. */
    static void blast(String dst, int payload, double seconds) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress(dst, 9999));
            ByteBuffer buf = ByteBuffer.allocateDirect(payload);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long n = 0;
            while ((n & 1023) != 0 || System.nanoTime() < end) {
                buf.clear();
                try {
                    ch.write(buf);
                    n++;
                } catch (java.io.IOException e) {
                    n++;   // ENOBUFS and the like: the kernel dropped it
                }
            }
            System.out.printf("sent %d (%.0f/s)%s", n, n / seconds, devStats());
        }
    }

    private interface Sockets extends com.sun.jna.Library {
        int socket(int domain, int type, int protocol) throws com.sun.jna.LastErrorException;

        int connect(int fd, byte[] sockaddr, int len) throws com.sun.jna.LastErrorException;

        int setsockopt(int fd, int level, int option, int[] value, int len) throws com.sun.jna.LastErrorException;

        com.sun.jna.NativeLong send(int fd, com.sun.jna.Pointer buf, com.sun.jna.NativeLong len, int flags);
    }

    /**
     * As {@link #blast}, but each send hands the kernel as many datagrams of payload bytes as fit in
     * 64 KB (at most 64) with UDP_SEGMENT (UDP GSO, Linux 4.18): the sender's kernel passes the
     * super-packet whole to a TUN with USO, so the router reads up to 64 datagrams per read. How a
     * host's QUIC or WireGuard sends; the per-datagram sender measures the other extreme.
     */
    static void blastGso(String dst, int payload, double seconds) throws Exception {
        Sockets c = com.sun.jna.Native.load("c", Sockets.class);
        int fd = c.socket(2, 2, 0);                                   // AF_INET, SOCK_DGRAM
        byte[] sa = new byte[16];
        sa[0] = 2;                                                    // sin_family, little-endian
        sa[2] = (byte) (9999 >>> 8);
        sa[3] = (byte) 9999;
        System.arraycopy(java.net.InetAddress.getByName(dst).getAddress(), 0, sa, 4, 4);
        c.connect(fd, sa, 16);
        c.setsockopt(fd, 17, 103, new int[] {payload}, 4);            // SOL_UDP, UDP_SEGMENT
        int per = Math.min(64, 65000 / payload);
        com.sun.jna.Memory buf = new com.sun.jna.Memory((long) per * payload);
        buf.clear();
        com.sun.jna.NativeLong len = new com.sun.jna.NativeLong((long) per * payload);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0, failed = 0;
        while (System.nanoTime() < end) {
            if (c.send(fd, buf, len, 0).longValue() < 0) failed += per;   // ENOBUFS and the like: the kernel dropped them
            n += per;
        }
        System.out.printf("sent %d (%.0f/s) in sends of %d, %d refused%s", n, n / seconds, per, failed, devStats());
    }

    /** The sending namespace's TUN as its kernel counts it: packets handed to the router and dropped in its queue. */
    private static String devStats() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        try (var devs = Files.list(Path.of("/sys/class/net"))) {
            for (Path d : (Iterable<Path>) devs::iterator) {
                if (d.getFileName().toString().equals("lo")) continue;
                b.append(String.format(", %s tx %s dropped %s", d.getFileName(), Files.readString(d.resolve("statistics/tx_packets")).strip(),
                    Files.readString(d.resolve("statistics/tx_dropped")).strip()));
            }
        }
        return b.toString();
    }

    /** Counts the datagrams arriving on port 9999 for the given time. */
    static void sink(double seconds) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(9999));
            ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
            ByteBuffer buf = ByteBuffer.allocateDirect(65535);
            long[] n = new long[1];
            Thread t = new Thread(() -> {
                try {
                    while (true) {   // blocking: no CPU taken from the router while idle
                        buf.clear();
                        ch.receive(buf);
                        n[0]++;
                    }
                } catch (java.io.IOException closed) {
                    // the deadline closed the channel
                }
            });
            t.start();
            Thread.sleep((long) (seconds * 1000));
            ch.close();
            t.join();
            System.out.printf("received %d", n[0]);
        }
    }
}
