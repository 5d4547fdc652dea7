package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 100,000 random and mutated inputs through the IPv6 and ICMPv6 codecs (header, extension walk,
 * ICMPv6 checksum, ND checks and option accessors, error rules): no exception may escape. Mutated
 * packets get their ICMPv6 checksum repaired half the time so the ND checks are reached.
 */
class Ipv6FuzzTest {
    static final int ITERATIONS = 100_000;
    static final Ipv6Address A = Ipv6Address.parse("2001:db8::1"), B = Ipv6Address.parse("2001:db8::2");
    static final Ipv6Address LL = Ipv6Address.linkLocal(Ipv6Address.eui64(0xaabb_cc00_0100L));

    static List<byte[]> seeds() {
        List<byte[]> s = new ArrayList<>();
        s.add(Icmpv6.buildPacket(0, A, B, 64, Icmpv6.echo(Icmpv6.TYPE_ECHO_REQUEST, 1, 1, new byte[24], 0, 24)));
        s.add(Icmpv6.buildPacket(0, LL, B.solicitedNode(), 255, Icmpv6.neighborSolicitation(B, 0xaabb_cc00_0100L)));
        s.add(Icmpv6.buildPacket(0, Ipv6Address.UNSPECIFIED, B.solicitedNode(), 255, Icmpv6.neighborSolicitation(B, -1)));
        s.add(Icmpv6.buildPacket(0, B, LL, 255, Icmpv6.neighborAdvertisement(Icmpv6.NA_SOLICITED | Icmpv6.NA_ROUTER, B, 0x1122_3344_5566L)));
        s.add(Icmpv6.buildPacket(0, LL, Ipv6Address.ALL_ROUTERS, 255, Icmpv6.routerSolicitation(0x1122_3344_5566L)));
        s.add(Icmpv6.buildPacket(0, LL, Ipv6Address.ALL_NODES, 255, Icmpv6.routerAdvertisement(64, 0x40, 1800, 0, 0, 0xaabb_cc00_0100L, 1500,
                List.of(new Icmpv6.PrefixInfo(A, 64, true, true, 2592000, 604800)))));
        byte[] udp = Ipv6.build(0, 0, Ipv6.NH_UDP, 64, A, B, new byte[64], 0, 64);
        s.add(Icmpv6.buildPacket(0, B, A, 64, Icmpv6.error(Icmpv6.TYPE_TIME_EXCEEDED, 0, 0, udp, 0, udp.length)));
        byte[] ext = HexFormat.of().parseHex("3c00010400000000" + "2c01000000000000" + "0000000000000000"
                + "3a00000100001234" + "8000000000010001");
        s.add(Ipv6.build(0, 0, Ipv6.NH_HOP_BY_HOP, 64, A, B, ext, 0, ext.length));
        s.add(udp);
        return s;
    }

    @Test
    void noExceptionEscapes() {
        Random rnd = new Random(0x6eed);
        List<byte[]> seeds = seeds();
        int[] hits = new int[4];   // ipv6, icmpv6, nd, error-allowed
        for (int it = 0; it < ITERATIONS; it++) {
            byte[] b;
            if (rnd.nextInt(5) == 0) {
                b = new byte[rnd.nextInt(140)];
                rnd.nextBytes(b);
                if (b.length > 0 && rnd.nextBoolean()) b[0] = (byte) (0x60 | b[0] & 0x0f);
            } else {
                b = FuzzTest.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                if (rnd.nextBoolean()) repairIcmpv6(b);
            }
            int off = 0, len = b.length;
            switch (rnd.nextInt(10)) {
                case 0 -> len = rnd.nextInt(b.length + 1);
                case 1 -> { off = rnd.nextInt(b.length + 1); len = b.length - off; }
                case 2 -> { off = rnd.nextInt(40) - 20; len = rnd.nextInt(200) - 20; }  // out of range
                default -> { }
            }
            try {
                exercise(b, off, len, hits);
            } catch (Throwable t) {
                fail("iteration " + it + " off " + off + " len " + len + " bytes " + HexFormat.of().formatHex(b), t);
            }
        }
        System.out.println("ipv6 fuzz: " + ITERATIONS + " inputs, ipv6=" + hits[0] + " icmpv6=" + hits[1] + " nd=" + hits[2] + " error-allowed=" + hits[3]);
        assertTrue(hits[0] > ITERATIONS / 4, "ipv6 " + hits[0]);
        assertTrue(hits[1] > 1000, "icmpv6 " + hits[1]);
        assertTrue(hits[2] > 500, "nd " + hits[2]);
        assertTrue(hits[3] > 500, "errors allowed " + hits[3]);
    }

