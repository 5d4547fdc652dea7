package dev.routerlab.packet.eigrp;

import dev.routerlab.capture.PcapWriter;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.nhrp.Tshark;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** tshark (Wireshark's EIGRP dissector) decodes every packet kind the codec builds, without warnings. */
class EigrpTsharkTest {
    @Test
    void tsharkDecodesEveryKindWithoutWarnings(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("EigrpTsharkTest");
        List<byte[]> packets = EigrpSamples.all();
        Path f = dir.resolve("eigrp.pcap");
        VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
        try (PcapWriter w = PcapWriter.create(f, PcapWriter.LINKTYPE_RAW, clock)) {
            int id = 1;
            for (byte[] p : packets) {
                byte[] ip = Ipv4.build(0xc0, id++, false, 2, Eigrp.IP_PROTOCOL, EigrpSamples.ip("10.0.0.1"),
                        Eigrp.MULTICAST_GROUP, p, 0, p.length);
                w.write(ip, 0, ip.length);
                clock.advance(1_000_000);
            }
        }
        List<String> problems = Tshark.problems(tshark, f);
        assertTrue(problems.isEmpty(), "tshark warnings: " + problems + "\n" + Tshark.verbose(tshark, f));
        List<String> lines = Tshark.fields(tshark, f, null, "frame.protocols", "eigrp.opcode", "eigrp.as",
                "eigrp.checksum.status", "_ws.col.Info");
        assertEquals(packets.size(), lines.size(), lines.toString());
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split("\t", -1);
            assertTrue(c[0].endsWith("ip:eigrp"), lines.get(i));
            assertEquals(String.valueOf(Eigrp.opcode(packets.get(i), 0)), c[1], lines.get(i));
            assertEquals("100", c[2], lines.get(i));
            assertEquals("1", c[3], "checksum status Good: " + lines.get(i));
        }
        String v = Tshark.verbose(tshark, f);
        assertTrue(v.contains("10.1.0.0"), "the route TLV's destination is decoded");
        assertTrue(v.contains("192.168.7.0"), "the external route is decoded");
        assertTrue(v.contains("Peer Termination") || v.contains("PEER TERMINATION") || v.contains("Peer-Termination")
                || v.contains("0x0007"), "the Peer Termination TLV is recognised");
        assertTrue(v.contains("MD5") || v.contains("Authentication"), "the Authentication TLV is recognised");
    }
}
