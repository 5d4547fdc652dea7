package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Proposal payload inside an SA (RFC 2408 §3.5): Proposal # (1), Protocol-ID (1), SPI Size
 * (1), # of Transforms (1), SPI, then that many Transform payloads, each with a generic header
 * whose Next Payload is 3 (TRANSFORM) except the last, 0.
 */
public record ProposalPayload(int number, int protocolId, byte[] spi, List<TransformPayload> transforms) {
    public ProposalPayload {
        spi = spi.clone();
        transforms = List.copyOf(transforms);
        if (spi.length > 255 || transforms.size() > 255) throw new IllegalArgumentException("proposal too large");
    }

    @Override
    public byte[] spi() { return spi.clone(); }

    /** The SPI as a 32-bit value (ESP, AH), or 0 when it is not 4 octets. */
    public int spi32() { return spi.length == 4 ? Bytes.i32(spi, 0) : 0; }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 4) return PacketError.TRUNCATED;
        int spiSize = Bytes.u8(b, off + 2), count = Bytes.u8(b, off + 3);
        if (4 + spiSize > len) return PacketError.TRUNCATED;
        int p = off + 4 + spiSize, end = off + len, seen = 0;
        int next = count == 0 ? PayloadType.NONE : PayloadType.TRANSFORM;
        while (p < end) {
            if (next != PayloadType.TRANSFORM) return PacketError.BAD_FIELD;
            if (end - p < 4) return PacketError.TRUNCATED;
            int pl = Bytes.u16(b, p + 2);
            if (pl < 4) return PacketError.BAD_LENGTH;
            if (pl > end - p) return PacketError.TRUNCATED;
            PacketError e = TransformPayload.check(b, p + 4, pl - 4);
            if (e != PacketError.OK) return e;
            next = Bytes.u8(b, p);
            seen++;
            p += pl;
        }
        if (next != PayloadType.NONE || seen != count) return PacketError.BAD_FIELD;
        return PacketError.OK;
    }

    public static ProposalPayload decode(byte[] b, int off, int len) {
        int spiSize = Bytes.u8(b, off + 2);
        List<TransformPayload> ts = new ArrayList<>();
        int p = off + 4 + spiSize, end = off + len;
        while (p < end) {
            int pl = Bytes.u16(b, p + 2);
            ts.add(TransformPayload.decode(b, p + 4, pl - 4));
            p += pl;
        }
        return new ProposalPayload(Bytes.u8(b, off), Bytes.u8(b, off + 1),
                Arrays.copyOfRange(b, off + 4, off + 4 + spiSize), ts);
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number);
        out.write(protocolId);
        out.write(spi.length);
        out.write(transforms.size());
        out.write(spi, 0, spi.length);
        for (int i = 0; i < transforms.size(); i++) {
            byte[] t = transforms.get(i).body();
            Payloads.writeGeneric(out, i + 1 < transforms.size() ? PayloadType.TRANSFORM : PayloadType.NONE, t);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProposalPayload p && p.number == number && p.protocolId == protocolId
                && Arrays.equals(p.spi, spi) && p.transforms.equals(transforms);
    }

    @Override
    public int hashCode() { return number * 31 + transforms.hashCode(); }

    @Override
    public String toString() {
        return "Proposal[#" + number + " proto " + protocolId + " spi " + HexFormat.of().formatHex(spi)
                + " " + transforms + "]";
    }
}