    /** When the bytes walk to an ICMPv6 header, fixes its checksum. */
    static void repairIcmpv6(byte[] b) {
        if (Ipv6.check(b, 0, b.length) != PacketError.OK) return;
        long w = Ipv6.upperLayer(b, 0);
        if (w < 0 || Ipv6.protocolOf(w) != Ipv6.NH_ICMPV6) return;
        int at = Ipv6.offsetOf(w), len = Ipv6.totalLength(b, 0) - at;
        if (len >= 4) Icmpv6.updateChecksum(b, at, len, Ipv6.source(b, 0), Ipv6.destination(b, 0));
    }

    static void exercise(byte[] b, int off, int len, int[] hits) {
        Icmpv6.mayReplyWithError(b, off, len, (len & 1) == 0);
        if (Ipv6.check(b, off, len) != PacketError.OK) return;
        hits[0]++;
        Ipv6.trafficClass(b, off);
        Ipv6.flowLabel(b, off);
        Ipv6.source(b, off).toString();
        Ipv6.destination(b, off).solicitedNode();
        if (Icmpv6.mayReplyWithError(b, off, len, false)) {
            hits[3]++;
            Icmpv6.error(Icmpv6.TYPE_DEST_UNREACHABLE, 0, 0, b, off, Ipv6.totalLength(b, off));
        }
        long w = Ipv6.upperLayer(b, off);
        if (w < 0 || Ipv6.protocolOf(w) != Ipv6.NH_ICMPV6) return;
        int at = Ipv6.offsetOf(w), ilen = off + Ipv6.totalLength(b, off) - at;
        if (Icmpv6.check(b, off, at, ilen) != PacketError.OK) return;
        hits[1]++;
        Icmpv6.type(b, at);
        Icmpv6.code(b, at);
        if (Icmpv6.checkNd(b, off, at, ilen) != PacketError.OK) return;
        hits[2]++;
        int type = Icmpv6.type(b, at);
        if (type == Icmpv6.TYPE_NEIGHBOR_SOLICITATION || type == Icmpv6.TYPE_NEIGHBOR_ADVERTISEMENT) {
            Icmpv6.target(b, at);
            Icmpv6.flags(b, at);
        }
        if (type == Icmpv6.TYPE_ROUTER_ADVERTISEMENT) {
            Icmpv6.curHopLimit(b, at);
            Icmpv6.raFlags(b, at);
            Icmpv6.routerLifetime(b, at);
            Icmpv6.reachableTime(b, at);
            Icmpv6.retransTimer(b, at);
            int pi = Icmpv6.option(b, at, ilen, Icmpv6.OPT_PREFIX_INFORMATION);
            if (pi >= 0) {
                Icmpv6.prefix(b, pi);
                Icmpv6.prefixLength(b, pi);
                Icmpv6.validLifetime(b, pi);
                Icmpv6.preferredLifetime(b, pi);
                Icmpv6.onLink(b, pi);
                Icmpv6.autonomous(b, pi);
            }
            int mo = Icmpv6.option(b, at, ilen, Icmpv6.OPT_MTU);
            if (mo >= 0) Icmpv6.mtu(b, mo);
        }
        for (int t : new int[]{Icmpv6.OPT_SOURCE_LINK_ADDRESS, Icmpv6.OPT_TARGET_LINK_ADDRESS}) {
            int o = Icmpv6.option(b, at, ilen, t);
            if (o >= 0) Icmpv6.linkLayerAddress(b, o);
        }
    }
}
