package dev.routerlab.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

class EthernetArpTest {
    static final MacAddress R1 = MacAddress.parse("aabb.cc00.0100");
    static final MacAddress R2 = MacAddress.parse("aabb.cc00.0200");
    static final int IP1 = Ipv4Address.parse("10.0.0.1"), IP2 = Ipv4Address.parse("10.0.0.2");

    @Test
    void requestBytesMatchRfc826Layout() {
        byte[] f = Arp.buildRequest(R1, IP1, IP2);
        assertEquals(60, f.length);
        String expected = "ffffffffffff" + "aabbcc000100" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001" + "aabbcc000100" + "0a000001" + "000000000000" + "0a000002";
        assertEquals(expected, HexFormat.of().formatHex(f, 0, 42));
        for (int i = 42; i < 60; i++) assertEquals(0, f[i]);
    }

    @Test
    void requestReplyRoundTrip() {
        byte[] f = Arp.buildRequest(R1, IP1, IP2);
        assertEquals(PacketError.OK, Ethernet.check(f, 0, f.length));
        assertEquals(MacAddress.BROADCAST, Ethernet.destination(f, 0));
        assertEquals(R1, Ethernet.source(f, 0));
        assertEquals(R1.toLong(), Ethernet.sourceLong(f, 0));
        assertEquals(Ethernet.TYPE_ARP, Ethernet.etherType(f, 0));
        int a = Ethernet.HEADER_LEN;
        assertEquals(PacketError.OK, Arp.check(f, a, f.length - a));
        assertEquals(Arp.OP_REQUEST, Arp.operation(f, a));
        assertEquals(IP2, Arp.targetProtocolAddress(f, a));
        assertFalse(Arp.isGratuitous(f, a));

        byte[] r = Arp.buildReply(R2, IP2, Arp.senderHardwareAddress(f, a), Arp.senderProtocolAddress(f, a));
        assertEquals(PacketError.OK, Arp.check(r, a, r.length - a));
        assertEquals(R1, Ethernet.destination(r, 0));
        assertEquals(R2, Ethernet.source(r, 0));
        assertEquals(Arp.OP_REPLY, Arp.operation(r, a));
        assertEquals(R2, Arp.senderHardwareAddress(r, a));
        assertEquals(IP2, Arp.senderProtocolAddress(r, a));
        assertEquals(R1, Arp.targetHardwareAddress(r, a));
        assertEquals(IP1, Arp.targetProtocolAddress(r, a));
        assertTrue(Arp.isGratuitous(Arp.buildRequest(R1, IP1, IP1), a));
    }

    @Test
    void ethernetBuildPadsAndRejects() {
        byte[] f = Ethernet.build(R2, R1, Ethernet.TYPE_IPV4, new byte[] {1, 2, 3}, 0, 3);
        assertEquals(60, f.length);
        assertEquals(3, f[16]);
        assertEquals(PacketError.TRUNCATED, Ethernet.check(f, 0, 13));
        assertEquals(PacketError.TRUNCATED, Ethernet.check(null, 0, 14));
        assertEquals(PacketError.TRUNCATED, Ethernet.check(f, 50, 14));
        assertEquals(PacketError.TRUNCATED, Ethernet.check(f, -1, 14));
        Bytes.put16(f, 12, 100); // an 802.3 length field
        assertEquals(PacketError.UNSUPPORTED, Ethernet.check(f, 0, f.length));
    }

    @Test
    void arpRejectsGarbage() {
        byte[] f = Arp.buildRequest(R1, IP1, IP2);
        int a = Ethernet.HEADER_LEN;
        assertEquals(PacketError.TRUNCATED, Arp.check(f, a, 27));
        byte[] g = f.clone();
        Bytes.put16(g, a + 6, 3);
        assertEquals(PacketError.BAD_FIELD, Arp.check(g, a, 28));
        g = f.clone();
        Bytes.put16(g, a, 6); // IEEE 802 hardware type
        assertEquals(PacketError.UNSUPPORTED, Arp.check(g, a, 28));
        g = f.clone();
        g[a + 5] = 16; // IPv6-sized protocol address
        assertEquals(PacketError.UNSUPPORTED, Arp.check(g, a, 28));
    }
}
