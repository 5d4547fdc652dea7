package dev.routerlab.packet.nhrp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.routerlab.packet.nhrp.NhrpSamples.*;
import static org.junit.jupiter.api.Assertions.*;

/** tshark (Wireshark's NHRP dissector) decodes every packet type the codec builds, without warnings. */
class NhrpTsharkTest {
    @Test
    void tsharkDecodesEveryTypeWithoutWarnings(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("NhrpTsharkTest");
        List<Tshark.Frame> frames = new ArrayList<>();
        for (byte[] p : all()) frames.add(new Tshark.Frame(SPOKE_NBMA, HUB_NBMA, p, 0, p.length));
        for (boolean keyed : new boolean[]{false, true}) {
            Path f = dir.resolve(keyed ? "nhrp-key.pcap" : "nhrp.pcap");
            Tshark.writePcap(f, frames, keyed);
            List<String> problems = Tshark.problems(tshark, f);
            assertTrue(problems.isEmpty(), "tshark warnings: " + problems + "\n" + Tshark.verbose(tshark, f));
            List<String> lines = Tshark.fields(tshark, f, null, "frame.protocols", "nhrp.hdr.op.type",
                    "nhrp.hdr.chksum.status", "nhrp.reqid", "nhrp.src.nbma.addr", "_ws.col.Info");
            assertEquals(frames.size(), lines.size(), lines.toString());
            for (int i = 0; i < lines.size(); i++) {
                String[] c = lines.get(i).split("\t", -1);
                byte[] p = frames.get(i).nhrp();
                assertTrue(c[0].endsWith("ip:gre:nhrp") || c[0].contains("ip:gre:nhrp:ip"), lines.get(i));
                assertEquals(String.valueOf(Nhrp.type(p, 0)), c[1], lines.get(i));
                assertEquals("1", c[2], "checksum status Good: " + lines.get(i));
                assertTrue(c[5].startsWith("NHRP " + Nhrp.typeName(Nhrp.type(p, 0))), lines.get(i));
            }
            // spot checks of decoded values
            assertTrue(lines.get(2).contains("172.16.2.2"), lines.get(2));
            assertTrue(lines.get(0).contains("ID=7"), lines.get(0));
            assertTrue(lines.get(7).contains("ip:gre:nhrp:ip:icmp"), "the data packet inside a Traffic Indication: " + lines.get(7));
        }
    }
}
