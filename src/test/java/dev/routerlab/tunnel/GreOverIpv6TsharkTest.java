package dev.routerlab.tunnel;

import dev.routerlab.capture.PcapWriter;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Wireshark's IPv6 and GRE dissectors read R1-R2's wire of the gre-over-ipv6 topology while IPv4
 * and IPv6 pings cross the tunnel: every outer packet is IPv6 with next header 47 and hop limit
 * 255 from the entry point, GRE carries 0x0800 and 0x86DD, the inner ICMP and ICMPv6 checksums
 * are good, and nothing is malformed or warned about.
 */
class GreOverIpv6TsharkTest {
    @Test
    void tsharkDecodesOurGreOverIpv6WithoutWarnings(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("GreOverIpv6TsharkTest");
        Path file = dir.resolve("gre6.pcap");
        Net net = new Net();
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.LINKTYPE_ETHERNET, net.clock)) {
            GreOverIpv6Test.lab(net, (b, off, len) -> {
                try {
                    w.write(b, off, len);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Net.Node r1 = net.get("R1"), r3 = net.get("R3");
            r1.exec("ping ipv6 2001:DB8:23::3 repeat 2");
            r1.exec("ping 3.3.3.3 source Loopback0 repeat 3");
            r1.exec("ping ipv6 2001:DB8:3::3 repeat 3");
            r3.exec("ping 1.1.1.1 source Loopback0 size 3000 repeat 1");     // fragmented inside, before encapsulation
            net.run(2);
        }
        List<String> problems = Tshark.problems(tshark, file);
        assertTrue(problems.isEmpty(), "tshark warnings: " + problems + "\n" + Tshark.verbose(tshark, file));
        List<String> gre = Tshark.fields(tshark, file, "gre", "frame.protocols", "ipv6.nxt", "ipv6.hlim", "ipv6.src", "gre.proto");
        assertTrue(gre.size() >= 14, gre.toString());
        int v4 = 0, v6 = 0;
        for (String row : gre) {
            String[] c = row.split("\t", -1);
            assertTrue(c[0].startsWith("eth:ethertype:ipv6:gre:"), row);
            assertEquals("47", c[1], row);
            assertEquals(c[3].equals("2001:db8:12::1") ? "255" : "254", c[2], "hop limit 255 at the entry, R2 took one: " + row);
            if (c[4].equals("0x0800")) v4++;
            if (c[4].equals("0x86dd")) v6++;
        }
        assertTrue(v4 >= 8 && v6 >= 6, v4 + " IPv4 and " + v6 + " IPv6 in GRE: " + gre);
        for (String s : Tshark.fields(tshark, file, "gre && icmp", "icmp.checksum.status")) assertEquals("1", s);
        for (String s : Tshark.fields(tshark, file, "gre && icmpv6", "icmpv6.checksum.status")) assertEquals("1", s);
        // the 3000-byte echo crossed as inner IPv4 fragments of at most 1456 bytes, each in one unfragmented IPv6 packet
        List<String> frags = Tshark.fields(tshark, file, "gre && ip.flags.mf == 1", "ip.len", "ipv6.plen");
        assertFalse(frags.isEmpty());
        for (String f : frags) {
            String[] c = f.split("\t");
            assertTrue(Integer.parseInt(c[0]) <= 1456 && Integer.parseInt(c[1]) == Integer.parseInt(c[0]) + 4, f);
        }
        assertTrue(Tshark.fields(tshark, file, "ipv6.fragment", "frame.number").isEmpty(), "no IPv6 fragment header anywhere");
    }
}
