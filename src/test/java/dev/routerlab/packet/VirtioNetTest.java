package dev.routerlab.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** GSO super-packets and partial checksums as a TUN with IFF_VNET_HDR hands them over, built by hand. */
class VirtioNetTest {
    /** A virtio_net_hdr, little-endian as on x86-64. */
    private static byte[] hdr(int flags, int gso, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
        byte[] h = new byte[VirtioNet.HDR_LEN];
        h[0] = (byte) flags;
        h[1] = (byte) gso;
        int[] f = {hdrLen, gsoSize, csumStart, csumOffset};
        for (int i = 0; i < 4; i++) {
            h[2 + 2 * i] = (byte) f[i];
            h[3 + 2 * i] = (byte) (f[i] >>> 8);
        }
        return h;
    }

    /** Plain reference sum, written apart from Checksum: 16-bit big-endian words, end-around carry. */
    private static int ones(byte[] b, int off, int len, long acc) {
        for (int i = 0; i < len; i++) acc += (i % 2 == 0 ? (b[off + i] & 0xff) << 8 : b[off + i] & 0xff);
        while (acc > 0xffff) acc = (acc & 0xffff) + (acc >> 16);
        return (int) acc;
    }

    private static int u16(byte[] b, int o) { return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff); }

    private static long u32(byte[] b, int o) { return (long) u16(b, o) << 16 | u16(b, o + 2); }

    private static byte[] payload(int n, int seed) {
        byte[] p = new byte[n];
        new Random(seed).nextBytes(p);
        return p;
    }

    /** IPv4 (id 0x1234, DF) + TCP (seq 0xfffff000: wraps; flags given; a 12-byte option block) + payload; checksum fields as the kernel leaves them for CHECKSUM_PARTIAL. */
    private static byte[] tcp4(byte[] pay, int flags) {
        int th = 32;
        byte[] p = new byte[20 + th + pay.length];
        p[0] = 0x45;
        put16(p, 2, p.length);
        put16(p, 4, 0x1234);
        put16(p, 6, 0x4000);
        p[8] = 64;
        p[9] = 6;
        p[12] = 10; p[13] = 1; p[15] = 1;
        p[16] = 10; p[17] = 3; p[19] = 1;
        put16(p, 10, 0);
        put16(p, 10, ~ones(p, 0, 20, 0) & 0xffff);
        put16(p, 20, 40000);
        put16(p, 22, 5201);
        put32(p, 24, 0xfffff000L);
        put32(p, 28, 777);
        p[32] = (byte) ((th / 4) << 4);
        p[33] = (byte) flags;
        put16(p, 34, 502);
        for (int i = 40; i < 52; i++) p[i] = 1;    // NOPs
        System.arraycopy(pay, 0, p, 20 + th, pay.length);
        put16(p, 36, pseudo4(p, 6, p.length - 20));    // partial: the pseudo-header's folded sum
        return p;
    }

    private static int pseudo4(byte[] p, int proto, int l4len) {
        long s = u16(p, 12) + u16(p, 14) + u16(p, 16) + u16(p, 18) + proto + l4len;
        while (s > 0xffff) s = (s & 0xffff) + (s >> 16);
        return (int) s;
    }

    private static int pseudo6(byte[] p, int proto, int l4len) {
        long s = proto + l4len;
        for (int i = 8; i < 40; i += 2) s += u16(p, i);
        while (s > 0xffff) s = (s & 0xffff) + (s >> 16);
        return (int) s;
    }

    private static void put16(byte[] b, int o, int v) { b[o] = (byte) (v >> 8); b[o + 1] = (byte) v; }

    private static void put32(byte[] b, int o, long v) { put16(b, o, (int) (v >> 16)); put16(b, o + 2, (int) v); }

    private static byte[][] cut(byte[] h, byte[] p) {
        assertEquals(PacketError.OK, VirtioNet.check(h, 0, p, 0, p.length));
        int n = VirtioNet.segments(h, 0, p, 0, p.length);
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            int l = VirtioNet.segmentLength(h, 0, p, 0, p.length, i);
            byte[] d = new byte[l + 7];
            assertEquals(l, VirtioNet.segment(h, 0, p, 0, p.length, i, d, 7));
            out[i] = java.util.Arrays.copyOfRange(d, 7, 7 + l);
        }
        return out;
    }

    @Test
    void tcpOverIpv4IsCutIntoMssSegments() {
        byte[] pay = payload(2 * 1000 + 448, 1);
        byte[] p = tcp4(pay, 0x80 | 0x08 | 0x10 | 0x01);   // CWR PSH ACK FIN
        byte[][] s = cut(hdr(1, VirtioNet.GSO_TCPV4 | VirtioNet.GSO_ECN, 52, 1000, 20, 16), p);
        assertEquals(3, s.length);
        int[] sizes = {1000, 1000, 448};
        int[] flags = {0x80 | 0x10, 0x10, 0x08 | 0x10 | 0x01};
        for (int i = 0; i < 3; i++) {
            byte[] g = s[i];
            assertEquals(52 + sizes[i], g.length);
            assertEquals(g.length, u16(g, 2), "IPv4 total length");
            assertEquals(0x1234 + i, u16(g, 4), "identification +1 per segment");
            assertEquals(0xffff, ones(g, 0, 20, 0), "IPv4 header checksum");
            assertEquals((0xfffff000L + 1000L * i) & 0xffffffffL, u32(g, 24), "sequence number");
            assertEquals(777, u32(g, 28));
            assertEquals(flags[i], g[33] & 0xff, "flags of segment " + i);
            assertEquals(0xffff, ones(g, 20, g.length - 20, pseudo4(g, 6, g.length - 20)), "TCP checksum");
            byte[] want = java.util.Arrays.copyOfRange(pay, 1000 * i, 1000 * i + sizes[i]);
            assertArrayEquals(want, java.util.Arrays.copyOfRange(g, 52, g.length));
            assertArrayEquals(java.util.Arrays.copyOfRange(p, 40, 52), java.util.Arrays.copyOfRange(g, 40, 52), "options repeated");
        }
    }

    @Test
    void tcpOverIpv6() {
        byte[] pay = payload(3000, 2);
        byte[] p = new byte[40 + 20 + pay.length];
        p[0] = 0x60;
        put16(p, 4, 20 + pay.length);
        p[6] = 6;
        p[7] = 64;
        p[8] = 0x20; p[9] = 0x01; p[10] = 0x0d; p[11] = (byte) 0xb8; p[23] = 1;
        p[24] = 0x20; p[25] = 0x01; p[26] = 0x0d; p[27] = (byte) 0xb8; p[39] = 2;
        put32(p, 44, 5);
        p[52] = 0x50;
        p[53] = 0x18;
        System.arraycopy(pay, 0, p, 60, pay.length);
        put16(p, 56, pseudo6(p, 6, 20 + pay.length));
        byte[][] s = cut(hdr(1, VirtioNet.GSO_TCPV6, 60, 1440, 40, 16), p);
        assertEquals(3, s.length);
        for (int i = 0; i < 3; i++) {
            byte[] g = s[i];
            int size = i < 2 ? 1440 : 120;
            assertEquals(60 + size, g.length);
            assertEquals(20 + size, u16(g, 4), "payload length");
            assertEquals(5 + 1440L * i, u32(g, 44));
            assertEquals(i < 2 ? 0x10 : 0x18, g[53] & 0xff, "PSH on the last segment only");
            assertEquals(0xffff, ones(g, 40, g.length - 40, pseudo6(g, 6, g.length - 40)), "TCP checksum");
        }
    }

    @Test
    void udpL4SegmentsEachGetAUdpHeader() {
        byte[] pay = payload(2500, 3);
        byte[] p = new byte[28 + pay.length];
        p[0] = 0x45;
        put16(p, 2, p.length);
        put16(p, 4, 7);
        p[8] = 64;
        p[9] = 17;
        p[12] = 10; p[15] = 1;
        p[16] = 10; p[19] = 2;
        put16(p, 20, 1111);
        put16(p, 22, 2222);
        put16(p, 24, 8 + pay.length);
        System.arraycopy(pay, 0, p, 28, pay.length);
        put16(p, 26, pseudo4(p, 17, 8 + pay.length));
        byte[][] s = cut(hdr(1, VirtioNet.GSO_UDP_L4, 28, 1200, 20, 6), p);
        assertEquals(3, s.length);
        for (int i = 0; i < 3; i++) {
            byte[] g = s[i];
            int size = i < 2 ? 1200 : 100;
            assertEquals(28 + size, g.length);
            assertEquals(8 + size, u16(g, 24), "UDP length");
            assertEquals(7 + i, u16(g, 4));
            assertEquals(0xffff, ones(g, 0, 20, 0));
            assertEquals(0xffff, ones(g, 20, g.length - 20, pseudo4(g, 17, g.length - 20)), "UDP checksum");
            assertArrayEquals(java.util.Arrays.copyOfRange(pay, 1200 * i, 1200 * i + size), java.util.Arrays.copyOfRange(g, 28, g.length));
        }
    }

    @Test
    void aPartialChecksumIsCompletedAndTheRestLeftAlone() {
        byte[] p = tcp4(payload(333, 4), 0x18);   // odd length
        byte[] before = p.clone();
        byte[][] s = cut(hdr(1, VirtioNet.GSO_NONE, 0, 0, 20, 16), p);
        assertEquals(1, s.length);
        assertEquals(0xffff, ones(s[0], 20, s[0].length - 20, pseudo4(s[0], 6, s[0].length - 20)));
        before[36] = s[0][36];
        before[37] = s[0][37];
        assertArrayEquals(before, s[0], "only the checksum field changes");
        // no flag: the packet is passed as it is
        byte[] q = tcp4(payload(10, 5), 0x10);
        assertArrayEquals(q, cut(new byte[VirtioNet.HDR_LEN], q)[0]);
    }

    @Test
    void aUdpChecksumThatComesOutZeroIsSentAsAllOnes() {
        // payload chosen so the complete sum is 0xffff: the checksum field would be 0
        byte[] p = new byte[30];
        p[0] = 0x45;
        put16(p, 2, 30);
        p[8] = 64;
        p[9] = 17;
        put16(p, 24, 10);
        int partial = pseudo4(p, 17, 10);
        put16(p, 26, partial);
        int rest = ones(p, 20, 10, 0);
        put16(p, 28, ~rest & 0xffff);    // makes the total 0xffff
        byte[] s = cut(hdr(1, 0, 0, 0, 20, 6), p)[0];
        assertEquals(0xffff, u16(s, 26));
    }

    @Test
    void malformedHeadersAreRefusedNeverThrown() {
        byte[] p = tcp4(payload(100, 6), 0x10);
        assertEquals(PacketError.BAD_FIELD, VirtioNet.check(hdr(1, 0, 0, 0, 20, 200), 0, p, 0, p.length), "checksum past the end");
        assertEquals(PacketError.BAD_FIELD, VirtioNet.check(hdr(1, 0, 0, 0, 4, 16), 0, p, 0, p.length), "inside the IP header");
        assertEquals(PacketError.UNSUPPORTED, VirtioNet.check(hdr(1, VirtioNet.GSO_UDP, 0, 1000, 20, 6), 0, p, 0, p.length), "UFO");
        assertEquals(PacketError.BAD_FIELD, VirtioNet.check(hdr(1, VirtioNet.GSO_TCPV6, 0, 1000, 20, 16), 0, p, 0, p.length), "TCPv6 on IPv4");
        assertEquals(PacketError.BAD_FIELD, VirtioNet.check(hdr(1, VirtioNet.GSO_TCPV4, 0, 0, 20, 16), 0, p, 0, p.length), "gso_size 0");
        assertEquals(PacketError.BAD_FIELD, VirtioNet.check(hdr(0, VirtioNet.GSO_TCPV4, 0, 1000, 20, 16), 0, p, 0, p.length), "GSO without NEEDS_CSUM");
        assertEquals(PacketError.BAD_FIELD, VirtioNet.check(hdr(1, VirtioNet.GSO_UDP_L4, 0, 1000, 20, 6), 0, p, 0, p.length), "UDP GSO on TCP");
        assertEquals(PacketError.TRUNCATED, VirtioNet.check(new byte[3], 0, p, 0, p.length));
        assertEquals(PacketError.TRUNCATED, VirtioNet.check(null, 0, p, 0, p.length));
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            byte[] h = new byte[VirtioNet.HDR_LEN];
            byte[] b = new byte[r.nextInt(120)];
            r.nextBytes(h);
            r.nextBytes(b);
            if (r.nextBoolean()) h[1] = (byte) r.nextInt(6);
            if (b.length > 0 && r.nextBoolean()) b[0] = (byte) (r.nextBoolean() ? 0x45 : 0x60);
            if (r.nextBoolean()) { h[6] = (byte) (b.length > 0 && (b[0] & 0xf0) == 0x60 ? 40 : 20); h[7] = 0; h[9] = 0; }
            PacketError e = VirtioNet.check(h, 0, b, 0, b.length);
            assertNotNull(e);
            if (e.ok()) {
                int n = VirtioNet.segments(h, 0, b, 0, b.length);
                for (int k = 0; k < n; k++) {
                    byte[] d = new byte[VirtioNet.segmentLength(h, 0, b, 0, b.length, k)];
                    VirtioNet.segment(h, 0, b, 0, b.length, k, d, 0);
                }
            }
        }
    }

    /** Merges packets as TunLink's write side does; returns the header and the merged packet. */
    private static byte[][] merge(byte[]... ps) {
        byte[] a = new byte[65535];
        int type = VirtioNet.coalescible(ps[0], 0, ps[0].length);
        System.arraycopy(ps[0], 0, a, 0, ps[0].length);
        int aLen = ps[0].length, segs = 1, size = aLen - VirtioNet.coalescedHeaders(ps[0], 0);
        for (int i = 1; i < ps.length; i++) {
            assertEquals(type, VirtioNet.coalescible(ps[i], 0, ps[i].length));
            assertEquals(true, VirtioNet.canAppend(a, 0, aLen, segs, size, ps[i], 0, ps[i].length), "packet " + i);
            aLen = VirtioNet.append(a, 0, aLen, ps[i], 0, ps[i].length);
            segs++;
        }
        byte[] h = new byte[VirtioNet.HDR_LEN];
        VirtioNet.finishCoalesced(h, 0, a, 0, aLen, type, size);
        return new byte[][] {h, java.util.Arrays.copyOf(a, aLen)};
    }

    /**
     * The TUN reader's way: the headers copied into an array, each segment's payload straight from
     * the read buffer (a direct ByteBuffer, after the 10-byte virtio_net_hdr); the same bytes as
     * cutting from the whole packet in an array, on random TCP/IPv4 (with options), TCP/IPv6 and
     * UDP super-packets of random sizes, flags and gso_size, and with a partial checksum alone.
     */
    @Test
    void segmentsCutFromAReadBufferAreTheSameBytes() {
        Random r = new Random(11);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(VirtioNet.HDR_LEN + 65535);
        for (int n = 0; n < 300; n++) {
            int kind = n % 4;
            int mss = 500 + r.nextInt(1000);
            byte[] p, h;
            if (kind == 0) {
                p = tcp4(payload(1 + r.nextInt(40_000), n), 0x10 | (r.nextBoolean() ? 0x08 : 0) | (r.nextBoolean() ? 0x80 : 0) | (r.nextBoolean() ? 0x01 : 0));
                h = hdr(1, VirtioNet.GSO_TCPV4, 52, mss, 20, 16);
            } else if (kind == 1) {
                byte[] pay = payload(1 + r.nextInt(40_000), n);
                p = new byte[60 + pay.length];
                p[0] = 0x60; put16(p, 4, 20 + pay.length); p[6] = 6; p[7] = 64;
                for (int i = 8; i < 40; i++) p[i] = (byte) r.nextInt();
                put32(p, 44, r.nextInt() & 0xffffffffL);
                p[52] = 0x50; p[53] = 0x18;
                System.arraycopy(pay, 0, p, 60, pay.length);
                put16(p, 56, pseudo6(p, 6, 20 + pay.length));
                h = hdr(1, VirtioNet.GSO_TCPV6, 60, mss, 40, 16);
            } else if (kind == 2) {
                byte[] pay = payload(1 + r.nextInt(40_000), n);
                p = new byte[28 + pay.length];
                p[0] = 0x45; put16(p, 2, p.length); put16(p, 4, r.nextInt(0x10000)); p[8] = 64; p[9] = 17;
                for (int i = 12; i < 20; i++) p[i] = (byte) r.nextInt();
                put16(p, 10, ~ones(p, 0, 20, 0) & 0xffff);
                put16(p, 20, 1111); put16(p, 22, 2222); put16(p, 24, 8 + pay.length);
                System.arraycopy(pay, 0, p, 28, pay.length);
                put16(p, 26, pseudo4(p, 17, 8 + pay.length));
                h = hdr(1, VirtioNet.GSO_UDP_L4, 28, mss, 20, 6);
            } else {
                p = tcp4(payload(1 + r.nextInt(1400), n), 0x18);
                h = hdr(1, VirtioNet.GSO_NONE, 0, 0, 20, 16);
            }
            assertEquals(PacketError.OK, VirtioNet.check(h, 0, p, 0, p.length));
            buf.clear();
            buf.put(h).put(p);
            byte[] heads = new byte[65535];
            r.nextBytes(heads);                                     // what lies past the headers is never read
            buf.get(VirtioNet.HDR_LEN, heads, 0, VirtioNet.headerBytes(h, 0, p.length));
            assertEquals(PacketError.OK, VirtioNet.check(h, 0, heads, 0, p.length));
            int segs = VirtioNet.segments(h, 0, p, 0, p.length);
            assertEquals(segs, VirtioNet.segments(h, 0, heads, 0, p.length));
            for (int i = 0; i < segs; i++) {
                int l = VirtioNet.segmentLength(h, 0, p, 0, p.length, i);
                assertEquals(l, VirtioNet.segmentLength(h, 0, heads, 0, p.length, i));
                byte[] want = new byte[128 + l + 64], got = new byte[128 + l + 64];
                assertEquals(l, VirtioNet.segment(h, 0, p, 0, p.length, i, want, 128));
                assertEquals(l, VirtioNet.segment(h, 0, heads, 0, p.length, i, buf, VirtioNet.HDR_LEN, got, 128));
                assertArrayEquals(want, got, "packet " + n + " segment " + i);
            }
        }
    }

    @Test
    void segmentsMergeBackIntoTheSuperPacketTheKernelGave() {
        byte[] p = tcp4(payload(2448, 8), 0x18);   // PSH ACK
        byte[] h = hdr(1, VirtioNet.GSO_TCPV4, 52, 1000, 20, 16);
        byte[][] segs = cut(h, p);
        for (byte[] g : segs) assertEquals(VirtioNet.GSO_TCPV4, VirtioNet.coalescible(g, 0, g.length));
        byte[][] m = merge(segs);
        assertArrayEquals(h, m[0], "virtio_net_hdr: NEEDS_CSUM, TCPv4, hdr_len 52, gso_size 1000, csum 20+16");
        assertArrayEquals(p, m[1], "the same bytes: lengths, first id, PSH of the last, partial checksum");

        byte[] u = new byte[28 + 2500];
        u[0] = 0x45; put16(u, 2, u.length); put16(u, 4, 9); u[8] = 64; u[9] = 17; u[12] = 10; u[15] = 1; u[16] = 10; u[19] = 2;
        put16(u, 10, ~ones(u, 0, 20, 0) & 0xffff);
        put16(u, 20, 1); put16(u, 22, 2); put16(u, 24, 2508);
        System.arraycopy(payload(2500, 9), 0, u, 28, 2500);
        put16(u, 26, pseudo4(u, 17, 2508));
        byte[] uh = hdr(1, VirtioNet.GSO_UDP_L4, 28, 1200, 20, 6);
        byte[][] um = merge(cut(uh, u));
        assertArrayEquals(uh, um[0]);
        assertArrayEquals(u, um[1]);
    }

    @Test
    void whatLinuxGroWouldNotMergeIsNotMerged() {
        byte[][] s = cut(hdr(1, VirtioNet.GSO_TCPV4, 52, 1000, 20, 16), tcp4(payload(3000, 10), 0x10));
        byte[] a = s[0].clone();
        int size = 1000;
        assertEquals(false, VirtioNet.canAppend(a, 0, a.length, 1, size, s[2], 0, s[2].length), "a hole in the sequence");
        byte[] port = s[1].clone();
        port[21] ^= 1;
        VirtioNet.completeChecksum(zeroCsum(port), 0, port.length, 20, 16);
        assertEquals(false, VirtioNet.canAppend(a, 0, a.length, 1, size, port, 0, port.length), "another flow");
        byte[] id = s[1].clone();
        id[5] ^= 4;
        assertEquals(false, VirtioNet.canAppend(a, 0, a.length, 1, size, id, 0, id.length), "identification not +1");
        byte[] bad = s[1].clone();
        bad[100] ^= 1;
        assertEquals(VirtioNet.GSO_NONE, VirtioNet.coalescible(bad, 0, bad.length), "a TCP checksum that fails is written alone");
        byte[] syn = s[0].clone();
        syn[33] |= 0x02;
        assertEquals(VirtioNet.GSO_NONE, VirtioNet.coalescible(syn, 0, syn.length), "SYN");
        byte[] opt = tcp4(payload(10, 11), 0x10);
        opt[0] = 0x46;
        assertEquals(VirtioNet.GSO_NONE, VirtioNet.coalescible(opt, 0, opt.length), "IPv4 options");
        // a short segment ends the merge
        byte[][] t = cut(hdr(1, VirtioNet.GSO_TCPV4, 52, 1000, 20, 16), tcp4(payload(1500, 12), 0x10));
        byte[] m = java.util.Arrays.copyOf(t[0], 65535);
        int len = VirtioNet.append(m, 0, t[0].length, t[1], 0, t[1].length);
        byte[] next = cut(hdr(1, VirtioNet.GSO_TCPV4, 52, 1000, 20, 16), tcp4(payload(1500, 12), 0x10))[1].clone();
        assertEquals(false, VirtioNet.canAppend(m, 0, len, 2, 1000, next, 0, next.length), "after a shorter segment");
        // at most MAX_SEGMENTS (the kernel refuses longer UDP runs)
        byte[][] many = cut(hdr(1, VirtioNet.GSO_TCPV4, 52, 100, 20, 16), tcp4(payload(100 * (VirtioNet.MAX_SEGMENTS + 1), 13), 0x10));
        byte[] acc = java.util.Arrays.copyOf(many[0], 65535);
        int accLen = many[0].length;
        for (int i = 1; i < VirtioNet.MAX_SEGMENTS; i++) {
            assertEquals(true, VirtioNet.canAppend(acc, 0, accLen, i, 100, many[i], 0, many[i].length));
            accLen = VirtioNet.append(acc, 0, accLen, many[i], 0, many[i].length);
        }
        assertEquals(false, VirtioNet.canAppend(acc, 0, accLen, VirtioNet.MAX_SEGMENTS, 100, many[VirtioNet.MAX_SEGMENTS], 0, many[VirtioNet.MAX_SEGMENTS].length));
        for (int i = 0; i < 2000; i++) {    // never throws on nonsense
            byte[] r = payload(new Random(i).nextInt(80), i);
            VirtioNet.coalescible(r, 0, r.length);
        }
        assertEquals(VirtioNet.GSO_NONE, VirtioNet.coalescible(null, 0, 0));
    }

    private static byte[] zeroCsum(byte[] p) {
        put16(p, 36, pseudo4(p, 6, p.length - 20));
        return p;
    }
}
