package dev.routerlab.link;

import dev.routerlab.Interop;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.Udp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real TUN device in the current network namespace, on a /30 of 198.18.0.0/15 (RFC 2544
 * benchmarking space) picked from the process id so that concurrent runs do not collide: .1 is
 * the kernel's side, .2 is us. Needs root, /dev/net/tun and iproute2; every interface it creates
 * is removed afterwards, also on failure.
 */
class TunDeviceTest {
    static final int SUBNET = Ipv4Address.parse("198.18.0.0") + (int) (ProcessHandle.current().pid() % 32768) * 4;
    static final int KERNEL_IP = SUBNET + 1, OUR_IP = SUBNET + 2;
    static final String KERNEL_SIDE = Ipv4Address.toString(KERNEL_IP), OUR_SIDE = Ipv4Address.toString(OUR_IP);

    private final List<String> created = new ArrayList<>();
    private TunDevice tun;
    private Thread reader;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

    static void skip(String reason) {
        Interop.skip("TunDeviceTest: " + reason);
    }

    @BeforeEach
    void preconditions() throws Exception {
        if (!"0".equals(run("id", "-u").trim())) skip("not running as root (a TUN device needs CAP_NET_ADMIN)");
        if (!TunDevice.supported()) skip(TunDevice.CLONE_DEVICE + " is missing or not accessible");
        if (dev.routerlab.capture.PcapWriterTest.findTool("ip") == null) skip("iproute2 'ip' is not installed");
    }

    @AfterEach
    void cleanup() throws Exception {
        if (tun != null) tun.close();
        if (reader != null) reader.join(5000);
        for (String name : created) {
            if (linkExists(name)) run("ip", "link", "del", name);   // only if closing did not remove it
        }
    }

    private String uniqueName(String tag) {
        String name = "rltst" + ProcessHandle.current().pid() % 10_000_000 + tag;
        created.add(name);
        return name;
    }

    /** Opens a TUN, addresses and raises it, and starts a thread queueing the IPv4 packets read. */
    private void up(String tag) throws Exception {
        tun = TunDevice.open(uniqueName(tag));
        assertEquals(created.get(created.size() - 1), tun.name());
        run("ip", "addr", "add", KERNEL_SIDE + "/30", "dev", tun.name());
        run("ip", "link", "set", tun.name(), "up");
        reader = new Thread(() -> {
            byte[] buf = new byte[65535];
            try {
                int n;
                while ((n = tun.read(buf, 0, buf.length)) >= 0) {
                    if (n > 0 && (buf[0] & 0xf0) == 0x40) received.add(Arrays.copyOf(buf, n)); // skip IPv6 chatter
                }
            } catch (IOException e) {
                received.add(new byte[0]);
            }
        }, "tun-reader");
        reader.setDaemon(true);
        reader.start();
        long settle = tun.openedAtNanos() + TunDevice.SETTLE_NANOS - System.nanoTime();
        if (settle > 0) TimeUnit.NANOSECONDS.sleep(settle);  // a new TUN drops writes at first
    }

