package dev.routerlab.packet.ospf;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OspfCodecTest {
    static final int R1 = Ipv4Address.parse("1.1.1.1");
    static final int R2 = Ipv4Address.parse("2.2.2.2");
    static final int AREA0 = 0;
    static final byte[] MD5_KEY = "cisco123".getBytes(StandardCharsets.US_ASCII);

    static byte[] routerLsa() {
        return Lsa.buildRouter(1, Ospf.OPT_E, R1, R1, Lsa.INITIAL_SEQUENCE, Lsa.FLAG_B, List.of(
                new Lsa.RouterLink(Ipv4Address.parse("10.0.12.2"), Ipv4Address.parse("10.0.12.1"), Lsa.LINK_TRANSIT, 10),
                new Lsa.RouterLink(R2, Ipv4Address.parse("10.0.0.1"), Lsa.LINK_P2P, 64),
                new Lsa.RouterLink(Ipv4Address.parse("10.0.0.0"), Ipv4Address.parse("255.255.255.252"), Lsa.LINK_STUB, 64)));
    }

    static List<byte[]> allLsas() {
        return List.of(routerLsa(),
                Lsa.buildNetwork(3, Ospf.OPT_E, Ipv4Address.parse("10.0.12.2"), R2, Lsa.INITIAL_SEQUENCE + 4,
                        Ipv4Address.parse("255.255.255.0"), new int[] {R2, R1}),
                Lsa.buildSummary(Lsa.SUMMARY_NETWORK, 5, Ospf.OPT_E, Ipv4Address.parse("172.16.0.0"), R1, Lsa.INITIAL_SEQUENCE,
                        Ipv4Address.parse("255.255.0.0"), 20),
                Lsa.buildSummary(Lsa.SUMMARY_ASBR, 5, Ospf.OPT_E, Ipv4Address.parse("3.3.3.3"), R1, Lsa.INITIAL_SEQUENCE, 0, 30),
                Lsa.buildExternal(7, Ospf.OPT_E, Ipv4Address.parse("192.168.0.0"), R2, 0x80000123,
                        Ipv4Address.parse("255.255.255.0"), true, 20, 0, 7));
    }

    @Test
    void lsaRoundTripsAndChecksumsVerify() {
        for (byte[] l : allLsas()) {
            assertEquals(PacketError.OK, Lsa.check(l, 0, l.length), "type " + Lsa.type(l, 0));
            assertTrue(Lsa.checksumOk(l, 0, l.length));
        }
        Lsa.RouterBody rb = Lsa.router(routerLsa(), 0);
        assertEquals(Lsa.FLAG_B, rb.flags());
        assertEquals(3, rb.links().size());
        assertEquals(new Lsa.RouterLink(R2, Ipv4Address.parse("10.0.0.1"), Lsa.LINK_P2P, 64), rb.links().get(1));
        Lsa.NetworkBody nb = Lsa.network(allLsas().get(1), 0);
        assertArrayEquals(new int[] {R2, R1}, nb.attachedRouters());
        assertEquals(new Lsa.SummaryBody(Ipv4Address.parse("255.255.0.0"), 20), Lsa.summary(allLsas().get(2), 0));
        assertEquals(new Lsa.ExternalBody(Ipv4Address.parse("255.255.255.0"), true, 20, 0, 7), Lsa.external(allLsas().get(4), 0));
        Lsa.Header h = Lsa.Header.read(allLsas().get(4), 0);
        assertEquals(0x80000123, h.seq());
        assertEquals(Lsa.AS_EXTERNAL, h.type());
    }

    /**
     * Fletcher checksum vectors, computed independently by scapy 2.5's {@code ospf_lsa_checksum}
     * (Debian python3-scapy) over the same bytes: 0x41e2 for this summary-LSA, 0x5009 for
     * {@link #routerLsa()}, 0xf42e for the AS-external-LSA of {@link #allLsas()}.
     */
    @Test
    void fletcherKnownVectors() {
        byte[] s = Lsa.buildSummary(Lsa.SUMMARY_NETWORK, 1, 0x22, Ipv4Address.parse("10.1.0.0"), R1, 0x80000001,
                Ipv4Address.parse("255.255.255.0"), 10);
        assertEquals(SUMMARY_VECTOR, Lsa.checksum(s, 0), String.format("got 0x%04x", Lsa.checksum(s, 0)));
        assertEquals(0x5009, Lsa.checksum(routerLsa(), 0));
        assertEquals(0xf42e, Lsa.checksum(allLsas().get(4), 0));
        // age is outside the checksum (12.1.7)
        Lsa.setAge(s, 0, 3000);
        assertTrue(Lsa.checksumOk(s, 0, s.length));
        // one bit changed anywhere else breaks it
        for (int i = 2; i < s.length; i++) {
            byte[] c = s.clone();
            c[i] ^= 0x10;
            assertFalse(Lsa.checksumOk(c, 0, c.length), "byte " + i);
        }
        // checksum by the textbook definition: C0 and C1 of the whole LSA (age excluded) are 0 mod 255
        long c0 = 0, c1 = 0;
        for (int i = 2; i < s.length; i++) {
            c0 = (c0 + (s[i] & 0xff)) % 255;
            c1 = (c1 + c0) % 255;
        }
        assertEquals(0, c0);
        assertEquals(0, c1);
    }

    static final int SUMMARY_VECTOR = 0x41e2;

    @Test
    void lsaCompareFollows13_1() {
        assertTrue(Lsa.compare(0x80000002, 1, 0, 0x80000001, 9, 0) > 0);
        assertTrue(Lsa.compare(0x80000001, 1, 0, 0x7fffffff, 1, 0) < 0, "signed sequence numbers");
        assertTrue(Lsa.compare(5, 2, 0, 5, 1, 0) > 0, "larger checksum is newer");
        assertTrue(Lsa.compare(5, 1, Lsa.MAX_AGE, 5, 1, 10) > 0, "MaxAge is newer");
        assertTrue(Lsa.compare(5, 1, 10, 5, 1, 1000) > 0, "younger by more than MaxAgeDiff");
        assertEquals(0, Lsa.compare(5, 1, 10, 5, 1, 800));
    }

    @Test
    void everyPacketTypeRoundTripsWithEveryAuthentication() {
        Ospf.Hello hello = new Ospf.Hello(Ipv4Address.parse("255.255.255.0"), 10, Ospf.OPT_E, 1, 40, R2, R1, new int[] {R2});
        List<Lsa.Header> hdrs = allLsas().stream().map(l -> Lsa.Header.read(l, 0)).toList();
        Ospf.DbDescription dd = new Ospf.DbDescription(1500, Ospf.OPT_E, Ospf.DD_M | Ospf.DD_MS, 0x1234, hdrs);
        List<Ospf.LsRequest> lsr = List.of(new Ospf.LsRequest(1, R1, R1), new Ospf.LsRequest(5, 0x0a000000, R2));
        for (int auth : new int[] {Ospf.AUTH_NULL, Ospf.AUTH_SIMPLE, Ospf.AUTH_CRYPTO}) {
            byte[] key = auth == Ospf.AUTH_SIMPLE ? "secret".getBytes(StandardCharsets.US_ASCII) : MD5_KEY;
            byte[] p = Ospf.build(Ospf.HELLO, R1, AREA0, Ospf.helloBody(hello), auth, key, 7, 1000);
            assertEquals(PacketError.OK, Ospf.check(p, 0, p.length));
            assertTrue(Ospf.verifyAuth(p, 0, auth, key, 7));
            Ospf.Hello back = Ospf.parseHello(p, 0);
            assertEquals(hello.networkMask(), back.networkMask());
            assertEquals(R2, back.designatedRouter());
            assertArrayEquals(new int[] {R2}, back.neighbors());
            assertEquals(R1, Ospf.routerId(p, 0));

            p = Ospf.build(Ospf.DB_DESCRIPTION, R1, AREA0, Ospf.dbDescriptionBody(dd), auth, key, 7, 1001);
            assertEquals(PacketError.OK, Ospf.check(p, 0, p.length));
            assertEquals(dd, Ospf.parseDbDescription(p, 0));

            p = Ospf.build(Ospf.LS_REQUEST, R1, AREA0, Ospf.lsRequestBody(lsr), auth, key, 7, 1002);
            assertEquals(PacketError.OK, Ospf.check(p, 0, p.length));
            assertEquals(lsr, Ospf.parseLsRequest(p, 0));

            p = Ospf.build(Ospf.LS_UPDATE, R1, AREA0, Ospf.lsUpdateBody(allLsas()), auth, key, 7, 1003);
            assertEquals(PacketError.OK, Ospf.check(p, 0, p.length));
            List<Ospf.LsaRef> refs = Ospf.parseLsUpdate(p, 0);
            assertEquals(5, refs.size());
            for (int i = 0; i < 5; i++)
                assertArrayEquals(allLsas().get(i), java.util.Arrays.copyOfRange(p, refs.get(i).offset(),
                        refs.get(i).offset() + refs.get(i).length()));

            p = Ospf.build(Ospf.LS_ACK, R1, AREA0, Ospf.lsAckBody(hdrs), auth, key, 7, 1004);
            assertEquals(PacketError.OK, Ospf.check(p, 0, p.length));
            assertEquals(hdrs, Ospf.parseLsAck(p, 0));
        }
    }

    @Test
    void md5LayoutFollowsD3() {
        byte[] p = Ospf.build(Ospf.HELLO, R1, AREA0, Ospf.helloBody(new Ospf.Hello(0, 10, 2, 1, 40, 0, 0, new int[0])),
                Ospf.AUTH_CRYPTO, MD5_KEY, 5, 0x01020304L);
        assertEquals(44, Ospf.length(p, 0), "the digest is not counted in the length");
        assertEquals(44 + 16, p.length);
        assertEquals(0, Ospf.checksum(p, 0), "no checksum with cryptographic authentication");
        assertEquals(5, Ospf.keyId(p, 0));
        assertEquals(16, p[19]);
        assertEquals(0x01020304L, Ospf.cryptoSequence(p, 0));
        assertFalse(Ospf.verifyAuth(p, 0, Ospf.AUTH_CRYPTO, "wrong".getBytes(), 5));
        assertFalse(Ospf.verifyAuth(p, 0, Ospf.AUTH_CRYPTO, MD5_KEY, 6), "key id");
        byte[] t = p.clone();
        t[30] ^= 1;
        assertFalse(Ospf.verifyAuth(t, 0, Ospf.AUTH_CRYPTO, MD5_KEY, 5), "body tampered");
        // cut off the digest
        assertEquals(PacketError.TRUNCATED, Ospf.check(p, 0, p.length - 1));
    }

    @Test
    void checkSaysWhyAndNeverThrows() {
        byte[] p = Ospf.build(Ospf.LS_UPDATE, R1, AREA0, Ospf.lsUpdateBody(allLsas()), Ospf.AUTH_NULL, null, 0, 0);
        assertEquals(PacketError.TRUNCATED, Ospf.check(null, 0, 10));
        assertEquals(PacketError.TRUNCATED, Ospf.check(p, 0, 23));
        assertEquals(PacketError.TRUNCATED, Ospf.check(p, 0, p.length - 1));
        assertEquals(PacketError.TRUNCATED, Ospf.check(p, -1, 30));
        byte[] v = p.clone();
        v[0] = 3;
        assertEquals(PacketError.BAD_VERSION, Ospf.check(v, 0, v.length));
        byte[] t = p.clone();
        t[1] = 9;
        assertEquals(PacketError.UNSUPPORTED, Ospf.check(t, 0, t.length));
        byte[] c = p.clone();
        c[40] ^= 1;
        assertEquals(PacketError.BAD_CHECKSUM, Ospf.check(c, 0, c.length));
        byte[] a = p.clone();
        Bytes.put16(a, 14, 7);
        assertEquals(PacketError.UNSUPPORTED, Ospf.check(a, 0, a.length));
        byte[] l = p.clone();
        Bytes.put16(l, 2, 10);
        assertEquals(PacketError.BAD_LENGTH, Ospf.check(l, 0, l.length));
        // an LSA inside whose Fletcher checksum is wrong: the packet checksum is recomputed so only the LSA is bad
        byte[] bad = allLsas().get(0).clone();
        bad[25] ^= 1;
        byte[] q = Ospf.build(Ospf.LS_UPDATE, R1, AREA0, Ospf.lsUpdateBody(List.of(bad)), Ospf.AUTH_NULL, null, 0, 0);
        assertEquals(PacketError.BAD_CHECKSUM, Ospf.check(q, 0, q.length));
        // an LSU claiming more LSAs than it holds
        byte[] more = Ospf.lsUpdateBody(allLsas());
        Bytes.put32(more, 0, 6);
        byte[] m = Ospf.build(Ospf.LS_UPDATE, R1, AREA0, more, Ospf.AUTH_NULL, null, 0, 0);
        assertEquals(PacketError.TRUNCATED, Ospf.check(m, 0, m.length));
        // unknown LSA type
        byte[] u = allLsas().get(2).clone();
        u[3] = 9;
        Lsa.finish(u);
        assertEquals(PacketError.UNSUPPORTED, Lsa.check(u, 0, u.length));
        // hello with a partial neighbour
        byte[] h = Ospf.build(Ospf.HELLO, R1, AREA0, new byte[22], Ospf.AUTH_NULL, null, 0, 0);
        assertEquals(PacketError.BAD_LENGTH, Ospf.check(h, 0, h.length));
        assertFalse(Ospf.verifyAuth(new byte[3], 0, Ospf.AUTH_CRYPTO, MD5_KEY, 1));
    }
}
