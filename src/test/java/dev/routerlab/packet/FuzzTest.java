package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random and mutated buffers through every parser: no exception may escape, whatever the bytes,
 * offset or length. Mutated packets get their IPv4/ICMP checksums repaired half the time so the
 * deeper layers are reached too.
 */
class FuzzTest {
    static final int ITERATIONS = 20_000;
    static final int A = Ipv4Address.parse("192.0.2.1"), B = Ipv4Address.parse("198.51.100.7");
    static final String[] LAYERS = {"ethernet", "arp", "ipv4", "icmp", "udp", "tcp", "gre"};
    static final int[] hits = new int[LAYERS.length];

    static List<byte[]> seeds() {
        List<byte[]> s = new ArrayList<>();
        MacAddress m = MacAddress.parse("aabb.cc00.0100");
        s.add(Arp.buildRequest(m, A, B));
        byte[] udp = Udp.buildPacket(A, B, 500, 500, 1, 64, new byte[40], 0, 40);
        s.add(udp);
        s.add(Ethernet.build(MacAddress.BROADCAST, m, Ethernet.TYPE_IPV4, udp, 0, udp.length));
        byte[] echo = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, A, B, 2, 64, 1, 1, new byte[56]);
        s.add(echo);
        s.add(Icmp.buildErrorPacket(B, 3, 255, 3, 4, 1400, udp, 0, udp.length));
        s.add(TcpTest.segment(Tcp.FLAG_SYN, TcpTest.MSS_ODD, 3));
        s.add(TcpTest.segment(Tcp.FLAG_SYN, TcpTest.MSS_1460, 0));
        s.add(Gre.buildKeepalive(A, B, 4, 255, Gre.FLAG_KEY | Gre.FLAG_SEQUENCE | Gre.FLAG_CHECKSUM, 9, 9));
        s.add(Gre.buildPacket(A, B, 5, 0, 64, false, Gre.FLAG_KEY, 7, 0, Gre.PROTO_NHRP, new byte[30], 0, 30));
        byte[] big = Ipv4.build(0, 77, false, 64, Ipv4.PROTO_UDP, A, B, new byte[600], 0, 600);
        s.addAll(Ipv4.fragment(big, 0, 200));
        return s;
    }

    @Test
    void noExceptionEscapes() {
        Random rnd = new Random(0x5eed);
        List<byte[]> seeds = seeds();
        Reassembler reassembler = new Reassembler(16, 32, 1_000_000L);
        int ok = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            byte[] b;
            if (rnd.nextInt(5) == 0) {
                b = new byte[rnd.nextInt(120)];
                rnd.nextBytes(b);
            } else {
                b = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            }
            int off = 0, len = b.length;
            switch (rnd.nextInt(10)) {
                case 0 -> len = rnd.nextInt(b.length + 1);
                case 1 -> { off = rnd.nextInt(b.length + 1); len = b.length - off; }
                case 2 -> { off = rnd.nextInt(40) - 20; len = rnd.nextInt(200) - 20; }  // out of range
                default -> { }
            }
            try {
                ok += exercise(b, off, len, reassembler, it * 1000L, rnd);
            } catch (Throwable t) {
                fail("iteration " + it + " off " + off + " len " + len + " bytes " + HexFormat.of().formatHex(b), t);
            }
        }
        StringBuilder sb = new StringBuilder("fuzz: " + ITERATIONS + " inputs, checks passed:");
        for (int i = 0; i < LAYERS.length; i++) sb.append(' ').append(LAYERS[i]).append('=').append(hits[i]);
        System.out.println(sb + ", reassembled=" + reassembler.reassembled() + ", couldn't reassemble=" + reassembler.failed());
        assertTrue(ok > ITERATIONS / 10, "enough inputs passed some check to reach the accessors: " + ok);
        for (int i = 0; i < LAYERS.length; i++) assertTrue(hits[i] > 50, "too few valid " + LAYERS[i] + " inputs: " + hits[i]);
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b;
        int kind = rnd.nextInt(4);
        if (kind == 0) {
            b = new byte[Math.max(0, seed.length - rnd.nextInt(seed.length + 1))];   // truncate
            System.arraycopy(seed, 0, b, 0, b.length);
        } else if (kind == 1) {
            b = new byte[seed.length + rnd.nextInt(30)];                            // extend
            System.arraycopy(seed, 0, b, 0, seed.length);
        } else {
            b = seed.clone();
        }
        int flips = 1 + rnd.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = rnd.nextInt(Math.min(b.length, rnd.nextBoolean() ? 64 : b.length));
            b[at] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : (byte) (b[at] ^ (1 << rnd.nextInt(8)));
        }
        if (rnd.nextBoolean() && b.length >= 20 && (b[0] & 0xf0) == 0x40) {   // repair IPv4 header checksum
            int hl = (b[0] & 0x0f) * 4;
            if (hl >= 20 && hl <= b.length) {
                Ipv4.updateChecksum(b, 0);
                if (b[9] == Ipv4.PROTO_ICMP && rnd.nextBoolean() && b.length >= hl + 8) {
                    int tl = Math.min(b.length, Bytes.u16(b, 2));
                    if (tl >= hl + 8) {
                        Bytes.put16(b, hl + 2, 0);
                        Bytes.put16(b, hl + 2, Checksum.compute(b, hl, tl - hl));
                    }
                }
            }
        }
        return b;
    }

    /** Runs every parser on the input; returns how many checks said OK. */
    static int exercise(byte[] b, int off, int len, Reassembler r, long now, Random rnd) {
        int ok = 0;
        if (Ethernet.check(b, off, len).ok()) {
            ok++;
            hits[0]++;
            Ethernet.destination(b, off);
            Ethernet.source(b, off);
            Ethernet.sourceLong(b, off);
            if (Ethernet.etherType(b, off) == Ethernet.TYPE_ARP) ok += arp(b, off + 14, len - 14);
            if (Ethernet.etherType(b, off) == Ethernet.TYPE_IPV4) ok += ipv4(b, off + 14, len - 14, r, now, rnd);
        }
        ok += arp(b, off, len);
        ok += ipv4(b, off, len, r, now, rnd);
        ok += icmp(b, off, len);
        ok += udp(b, off, len, A, B);
        ok += tcp(b, off, len);
        ok += gre(b, off, len);
        r.expire(now, x -> Icmp.quoteLength(x, 0, x.length));
        return ok;
    }

    static int arp(byte[] b, int off, int len) {
        if (!Arp.check(b, off, len).ok()) return 0;
        Arp.operation(b, off);
        Arp.senderHardwareAddress(b, off);
        Arp.senderProtocolAddress(b, off);
        Arp.targetHardwareAddress(b, off).toString();
        Arp.targetProtocolAddress(b, off);
        hits[1]++;
        Arp.isGratuitous(b, off);
        return 1;
    }

    static int ipv4(byte[] b, int off, int len, Reassembler r, long now, Random rnd) {
        boolean mayReply = Icmp.mayReplyWithError(b, off, len);
        byte[] copy = Bytes.inBounds(b, off, len) ? java.util.Arrays.copyOfRange(b, off, off + len) : null;
        Tcp.clampMss(copy, 0, copy == null ? 0 : copy.length, 536);
        r.offer(b, off, len, now);
        if (!Ipv4.check(b, off, len).ok()) return 0;
        int hl = Ipv4.headerLength(b, off), tl = Ipv4.totalLength(b, off);
        Ipv4.version(b, off);
        Ipv4.tos(b, off);
        Ipv4.identification(b, off);
        Ipv4.dontFragment(b, off);
        Ipv4.moreFragments(b, off);
        Ipv4.fragmentOffset(b, off);
        Ipv4.isFragment(b, off);
        Ipv4.ttl(b, off);
        Ipv4.headerChecksum(b, off);
        Ipv4.computeChecksum(b, off);
        Ipv4Address.toString(Ipv4.source(b, off));
        Ipv4.destination(b, off);
        Ipv4.fragment(b, off, 68 + rnd.nextInt(1500));
        if (mayReply) {
            byte[] e = Icmp.buildErrorPacket(A, 0, 255, 3, 4, 1400, b, off, len);
            assertEquals(PacketError.OK, Ipv4.check(e, 0, e.length));
        }
        byte[] c = java.util.Arrays.copyOfRange(b, off, off + tl);
        Ipv4.decrementTtl(c, 0);
        assertEquals(PacketError.OK, Ipv4.check(c, 0, c.length), "TTL decrement keeps the header valid");
        hits[2]++;
        int p = off + hl, plen = tl - hl;
        int n = 1;
        switch (Ipv4.protocol(b, off)) {
            case Ipv4.PROTO_ICMP -> n += icmp(b, p, plen);
            case Ipv4.PROTO_UDP -> n += udp(b, p, plen, Ipv4.source(b, off), Ipv4.destination(b, off));
            case Ipv4.PROTO_TCP -> n += tcp(b, p, plen);
            case Ipv4.PROTO_GRE -> {
                n += gre(b, p, plen);
                if (Gre.check(b, p, plen).ok()) {
                    int in = p + Gre.headerLength(b, p);
                    n += ipv4(b, in, off + tl - in, r, now, rnd);
                }
            }
            default -> { }
        }
        return n;
    }

    static int icmp(byte[] b, int off, int len) {
        if (!Icmp.check(b, off, len).ok()) return 0;
        Icmp.type(b, off);
        Icmp.code(b, off);
        Icmp.checksum(b, off);
        Icmp.identifier(b, off);
        Icmp.sequence(b, off);
        hits[3]++;
        Icmp.nextHopMtu(b, off);
        if (Icmp.type(b, off) == Icmp.TYPE_ECHO_REQUEST) {
            byte[] c = java.util.Arrays.copyOfRange(b, off, off + len);
            Icmp.toEchoReply(c, 0);
            assertEquals(PacketError.OK, Icmp.check(c, 0, c.length));
        }
        return 1;
    }

    static int udp(byte[] b, int off, int len, int src, int dst) {
        if (!Udp.check(b, off, len, src, dst).ok()) return 0;
        Udp.sourcePort(b, off);
        Udp.destinationPort(b, off);
        Udp.length(b, off);
        hits[4]++;
        Udp.checksum(b, off);
        return 1;
    }

    static int tcp(byte[] b, int off, int len) {
        if (!Tcp.check(b, off, len).ok()) return 0;
        Tcp.sourcePort(b, off);
        Tcp.destinationPort(b, off);
        Tcp.flags(b, off);
        Tcp.isSyn(b, off);
        Tcp.mss(b, off);
        hits[5]++;
        Tcp.checksum(b, off);
        return 1;
    }

    static int gre(byte[] b, int off, int len) {
        if (!Gre.check(b, off, len).ok()) return 0;
        Gre.protocolType(b, off);
        Gre.key(b, off);
        Gre.sequence(b, off);
        Gre.isKeepalive(b, off);
        hits[6]++;
        Gre.checksumPresent(b, off);
        return 1;
    }
}
