package dev.routerlab.packet.ikev2;

import java.util.Arrays;

/** The Authentication payload (RFC 7296 §3.8): Auth Method (1), RESERVED (3), data. */
public record AuthPayload(int method, byte[] data) {
    public static final int RSA_SIGNATURE = 1, SHARED_KEY_MIC = 2, DSS = 3, DIGITAL_SIGNATURE = 14;

    public AuthPayload {
        data = data.clone();
    }

    @Override
    public byte[] data() { return data.clone(); }

    public static AuthPayload decode(byte[] b) {
        if (b == null || b.length < 5) return null;
        return new AuthPayload(b[0] & 0xff, Arrays.copyOfRange(b, 4, b.length));
    }

    public byte[] body() {
        byte[] b = new byte[4 + data.length];
        b[0] = (byte) method;
        System.arraycopy(data, 0, b, 4, data.length);
        return b;
    }
}
