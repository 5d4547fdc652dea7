package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import java.util.Arrays;

/** The Key Exchange payload (RFC 7296 §3.4): Diffie-Hellman Group Num (2), RESERVED (2), data. */
public record KePayload(int group, byte[] data) {
    public KePayload {
        data = data.clone();
    }

    @Override
    public byte[] data() { return data.clone(); }

    public static KePayload decode(byte[] b) {
        if (b == null || b.length < 5) return null;
        return new KePayload(Bytes.u16(b, 0), Arrays.copyOfRange(b, 4, b.length));
    }

    public byte[] body() {
        byte[] b = new byte[4 + data.length];
        Bytes.put16(b, 0, group);
        System.arraycopy(data, 0, b, 4, data.length);
        return b;
    }
}
