package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ChecksumTest {
    static byte[] hex(String s) { return HexFormat.of().parseHex(s.replace(" ", "")); }

    @Test
    void rfc1071Example() {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2 (one's complement), checksum ~0xddf2.
        byte[] b = hex("0001 f203 f4f5 f6f7");
        assertEquals(0xddf2, 0xffff & ~Checksum.compute(b, 0, b.length));
        assertEquals(0x220d, Checksum.compute(b, 0, b.length));
    }

    @Test
    void knownIpv4Header() {
        // A classic example header: 192.168.0.1 -> 192.168.0.199, UDP, TTL 64, DF; checksum 0xb861.
        byte[] h = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertEquals(0xb861, Checksum.compute(h, 0, 20));
        Bytes.put16(h, 10, 0xb861);
        assertTrue(Checksum.verify(h, 0, 20, 0));
    }

    @Test
    void oddLengthPadsWithZero() {
        byte[] b = {0x12, 0x34, 0x56};
        assertEquals(Checksum.finish(0x1234 + 0x5600), Checksum.compute(b, 0, 3));
    }

    @Test
    void segmentedSumEqualsWhole() {
        byte[] b = new byte[1001];
        new Random(1).nextBytes(b);
        long s = Checksum.sum(b, 0, 400, 0);
        s = Checksum.sum(b, 400, 601, s);
        assertEquals(Checksum.compute(b, 0, b.length), Checksum.finish(s));
    }

    /** The word-at-a-time sum against RFC 1071's two bytes a step, at every offset and length mod 8. */
    @Test
    void sumMatchesTwoBytesAStep() {
        Random r = new Random(3);
        byte[] b = new byte[3000];
        r.nextBytes(b);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len < 1500; len += 1 + r.nextInt(13)) {
                long ref = 0;
                int i = off;
                for (; i + 1 < off + len; i += 2) ref += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
                if (i < off + len) ref += (b[i] & 0xff) << 8;
                assertEquals(Checksum.finish(ref), Checksum.finish(Checksum.sum(b, off, len, 0)), "off " + off + " len " + len);
            }
        }
        byte[] ones = new byte[65535];
        java.util.Arrays.fill(ones, (byte) 0xff);
        long ref = 0;
        for (int i = 0; i + 1 < ones.length; i += 2) ref += 0xffff;
        ref += 0xff00;
        assertEquals(Checksum.finish(ref), Checksum.finish(Checksum.sum(ones, 0, ones.length, 0)));
    }

    /**
     * The same with a running sum carried in, and data of zeros, of ones and sums that fold to
     * 0xffff: the folded result (what every caller uses) equals RFC 1071's, both zeros included.
     */
    @Test
    void sumWithARunningSumMatchesTwoBytesAStep() {
        Random r = new Random(5);
        byte[] b = new byte[4000];
        for (int n = 0; n < 20_000; n++) {
            int kind = r.nextInt(4);
            int off = r.nextInt(16), len = r.nextInt(kind == 0 ? 64 : 1600);
            if (kind == 0) r.nextBytes(b);
            else java.util.Arrays.fill(b, off, off + len, (byte) (kind == 1 ? 0 : kind == 2 ? 0xff : r.nextInt(256)));
            if (kind == 3 && len >= 2) {                     // make the data fold to exactly 0xffff
                Bytes.put16(b, off, 0);
                long s = 0;
                for (int i = off; i < off + len; i += 2) s += (b[i] & 0xff) << 8 | (i + 1 < off + len ? b[i + 1] & 0xff : 0);
                while (s > 0xffff) s = (s & 0xffff) + (s >> 16);
                Bytes.put16(b, off, 0xffff - (int) s);
            }
            long acc = r.nextBoolean() ? 0 : r.nextLong() >>> 24;
            long ref = acc;
            int i = off;
            for (; i + 1 < off + len; i += 2) ref += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            if (i < off + len) ref += (b[i] & 0xff) << 8;
            assertEquals(Checksum.finish(ref), Checksum.finish(Checksum.sum(b, off, len, acc)), "kind " + kind + " off " + off + " len " + len);
        }
    }

    /** The IPv4 header's straight-line sum: the generic sum folded, on random headers, zeros and ones; and what Ipv4 does with it. */
    @Test
    void sum20MatchesTheGenericSumAndIpv4HeadersComeOutTheSame() {
        Random r = new Random(13);
        byte[] b = new byte[64];
        for (int n = 0; n < 50_000; n++) {
            int off = r.nextInt(40);
            int kind = r.nextInt(8);
            if (kind == 0) java.util.Arrays.fill(b, (byte) 0);
            else if (kind == 1) java.util.Arrays.fill(b, (byte) 0xff);
            else r.nextBytes(b);
            long g = Checksum.sum(b, off, 20, 0);
            while (g > 0xffff) g = (g & 0xffff) + (g >> 16);
            assertEquals(g, Checksum.sum20(b, off), "n " + n);
            b[off] = (byte) (0x45 | (kind == 2 ? 0xf0 : 0));      // IHL 5: Ipv4's fast path
            if (kind == 3) Bytes.put16(b, off + 10, 0);
            long ex = Checksum.sum(b, off, 10, 0);                 // the old computation
            int want = Checksum.finish(Checksum.sum(b, off + 12, 8, ex));
            assertEquals(want, Ipv4.computeChecksum(b, off), "n " + n);
            assertEquals(Checksum.verify(b, off, 20, 0), Checksum.sum20(b, off) == 0xffff);
            Bytes.put16(b, off + 10, want);
            assertTrue(Checksum.sum20(b, off) == 0xffff && Checksum.verify(b, off, 20, 0));
        }
    }

    @Test
    void incrementalAdjustMatchesRecompute() {
        Random r = new Random(7);
        for (int n = 0; n < 10_000; n++) {
            byte[] b = new byte[40];
            r.nextBytes(b);
            Bytes.put16(b, 10, 0);
            Bytes.put16(b, 10, Checksum.compute(b, 0, 40));
            int at = 2 * r.nextInt(20);
            if (at == 10) continue;
            int old = Bytes.u16(b, at), neu = r.nextInt(0x10000);
            Bytes.put16(b, at, neu);
            Bytes.put16(b, 10, Checksum.adjust(Bytes.u16(b, 10), old, neu));
            assertTrue(Checksum.verify(b, 0, 40, 0), "iteration " + n);
        }
    }

    @Test
    void pseudoHeader() {
        assertEquals(0xc000 + 0x0201 + 0xc633 + 0x6407 + 17 + 13,
                Checksum.pseudoHeader(0xc0000201, 0xc6336407, 17, 13));
    }

    @Test
    void fourBytesAStepGiveTheSameChecksumAsTwo() {
        Random r = new Random(14);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[r.nextInt(1600)];
            r.nextBytes(b);
            if (n % 7 == 0) java.util.Arrays.fill(b, (byte) 0xff);
            int off = b.length == 0 ? 0 : r.nextInt(b.length), len = b.length - off;
            long seed = r.nextInt(0x40000);
            long ref = seed;
            int i = off;
            for (; i + 1 < off + len; i += 2) ref += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            if (i < off + len) ref += (b[i] & 0xff) << 8;
            assertEquals(Checksum.finish(ref), Checksum.finish(Checksum.sum(b, off, len, seed)));
            int cut = len == 0 ? 0 : r.nextInt(len + 1) & ~1;   // an even first part, then the rest
            assertEquals(Checksum.finish(ref), Checksum.finish(Checksum.sum(b, off + cut, len - cut, Checksum.sum(b, off, cut, seed))));
        }
    }
}
