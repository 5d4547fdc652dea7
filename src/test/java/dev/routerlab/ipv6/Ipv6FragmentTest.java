package dev.routerlab.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.packet.Icmpv6;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A router fragments the IPv6 packets it originates over the path MTU (RFC 8200 §4.5: only a
 * source fragments) and reassembles those addressed to it; a router on the way forwards
 * fragments as they are and still answers a whole packet over its link MTU with Packet Too Big.
 * R1 (2001:DB8:12::1) - R2 (routing) - R3 (2001:DB8:23::3), the R1-R2 wire captured.
 */
class Ipv6FragmentTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
    final List<byte[]> wire = new ArrayList<>();

    Ipv6FragmentTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0").capture((b, off, len) -> wire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        path(net, r1, r2, r3);
    }

    /**
     * R1 (2001:DB8:12::1) - R2 (routing) - R3 (2001:DB8:23::3), the R1-R2 wire the caller's: wires
     * R2 to R3, configures the three and lets ND run along the path.
     */
    static void path(Net net, Net.Node r1, Net.Node r2, Net.Node r3) {
        net.wire(r2, "Gi0/1", r3, "Gi0/0");
        r1.config("interface Gi0/0", "ipv6 address 2001:DB8:12::1/64", "no shutdown", "exit", "ipv6 route ::/0 2001:DB8:12::2");
        r2.config("ipv6 unicast-routing", "interface Gi0/0", "ipv6 address 2001:DB8:12::2/64", "no shutdown",
            "interface Gi0/1", "ipv6 address 2001:DB8:23::2/64", "no shutdown");
        r3.config("interface Gi0/0", "ipv6 address 2001:DB8:23::3/64", "no shutdown", "exit", "ipv6 route ::/0 2001:DB8:23::2");
        net.run(5);
        r1.exec("ping ipv6 2001:DB8:23::3 repeat 1");
    }

    @Test
    void aPingOf3000BytesLeavesInFragmentsAndIsAnsweredInFragments() {
        wire.clear();
        String out = r1.exec("ping ipv6 2001:DB8:23::3 size 3000");
        assertTrue(out.contains("Sending 5, 3000-byte ICMP Echos to 2001:DB8:23::3, timeout is 2 seconds:\n!!!!!\n"
            + "Success rate is 100 percent (5/5)"), out);
        List<byte[]> fromR1 = fragments(wire, "2001:DB8:12::1"), fromR3 = fragments(wire, "2001:DB8:23::3");
        assertEquals(15, fromR1.size(), "3000 bytes in 1500's: three fragments per echo");
        assertEquals(15, fromR3.size(), "the replies come back in fragments too");
        Set<Integer> ids = new TreeSet<>();
        for (int i = 0; i < fromR1.size(); i++) {
            byte[] f = fromR1.get(i);
            int fh = Ipv6.fragmentHeader(f, 14);
            assertEquals(14 + Ipv6.HEADER_LEN, fh);
            assertTrue(f.length - 14 <= 1500, "each fragment fits the link");
            assertEquals(List.of(0, 1448, 2896).get(i % 3), Ipv6.fragmentOffset(f, fh), "8-octet units, 1448 of data each");
            assertEquals(i % 3 != 2, Ipv6.moreFragments(f, fh));
            assertEquals(Ipv6.NH_ICMPV6, f[fh] & 0xff, "the Fragment header names ICMPv6");
            if (i % 3 > 0) assertEquals(Ipv6.fragmentId(fromR1.get(i - 1), fh), Ipv6.fragmentId(f, fh), "one Identification per packet");
            ids.add(Ipv6.fragmentId(f, fh));
        }
        assertEquals(5, ids.size(), "a new Identification for each packet");
        assertEquals(5, r1.router.ipv6().stats().fragmented);
        assertEquals(15, r1.router.ipv6().stats().fragmentsCreated);
        assertEquals(5, r1.router.ipv6().stats().reassembled, "R1 reassembled the replies");
        assertEquals(5, r3.router.ipv6().stats().reassembled, "R3 reassembled the requests");
        assertEquals(0, r2.router.ipv6().stats().reassembled, "R2 forwards fragments as they are");
        String t = r1.exec("show ipv6 traffic");
        assertTrue(t.contains("         15 fragments, 5 total reassembled\n         0 reassembly timeouts, 0 reassembly failures\n"), t);
        assertTrue(t.contains("         5 fragmented into 15 fragments, 0 failed\n"), t);

    }

    /**
     * RFC 7739 §5: the Identification is no counter of the router's. Echoes to R3 and to R2 in
     * turn: each destination's packets get values that follow each other, but nothing links the
     * values to one destination with those to the other (FragmentIdsTest: another router's
     * secret gives other values).
     */
    @Test
    void identificationsAreNoRouterWideCounter() {
        wire.clear();
        for (int i = 0; i < 3; i++) {
            assertTrue(r1.exec("ping ipv6 2001:DB8:23::3 size 2000 repeat 1").contains("(1/1)"));
            assertTrue(r1.exec("ping ipv6 2001:DB8:23::2 size 2000 repeat 1").contains("(1/1)"));
        }
        List<Integer> ids = new ArrayList<>();
        for (byte[] f : fragments(wire, "2001:DB8:12::1")) {
            int fh = Ipv6.fragmentHeader(f, 14);
            if (Ipv6.fragmentOffset(f, fh) == 0) ids.add(Ipv6.fragmentId(f, fh));
        }
        assertEquals(6, ids.size(), ids.toString());
        for (int i = 2; i < 6; i++) assertEquals(ids.get(i - 2) + 1, ids.get(i), "one destination's follow each other: " + ids);
        for (int i = 1; i < 6; i++) {
            long step = (long) ids.get(i) - ids.get(i - 1);
            assertTrue(step < 0 || step > 64, "the other destination's say nothing of them: " + ids);
        }
        assertTrue(ids.get(0) < 0 || ids.get(0) > 64, "not a counter from zero: " + ids);
    }

    @Test
    void aForwardedPacketOverTheLinkGetsPacketTooBigAndTheSourceThenFragmentsToThePathMtu() {
        r2.config("interface Gi0/1", "ipv6 mtu 1280");
        long refused = r2.router.ipv6().stats().tooBig;
        String first = r1.exec("ping ipv6 2001:DB8:23::3 size 1400 repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(refused + 1, r2.router.ipv6().stats().tooBig, "R2 never fragments what it forwards");
        assertEquals(1280, r1.router.ipv6().pathMtu(Ipv6Address.parse("2001:DB8:23::3"), 1500));
        wire.clear();
        String then = r1.exec("ping ipv6 2001:DB8:23::3 size 1400 repeat 2");
        assertTrue(then.contains("!!\nSuccess rate is 100 percent (2/2)"), then);
        List<byte[]> fromR1 = fragments(wire, "2001:DB8:12::1");
        assertEquals(4, fromR1.size(), "two fragments per echo");
        for (byte[] f : fromR1) assertTrue(f.length - 14 <= 1280, "within the path MTU");
        assertEquals(refused + 1, r2.router.ipv6().stats().tooBig);
    }

    @Test
    void aLoneFirstFragmentTimesOutWithTimeExceeded() {
        byte[] p = Icmpv6.buildPacket(Ipv6Engine.HEADROOM, Ipv6Address.parse("2001:DB8:12::1"), Ipv6Address.parse("2001:DB8:23::3"), 64,
            Icmpv6.echo(Icmpv6.TYPE_ECHO_REQUEST, 1, 1, new byte[2000], 0, 2000));
        List<byte[]> fs = Ipv6.fragment(p, Ipv6Engine.HEADROOM, 1280, 77, Ipv6Engine.HEADROOM);
        assertEquals(2, fs.size());
        r1.router.ipv6().sendWhole(fs.get(0), Ipv6Engine.HEADROOM, fs.get(0).length - Ipv6Engine.HEADROOM);
        net.run(30);
        assertEquals(1, r3.router.ipv6().reassemblyPending());
        assertEquals(0, r1.router.ipv6().stats().codesIn[3][1]);
        net.run(32);
        assertEquals(0, r3.router.ipv6().reassemblyPending());
        assertEquals(1, r3.router.ipv6().stats().reassemblyTimeouts);
        assertEquals(1, r1.router.ipv6().stats().codesIn[3][1], "Time Exceeded, fragment reassembly time exceeded (RFC 8200 §4.5)");
    }

    @Test
    void aFragmentNotAMultipleOf8GetsParameterProblemAtThePayloadLength() {
        byte[] p = Icmpv6.buildPacket(Ipv6Engine.HEADROOM, Ipv6Address.parse("2001:DB8:12::1"), Ipv6Address.parse("2001:DB8:23::3"), 64,
            Icmpv6.echo(Icmpv6.TYPE_ECHO_REQUEST, 1, 1, new byte[2000], 0, 2000));
        byte[] f = Ipv6.fragment(p, Ipv6Engine.HEADROOM, 1280, 78, Ipv6Engine.HEADROOM).get(0);
        int len = f.length - Ipv6Engine.HEADROOM - 3;                    // cut to a length that is no multiple of 8
        dev.routerlab.packet.Bytes.put16(f, Ipv6Engine.HEADROOM + 4, len - Ipv6.HEADER_LEN);
        List<Long> pointers = new ArrayList<>();
        r1.router.ipv6().addIcmpListener((b, off, at, l) -> {
            if (Icmpv6.type(b, at) == Icmpv6.TYPE_PARAMETER_PROBLEM) pointers.add(Icmpv6.parameter(b, at));
        });
        r1.router.ipv6().sendWhole(f, Ipv6Engine.HEADROOM, len);
        net.run(1);
        assertEquals(List.of(4L), pointers, "RFC 8200 §4.5: pointing at the Payload Length");
        assertEquals(0, r3.router.ipv6().reassemblyPending());
    }

    /** The Parameter Problems R1 receives, as "code/pointer". */
    List<String> parameterProblems() {
        List<String> got = new ArrayList<>();
        r1.router.ipv6().addIcmpListener((b, off, at, l) -> {
            if (Icmpv6.type(b, at) == Icmpv6.TYPE_PARAMETER_PROBLEM) got.add((b[at + 1] & 0xff) + "/" + Icmpv6.parameter(b, at));
        });
        return got;
    }

    /** An IPv6 packet from R1 to R3 with these headers before a 2000-byte payload (nextHeader names the first). */
    static byte[] toR3(int nextHeader, String headersHex) {
        byte[] h = java.util.HexFormat.of().parseHex(headersHex), body = new byte[h.length + 2000];
        System.arraycopy(h, 0, body, 0, h.length);
        return Ipv6.build(Ipv6Engine.HEADROOM, 0, nextHeader, 64, Ipv6Address.parse("2001:DB8:12::1"),
            Ipv6Address.parse("2001:DB8:23::3"), body, 0, body.length);
    }

    void send(byte[] f) { r1.router.ipv6().sendWhole(f, Ipv6Engine.HEADROOM, f.length - Ipv6Engine.HEADROOM); }

    /**
     * RFC 7112 §5, RFC 8200 §4.5: a first fragment that ends inside the header chain (here half of
     * a Destination Options header) discards its packet, the fragment of it that came before too,
     * and its source gets a Parameter Problem code 3 with pointer 0; `show ipv6 traffic` counts
     * it as a bad header and a reassembly failure.
     */
    @Test
    void aFirstFragmentWithAnIncompleteHeaderChainGetsParameterProblemCode3() {
        List<String> problems = parameterProblems();
        List<byte[]> fs = Ipv6.fragment(toR3(Ipv6.NH_DEST_OPTIONS, "1101" + "0106000000000000" + "000000000000"),
            Ipv6Engine.HEADROOM, 56, 79, Ipv6Engine.HEADROOM);                    // 8 bytes of data a fragment
        send(fs.get(1));
        net.run(1);
        assertEquals(1, r3.router.ipv6().reassemblyPending());
        send(fs.get(0));
        net.run(1);
        assertEquals(List.of("3/0"), problems, "IPv6 First Fragment has incomplete IPv6 Header Chain, pointer 0");
        assertEquals(0, r3.router.ipv6().reassemblyPending(), "the packet is discarded");
        assertEquals(1, r3.router.ipv6().stats().codesOut[4][3]);
        String t = r3.exec("show ipv6 traffic");
        assertTrue(t.contains("         1 bad header, 0 unknown option, 0 bad source\n"), t);
        assertTrue(t.contains("         2 fragments, 0 total reassembled\n         0 reassembly timeouts, 1 reassembly failures\n"), t);
    }

    /**
     * RFC 8200 §4.5: the headers before the Fragment header are processed as each fragment
     * arrives. A later fragment whose Hop-by-Hop header holds an unknown option of type 10xxxxxx
     * is discarded before it is queued, its source told with a Parameter Problem code 2 at the
     * option (§4.2); `unknown option` counts it.
     */
    @Test
    void aFragmentsPerFragmentHeadersAreCheckedAsItArrives() {
        List<String> problems = parameterProblems();
        List<byte[]> fs = Ipv6.fragment(toR3(Ipv6.NH_HOP_BY_HOP, "3a00" + "9e00" + "01020000"), Ipv6Engine.HEADROOM, 1280, 80,
            Ipv6Engine.HEADROOM);
        assertEquals(48, Ipv6.fragmentHeader(fs.get(1), Ipv6Engine.HEADROOM) - Ipv6Engine.HEADROOM, "Hop-by-Hop in every fragment");
        send(fs.get(1));
        net.run(1);
        assertEquals(List.of("2/42"), problems);
        assertEquals(0, r3.router.ipv6().reassemblyPending(), "not queued");
        String t = r3.exec("show ipv6 traffic");
        assertTrue(t.contains("         0 bad header, 1 unknown option, 0 bad source\n"), t);

        List<byte[]> ok = Ipv6.fragment(toR3(Ipv6.NH_HOP_BY_HOP, "3a00" + "1e00" + "01020000"), Ipv6Engine.HEADROOM, 1280, 81,
            Ipv6Engine.HEADROOM);                                        // 00xxxxxx: skipped
        for (byte[] f : ok) send(f);
        net.run(1);
        assertEquals(1, r3.router.ipv6().stats().reassembled);
        assertEquals(List.of("2/42"), problems);
    }

    /** The IPv6 fragments among the Ethernet frames, from src, in order. */
    static List<byte[]> fragments(List<byte[]> frames, String src) {
        List<byte[]> out = new ArrayList<>();
        Ipv6Address s = Ipv6Address.parse(src);
        for (byte[] f : frames) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) != 0x86dd || !Ipv6.source(f, 14).equals(s)) continue;
            if (Ipv6.fragmentHeader(f, 14) >= 0) out.add(f);
        }
        return out;
    }
}
