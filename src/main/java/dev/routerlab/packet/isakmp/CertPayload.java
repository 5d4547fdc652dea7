package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/**
 * Certificate payload (RFC 2408 §3.9): Cert Encoding (1), Certificate Data. Encoding 4 is an
 * X.509 certificate for signatures, its data the DER.
 */
public record CertPayload(int encoding, byte[] data) implements Payload {
    /** Cert Encoding 4: X.509 Certificate - Signature (§3.9). */
    public static final int X509_SIGNATURE = 4;

    public CertPayload {
        if (encoding < 0 || encoding > 255) throw new IllegalArgumentException("cert encoding " + encoding);
        data = data.clone();
    }

    @Override
    public int type() { return PayloadType.CERT; }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header): the encoding octet and at least one of data. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        return len < 2 ? PacketError.BAD_LENGTH : PacketError.OK;
    }

    public static CertPayload decode(byte[] b, int off, int len) {
        return new CertPayload(Bytes.u8(b, off), Arrays.copyOfRange(b, off + 1, off + len));
    }

    @Override
    public byte[] body() {
        byte[] out = new byte[1 + data.length];
        out[0] = (byte) encoding;
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }

    @Override
    public boolean equals(Object o) { return o instanceof CertPayload p && p.encoding == encoding && Arrays.equals(p.data, data); }

    @Override
    public int hashCode() { return encoding * 31 + Arrays.hashCode(data); }

    @Override
    public String toString() { return "CERT[encoding " + encoding + ", " + data.length + " octets]"; }
}
