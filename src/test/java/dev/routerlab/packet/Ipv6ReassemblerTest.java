package dev.routerlab.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Ipv6#fragment} and {@link Ipv6Reassembler} (RFC 8200 §4.5, RFC 5722, RFC 6946). */
class Ipv6ReassemblerTest {
    static final Ipv6Address A = Ipv6Address.parse("2001:db8::1"), B = Ipv6Address.parse("2001:db8::2");

    static byte[] packet(int payload, boolean hopByHop) {
        byte[] data = new byte[payload];
        for (int i = 0; i < payload; i++) data[i] = (byte) (i * 7);
        byte[] body = data;
        int nh = Ipv6.NH_UDP;
        if (hopByHop) {                     // an 8-byte hop-by-hop header (PadN), part of the unfragmentable part
            body = new byte[8 + payload];
            body[0] = (byte) Ipv6.NH_UDP;
            body[2] = 1;
            body[3] = 4;
            System.arraycopy(data, 0, body, 8, payload);
            nh = Ipv6.NH_HOP_BY_HOP;
        }
        return Ipv6.build(0, 0, nh, 64, A, B, body, 0, body.length);
    }

    @Test
    void fragmentsOutOfOrderWithDuplicatesReassembleToTheOriginal() {
        for (boolean hbh : new boolean[] {false, true}) {
            byte[] p = packet(5000, hbh);
            List<byte[]> fs = Ipv6.fragment(p, 0, 1280, 0x01020304, 0);
            assertEquals(5, fs.size());
            int unfrag = hbh ? 48 : 40;
            for (byte[] f : fs) {
                assertEquals(unfrag, Ipv6.fragmentHeader(f, 0));
                assertEquals(hbh ? Ipv6.NH_HOP_BY_HOP : Ipv6.NH_FRAGMENT, Ipv6.nextHeader(f, 0));
                assertEquals(0x01020304, Ipv6.fragmentId(f, unfrag));
                assertEquals(true, f.length <= 1280);
            }
            List<byte[]> order = new ArrayList<>(fs);
            Collections.reverse(order);
            order.add(1, fs.get(2));                                    // an exact duplicate is ignored
            Ipv6Reassembler r = new Ipv6Reassembler(4, 8, 60_000_000_000L);
            byte[] whole = null;
            for (byte[] f : order) {
                assertNull(whole);
                whole = r.offer(f, 0, Ipv6.fragmentHeader(f, 0), 0);
            }
            assertArrayEquals(p, whole);
            assertEquals(0, r.pending());
            assertEquals(1, r.reassembled());
        }
    }

    @Test
    void overlapsDropThePacketAndAnAtomicFragmentStandsAlone() {
        byte[] p = packet(3000, false);
        List<byte[]> fs = Ipv6.fragment(p, 0, 1280, 9, 0);
        List<byte[]> other = Ipv6.fragment(p, 0, 1000, 9, 0);             // the same Identification, other cuts
        Ipv6Reassembler r = new Ipv6Reassembler(4, 8, 60_000_000_000L);
        assertNull(r.offer(fs.get(0), 0, 40, 0));
        assertNull(r.offer(other.get(1), 0, 40, 0));                       // overlaps fs[0]: RFC 5722 drops all
        assertEquals(0, r.pending());
        assertEquals(1, r.failed());
        for (byte[] f : fs.subList(1, fs.size())) assertNull(r.offer(f, 0, 40, 0));
        assertEquals(1, r.pending(), "what came later waits for a first fragment that is gone");

        byte[] small = packet(100, false);
        List<byte[]> one = Ipv6.fragment(small, 0, 1280, 5, 0);            // offset 0, M clear: an atomic fragment (RFC 6946)
        assertEquals(1, one.size());
        byte[] f = one.get(0);
        assertArrayEquals(small, r.offer(f, 0, 40, 0));
    }

