package dev.routerlab.packet.isakmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips and exact encodings of the ISAKMP codecs. */
class IsakmpCodecTest {
    static final HexFormat HEX = HexFormat.of();

    /** A Main Mode first message as IOS would send it: SA with two transforms, two VIDs. */
    static List<Payload> mm1Payloads() {
        TransformPayload t1 = new TransformPayload(1, Oakley.KEY_IKE, List.of(
                Attribute.of(Oakley.ENCRYPTION_ALGORITHM, 7), Attribute.of(Oakley.KEY_LENGTH, 256),
                Attribute.of(Oakley.HASH_ALGORITHM, 4), Attribute.of(Oakley.AUTHENTICATION_METHOD, 1),
                Attribute.of(Oakley.GROUP_DESCRIPTION, 14), Attribute.of(Oakley.LIFE_TYPE, 1),
                Attribute.of(Oakley.LIFE_DURATION, 86400)));
        TransformPayload t2 = new TransformPayload(2, Oakley.KEY_IKE, List.of(
                Attribute.of(Oakley.ENCRYPTION_ALGORITHM, 5), Attribute.of(Oakley.HASH_ALGORITHM, 2),
                Attribute.of(Oakley.AUTHENTICATION_METHOD, 1), Attribute.of(Oakley.GROUP_DESCRIPTION, 2)));
        SaPayload sa = SaPayload.ipsec(List.of(new ProposalPayload(1, Oakley.PROTO_ISAKMP, new byte[0], List.of(t1, t2))));
        return List.of(sa, new VendorIdPayload(VendorIds.RFC3947), new VendorIdPayload(VendorIds.DPD));
    }

    /** Quick mode payloads: ESP proposal with SPI, nonce, KE, IDs, NAT-OA, notify, delete. */
    static List<Payload> qmPayloads() {
        TransformPayload esp = new TransformPayload(1, 12, List.of(Attribute.of(IpsecDoi.SA_LIFE_TYPE, 1),
                Attribute.of(IpsecDoi.SA_LIFE_DURATION, 3600), Attribute.of(IpsecDoi.SA_LIFE_TYPE, 2),
                Attribute.of(IpsecDoi.SA_LIFE_DURATION, 4_608_000), Attribute.of(IpsecDoi.ENCAPSULATION_MODE, 3),
                Attribute.of(IpsecDoi.AUTHENTICATION_ALGORITHM, 2), Attribute.of(IpsecDoi.KEY_LENGTH, 128)));
        SaPayload sa = SaPayload.ipsec(List.of(new ProposalPayload(1, IpsecDoi.PROTO_IPSEC_ESP,
                HEX.parseHex("c0ffee01"), List.of(esp))));
        return List.of(new HashPayload(new byte[20]), sa, new NoncePayload(new byte[32]), new KePayload(new byte[128]),
                IdPayload.ipv4Subnet(Ipv4Address.parse("10.1.0.0"), Ipv4Address.parse("255.255.255.0"), 0, 0),
                IdPayload.ipv4(Ipv4Address.parse("10.2.0.7"), 6, 80), NatOaPayload.ipv4(Ipv4Address.parse("192.0.2.1")),
                NotificationPayload.of(IpsecDoi.PROTO_IPSEC_ESP, NotifyType.RESPONDER_LIFETIME, HEX.parseHex("c0ffee01"),
                        HEX.parseHex("80010001800200c8")),
                DeletePayload.ofSpis(IpsecDoi.PROTO_IPSEC_ESP, 0x11223344, 0x55667788),
                DeletePayload.isakmp(0x0102030405060708L, 0x1112131415161718L),
                new NatDPayload(new byte[20]), new RawPayload(99, new byte[] {4, 1, 2, 3}));
    }

