package dev.routerlab.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EspEncapsulationTest {
    // An ICMP echo request 192.168.123.3 -> 192.168.123.100 (RFC 3602 case 7's inner packet).
    static final byte[] PING = HexFormat.of().parseHex(
            "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a2040008090a0b"
            + "0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637");

    static int checksum(byte[] p, int hl) {
        int sum = 0;
        for (int i = 0; i < hl; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    @Test
    void pingChecksumIsValid() {
        assertEquals(0, checksum(PING, 20));
    }

    @Test
    void tunnelModeCarriesTheWholePacket() {
        EspTestSupport.Pair p = EspTestSupport.Pair.of(Transform.parse("esp-aes 256 esp-sha-hmac"), 1, 64);
        byte[] esp = EspEncapsulation.tunnelEncap(p.out(), PING);
        DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class,
                EspEncapsulation.tunnelDecap(p.in(), esp, 0, esp.length));
        assertEquals(EspEncapsulation.NEXT_HEADER_IPV4, ok.nextHeader());
        assertArrayEquals(PING, ok.packet());
    }

    @Test
    void tunnelModeRejectsOtherNextHeaders() {
        EspTestSupport.Pair p = EspTestSupport.Pair.of(Transform.parse("esp-gcm"), 2, 64);
        byte[] esp = p.out().encrypt(PING, 17);
        assertEquals(DecryptResult.Dropped.of(EspDrop.BAD_NEXT_HEADER),
                EspEncapsulation.tunnelDecap(p.in(), esp, 0, esp.length));
        assertEquals(1, p.in().counters().drops(EspDrop.BAD_NEXT_HEADER));
    }

    @Test
    void transportModeKeepsTheHeader() {
        EspTestSupport.Pair p = EspTestSupport.Pair.of(Transform.parse("esp-3des esp-sha256-hmac"), 3, 64);
        byte[] outer = EspEncapsulation.transportEncap(p.out(), PING);
        assertEquals(50, outer[9]);
        assertEquals(outer.length, ((outer[2] & 0xFF) << 8) | (outer[3] & 0xFF));
        assertEquals(0, checksum(outer, 20));
        assertArrayEquals(Arrays.copyOfRange(PING, 12, 20), Arrays.copyOfRange(outer, 12, 20), "addresses");
        assertEquals(PING[8], outer[8], "TTL");
        DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class,
                EspEncapsulation.transportDecap(p.in(), outer));
        assertEquals(1, ok.nextHeader());
        assertArrayEquals(PING, ok.packet());
    }

    @Test
    void transportModeWithOptions() {
        byte[] withOpts = new byte[PING.length + 4];
        System.arraycopy(PING, 0, withOpts, 0, 20);
        withOpts[0] = 0x46;
        withOpts[20] = 1; // NOP options
        withOpts[21] = 1;
        withOpts[22] = 1;
        withOpts[23] = 0; // EOL
        System.arraycopy(PING, 20, withOpts, 24, PING.length - 20);
        withOpts[3] = (byte) withOpts.length;
        withOpts[10] = 0;
        withOpts[11] = 0;
        int c = checksum(withOpts, 24);
        withOpts[10] = (byte) (c >>> 8);
        withOpts[11] = (byte) c;
        EspTestSupport.Pair p = EspTestSupport.Pair.of(Transform.parse("esp-null esp-md5-hmac"), 4, 64);
        byte[] outer = EspEncapsulation.transportEncap(p.out(), withOpts);
        assertEquals(0, checksum(outer, 24));
        DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class,
                EspEncapsulation.transportDecap(p.in(), outer));
        assertArrayEquals(withOpts, ok.packet());
    }

    @Test
    void malformedIpIsCounted() {
        EspTestSupport.Pair p = EspTestSupport.Pair.of(Transform.parse("esp-gcm"), 5, 64);
        assertNull(EspEncapsulation.transportEncap(p.out(), new byte[10]));
        assertEquals(1, p.out().counters().drops(EspDrop.MALFORMED_IP));
        byte[] notEsp = PING.clone();
        assertEquals(DecryptResult.Dropped.of(EspDrop.MALFORMED_IP), EspEncapsulation.transportDecap(p.in(), notEsp));
        byte[] lying = PING.clone();
        lying[9] = 50;
        lying[2] = (byte) 0xFF; // total length beyond the buffer
        assertEquals(DecryptResult.Dropped.of(EspDrop.MALFORMED_IP), EspEncapsulation.transportDecap(p.in(), lying));
    }
}