    @Test
    void expiryHandsBackTheFirstFragmentAndProblemsPointWhereRfc8200Says() {
        List<byte[]> fs = Ipv6.fragment(packet(3000, false), 0, 1280, 11, 0);
        Ipv6Reassembler r = new Ipv6Reassembler(4, 8, 60_000_000_000L);
        r.offer(fs.get(0), 0, 40, 0);
        List<byte[]> firsts = new ArrayList<>();
        assertEquals(0, r.expire(59_999_999_999L, firsts::add));
        assertEquals(1, r.expire(60_000_000_000L, firsts::add));
        assertArrayEquals(fs.get(0), firsts.get(0));
        assertEquals(1, r.timeouts());

        byte[] f = fs.get(0).clone();
        assertEquals(-1, Ipv6Reassembler.problem(f, 0, 40));
        Bytes.put16(f, 4, Ipv6.payloadLength(f, 0) - 3);                    // M set, data no multiple of 8
        assertEquals(4, Ipv6Reassembler.problem(f, 0, 40));
        byte[] g = fs.get(fs.size() - 1).clone();
        Bytes.put16(g, 42, 65528);                                          // data ending past 65535 octets
        assertEquals(42, Ipv6Reassembler.problem(g, 0, 40));
    }

    /** A packet whose fragmentable part starts with the given headers, then data. */
    static byte[] chained(int nextHeader, String headersHex, int data) {
        byte[] h = java.util.HexFormat.of().parseHex(headersHex), body = new byte[h.length + data];
        System.arraycopy(h, 0, body, 0, h.length);
        return Ipv6.build(0, 0, nextHeader, 64, A, B, body, 0, body.length);
    }

    /** {@link Ipv6Reassembler#incompleteChain} of a fragment at 0 whose Fragment header is at 40. */
    private static boolean incomplete(byte[] f) { return Ipv6Reassembler.incompleteChain(f, 0, 40, Ipv6.upperLayer(f, 0)); }

    /** RFC 7112 §5: a first fragment must hold the whole header chain, through the upper-layer header. */
    @Test
    void aFirstFragmentWithoutTheWholeHeaderChainIsIncompleteAndDiscardsItsPacket() {
        String destOptions = "1101" + "0106000000000000" + "000000000000";          // 16 bytes, then UDP
        List<byte[]> split = Ipv6.fragment(chained(Ipv6.NH_DEST_OPTIONS, destOptions, 200), 0, 56, 21, 0);  // 8 bytes a fragment
        assertEquals(true, incomplete(split.get(0)), "half a Destination Options header");
        assertEquals(false, incomplete(split.get(1)), "a later fragment is not judged");
        List<byte[]> whole = Ipv6.fragment(chained(Ipv6.NH_DEST_OPTIONS, destOptions, 200), 0, 72, 22, 0);  // 24 bytes: DO and UDP
        assertEquals(false, incomplete(whole.get(0)));
        assertEquals(false, incomplete(Ipv6.fragment(packet(200, false), 0, 56, 23, 0).get(0)),
            "8 bytes hold a UDP header");
        byte[] tcp = Ipv6.build(0, 0, Ipv6.NH_TCP, 64, A, B, new byte[200], 0, 200);
        assertEquals(true, incomplete(Ipv6.fragment(tcp, 0, 56, 24, 0).get(0)), "but not a TCP header");
        byte[] atomic = Ipv6.fragment(chained(Ipv6.NH_DEST_OPTIONS, destOptions, 0), 0, 1280, 25, 0).get(0);
        assertEquals(false, incomplete(atomic), "an atomic fragment is a whole packet");

        Ipv6Reassembler r = new Ipv6Reassembler(4, 64, 60_000_000_000L);
        assertNull(r.offer(split.get(1), 0, 40, 0));
        assertEquals(1, r.pending());
        r.discard(split.get(0), 0, 40);
        assertEquals(0, r.pending(), "what came of the packet before goes with it");
        assertEquals(1, r.failed());
    }
}
