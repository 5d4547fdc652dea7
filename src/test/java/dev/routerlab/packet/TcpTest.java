package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TcpTest {
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");

    /** An IPv4/TCP segment with the given flags and options (padded by the caller to 4 bytes). */
    static byte[] segment(int flags, byte[] options, int dataLen) {
        int thl = 20 + options.length;
        byte[] t = new byte[thl + dataLen];
        Bytes.put16(t, 0, 40000);
        Bytes.put16(t, 2, 80);
        Bytes.put32(t, 4, 0x11223344);
        t[12] = (byte) (thl / 4 << 4);
        t[13] = (byte) flags;
        Bytes.put16(t, 14, 64240);
        System.arraycopy(options, 0, t, 20, options.length);
        for (int i = thl; i < t.length; i++) t[i] = (byte) i;
        byte[] p = Ipv4.build(0, 1, true, 64, Ipv4.PROTO_TCP, A, B, t, 0, t.length);
        Bytes.put16(p, 36, Tcp.computeChecksum(p, 20, t.length, A, B));
        return p;
    }

    static final byte[] MSS_1460 = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 7};          // MSS, NOP, window scale
    static final byte[] MSS_ODD = {1, 2, 4, 0x05, (byte) 0xb4, 1, 1, 0};            // NOP first: value at odd offset

    static void assertChecksumValid(byte[] p) {
        int len = Ipv4.totalLength(p, 0) - 20;
        assertEquals(Tcp.computeChecksum(p, 20, len, A, B), Tcp.checksum(p, 20));
        assertTrue(Checksum.verify(p, 20, len, Checksum.pseudoHeader(A, B, Ipv4.PROTO_TCP, len)));
    }

    @Test
    void clampsSynMss() {
        byte[] p = segment(Tcp.FLAG_SYN, MSS_1460, 0);
        assertEquals(PacketError.OK, Tcp.check(p, 20, p.length - 20));
        assertTrue(Tcp.isSyn(p, 20));
        assertEquals(1460, Tcp.mss(p, 20));
        assertEquals(40000, Tcp.sourcePort(p, 20));
        assertEquals(80, Tcp.destinationPort(p, 20));
        assertTrue(Tcp.clampMss(p, 0, p.length, 1360));
        assertEquals(1360, Tcp.mss(p, 20));
        assertChecksumValid(p);
        assertFalse(Tcp.clampMss(p, 0, p.length, 1360), "already small enough");
        assertFalse(Tcp.clampMss(p, 0, p.length, 1400));
    }

    @Test
    void clampsSynAckWithOddAlignedOptionAndData() {
        for (int dataLen : new int[] {0, 1, 7}) {
            byte[] p = segment(Tcp.FLAG_SYN | Tcp.FLAG_ACK, MSS_ODD, dataLen);
            assertEquals(1460, Tcp.mss(p, 20));
            assertTrue(Tcp.clampMss(p, 0, p.length, 1200));
            assertEquals(1200, Tcp.mss(p, 20));
            assertChecksumValid(p);
        }
    }

    @Test
    void leavesOthersAlone() {
        byte[] ack = segment(Tcp.FLAG_ACK, MSS_1460, 10);
        assertFalse(Tcp.clampMss(ack, 0, ack.length, 500));
        byte[] noMss = segment(Tcp.FLAG_SYN, new byte[] {1, 1, 1, 0}, 0);
        assertEquals(-1, Tcp.mss(noMss, 20));
        assertFalse(Tcp.clampMss(noMss, 0, noMss.length, 500));
        byte[] udp = Udp.buildPacket(A, B, 1, 2, 0, 64, new byte[30], 0, 30);
        assertFalse(Tcp.clampMss(udp, 0, udp.length, 500));
        byte[] frag = segment(Tcp.FLAG_SYN, MSS_1460, 0);
        Bytes.put16(frag, 6, 0x0001);
        Ipv4.updateChecksum(frag, 0);
        assertFalse(Tcp.clampMss(frag, 0, frag.length, 500), "non-first fragment");
        byte[] garbled = segment(Tcp.FLAG_SYN, new byte[] {1, 9, 40, 0}, 0); // option runs past header
        assertEquals(-1, Tcp.mss(garbled, 20));
        assertFalse(Tcp.clampMss(garbled, 0, garbled.length, 500));
        byte[] badLen = segment(Tcp.FLAG_SYN, new byte[] {2, 3, 5, 0}, 0);   // MSS option of length 3
        assertEquals(-1, Tcp.mss(badLen, 20));
        assertFalse(Tcp.clampMss(null, 0, 40, 500));
        assertFalse(Tcp.clampMss(new byte[40], 0, 40, 500));
    }

    @Test
    void checkRejects() {
        byte[] p = segment(Tcp.FLAG_SYN, MSS_1460, 0);
        assertEquals(PacketError.TRUNCATED, Tcp.check(p, 20, 19));
        assertEquals(PacketError.TRUNCATED, Tcp.check(p, 20, 27));
        byte[] g = p.clone();
        g[32] = 0x40; // data offset 4 words
        assertEquals(PacketError.BAD_HEADER_LENGTH, Tcp.check(g, 20, 28));
        assertEquals(PacketError.TRUNCATED, Tcp.check(null, 0, 20));
    }
}
