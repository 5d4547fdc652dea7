package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `monitor capture` and the topology's `capture:` option write pcap files that decode. */
class CaptureTest {
    static final Path LAB = Path.of("labs/gre-r1-r2-r3");
    @TempDir Path tmp;

    private String run(Topology t, String script) throws Exception {
        Lab.Options o = new Lab.Options();
        o.flashRoot = tmp.resolve("flash");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab l = Lab.boot(t, o); PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabScript(l, out).run(script);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The frames of a classic big-endian pcap file, after checking its header. */
    static List<byte[]> frames(Path pcap, int linkType) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(linkType, b.getInt(20));
        b.position(24);
        List<byte[]> out = new ArrayList<>();
        while (b.remaining() >= 16) {
            b.getInt();
            b.getInt();
            int cap = b.getInt();
            b.getInt();
            byte[] f = new byte[cap];
            b.get(f);
            out.add(f);
        }
        assertEquals(0, b.remaining());
        return out;
    }

    @Test
    void monitorCaptureExportsTheGreLeg() throws Exception {
        String t = run(Topology.load(LAB), """
            R2#ping 10.0.23.3
            R2#monitor capture CAP interface GigabitEthernet0/0 both
            R2#monitor capture CAP match ipv4 any any
            R2#monitor capture CAP start
            R1#ping 3.3.3.3 source Loopback0 repeat 3
            R2#monitor capture CAP stop
            R2#monitor capture CAP export flash:cap.pcap
            R2#monitor capture IN interface GigabitEthernet0/0 in
            R2#monitor capture IN start
            R1#ping 3.3.3.3 source Loopback0 repeat 2
            R2#monitor capture IN stop
            R2#monitor capture IN export flash:in.pcap
            R2#monitor capture X start
            R2#monitor capture IN export flash:../escape.pcap
            """);
        assertTrue(t.contains("Started capture point : CAP\n*Mar  1"), t);
        assertTrue(t.contains("Exported Successfully"), t);
        assertTrue(t.contains("Capture statement failed : Capture point X does not exist"), t);
        assertTrue(t.contains("Failed to Export"), t);
        // echoes 2 and 3 and their replies (R1's ARP for R2 cost echo 1), as GRE over IPv4 over
        // Ethernet; ARP is left out by `match ipv4`
        List<byte[]> all = frames(tmp.resolve("flash/R2/cap.pcap"), 1);
        assertEquals(4, all.size());
        for (byte[] f : all) {
            assertEquals(0x0800, ((f[12] & 0xff) << 8) | (f[13] & 0xff), "IPv4");
            assertEquals(47, f[14 + 9], "GRE");
        }
        // inbound only: every frame came from R1 (source MAC is not R2's own)
        List<byte[]> in = frames(tmp.resolve("flash/R2/in.pcap"), 1);
        assertEquals(2, in.size(), "two echo requests in, no replies");
        for (byte[] f : in) assertEquals(1, f[14 + 20 + 4 + 9], "inner ICMP");
        assertTrue(!Files.exists(tmp.resolve("flash/escape.pcap")));
        tshark(tmp.resolve("flash/R2/cap.pcap"));
    }

    @Test
    void topologyCaptureStreamsAnInterface() throws Exception {
        Topology base = Topology.load(LAB);
        Path file = tmp.resolve("r1-gi0-0.pcap");
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(), base.tun(),
            Map.of(Topology.endpoint("R1:Gi0/0"), file));
        run(t, "R1#ping 10.0.12.2\n");
        List<byte[]> f = frames(file, 1);
        // ARP request and reply, then 4 echoes and 4 replies (the first echo started ARP)
        long arp = f.stream().filter(x -> x[12] == 0x08 && x[13] == 0x06).count();
        long ip = f.stream().filter(x -> x[12] == 0x08 && x[13] == 0x00).count();
        assertEquals(2, arp);
        assertEquals(8, ip);
        tshark(file);
    }

    private static void tshark(Path pcap) throws Exception {
        Path ts = Netns.tool("tshark");
        if (ts == null) {
            System.out.println("SKIPPED tshark check of " + pcap.getFileName() + ": tshark is not installed");
            return;
        }
        Process p = new ProcessBuilder(ts.toString(), "-n", "-r", pcap.toString(), "-Y", "_ws.malformed || _ws.expert.severity >= error")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertEquals("", out, "malformed packets in " + pcap);
    }
}
