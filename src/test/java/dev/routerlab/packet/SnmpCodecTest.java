package dev.routerlab.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import dev.routerlab.packet.Snmp.Message;
import dev.routerlab.packet.Snmp.Oid;
import dev.routerlab.packet.Snmp.Pdu;
import dev.routerlab.packet.Snmp.Value;
import dev.routerlab.packet.Snmp.VarBind;
import org.junit.jupiter.api.Test;

/** BER/SNMP: known encodings, round trips of every value type, and fuzzing (no exception, ever). */
class SnmpCodecTest {
    /** `snmpget -v2c -c public HOST sysDescr.0` as net-snmp 5.9 sends it (request-id 0x1a2b3c4d). */
    static final byte[] GET_SYSDESCR = HexFormat.of().parseHex(
        "302902010104067075626c6963a01c02041a2b3c4d020100020100300e300c06082b060102010101000500");

    @Test
    void parsesNetSnmpsGet() {
        assertEquals(PacketError.OK, Snmp.check(GET_SYSDESCR, 0, GET_SYSDESCR.length));
        Message m = Snmp.parse(GET_SYSDESCR, 0, GET_SYSDESCR.length);
        assertNotNull(m);
        assertEquals(Snmp.V2C, m.version());
        assertEquals("public", new String(m.community()));
        assertEquals(Snmp.GET, m.pdu().type());
        assertEquals(0x1a2b3c4d, m.pdu().requestId());
        assertEquals(List.of(new VarBind(Oid.parse("1.3.6.1.2.1.1.1.0"), Value.nul())), m.pdu().bindings());
        assertArrayEquals(GET_SYSDESCR, Snmp.encode(m), "re-encoded byte for byte");
    }

    @Test
    void everyValueTypeRoundTrips() {
        List<VarBind> binds = List.of(
            new VarBind(Oid.parse("1.3.6.1.2.1.1.1.0"), Value.string("Cisco IOS Software\r\nline 2")),
            new VarBind(Oid.parse("1.3.6.1.2.1.1.2.0"), Value.oid(Oid.parse("1.3.6.1.4.1.9.1.1041"))),
            new VarBind(Oid.parse("1.3.6.1.2.1.1.3.0"), Value.timeticks(4_294_967_295L)),
            new VarBind(Oid.parse("1.3.6.1.2.1.2.2.1.1.1"), Value.integer(-2_147_483_648L)),
            new VarBind(Oid.parse("1.3.6.1.2.1.2.2.1.10.1"), Value.counter32(0x80000000L)),
            new VarBind(Oid.parse("1.3.6.1.2.1.2.2.1.5.1"), Value.gauge32(1_000_000_000L)),
            new VarBind(Oid.parse("1.3.6.1.2.1.31.1.1.1.6.1"), Value.counter64(-1L)),
            new VarBind(Oid.parse("1.3.6.1.2.1.4.20.1.1.10.0.0.1"), Value.ipAddress(0x0a000001)),
            new VarBind(Oid.parse("2.999.4294967295"), Value.exception(Snmp.NO_SUCH_INSTANCE)),
            new VarBind(Oid.parse("1.3"), Value.exception(Snmp.END_OF_MIB_VIEW)));
        Message m = Message.community(Snmp.V2C, "private".getBytes(), new Pdu(Snmp.RESPONSE, -7, 0, 0, binds));
        byte[] b = Snmp.encode(m);
        Message back = Snmp.parse(b, 0, b.length);
        assertNotNull(back);
        assertEquals(binds, back.pdu().bindings());
        assertEquals(-7, back.pdu().requestId());
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] b = GET_SYSDESCR.clone();
        b[1] = (byte) 0x80;                     // indefinite length
        assertNull(Snmp.parse(b, 0, b.length));
        assertEquals(PacketError.TRUNCATED, Snmp.check(null, 0, 4));
        byte[] v4 = GET_SYSDESCR.clone();
        v4[4] = 5;                              // version 6: not ours
        assertEquals(PacketError.UNSUPPORTED, Snmp.check(v4, 0, v4.length));
        assertEquals(5, Snmp.version(v4, 0, v4.length));
        assertNull(Snmp.parse(GET_SYSDESCR, 0, GET_SYSDESCR.length - 1), "truncated");
        byte[] bulkV1 = GET_SYSDESCR.clone();
        bulkV1[4] = 0;
        bulkV1[13] = (byte) Snmp.GETBULK;       // GetBulk is not SNMPv1's
        assertNull(Snmp.parse(bulkV1, 0, bulkV1.length));
    }

    @Test
    void v1TrapEncodesAsRfc1157Says() {
        byte[] t = Snmp.encodeV1Trap("public".getBytes(), Oid.parse("1.3.6.1.4.1.9.1.1041"), 0xc0a80201, 2, 0, 1234,
            List.of(new VarBind(Oid.parse("1.3.6.1.2.1.2.2.1.1.3"), Value.integer(3))));
        assertEquals(0x30, t[0] & 0xff);
        int pdu = 2 + 3 + 8;                    // SEQUENCE header, version, community
        assertEquals(Snmp.V1TRAP, t[pdu] & 0xff);
        assertEquals(PacketError.UNSUPPORTED, Snmp.check(t, 0, t.length), "an agent does not take traps");
    }

    @Test
    void fuzzNeverThrows() {
        Random rnd = new Random(0x5a17);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(GET_SYSDESCR);
        List<VarBind> binds = List.of(new VarBind(Oid.parse("1.3.6.1.2.1.31.1.1.1.6.1"), Value.counter64(123456789012L)),
            new VarBind(Oid.parse("1.3.6.1.2.1.1.5.0"), Value.string("R1")));
        seeds.add(Snmp.encode(Message.community(Snmp.V1, "c".getBytes(), new Pdu(Snmp.SET, 1, 0, 0, binds))));
        seeds.add(Snmp.encode(Message.community(Snmp.V2C, "c".getBytes(), new Pdu(Snmp.GETBULK, 9, 0, 10, binds))));
        seeds.add(Snmp.encode(new Message(Snmp.V3, null, new Pdu(Snmp.GET, 3, 0, 0, binds), 77, 65507, 4, 3,
            new Snmp.Usm(new byte[0], 0, 0, new byte[0], new byte[0], new byte[0]), new byte[0], new byte[0], null)));
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b;
            if (rnd.nextInt(6) == 0) {
                b = new byte[rnd.nextInt(80)];
                rnd.nextBytes(b);
            } else {
                byte[] s = seeds.get(rnd.nextInt(seeds.size()));
                b = s.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips; f++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextInt(4) == 0) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 8));
            }
            int off = rnd.nextInt(10) == 0 ? rnd.nextInt(6) - 3 : 0;
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(b.length + 10) - 5 : b.length - Math.max(off, 0);
            Snmp.check(b, off, len);
            Snmp.version(b, off, len);
            Message m = Snmp.parse(b, off, len);
            if (m != null) {
                parsed++;
                if (m.pdu() != null) {
                    byte[] again = Snmp.encode(m);
                    assertNotNull(Snmp.parse(again, 0, again.length), "what parses re-encodes to what parses");
                }
            }
        }
        assertEquals(true, parsed > 1000, "mutations reach deep: " + parsed);
    }
}
