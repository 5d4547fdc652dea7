package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

class IcmpTest {
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");
    static final int R = Ipv4Address.parse("203.0.113.9");

    @Test
    void knownEchoChecksum() {
        byte[] b = new byte[8];
        assertEquals(8, Icmp.writeEcho(b, 0, Icmp.TYPE_ECHO_REQUEST, 1, 1, new byte[0], 0, 0));
        assertEquals("0800f7fd00010001", HexFormat.of().formatHex(b)); // 0x0802 summed, complemented
        assertEquals(PacketError.OK, Icmp.check(b, 0, 8));
    }

    @Test
    void echoRequestAndReply() {
        byte[] data = "abcdefghijklmnopqrstuvwabcdefghi".getBytes();
        byte[] req = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, A, B, 77, 64, 0x1234, 5, data);
        assertEquals(PacketError.OK, Ipv4.check(req, 0, req.length));
        int i = Ipv4.headerLength(req, 0);
        assertEquals(PacketError.OK, Icmp.check(req, i, req.length - i));
        assertEquals(Icmp.TYPE_ECHO_REQUEST, Icmp.type(req, i));
        assertEquals(0, Icmp.code(req, i));
        assertEquals(0x1234, Icmp.identifier(req, i));
        assertEquals(5, Icmp.sequence(req, i));

        byte[] rep = Icmp.buildEchoReply(req, 0, 99, 255);
        assertEquals(PacketError.OK, Ipv4.check(rep, 0, rep.length));
        assertEquals(B, Ipv4.source(rep, 0));
        assertEquals(A, Ipv4.destination(rep, 0));
        assertEquals(255, Ipv4.ttl(rep, 0));
        assertEquals(PacketError.OK, Icmp.check(rep, 20, rep.length - 20));
        assertEquals(Icmp.TYPE_ECHO_REPLY, Icmp.type(rep, 20));
        assertEquals(0x1234, Icmp.identifier(rep, 20));
        assertEquals(5, Icmp.sequence(rep, 20));
        assertEquals(new String(data), new String(rep, 28, data.length));

        byte[] inPlace = req.clone();
        Icmp.toEchoReply(inPlace, i);
        assertEquals(PacketError.OK, Icmp.check(inPlace, i, inPlace.length - i));
        assertEquals(Checksum.compute(withZeroChecksum(inPlace, i), i, inPlace.length - i), Icmp.checksum(inPlace, i));
    }

    static byte[] withZeroChecksum(byte[] p, int i) {
        byte[] c = p.clone();
        Bytes.put16(c, i + 2, 0);
        return c;
    }

    @Test
    void fragmentationNeededCarriesMtuAndQuote() {
        byte[] big = new byte[1400];
        byte[] orig = Ipv4.build(0, 42, true, 63, Ipv4.PROTO_UDP, A, B, big, 0, big.length);
        assertTrue(Icmp.mayReplyWithError(orig, 0, orig.length));
        byte[] err = Icmp.buildErrorPacket(R, 1, 255, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_FRAGMENTATION_NEEDED, 1376,
                orig, 0, orig.length);
        assertEquals(PacketError.OK, Ipv4.check(err, 0, err.length));
        assertEquals(R, Ipv4.source(err, 0));
        assertEquals(A, Ipv4.destination(err, 0));
        assertEquals(20 + 8 + 28, err.length); // header + original header + 64 bits
        assertEquals(PacketError.OK, Icmp.check(err, 20, err.length - 20));
        assertEquals(3, Icmp.type(err, 20));
        assertEquals(4, Icmp.code(err, 20));
        assertEquals(1376, Icmp.nextHopMtu(err, 20));
        assertEquals(0, Bytes.u16(err, 24)); // unused
        for (int j = 0; j < 28; j++) assertEquals(orig[j], err[28 + j]);
        assertFalse(Icmp.mayReplyWithError(err, 0, err.length), "no error about an error");
    }

    @Test
    void timeExceededHasNoMtu() {
        byte[] orig = Ipv4.build(0, 1, false, 1, Ipv4.PROTO_TCP, A, B, new byte[3], 0, 3);
        byte[] err = Icmp.buildErrorPacket(R, 1, 255, Icmp.TYPE_TIME_EXCEEDED, Icmp.CODE_TTL_EXCEEDED, 1500,
                orig, 0, orig.length);
        assertEquals(20 + 8 + 23, err.length); // quote cut to what exists
        assertEquals(0, Icmp.nextHopMtu(err, 20));
        assertEquals(PacketError.OK, Icmp.check(err, 20, err.length - 20));
    }

    @Test
    void errorSendingRules() {
        assertTrue(Icmp.mayReplyWithError(Icmp.buildEchoPacket(8, A, B, 1, 64, 1, 1, new byte[4]), 0, 32));
        assertFalse(Icmp.mayReplyWithError(Ipv4.build(0, 1, false, 64, 17, A, Ipv4Address.parse("224.0.0.5"), new byte[8], 0, 8), 0, 28));
        assertFalse(Icmp.mayReplyWithError(Ipv4.build(0, 1, false, 64, 17, A, -1, new byte[8], 0, 8), 0, 28));
        assertFalse(Icmp.mayReplyWithError(Ipv4.build(0, 1, false, 64, 17, 0, B, new byte[8], 0, 8), 0, 28));
        assertFalse(Icmp.mayReplyWithError(Ipv4.build(0, 1, false, 64, 17, Ipv4Address.parse("127.0.0.1"), B, new byte[8], 0, 8), 0, 28));
        byte[] f = Ipv4.fragment(Ipv4.build(0, 1, false, 64, 17, A, B, new byte[200], 0, 200), 0, 100).get(1);
        assertFalse(Icmp.mayReplyWithError(f, 0, f.length), "non-first fragment");
        assertFalse(Icmp.mayReplyWithError(Ipv4.build(0, 1, false, 64, 1, A, B, new byte[0], 0, 0), 0, 20));
        assertFalse(Icmp.mayReplyWithError(new byte[5], 0, 5));
        assertFalse(Icmp.mayReplyWithError(null, 0, 5));
    }

    @Test
    void checkRejects() {
        byte[] b = new byte[16];
        Icmp.writeEcho(b, 0, 8, 1, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8);
        assertEquals(PacketError.OK, Icmp.check(b, 0, 16));
        assertEquals(PacketError.TRUNCATED, Icmp.check(b, 0, 7));
        assertEquals(PacketError.BAD_CHECKSUM, Icmp.check(b, 0, 15));
        b[9] = 1;
        assertEquals(PacketError.BAD_CHECKSUM, Icmp.check(b, 0, 16));
        assertEquals(PacketError.TRUNCATED, Icmp.check(b, 10, 8));
    }
}
