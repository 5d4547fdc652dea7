package dev.routerlab.packet.isakmp;

import java.util.Arrays;

/** A payload this implementation does not interpret (draft NAT-T types, ...). */
public record RawPayload(int type, byte[] body) implements Payload {
    public RawPayload {
        if (type <= 0 || type > 255) throw new IllegalArgumentException("payload type " + type);
        body = body.clone();
    }

    @Override
    public byte[] body() { return body.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof RawPayload p && p.type == type && Arrays.equals(p.body, body); }

    @Override
    public int hashCode() { return type * 31 + Arrays.hashCode(body); }

    @Override
    public String toString() { return PayloadType.name(type) + "[" + body.length + " octets]"; }
}
