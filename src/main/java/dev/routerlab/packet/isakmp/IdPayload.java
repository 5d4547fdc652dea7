package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Identification payload (RFC 2408 §3.8) in the IPsec DOI form (RFC 2407 §4.6.2): ID Type (1),
 * Protocol ID (1), Port (2), Identification Data. IPv4 forms are checked for their exact
 * lengths; others are carried opaquely.
 */
public record IdPayload(int idType, int protocol, int port, byte[] data) implements Payload {
    /** ID types (RFC 2407 §4.6.2.1). */
    public static final int ID_IPV4_ADDR = 1;
    public static final int ID_FQDN = 2;
    public static final int ID_USER_FQDN = 3;
    public static final int ID_IPV4_ADDR_SUBNET = 4;
    public static final int ID_IPV6_ADDR = 5;
    public static final int ID_IPV6_ADDR_SUBNET = 6;
    public static final int ID_IPV4_ADDR_RANGE = 7;
    public static final int ID_IPV6_ADDR_RANGE = 8;
    public static final int ID_DER_ASN1_DN = 9;
    public static final int ID_DER_ASN1_GN = 10;
    public static final int ID_KEY_ID = 11;

    public IdPayload {
        if (idType < 0 || idType > 255 || protocol < 0 || protocol > 255 || port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("bad ID fields");
        }
        data = data.clone();
    }

    /** ID_IPV4_ADDR. */
    public static IdPayload ipv4(int address, int protocol, int port) {
        byte[] d = new byte[4];
        Bytes.put32(d, 0, address);
        return new IdPayload(ID_IPV4_ADDR, protocol, port, d);
    }

    /** ID_IPV4_ADDR_SUBNET (address and mask). */
    public static IdPayload ipv4Subnet(int network, int mask, int protocol, int port) {
        byte[] d = new byte[8];
        Bytes.put32(d, 0, network);
        Bytes.put32(d, 4, mask);
        return new IdPayload(ID_IPV4_ADDR_SUBNET, protocol, port, d);
    }

    /** ID_IPV4_ADDR_RANGE (first and last address). */
    public static IdPayload ipv4Range(int first, int last, int protocol, int port) {
        byte[] d = new byte[8];
        Bytes.put32(d, 0, first);
        Bytes.put32(d, 4, last);
        return new IdPayload(ID_IPV4_ADDR_RANGE, protocol, port, d);
    }

    @Override
    public int type() { return PayloadType.ID; }

    @Override
    public byte[] data() { return data.clone(); }

    /** First IPv4 address of the data (ADDR, SUBNET, RANGE only). */
    public int address() { return Bytes.i32(data, 0); }

    /** Second IPv4 word (SUBNET mask or RANGE end). */
    public int second() { return Bytes.i32(data, 4); }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 4) return PacketError.TRUNCATED;
        int dl = len - 4;
        return switch (Bytes.u8(b, off)) {
            case ID_IPV4_ADDR -> dl == 4 ? PacketError.OK : PacketError.BAD_LENGTH;
            case ID_IPV4_ADDR_SUBNET, ID_IPV4_ADDR_RANGE -> dl == 8 ? PacketError.OK : PacketError.BAD_LENGTH;
            case ID_IPV6_ADDR -> dl == 16 ? PacketError.OK : PacketError.BAD_LENGTH;
            case ID_IPV6_ADDR_SUBNET, ID_IPV6_ADDR_RANGE -> dl == 32 ? PacketError.OK : PacketError.BAD_LENGTH;
            case 0 -> PacketError.BAD_FIELD;
            default -> PacketError.OK;
        };
    }

    public static IdPayload decode(byte[] b, int off, int len) {
        return new IdPayload(Bytes.u8(b, off), Bytes.u8(b, off + 1), Bytes.u16(b, off + 2),
                Arrays.copyOfRange(b, off + 4, off + len));
    }

    @Override
    public byte[] body() {
        byte[] out = new byte[4 + data.length];
        out[0] = (byte) idType;
        out[1] = (byte) protocol;
        Bytes.put16(out, 2, port);
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdPayload p && p.idType == idType && p.protocol == protocol && p.port == port
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() { return (idType * 31 + protocol) * 31 + port + Arrays.hashCode(data); }

    @Override
    public String toString() {
        String d = switch (idType) {
            case ID_IPV4_ADDR -> Ipv4Address.toString(address());
            case ID_IPV4_ADDR_SUBNET -> Ipv4Address.toString(address()) + "/" + Ipv4Address.toString(second());
            case ID_IPV4_ADDR_RANGE -> Ipv4Address.toString(address()) + "-" + Ipv4Address.toString(second());
            case ID_FQDN, ID_USER_FQDN, ID_KEY_ID -> new String(data, java.nio.charset.StandardCharsets.US_ASCII);
            default -> HexFormat.of().formatHex(data);
        };
        return "ID[type " + idType + " " + d + " prot " + protocol + " port " + port + "]";
    }
}
