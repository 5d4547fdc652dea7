package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Security Association payload (RFC 2408 §3.4) with the IPsec DOI situation (RFC 2407 §4.6.1):
 * DOI (4), Situation (4), then Proposal payloads chained with Next Payload 2 (the last 0).
 * Only DOI 1 with SIT_IDENTITY_ONLY is decoded; labeled-domain situations are unsupported.
 */
public record SaPayload(int doi, int situation, List<ProposalPayload> proposals) implements Payload {
    public SaPayload {
        proposals = List.copyOf(proposals);
    }

    public static SaPayload ipsec(List<ProposalPayload> proposals) {
        return new SaPayload(IpsecDoi.DOI_IPSEC, IpsecDoi.SIT_IDENTITY_ONLY, proposals);
    }

    @Override
    public int type() { return PayloadType.SA; }

    /** Checks a body (after the generic header). Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < 8) return PacketError.TRUNCATED;
        if (Bytes.i32(b, off) != IpsecDoi.DOI_IPSEC) return PacketError.UNSUPPORTED;
        if ((Bytes.i32(b, off + 4) & ~IpsecDoi.SIT_IDENTITY_ONLY) != 0) return PacketError.UNSUPPORTED;
        int p = off + 8, end = off + len, next = PayloadType.PROPOSAL, seen = 0;
        while (p < end) {
            if (next != PayloadType.PROPOSAL) return PacketError.BAD_FIELD;
            if (end - p < 4) return PacketError.TRUNCATED;
            int pl = Bytes.u16(b, p + 2);
            if (pl < 4) return PacketError.BAD_LENGTH;
            if (pl > end - p) return PacketError.TRUNCATED;
            PacketError e = ProposalPayload.check(b, p + 4, pl - 4);
            if (e != PacketError.OK) return e;
            next = Bytes.u8(b, p);
            seen++;
            p += pl;
        }
        if (seen == 0 || next != PayloadType.NONE) return PacketError.BAD_FIELD;
        return PacketError.OK;
    }

    public static SaPayload decode(byte[] b, int off, int len) {
        List<ProposalPayload> ps = new ArrayList<>();
        int p = off + 8, end = off + len;
        while (p < end) {
            int pl = Bytes.u16(b, p + 2);
            ps.add(ProposalPayload.decode(b, p + 4, pl - 4));
            p += pl;
        }
        return new SaPayload(Bytes.i32(b, off), Bytes.i32(b, off + 4), ps);
    }

    @Override
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = new byte[8];
        Bytes.put32(h, 0, doi);
        Bytes.put32(h, 4, situation);
        out.write(h, 0, 8);
        for (int i = 0; i < proposals.size(); i++) {
            Payloads.writeGeneric(out, i + 1 < proposals.size() ? PayloadType.PROPOSAL : PayloadType.NONE,
                    proposals.get(i).body());
        }
        return out.toByteArray();
    }
}