    @Test
    void vendorIdsAreTheWellKnownValues() {
        assertEquals("4a131c81070358455c5728f20e95452f", HEX.formatHex(VendorIds.RFC3947));
        assertEquals("90cb80913ebb696e086381b5ec427b1f", HEX.formatHex(VendorIds.NAT_T_DRAFT_02N));
        assertEquals("cd60464335df21f87cfdb2fc68b6a448", HEX.formatHex(VendorIds.NAT_T_DRAFT_02));
        assertEquals("7d9419a65310ca6f2c179d9215529d56", HEX.formatHex(VendorIds.NAT_T_DRAFT_03));
        assertEquals("RFC 3947", VendorIds.name(VendorIds.RFC3947));
    }

    @Test
    void headerRoundTripAndChecks() {
        byte[] m = Payloads.message(0x0123456789abcdefL, 0xfedcba9876543210L, ExchangeType.QUICK_MODE,
                IsakmpHeader.FLAG_ENCRYPTION, 0xdeadbeef, List.of(new HashPayload(new byte[16])));
        assertEquals(PacketError.OK, IsakmpHeader.check(m, 0, m.length));
        assertEquals(0x0123456789abcdefL, IsakmpHeader.initiatorCookie(m, 0));
        assertEquals(0xfedcba9876543210L, IsakmpHeader.responderCookie(m, 0));
        assertEquals(PayloadType.HASH, IsakmpHeader.nextPayload(m, 0));
        assertEquals(0x10, IsakmpHeader.version(m, 0));
        assertEquals(ExchangeType.QUICK_MODE, IsakmpHeader.exchangeType(m, 0));
        assertTrue(IsakmpHeader.encrypted(m, 0));
        assertEquals(0xdeadbeef, IsakmpHeader.messageId(m, 0));
        assertEquals(m.length, IsakmpHeader.length(m, 0));
        assertEquals(PacketError.TRUNCATED, IsakmpHeader.check(m, 0, m.length - 1));
        assertEquals(PacketError.TRUNCATED, IsakmpHeader.check(m, 0, 27));
        assertEquals(PacketError.TRUNCATED, IsakmpHeader.check(null, 0, 28));
        assertEquals(PacketError.TRUNCATED, IsakmpHeader.check(m, -1, 28));
        byte[] v2 = m.clone();
        v2[17] = 0x20;
        assertEquals(PacketError.UNSUPPORTED, IsakmpHeader.check(v2, 0, v2.length));
        byte[] shortLen = m.clone();
        shortLen[27] = 20;
        shortLen[26] = 0;
        assertEquals(PacketError.BAD_LENGTH, IsakmpHeader.check(shortLen, 0, shortLen.length));
        byte[] spi = IsakmpHeader.cookiePair(1, 2);
        assertEquals(1, IsakmpHeader.cookieOf(spi, 0));
        assertEquals(2, IsakmpHeader.cookieOf(spi, 1));
    }

    /** MM3 with signatures: KE, Ni, CERTREQ naming a CA (a DER DN) and one for any CA (RFC 2408 §3.10). */
    static List<Payload> mm3SigPayloads() {
        return List.of(new KePayload(new byte[256]), new NoncePayload(new byte[32]),
                new CertRequestPayload(CertPayload.X509_SIGNATURE, HEX.parseHex("3019311730150603550403130e4c616220526f6f74204341")),
                new CertRequestPayload(CertPayload.X509_SIGNATURE, new byte[0]));
    }

    /** MM5 with signatures (RFC 2409 §5.1): IDii (a DN), CERT (encoding 4), SIG_I. */
    static List<Payload> mm5SigPayloads() {
        return List.of(new IdPayload(IdPayload.ID_DER_ASN1_DN, 17, 500, HEX.parseHex("300d310b3009060355040313025231")),
                new CertPayload(CertPayload.X509_SIGNATURE, HEX.parseHex("3082010a0282010100c0ffee")),
                new SignaturePayload(new byte[128]));
    }

