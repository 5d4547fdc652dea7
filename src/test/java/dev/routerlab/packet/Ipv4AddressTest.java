package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;

import static org.junit.jupiter.api.Assertions.*;

class Ipv4AddressTest {
    @Test
    void parseAndFormat() {
        assertEquals(0xc0a80101, Ipv4Address.parse("192.168.1.1"));
        assertEquals(0, Ipv4Address.parse("0.0.0.0"));
        assertEquals(-1, Ipv4Address.parse("255.255.255.255"));
        assertEquals(0x0a000001, Ipv4Address.parse("010.0.0.1"));
        assertEquals("192.168.1.1", Ipv4Address.toString(0xc0a80101));
        assertEquals("255.255.255.255", Ipv4Address.toString(-1));
        assertEquals("0.0.0.0", Ipv4Address.toString(0));
        assertEquals("10.20.30.40", Ipv4Address.toString(Ipv4Address.parse("10.20.30.40")));
    }

    @Test
    void rejectsBadText() {
        for (String s : new String[] {null, "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.", ".1.2.3", "1..2.3",
                "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "1.2.3.-4", "1.2.3.0004", "1.2.3.+4", "1,2,3,4", "１.2.3.4"}) {
            assertFalse(Ipv4Address.isValid(s), String.valueOf(s));
            assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(s), String.valueOf(s));
        }
    }

    @Test
    void masks() {
        assertEquals(0, Ipv4Address.mask(0));
        assertEquals(0xffffff00, Ipv4Address.mask(24));
        assertEquals(-1, Ipv4Address.mask(32));
        assertEquals(0x80000000, Ipv4Address.mask(1));
        for (int p = 0; p <= 32; p++) {
            assertEquals(p, Ipv4Address.prefixLength(Ipv4Address.mask(p)));
            assertTrue(Ipv4Address.isValidMask(Ipv4Address.mask(p)));
        }
        assertFalse(Ipv4Address.isValidMask(Ipv4Address.parse("255.0.255.0")));
        assertFalse(Ipv4Address.isValidMask(Ipv4Address.parse("0.255.255.255")));
        assertFalse(Ipv4Address.isValidMask(1));
        assertEquals(-1, Ipv4Address.prefixLength(0x0000000f));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.mask(33));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.mask(-1));
        assertEquals(Ipv4Address.parse("0.0.0.255"), Ipv4Address.wildcard(Ipv4Address.mask(24)));
    }

    @Test
    void subnets() {
        int a = Ipv4Address.parse("10.1.2.3"), m = Ipv4Address.mask(16);
        assertEquals(Ipv4Address.parse("10.1.0.0"), Ipv4Address.network(a, m));
        assertEquals(Ipv4Address.parse("10.1.255.255"), Ipv4Address.broadcast(a, m));
        assertTrue(Ipv4Address.contains(Ipv4Address.parse("10.1.0.0"), m, a));
        assertFalse(Ipv4Address.contains(Ipv4Address.parse("10.2.0.0"), m, a));
        assertTrue(Ipv4Address.contains(0, 0, a));
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.parse("224.0.0.5")));
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.parse("239.255.255.255")));
        assertFalse(Ipv4Address.isMulticast(Ipv4Address.parse("240.0.0.1")));
        assertTrue(Ipv4Address.isLoopback(Ipv4Address.parse("127.0.0.1")));
    }

    @Test
    void bytesAndInet() throws Exception {
        byte[] b = new byte[6];
        Ipv4Address.write(0xc0000201, b, 1);
        assertEquals(0xc0000201, Ipv4Address.read(b, 1));
        assertEquals("192.0.2.1", Ipv4Address.toInetAddress(0xc0000201).getHostAddress());
        assertEquals(0xc0000201, Ipv4Address.fromInetAddress((Inet4Address) Inet4Address.getByName("192.0.2.1")));
    }
}
