package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/**
 * Certificate Request payload (RFC 2408 §3.10): Cert Type (1), Certificate Authority — the DER
 * Distinguished Name of an acceptable CA, or empty for any.
 */
public record CertRequestPayload(int certType, byte[] authority) implements Payload {
    public CertRequestPayload {
        if (certType < 0 || certType > 255) throw new IllegalArgumentException("cert type " + certType);
        authority = authority.clone();
    }

    @Override
    public int type() { return PayloadType.CR; }

    @Override
    public byte[] authority() { return authority.clone(); }

    /** Checks a body (after the generic header): at least the type octet. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        return len < 1 ? PacketError.BAD_LENGTH : PacketError.OK;
    }

    public static CertRequestPayload decode(byte[] b, int off, int len) {
        return new CertRequestPayload(Bytes.u8(b, off), Arrays.copyOfRange(b, off + 1, off + len));
    }

    @Override
    public byte[] body() {
        byte[] out = new byte[1 + authority.length];
        out[0] = (byte) certType;
        System.arraycopy(authority, 0, out, 1, authority.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertRequestPayload p && p.certType == certType && Arrays.equals(p.authority, authority);
    }

    @Override
    public int hashCode() { return certType * 31 + Arrays.hashCode(authority); }

    @Override
    public String toString() { return "CERT_REQ[type " + certType + ", " + authority.length + " octets]"; }
}
