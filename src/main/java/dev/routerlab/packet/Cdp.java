package dev.routerlab.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cisco Discovery Protocol version 2 in IEEE 802.3 / 802.2 LLC / SNAP framing (destination
 * 01:00:0c:cc:cc:cc, SNAP OUI 00:00:0c, protocol 0x2000), as IOS sends it: a 4-byte header
 * (version, TTL, checksum) and type-length-value fields whose length counts their 4-byte header.
 */
public final class Cdp {
    private Cdp() {}

    /** The CDP/VTP/DTP multicast address. */
    public static final long MULTICAST = 0x0100_0ccc_ccccL;
    public static final int SNAP_PID = 0x2000;
    /** 802.3 header (14) + LLC (3) + SNAP (5). */
    public static final int FRAME_HEADER_LEN = 22;
    public static final int HEADER_LEN = 4;

    public static final int TLV_DEVICE_ID = 0x0001, TLV_ADDRESSES = 0x0002, TLV_PORT_ID = 0x0003,
        TLV_CAPABILITIES = 0x0004, TLV_VERSION = 0x0005, TLV_PLATFORM = 0x0006, TLV_NATIVE_VLAN = 0x000a,
        TLV_DUPLEX = 0x000b, TLV_MANAGEMENT = 0x0016;

    /** Capability bits (Router, Trans-Bridge, Source-Route-Bridge, Switch, Host, IGMP, Repeater). */
    public static final int CAP_ROUTER = 0x01, CAP_TRANS_BRIDGE = 0x02, CAP_SR_BRIDGE = 0x04, CAP_SWITCH = 0x08,
        CAP_HOST = 0x10, CAP_IGMP = 0x20, CAP_REPEATER = 0x40;

    /**
     * One advertisement. Strings are as received (callers make them printable); absent TLVs are
     * null (strings), empty (address lists), -1 (capabilities, native VLAN) or null (duplex).
     */
    public record Advert(int version, int ttl, String deviceId, List<Integer> addresses, String portId,
                         int capabilities, String softwareVersion, String platform, int nativeVlan,
                         Boolean fullDuplex, List<Integer> managementAddresses) {}

