package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.routerlab.Interop;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.link.TunDevice;
import dev.routerlab.link.TunLink;
import org.junit.jupiter.api.Test;

/**
 * Root only. Bulk TCP both ways through one router between two TUNs opened with the kernel's
 * offloads (IFF_VNET_HDR, TSO): the sender's kernel hands the reader GSO super-packets, which the
 * router must see as ordinary packets, and the router's in-order segments reach the receiver's
 * kernel merged (GRO). 8 MB one way and 4 MB back arrive byte for byte (SHA-256 on both ends),
 * and the counters show both paths were taken.
 */
class TunOffloadInteropTest {
    private static final String SERVER = String.join("\n",
        "import socket, hashlib",
        "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
        "l.bind(('10.2.0.1', 5001)); l.listen(1); print('ready', flush=True)",
        "c, _ = l.accept(); h = hashlib.sha256(); n = 0",
        "while True:",
        "    d = c.recv(65536)",
        "    if not d: break",
        "    h.update(d); n += len(d)",
        "print('got', n, h.hexdigest(), flush=True)",
        "blk = hashlib.sha256(b'back').digest() * 2048",
        "for i in range(64): c.sendall(blk)",
        "c.close()");
    private static final String CLIENT = String.join("\n",
        "import socket, hashlib",
        "s = socket.create_connection(('10.2.0.1', 5001), timeout=30)",
        "blk = hashlib.sha256(b'there').digest() * 4096",
        "for i in range(64): s.sendall(blk)",
        "s.shutdown(socket.SHUT_WR); h = hashlib.sha256(); n = 0",
        "while True:",
        "    d = s.recv(65536)",
        "    if not d: break",
        "    h.update(d); n += len(d)",
        "print('back', n, h.hexdigest(), flush=True)");

    @Test
    void bulkTcpThroughOffloadingTunsArrivesWhole() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("python3") == null) why = "python3 is not installed";
        if (why != null) Interop.skip("TunOffloadInteropTest: " + why);
        long pid = ProcessHandle.current().pid() % 100000;
        Path dir = Files.createTempDirectory("rltso");
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
        String ta = "rltsa" + pid, tb = "rltsb" + pid;
        Topology t = new Topology("tso", dir, Map.of("R1", new Topology.Node("R1", cfg, List.of(g0, g1), null)),
            List.of(), Map.of(new Topology.Endpoint("R1", g0), ta, new Topology.Endpoint("R1", g1), tb), Map.of());
        try (Netns n = new Netns(); Lab lab = Lab.boot(t, new Lab.Options())) {
            for (TunLink l : lab.tuns()) {
                assertTrue((l.device().offloads() & TunDevice.TUN_F_TSO4) != 0, "TSO4 offered by this kernel: " + l.device().offloads());
            }
            String a = n.create("rltsa"), b = n.create("rltsb");
            Netns.run(List.of("ip", "link", "set", ta, "netns", a));
            Netns.run(List.of("ip", "link", "set", tb, "netns", b));
            Netns.exec(a, "ip", "addr", "add", "10.1.0.1/24", "dev", ta);
            Netns.exec(a, "ip", "link", "set", ta, "up");
            Netns.exec(a, "ip", "route", "add", "10.2.0.0/24", "via", "10.1.0.254");
            Netns.exec(b, "ip", "addr", "add", "10.2.0.1/24", "dev", tb);
            Netns.exec(b, "ip", "link", "set", tb, "up");
            Netns.exec(b, "ip", "route", "add", "10.1.0.0/24", "via", "10.2.0.254");
            Thread.sleep(1200);   // a new TUN may drop what is written to it at first
            Process server = new ProcessBuilder("ip", "netns", "exec", b, "python3", "-c", SERVER).redirectErrorStream(true).start();
            var srvOut = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()));
            assertEquals("ready", srvOut.readLine());
            CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                try {
                    return srvOut.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            Netns.Result client = Netns.tryRun(List.of("ip", "netns", "exec", a, "python3", "-c", CLIENT), 120);
            String sent = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(repeat(java.security.MessageDigest.getInstance("SHA-256").digest("there".getBytes()), 4096 * 64)));
            String back = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(repeat(java.security.MessageDigest.getInstance("SHA-256").digest("back".getBytes()), 2048 * 64)));
            assertEquals("got " + (32 * 4096 * 64) + " " + sent, got.get(60, TimeUnit.SECONDS));
            assertEquals(0, client.exit(), client.output());
            assertEquals("back " + (32 * 2048 * 64) + " " + back, client.output().strip());
            server.waitFor(10, TimeUnit.SECONDS);
            long superIn = 0, superOut = 0;
            for (TunLink l : lab.tuns()) {
                superIn += l.superPackets();
                superOut += l.superPacketsSent();
            }
            assertTrue(superIn > 0, "GSO super-packets read and cut: " + superIn);
            assertTrue(superOut > 0, "merged segments written: " + superOut);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] repeat(byte[] b, int times) {
        byte[] r = new byte[b.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(b, 0, r, i * b.length, b.length);
        return r;
    }
}
