package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Security Association payload (RFC 7296 §3.3): proposals, each of transforms, each with
 * at most the Key Length attribute (type 14, TV format) that this implementation understands.
 */
public record SaPayload(List<Proposal> proposals) {
    public static final int PROTO_IKE = 1, PROTO_AH = 2, PROTO_ESP = 3;
    public static final int ENCR = 1, PRF = 2, INTEG = 3, DH = 4, ESN = 5;
    public static final int ATTR_KEY_LENGTH = 14;

    public SaPayload {
        proposals = List.copyOf(proposals);
    }

    /** A transform; {@code keyLength} is -1 when the Key Length attribute is absent. */
    public record Transform(int type, int id, int keyLength) {}

    public record Proposal(int number, int protocol, byte[] spi, List<Transform> transforms) {
        public Proposal {
            spi = spi.clone();
            transforms = List.copyOf(transforms);
        }

        @Override
        public byte[] spi() { return spi.clone(); }

        /** The transforms of one type, in the proposal's order. */
        public List<Transform> of(int type) {
            List<Transform> l = new ArrayList<>();
            for (Transform t : transforms) if (t.type == type) l.add(t);
            return l;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Proposal p && p.number == number && p.protocol == protocol && Arrays.equals(p.spi, spi)
                    && p.transforms.equals(transforms);
        }

        @Override
        public int hashCode() { return number * 31 + transforms.hashCode(); }
    }

    /** Decodes a body, or null when malformed (lengths, counts, an unknown attribute). Never throws. */
    public static SaPayload decode(byte[] b) {
        if (b == null) return null;
        List<Proposal> out = new ArrayList<>();
        int p = 0;
        boolean last = false;
        while (p < b.length) {
            if (last || b.length - p < 8) return null;
            last = (b[p] & 0xff) == 0;
            if (!last && (b[p] & 0xff) != 2) return null;
            int plen = Bytes.u16(b, p + 2);
            if (plen < 8 || plen > b.length - p) return null;
            int number = b[p + 4] & 0xff, protocol = b[p + 5] & 0xff, spiSize = b[p + 6] & 0xff, count = b[p + 7] & 0xff;
            int q = p + 8;
            if (spiSize > plen - 8) return null;
            byte[] spi = Arrays.copyOfRange(b, q, q + spiSize);
            q += spiSize;
            int end = p + plen;
            List<Transform> ts = new ArrayList<>();
            boolean lastT = false;
            while (q < end) {
                if (lastT || end - q < 8) return null;
                lastT = (b[q] & 0xff) == 0;
                if (!lastT && (b[q] & 0xff) != 3) return null;
                int tlen = Bytes.u16(b, q + 2);
                if (tlen < 8 || tlen > end - q) return null;
                int type = b[q + 4] & 0xff, id = Bytes.u16(b, q + 6), keyLength = -1;
                for (int a = q + 8; a < q + tlen; ) {
                    if (q + tlen - a < 4) return null;
                    int at = Bytes.u16(b, a);
                    if ((at & 0x8000) == 0) {                       // TLV: skip, length checked
                        int al = Bytes.u16(b, a + 2);
                        if (al > q + tlen - a - 4) return null;
                        a += 4 + al;
                        continue;
                    }
                    if ((at & 0x7fff) == ATTR_KEY_LENGTH) keyLength = Bytes.u16(b, a + 2);
                    a += 4;
                }
                ts.add(new Transform(type, id, keyLength));
                q += tlen;
            }
            if (ts.size() != count || !lastT) return null;
            out.add(new Proposal(number, protocol, spi, ts));
            p = end;
        }
        return last ? new SaPayload(out) : null;
    }

    /** The body octets. */
    public byte[] body() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal pr = proposals.get(i);
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            for (int k = 0; k < pr.transforms.size(); k++) {
                Transform tr = pr.transforms.get(k);
                int l = tr.keyLength >= 0 ? 12 : 8;
                byte[] x = new byte[l];
                x[0] = (byte) (k + 1 < pr.transforms.size() ? 3 : 0);
                Bytes.put16(x, 2, l);
                x[4] = (byte) tr.type;
                Bytes.put16(x, 6, tr.id);
                if (tr.keyLength >= 0) {
                    Bytes.put16(x, 8, 0x8000 | ATTR_KEY_LENGTH);
                    Bytes.put16(x, 10, tr.keyLength);
                }
                t.writeBytes(x);
            }
            byte[] h = new byte[8 + pr.spi.length];
            h[0] = (byte) (i + 1 < proposals.size() ? 2 : 0);
            Bytes.put16(h, 2, h.length + t.size());
            h[4] = (byte) pr.number;
            h[5] = (byte) pr.protocol;
            h[6] = (byte) pr.spi.length;
            h[7] = (byte) pr.transforms.size();
            System.arraycopy(pr.spi, 0, h, 8, pr.spi.length);
            o.writeBytes(h);
            o.writeBytes(t.toByteArray());
        }
        return o.toByteArray();
    }
}
