package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/**
 * NAT original address payload (RFC 3947 §5.1): ID Type (1, ID_IPV4_ADDR or ID_IPV6_ADDR),
 * RESERVED (3), the address. Sent in Quick Mode for UDP-encapsulated transport mode.
 */
public record NatOaPayload(int idType, byte[] address) implements Payload {
    public NatOaPayload {
        address = address.clone();
    }

    public static NatOaPayload ipv4(int address) {
        byte[] a = new byte[4];
        Bytes.put32(a, 0, address);
        return new NatOaPayload(IdPayload.ID_IPV4_ADDR, a);
    }

    @Override
    public int type() { return PayloadType.NAT_OA; }

    @Override
    public byte[] address() { return address.clone(); }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 4) return PacketError.TRUNCATED;
        return switch (Bytes.u8(b, off)) {
            case IdPayload.ID_IPV4_ADDR -> len == 8 ? PacketError.OK : PacketError.BAD_LENGTH;
            case IdPayload.ID_IPV6_ADDR -> len == 20 ? PacketError.OK : PacketError.BAD_LENGTH;
            default -> PacketError.BAD_FIELD;
        };
    }

    public static NatOaPayload decode(byte[] b, int off, int len) {
        return new NatOaPayload(Bytes.u8(b, off), Arrays.copyOfRange(b, off + 4, off + len));
    }

    @Override
    public byte[] body() {
        byte[] out = new byte[4 + address.length];
        out[0] = (byte) idType;
        System.arraycopy(address, 0, out, 4, address.length);
        return out;
    }

    @Override
    public boolean equals(Object o) { return o instanceof NatOaPayload p && p.idType == idType && Arrays.equals(p.address, address); }

    @Override
    public int hashCode() { return Arrays.hashCode(address); }

    @Override
    public String toString() {
        return "NAT-OA[" + (address.length == 4 ? Ipv4Address.toString(Bytes.i32(address, 0)) : "ipv6") + "]";
    }
}
