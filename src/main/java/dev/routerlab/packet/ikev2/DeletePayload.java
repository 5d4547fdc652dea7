package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The Delete payload (RFC 7296 §3.11): Protocol ID (1), SPI Size (1), Num of SPIs (2), SPIs.
 * For the IKE SA (protocol 1) the SPI size is 0; for ESP, 4.
 */
public record DeletePayload(int protocol, List<Integer> spis) {
    public DeletePayload {
        spis = List.copyOf(spis);
    }

    public static DeletePayload decode(byte[] b) {
        if (b == null || b.length < 4) return null;
        int proto = b[0] & 0xff, size = b[1] & 0xff, n = Bytes.u16(b, 2);
        if (proto == SaPayload.PROTO_IKE) return size == 0 && n == 0 && b.length == 4 ? new DeletePayload(proto, List.of()) : null;
        if ((proto != SaPayload.PROTO_ESP && proto != SaPayload.PROTO_AH) || size != 4 || b.length != 4 + 4 * n) return null;
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(Bytes.i32(b, 4 + 4 * i));
        return new DeletePayload(proto, l);
    }

    public byte[] body() {
        boolean ike = protocol == SaPayload.PROTO_IKE;
        byte[] b = new byte[4 + 4 * spis.size()];
        b[0] = (byte) protocol;
        b[1] = (byte) (ike ? 0 : 4);
        Bytes.put16(b, 2, spis.size());
        for (int i = 0; i < spis.size(); i++) Bytes.put32(b, 4 + 4 * i, spis.get(i));
        return b;
    }
}
