package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

class GreTest {
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");

    @Test
    void knownHeaderBytes() {
        byte[] b = new byte[12];
        System.arraycopy("abcd".getBytes(), 0, b, 8, 4);
        assertEquals(8, Gre.writeHeader(b, 0, Gre.FLAG_CHECKSUM, Gre.PROTO_IPV4, 0, 0, 4));
        assertEquals("8000 0800 b338 0000 61626364".replace(" ", ""), HexFormat.of().formatHex(b)); // independently computed
        assertEquals(PacketError.OK, Gre.check(b, 0, 12));

        byte[] k = new byte[16];
        assertEquals(16, Gre.writeHeader(k, 0, Gre.FLAG_KEY | Gre.FLAG_SEQUENCE | Gre.FLAG_CHECKSUM, Gre.PROTO_NHRP,
                0xdeadbeefL, 0xfffffffeL, 0));
        assertEquals("b000 2001", HexFormat.of().formatHex(k, 0, 4).replaceAll("(.{4})", "$1 ").trim());
        assertEquals("deadbeef", HexFormat.of().formatHex(k, 8, 12));
        assertEquals("fffffffe", HexFormat.of().formatHex(k, 12, 16));
    }

    @Test
    void everyFlagCombinationRoundTrips() {
        byte[] inner = Ipv4.build(0, 1, false, 64, Ipv4.PROTO_UDP, 0x0a000001, 0x0a000002, new byte[11], 0, 11);
        for (int c = 0; c < 2; c++) for (int k = 0; k < 2; k++) for (int s = 0; s < 2; s++) {
            int flags = (c == 1 ? Gre.FLAG_CHECKSUM : 0) | (k == 1 ? Gre.FLAG_KEY : 0) | (s == 1 ? Gre.FLAG_SEQUENCE : 0);
            byte[] p = Gre.buildPacket(A, B, 3, 0, 255, true, flags, 4294967295L, 123456789L, Gre.PROTO_IPV4,
                    inner, 0, inner.length);
            assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
            assertEquals(Ipv4.PROTO_GRE, Ipv4.protocol(p, 0));
            assertTrue(Ipv4.dontFragment(p, 0));
            int g = 20, glen = p.length - 20;
            assertEquals(PacketError.OK, Gre.check(p, g, glen), "flags " + flags);
            assertEquals(c == 1, Gre.checksumPresent(p, g));
            assertEquals(k == 1, Gre.keyPresent(p, g));
            assertEquals(s == 1, Gre.sequencePresent(p, g));
            assertEquals(4 + 4 * (c + k + s), Gre.headerLength(p, g));
            assertEquals(Gre.PROTO_IPV4, Gre.protocolType(p, g));
            assertEquals(k == 1 ? 4294967295L : 0, Gre.key(p, g));
            assertEquals(s == 1 ? 123456789L : 0, Gre.sequence(p, g));
            int in = g + Gre.headerLength(p, g);
            assertEquals(PacketError.OK, Ipv4.check(p, in, p.length - in));
            assertEquals(0x0a000002, Ipv4.destination(p, in));
            if (c == 1) {
                byte[] bad = p.clone();
                bad[p.length - 1] ^= 1;
                assertEquals(PacketError.BAD_CHECKSUM, Gre.check(bad, g, glen));
            }
        }
    }

