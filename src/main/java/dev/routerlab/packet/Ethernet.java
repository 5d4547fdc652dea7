package dev.routerlab.packet;

/** Ethernet II framing (IEEE 802.3 clause 3 with an EtherType; no FCS, as captured by pcap/TUN/TAP). */
public final class Ethernet {
    private Ethernet() {}

    public static final int HEADER_LEN = 14;
    /** Smallest frame without FCS; shorter frames are padded on the wire. */
    public static final int MIN_FRAME_LEN = 60;
    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_IPV6 = 0x86dd;

    /** OK for an Ethernet II header; UNSUPPORTED for an 802.3 length field (type below 0x0600). */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        return etherType(b, off) < 0x0600 ? PacketError.UNSUPPORTED : PacketError.OK;
    }

    public static MacAddress destination(byte[] b, int off) { return MacAddress.read(b, off); }

    public static MacAddress source(byte[] b, int off) { return MacAddress.read(b, off + 6); }

    public static long destinationLong(byte[] b, int off) { return MacAddress.readLong(b, off); }

    public static long sourceLong(byte[] b, int off) { return MacAddress.readLong(b, off + 6); }

    public static int etherType(byte[] b, int off) { return Bytes.u16(b, off + 12); }

    /** Writes the 14-byte header at off; returns HEADER_LEN. */
    public static int writeHeader(byte[] b, int off, MacAddress dst, MacAddress src, int etherType) {
        dst.write(b, off);
        src.write(b, off + 6);
        Bytes.put16(b, off + 12, etherType);
        return HEADER_LEN;
    }

    /** A new frame: header plus payload, zero-padded to {@link #MIN_FRAME_LEN}. */
    public static byte[] build(MacAddress dst, MacAddress src, int etherType, byte[] payload, int pOff, int pLen) {
        byte[] f = new byte[Math.max(MIN_FRAME_LEN, HEADER_LEN + pLen)];
        writeHeader(f, 0, dst, src, etherType);
        System.arraycopy(payload, pOff, f, HEADER_LEN, pLen);
        return f;
    }
}
