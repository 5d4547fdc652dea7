package dev.routerlab.ipv6;

import dev.routerlab.capture.PcapWriter;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Wireshark's IPv6/ICMPv6 dissectors read a capture of the R1-R2 wire while the routers come up
 * (DAD, RAs), resolve each other (NS/NA), ping, traceroute and hit an MTU: every message type
 * decodes with a good checksum, and nothing is malformed or warned about.
 */
class Ipv6TsharkTest {
    @Test
    void tsharkDecodesOurNeighborDiscoveryAndIcmpv6WithoutWarnings(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("Ipv6TsharkTest");
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        Path file = dir.resolve("ipv6.pcap");
        try (PcapWriter w = capture(net, r1, r2, file)) {
            net.wire(r2, "Gi0/1", r3, "Gi0/0");
            r1.config("interface Gi0/0", "ipv6 address 2001:DB8:12::1/64", "no shutdown", "exit", "ipv6 route ::/0 2001:DB8:12::2");
            r2.config("ipv6 unicast-routing", "interface Gi0/0", "ipv6 address 2001:DB8:12::2/64", "no shutdown",
                    "interface Gi0/1", "ipv6 address 2001:DB8:23::2/64", "ipv6 mtu 1280", "no shutdown");
            r3.config("interface Gi0/0", "ipv6 address 2001:DB8:23::3/64", "no shutdown", "exit", "ipv6 route ::/0 2001:DB8:23::2");
            net.run(40);
            r1.exec("ping ipv6 2001:DB8:23::3");
            r1.exec("ping ipv6 2001:DB8:23::3 size 1400 repeat 1");
            r1.exec("ping ipv6 2001:DB8:99::1 repeat 1");
            r1.exec("traceroute ipv6 2001:DB8:23::3");
            net.run(40);                                   // REACH → STALE → DELAY → PROBE: a unicast NS
            r1.exec("ping ipv6 2001:DB8:12::2 repeat 1");
            net.run(10);
        }
        List<String> problems = Tshark.problems(tshark, file);
        assertTrue(problems.isEmpty(), "tshark warnings: " + problems);
        List<String> rows = Tshark.fields(tshark, file, "icmpv6", "icmpv6.type", "icmpv6.checksum.status", "frame.protocols");
        Set<String> types = new TreeSet<>();
        for (String row : rows) {
            String[] c = row.split("\t", -1);
            types.add(c[0]);
            assertEquals("1", c[1], "checksum good: " + row);
            assertTrue(c[2].startsWith("eth:ethertype:ipv6"), row);
        }
        // DAD/resolution NS, NA, RA, echo, time exceeded, unreachable (no route, port), packet too big
        for (String t : List.of("135", "136", "134", "128", "129", "3", "1", "2")) assertTrue(types.contains(t), "type " + t + " in " + types);
        List<String> ra = Tshark.fields(tshark, file, "icmpv6.type == 134", "icmpv6.nd.ra.router_lifetime", "icmpv6.opt.prefix", "icmpv6.opt.mtu");
        assertTrue(ra.contains("1800\t2001:db8:12::\t1500"), ra.toString());
        List<String> dad = Tshark.fields(tshark, file, "icmpv6.type == 135 && ipv6.src == ::", "icmpv6.nd.ns.target_address");
        assertTrue(dad.contains("2001:db8:12::1"), dad.toString());
        List<String> ptb = Tshark.fields(tshark, file, "icmpv6.type == 2", "icmpv6.mtu");
        assertEquals(List.of("1280"), ptb);
    }

