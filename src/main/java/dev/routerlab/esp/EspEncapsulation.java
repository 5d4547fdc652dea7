package dev.routerlab.esp;

/**
 * Tunnel and transport mode (RFC 4303 §3.1) over {@link EspSa}. The caller owns routing and the
 * outer header in tunnel mode; these helpers only choose the next header and, in transport mode,
 * move the original IPv4 header in front of ESP.
 */
public final class EspEncapsulation {
    /** IP protocol number of ESP. */
    public static final int PROTOCOL_ESP = 50;
    /** Next header for an IPv4 inner packet (tunnel mode). */
    public static final int NEXT_HEADER_IPV4 = 4;
    /** Next header for an IPv6 inner packet (tunnel mode). */
    public static final int NEXT_HEADER_IPV6 = 41;
    /** Dummy packet (RFC 4303 §2.6): decrypts fine, carries nothing. */
    public static final int NEXT_HEADER_NONE = 59;

    private EspEncapsulation() {}

    /**
     * Tunnel mode: encrypts a whole inner IP packet, next header 4 (or 41 for IPv6). The caller
     * puts the result behind an outer IPv4 header with protocol 50.
     *
     * @return the ESP bytes, or null if the SA dropped the packet (counted)
     */
    public static byte[] tunnelEncap(EspSa sa, byte[] innerIp) {
        int version = innerIp.length > 0 ? (innerIp[0] & 0xF0) >>> 4 : 0;
        return sa.encrypt(innerIp, version == 6 ? NEXT_HEADER_IPV6 : NEXT_HEADER_IPV4);
    }

    /**
     * Tunnel mode inbound: decrypts the ESP bytes (the outer header already stripped) and
     * accepts only an IP packet inside. A dummy packet (59) is returned as Ok for the caller to
     * discard.
     */
    public static DecryptResult tunnelDecap(EspSa sa, byte[] esp, int off, int len) {
        DecryptResult r = sa.decrypt(esp, off, len);
        if (r instanceof DecryptResult.Ok ok) {
            int nh = ok.nextHeader();
            if (nh != NEXT_HEADER_IPV4 && nh != NEXT_HEADER_IPV6 && nh != NEXT_HEADER_NONE) {
                sa.counters().dropIn(EspDrop.BAD_NEXT_HEADER);
                return DecryptResult.Dropped.of(EspDrop.BAD_NEXT_HEADER);
            }
        }
        return r;
    }

    /**
     * Transport mode outbound: {@code ipv4} is a whole IPv4 packet; its payload is encrypted with
     * the original protocol as next header, and the header is kept (options included) with
     * protocol 50, a new total length and checksum.
     *
     * @return the new IPv4 packet, or null when the input is malformed or the SA dropped it
     */
    public static byte[] transportEncap(EspSa sa, byte[] ipv4) {
        int hl = headerLength(ipv4, ipv4.length);
        if (hl < 0) {
            sa.counters().dropOut(EspDrop.MALFORMED_IP);
            return null;
        }
        int total = ((ipv4[2] & 0xFF) << 8) | (ipv4[3] & 0xFF);
        byte[] esp = sa.encrypt(ipv4, hl, total - hl, ipv4[9] & 0xFF);
        if (esp == null) {
            return null;
        }
        if (hl + esp.length > 0xFFFF) {
            sa.counters().dropOut(EspDrop.MALFORMED_IP);
            return null;
        }
        byte[] out = new byte[hl + esp.length];
        System.arraycopy(ipv4, 0, out, 0, hl);
        System.arraycopy(esp, 0, out, hl, esp.length);
        out[9] = (byte) PROTOCOL_ESP;
        finishHeader(out, hl);
        return out;
    }

    /**
     * Transport mode inbound: {@code ipv4} is a whole IPv4 packet with protocol 50. Returns the
     * original packet (header restored with the next header as protocol) as the Ok buffer.
     */
    public static DecryptResult transportDecap(EspSa sa, byte[] ipv4) {
        int hl = headerLength(ipv4, ipv4.length);
        if (hl < 0 || (ipv4[9] & 0xFF) != PROTOCOL_ESP) {
            sa.counters().dropIn(EspDrop.MALFORMED_IP);
            return DecryptResult.Dropped.of(EspDrop.MALFORMED_IP);
        }
        int total = ((ipv4[2] & 0xFF) << 8) | (ipv4[3] & 0xFF);
        DecryptResult r = sa.decrypt(ipv4, hl, total - hl);
        if (!(r instanceof DecryptResult.Ok ok)) {
            return r;
        }
        byte[] out = new byte[hl + ok.length()];
        System.arraycopy(ipv4, 0, out, 0, hl);
        System.arraycopy(ok.buffer(), 0, out, hl, ok.length());
        out[9] = (byte) ok.nextHeader();
        finishHeader(out, hl);
        return new DecryptResult.Ok(ok.nextHeader(), out, out.length, ok.sequence());
    }

    /** IHL in octets if {@code p} starts with a sane IPv4 header whose total length fits, else -1. */
    private static int headerLength(byte[] p, int available) {
        if (available < 20 || (p[0] & 0xF0) != 0x40) {
            return -1;
        }
        int hl = (p[0] & 0x0F) * 4;
        int total = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
        if (hl < 20 || total < hl || total > available) {
            return -1;
        }
        return hl;
    }

    private static void finishHeader(byte[] p, int hl) {
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[10] = 0;
        p[11] = 0;
        int sum = 0;
        for (int i = 0; i < hl; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int c = ~sum & 0xFFFF;
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
    }
}
