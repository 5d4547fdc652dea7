package dev.routerlab.packet.ospf;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.PacketError;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * OSPFv2 packets (RFC 2328 A.3): the 24-byte header (A.3.1) with the standard checksum and
 * authentication types 0, 1 and 2 (D.3: key id, auth data length 16, cryptographic sequence
 * number, the MD5 digest appended after the packet and not counted in its length), Hello
 * (A.3.2), Database Description (A.3.3), Link State Request (A.3.4), Link State Update (A.3.5)
 * and Link State Acknowledgment (A.3.6).
 *
 * <p>{@link #check} never throws; after it returns OK, the accessors and {@code parse...}
 * methods may be used on the same bytes. Authentication is verified separately ({@link
 * #verifyAuth}) because it needs the interface's key.
 */
public final class Ospf {
    private Ospf() {}

    public static final int IP_PROTOCOL = 89;
    public static final int VERSION = 2;
    public static final int HEADER_LEN = 24;
    /** AllSPFRouters and AllDRouters (A.1). */
    public static final int ALL_SPF_ROUTERS = 0xe0000005;
    public static final int ALL_D_ROUTERS = 0xe0000006;

    public static final int HELLO = 1;
    public static final int DB_DESCRIPTION = 2;
    public static final int LS_REQUEST = 3;
    public static final int LS_UPDATE = 4;
    public static final int LS_ACK = 5;

    public static final int AUTH_NULL = 0;
    public static final int AUTH_SIMPLE = 1;
    public static final int AUTH_CRYPTO = 2;
    public static final int MD5_DIGEST_LEN = 16;

    /** Options (A.2). */
    public static final int OPT_E = 0x02;
    public static final int OPT_MC = 0x04;
    public static final int OPT_NP = 0x08;
    public static final int OPT_EA = 0x10;
    public static final int OPT_DC = 0x20;

    /** Database Description flags (A.3.3). */
    public static final int DD_MS = 0x01;
    public static final int DD_M = 0x02;
    public static final int DD_I = 0x04;

    public static final int HELLO_FIXED_LEN = 20;
    public static final int DD_FIXED_LEN = 8;
    public static final int LSR_ENTRY_LEN = 12;

    static final int O_VERSION = 0, O_TYPE = 1, O_LENGTH = 2, O_ROUTER_ID = 4, O_AREA_ID = 8, O_CHECKSUM = 12,
            O_AUTYPE = 14, O_AUTH = 16;

    // ------------------------------------------------------------------ records

    public record Hello(int networkMask, int helloInterval, int options, int priority, int deadInterval,
                        int designatedRouter, int backupDesignatedRouter, int[] neighbors) {}

    public record DbDescription(int interfaceMtu, int options, int flags, int ddSequence, List<Lsa.Header> headers) {
        public boolean init() { return (flags & DD_I) != 0; }
        public boolean more() { return (flags & DD_M) != 0; }
        public boolean master() { return (flags & DD_MS) != 0; }
    }

    public record LsRequest(int type, int lsid, int advRouter) {}

    /** One LSA inside a Link State Update: its offset and length in the packet. */
    public record LsaRef(int offset, int length) {}

    // ------------------------------------------------------------------ check

    /**
     * OK for an OSPFv2 packet of len bytes at off: version 2, a length field at least the
     * header and within len (plus the 16-byte digest for type 2 authentication), a known packet
     * type and authentication type, a verifying checksum for authentication types 0 and 1, and a
     * body well formed for its type (every LSA of an update passes {@link Lsa#check}). Never
     * throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        if (Bytes.u8(b, off + O_VERSION) != VERSION) return PacketError.BAD_VERSION;
        int l = Bytes.u16(b, off + O_LENGTH);
        if (l < HEADER_LEN) return PacketError.BAD_LENGTH;
        if (l > len) return PacketError.TRUNCATED;
        int type = Bytes.u8(b, off + O_TYPE);
        if (type < HELLO || type > LS_ACK) return PacketError.UNSUPPORTED;
        int au = Bytes.u16(b, off + O_AUTYPE);
        switch (au) {
            case AUTH_NULL, AUTH_SIMPLE -> {
                if (!checksumOk(b, off, l)) return PacketError.BAD_CHECKSUM;
            }
            case AUTH_CRYPTO -> {
                if (Bytes.u8(b, off + O_AUTH + 3) != MD5_DIGEST_LEN) return PacketError.BAD_FIELD;
                if (l > len - MD5_DIGEST_LEN) return PacketError.TRUNCATED;
            }
            default -> {
                return PacketError.UNSUPPORTED;
            }
        }
        int body = off + HEADER_LEN, blen = l - HEADER_LEN;
        switch (type) {
            case HELLO -> {
                if (blen < HELLO_FIXED_LEN) return PacketError.TRUNCATED;
                if ((blen - HELLO_FIXED_LEN) % 4 != 0) return PacketError.BAD_LENGTH;
            }
            case DB_DESCRIPTION -> {
                if (blen < DD_FIXED_LEN) return PacketError.TRUNCATED;
                if ((blen - DD_FIXED_LEN) % Lsa.HEADER_LEN != 0) return PacketError.BAD_LENGTH;
            }
            case LS_REQUEST -> {
                if (blen % LSR_ENTRY_LEN != 0) return PacketError.BAD_LENGTH;
            }
            case LS_UPDATE -> {
                if (blen < 4) return PacketError.TRUNCATED;
                long n = Bytes.u32L(b, body);
                int p = body + 4, end = off + l;
                for (long i = 0; i < n; i++) {
                    if (p + Lsa.HEADER_LEN > end) return PacketError.TRUNCATED;
                    PacketError e = Lsa.check(b, p, end - p);
                    if (!e.ok()) return e;
                    p += Lsa.length(b, p);
                }
            }
            default -> {
                if (blen % Lsa.HEADER_LEN != 0) return PacketError.BAD_LENGTH;
            }
        }
        return PacketError.OK;
    }

    /** Standard checksum over the packet excluding the 64-bit authentication field (D.4.1/D.4.2). */
    static boolean checksumOk(byte[] b, int off, int l) {
        long s = Checksum.sum(b, off, O_AUTH, 0);
        s = Checksum.sum(b, off + O_AUTH + 8, l - O_AUTH - 8, s);
        return Checksum.finish(s) == 0;
    }

    // ------------------------------------------------------------------ header accessors

    public static int type(byte[] b, int off) { return Bytes.u8(b, off + O_TYPE); }

    public static int length(byte[] b, int off) { return Bytes.u16(b, off + O_LENGTH); }

    public static int routerId(byte[] b, int off) { return Bytes.i32(b, off + O_ROUTER_ID); }

    public static int areaId(byte[] b, int off) { return Bytes.i32(b, off + O_AREA_ID); }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + O_CHECKSUM); }

    public static int authType(byte[] b, int off) { return Bytes.u16(b, off + O_AUTYPE); }

    /** Key ID of a type 2 authentication field (D.3). */
    public static int keyId(byte[] b, int off) { return Bytes.u8(b, off + O_AUTH + 2); }

    /** Cryptographic sequence number of a type 2 authentication field (D.3), unsigned. */
    public static long cryptoSequence(byte[] b, int off) { return Bytes.u32L(b, off + O_AUTH + 4); }

    public static String typeName(int type) {
        return switch (type) {
            case HELLO -> "Hello";
            case DB_DESCRIPTION -> "DBD";
            case LS_REQUEST -> "LS Req";
            case LS_UPDATE -> "LS Upd";
            case LS_ACK -> "LS Ack";
            default -> "type " + type;
        };
    }

    // ------------------------------------------------------------------ authentication

    /**
     * Verifies a checked packet's authentication against what the interface uses (D.5). Type 0:
     * always true; type 1: the 8-byte field equals the key (zero-padded); type 2: the key id
     * matches and the digest equals MD5(packet, key padded to 16). The authentication type
     * itself must be compared by the caller. Never throws.
     */
    public static boolean verifyAuth(byte[] b, int off, int authType, byte[] key, int keyId) {
        try {
            int l = length(b, off);
            switch (authType) {
                case AUTH_NULL:
                    return true;
                case AUTH_SIMPLE: {
                    byte[] k = pad(key, 8);
                    return MessageDigest.isEqual(k, java.util.Arrays.copyOfRange(b, off + O_AUTH, off + O_AUTH + 8));
                }
                case AUTH_CRYPTO: {
                    if (keyId(b, off) != keyId) return false;
                    byte[] d = md5(b, off, l, key);
                    return MessageDigest.isEqual(d,
                            java.util.Arrays.copyOfRange(b, off + l, off + l + MD5_DIGEST_LEN));
                }
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] pad(byte[] key, int n) {
        byte[] k = new byte[n];
        if (key != null) System.arraycopy(key, 0, k, 0, Math.min(n, key.length));
        return k;
    }

    private static byte[] md5(byte[] b, int off, int l, byte[] key) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(b, off, l);
            md.update(pad(key, MD5_DIGEST_LEN));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ body parsers (checked bytes)

    public static Hello parseHello(byte[] b, int off) {
        int p = off + HEADER_LEN;
        int n = (length(b, off) - HEADER_LEN - HELLO_FIXED_LEN) / 4;
        int[] nb = new int[n];
        for (int i = 0; i < n; i++) nb[i] = Bytes.i32(b, p + HELLO_FIXED_LEN + 4 * i);
        return new Hello(Bytes.i32(b, p), Bytes.u16(b, p + 4), Bytes.u8(b, p + 6), Bytes.u8(b, p + 7),
                Bytes.i32(b, p + 8), Bytes.i32(b, p + 12), Bytes.i32(b, p + 16), nb);
    }

    public static DbDescription parseDbDescription(byte[] b, int off) {
        int p = off + HEADER_LEN;
        int n = (length(b, off) - HEADER_LEN - DD_FIXED_LEN) / Lsa.HEADER_LEN;
        List<Lsa.Header> hs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) hs.add(Lsa.Header.read(b, p + DD_FIXED_LEN + Lsa.HEADER_LEN * i));
        return new DbDescription(Bytes.u16(b, p), Bytes.u8(b, p + 2), Bytes.u8(b, p + 3), Bytes.i32(b, p + 4), hs);
    }

    public static List<LsRequest> parseLsRequest(byte[] b, int off) {
        int n = (length(b, off) - HEADER_LEN) / LSR_ENTRY_LEN;
        List<LsRequest> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = off + HEADER_LEN + LSR_ENTRY_LEN * i;
            r.add(new LsRequest(Bytes.i32(b, p), Bytes.i32(b, p + 4), Bytes.i32(b, p + 8)));
        }
        return r;
    }

    /** The LSAs of a checked Link State Update, as absolute offsets and lengths in b. */
    public static List<LsaRef> parseLsUpdate(byte[] b, int off) {
        long n = Bytes.u32L(b, off + HEADER_LEN);
        List<LsaRef> r = new ArrayList<>();
        int p = off + HEADER_LEN + 4;
        for (long i = 0; i < n; i++) {
            int l = Lsa.length(b, p);
            r.add(new LsaRef(p, l));
            p += l;
        }
        return r;
    }

    public static List<Lsa.Header> parseLsAck(byte[] b, int off) {
        int n = (length(b, off) - HEADER_LEN) / Lsa.HEADER_LEN;
        List<Lsa.Header> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) r.add(Lsa.Header.read(b, off + HEADER_LEN + Lsa.HEADER_LEN * i));
        return r;
    }

    // ------------------------------------------------------------------ builders

    /** Body of a Hello (A.3.2). */
    public static byte[] helloBody(Hello h) {
        byte[] b = new byte[HELLO_FIXED_LEN + 4 * h.neighbors().length];
        Bytes.put32(b, 0, h.networkMask());
        Bytes.put16(b, 4, h.helloInterval());
        Bytes.put8(b, 6, h.options());
        Bytes.put8(b, 7, h.priority());
        Bytes.put32(b, 8, h.deadInterval());
        Bytes.put32(b, 12, h.designatedRouter());
        Bytes.put32(b, 16, h.backupDesignatedRouter());
        for (int i = 0; i < h.neighbors().length; i++) Bytes.put32(b, HELLO_FIXED_LEN + 4 * i, h.neighbors()[i]);
        return b;
    }

    /** Body of a Database Description (A.3.3). */
    public static byte[] dbDescriptionBody(DbDescription d) {
        byte[] b = new byte[DD_FIXED_LEN + Lsa.HEADER_LEN * d.headers().size()];
        Bytes.put16(b, 0, d.interfaceMtu());
        Bytes.put8(b, 2, d.options());
        Bytes.put8(b, 3, d.flags());
        Bytes.put32(b, 4, d.ddSequence());
        for (int i = 0; i < d.headers().size(); i++) d.headers().get(i).write(b, DD_FIXED_LEN + Lsa.HEADER_LEN * i);
        return b;
    }

    /** Body of a Link State Request (A.3.4). */
    public static byte[] lsRequestBody(List<LsRequest> rs) {
        byte[] b = new byte[LSR_ENTRY_LEN * rs.size()];
        for (int i = 0; i < rs.size(); i++) {
            LsRequest r = rs.get(i);
            Bytes.put32(b, LSR_ENTRY_LEN * i, r.type());
            Bytes.put32(b, LSR_ENTRY_LEN * i + 4, r.lsid());
            Bytes.put32(b, LSR_ENTRY_LEN * i + 8, r.advRouter());
        }
        return b;
    }

    /** Body of a Link State Update (A.3.5) carrying whole LSAs. */
    public static byte[] lsUpdateBody(List<byte[]> lsas) {
        int n = 4;
        for (byte[] l : lsas) n += l.length;
        byte[] b = new byte[n];
        Bytes.put32(b, 0, lsas.size());
        int p = 4;
        for (byte[] l : lsas) {
            System.arraycopy(l, 0, b, p, l.length);
            p += l.length;
        }
        return b;
    }

    /** Body of a Link State Acknowledgment (A.3.6). */
    public static byte[] lsAckBody(List<Lsa.Header> hs) {
        byte[] b = new byte[Lsa.HEADER_LEN * hs.size()];
        for (int i = 0; i < hs.size(); i++) hs.get(i).write(b, Lsa.HEADER_LEN * i);
        return b;
    }

    /**
     * A whole packet: header, body, and authentication (A.3.1, D.4). Types 0 and 1 get the
     * standard checksum (auth field excluded); type 2 gets key id, length 16, cryptoSequence and
     * the MD5 digest appended after the length the header states (D.4.3).
     */
    public static byte[] build(int type, int routerId, int areaId, byte[] body, int authType, byte[] key, int keyId,
                               long cryptoSequence) {
        int l = HEADER_LEN + body.length;
        if (l > 0xffff) throw new IllegalArgumentException("OSPF packet too long: " + l);
        byte[] b = new byte[l + (authType == AUTH_CRYPTO ? MD5_DIGEST_LEN : 0)];
        Bytes.put8(b, O_VERSION, VERSION);
        Bytes.put8(b, O_TYPE, type);
        Bytes.put16(b, O_LENGTH, l);
        Bytes.put32(b, O_ROUTER_ID, routerId);
        Bytes.put32(b, O_AREA_ID, areaId);
        Bytes.put16(b, O_AUTYPE, authType);
        System.arraycopy(body, 0, b, HEADER_LEN, body.length);
        switch (authType) {
            case AUTH_NULL -> Bytes.put16(b, O_CHECKSUM, Checksum.finish(checksumSum(b, l)));
            case AUTH_SIMPLE -> {
                Bytes.put16(b, O_CHECKSUM, Checksum.finish(checksumSum(b, l)));
                System.arraycopy(pad(key, 8), 0, b, O_AUTH, 8);
            }
            case AUTH_CRYPTO -> {
                Bytes.put8(b, O_AUTH + 2, keyId);
                Bytes.put8(b, O_AUTH + 3, MD5_DIGEST_LEN);
                Bytes.put32(b, O_AUTH + 4, cryptoSequence);
                System.arraycopy(md5(b, 0, l, key), 0, b, l, MD5_DIGEST_LEN);
            }
            default -> throw new IllegalArgumentException("authentication type " + authType);
        }
        return b;
    }

    private static long checksumSum(byte[] b, int l) {
        long s = Checksum.sum(b, 0, O_AUTH, 0);
        return Checksum.sum(b, O_AUTH + 8, l - O_AUTH - 8, s);
    }
}