    /** OK for a well-formed CDP frame (LLC/SNAP, header, TLVs within the 802.3 length, checksum). */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < FRAME_HEADER_LEN + HEADER_LEN) return PacketError.TRUNCATED;
        int l8023 = Bytes.u16(b, off + 12);
        if (l8023 >= 0x0600) return PacketError.UNSUPPORTED;
        if (l8023 < 8 + HEADER_LEN || Ethernet.HEADER_LEN + l8023 > len) return PacketError.BAD_LENGTH;
        if (Bytes.u8(b, off + 14) != 0xaa || Bytes.u8(b, off + 15) != 0xaa || Bytes.u8(b, off + 16) != 0x03
            || Bytes.u8(b, off + 17) != 0 || Bytes.u16(b, off + 18) != 0x000c || Bytes.u16(b, off + 20) != SNAP_PID) {
            return PacketError.UNSUPPORTED;
        }
        int p = off + FRAME_HEADER_LEN, plen = l8023 - 8;
        int v = Bytes.u8(b, p);
        if (v != 1 && v != 2) return PacketError.BAD_VERSION;
        if (checksum(b, p, plen) != 0) return PacketError.BAD_CHECKSUM;
        for (int t = p + HEADER_LEN, end = p + plen; t < end; ) {
            if (end - t < 4) return PacketError.TRUNCATED;
            int tl = Bytes.u16(b, t + 2);
            if (tl < 4 || tl > end - t) return PacketError.BAD_LENGTH;
            t += tl;
        }
        return PacketError.OK;
    }

    /** Parses a frame {@link #check} accepted; an address TLV that does not parse gives no addresses. */
    public static Advert parse(byte[] b, int off, int len) {
        int p = off + FRAME_HEADER_LEN, end = p + Bytes.u16(b, off + 12) - 8;
        String device = null, port = null, version = null, platform = null;
        List<Integer> addresses = List.of(), management = List.of();
        int caps = -1, vlan = -1;
        Boolean full = null;
        for (int t = p + HEADER_LEN; t < end; ) {
            int type = Bytes.u16(b, t), tl = Bytes.u16(b, t + 2), v = t + 4, vl = tl - 4;
            switch (type) {
                case TLV_DEVICE_ID -> device = string(b, v, vl);
                case TLV_PORT_ID -> port = string(b, v, vl);
                case TLV_VERSION -> version = string(b, v, vl);
                case TLV_PLATFORM -> platform = string(b, v, vl);
                case TLV_ADDRESSES -> addresses = addresses(b, v, vl);
                case TLV_MANAGEMENT -> management = addresses(b, v, vl);
                case TLV_CAPABILITIES -> { if (vl == 4) caps = Bytes.i32(b, v); }
                case TLV_NATIVE_VLAN -> { if (vl == 2) vlan = Bytes.u16(b, v); }
                case TLV_DUPLEX -> { if (vl == 1) full = Bytes.u8(b, v) != 0; }
                default -> { }
            }
            t += tl;
        }
        return new Advert(Bytes.u8(b, p), Bytes.u8(b, p + 1), device, addresses, port, caps, version, platform,
            vlan, full, management);
    }

    private static String string(byte[] b, int off, int len) { return new String(b, off, len, StandardCharsets.ISO_8859_1); }

    /** The IPv4 addresses of an address TLV (NLPID 0xcc entries); others are skipped. */
    private static List<Integer> addresses(byte[] b, int off, int len) {
        if (len < 4) return List.of();
        long n = Bytes.u32L(b, off);
        List<Integer> out = new ArrayList<>();
        int q = off + 4, end = off + len;
        for (long i = 0; i < n; i++) {
            if (end - q < 2) return List.of();
            int pl = Bytes.u8(b, q + 1);
            if (end - q < 2 + pl + 2) return List.of();
            int al = Bytes.u16(b, q + 2 + pl);
            if (end - q < 4 + pl + al) return List.of();
            if (Bytes.u8(b, q) == 1 && pl == 1 && Bytes.u8(b, q + 2) == 0xcc && al == 4) out.add(Bytes.i32(b, q + 4 + pl));
            q += 4 + pl + al;
        }
        return out;
    }

    /** A complete frame (802.3 header, LLC/SNAP, CDP), zero-padded to the Ethernet minimum. */
    public static byte[] build(MacAddress source, Advert a) {
        byte[] body = new byte[1500];
        int p = HEADER_LEN;
        Bytes.put8(body, 0, a.version());
        Bytes.put8(body, 1, a.ttl());
        if (a.deviceId() != null) p = putString(body, p, TLV_DEVICE_ID, a.deviceId());
        if (!a.addresses().isEmpty()) p = putAddresses(body, p, TLV_ADDRESSES, a.addresses());
        if (a.portId() != null) p = putString(body, p, TLV_PORT_ID, a.portId());
        if (a.capabilities() >= 0) {
            p = tlvHeader(body, p, TLV_CAPABILITIES, 4);
            Bytes.put32(body, p, a.capabilities());
            p += 4;
        }
        if (a.softwareVersion() != null) p = putString(body, p, TLV_VERSION, a.softwareVersion());
        if (a.platform() != null) p = putString(body, p, TLV_PLATFORM, a.platform());
        if (a.nativeVlan() >= 0) {
            p = tlvHeader(body, p, TLV_NATIVE_VLAN, 2);
            Bytes.put16(body, p, a.nativeVlan());
            p += 2;
        }
        if (a.fullDuplex() != null) {
            p = tlvHeader(body, p, TLV_DUPLEX, 1);
            Bytes.put8(body, p++, a.fullDuplex() ? 1 : 0);
        }
        if (!a.managementAddresses().isEmpty()) p = putAddresses(body, p, TLV_MANAGEMENT, a.managementAddresses());
        Bytes.put16(body, 2, checksum(body, 0, p));
        byte[] f = new byte[Math.max(Ethernet.MIN_FRAME_LEN, FRAME_HEADER_LEN + p)];
        MacAddress.writeLong(MULTICAST, f, 0);
        source.write(f, 6);
        Bytes.put16(f, 12, 8 + p);
        f[14] = (byte) 0xaa;
        f[15] = (byte) 0xaa;
        f[16] = 0x03;
        Bytes.put16(f, 18, 0x000c);
        Bytes.put16(f, 20, SNAP_PID);
        System.arraycopy(body, 0, f, FRAME_HEADER_LEN, p);
        return f;
    }

    private static int tlvHeader(byte[] b, int p, int type, int valueLen) {
        Bytes.put16(b, p, type);
        Bytes.put16(b, p + 2, 4 + valueLen);
        return p + 4;
    }

    private static int putString(byte[] b, int p, int type, String s) {
        byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
        int len = Math.min(v.length, 255);
        p = tlvHeader(b, p, type, len);
        System.arraycopy(v, 0, b, p, len);
        return p + len;
    }

    private static int putAddresses(byte[] b, int p, int type, List<Integer> addresses) {
        p = tlvHeader(b, p, type, 4 + 9 * addresses.size());
        Bytes.put32(b, p, addresses.size());
        p += 4;
        for (int a : addresses) {
            b[p] = 1;                 // protocol type: NLPID
            b[p + 1] = 1;             // protocol length
            b[p + 2] = (byte) 0xcc;   // IP
            Bytes.put16(b, p + 3, 4);
            Bytes.put32(b, p + 5, a);
            p += 9;
        }
        return p;
    }

    /**
     * The Internet checksum as CDP computes it: an odd trailing byte is taken as the low byte of a
     * word whose high byte is its sign extension (the quirk Wireshark's dissector reproduces).
     */
    static int checksum(byte[] b, int off, int len) {
        long acc = Checksum.sum(b, off, len & ~1, 0);
        if ((len & 1) != 0) {
            int last = b[off + len - 1];
            acc += ((last < 0 ? 0xff00 : 0) | (last & 0xff));
        }
        return Checksum.finish(acc);
    }
}
