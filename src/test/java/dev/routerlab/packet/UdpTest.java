package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class UdpTest {
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");

    @Test
    void knownChecksum() {
        // 192.0.2.1:500 -> 198.51.100.7:4500 "hello": computed independently as 0xbc3d.
        byte[] p = Udp.buildPacket(A, B, 500, 4500, 1, 64, "hello".getBytes(), 0, 5);
        assertEquals(0xbc3d, Udp.checksum(p, 20));
        assertEquals(PacketError.OK, Udp.check(p, 20, p.length - 20, A, B));
    }

    @Test
    void roundTrip() {
        byte[] payload = new byte[333];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 7);
        byte[] p = Udp.buildPacket(A, B, 1234, 53, 9, 17, payload, 0, payload.length);
        assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
        assertEquals(Ipv4.PROTO_UDP, Ipv4.protocol(p, 0));
        assertEquals(PacketError.OK, Udp.check(p, 20, p.length - 20, A, B));
        assertEquals(1234, Udp.sourcePort(p, 20));
        assertEquals(53, Udp.destinationPort(p, 20));
        assertEquals(341, Udp.length(p, 20));
        assertEquals(PacketError.BAD_CHECKSUM, Udp.check(p, 20, p.length - 20, A, B + 1), "pseudo-header covers addresses");
    }

    @Test
    void zeroChecksumMeansNone() {
        byte[] p = Udp.buildPacket(A, B, 1, 2, 0, 64, new byte[4], 0, 4);
        Bytes.put16(p, 26, 0);
        p[30] = 9;
        assertEquals(PacketError.OK, Udp.check(p, 20, 12, A, B));
    }

    @Test
    void computedZeroIsSentAsOnes() {
        // Search a payload whose checksum computes to 0: then 0xffff must be sent (RFC 768).
        byte[] p = Udp.buildPacket(A, B, 1, 2, 0, 64, new byte[2], 0, 2);
        int c = Udp.checksum(p, 20);
        int word = c; // c = ~sum, so adding it makes the sum 0xffff: the checksum computes to 0
        p[28] = (byte) (word >>> 8);
        p[29] = (byte) word;
        assertEquals(0xffff, Udp.computeChecksum(p, 20, 10, A, B));
        Bytes.put16(p, 26, 0xffff);
        assertEquals(PacketError.OK, Udp.check(p, 20, 10, A, B));
    }

    @Test
    void checkRejects() {
        byte[] p = Udp.buildPacket(A, B, 1, 2, 0, 64, new byte[10], 0, 10);
        assertEquals(PacketError.TRUNCATED, Udp.check(p, 20, 7, A, B));
        assertEquals(PacketError.TRUNCATED, Udp.check(p, 20, 17, A, B));
        assertEquals(PacketError.TRUNCATED, Udp.check(null, 0, 8, A, B));
        byte[] g = p.clone();
        Bytes.put16(g, 24, 7);
        assertEquals(PacketError.BAD_LENGTH, Udp.check(g, 20, 18, A, B));
        g = p.clone();
        g[35]++;
        assertEquals(PacketError.BAD_CHECKSUM, Udp.check(g, 20, 18, A, B));
        byte[] longer = new byte[p.length + 4];
        System.arraycopy(p, 0, longer, 0, p.length);
        assertEquals(PacketError.OK, Udp.check(longer, 20, 22, A, B), "bytes past the UDP length are ignored");
    }
}