    @Test
    void signaturePayloadsEncodeAsRfc2408Says() {
        assertEquals("04c0ffee", HEX.formatHex(new CertPayload(4, HEX.parseHex("c0ffee")).body()));
        assertEquals("04", HEX.formatHex(new CertRequestPayload(4, new byte[0]).body()));
        assertEquals(PacketError.BAD_LENGTH, CertPayload.check(HEX.parseHex("04"), 0, 1));
        assertEquals(PacketError.BAD_LENGTH, CertRequestPayload.check(new byte[0], 0, 0));
        assertEquals(PacketError.BAD_LENGTH, SignaturePayload.check(new byte[0], 0, 0));
        byte[] chain = Payloads.encode(mm5SigPayloads());
        assertEquals(PayloadType.CERT, chain[0] & 0xff, "ID's next payload is CERT");
        Payloads.Chain c = Payloads.decode(chain, 0, chain.length, PayloadType.ID);
        assertEquals(4, c.first(CertPayload.class).encoding());
        assertEquals(128, c.first(SignaturePayload.class).data().length);
    }

    @Test
    void payloadChainsRoundTrip() {
        for (List<Payload> ps : List.of(mm1Payloads(), qmPayloads(), mm3SigPayloads(), mm5SigPayloads())) {
            byte[] body = Payloads.encode(ps);
            int first = Payloads.firstType(ps);
            assertEquals(PacketError.OK, Payloads.check(body, 0, body.length, first));
            Payloads.Chain c = Payloads.decode(body, 0, body.length, first);
            assertEquals(ps, c.payloads());
            assertArrayEquals(body, Payloads.encode(c.payloads()));
            // Trailing padding (an encrypted body) is ignored.
            byte[] padded = java.util.Arrays.copyOf(body, body.length + 7);
            assertEquals(PacketError.OK, Payloads.check(padded, 0, padded.length, first));
            assertEquals(ps, Payloads.decode(padded, 0, padded.length, first).payloads());
            // Raw views used for hashing: the SA body as sent, everything after the first payload.
            Payloads.Entry e0 = c.entries().get(0);
            assertArrayEquals(ps.get(0).body(), c.body(e0));
            assertArrayEquals(Payloads.encode(ps.subList(1, ps.size())), c.after(0));
        }
    }

    @Test
    void exactEncodingOfAttributesAndSa() {
        // TV for 16-bit values, TLV for larger ones (RFC 2408 §3.3).
        assertEquals("800e0100", HEX.formatHex(tvOrTlv(Attribute.of(14, 256))));
        assertEquals("000c000400015180", HEX.formatHex(tvOrTlv(Attribute.of(12, 86400))));
        assertEquals(86400, Attribute.of(12, 86400).number());
        SaPayload sa = (SaPayload) mm1Payloads().get(0);
        byte[] b = sa.body();
        // DOI 1, SIT_IDENTITY_ONLY, proposal: next 0, len, #1, proto 1, SPI size 0, 2 transforms.
        assertEquals("00000001" + "00000001" + "0000", HEX.formatHex(b, 0, 10));
        assertEquals("01010002", HEX.formatHex(b, 12, 16));
        // First transform: next 3 (another follows), #1, KEY_IKE.
        assertEquals("03000028" + "0101" + "0000" + "80010007" + "800e0100" + "80020004", HEX.formatHex(b, 16, 36));
    }

    private static byte[] tvOrTlv(Attribute a) {
        byte[] t = new TransformPayload(0, 0, List.of(a)).body();
        return java.util.Arrays.copyOfRange(t, 4, t.length);
    }

