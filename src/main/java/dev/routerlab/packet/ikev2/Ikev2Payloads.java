package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Payload types (RFC 7296 §3.2) and chains of payloads, each behind the generic payload header:
 * Next Payload (1), Critical bit and RESERVED (1), Payload Length (2).
 */
public final class Ikev2Payloads {
    private Ikev2Payloads() {}

    public static final int GENERIC_HEADER = 4;
    public static final int NONE = 0, SA = 33, KE = 34, IDI = 35, IDR = 36, CERT = 37, CERTREQ = 38, AUTH = 39,
            NONCE = 40, NOTIFY = 41, DELETE = 42, VENDOR_ID = 43, TSI = 44, TSR = 45, SK = 46, CP = 47, EAP = 48, SKF = 53;

    /** One payload of a chain: its type, critical bit and body (generic header excluded). */
    public record Raw(int type, boolean critical, byte[] body) {
        public Raw {
            body = body.clone();
        }

        @Override
        public byte[] body() { return body.clone(); }
    }

    /**
     * The payloads of the chain starting with {@code first} in {@code [off, off+len)}, or null when
     * a generic header does not fit or a length is below 4. The SK payload ends a chain
     * (§3.14: it must be last); octets after the last payload are an error. Never throws.
     */
    public static List<Raw> parse(byte[] b, int off, int len, int first) {
        if (!Bytes.inBounds(b, off, len)) return null;
        List<Raw> out = new ArrayList<>();
        int next = first, p = off, end = off + len;
        while (next != NONE) {
            if (end - p < GENERIC_HEADER) return null;
            int following = b[p] & 0xff;
            boolean critical = (b[p + 1] & 0x80) != 0;
            int plen = Bytes.u16(b, p + 2);
            if (plen < GENERIC_HEADER || plen > end - p) return null;
            out.add(new Raw(next, critical, Arrays.copyOfRange(b, p + GENERIC_HEADER, p + plen)));
            p += plen;
            if (next == SK || next == SKF) {
                return p == end ? out : null;
            }
            next = following;
            if (out.size() > 64) return null; // no legitimate message carries more
        }
        return p == end ? out : null;
    }

    /** Encodes payloads {@code (type, body)} as a chain; answers the octets. */
    public static byte[] chain(List<Raw> payloads) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < payloads.size(); i++) {
            Raw r = payloads.get(i);
            int next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : NONE;
            byte[] body = r.body;
            int l = GENERIC_HEADER + body.length;
            o.write(next);
            o.write(r.critical() ? 0x80 : 0);
            o.write(l >>> 8);
            o.write(l);
            o.writeBytes(body);
        }
        return o.toByteArray();
    }

    /** The first payload of a type, or null. */
    public static Raw first(List<Raw> l, int type) {
        for (Raw r : l) if (r.type() == type) return r;
        return null;
    }

    public static String name(int type) {
        return switch (type) {
            case SA -> "SA";
            case KE -> "KE";
            case IDI -> "IDi";
            case IDR -> "IDr";
            case CERT -> "CERT";
            case CERTREQ -> "CERTREQ";
            case AUTH -> "AUTH";
            case NONCE -> "N";
            case NOTIFY -> "NOTIFY";
            case DELETE -> "DELETE";
            case VENDOR_ID -> "VID";
            case TSI -> "TSi";
            case TSR -> "TSr";
            case SK -> "ENCR";
            case SKF -> "SKF";
            case CP -> "CFG";
            case EAP -> "EAP";
            default -> "PAYLOAD " + type;
        };
    }
}