    @Test
    void udpBothWays() throws Exception {
        up("u");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(KERNEL_SIDE, 0))) {
            s.setSoTimeout(500);
            // kernel -> TUN: a datagram routed into the interface comes out of read()
            byte[] hello = "to the router".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(OUR_SIDE, 9999)));
            byte[] p = awaitPacket(q -> Ipv4.protocol(q, 0) == Ipv4.PROTO_UDP && Udp.destinationPort(q, 20) == 9999);
            assertEquals(PacketError.OK, Udp.check(p, 20, p.length - 20, KERNEL_IP, OUR_IP));
            assertEquals(s.getLocalPort(), Udp.sourcePort(p, 20));
            assertEquals("to the router", new String(p, 28, p.length - 28, StandardCharsets.US_ASCII));

            // TUN -> kernel: a datagram written to the interface reaches the socket
            byte[] back = "from the router".getBytes(StandardCharsets.US_ASCII);
            byte[] pkt = Udp.buildPacket(OUR_IP, KERNEL_IP, 9999, s.getLocalPort(), 1, 64, back, 0, back.length);
            DatagramPacket in = new DatagramPacket(new byte[100], 100);
            boolean got = false;
            for (int attempt = 0; attempt < 6 && !got; attempt++) {
                long t0 = System.nanoTime();
                tun.write(pkt, 0, pkt.length);
                assertTrue(System.nanoTime() - t0 < 500_000_000L, "a write is not held up by the blocked reader");
                try {
                    s.receive(in);
                    got = true;
                } catch (SocketTimeoutException e) {
                    // retry: the first writes to a new TUN may be dropped
                }
            }
            assertTrue(got, "datagram written to the TUN was delivered");
            assertEquals("from the router", new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII));
            assertEquals(OUR_SIDE, in.getAddress().getHostAddress());
            assertEquals(9999, in.getPort());
        }
    }

    @Test
    void answersPing() throws Exception {
        String ping = dev.routerlab.capture.PcapWriterTest.findTool("ping");
        if (ping == null) skip("iputils 'ping' is not installed: skipping the ICMP echo test");
        up("p");
        Process p = new ProcessBuilder(ping, "-n", "-c", "3", "-W", "2", OUR_SIDE).redirectErrorStream(true).start();
        Thread responder = new Thread(() -> {
            try {
                while (p.isAlive()) {
                    byte[] q = received.poll(100, TimeUnit.MILLISECONDS);
                    if (q == null || Ipv4.check(q, 0, q.length) != PacketError.OK) continue;
                    int hl = Ipv4.headerLength(q, 0), il = Ipv4.totalLength(q, 0) - hl;
                    if (Ipv4.protocol(q, 0) == Ipv4.PROTO_ICMP && Ipv4.destination(q, 0) == OUR_IP
                            && Icmp.check(q, hl, il) == PacketError.OK && Icmp.type(q, hl) == Icmp.TYPE_ECHO_REQUEST) {
                        byte[] reply = Icmp.buildEchoReply(q, 0, Icmp.sequence(q, hl), 64);
                        tun.write(reply, 0, reply.length);
                    }
                }
            } catch (InterruptedException | IOException e) {
                // test ends
            }
        }, "echo-responder");
        responder.setDaemon(true);
        responder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "ping finished");
        responder.join(2000);
        Matcher m = Pattern.compile("(\\d+) received").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(3, Integer.parseInt(m.group(1)), out);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void closeWakesReaderAndRemovesInterface() throws Exception {
        up("c");
        String name = tun.name();
        assertTrue(linkExists(name));
        Thread.sleep(100); // let the reader block in read()
        long t0 = System.nanoTime();
        tun.close();
        reader.join(3000);
        assertFalse(reader.isAlive(), "blocked reader returned after close");
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
        assertFalse(tun.isOpen());
        assertFalse(linkExists(name), "a non-persistent TUN disappears with its descriptor");
        tun.close(); // idempotent
        assertEquals(-1, tun.read(new byte[10], 0, 10));
    }

    @Test
    void busyNameAndKernelChosenName() throws Exception {
        String name = uniqueName("b");
        try (TunDevice a = TunDevice.open(name)) {
            IOException e = assertThrows(IOException.class, () -> TunDevice.open(name).close());
            assertTrue(e.getMessage().contains("TUNSETIFF"), e.getMessage());
            String pattern = uniqueName("x").replace("x", "%d");
            try (TunDevice b = TunDevice.open(pattern)) {
                created.add(b.name());
                assertTrue(b.name().matches(pattern.replace("%d", "\\d+")), b.name());
                assertNotEquals(a.name(), b.name());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open("a-name-too-long-x"));
    }

    private byte[] awaitPacket(java.util.function.Predicate<byte[]> match) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] q = received.poll(200, TimeUnit.MILLISECONDS);
            if (q != null && Ipv4.check(q, 0, q.length) == PacketError.OK && match.test(q)) return q;
        }
        return fail("no matching packet read from the TUN");
    }

    static boolean linkExists(String name) throws Exception {
        Process p = new ProcessBuilder("ip", "link", "show", "dev", name).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Runs a command, failing on a non-zero exit; returns its output. */
    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
        return out;
    }
}