    @Test
    void checkRejects() {
        byte[] b = new byte[16];
        Gre.writeHeader(b, 0, Gre.FLAG_KEY | Gre.FLAG_SEQUENCE, Gre.PROTO_IPV4, 1, 2, 4);
        assertEquals(PacketError.OK, Gre.check(b, 0, 12));
        assertEquals(PacketError.TRUNCATED, Gre.check(b, 0, 11));
        assertEquals(PacketError.TRUNCATED, Gre.check(b, 0, 3));
        assertEquals(PacketError.TRUNCATED, Gre.check(null, 0, 4));
        assertEquals(PacketError.TRUNCATED, Gre.check(b, 14, 4));
        byte[] v1 = b.clone();
        v1[1] |= 1; // version 1: PPTP enhanced GRE
        assertEquals(PacketError.UNSUPPORTED, Gre.check(v1, 0, 16));
        byte[] routing = b.clone();
        routing[0] |= 0x40;
        assertEquals(PacketError.BAD_FIELD, Gre.check(routing, 0, 16));
        byte[] recursion = b.clone();
        recursion[0] |= 0x04; // bit 5
        assertEquals(PacketError.BAD_FIELD, Gre.check(recursion, 0, 16));
        byte[] strict = b.clone();
        strict[0] |= 0x08; // bit 4
        assertEquals(PacketError.BAD_FIELD, Gre.check(strict, 0, 16));
        byte[] bit6 = b.clone();
        bit6[0] |= 0x02;
        assertEquals(PacketError.OK, Gre.check(bit6, 0, 16));
        byte[] reserved = b.clone();
        reserved[1] |= 0x80; // bits 6-12: ignored on receipt (RFC 2784 2.3)
        assertEquals(PacketError.OK, Gre.check(reserved, 0, 16));
    }

    @Test
    void sequenceSerialArithmetic() {
        assertTrue(Gre.sequenceAfter(1, 0));
        assertFalse(Gre.sequenceAfter(0, 0));
        assertFalse(Gre.sequenceAfter(0, 1));
        assertTrue(Gre.sequenceAfter(0, 0xffffffffL), "wraps");
        assertTrue(Gre.sequenceAfter(5, 0xfffffff0L));
        assertFalse(Gre.sequenceAfter(0xfffffff0L, 5));
    }

    @Test
    void ciscoKeepaliveCarriesReplyToSender() {
        for (int flags : new int[] {0, Gre.FLAG_KEY, Gre.FLAG_KEY | Gre.FLAG_SEQUENCE | Gre.FLAG_CHECKSUM}) {
            byte[] p = Gre.buildKeepalive(A, B, 17, 255, flags, 42, 7);
            // the far end: outer packet to B, GRE carrying IPv4
            assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
            assertEquals(A, Ipv4.source(p, 0));
            assertEquals(B, Ipv4.destination(p, 0));
            assertEquals(Ipv4.PROTO_GRE, Ipv4.protocol(p, 0));
            assertEquals(PacketError.OK, Gre.check(p, 20, p.length - 20));
            assertEquals(Gre.PROTO_IPV4, Gre.protocolType(p, 20));
            assertEquals((flags & Gre.FLAG_KEY) != 0 ? 42 : 0, Gre.key(p, 20));
            assertEquals((flags & Gre.FLAG_SEQUENCE) != 0 ? 7 : 0, Gre.sequence(p, 20));
            // decapsulated: an ordinary IPv4 GRE packet from B back to A
            int in = 20 + Gre.headerLength(p, 20);
            assertEquals(PacketError.OK, Ipv4.check(p, in, p.length - in));
            assertEquals(B, Ipv4.source(p, in));
            assertEquals(A, Ipv4.destination(p, in));
            assertEquals(255, Ipv4.ttl(p, in));
            assertEquals(Ipv4.PROTO_GRE, Ipv4.protocol(p, in));
            int ig = in + 20;
            assertEquals(PacketError.OK, Gre.check(p, ig, p.length - ig));
            assertTrue(Gre.isKeepalive(p, ig));
            assertEquals((flags & Gre.FLAG_KEY) != 0 ? 42 : 0, Gre.key(p, ig));
            assertFalse(Gre.sequencePresent(p, ig));
            assertEquals(p.length, ig + Gre.headerLength(p, ig), "nothing after the inner GRE header");
        }
        byte[] plain = Gre.buildKeepalive(A, B, 17, 255, 0, 0, 0);
        assertEquals(20 + 4 + 20 + 4, plain.length);
        assertEquals("0000 0800".replace(" ", ""), HexFormat.of().formatHex(plain, 20, 24));
        assertEquals("0000 0000".replace(" ", ""), HexFormat.of().formatHex(plain, 44, 48));
    }
}
