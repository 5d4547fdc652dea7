package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;

/**
 * What arrives on UDP port 4500 (RFC 3948 §2): IKE behind the 4-octet zero non-ESP marker
 * (§2.2), ESP whose first word is a non-zero SPI (§2.1), or a one-octet 0xFF NAT-keepalive
 * (§2.3).
 */
public final class UdpEncapsulation {
    private UdpEncapsulation() {}

    public static final int PORT = 4500;
    public static final int IKE_PORT = 500;
    /**
     * No NAT-T port: a peer known by its address alone (its ESP not in UDP, or its port not known),
     * which matches any of its ports; behind one PAT the port tells hosts apart (RFC 3947 §5).
     */
    public static final int ANY_PORT = -1;
    public static final int NON_ESP_MARKER_LENGTH = 4;
    public static final byte KEEPALIVE = (byte) 0xff;

    public enum Kind { IKE, ESP, KEEPALIVE, INVALID }

    /** Classifies a UDP 4500 payload. Never throws. */
    public static Kind classify(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return Kind.INVALID;
        if (len == 1 && b[off] == KEEPALIVE) return Kind.KEEPALIVE;
        if (len < NON_ESP_MARKER_LENGTH) return Kind.INVALID;
        if (Bytes.i32(b, off) == 0) return len > NON_ESP_MARKER_LENGTH ? Kind.IKE : Kind.INVALID;
        return len >= 8 ? Kind.ESP : Kind.INVALID;
    }

    /** The IKE message with the non-ESP marker in front, for port 4500. */
    public static byte[] withMarker(byte[] ike) {
        byte[] out = new byte[NON_ESP_MARKER_LENGTH + ike.length];
        System.arraycopy(ike, 0, out, NON_ESP_MARKER_LENGTH, ike.length);
        return out;
    }

    /** The NAT-keepalive datagram payload. */
    public static byte[] keepalive() {
        return new byte[] {KEEPALIVE};
    }
}
