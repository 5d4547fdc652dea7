package dev.routerlab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NAT rewriting codec: incremental checksums (RFC 1624) equal full recomputation. */
class NatRewriteTest {
    private static final int A = Ipv4Address.parse("192.168.1.10"), B = Ipv4Address.parse("203.0.113.9"),
        G = Ipv4Address.parse("203.0.113.1");

    static byte[] tcp(int src, int dst, int sp, int dp, int flags, int payload) {
        byte[] p = new byte[20 + 20 + payload];
        Bytes.put16(p, 20, sp);
        Bytes.put16(p, 22, dp);
        p[32] = 0x50;
        p[33] = (byte) flags;
        for (int i = 40; i < p.length; i++) p[i] = (byte) (i * 7);
        Bytes.put16(p, 36, Tcp.computeChecksum(p, 20, 20 + payload, src, dst));
        Ipv4.writeHeader(p, 0, 0, p.length, 1, 0, 64, Ipv4.PROTO_TCP, src, dst);
        return p;
    }

    private static void assertValid(byte[] p) {
        assertTrue(Checksum.verify(p, 0, 20, 0), "IP header checksum");
        int src = Ipv4.source(p, 0), dst = Ipv4.destination(p, 0), l = p.length - 20;
        switch (Ipv4.protocol(p, 0)) {
            case Ipv4.PROTO_TCP -> assertEquals(Tcp.computeChecksum(p, 20, l, src, dst), Tcp.checksum(p, 20));
            case Ipv4.PROTO_UDP -> assertEquals(PacketError.OK, Udp.check(p, 20, l, src, dst));
            case Ipv4.PROTO_ICMP -> assertEquals(PacketError.OK, Icmp.check(p, 20, l));
            default -> { }
        }
    }

    @Test
    void tcpSourceAndPortRewriteKeepsEveryChecksumValid() {
        byte[] p = tcp(A, B, 40000, 80, Tcp.FLAG_SYN, 13);
        assertEquals(40000, NatRewrite.sourcePort(p, 0, p.length));
        NatRewrite.rewrite(p, 0, p.length, true, G, 1024);
        assertEquals(G, Ipv4.source(p, 0));
        assertEquals(1024, Tcp.sourcePort(p, 20));
        assertValid(p);
        NatRewrite.rewrite(p, 0, p.length, false, A, 8080);
        assertEquals(8080, Tcp.destinationPort(p, 20));
        assertValid(p);
    }

    @Test
    void udpChecksumZeroStaysZeroAndOthersStayValid() {
        byte[] p = Udp.buildPacket(A, B, 500, 500, 1, 64, new byte[33], 0, 33);
        NatRewrite.rewrite(p, 0, p.length, true, G, 4500);
        assertEquals(4500, Udp.sourcePort(p, 20));
        assertValid(p);
        Bytes.put16(p, 26, 0);
        NatRewrite.rewrite(p, 0, p.length, true, A, 500);
        assertEquals(0, Udp.checksum(p, 20), "RFC 768: no checksum stays none");
    }

    @Test
    void icmpEchoIdentifierIsThePort() {
        byte[] p = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, A, B, 1, 64, 7, 1, new byte[72]);
        assertEquals(7, NatRewrite.sourcePort(p, 0, p.length));
        assertEquals(7, NatRewrite.destinationPort(p, 0, p.length));
        NatRewrite.rewrite(p, 0, p.length, true, G, 1);
        assertEquals(1, Icmp.identifier(p, 20));
        assertValid(p);
    }

    @Test
    void icmpErrorQuotingATranslatedDatagramIsTranslatedInsideAndOut() {
        byte[] orig = Udp.buildPacket(G, B, 1024, 33434, 9, 1, new byte[12], 0, 12);
        byte[] err = Icmp.buildErrorPacket(B, 3, 255, Icmp.TYPE_TIME_EXCEEDED, 0, 0, orig, 0, orig.length);
        int q = NatRewrite.quoted(err, 0, err.length);
        assertTrue(q > 0);
        NatRewrite.rewriteError(err, 0, err.length, false, A, 40000);
        assertEquals(A, Ipv4.destination(err, 0));
        assertEquals(A, Ipv4.source(err, q));
        assertEquals(40000, Bytes.u16(err, q + 20));
        assertTrue(Checksum.verify(err, q, 20, 0), "quoted header checksum");
        assertValid(err);
    }

    @Test
    void randomRewritesAgreeWithFullRecomputation() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] p = switch (r.nextInt(3)) {
                case 0 -> tcp(r.nextInt(), r.nextInt(), r.nextInt(65536), r.nextInt(65536), r.nextInt(256), r.nextInt(40));
                case 1 -> Udp.buildPacket(r.nextInt(), r.nextInt(), r.nextInt(65536), r.nextInt(65536), 1, 64, new byte[r.nextInt(40)], 0, 0);
                default -> Icmp.buildEchoPacket(r.nextBoolean() ? 0 : 8, r.nextInt(), r.nextInt(), 1, 64, r.nextInt(65536), 1, new byte[r.nextInt(40)]);
            };
            NatRewrite.rewrite(p, 0, p.length, r.nextBoolean(), r.nextInt(), r.nextInt(65536));
            assertValid(p);
        }
    }
}
