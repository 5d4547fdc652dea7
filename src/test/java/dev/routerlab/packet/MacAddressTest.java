package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MacAddressTest {
    @Test
    void iosDottedForm() {
        MacAddress m = MacAddress.of(0xaabbcc000100L);
        assertEquals("aabb.cc00.0100", m.toString());
        assertEquals(m, MacAddress.parse("aabb.cc00.0100"));
        assertEquals(m, MacAddress.parse("AA:BB:CC:00:01:00"));
        assertEquals(m, MacAddress.parse("aa-bb-cc-00-01-00"));
        assertEquals("0000.0000.0001", MacAddress.of(1).toString());
        assertEquals("ffff.ffff.ffff", MacAddress.BROADCAST.toString());
    }

    @Test
    void bytes() {
        byte[] b = new byte[8];
        MacAddress.parse("0102.0304.0506").write(b, 1);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 0}, b);
        assertEquals(MacAddress.parse("0102.0304.0506"), MacAddress.read(b, 1));
        assertEquals(0x010203040506L, MacAddress.readLong(b, 1));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, MacAddress.of(0x010203040506L).toBytes());
        byte[] ff = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertTrue(MacAddress.read(ff, 0).isBroadcast());
    }

    @Test
    void groupBit() {
        assertTrue(MacAddress.parse("0100.5e00.0005").isMulticast());
        assertFalse(MacAddress.parse("aabb.cc00.0100").isMulticast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
    }

    @Test
    void rejectsBadText() {
        for (String s : new String[] {null, "", "aabb.cc00.010", "aabb.cc00.01000", "aabb-cc00-0100", "gabb.cc00.0100",
                "aa:bb:cc:00:01", "aa:bb-cc:00:01:00", "aa:bb:cc:00:01:0g", "aabbcc000100", "+abb.cc00.0100"}) {
            assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(s), String.valueOf(s));
        }
    }

    @Test
    void equality() {
        assertEquals(MacAddress.of(5).hashCode(), MacAddress.of(5).hashCode());
        assertNotEquals(MacAddress.of(5), MacAddress.of(6));
        assertTrue(MacAddress.of(5).compareTo(MacAddress.of(6)) < 0);
        assertEquals(MacAddress.of(0), MacAddress.of(1L << 48)); // only 48 bits
    }
}
