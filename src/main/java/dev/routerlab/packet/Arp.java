package dev.routerlab.packet;

/** ARP (RFC 826) for IPv4 over Ethernet: the 28-byte packet after the Ethernet header. */
public final class Arp {
    private Arp() {}

    public static final int LEN = 28;
    public static final int HTYPE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    /**
     * OK for an Ethernet/IPv4 request or reply. UNSUPPORTED for other hardware/protocol types or
     * address lengths (RFC 826 "Packet Reception": not ours, drop); BAD_FIELD for other opcodes.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < LEN) return PacketError.TRUNCATED;
        if (Bytes.u16(b, off) != HTYPE_ETHERNET || Bytes.u16(b, off + 2) != Ethernet.TYPE_IPV4
                || Bytes.u8(b, off + 4) != MacAddress.LENGTH || Bytes.u8(b, off + 5) != 4) {
            return PacketError.UNSUPPORTED;
        }
        int op = operation(b, off);
        return op == OP_REQUEST || op == OP_REPLY ? PacketError.OK : PacketError.BAD_FIELD;
    }

    public static int operation(byte[] b, int off) { return Bytes.u16(b, off + 6); }

    public static MacAddress senderHardwareAddress(byte[] b, int off) { return MacAddress.read(b, off + 8); }

    public static int senderProtocolAddress(byte[] b, int off) { return Bytes.i32(b, off + 14); }

    public static MacAddress targetHardwareAddress(byte[] b, int off) { return MacAddress.read(b, off + 18); }

    public static int targetProtocolAddress(byte[] b, int off) { return Bytes.i32(b, off + 24); }

    /** Gratuitous ARP (RFC 5227 section 3): sender and target protocol addresses are equal. */
    public static boolean isGratuitous(byte[] b, int off) {
        return senderProtocolAddress(b, off) == targetProtocolAddress(b, off);
    }

    /** Writes the 28-byte ARP packet at off; returns LEN. */
    public static int write(byte[] b, int off, int op, MacAddress sha, int spa, MacAddress tha, int tpa) {
        Bytes.put16(b, off, HTYPE_ETHERNET);
        Bytes.put16(b, off + 2, Ethernet.TYPE_IPV4);
        b[off + 4] = MacAddress.LENGTH;
        b[off + 5] = 4;
        Bytes.put16(b, off + 6, op);
        sha.write(b, off + 8);
        Bytes.put32(b, off + 14, spa);
        tha.write(b, off + 18);
        Bytes.put32(b, off + 24, tpa);
        return LEN;
    }

    /** A broadcast Ethernet frame asking who has targetIp (target hardware address zero). */
    public static byte[] buildRequest(MacAddress senderMac, int senderIp, int targetIp) {
        return frame(MacAddress.BROADCAST, OP_REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** A unicast Ethernet frame answering requesterMac/requesterIp that senderIp is at senderMac. */
    public static byte[] buildReply(MacAddress senderMac, int senderIp, MacAddress requesterMac, int requesterIp) {
        return frame(requesterMac, OP_REPLY, senderMac, senderIp, requesterMac, requesterIp);
    }

    private static byte[] frame(MacAddress dst, int op, MacAddress sha, int spa, MacAddress tha, int tpa) {
        byte[] f = new byte[Ethernet.MIN_FRAME_LEN];
        Ethernet.writeHeader(f, 0, dst, sha, Ethernet.TYPE_ARP);
        write(f, Ethernet.HEADER_LEN, op, sha, spa, tha, tpa);
        return f;
    }
}
