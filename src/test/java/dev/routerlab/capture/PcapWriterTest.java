package dev.routerlab.capture;

import dev.routerlab.Interop;
import dev.routerlab.packet.Arp;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.MacAddress;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

public class PcapWriterTest {
    static final long BASE_MILLIS = 1_700_000_000_123L;
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");
    static final MacAddress M1 = MacAddress.parse("aabb.cc00.0100"), M2 = MacAddress.parse("aabb.cc00.0200");

    @Test
    void fileAndRecordLayout() throws IOException {
        VirtualScheduler clock = new VirtualScheduler(BASE_MILLIS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_RAW, 100, clock)) {
            w.write(new byte[] {1, 2, 3}, 0, 3);
            clock.advance(2_500_000_001L); // 2.500000001 s later
            byte[] big = new byte[150];
            big[99] = 9;
            w.write(big, 0, big.length);
            assertEquals(2, w.packets());
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        assertEquals(24 + 16 + 3 + 16 + 100, b.remaining());
        assertEquals(0xa1b2c3d4, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(100, b.getInt());
        assertEquals(101, b.getInt());
        assertEquals(1_700_000_000, b.getInt());
        assertEquals(123_000, b.getInt());
        assertEquals(3, b.getInt());
        assertEquals(3, b.getInt());
        b.position(b.position() + 3);
        assertEquals(1_700_000_002, b.getInt());
        assertEquals(623_000, b.getInt());
        assertEquals(100, b.getInt(), "captured length cut to the snap length");
        assertEquals(150, b.getInt(), "original length kept");
        assertEquals(9, b.get(b.position() + 99));
    }

    @Test
    void closedWriterRefuses() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), PcapWriter.LINKTYPE_ETHERNET, 65535, new VirtualScheduler(0));
        w.close();
        w.close();
        assertThrows(IOException.class, () -> w.write(new byte[1], 0, 1));
    }

    @Test
    void tsharkReadsEthernetAndRawFiles(@TempDir Path dir) throws Exception {
        String tshark = findTool("tshark");
        if (tshark == null) {
            String reason = "tshark is not installed: skipping the tshark read-back of pcap files";
            Interop.skip(getClass().getSimpleName() + ": " + reason);
        }
        VirtualScheduler clock = new VirtualScheduler(BASE_MILLIS);
        Path eth = dir.resolve("eth.pcap");
        try (PcapWriter w = PcapWriter.create(eth, PcapWriter.LINKTYPE_ETHERNET, clock)) {
            byte[] arp = Arp.buildRequest(M1, A, B);
            w.write(arp, 0, arp.length);
            clock.advance(1_000_000);
            byte[] echo = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, A, B, 1, 64, 7, 1, new byte[32]);
            byte[] f = Ethernet.build(M2, M1, Ethernet.TYPE_IPV4, echo, 0, echo.length);
            w.write(f, 0, f.length);
        }
        List<String> lines = tshark(tshark, eth, "frame.time_epoch", "eth.src", "arp.dst.proto_ipv4", "ip.dst", "icmp.type");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("1700000000.123000"), lines.get(0));
        assertTrue(lines.get(0).contains("aa:bb:cc:00:01:00\t198.51.100.7"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1700000000.124000"), lines.get(1));
        assertTrue(lines.get(1).endsWith("198.51.100.7\t8"), lines.get(1));

        Path raw = dir.resolve("raw.pcap");
        try (PcapWriter w = PcapWriter.create(raw, PcapWriter.LINKTYPE_RAW, clock)) {
            byte[] u = Udp.buildPacket(A, B, 500, 500, 2, 64, "ike".getBytes(), 0, 3);
            w.write(u, 0, u.length);
            byte[] k = Gre.buildKeepalive(A, B, 3, 255, Gre.FLAG_KEY, 1234, 0);
            w.write(k, 0, k.length);
        }
        lines = tshark(tshark, raw, "ip.src", "udp.dstport", "gre.key", "gre.proto");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("192.0.2.1\t500"), lines.get(0));
        assertTrue(lines.get(1).startsWith("192.0.2.1,198.51.100.7\t\t0x000004d2,0x000004d2\t0x0800,0x0000"), lines.get(1));
    }

    static List<String> tshark(String tshark, Path file, String... fields) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(tshark, "-n", "-r", file.toString(), "-T", "fields"));
        for (String f : fields) { cmd.add("-e"); cmd.add(f); }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status; output: " + out);
        return out.lines().toList();
    }

    /** Absolute path of an executable on PATH (or in /usr/sbin, /sbin), or null. */
    public static String findTool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
