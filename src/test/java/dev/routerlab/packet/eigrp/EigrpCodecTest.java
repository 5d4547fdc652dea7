package dev.routerlab.packet.eigrp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.PacketError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.routerlab.packet.eigrp.EigrpSamples.*;
import static org.junit.jupiter.api.Assertions.*;

class EigrpCodecTest {
    @Test
    void everySampleRoundTrips() {
        for (byte[] b : all()) {
            assertEquals(PacketError.OK, Eigrp.check(b, 0, b.length));
            Eigrp.Packet p = Eigrp.parse(b, 0, b.length);
            assertNotNull(p);
            byte[] again = Eigrp.build(p.opcode(), p.flags(), p.sequence(), p.ack(), p.virtualRouterId(),
                    p.autonomousSystem(), p.tlvs());
            assertArrayEquals(b, again, Eigrp.opcodeName(p.opcode()));
        }
    }

    @Test
    void headerFieldsSitWhereRfc7868PutsThem() {
        byte[] b = Eigrp.build(Eigrp.OP_UPDATE, Eigrp.FLAG_INIT | Eigrp.FLAG_EOT, 0x01020304L, 0x0a0b0c0dL, 0, 100, List.of());
        assertEquals(20, b.length);
        assertEquals(2, b[0]);
        assertEquals(1, b[1]);
        assertEquals(0x09, Bytes.i32(b, 4));
        assertEquals(0x01020304L, Bytes.u32L(b, 8));
        assertEquals(0x0a0b0c0dL, Bytes.u32L(b, 12));
        assertEquals(100, Bytes.u16(b, 18));
        assertEquals(0, Checksum.compute(b, 0, b.length), "the checksum covers the whole packet");
    }

    @Test
    void routeTlvsUseTheVariableLengthDestination() {
        byte[] b = Eigrp.build(Eigrp.OP_UPDATE, 0, 1, 0, 0, AS, List.of(internal("10.1.0.0", 24)));
        // 20 header + 25 fixed + 3 destination bytes; IOS sends an internal /24 as a 28-byte TLV
        assertEquals(20 + 28, b.length);
        assertEquals(0x0102, Bytes.u16(b, 20));
        assertEquals(28, Bytes.u16(b, 22));
        assertEquals(24, Bytes.u8(b, 44));
        assertEquals(10, Bytes.u8(b, 45));
        assertEquals(1, Bytes.u8(b, 46));
        assertEquals(0, Bytes.u8(b, 47));
        // MTU is 3 bytes: 1476 = 0x0005c4
        assertEquals(0x00, Bytes.u8(b, 36));
        assertEquals(0x05c4, Bytes.u16(b, 37));
        byte[] def = Eigrp.build(Eigrp.OP_UPDATE, 0, 1, 0, 0, AS, List.of(internal("0.0.0.0", 0)));
        assertEquals(20 + 25, def.length, "the default route has no destination bytes");
        Eigrp.Packet p = Eigrp.parse(def, 0, def.length);
        assertEquals(new EigrpTlv.InternalRoute(0, metric(), 0, 0), p.tlvs().get(0));
        byte[] ext = Eigrp.build(Eigrp.OP_UPDATE, 0, 1, 0, 0, AS, List.of(external("192.168.7.0", 24)));
        assertEquals(20 + 48, ext.length);
    }

    @Test
    void severalDestinationsInOneTlvShareTheMetric() {
        byte[] b = Eigrp.build(Eigrp.OP_UPDATE, 0, 1, 0, 0, AS, List.of(internal("10.1.0.0", 24)));
        byte[] two = new byte[b.length + 4];
        System.arraycopy(b, 0, two, 0, b.length);
        two[b.length] = 24;
        two[b.length + 1] = 10;
        two[b.length + 2] = 2;
        two[b.length + 3] = 0;
        Bytes.put16(two, 22, 32);
        Bytes.put16(two, 2, 0);
        Bytes.put16(two, 2, Checksum.compute(two, 0, two.length));
        Eigrp.Packet p = Eigrp.parse(two, 0, two.length);
        assertEquals(2, p.tlvs().size());
        assertEquals(ip("10.2.0.0"), ((EigrpTlv.InternalRoute) p.tlvs().get(1)).prefix());
        assertEquals(metric(), ((EigrpTlv.InternalRoute) p.tlvs().get(1)).metric());
    }

