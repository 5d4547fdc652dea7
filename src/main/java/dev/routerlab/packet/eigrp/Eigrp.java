package dev.routerlab.packet.eigrp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.PacketError;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * EIGRP packets (RFC 7868 section 6): the 20-byte header (version 2, opcode, checksum, flags,
 * sequence, acknowledge, virtual router id, autonomous system) followed by TLVs. Pure static
 * codec: {@link #check} says why a packet is bad and never throws; {@link #parse} reads a packet
 * that checked OK; {@link #build} writes one from trusted arguments; {@link #signMd5} and
 * {@link #verifyMd5} handle keyed-MD5 authentication as IOS does it.
 */
public final class Eigrp {
    private Eigrp() {}

    /** IP protocol number of EIGRP and its multicast group 224.0.0.10. */
    public static final int IP_PROTOCOL = 88;
    public static final int MULTICAST_GROUP = 0xe000000a;

    public static final int VERSION = 2;
    public static final int HEADER_LEN = 20;

    /** Opcodes (RFC 7868 section 6, header). */
    public static final int OP_UPDATE = 1;
    public static final int OP_QUERY = 3;
    public static final int OP_REPLY = 4;
    public static final int OP_HELLO = 5;
    public static final int OP_SIA_QUERY = 10;
    public static final int OP_SIA_REPLY = 11;

    /** Header flags (RFC 7868 section 6): INIT, Conditional Receive, Restart, End of Table. */
    public static final int FLAG_INIT = 0x01;
    public static final int FLAG_CR = 0x02;
    public static final int FLAG_RS = 0x04;
    public static final int FLAG_EOT = 0x08;

    /** TLV types. */
    public static final int TLV_PARAMETER = 0x0001;
    public static final int TLV_AUTH = 0x0002;
    public static final int TLV_SEQUENCE = 0x0003;
    public static final int TLV_SOFTWARE_VERSION = 0x0004;
    public static final int TLV_NEXT_MCAST_SEQ = 0x0005;
    public static final int TLV_STUB = 0x0006;
    public static final int TLV_PEER_TERMINATION = 0x0007;
    public static final int TLV_IPV4_INTERNAL = 0x0102;
    public static final int TLV_IPV4_EXTERNAL = 0x0103;
    /** Multiprotocol route TLVs of TLV version 2.0, with the wide metric (RFC 7868 section 6.9). */
    public static final int TLV_MP_INTERNAL = 0x0602;
    public static final int TLV_MP_EXTERNAL = 0x0603;
    /** Address family of the multiprotocol TLVs (IANA: IPv4 = 1). */
    public static final int AFI_IPV4 = 1;
    /** Wide metric: unreachable delay and bandwidth (48 bits of ones, RFC 7868 section 6.9.2). */
    public static final long WIDE_INFINITY = 0xffffffffffffL;

    public static final int AUTH_MD5 = 2;
    public static final int MD5_LEN = 16;
    /** Authentication TLV with an MD5 digest: header 4, type 2, length 2, key id 4, key sequence 4, pad 8, digest 16. */
    public static final int AUTH_MD5_TLV_LEN = 40;
    private static final int AUTH_DIGEST_OFFSET = 24;

    /** Stub TLV flags (IOS `eigrp stub connected static summary receive-only redistributed leak-map`). */
    public static final int STUB_CONNECTED = 0x01;
    public static final int STUB_STATIC = 0x02;
    public static final int STUB_SUMMARY = 0x04;
    public static final int STUB_RECEIVE_ONLY = 0x08;
    public static final int STUB_REDISTRIBUTED = 0x10;
    public static final int STUB_LEAK_MAP = 0x20;

    /** Classic metric: unreachable delay (RFC 7868 section 6). */
    public static final long DELAY_INFINITY = 0xffffffffL;
    /** Route flags in the metric block. */
    public static final int ROUTE_FLAG_SOURCE_WITHDRAW = 0x01;
    public static final int ROUTE_FLAG_CANDIDATE_DEFAULT = 0x02;

    /** Fixed parts of the route TLVs (before the prefix length byte and destination bytes). */
    private static final int INTERNAL_FIXED = 24;
    private static final int EXTERNAL_FIXED = 44;
    /** Multiprotocol TLV: header 4, topology 2, AFI 2, router id 4, wide metric 24 (then extended attributes), next hop 4. */
    private static final int MP_METRIC = 12;
    private static final int WIDE_METRIC_LEN = 24;
    /** External data of a multiprotocol external TLV: router, AS, tag, metric, reserved 2, protocol, flags. */
    private static final int MP_EXTERNAL_DATA = 20;

    // ================================================================ header accessors (of a checked packet)

    public static int version(byte[] b, int off) { return Bytes.u8(b, off); }

    public static int opcode(byte[] b, int off) { return Bytes.u8(b, off + 1); }

    public static int checksum(byte[] b, int off) { return Bytes.u16(b, off + 2); }

    public static int flags(byte[] b, int off) { return Bytes.i32(b, off + 4); }

    public static long sequence(byte[] b, int off) { return Bytes.u32L(b, off + 8); }

    public static long ack(byte[] b, int off) { return Bytes.u32L(b, off + 12); }

    public static int virtualRouterId(byte[] b, int off) { return Bytes.u16(b, off + 16); }

    public static int autonomousSystem(byte[] b, int off) { return Bytes.u16(b, off + 18); }

    public static String opcodeName(int opcode) {
        return switch (opcode) {
            case OP_UPDATE -> "UPDATE";
            case OP_QUERY -> "QUERY";
            case OP_REPLY -> "REPLY";
            case OP_HELLO -> "HELLO";
            case OP_SIA_QUERY -> "SIA-QUERY";
            case OP_SIA_REPLY -> "SIA-REPLY";
            default -> "OPCODE-" + opcode;
        };
    }

    // ================================================================ check

    /**
     * OK for a version 2 packet with a known opcode, a verifying checksum, and TLVs that fit and
     * have the lengths their types require (route TLVs: prefix lengths up to 32 whose destination
     * bytes fit). Never throws.
     */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < HEADER_LEN) return PacketError.TRUNCATED;
        if (version(b, off) != VERSION) return PacketError.BAD_VERSION;
        int op = opcode(b, off);
        if (op != OP_UPDATE && op != OP_QUERY && op != OP_REPLY && op != OP_HELLO && op != OP_SIA_QUERY
                && op != OP_SIA_REPLY) return PacketError.UNSUPPORTED;
        if (!Checksum.verify(b, off, len, 0)) return PacketError.BAD_CHECKSUM;
        int end = off + len;
        int p = off + HEADER_LEN;
        while (p < end) {
            if (end - p < 4) return PacketError.TRUNCATED;
            int type = Bytes.u16(b, p);
            int tlen = Bytes.u16(b, p + 2);
            if (tlen < 4) return PacketError.BAD_LENGTH;
            if (tlen > end - p) return PacketError.TRUNCATED;
            PacketError e = checkTlv(b, p, type, tlen);
            if (e != PacketError.OK) return e;
            p += tlen;
        }
        return PacketError.OK;
    }

    private static PacketError checkTlv(byte[] b, int p, int type, int tlen) {
        switch (type) {
            case TLV_PARAMETER:
                return tlen >= 12 ? PacketError.OK : PacketError.BAD_LENGTH;
            case TLV_AUTH: {
                if (tlen < 8) return PacketError.BAD_LENGTH;
                int authType = Bytes.u16(b, p + 4);
                int authLen = Bytes.u16(b, p + 6);
                if (authType == AUTH_MD5 && (authLen != MD5_LEN || tlen != AUTH_MD5_TLV_LEN)) return PacketError.BAD_LENGTH;
                if (authLen > tlen - 8) return PacketError.BAD_LENGTH;
                return PacketError.OK;
            }
            case TLV_SEQUENCE: {
                int q = p + 4;
                int e = p + tlen;
                while (q < e) {
                    int al = Bytes.u8(b, q);
                    if (al != 4) return PacketError.BAD_FIELD;
                    if (e - q < 5) return PacketError.TRUNCATED;
                    q += 5;
                }
                return PacketError.OK;
            }
            case TLV_SOFTWARE_VERSION:
            case TLV_NEXT_MCAST_SEQ:
                return tlen >= 8 ? PacketError.OK : PacketError.BAD_LENGTH;
            case TLV_STUB:
                return tlen >= 6 ? PacketError.OK : PacketError.BAD_LENGTH;
            case TLV_PEER_TERMINATION:
                return tlen >= 5 && (tlen - 5) % 4 == 0 ? PacketError.OK : PacketError.BAD_LENGTH;
            case TLV_IPV4_INTERNAL:
                return checkDestinations(b, p + INTERNAL_FIXED, p + tlen);
            case TLV_IPV4_EXTERNAL:
                return checkDestinations(b, p + EXTERNAL_FIXED, p + tlen);
            case TLV_MP_INTERNAL:
            case TLV_MP_EXTERNAL: {
                if (tlen < MP_METRIC + WIDE_METRIC_LEN) return PacketError.BAD_LENGTH;
                if (Bytes.u16(b, p + 6) != AFI_IPV4) return PacketError.OK;   // another family: kept as Unknown
                int q = mpNextHop(b, p) + 4 + (type == TLV_MP_EXTERNAL ? MP_EXTERNAL_DATA : 0);
                return q > p + tlen ? PacketError.TRUNCATED : checkDestinations(b, q, p + tlen);
            }
            default:
                return PacketError.OK;
        }
    }

    /** One or more (prefix length, destination bytes) pairs exactly filling [q, end). */
    private static PacketError checkDestinations(byte[] b, int q, int end) {
        if (q >= end) return PacketError.BAD_LENGTH;
        while (q < end) {
            int plen = Bytes.u8(b, q);
            if (plen > 32) return PacketError.BAD_FIELD;
            int n = (plen + 7) / 8;
            if (end - q - 1 < n) return PacketError.TRUNCATED;
            q += 1 + n;
        }
        return PacketError.OK;
    }

    // ================================================================ parse

    /** A decoded packet. */
    public record Packet(int opcode, int flags, long sequence, long ack, int virtualRouterId, int autonomousSystem,
                         List<EigrpTlv> tlvs) {
        public boolean init() { return (flags & FLAG_INIT) != 0; }

        public boolean conditionalReceive() { return (flags & FLAG_CR) != 0; }

        public boolean endOfTable() { return (flags & FLAG_EOT) != 0; }

        /** The first TLV of the given class, or null. */
        public <T extends EigrpTlv> T first(Class<T> c) {
            for (EigrpTlv t : tlvs) if (c.isInstance(t)) return c.cast(t);
            return null;
        }
    }

    /** Decodes a packet; null unless {@link #check} says OK. Never throws. */
    public static Packet parse(byte[] b, int off, int len) {
        if (check(b, off, len) != PacketError.OK) return null;
        List<EigrpTlv> tlvs = new ArrayList<>();
        int end = off + len;
        int p = off + HEADER_LEN;
        while (p < end) {
            int type = Bytes.u16(b, p);
            int tlen = Bytes.u16(b, p + 2);
            readTlv(b, p, type, tlen, tlvs);
            p += tlen;
        }
        return new Packet(opcode(b, off), flags(b, off), sequence(b, off), ack(b, off), virtualRouterId(b, off),
                autonomousSystem(b, off), List.copyOf(tlvs));
    }

    private static void readTlv(byte[] b, int p, int type, int tlen, List<EigrpTlv> out) {
        switch (type) {
            case TLV_PARAMETER -> out.add(new EigrpTlv.Parameter(Bytes.u8(b, p + 4), Bytes.u8(b, p + 5), Bytes.u8(b, p + 6),
                    Bytes.u8(b, p + 7), Bytes.u8(b, p + 8), Bytes.u8(b, p + 9), Bytes.u16(b, p + 10)));
            case TLV_AUTH -> {
                int authLen = Bytes.u16(b, p + 6);
                byte[] d = new byte[authLen];
                int at = Bytes.u16(b, p + 4) == AUTH_MD5 ? p + AUTH_DIGEST_OFFSET : p + tlen - authLen;
                System.arraycopy(b, at, d, 0, authLen);
                long keyId = tlen >= 12 ? Bytes.u32L(b, p + 8) : 0;
                long keySeq = tlen >= 16 ? Bytes.u32L(b, p + 12) : 0;
                out.add(new EigrpTlv.Authentication(Bytes.u16(b, p + 4), keyId, keySeq, d));
            }
            case TLV_SEQUENCE -> {
                List<Integer> a = new ArrayList<>();
                for (int q = p + 4; q < p + tlen; q += 5) a.add(Bytes.i32(b, q + 1));
                out.add(new EigrpTlv.Sequence(a));
            }
            case TLV_SOFTWARE_VERSION -> out.add(new EigrpTlv.SoftwareVersion(Bytes.u8(b, p + 4), Bytes.u8(b, p + 5),
                    Bytes.u8(b, p + 6), Bytes.u8(b, p + 7)));
            case TLV_NEXT_MCAST_SEQ -> out.add(new EigrpTlv.NextMulticastSequence(Bytes.u32L(b, p + 4)));
            case TLV_STUB -> out.add(new EigrpTlv.Stub(Bytes.u16(b, p + 4)));
            case TLV_PEER_TERMINATION -> {
                List<Integer> a = new ArrayList<>();
                for (int q = p + 5; q < p + tlen; q += 4) a.add(Bytes.i32(b, q));
                out.add(new EigrpTlv.PeerTermination(a));
            }
            case TLV_IPV4_INTERNAL -> {
                int nh = Bytes.i32(b, p + 4);
                EigrpTlv.Metric m = readMetric(b, p + 8);
                for (int q = p + INTERNAL_FIXED; q < p + tlen; q += 1 + (Bytes.u8(b, q) + 7) / 8) {
                    int plen = Bytes.u8(b, q);
                    out.add(new EigrpTlv.InternalRoute(nh, m, readPrefix(b, q + 1, plen), plen));
                }
            }
            case TLV_IPV4_EXTERNAL -> {
                int nh = Bytes.i32(b, p + 4);
                int origRouter = Bytes.i32(b, p + 8);
                long origAs = Bytes.u32L(b, p + 12);
                long tag = Bytes.u32L(b, p + 16);
                long extMetric = Bytes.u32L(b, p + 20);
                int proto = Bytes.u8(b, p + 26);
                int extFlags = Bytes.u8(b, p + 27);
                EigrpTlv.Metric m = readMetric(b, p + 28);
                for (int q = p + EXTERNAL_FIXED; q < p + tlen; q += 1 + (Bytes.u8(b, q) + 7) / 8) {
                    int plen = Bytes.u8(b, q);
                    out.add(new EigrpTlv.ExternalRoute(nh, origRouter, origAs, tag, extMetric, proto, extFlags, m,
                            readPrefix(b, q + 1, plen), plen));
                }
            }
            case TLV_MP_INTERNAL, TLV_MP_EXTERNAL -> {
                if (Bytes.u16(b, p + 6) != AFI_IPV4) {
                    out.add(new EigrpTlv.Unknown(type, java.util.Arrays.copyOfRange(b, p + 4, p + tlen)));
                    return;
                }
                int topology = Bytes.u16(b, p + 4);
                int rid = Bytes.i32(b, p + 8);
                EigrpTlv.Metric m = readWideMetric(b, p + MP_METRIC);
                int q = mpNextHop(b, p);
                int nh = Bytes.i32(b, q);
                q += 4;
                if (type == TLV_MP_INTERNAL) {
                    for (; q < p + tlen; q += 1 + (Bytes.u8(b, q) + 7) / 8) {
                        out.add(new EigrpTlv.WideInternalRoute(topology, rid, m, nh, readPrefix(b, q + 1, Bytes.u8(b, q)), Bytes.u8(b, q)));
                    }
                } else {
                    int origRouter = Bytes.i32(b, q);
                    long origAs = Bytes.u32L(b, q + 4), tag = Bytes.u32L(b, q + 8), extMetric = Bytes.u32L(b, q + 12);
                    int proto = Bytes.u8(b, q + 18), extFlags = Bytes.u8(b, q + 19);
                    for (q += MP_EXTERNAL_DATA; q < p + tlen; q += 1 + (Bytes.u8(b, q) + 7) / 8) {
                        out.add(new EigrpTlv.WideExternalRoute(topology, rid, m, nh, origRouter, origAs, tag, extMetric, proto,
                                extFlags, readPrefix(b, q + 1, Bytes.u8(b, q)), Bytes.u8(b, q)));
                    }
                }
            }
            default -> {
                byte[] v = new byte[tlen - 4];
                System.arraycopy(b, p + 4, v, 0, v.length);
                out.add(new EigrpTlv.Unknown(type, v));
            }
        }
    }

    private static EigrpTlv.Metric readMetric(byte[] b, int q) {
        return new EigrpTlv.Metric(Bytes.u32L(b, q), Bytes.u32L(b, q + 4),
                Bytes.u8(b, q + 8) << 16 | Bytes.u16(b, q + 9), Bytes.u8(b, q + 11), Bytes.u8(b, q + 12),
                Bytes.u8(b, q + 13), Bytes.u8(b, q + 14), Bytes.u8(b, q + 15));
    }

    /** Where a multiprotocol TLV's next hop sits: after the wide metric and its extended attributes (offset in 16-bit words). */
    private static int mpNextHop(byte[] b, int p) { return p + MP_METRIC + WIDE_METRIC_LEN + 2 * Bytes.u8(b, p + MP_METRIC); }

    /** The wide metric (RFC 7868 section 6.9.2): delay (ps) and bandwidth (kbit/s) in 48 bits each. */
    private static EigrpTlv.Metric readWideMetric(byte[] b, int q) {
        return new EigrpTlv.Metric(u48(b, q + 8), u48(b, q + 14), Bytes.u8(b, q + 4) << 16 | Bytes.u16(b, q + 5),
                Bytes.u8(b, q + 7), Bytes.u8(b, q + 2), Bytes.u8(b, q + 3), 0, Bytes.u16(b, q + 22));
    }

    private static long u48(byte[] b, int q) { return (long) Bytes.u16(b, q) << 32 | Bytes.u32L(b, q + 2); }

    private static void put48(byte[] b, int q, long v) {
        Bytes.put16(b, q, (int) (v >>> 32));
        Bytes.put32(b, q + 2, v);
    }

    private static void writeWideMetric(byte[] b, int q, EigrpTlv.Metric m) {
        // offset 0 (no extended attributes), priority 0
        Bytes.put8(b, q + 2, m.reliability());
        Bytes.put8(b, q + 3, m.load());
        Bytes.put8(b, q + 4, m.mtu() >>> 16);
        Bytes.put16(b, q + 5, m.mtu());
        Bytes.put8(b, q + 7, m.hopCount());
        put48(b, q + 8, Math.min(m.delay(), WIDE_INFINITY));
        put48(b, q + 14, Math.min(m.bandwidth(), WIDE_INFINITY));
        Bytes.put16(b, q + 22, m.flags());
    }

    /** The variable-length destination (RFC 7868 section 6): ceil(plen/8) bytes, host bits cleared. */
    private static int readPrefix(byte[] b, int q, int plen) {
        int a = 0;
        int n = (plen + 7) / 8;
        for (int i = 0; i < n; i++) a |= (b[q + i] & 0xff) << (24 - 8 * i);
        return a & mask(plen);
    }

    public static int mask(int plen) { return plen == 0 ? 0 : -1 << (32 - plen); }

    // ================================================================ build

    /** Bytes a TLV takes on the wire. */
    public static int tlvLength(EigrpTlv t) {
        if (t instanceof EigrpTlv.Parameter) return 12;
        if (t instanceof EigrpTlv.Authentication x) return x.authType() == AUTH_MD5 ? AUTH_MD5_TLV_LEN : 16 + x.digest().length;
        if (t instanceof EigrpTlv.Sequence x) return 4 + 5 * x.addresses().size();
        if (t instanceof EigrpTlv.SoftwareVersion || t instanceof EigrpTlv.NextMulticastSequence) return 8;
        if (t instanceof EigrpTlv.Stub) return 6;
        if (t instanceof EigrpTlv.PeerTermination x) return 5 + 4 * x.addresses().size();
        if (t instanceof EigrpTlv.InternalRoute x) return INTERNAL_FIXED + 1 + (x.prefixLength() + 7) / 8;
        if (t instanceof EigrpTlv.ExternalRoute x) return EXTERNAL_FIXED + 1 + (x.prefixLength() + 7) / 8;
        if (t instanceof EigrpTlv.WideInternalRoute x) return MP_METRIC + WIDE_METRIC_LEN + 4 + 1 + (x.prefixLength() + 7) / 8;
        if (t instanceof EigrpTlv.WideExternalRoute x) return MP_METRIC + WIDE_METRIC_LEN + 4 + MP_EXTERNAL_DATA + 1 + (x.prefixLength() + 7) / 8;
        return 4 + ((EigrpTlv.Unknown) t).value().length;
    }

    /**
     * A packet with its checksum. An {@link EigrpTlv.Authentication} TLV is written as given (sign
     * it afterwards with {@link #signMd5}, which recomputes the checksum).
     */
    public static byte[] build(int opcode, int flags, long sequence, long ack, int virtualRouterId,
                               int autonomousSystem, List<? extends EigrpTlv> tlvs) {
        int len = HEADER_LEN;
        for (EigrpTlv t : tlvs) len += tlvLength(t);
        byte[] b = new byte[len];
        Bytes.put8(b, 0, VERSION);
        Bytes.put8(b, 1, opcode);
        Bytes.put32(b, 4, flags);
        Bytes.put32(b, 8, sequence);
        Bytes.put32(b, 12, ack);
        Bytes.put16(b, 16, virtualRouterId);
        Bytes.put16(b, 18, autonomousSystem);
        int p = HEADER_LEN;
        for (EigrpTlv t : tlvs) p = writeTlv(b, p, t);
        Bytes.put16(b, 2, Checksum.compute(b, 0, len));
        return b;
    }

    private static int writeTlv(byte[] b, int p, EigrpTlv t) {
        int tlen = tlvLength(t);
        Bytes.put16(b, p, t.type());
        Bytes.put16(b, p + 2, tlen);
        if (t instanceof EigrpTlv.Parameter x) {
            Bytes.put8(b, p + 4, x.k1());
            Bytes.put8(b, p + 5, x.k2());
            Bytes.put8(b, p + 6, x.k3());
            Bytes.put8(b, p + 7, x.k4());
            Bytes.put8(b, p + 8, x.k5());
            Bytes.put8(b, p + 9, x.k6());
            Bytes.put16(b, p + 10, x.holdTime());
        } else if (t instanceof EigrpTlv.Authentication x) {
            Bytes.put16(b, p + 4, x.authType());
            Bytes.put16(b, p + 6, x.digest().length);
            Bytes.put32(b, p + 8, x.keyId());
            Bytes.put32(b, p + 12, x.keySequence());
            // 8 bytes of zero padding, then the digest
            System.arraycopy(x.digest(), 0, b, p + tlen - x.digest().length, x.digest().length);
        } else if (t instanceof EigrpTlv.Sequence x) {
            int q = p + 4;
            for (int a : x.addresses()) {
                Bytes.put8(b, q, 4);
                Bytes.put32(b, q + 1, a);
                q += 5;
            }
        } else if (t instanceof EigrpTlv.SoftwareVersion x) {
            Bytes.put8(b, p + 4, x.osMajor());
            Bytes.put8(b, p + 5, x.osMinor());
            Bytes.put8(b, p + 6, x.tlvMajor());
            Bytes.put8(b, p + 7, x.tlvMinor());
        } else if (t instanceof EigrpTlv.NextMulticastSequence x) {
            Bytes.put32(b, p + 4, x.sequence());
        } else if (t instanceof EigrpTlv.Stub x) {
            Bytes.put16(b, p + 4, x.flags());
        } else if (t instanceof EigrpTlv.PeerTermination x) {
            Bytes.put8(b, p + 4, 4);
            int q = p + 5;
            for (int a : x.addresses()) {
                Bytes.put32(b, q, a);
                q += 4;
            }
        } else if (t instanceof EigrpTlv.InternalRoute x) {
            Bytes.put32(b, p + 4, x.nextHop());
            writeMetric(b, p + 8, x.metric());
            writeDestination(b, p + INTERNAL_FIXED, x.prefix(), x.prefixLength());
        } else if (t instanceof EigrpTlv.ExternalRoute x) {
            Bytes.put32(b, p + 4, x.nextHop());
            Bytes.put32(b, p + 8, x.originatingRouter());
            Bytes.put32(b, p + 12, x.originatingAs());
            Bytes.put32(b, p + 16, x.tag());
            Bytes.put32(b, p + 20, x.externalMetric());
            Bytes.put8(b, p + 26, x.protocolId());
            Bytes.put8(b, p + 27, x.externalFlags());
            writeMetric(b, p + 28, x.metric());
            writeDestination(b, p + EXTERNAL_FIXED, x.prefix(), x.prefixLength());
        } else if (t instanceof EigrpTlv.WideInternalRoute x) {
            int q = writeMpHead(b, p, x.topology(), x.routerId(), x.metric(), x.nextHop());
            writeDestination(b, q, x.prefix(), x.prefixLength());
        } else if (t instanceof EigrpTlv.WideExternalRoute x) {
            int q = writeMpHead(b, p, x.topology(), x.routerId(), x.metric(), x.nextHop());
            Bytes.put32(b, q, x.originatingRouter());
            Bytes.put32(b, q + 4, x.originatingAs());
            Bytes.put32(b, q + 8, x.tag());
            Bytes.put32(b, q + 12, x.externalMetric());
            Bytes.put8(b, q + 18, x.protocolId());
            Bytes.put8(b, q + 19, x.externalFlags());
            writeDestination(b, q + MP_EXTERNAL_DATA, x.prefix(), x.prefixLength());
        } else if (t instanceof EigrpTlv.Unknown x) {
            System.arraycopy(x.value(), 0, b, p + 4, x.value().length);
        }
        return p + tlen;
    }

    /** Topology, AFI IPv4, router id, wide metric, next hop; returns where the rest goes. */
    private static int writeMpHead(byte[] b, int p, int topology, int routerId, EigrpTlv.Metric m, int nextHop) {
        Bytes.put16(b, p + 4, topology);
        Bytes.put16(b, p + 6, AFI_IPV4);
        Bytes.put32(b, p + 8, routerId);
        writeWideMetric(b, p + MP_METRIC, m);
        Bytes.put32(b, p + MP_METRIC + WIDE_METRIC_LEN, nextHop);
        return p + MP_METRIC + WIDE_METRIC_LEN + 4;
    }

    private static void writeMetric(byte[] b, int q, EigrpTlv.Metric m) {
        Bytes.put32(b, q, m.delay());
        Bytes.put32(b, q + 4, m.bandwidth());
        Bytes.put8(b, q + 8, m.mtu() >>> 16);
        Bytes.put16(b, q + 9, m.mtu());
        Bytes.put8(b, q + 11, m.hopCount());
        Bytes.put8(b, q + 12, m.reliability());
        Bytes.put8(b, q + 13, m.load());
        Bytes.put8(b, q + 14, m.internalTag());
        Bytes.put8(b, q + 15, m.flags());
    }

    private static void writeDestination(byte[] b, int q, int prefix, int plen) {
        Bytes.put8(b, q, plen);
        int a = prefix & mask(plen);
        for (int i = 0; i < (plen + 7) / 8; i++) Bytes.put8(b, q + 1 + i, a >>> (24 - 8 * i));
    }

    // ================================================================ MD5 authentication

    /** An MD5 Authentication TLV with an empty digest, to be filled by {@link #signMd5}. */
    public static EigrpTlv.Authentication md5Tlv(long keyId) {
        return new EigrpTlv.Authentication(AUTH_MD5, keyId, 0, new byte[MD5_LEN]);
    }

    /**
     * Fills the digest of the MD5 Authentication TLV that must follow the header directly, then the
     * checksum. Keyed MD5 as IOS computes it (RFC 7868 section 6, authentication TLV): MD5 over
     * the header and the TLV with checksum and digest zero, the key zero-padded (or cut) to 16
     * bytes, then the rest of the packet. Returns false when the packet has no such TLV.
     */
    public static boolean signMd5(byte[] b, int off, int len, byte[] key) {
        if (!hasMd5Tlv(b, off, len)) return false;
        byte[] d = md5Digest(b, off, len, key);
        System.arraycopy(d, 0, b, off + HEADER_LEN + AUTH_DIGEST_OFFSET, MD5_LEN);
        Bytes.put16(b, off + 2, 0);
        Bytes.put16(b, off + 2, Checksum.compute(b, off, len));
        return true;
    }

    /** True when a checked packet carries an MD5 Authentication TLV first and its digest matches key. */
    public static boolean verifyMd5(byte[] b, int off, int len, byte[] key) {
        if (!hasMd5Tlv(b, off, len)) return false;
        byte[] want = md5Digest(b, off, len, key);
        byte[] got = new byte[MD5_LEN];
        System.arraycopy(b, off + HEADER_LEN + AUTH_DIGEST_OFFSET, got, 0, MD5_LEN);
        return MessageDigest.isEqual(want, got);
    }

    /** True when the first TLV is an MD5 Authentication TLV of the right length. */
    public static boolean hasMd5Tlv(byte[] b, int off, int len) {
        return Bytes.inBounds(b, off, len) && len >= HEADER_LEN + AUTH_MD5_TLV_LEN
                && Bytes.u16(b, off + HEADER_LEN) == TLV_AUTH && Bytes.u16(b, off + HEADER_LEN + 2) == AUTH_MD5_TLV_LEN
                && Bytes.u16(b, off + HEADER_LEN + 4) == AUTH_MD5;
    }

    private static byte[] md5Digest(byte[] b, int off, int len, byte[] key) {
        byte[] head = new byte[HEADER_LEN + AUTH_MD5_TLV_LEN];
        System.arraycopy(b, off, head, 0, head.length);
        Bytes.put16(head, 2, 0);
        java.util.Arrays.fill(head, HEADER_LEN + AUTH_DIGEST_OFFSET, head.length, (byte) 0);
        byte[] k = new byte[MD5_LEN];
        System.arraycopy(key, 0, k, 0, Math.min(key.length, MD5_LEN));
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JCA algorithm", e);
        }
        md.update(head);
        md.update(k);
        md.update(b, off + head.length, len - head.length);
        return md.digest();
    }
}