    @Test
    void checksCatchBadStructure() {
        SaPayload sa = (SaPayload) mm1Payloads().get(0);
        byte[] b = sa.body();
        assertEquals(PacketError.OK, SaPayload.check(b, 0, b.length));
        for (int i = 0; i < b.length; i++) {
            assertNotEquals(PacketError.OK, SaPayload.check(b, 0, i), "prefix " + i);
        }
        byte[] wrongCount = b.clone();
        wrongCount[15] = 3; // # of transforms says 3, two present
        assertEquals(PacketError.BAD_FIELD, SaPayload.check(wrongCount, 0, wrongCount.length));
        byte[] otherDoi = b.clone();
        otherDoi[3] = 2;
        assertEquals(PacketError.UNSUPPORTED, SaPayload.check(otherDoi, 0, otherDoi.length));
        byte[] zeroLen = b.clone();
        zeroLen[10] = 0;
        zeroLen[11] = 2; // proposal length 2 < 4
        assertEquals(PacketError.BAD_LENGTH, SaPayload.check(zeroLen, 0, zeroLen.length));
        // IDs: exact lengths for IPv4 forms.
        byte[] id = IdPayload.ipv4(1, 17, 500).body();
        assertEquals(PacketError.OK, IdPayload.check(id, 0, id.length));
        assertEquals(PacketError.BAD_LENGTH, IdPayload.check(java.util.Arrays.copyOf(id, 9), 0, 9));
        // Nonce 8..256 (RFC 2409 §5).
        assertEquals(PacketError.BAD_LENGTH, NoncePayload.check(new byte[7], 0, 7));
        assertEquals(PacketError.BAD_LENGTH, NoncePayload.check(new byte[257], 0, 257));
        // Delete: the SPIs must fill the payload exactly.
        byte[] d = DeletePayload.ofSpis(3, 1, 2).body();
        assertEquals(PacketError.BAD_LENGTH, DeletePayload.check(java.util.Arrays.copyOf(d, d.length + 1), 0, d.length + 1));
        assertEquals(PacketError.TRUNCATED, DeletePayload.check(d, 0, d.length - 1));
        // Proposal/transform at top level are not payloads of a message.
        byte[] chain = Payloads.encode(List.of(new HashPayload(new byte[4])));
        assertEquals(PacketError.BAD_FIELD, Payloads.check(chain, 0, chain.length, PayloadType.PROPOSAL));
        assertEquals(PacketError.TRUNCATED, Payloads.check(chain, 0, chain.length - 1, PayloadType.HASH));
    }

    @Test
    void decodedValues() {
        List<Payload> ps = qmPayloads();
        byte[] body = Payloads.encode(ps);
        Payloads.Chain c = Payloads.decode(body, 0, body.length, PayloadType.HASH);
        SaPayload sa = c.first(SaPayload.class);
        assertEquals(0xc0ffee01, sa.proposals().get(0).spi32());
        TransformPayload t = sa.proposals().get(0).transforms().get(0);
        assertEquals(3, t.number(IpsecDoi.ENCAPSULATION_MODE, 0));
        assertEquals(4_608_000, t.attributes().get(3).number());
        List<IdPayload> ids = c.all(IdPayload.class);
        assertEquals(Ipv4Address.parse("255.255.255.0"), ids.get(0).second());
        assertEquals(80, ids.get(1).port());
        DeletePayload del = c.first(DeletePayload.class);
        assertArrayEquals(new int[] {0x11223344, 0x55667788}, del.spi32());
        assertEquals(2, c.all(DeletePayload.class).size());
        assertEquals(99, c.entries().get(c.entries().size() - 1).type());
    }

    @Test
    void udpEncapsulationClassifies() {
        assertEquals(UdpEncapsulation.Kind.KEEPALIVE, UdpEncapsulation.classify(new byte[] {(byte) 0xff}, 0, 1));
        byte[] ike = UdpEncapsulation.withMarker(new byte[28]);
        assertEquals(UdpEncapsulation.Kind.IKE, UdpEncapsulation.classify(ike, 0, ike.length));
        assertEquals(UdpEncapsulation.Kind.ESP, UdpEncapsulation.classify(new byte[] {0, 0, 1, 0, 0, 0, 0, 1}, 0, 8));
        assertEquals(UdpEncapsulation.Kind.INVALID, UdpEncapsulation.classify(new byte[4], 0, 4));
        assertEquals(UdpEncapsulation.Kind.INVALID, UdpEncapsulation.classify(new byte[3], 0, 3));
        assertEquals(UdpEncapsulation.Kind.INVALID, UdpEncapsulation.classify(null, 0, 3));
        assertEquals(UdpEncapsulation.Kind.INVALID, UdpEncapsulation.classify(new byte[3], 2, 3));
    }

    @Test
    void buildersRejectProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> new Attribute(0x8000, true, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> new Attribute(1, true, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new DeletePayload(1, 3, 4, List.of(new byte[3])));
        assertThrows(IllegalArgumentException.class, () -> new RawPayload(0, new byte[0]));
    }
}
