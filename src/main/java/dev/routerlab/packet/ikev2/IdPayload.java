package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Identification payloads IDi and IDr (RFC 7296 §3.5): ID Type (1), RESERVED (3), data.
 * The whole body is what AUTH's MACedIDFor is computed over (§2.15).
 */
public record IdPayload(int idType, byte[] data) {
    public static final int ID_IPV4_ADDR = 1, ID_FQDN = 2, ID_RFC822_ADDR = 3, ID_IPV6_ADDR = 5, ID_DER_ASN1_DN = 9,
            ID_KEY_ID = 11;

    public IdPayload {
        data = data.clone();
    }

    @Override
    public byte[] data() { return data.clone(); }

    public static IdPayload address(int a) {
        return new IdPayload(ID_IPV4_ADDR, new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    }

    /** ID_IPV4_ADDR or ID_IPV6_ADDR (RFC 7296 §3.5). */
    public static IdPayload address(IpAddress a) {
        return a.isV6() ? new IdPayload(ID_IPV6_ADDR, a.v6().bytes()) : address(a.v4());
    }

    public static IdPayload fqdn(String name) {
        return new IdPayload(ID_FQDN, name.getBytes(StandardCharsets.US_ASCII));
    }

    public static IdPayload decode(byte[] b) {
        if (b == null || b.length < 5) return null;
        int t = b[0] & 0xff;
        if (t == ID_IPV4_ADDR && b.length != 8 || t == ID_IPV6_ADDR && b.length != 20) return null;
        return new IdPayload(t, Arrays.copyOfRange(b, 4, b.length));
    }

    public byte[] body() {
        byte[] b = new byte[4 + data.length];
        b[0] = (byte) idType;
        System.arraycopy(data, 0, b, 4, data.length);
        return b;
    }

    /** The IPv4 address of an ID_IPV4_ADDR (callers check the type). */
    public int ipv4() {
        return (data[0] & 0xff) << 24 | (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | (data[3] & 0xff);
    }

    /** The IPv6 address of an ID_IPV6_ADDR (callers check the type). */
    public Ipv6Address ipv6() { return Ipv6Address.read(data, 0); }

    /** The identity as IOS prints it; text from the peer is not yet made printable. */
    @Override
    public String toString() {
        return switch (idType) {
            case ID_IPV4_ADDR -> Ipv4Address.toString(ipv4());
            case ID_IPV6_ADDR -> ipv6().toString();
            case ID_FQDN, ID_RFC822_ADDR, ID_KEY_ID -> new String(data, StandardCharsets.ISO_8859_1);
            default -> "type " + idType;
        };
    }

    @Override
    public boolean equals(Object o) { return o instanceof IdPayload i && i.idType == idType && Arrays.equals(i.data, data); }

    @Override
    public int hashCode() { return idType * 31 + Arrays.hashCode(data); }
}
