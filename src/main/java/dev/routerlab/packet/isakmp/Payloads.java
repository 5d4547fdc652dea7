package dev.routerlab.packet.isakmp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chains of payloads behind an ISAKMP header: each starts with the generic payload header
 * (RFC 2408 §3.2: Next Payload (1), RESERVED (1), Payload Length (2)). The chain ends at Next
 * Payload 0; octets after it (the zero padding of an encrypted body, RFC 2408 §3.1) are
 * ignored.
 */
public final class Payloads {
    private Payloads() {}

    public static final int GENERIC_HEADER = 4;

    /**
     * One payload of a decoded chain and where it lies in the buffer: {@code [start, end)} with
     * its generic header, so that hashes over raw payloads (SAi_b, IDii_b, HASH(1) input) can
     * be computed from the octets as received.
     */
    public record Entry(Payload payload, int start, int end) {
        public int type() { return payload.type(); }
    }

    /** A decoded chain plus the buffer it came from. */
    public record Chain(byte[] buffer, List<Entry> entries) {
        /** The first payload of a type, or null. */
        @SuppressWarnings("unchecked")
        public <T extends Payload> T first(Class<T> cls) {
            for (Entry e : entries) if (cls.isInstance(e.payload)) return (T) e.payload;
            return null;
        }

        /** All payloads of a class, in order. */
        @SuppressWarnings("unchecked")
        public <T extends Payload> List<T> all(Class<T> cls) {
            List<T> out = new ArrayList<>();
            for (Entry e : entries) if (cls.isInstance(e.payload)) out.add((T) e.payload);
            return out;
        }

        /** The first entry of a payload type, or null. */
        public Entry entry(int type) {
            for (Entry e : entries) if (e.type() == type) return e;
            return null;
        }

        /** Raw body (generic header excluded) of an entry: SAi_b, IDii_b (RFC 2409 §5). */
        public byte[] body(Entry e) {
            return Arrays.copyOfRange(buffer, e.start + GENERIC_HEADER, e.end);
        }

        /** Raw octets of every payload after entry {@code index}, generic headers included. */
        public byte[] after(int index) {
            if (index + 1 >= entries.size()) return new byte[0];
            return Arrays.copyOfRange(buffer, entries.get(index + 1).start, entries.get(entries.size() - 1).end);
        }

        public List<Payload> payloads() {
            List<Payload> out = new ArrayList<>();
            for (Entry e : entries) out.add(e.payload);
            return out;
        }
    }

    /**
     * Checks the chain starting with payload type {@code first} in {@code [off, off+len)}: every
     * generic header fits, every length is at least 4, every known payload's body passes its
     * own check, and PROPOSAL/TRANSFORM do not appear at the top level. Never throws.
     */
    public static PacketError check(byte[] b, int off, int len, int first) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        int next = first, p = off, end = off + len;
        while (next != PayloadType.NONE) {
            if (next == PayloadType.PROPOSAL || next == PayloadType.TRANSFORM) return PacketError.BAD_FIELD;
            if (end - p < GENERIC_HEADER) return PacketError.TRUNCATED;
            int pl = Bytes.u16(b, p + 2);
            if (pl < GENERIC_HEADER) return PacketError.BAD_LENGTH;
            if (pl > end - p) return PacketError.TRUNCATED;
            PacketError e = checkBody(next, b, p + GENERIC_HEADER, pl - GENERIC_HEADER);
            if (e != PacketError.OK) return e;
            next = Bytes.u8(b, p);
            p += pl;
        }
        return PacketError.OK;
    }

    /** Checks one payload body by type. Never throws. */
    public static PacketError checkBody(int type, byte[] b, int off, int len) {
        return switch (type) {
            case PayloadType.SA -> SaPayload.check(b, off, len);
            case PayloadType.KE -> KePayload.check(b, off, len);
            case PayloadType.ID -> IdPayload.check(b, off, len);
            case PayloadType.CERT -> CertPayload.check(b, off, len);
            case PayloadType.CR -> CertRequestPayload.check(b, off, len);
            case PayloadType.HASH -> HashPayload.check(b, off, len);
            case PayloadType.SIG -> SignaturePayload.check(b, off, len);
            case PayloadType.NONCE -> NoncePayload.check(b, off, len);
            case PayloadType.NOTIFICATION -> NotificationPayload.check(b, off, len);
            case PayloadType.DELETE -> DeletePayload.check(b, off, len);
            case PayloadType.VENDOR_ID -> VendorIdPayload.check(b, off, len);
            case PayloadType.NAT_D -> NatDPayload.check(b, off, len);
            case PayloadType.NAT_OA -> NatOaPayload.check(b, off, len);
            default -> Bytes.inBounds(b, off, len) ? PacketError.OK : PacketError.TRUNCATED;
        };
    }

    /** Decodes a chain that passed {@link #check}. */
    public static Chain decode(byte[] b, int off, int len, int first) {
        List<Entry> out = new ArrayList<>();
        int next = first, p = off;
        while (next != PayloadType.NONE) {
            int pl = Bytes.u16(b, p + 2);
            out.add(new Entry(decodeBody(next, b, p + GENERIC_HEADER, pl - GENERIC_HEADER), p, p + pl));
            next = Bytes.u8(b, p);
            p += pl;
        }
        return new Chain(b, List.copyOf(out));
    }

    static Payload decodeBody(int type, byte[] b, int off, int len) {
        return switch (type) {
            case PayloadType.SA -> SaPayload.decode(b, off, len);
            case PayloadType.KE -> KePayload.decode(b, off, len);
            case PayloadType.ID -> IdPayload.decode(b, off, len);
            case PayloadType.CERT -> CertPayload.decode(b, off, len);
            case PayloadType.CR -> CertRequestPayload.decode(b, off, len);
            case PayloadType.HASH -> HashPayload.decode(b, off, len);
            case PayloadType.SIG -> SignaturePayload.decode(b, off, len);
            case PayloadType.NONCE -> NoncePayload.decode(b, off, len);
            case PayloadType.NOTIFICATION -> NotificationPayload.decode(b, off, len);
            case PayloadType.DELETE -> DeletePayload.decode(b, off, len);
            case PayloadType.VENDOR_ID -> VendorIdPayload.decode(b, off, len);
            case PayloadType.NAT_D -> NatDPayload.decode(b, off, len);
            case PayloadType.NAT_OA -> NatOaPayload.decode(b, off, len);
            default -> new RawPayload(type, Arrays.copyOfRange(b, off, off + len));
        };
    }

    /** Encodes payloads as a chain: each with a generic header naming the next one's type. */
    public static byte[] encode(List<? extends Payload> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < payloads.size(); i++) {
            writeGeneric(out, i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE,
                    payloads.get(i).body());
        }
        return out.toByteArray();
    }

    /** The type of the first payload, or NONE for an empty list. */
    public static int firstType(List<? extends Payload> payloads) {
        return payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type();
    }

    static void writeGeneric(ByteArrayOutputStream out, int next, byte[] body) {
        int l = GENERIC_HEADER + body.length;
        if (l > 0xffff) throw new IllegalArgumentException("payload too long: " + l);
        out.write(next);
        out.write(0);
        out.write(l >>> 8);
        out.write(l);
        out.write(body, 0, body.length);
    }

    /** A whole unencrypted message. */
    public static byte[] message(long initiatorCookie, long responderCookie, int exchangeType, int flags,
                                 int messageId, List<? extends Payload> payloads) {
        return IsakmpHeader.assemble(initiatorCookie, responderCookie, firstType(payloads), exchangeType, flags,
                messageId, encode(payloads));
    }
}