    @Test
    void checkSaysWhyAndNeverThrows() {
        byte[] good = all().get(7);
        assertEquals(PacketError.TRUNCATED, Eigrp.check(null, 0, 0));
        assertEquals(PacketError.TRUNCATED, Eigrp.check(good, 0, 19));
        assertEquals(PacketError.TRUNCATED, Eigrp.check(good, 5, good.length));
        byte[] v = good.clone();
        v[0] = 1;
        assertEquals(PacketError.BAD_VERSION, Eigrp.check(v, 0, v.length));
        byte[] op = good.clone();
        op[1] = 6;  // IPX SAP
        assertEquals(PacketError.UNSUPPORTED, Eigrp.check(op, 0, op.length));
        byte[] cs = good.clone();
        cs[30] ^= 1;
        assertEquals(PacketError.BAD_CHECKSUM, Eigrp.check(cs, 0, cs.length));
        // a route TLV claiming /33
        byte[] b = Eigrp.build(Eigrp.OP_UPDATE, 0, 1, 0, 0, AS, List.of(internal("10.1.0.0", 24)));
        b[44] = 33;
        fixChecksum(b);
        assertEquals(PacketError.BAD_FIELD, Eigrp.check(b, 0, b.length));
        // a TLV longer than the packet
        byte[] c = Eigrp.build(Eigrp.OP_UPDATE, 0, 1, 0, 0, AS, List.of(internal("10.1.0.0", 24)));
        Bytes.put16(c, 22, 200);
        fixChecksum(c);
        assertEquals(PacketError.TRUNCATED, Eigrp.check(c, 0, c.length));
        // a Parameter TLV of length 4 (the FRR read-past-the-end case)
        byte[] d = Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, List.of(new EigrpTlv.Unknown(Eigrp.TLV_PARAMETER, new byte[0])));
        assertEquals(PacketError.BAD_LENGTH, Eigrp.check(d, 0, d.length));
        assertNull(Eigrp.parse(d, 0, d.length));
        // TLV length below 4
        byte[] e = Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, List.of(new EigrpTlv.Unknown(0x00f0, new byte[0])));
        Bytes.put16(e, 22, 2);
        fixChecksum(e);
        assertEquals(PacketError.BAD_LENGTH, Eigrp.check(e, 0, e.length));
    }

    @Test
    void md5SignsAndVerifies() {
        List<EigrpTlv> t = new ArrayList<>();
        t.add(Eigrp.md5Tlv(7));
        t.addAll(helloTlvs());
        byte[] b = Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, t);
        assertTrue(Eigrp.signMd5(b, 0, b.length, KEY));
        assertEquals(PacketError.OK, Eigrp.check(b, 0, b.length), "the checksum is recomputed after the digest");
        assertTrue(Eigrp.verifyMd5(b, 0, b.length, KEY));
        assertFalse(Eigrp.verifyMd5(b, 0, b.length, "wrong".getBytes()));
        EigrpTlv.Authentication a = Eigrp.parse(b, 0, b.length).first(EigrpTlv.Authentication.class);
        assertEquals(7, a.keyId());
        assertEquals(Eigrp.AUTH_MD5, a.authType());
        byte[] tampered = b.clone();
        tampered[b.length - 1] ^= 1;   // hold time
        fixChecksum(tampered);
        assertFalse(Eigrp.verifyMd5(tampered, 0, tampered.length, KEY));
        byte[] plain = Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, helloTlvs());
        assertFalse(Eigrp.verifyMd5(plain, 0, plain.length, KEY), "no Authentication TLV: not verified");
        assertFalse(Eigrp.signMd5(plain, 0, plain.length, KEY));
    }

    static void fixChecksum(byte[] b) {
        Bytes.put16(b, 2, 0);
        Bytes.put16(b, 2, Checksum.compute(b, 0, b.length));
    }
}