    /**
     * A 3000-byte `ping ipv6` leaves R1 in fragments and comes back in R3's: Wireshark dissects
     * every Fragment header (offsets in 8-octet units, M, one Identification per packet) and
     * reassembles each echo and reply into one ICMPv6 message with a good checksum.
     */
    @Test
    void tsharkReassemblesOurFragmentedEchoes(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("Ipv6TsharkTest");
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        Path file = dir.resolve("fragments.pcap");
        try (PcapWriter w = capture(net, r1, r2, file)) {
            Ipv6FragmentTest.path(net, r1, r2, r3);
            String p = r1.exec("ping ipv6 2001:DB8:23::3 size 3000 repeat 2");
            assertTrue(p.contains("!!\nSuccess rate is 100 percent (2/2)"), p);
        }
        List<String> problems = Tshark.problems(tshark, file);
        assertTrue(problems.isEmpty(), "tshark warnings: " + problems);
        List<String> frags = Tshark.fields(tshark, file, "ipv6.fraghdr", "ipv6.src", "ipv6.fraghdr.nxt", "ipv6.fraghdr.offset",
            "ipv6.fraghdr.more", "ipv6.fraghdr.ident", "frame.len");
        assertEquals(12, frags.size(), frags.toString());
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < frags.size(); i++) {
            String[] c = frags.get(i).split("\t", -1);
            assertEquals("58", c[1], frags.get(i));
            assertEquals(List.of("0", "181", "362").get(i % 3), c[2], "offsets in 8-octet units: " + frags.get(i));
            assertEquals(i % 3 == 2 ? "0" : "1", c[3], frags.get(i));
            assertTrue(Integer.parseInt(c[5]) <= 1514, frags.get(i));
            ids.add(c[0] + "/" + c[4]);
        }
        assertEquals(4, ids.size(), "one Identification per packet: " + ids);
        List<String> whole = Tshark.fields(tshark, file, "ipv6.reassembled.length", "icmpv6.type", "ipv6.reassembled.length",
            "ipv6.fragment.count", "icmpv6.checksum.status");
        assertEquals(List.of("128\t2960\t3\t1", "129\t2960\t3\t1", "128\t2960\t3\t1", "129\t2960\t3\t1"), whole);
    }

    /** Wires R1's Gi0/0 to R2's, every frame on it written to file. */
    private static PcapWriter capture(Net net, Net.Node r1, Net.Node r2, Path file) throws java.io.IOException {
        PcapWriter w = PcapWriter.create(file, PcapWriter.LINKTYPE_ETHERNET, net.clock);
        net.wire(r1, "Gi0/0", r2, "Gi0/0").capture((b, off, len) -> {
            try {
                w.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return w;
    }

    /**
     * RFC 7739 §5: the Identifications Wireshark reads in R1's fragments, echoes to R3 and to R2
     * in turn, are no counter: one destination's follow each other, the other's say nothing of them.
     */
    @Test
    void tsharkSeesIdentificationsThatAreNoCounter(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("Ipv6TsharkTest");
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        Path file = dir.resolve("ids.pcap");
        try (PcapWriter w = capture(net, r1, r2, file)) {
            Ipv6FragmentTest.path(net, r1, r2, r3);
            for (int i = 0; i < 3; i++) {
                assertTrue(r1.exec("ping ipv6 2001:DB8:23::3 size 2000 repeat 1").contains("(1/1)"));
                assertTrue(r1.exec("ping ipv6 2001:DB8:12::2 size 2000 repeat 1").contains("(1/1)"));
            }
        }
        assertTrue(Tshark.problems(tshark, file).isEmpty());
        List<String> rows = Tshark.fields(tshark, file, "ipv6.fraghdr.offset == 0 && ipv6.src == 2001:db8:12::1",
            "ipv6.dst", "ipv6.fraghdr.ident");
        assertEquals(6, rows.size(), rows.toString());
        long[] ids = new long[6];
        for (int i = 0; i < 6; i++) ids[i] = Long.decode(rows.get(i).split("\t")[1]);
        for (int i = 2; i < 6; i++) assertEquals((ids[i - 2] + 1) & 0xffff_ffffL, ids[i], "one destination's: " + rows);
        for (int i = 1; i < 6; i++) {
            long step = ids[i] - ids[i - 1];
            assertTrue(step < 0 || step > 64, "not sequential: " + rows);
        }
    }

    /**
     * RFC 7112 §5 and RFC 8200 §4.2/§4.5 on the wire: R2 answers a first fragment from R1 that ends
     * inside its header chain with a Parameter Problem code 3, pointer 0, and a later fragment whose
     * Hop-by-Hop header holds an unknown 10xxxxxx option with code 2 pointing at it; Wireshark
     * names both codes and finds their checksums good.
     */
    @Test
    void tsharkDissectsOurParameterProblemsAboutFragments(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("Ipv6TsharkTest");
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        Path file = dir.resolve("problems.pcap");
        Ipv6Address from = Ipv6Address.parse("2001:DB8:12::1"), to = Ipv6Address.parse("2001:DB8:12::2");
        try (PcapWriter w = capture(net, r1, r2, file)) {
            r1.config("interface Gi0/0", "ipv6 address 2001:DB8:12::1/64", "no shutdown");
            r2.config("interface Gi0/0", "ipv6 address 2001:DB8:12::2/64", "no shutdown");
            net.run(5);
            r1.exec("ping ipv6 2001:DB8:12::2 repeat 1");
            byte[] destOptions = java.util.HexFormat.of().parseHex("1101" + "0106000000000000" + "000000000000" + "0000000000000000");
            byte[] first = Ipv6.fragment(Ipv6.build(Ipv6Engine.HEADROOM, 0, Ipv6.NH_DEST_OPTIONS, 64, from, to, destOptions, 0, 24),
                Ipv6Engine.HEADROOM, 56, 0x1234, Ipv6Engine.HEADROOM).get(0);             // 8 of the chain's 24 bytes
            r1.router.ipv6().sendWhole(first, Ipv6Engine.HEADROOM, first.length - Ipv6Engine.HEADROOM);
            byte[] hopByHop = new byte[8 + 2000];
            System.arraycopy(java.util.HexFormat.of().parseHex("3a00" + "9e00" + "01020000"), 0, hopByHop, 0, 8);
            byte[] later = Ipv6.fragment(Ipv6.build(Ipv6Engine.HEADROOM, 0, Ipv6.NH_HOP_BY_HOP, 64, from, to, hopByHop, 0, hopByHop.length),
                Ipv6Engine.HEADROOM, 1280, 0x5678, Ipv6Engine.HEADROOM).get(1);
            r1.router.ipv6().sendWhole(later, Ipv6Engine.HEADROOM, later.length - Ipv6Engine.HEADROOM);
            net.run(1);
        }
        List<String> rows = Tshark.fields(tshark, file, "icmpv6.type == 4", "icmpv6.code", "icmpv6.pointer", "icmpv6.checksum.status",
            "_ws.col.Info");
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("3\t0\t1\t") && rows.get(0).contains("incomplete IPv6 Header Chain"), rows.toString());
        assertTrue(rows.get(1).startsWith("2\t42\t1\t") && rows.get(1).contains("unrecognized IPv6 option"), rows.toString());
    }
}
