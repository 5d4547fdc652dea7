package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ReassemblerTest {
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");
    static final long SEC = 1_000_000_000L;

    static byte[] datagram(int id, int len, long seed) {
        byte[] d = Ipv4Test.payload(len, seed);
        return Ipv4.build(0, id, false, 64, Ipv4.PROTO_UDP, A, B, d, 0, d.length);
    }

    @Test
    void inOrderAndShuffled() {
        Random rnd = new Random(11);
        for (int round = 0; round < 50; round++) {
            byte[] p = datagram(round, 100 + rnd.nextInt(8000), round);
            List<byte[]> frags = new ArrayList<>(Ipv4.fragment(p, 0, 68 + rnd.nextInt(1500)));
            if (round % 2 == 1) Collections.shuffle(frags, rnd);
            Reassembler r = new Reassembler(4, 1000, 30 * SEC);
            byte[] out = null;
            for (int i = 0; i < frags.size(); i++) {
                byte[] f = frags.get(i);
                out = r.offer(f, 0, f.length, i);
                if (i < frags.size() - 1) assertNull(out);
            }
            assertArrayEquals(p, out);
            assertEquals(0, r.pending());
            assertEquals(frags.size() > 1 ? 1 : 0, r.reassembled());
        }
    }

    @Test
    void interleavedDatagramsAndDuplicates() {
        byte[] p1 = datagram(1, 3000, 1), p2 = datagram(2, 3000, 2);
        List<byte[]> f1 = Ipv4.fragment(p1, 0, 1000), f2 = Ipv4.fragment(p2, 0, 1000);
        Reassembler r = new Reassembler(4, 64, 30 * SEC);
        assertNull(r.offer(f1.get(0), 0, f1.get(0).length, 0));
        assertNull(r.offer(f2.get(1), 0, f2.get(1).length, 0));
        assertNull(r.offer(f1.get(0), 0, f1.get(0).length, 0)); // exact duplicate ignored
        assertEquals(2, r.pending());
        for (int i = 1; i < f1.size() - 1; i++) assertNull(r.offer(f1.get(i), 0, f1.get(i).length, 0));
        assertArrayEquals(p1, r.offer(f1.get(f1.size() - 1), 0, f1.get(f1.size() - 1).length, 0));
        byte[] out = null;
        for (byte[] f : f2) out = r.offer(f, 0, f.length, 0);
        assertArrayEquals(p2, out);
        assertEquals(0, r.failed());
    }

    @Test
    void nonFragmentPassesThroughTrimmed() {
        byte[] p = datagram(3, 50, 3);
        byte[] padded = new byte[p.length + 10];
        System.arraycopy(p, 0, padded, 0, p.length);
        assertArrayEquals(p, new Reassembler(1, 2, SEC).offer(padded, 0, padded.length, 0));
    }

    @Test
    void timeoutReportsFirstFragment() {
        List<byte[]> f = Ipv4.fragment(datagram(4, 2000, 4), 0, 600);
        Reassembler r = new Reassembler(4, 64, 30 * SEC);
        r.offer(f.get(0), 0, f.get(0).length, 0);
        r.offer(f.get(1), 0, f.get(1).length, 10 * SEC);
        assertEquals(0, r.expire(29 * SEC, x -> fail()));
        List<byte[]> reported = new ArrayList<>();
        assertEquals(1, r.expire(30 * SEC, reported::add));
        assertEquals(1, reported.size());
        assertArrayEquals(f.get(0), reported.get(0));
        assertEquals(1, r.timeouts());
        assertEquals(0, r.pending());
        // without fragment zero nothing is reported
        r.offer(f.get(1), 0, f.get(1).length, 40 * SEC);
        assertEquals(1, r.expire(100 * SEC, x -> fail()));
        // a stale entry is replaced when a fragment arrives after the timeout
        r.offer(f.get(0), 0, f.get(0).length, 200 * SEC);
        byte[] out = null;
        for (int i = 1; i < f.size(); i++) out = r.offer(f.get(i), 0, f.get(i).length, 300 * SEC);
        assertNull(out);
        assertEquals(3, r.timeouts());
    }

    @Test
    void overlapDropsDatagram() {
        byte[] p = datagram(5, 1000, 5);
        List<byte[]> a = Ipv4.fragment(p, 0, 500);   // 480-byte pieces
        List<byte[]> b = Ipv4.fragment(p, 0, 300);   // 280-byte pieces: overlap a's
        Reassembler r = new Reassembler(4, 64, 30 * SEC);
        r.offer(a.get(0), 0, a.get(0).length, 0);
        assertNull(r.offer(b.get(1), 0, b.get(1).length, 0));
        assertEquals(1, r.failed());
        assertEquals(0, r.pending());
    }

    @Test
    void rejectsBadLastAndUnalignedAndLimits() {
        byte[] p = datagram(6, 1000, 6);
        List<byte[]> f = Ipv4.fragment(p, 0, 500);
        Reassembler r = new Reassembler(1, 3, 30 * SEC);
        // non-final fragment whose length is not a multiple of 8
        byte[] odd = f.get(0).clone();
        Bytes.put16(odd, 2, odd.length - 1);
        Ipv4.updateChecksum(odd, 0);
        assertNull(r.offer(odd, 0, odd.length - 1, 0));
        assertEquals(1, r.failed());
        // two different final fragments
        byte[] last = f.get(f.size() - 1);
        r.offer(last, 0, last.length, 0);
        byte[] shorter = last.clone();
        Bytes.put16(shorter, 2, last.length - 8);
        Ipv4.updateChecksum(shorter, 0);
        assertNull(r.offer(shorter, 0, shorter.length - 8, 0));
        assertEquals(2, r.failed());
        // datagram table full: a fragment of another datagram is dropped
        r.offer(f.get(0), 0, f.get(0).length, 0);
        List<byte[]> other = Ipv4.fragment(datagram(7, 1000, 7), 0, 500);
        assertNull(r.offer(other.get(0), 0, other.get(0).length, 0));
        assertEquals(3, r.failed());
        // too many fragments
        Reassembler small = new Reassembler(2, 2, 30 * SEC);
        List<byte[]> many = Ipv4.fragment(datagram(8, 1000, 8), 0, 100);
        for (byte[] x : many) small.offer(x, 0, x.length, 0);
        assertEquals(0, small.reassembled());
        assertTrue(small.failed() > 0);
    }

    @Test
    void fragmentPastEndOfKnownDatagramRejected() {
        byte[] p = datagram(9, 1000, 9);
        List<byte[]> f = Ipv4.fragment(p, 0, 300);
        Reassembler r = new Reassembler(2, 64, 30 * SEC);
        byte[] mid = f.get(1);
        r.offer(mid, 0, mid.length, 0);
        // a final fragment that ends before data already received
        byte[] early = f.get(0).clone();
        Bytes.put16(early, 6, 0); // offset 0, MF clear -> not a fragment any more, passes through
        Ipv4.updateChecksum(early, 0);
        assertNotNull(r.offer(early, 0, early.length, 0));
        byte[] earlyLast = Ipv4.fragment(p, 0, 300).get(0).clone();
        Bytes.put16(earlyLast, 6, 1); // offset 8, MF clear: ends at 8+280 < mid's end
        Ipv4.updateChecksum(earlyLast, 0);
        assertNull(r.offer(earlyLast, 0, earlyLast.length, 0));
        assertEquals(1, r.failed());
    }

    @Test
    void garbageIsIgnored() {
        Reassembler r = new Reassembler(2, 4, SEC);
        assertNull(r.offer(null, 0, 0, 0));
        assertNull(r.offer(new byte[10], 0, 10, 0));
        assertNull(r.offer(new byte[30], 5, 40, 0));
    }
}
