package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Ipv6Test {
    static final Ipv6Address A = Ipv6Address.parse("2001:db8::1"), B = Ipv6Address.parse("2001:db8:0:1::2");

    @Test
    void addressesParseAndPrintAsIos() {
        assertEquals("2001:DB8::1", A.toString());
        assertEquals("::", Ipv6Address.parse("::").toString());
        assertEquals("::1", Ipv6Address.parse("0:0:0:0:0:0:0:1").toString());
        assertEquals("FF02::1:FF00:1", Ipv6Address.parse("ff02:0:0:0:0:1:ff00:1").toString());
        // RFC 5952 §4.2.2/§4.2.3: a single zero group is not compressed; the first of equal runs is
        assertEquals("2001:DB8:0:1:1:1:1:1", Ipv6Address.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", Ipv6Address.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("2001:DB8::1:0:0:1", Ipv6Address.parse("2001:db8:0:0:1:0:0:1").toString());
        assertEquals("::FFFF:C000:201", Ipv6Address.parse("::ffff:192.0.2.1").toString());
        for (String bad : new String[]{"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::", "1:2:3:4:5:6:7",
                "1::2:", ":1::2", "::1.2.3.256", "1.2.3.4"}) {
            assertNull(Ipv6Address.tryParse(bad), bad);
        }
        assertEquals(Ipv6Address.parse("1:2:3:4:5:6:7::"), Ipv6Address.parse("1:2:3:4:5:6:7:0"));
        assertEquals(Ipv6Address.parse("::2:3:4:5:6:7:8"), Ipv6Address.parse("0:2:3:4:5:6:7:8"));
    }

    @Test
    void derivedAddresses() {
        // RFC 4291 appendix A: 34-56-78-9A-BC-DE → 3656:78FF:FE9A:BCDE; IOS: aabb.cc00.0100 → FE80::A8BB:CCFF:FE00:100
        assertEquals(0x3656_78ff_fe9a_bcdeL, Ipv6Address.eui64(0x3456_789a_bcdeL));
        assertEquals("FE80::A8BB:CCFF:FE00:100", Ipv6Address.linkLocal(Ipv6Address.eui64(0xaabb_cc00_0100L)).toString());
        assertEquals("FF02::1:FF00:100", Ipv6Address.parse("fe80::a8bb:ccff:fe00:100").solicitedNode().toString());
        assertEquals(0x3333_ff00_0100L, Ipv6Address.parse("ff02::1:ff00:100").multicastMac());
        assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
        assertTrue(Ipv6Address.parse("febf::1").isLinkLocal());
        assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
        assertEquals(Ipv6Address.parse("2001:db8:0:1::"), B.prefix(64));
        assertEquals(Ipv6Address.parse("2001:c00::"), B.prefix(23));
        assertEquals(Ipv6Address.parse("2001:db8:0:1::2"), B.prefix(128));
        assertEquals(Ipv6Address.parse("2001:db8:0:1::"), B.prefix(126).prefix(64));
        assertTrue(B.inPrefix(Ipv6Address.parse("2001:db8::"), 32));
        assertFalse(B.inPrefix(Ipv6Address.parse("2001:db8::"), 64));
    }

    @Test
    void headerRoundTripAndExtensionWalk() {
        byte[] payload = new byte[12];
        byte[] p = Ipv6.build(4, 0xb8, Ipv6.NH_UDP, 64, A, B, payload, 0, payload.length);
        assertEquals(PacketError.OK, Ipv6.check(p, 4, p.length - 4));
        assertEquals(0xb8, Ipv6.trafficClass(p, 4));
        assertEquals(52, Ipv6.totalLength(p, 4));
        assertEquals(A, Ipv6.source(p, 4));
        assertEquals(B, Ipv6.destination(p, 4));
        assertEquals(63, Ipv6.decrementHopLimit(p, 4));
        long w = Ipv6.upperLayer(p, 4);
        assertEquals(Ipv6.NH_UDP, Ipv6.protocolOf(w));
        assertEquals(44, Ipv6.offsetOf(w));
        assertEquals(PacketError.TRUNCATED, Ipv6.check(p, 4, p.length - 5));
        assertEquals(PacketError.TRUNCATED, Ipv6.check(null, 0, 40));
        p[4] = 0x45;
        assertEquals(PacketError.BAD_VERSION, Ipv6.check(p, 4, p.length - 4));

        // hop-by-hop (8) → destination options (16) → fragment (first) → ICMPv6
        byte[] ext = HexFormat.of().parseHex("3c00010400000000" + "2c01000000000000" + "0000000000000000"
                + "3a00000100001234" + "8000000000010001");
        byte[] q = Ipv6.build(0, 0, Ipv6.NH_HOP_BY_HOP, 64, A, B, ext, 0, ext.length);
        w = Ipv6.upperLayer(q, 0);
        assertEquals(Ipv6.NH_ICMPV6, Ipv6.protocolOf(w));
        assertEquals(40 + 32, Ipv6.offsetOf(w));
        q[40 + 24 + 3] = 8;                  // fragment offset 1: a later fragment stops the walk
        assertEquals(Ipv6.NH_FRAGMENT, Ipv6.protocolOf(Ipv6.upperLayer(q, 0)));
        q[40 + 9] = 9;                       // destination options claiming 80 bytes: past the payload
        assertEquals(Ipv6.CHAIN_TRUNCATED, Ipv6.upperLayer(q, 0));
        byte[] chain = new byte[8 * 9];      // nine hop-by-hop headers: more than the walk allows
        byte[] r = Ipv6.build(0, 0, Ipv6.NH_HOP_BY_HOP, 64, A, B, chain, 0, chain.length);
        assertEquals(Ipv6.CHAIN_TOO_LONG, Ipv6.upperLayer(r, 0));
    }

    /** RFC 8200 §4.2: Hop-by-Hop and Destination Options are read option by option; the type's high bits decide. */
    @Test
    void optionsAreSkippedOrDiscardTheirPacketAsTheirTypeSays() {
        // hop-by-hop (Router Alert, PadN) → destination options (an option of type T, 4 bytes of data) → UDP
        java.util.function.IntFunction<byte[]> withOption = t -> {
            byte[] ext = HexFormat.of().parseHex("3c00" + "05020000" + "0100" + "1101" + String.format("%02x", t) + "04" + "00000000"
                + "0106000000000000" + "0000000000000000");
            return Ipv6.build(0, 0, Ipv6.NH_HOP_BY_HOP, 64, A, B, ext, 0, ext.length);
        };
        long udp = (long) Ipv6.NH_UDP << 32 | 64;                       // the walk's end when the options let it go on
        assertEquals(udp, Ipv6.walk(withOption.apply(0x3e), 0, 64), "00: skipped");
        assertEquals(udp, Ipv6.walk(withOption.apply(0x05), 0, 64), "Router Alert outside Hop-by-Hop is unknown, 00: skipped");
        assertEquals(Ipv6.OPTION_DISCARD, problem(withOption.apply(0x7e), 64, 50));
        assertEquals(Ipv6.OPTION_DISCARD_REPORT, problem(withOption.apply(0x9e), 64, 50));
        assertEquals(Ipv6.OPTION_DISCARD_REPORT_UNICAST, problem(withOption.apply(0xc2), 64, 50));
        assertEquals(udp, Ipv6.walk(withOption.apply(0x9e), 0, 48), "only the headers before optionsEnd");
        assertEquals(udp, Ipv6.upperLayer(withOption.apply(0x9e), 0), "upperLayer processes no option");
        byte[] bad = withOption.apply(0x3e);
        bad[51] = 13;                                                   // its data would run past the header
        assertEquals(Ipv6.OPTION_MALFORMED, problem(bad, 64, 50));
    }

    /** The verdict of {@link Ipv6#walk} of the packet at 0 with options processed to optionsEnd, its pointer checked. */
    private static int problem(byte[] p, int optionsEnd, int pointer) {
        long w = Ipv6.walk(p, 0, optionsEnd);
        assertEquals(pointer, Ipv6.optionPointer(w));
        return Ipv6.optionVerdict(w);
    }

    @Test
    void icmpv6EchoChecksumAgainstALinuxPacket() {
        // `ping -6 -c1 -s 8 -p 0102030405060708 ::1` captured on lo by tshark (Linux): checksum 0x0bdb
        byte[] p = HexFormat.of().parseHex("600bca3500103a40" + "00000000000000000000000000000001"
                + "00000000000000000000000000000001" + "80000bdb63c30001" + "0102030405060708");
        Icmpv6.updateChecksum(p, 40, 16, Ipv6Address.parse("::1"), Ipv6Address.parse("::1"));
        assertEquals(0x0bdb, Icmpv6.checksum(p, 40));
        assertEquals(0x63c3, Icmpv6.identifier(p, 40));
        assertEquals(PacketError.OK, Icmpv6.check(p, 0, 40, 16));
        p[47] ^= 1;
        assertEquals(PacketError.BAD_CHECKSUM, Icmpv6.check(p, 0, 40, 16));
    }

    @Test
    void neighborDiscoveryMessages() {
        Ipv6Address ll = Ipv6Address.linkLocal(Ipv6Address.eui64(0xaabb_cc00_0100L));
        byte[] ns = Icmpv6.buildPacket(0, ll, B.solicitedNode(), 255, Icmpv6.neighborSolicitation(B, 0xaabb_cc00_0100L));
        assertEquals(PacketError.OK, Icmpv6.check(ns, 0, 40, ns.length - 40));
        assertEquals(PacketError.OK, Icmpv6.checkNd(ns, 0, 40, ns.length - 40));
        assertEquals(B, Icmpv6.target(ns, 40));
        int o = Icmpv6.option(ns, 40, ns.length - 40, Icmpv6.OPT_SOURCE_LINK_ADDRESS);
        assertEquals(0xaabb_cc00_0100L, Icmpv6.linkLayerAddress(ns, o));
        ns[7] = 64;                                                       // hop limit must be 255
        assertEquals(PacketError.BAD_FIELD, Icmpv6.checkNd(ns, 0, 40, ns.length - 40));

        byte[] dad = Icmpv6.buildPacket(0, Ipv6Address.UNSPECIFIED, B.solicitedNode(), 255, Icmpv6.neighborSolicitation(B, -1));
        assertEquals(PacketError.OK, Icmpv6.checkNd(dad, 0, 40, dad.length - 40));
        byte[] badDad = Icmpv6.buildPacket(0, Ipv6Address.UNSPECIFIED, Ipv6Address.ALL_NODES, 255, Icmpv6.neighborSolicitation(B, -1));
        assertEquals(PacketError.BAD_FIELD, Icmpv6.checkNd(badDad, 0, 40, badDad.length - 40));

        byte[] na = Icmpv6.buildPacket(0, B, ll, 255, Icmpv6.neighborAdvertisement(Icmpv6.NA_SOLICITED | Icmpv6.NA_OVERRIDE, B, 0x0011_2233_4455L));
        assertEquals(PacketError.OK, Icmpv6.checkNd(na, 0, 40, na.length - 40));
        assertEquals(Icmpv6.NA_SOLICITED | Icmpv6.NA_OVERRIDE, Icmpv6.flags(na, 40));
        byte[] badNa = Icmpv6.buildPacket(0, B, Ipv6Address.ALL_NODES, 255, Icmpv6.neighborAdvertisement(Icmpv6.NA_SOLICITED, B, -1));
        assertEquals(PacketError.BAD_FIELD, Icmpv6.checkNd(badNa, 0, 40, badNa.length - 40));

        byte[] ra = Icmpv6.buildPacket(0, ll, Ipv6Address.ALL_NODES, 255, Icmpv6.routerAdvertisement(64, 0, 1800, 0, 0,
                0xaabb_cc00_0100L, 1500, List.of(new Icmpv6.PrefixInfo(B, 64, true, true, 2592000, 604800))));
        int at = 40, len = ra.length - 40;
        assertEquals(PacketError.OK, Icmpv6.check(ra, 0, at, len));
        assertEquals(PacketError.OK, Icmpv6.checkNd(ra, 0, at, len));
        assertEquals(1800, Icmpv6.routerLifetime(ra, at));
        assertEquals(1500, Icmpv6.mtu(ra, Icmpv6.option(ra, at, len, Icmpv6.OPT_MTU)));
        int pi = Icmpv6.option(ra, at, len, Icmpv6.OPT_PREFIX_INFORMATION);
        assertEquals(64, Icmpv6.prefixLength(ra, pi));
        assertEquals(Ipv6Address.parse("2001:db8:0:1::"), Icmpv6.prefix(ra, pi));
        assertTrue(Icmpv6.onLink(ra, pi) && Icmpv6.autonomous(ra, pi));
        assertEquals(2592000, Icmpv6.validLifetime(ra, pi));
        ra[at + Icmpv6.RA_LEN + 1] = 0;                                    // an option of length 0
        assertEquals(PacketError.BAD_LENGTH, Icmpv6.checkNd(ra, 0, at, len));
        byte[] raFromGlobal = Icmpv6.buildPacket(0, A, Ipv6Address.ALL_NODES, 255, Icmpv6.routerAdvertisement(64, 0, 0, 0, 0, -1, 0, List.of()));
        assertEquals(PacketError.BAD_FIELD, Icmpv6.checkNd(raFromGlobal, 0, 40, raFromGlobal.length - 40));
        byte[] rs = Icmpv6.buildPacket(0, Ipv6Address.UNSPECIFIED, Ipv6Address.ALL_ROUTERS, 255, Icmpv6.routerSolicitation(0x1L));
        assertEquals(PacketError.BAD_FIELD, Icmpv6.checkNd(rs, 0, 40, rs.length - 40));
    }

    @Test
    void errorsQuoteAtMost1280BytesAndFollowTheSendingRules() {
        byte[] big = Ipv6.build(0, 0, Ipv6.NH_UDP, 64, A, B, new byte[1400], 0, 1400);
        assertTrue(Icmpv6.mayReplyWithError(big, 0, big.length, false));
        byte[] err = Icmpv6.buildPacket(0, B, A, 64, Icmpv6.error(Icmpv6.TYPE_PACKET_TOO_BIG, 0, 1280, big, 0, big.length));
        assertEquals(Ipv6.MIN_MTU, err.length);
        assertEquals(1280, Icmpv6.parameter(err, 40));
        assertEquals(PacketError.OK, Icmpv6.check(err, 0, 40, err.length - 40));
        assertFalse(Icmpv6.mayReplyWithError(err, 0, err.length, true), "never an error about an error");
        byte[] toGroup = Ipv6.build(0, 0, Ipv6.NH_UDP, 64, A, Ipv6Address.ALL_NODES, new byte[8], 0, 8);
        assertFalse(Icmpv6.mayReplyWithError(toGroup, 0, toGroup.length, false));
        assertTrue(Icmpv6.mayReplyWithError(toGroup, 0, toGroup.length, true));
        byte[] fromNobody = Ipv6.build(0, 0, Ipv6.NH_UDP, 64, Ipv6Address.UNSPECIFIED, B, new byte[8], 0, 8);
        assertFalse(Icmpv6.mayReplyWithError(fromNobody, 0, fromNobody.length, false));
        byte[] echo = Icmpv6.buildPacket(0, A, B, 64, Icmpv6.echo(Icmpv6.TYPE_ECHO_REQUEST, 1, 2, new byte[4], 0, 4));
        assertTrue(Icmpv6.mayReplyWithError(echo, 0, echo.length, false));
    }
}
