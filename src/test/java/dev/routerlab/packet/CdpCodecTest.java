package dev.routerlab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CDPv2 codec: what it builds parses back, the checksum (odd lengths too), hostile frames. */
class CdpCodecTest {
    static final MacAddress MAC = MacAddress.of(0x5254_0012_3400L);

    static Cdp.Advert advert(String device) {
        return new Cdp.Advert(2, 180, device, List.of(0x0a000c01), "GigabitEthernet0/0", Cdp.CAP_ROUTER | Cdp.CAP_SR_BRIDGE,
            "Cisco IOS Software\nline 2", "Cisco IOSv", -1, true, List.of(0x0a000c01));
    }

    @Test
    void roundTripsEvenAndOddLengths() {
        for (String d : List.of("R1", "R12", "router-with-a-longer-name.lab.local")) {
            byte[] f = Cdp.build(MAC, advert(d));
            assertEquals(PacketError.OK, Cdp.check(f, 0, f.length), d);
            assertEquals(advert(d), Cdp.parse(f, 0, f.length));
            assertEquals(0x0100_0ccc_ccccL, Ethernet.destinationLong(f, 0));
            assertEquals(0, Cdp.checksum(f, Cdp.FRAME_HEADER_LEN, Bytes.u16(f, 12) - 8));
        }
    }

    @Test
    void badChecksumAndLengthsAreRefused() {
        byte[] f = Cdp.build(MAC, advert("R1"));
        f[30] ^= 1;
        assertEquals(PacketError.BAD_CHECKSUM, Cdp.check(f, 0, f.length));
        byte[] g = Cdp.build(MAC, advert("R1"));
        assertEquals(PacketError.BAD_LENGTH, Cdp.check(g, 0, 40));
        assertEquals(PacketError.TRUNCATED, Cdp.check(g, 0, 10));
    }

    /** Random mutations and truncations: check never throws, and parse never throws on what check accepts. */
    @Test
    void fuzz() {
        SplittableRandom r = new SplittableRandom(7);
        byte[] base = Cdp.build(MAC, advert("R2.lab.local"));
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] f = base.clone();
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) f[Cdp.FRAME_HEADER_LEN + r.nextInt(f.length - Cdp.FRAME_HEADER_LEN)] = (byte) r.nextInt(256);
            if (r.nextInt(4) == 0) Bytes.put16(f, 12, r.nextInt(0x700));
            int len = r.nextInt(5) == 0 ? r.nextInt(f.length + 1) : f.length;
            // fix the checksum half of the time so the TLV walk is exercised
            if (r.nextBoolean() && len >= Cdp.FRAME_HEADER_LEN + 4) {
                int plen = Math.min(Bytes.u16(f, 12) - 8, len - Cdp.FRAME_HEADER_LEN);
                if (plen >= 4) {
                    Bytes.put16(f, Cdp.FRAME_HEADER_LEN + 2, 0);
                    Bytes.put16(f, Cdp.FRAME_HEADER_LEN + 2, Cdp.checksum(f, Cdp.FRAME_HEADER_LEN, plen));
                }
            }
            if (Cdp.check(f, 0, len).ok()) {
                assertNotNull(Cdp.parse(f, 0, len));
                accepted++;
            }
        }
        System.out.println("CdpCodecTest.fuzz: 200000 frames, " + accepted + " well formed");
    }
}
