package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delete payload (RFC 2408 §3.15): DOI (4), Protocol-Id (1), SPI Size (1), # of SPIs (2), then
 * the SPIs, each SPI Size octets (16 = the cookie pair for ISAKMP, 4 for ESP/AH).
 */
public record DeletePayload(int doi, int protocolId, int spiSize, List<byte[]> spis) implements Payload {
    public DeletePayload {
        if (spiSize < 0 || spiSize > 255 || spis.size() > 0xffff) throw new IllegalArgumentException("bad delete");
        List<byte[]> copy = new ArrayList<>();
        for (byte[] s : spis) {
            if (s.length != spiSize) throw new IllegalArgumentException("SPI of " + s.length + " octets, size " + spiSize);
            copy.add(s.clone());
        }
        spis = List.copyOf(copy);
    }

    /** Deletes of 32-bit SPIs (ESP or AH). */
    public static DeletePayload ofSpis(int protocolId, int... spis) {
        List<byte[]> l = new ArrayList<>();
        for (int s : spis) {
            byte[] b = new byte[4];
            Bytes.put32(b, 0, s);
            l.add(b);
        }
        return new DeletePayload(IpsecDoi.DOI_IPSEC, protocolId, 4, l);
    }

    /** Delete of an ISAKMP SA named by its cookies. */
    public static DeletePayload isakmp(long initiatorCookie, long responderCookie) {
        return new DeletePayload(IpsecDoi.DOI_IPSEC, IpsecDoi.PROTO_ISAKMP, 16,
                List.of(IsakmpHeader.cookiePair(initiatorCookie, responderCookie)));
    }

    @Override
    public int type() { return PayloadType.DELETE; }

    @Override
    public List<byte[]> spis() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] s : spis) out.add(s.clone());
        return out;
    }

    /** The SPIs as 32-bit values (when SPI Size is 4). */
    public int[] spi32() {
        int[] out = new int[spiSize == 4 ? spis.size() : 0];
        for (int i = 0; i < out.length; i++) out[i] = Bytes.i32(spis.get(i), 0);
        return out;
    }

    /** Checks a body (after the generic header): the SPIs must fill it exactly. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 8) return PacketError.TRUNCATED;
        long need = 8L + (long) Bytes.u8(b, off + 5) * Bytes.u16(b, off + 6);
        if (need > len) return PacketError.TRUNCATED;
        if (need < len) return PacketError.BAD_LENGTH;
        return PacketError.OK;
    }

    public static DeletePayload decode(byte[] b, int off, int len) {
        int size = Bytes.u8(b, off + 5), n = Bytes.u16(b, off + 6);
        List<byte[]> spis = new ArrayList<>();
        for (int i = 0; i < n; i++) spis.add(Arrays.copyOfRange(b, off + 8 + i * size, off + 8 + (i + 1) * size));
        return new DeletePayload(Bytes.i32(b, off), Bytes.u8(b, off + 4), size, spis);
    }

    @Override
    public byte[] body() {
        byte[] out = new byte[8 + spiSize * spis.size()];
        Bytes.put32(out, 0, doi);
        out[4] = (byte) protocolId;
        out[5] = (byte) spiSize;
        Bytes.put16(out, 6, spis.size());
        for (int i = 0; i < spis.size(); i++) System.arraycopy(spis.get(i), 0, out, 8 + i * spiSize, spiSize);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeletePayload p) || p.doi != doi || p.protocolId != protocolId || p.spiSize != spiSize
                || p.spis.size() != spis.size()) {
            return false;
        }
        for (int i = 0; i < spis.size(); i++) if (!Arrays.equals(p.spis.get(i), spis.get(i))) return false;
        return true;
    }

    @Override
    public int hashCode() { return protocolId * 31 + spis.size(); }

    @Override
    public String toString() { return "D[proto " + protocolId + " " + spis.size() + " SPI(s) of " + spiSize + "]"; }
}
