package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class Ipv4Test {
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");

    static byte[] payload(int n, long seed) {
        byte[] p = new byte[n];
        new Random(seed).nextBytes(p);
        return p;
    }

    @Test
    void buildParseRoundTrip() {
        byte[] data = payload(100, 1);
        byte[] p = Ipv4.build(0xb8, 0x1234, true, 64, Ipv4.PROTO_UDP, A, B, data, 0, data.length);
        assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
        assertEquals(4, Ipv4.version(p, 0));
        assertEquals(20, Ipv4.headerLength(p, 0));
        assertEquals(0xb8, Ipv4.tos(p, 0));
        assertEquals(120, Ipv4.totalLength(p, 0));
        assertEquals(0x1234, Ipv4.identification(p, 0));
        assertTrue(Ipv4.dontFragment(p, 0));
        assertFalse(Ipv4.moreFragments(p, 0));
        assertFalse(Ipv4.isFragment(p, 0));
        assertEquals(0, Ipv4.fragmentOffset(p, 0));
        assertEquals(64, Ipv4.ttl(p, 0));
        assertEquals(Ipv4.PROTO_UDP, Ipv4.protocol(p, 0));
        assertEquals(A, Ipv4.source(p, 0));
        assertEquals(B, Ipv4.destination(p, 0));
        assertEquals(Ipv4.computeChecksum(p, 0), Ipv4.headerChecksum(p, 0));
    }

    @Test
    void knownHeaderBytes() {
        byte[] p = new byte[0x73];
        Ipv4.writeHeader(p, 0, 0, 0x73, 0, Ipv4.FLAG_DF, 64, Ipv4.PROTO_UDP,
                Ipv4Address.parse("192.168.0.1"), Ipv4Address.parse("192.168.0.199"));
        assertEquals("450000730000400040 11b861c0a80001c0a800c7".replace(" ", ""), HexFormat.of().formatHex(p, 0, 20));
    }

    @Test
    void checkRejects() {
        byte[] p = Ipv4.build(0, 1, false, 64, 6, A, B, new byte[8], 0, 8);
        assertEquals(PacketError.TRUNCATED, Ipv4.check(p, 0, 19));
        assertEquals(PacketError.TRUNCATED, Ipv4.check(p, 0, 27));
        assertEquals(PacketError.TRUNCATED, Ipv4.check(p, 1, 28));
        assertEquals(PacketError.TRUNCATED, Ipv4.check(null, 0, 28));
        assertEquals(PacketError.TRUNCATED, Ipv4.check(p, 0, -5));
        assertEquals(PacketError.TRUNCATED, Ipv4.check(p, Integer.MAX_VALUE, 28));
        byte[] padded = new byte[60];
        System.arraycopy(p, 0, padded, 0, 28);
        assertEquals(PacketError.OK, Ipv4.check(padded, 0, 60), "link padding is allowed");
        byte[] g = p.clone();
        g[0] = 0x65;
        assertEquals(PacketError.BAD_VERSION, Ipv4.check(g, 0, 28));
        g = p.clone();
        g[0] = 0x44;
        assertEquals(PacketError.BAD_HEADER_LENGTH, Ipv4.check(g, 0, 28));
        g = p.clone();
        g[0] = 0x48; // claims 32-byte header, only 28 bytes there
        assertEquals(PacketError.TRUNCATED, Ipv4.check(g, 0, 28));
        g = p.clone();
        Bytes.put16(g, 2, 19);
        Ipv4.updateChecksum(g, 0);
        assertEquals(PacketError.BAD_LENGTH, Ipv4.check(g, 0, 28));
        g = p.clone();
        g[8]++;
        assertEquals(PacketError.BAD_CHECKSUM, Ipv4.check(g, 0, 28));
        g = p.clone();
        Bytes.put16(g, 6, 0x1fff); // offset 65528 + 8 bytes of data: ends past 65535
        Ipv4.updateChecksum(g, 0);
        assertEquals(PacketError.BAD_LENGTH, Ipv4.check(g, 0, 28));
    }

    @Test
    void decrementTtlKeepsChecksumValid() {
        byte[] p = Ipv4.build(0, 7, false, 3, 17, A, B, new byte[0], 0, 0);
        assertEquals(2, Ipv4.decrementTtl(p, 0));
        assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
        assertEquals(1, Ipv4.decrementTtl(p, 0));
        assertEquals(0, Ipv4.decrementTtl(p, 0));
        assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
        assertEquals(Ipv4.computeChecksum(p, 0), Ipv4.headerChecksum(p, 0));
    }

    @Test
    void fragmentFitsOrDf() {
        byte[] d = payload(1000, 2);
        byte[] p = Ipv4.build(0, 9, false, 64, 17, A, B, d, 0, d.length);
        List<byte[]> one = Ipv4.fragment(p, 0, 1500);
        assertEquals(1, one.size());
        assertArrayEquals(p, one.get(0));
        byte[] df = Ipv4.build(0, 9, true, 64, 17, A, B, d, 0, d.length);
        assertNull(Ipv4.fragment(df, 0, 576));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.fragment(p, 0, 67));
    }

    @Test
    void fragmentSplitsOnEightByteBoundaries() {
        byte[] d = payload(3000, 3);
        byte[] p = Ipv4.build(0x10, 0xbeef, false, 64, 17, A, B, d, 0, d.length);
        List<byte[]> frags = Ipv4.fragment(p, 0, 1400);
        assertEquals(3, frags.size());
        int expectOffset = 0;
        for (int i = 0; i < frags.size(); i++) {
            byte[] f = frags.get(i);
            assertEquals(PacketError.OK, Ipv4.check(f, 0, f.length));
            assertTrue(f.length <= 1400);
            assertEquals(0xbeef, Ipv4.identification(f, 0));
            assertEquals(expectOffset, Ipv4.fragmentOffset(f, 0));
            assertEquals(i < 2, Ipv4.moreFragments(f, 0));
            if (i < 2) assertEquals(0, (f.length - 20) % 8);
            for (int j = 20; j < f.length; j++) assertEquals(d[expectOffset + j - 20], f[j]);
            expectOffset += f.length - 20;
        }
        assertEquals(3000, expectOffset);
        assertEquals(1396, frags.get(0).length); // (1400-20) rounded down to 8 = 1376 data
    }

    @Test
    void minimumMtuAndRefragmentation() {
        byte[] d = payload(200, 4);
        byte[] p = Ipv4.build(0, 1, false, 64, 17, A, B, d, 0, d.length);
        List<byte[]> big = Ipv4.fragment(p, 0, 120);      // 96 + 96 + 8
        assertEquals(3, big.size());
        List<byte[]> small = Ipv4.fragment(big.get(0), 0, 68); // a fragment split again keeps MF set
        assertEquals(2, small.size());
        for (byte[] f : small) {
            assertTrue(Ipv4.moreFragments(f, 0));
            assertEquals(68, f.length);
        }
        assertEquals(48, Ipv4.fragmentOffset(small.get(1), 0));
        List<byte[]> last = Ipv4.fragment(big.get(1), 0, 68);
        assertEquals(96, Ipv4.fragmentOffset(last.get(0), 0));
        assertTrue(Ipv4.moreFragments(last.get(1), 0));
        List<byte[]> tail = Ipv4.fragment(big.get(2), 0, 68);
        assertFalse(Ipv4.moreFragments(tail.get(0), 0));
    }

    @Test
    void optionsCopiedOnlyWhenFlagged() {
        // Header with options: record route (7, not copied, 11 bytes), NOP, security-like copied option 0x82 len 4.
        byte[] opts = {7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0x82, 4, 0x55, 0x66};
        int hl = 20 + opts.length;
        byte[] d = payload(400, 5);
        byte[] p = new byte[hl + d.length];
        Ipv4.writeHeader(p, 0, 0, p.length, 5, 0, 64, 17, A, B);
        p[0] = (byte) (0x40 | hl / 4);
        System.arraycopy(opts, 0, p, 20, opts.length);
        System.arraycopy(d, 0, p, hl, d.length);
        Ipv4.updateChecksum(p, 0);
        assertEquals(PacketError.OK, Ipv4.check(p, 0, p.length));
        List<byte[]> frags = Ipv4.fragment(p, 0, 200);
        assertEquals(36, Ipv4.headerLength(frags.get(0), 0));
        for (int i = 1; i < frags.size(); i++) {
            byte[] f = frags.get(i);
            assertEquals(24, Ipv4.headerLength(f, 0));
            assertEquals((byte) 0x82, f[20]);
            assertEquals(4, f[21]);
            assertEquals(0x55, f[22]);
            assertEquals(PacketError.OK, Ipv4.check(f, 0, f.length));
        }
        Reassembler r = new Reassembler(8, 64, 1_000_000_000L);
        byte[] whole = null;
        for (byte[] f : frags) whole = r.offer(f, 0, f.length, 0);
        assertArrayEquals(p, whole);
    }

    @Test
    void garbledOptionsCopyNothing() {
        byte[] h = new byte[28];
        h[20] = (byte) 0x83;
        h[21] = 40; // runs past the header
        assertEquals(0, Ipv4.copiedOptions(h, 0, 28).length);
        h[21] = 1;  // shorter than its own type/length
        assertEquals(0, Ipv4.copiedOptions(h, 0, 28).length);
        h[20] = 1;
        h[21] = 1;
        h[22] = (byte) 0x83; // last byte: no room for a length
        assertEquals(0, Ipv4.copiedOptions(h, 0, 23).length);
    }
}
