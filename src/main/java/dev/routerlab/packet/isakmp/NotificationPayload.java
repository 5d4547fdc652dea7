package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.Arrays;

/**
 * Notification payload (RFC 2408 §3.14): DOI (4), Protocol-ID (1), SPI Size (1), Notify
 * Message Type (2), SPI, Notification Data. See {@link NotifyType}.
 */
public record NotificationPayload(int doi, int protocolId, int notifyType, byte[] spi, byte[] data) implements Payload {
    public NotificationPayload {
        if (spi.length > 255 || notifyType < 0 || notifyType > 0xffff) throw new IllegalArgumentException("bad notify");
        spi = spi.clone();
        data = data.clone();
    }

    /** An IPsec-DOI notification. */
    public static NotificationPayload of(int protocolId, int notifyType, byte[] spi, byte[] data) {
        return new NotificationPayload(IpsecDoi.DOI_IPSEC, protocolId, notifyType, spi, data);
    }

    @Override
    public int type() { return PayloadType.NOTIFICATION; }

    @Override
    public byte[] spi() { return spi.clone(); }

    @Override
    public byte[] data() { return data.clone(); }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 8) return PacketError.TRUNCATED;
        if (8 + Bytes.u8(b, off + 5) > len) return PacketError.TRUNCATED;
        return PacketError.OK;
    }

    public static NotificationPayload decode(byte[] b, int off, int len) {
        int spiSize = Bytes.u8(b, off + 5);
        return new NotificationPayload(Bytes.i32(b, off), Bytes.u8(b, off + 4), Bytes.u16(b, off + 6),
                Arrays.copyOfRange(b, off + 8, off + 8 + spiSize), Arrays.copyOfRange(b, off + 8 + spiSize, off + len));
    }

    @Override
    public byte[] body() {
        byte[] out = new byte[8 + spi.length + data.length];
        Bytes.put32(out, 0, doi);
        out[4] = (byte) protocolId;
        out[5] = (byte) spi.length;
        Bytes.put16(out, 6, notifyType);
        System.arraycopy(spi, 0, out, 8, spi.length);
        System.arraycopy(data, 0, out, 8 + spi.length, data.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationPayload p && p.doi == doi && p.protocolId == protocolId
                && p.notifyType == notifyType && Arrays.equals(p.spi, spi) && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() { return notifyType * 31 + Arrays.hashCode(spi); }

    @Override
    public String toString() {
        return "N[" + NotifyType.name(notifyType) + " proto " + protocolId + " spi " + spi.length + " data " + data.length + "]";
    }
}
