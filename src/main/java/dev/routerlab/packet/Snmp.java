package dev.routerlab.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SNMP messages in BER (X.690 §8, definite lengths only): SNMPv1 (RFC 1157) and SNMPv2c (RFC
 * 1901) messages carrying the RFC 3416 PDUs, and the SNMPv3 message frame (RFC 3412 §6) with its
 * USM security parameters (RFC 3414 §2.4). {@link #parse} never throws: a malformed message is
 * null, and {@link #check} says why.
 */
public final class Snmp {
    private Snmp() {}

    public static final int PORT = 161, TRAP_PORT = 162;
    public static final int V1 = 0, V2C = 1, V3 = 3;

    /** PDU tags (RFC 3416 §3, context-specific constructed). */
    public static final int GET = 0xa0, GETNEXT = 0xa1, RESPONSE = 0xa2, SET = 0xa3, V1TRAP = 0xa4,
        GETBULK = 0xa5, INFORM = 0xa6, TRAP = 0xa7, REPORT = 0xa8;

    /** Value tags (RFC 2578 §7.1, RFC 3416 §3). */
    public static final int INTEGER = 0x02, OCTETS = 0x04, NULL = 0x05, OID = 0x06, SEQUENCE = 0x30,
        IPADDRESS = 0x40, COUNTER32 = 0x41, GAUGE32 = 0x42, TIMETICKS = 0x43, OPAQUE = 0x44, COUNTER64 = 0x46,
        NO_SUCH_OBJECT = 0x80, NO_SUCH_INSTANCE = 0x81, END_OF_MIB_VIEW = 0x82;

    /** error-status (RFC 3416 §3). */
    public static final int NO_ERROR = 0, TOO_BIG = 1, NO_SUCH_NAME = 2, BAD_VALUE = 3, READ_ONLY = 4, GEN_ERR = 5,
        NO_ACCESS = 6, WRONG_TYPE = 7, WRONG_LENGTH = 8, WRONG_VALUE = 10, NO_CREATION = 11, NOT_WRITABLE = 17;

    /** RFC 2578 §3.5: at most 128 sub-identifiers. */
    public static final int MAX_ARCS = 128;
    /** Nesting bound while skipping unknown constructed values. */
    private static final int MAX_DEPTH = 8;

    /** An object identifier; arcs are unsigned 32-bit values held in ints, ordered lexicographically. */
    public static final class Oid implements Comparable<Oid> {
        private final int[] arcs;

        private Oid(int[] arcs) { this.arcs = arcs; }

        public static Oid of(int... arcs) { return new Oid(arcs.clone()); }

        /** "1.3.6.1.2.1.1.1.0" (a leading dot allowed). */
        public static Oid parse(String s) {
            String t = s.startsWith(".") ? s.substring(1) : s;
            String[] p = t.split("\\.");
            int[] a = new int[p.length];
            for (int i = 0; i < p.length; i++) a[i] = (int) Long.parseLong(p[i]);
            return new Oid(a);
        }

        public int size() { return arcs.length; }

        public int arc(int i) { return arcs[i]; }

        /** This OID followed by more arcs. */
        public Oid append(int... more) {
            int[] a = Arrays.copyOf(arcs, arcs.length + more.length);
            System.arraycopy(more, 0, a, arcs.length, more.length);
            return new Oid(a);
        }

        public boolean startsWith(Oid prefix) {
            if (prefix.arcs.length > arcs.length) return false;
            return Arrays.equals(arcs, 0, prefix.arcs.length, prefix.arcs, 0, prefix.arcs.length);
        }

        @Override public int compareTo(Oid o) {
            int n = Math.min(arcs.length, o.arcs.length);
            for (int i = 0; i < n; i++) {
                int c = Integer.compareUnsigned(arcs[i], o.arcs[i]);
                if (c != 0) return c;
            }
            return Integer.compare(arcs.length, o.arcs.length);
        }

        @Override public boolean equals(Object o) { return o instanceof Oid x && Arrays.equals(arcs, x.arcs); }

        @Override public int hashCode() { return Arrays.hashCode(arcs); }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int a : arcs) {
                if (sb.length() > 0) sb.append('.');
                sb.append(Integer.toUnsignedString(a));
            }
            return sb.toString();
        }
    }

    /**
     * A value: its tag and, by tag, the number (INTEGER, the unsigned application types, Counter64
     * as an unsigned long), the octets (OCTET STRING, Opaque, IpAddress) or the OID.
     */
    public record Value(int tag, long number, byte[] octets, Oid oid) {
        public static Value integer(long v) { return new Value(INTEGER, v, null, null); }

        public static Value octets(byte[] b) { return new Value(OCTETS, 0, b, null); }

        public static Value string(String s) { return octets(s.getBytes(StandardCharsets.UTF_8)); }

        public static Value nul() { return new Value(NULL, 0, null, null); }

        public static Value oid(Oid o) { return new Value(OID, 0, null, o); }

        public static Value ipAddress(int a) {
            return new Value(IPADDRESS, 0, new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}, null);
        }

        public static Value counter32(long v) { return new Value(COUNTER32, v & 0xffff_ffffL, null, null); }

        /** Gauge32 (also Unsigned32): capped at 2^32-1 (RFC 2578 §7.1.7). */
        public static Value gauge32(long v) { return new Value(GAUGE32, Math.min(Math.max(v, 0), 0xffff_ffffL), null, null); }

        public static Value timeticks(long v) { return new Value(TIMETICKS, v & 0xffff_ffffL, null, null); }

        public static Value counter64(long v) { return new Value(COUNTER64, v, null, null); }

        public static Value exception(int tag) { return new Value(tag, 0, null, null); }

        public boolean isException() { return tag == NO_SUCH_OBJECT || tag == NO_SUCH_INSTANCE || tag == END_OF_MIB_VIEW; }

        @Override public boolean equals(Object o) {
            return o instanceof Value v && v.tag == tag && v.number == number && Arrays.equals(v.octets, octets)
                && java.util.Objects.equals(v.oid, oid);
        }

        @Override public int hashCode() { return tag * 31 + Long.hashCode(number); }

        @Override public String toString() {
            return switch (tag) {
                case OCTETS -> "\"" + new String(octets, StandardCharsets.ISO_8859_1) + "\"";
                case OID -> oid.toString();
                case NULL -> "NULL";
                default -> "0x" + Integer.toHexString(tag) + ":" + (octets != null ? HexString.of(octets) : Long.toUnsignedString(number));
            };
        }
    }

    private static final class HexString {
        static String of(byte[] b) {
            StringBuilder sb = new StringBuilder();
            for (byte x : b) sb.append(String.format("%02x", x & 0xff));
            return sb.toString();
        }
    }

    public record VarBind(Oid oid, Value value) {}

    /**
     * A PDU (RFC 3416 §3): for GetBulk errorStatus is non-repeaters and errorIndex max-repetitions.
     */
    public record Pdu(int type, int requestId, int errorStatus, int errorIndex, List<VarBind> bindings) {
        public int nonRepeaters() { return errorStatus; }

        public int maxRepetitions() { return errorIndex; }
    }

    /**
     * A message. v1/v2c: community and pdu. v3 (RFC 3412 §6): msgID, maxSize, flags (bit 0 auth,
     * bit 1 priv, bit 2 reportable), security model (3: USM), the USM parameters, and either the
     * scoped PDU (contextEngineID, contextName, pdu) or, with priv, the encrypted one.
     */
    public record Message(int version, byte[] community, Pdu pdu,
                          int msgId, int maxSize, int flags, int securityModel, Usm usm,
                          byte[] contextEngineId, byte[] contextName, byte[] encryptedPdu) {
        public static Message community(int version, byte[] community, Pdu pdu) {
            return new Message(version, community, pdu, 0, 0, 0, 0, null, null, null, null);
        }
    }

    /** UsmSecurityParameters (RFC 3414 §2.4). */
    public record Usm(byte[] engineId, int engineBoots, int engineTime, byte[] userName, byte[] authParams, byte[] privParams) {}

    // ------------------------------------------------------------------ parsing

    /** OK, or why the message at off..off+len cannot be parsed. Never throws. */
    public static PacketError check(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return PacketError.TRUNCATED;
        Reader r = new Reader(b, off, off + len);
        Message m = r.message();
        if (m != null) return PacketError.OK;
        return r.unsupported ? PacketError.UNSUPPORTED : PacketError.BAD_FIELD;
    }

    /** The message, or null when it is malformed (see {@link #check}); never throws. */
    public static Message parse(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return null;
        return new Reader(b, off, off + len).message();
    }

    /** The version field of a message whose outer SEQUENCE starts well, or -1 (for `Bad SNMP version`). */
    public static long version(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return -1;
        Reader r = new Reader(b, off, off + len);
        int end = r.enter(SEQUENCE);
        if (end < 0) return -1;
        r.end = end;
        return r.integer(INTEGER);
    }

    /** A scoped PDU (RFC 3412 §6.1) as it is once decrypted, or null; never throws. */
    public static Message parseScoped(Message outer, byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len)) return null;
        Reader r = new Reader(b, off, off + len);
        int end = r.enter(SEQUENCE);
        if (end < 0) return null;
        byte[] ce = r.octets(OCTETS);
        byte[] cn = r.octets(OCTETS);
        Pdu p = r.pdu();
        if (r.bad || p == null) return null;
        return new Message(V3, null, p, outer.msgId, outer.maxSize, outer.flags, outer.securityModel, outer.usm, ce, cn, null);
    }

    /** A bounded cursor; on the first error it sets {@code bad} and everything after returns sentinels. */
    private static final class Reader {
        final byte[] b;
        int pos, end;
        boolean bad, unsupported;
        int tagAt;       // the tag last read by header()

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        /** Reads a tag and definite length; returns the content length, or -1 (bad). */
        int header() {
            if (bad || pos + 2 > end) return fail();
            tagAt = b[pos++] & 0xff;
            if ((tagAt & 0x1f) == 0x1f) return fail();       // multi-byte tags: none in SNMP
            int l = b[pos++] & 0xff;
            if (l >= 0x80) {
                int n = l & 0x7f;
                if (n == 0 || n > 4 || pos + n > end) return fail();   // indefinite or too long
                long v = 0;
                for (int i = 0; i < n; i++) v = v << 8 | (b[pos++] & 0xff);
                if (v > Integer.MAX_VALUE) return fail();
                l = (int) v;
            }
            if (l > end - pos) return fail();
            return l;
        }

        int fail() {
            bad = true;
            return -1;
        }

        /** Enters a constructed value of that tag: returns its end, or -1. */
        int enter(int tag) {
            int l = header();
            if (l < 0 || tagAt != tag) return fail();
            return pos + l;
        }

        long integer(int tag) {
            int l = header();
            if (l < 0 || tagAt != tag || l == 0 || l > 9) return fail();
            if (l == 9 && b[pos] != 0) return fail();     // only an unsigned 64-bit value needs 9
            long v = tag == INTEGER && (b[pos] & 0x80) != 0 ? -1 : 0;
            for (int i = 0; i < l; i++) v = v << 8 | (b[pos++] & 0xff);
            return v;
        }

        int int32(int tag) {
            long v = integer(tag);
            if (bad || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) return fail();
            return (int) v;
        }

        byte[] octets(int tag) {
            int l = header();
            if (l < 0 || tagAt != tag) {
                fail();
                return null;
            }
            byte[] o = Arrays.copyOfRange(b, pos, pos + l);
            pos += l;
            return o;
        }

        Oid oid() {
            int l = header();
            if (l < 0 || tagAt != OID) return oidFail();
            return oidBody(l);
        }

        Oid oidFail() {
            fail();
            return null;
        }

        /** X.690 §8.19: the first two arcs in one sub-identifier, base-128 with no leading 0x80. */
        Oid oidBody(int l) {
            if (l == 0) return oidFail();
            int stop = pos + l;
            int[] a = new int[Math.min(l + 1, MAX_ARCS + 1)];
            int n = 0;
            boolean first = true;
            while (pos < stop) {
                long v = 0;
                if ((b[pos] & 0xff) == 0x80) return oidFail();
                while (true) {
                    if (pos >= stop) return oidFail();
                    int x = b[pos++] & 0xff;
                    v = v << 7 | (x & 0x7f);
                    if (v > 0xffff_ffffL + (first ? 80 : 0)) return oidFail();
                    if ((x & 0x80) == 0) break;
                }
                if (first) {
                    int x = v < 40 ? 0 : v < 80 ? 1 : 2;
                    a[n++] = x;
                    v -= 40L * x;
                    if (v > 0xffff_ffffL) return oidFail();
                    first = false;
                }
                if (n >= MAX_ARCS) return oidFail();
                a[n++] = (int) v;
            }
            return new Oid(Arrays.copyOf(a, n));
        }

        Value value() {
            int l = header();
            if (l < 0) return null;
            int tag = tagAt;
            switch (tag) {
                case INTEGER -> {
                    if (l == 0 || l > 4) return valueFail();      // Integer32
                    long v = (b[pos] & 0x80) != 0 ? -1 : 0;
                    for (int i = 0; i < l; i++) v = v << 8 | (b[pos++] & 0xff);
                    return Value.integer(v);
                }
                case COUNTER32, GAUGE32, TIMETICKS, COUNTER64 -> {
                    if (l == 0 || l > (tag == COUNTER64 ? 9 : 5)) return valueFail();
                    if (l == (tag == COUNTER64 ? 9 : 5) && b[pos] != 0) return valueFail();
                    long v = (b[pos] & 0x80) != 0 ? -1 : 0;
                    for (int i = 0; i < l; i++) v = v << 8 | (b[pos++] & 0xff);
                    if (tag != COUNTER64) {
                        if (v < 0 || v > 0xffff_ffffL) return valueFail();
                    } else if (l < 9 && v < 0) {
                        return valueFail();
                    }
                    return new Value(tag, v, null, null);
                }
                case OCTETS, OPAQUE -> {
                    byte[] o = Arrays.copyOfRange(b, pos, pos + l);
                    pos += l;
                    return new Value(tag, 0, o, null);
                }
                case IPADDRESS -> {
                    if (l != 4) return valueFail();
                    byte[] o = Arrays.copyOfRange(b, pos, pos + 4);
                    pos += 4;
                    return new Value(tag, 0, o, null);
                }
                case NULL, NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW -> {
                    if (l != 0) return valueFail();
                    return Value.exception(tag);
                }
                case OID -> {
                    Oid o = oidBody(l);
                    return o == null ? null : Value.oid(o);
                }
                default -> { return valueFail(); }
            }
        }

        Value valueFail() {
            fail();
            return null;
        }

        Pdu pdu() {
            int l = header();
            if (l < 0) return null;
            int type = tagAt;
            if (type < GET || type > REPORT) {
                fail();
                return null;
            }
            if (type == V1TRAP) {                // received, never answered: not parsed further
                unsupported = true;
                fail();
                return null;
            }
            int saved = end;
            end = pos + l;
            int id = int32(INTEGER);
            int es = int32(INTEGER);
            int ei = int32(INTEGER);
            int vEnd = enter(SEQUENCE);
            List<VarBind> binds = new ArrayList<>();
            if (!bad) {
                int outer = end;
                end = vEnd;
                while (!bad && pos < vEnd) {
                    int bEnd = enter(SEQUENCE);
                    if (bad) break;
                    int e2 = end;
                    end = bEnd;
                    Oid o = oid();
                    Value v = bad ? null : value();
                    if (!bad && pos != bEnd) fail();
                    end = e2;
                    if (!bad) binds.add(new VarBind(o, v));
                }
                end = outer;
            }
            if (!bad && pos != end) fail();
            end = saved;
            return bad ? null : new Pdu(type, id, es, ei, List.copyOf(binds));
        }

        Message message() {
            int mEnd = enter(SEQUENCE);
            if (bad) return null;
            end = mEnd;
            long version = integer(INTEGER);
            if (bad) return null;
            Message m;
            if (version == V1 || version == V2C) {
                byte[] community = octets(OCTETS);
                Pdu p = pdu();
                if (bad || p == null) return null;
                if (version == V1 && (p.type == GETBULK || p.type == INFORM || p.type == TRAP || p.type == REPORT)) {
                    fail();
                    return null;
                }
                m = Message.community((int) version, community, p);
            } else if (version == V3) {
                m = v3();
            } else {
                unsupported = true;
                fail();
                return null;
            }
            if (bad || m == null || pos != end) return null;
            return m;
        }

        Message v3() {
            int hEnd = enter(SEQUENCE);
            if (bad) return null;
            int outer = end;
            end = hEnd;
            int msgId = int32(INTEGER);
            int maxSize = int32(INTEGER);
            byte[] flags = octets(OCTETS);
            int model = int32(INTEGER);
            if (bad || pos != hEnd || flags.length != 1 || msgId < 0 || maxSize < 484 || model < 1) {
                fail();
                return null;
            }
            end = outer;
            byte[] sp = octets(OCTETS);
            if (bad) return null;
            Usm usm = null;
            if (model == 3) {
                Reader u = new Reader(sp, 0, sp.length);
                int uEnd = u.enter(SEQUENCE);
                if (u.bad) return fail3();
                u.end = uEnd;
                byte[] eid = u.octets(OCTETS);
                int boots = u.int32(INTEGER), time = u.int32(INTEGER);
                byte[] user = u.octets(OCTETS), auth = u.octets(OCTETS), priv = u.octets(OCTETS);
                if (u.bad || u.pos != sp.length || boots < 0 || time < 0 || eid.length > 32 || user.length > 32) return fail3();
                usm = new Usm(eid, boots, time, user, auth, priv);
            }
            int f = flags[0] & 0xff;
            if ((f & 3) == 2) return fail3();       // priv without auth (RFC 3412 §7.2 (5))
            if ((f & 2) != 0) {
                byte[] enc = octets(OCTETS);
                if (bad) return null;
                return new Message(V3, null, null, msgId, maxSize, f, model, usm, null, null, enc);
            }
            int sEnd = enter(SEQUENCE);
            if (bad) return null;
            end = sEnd;
            byte[] ce = octets(OCTETS);
            byte[] cn = octets(OCTETS);
            Pdu p = pdu();
            end = outer;
            if (bad || p == null) return null;
            return new Message(V3, null, p, msgId, maxSize, f, model, usm, ce, cn, null);
        }

        Message fail3() {
            fail();
            return null;
        }
    }

    // ------------------------------------------------------------------ encoding

    /** Encodes a v1/v2c message, or (v3) the whole message with the scoped or encrypted PDU. */
    public static byte[] encode(Message m) {
        Writer w = new Writer();
        if (m.version != V3) {
            w.seq(x -> {
                x.integer(INTEGER, m.version);
                x.octets(OCTETS, m.community);
                x.pdu(m.pdu);
            });
            return w.bytes();
        }
        w.seq(x -> {
            x.integer(INTEGER, V3);
            x.seq(h -> {
                h.integer(INTEGER, m.msgId);
                h.integer(INTEGER, m.maxSize);
                h.octets(OCTETS, new byte[] {(byte) m.flags});
                h.integer(INTEGER, m.securityModel);
            });
            x.octets(OCTETS, m.usm == null ? new byte[0] : usm(m.usm));   // another security model's: not kept
            if (m.encryptedPdu != null) x.octets(OCTETS, m.encryptedPdu);
            else x.raw(scopedPdu(m.contextEngineId, m.contextName, m.pdu));
        });
        return w.bytes();
    }

    /**
     * An SNMPv1 Trap-PDU message (RFC 1157 §4.1.6): enterprise, agent-addr, generic-trap,
     * specific-trap, time-stamp, then the bindings.
     */
    public static byte[] encodeV1Trap(byte[] community, Oid enterprise, int agentAddr, int generic, int specific,
                                      long timestamp, List<VarBind> bindings) {
        Writer w = new Writer();
        w.seq(x -> {
            x.integer(INTEGER, V1);
            x.octets(OCTETS, community);
            x.constructed(V1TRAP, t -> {
                t.oid(enterprise);
                t.value(Value.ipAddress(agentAddr));
                t.integer(INTEGER, generic);
                t.integer(INTEGER, specific);
                t.integer(TIMETICKS, timestamp & 0xffff_ffffL);
                t.seq(l -> {
                    for (VarBind vb : bindings) l.bind(vb);
                });
            });
        });
        return w.bytes();
    }

    /** A ScopedPDU (RFC 3412 §6.1). */
    public static byte[] scopedPdu(byte[] contextEngineId, byte[] contextName, Pdu p) {
        Writer w = new Writer();
        w.seq(s -> {
            s.octets(OCTETS, contextEngineId);
            s.octets(OCTETS, contextName);
            s.pdu(p);
        });
        return w.bytes();
    }

    public static byte[] usm(Usm u) {
        Writer w = new Writer();
        w.seq(s -> {
            s.octets(OCTETS, u.engineId);
            s.integer(INTEGER, u.engineBoots);
            s.integer(INTEGER, u.engineTime);
            s.octets(OCTETS, u.userName);
            s.octets(OCTETS, u.authParams);
            s.octets(OCTETS, u.privParams);
        });
        return w.bytes();
    }

    /** The encoded size of one variable binding (for GetBulk's packing, RFC 3416 §4.2.3). */
    public static int size(VarBind v) {
        Writer w = new Writer();
        w.bind(v);
        return w.out.size();
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] bytes() { return out.toByteArray(); }

        void length(int l) {
            if (l < 0x80) out.write(l);
            else if (l < 0x100) {
                out.write(0x81);
                out.write(l);
            } else if (l < 0x10000) {
                out.write(0x82);
                out.write(l >>> 8);
                out.write(l);
            } else {
                out.write(0x84);
                for (int s = 24; s >= 0; s -= 8) out.write(l >>> s);
            }
        }

        void tlv(int tag, byte[] content) {
            out.write(tag);
            length(content.length);
            out.writeBytes(content);
        }

        void raw(byte[] b) { out.writeBytes(b); }

        void constructed(int tag, java.util.function.Consumer<Writer> body) {
            Writer in = new Writer();
            body.accept(in);
            tlv(tag, in.bytes());
        }

        void seq(java.util.function.Consumer<Writer> body) { constructed(SEQUENCE, body); }

        /** Two's complement, minimal; unsigned types get a leading 0 when their top bit is set. */
        void integer(int tag, long v) {
            boolean unsigned = tag != INTEGER;
            byte[] full = new byte[9];
            for (int i = 0; i < 8; i++) full[8 - i] = (byte) (v >>> (8 * i));
            full[0] = unsigned || v >= 0 ? 0 : (byte) 0xff;
            int s = 0;
            while (s < 8 && (full[s] == 0 && (full[s + 1] & 0x80) == 0 || full[s] == (byte) 0xff && (full[s + 1] & 0x80) != 0)) s++;
            tlv(tag, Arrays.copyOfRange(full, s, 9));
        }

        void octets(int tag, byte[] b) { tlv(tag, b == null ? new byte[0] : b); }

        void oid(Oid o) {
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            int[] a = o.arcs;
            if (a.length < 2) {
                base128(c, a.length == 0 ? 0 : 40L * a[0]);
            } else {
                base128(c, 40L * a[0] + Integer.toUnsignedLong(a[1]));
                for (int i = 2; i < a.length; i++) base128(c, Integer.toUnsignedLong(a[i]));
            }
            tlv(OID, c.toByteArray());
        }

        static void base128(ByteArrayOutputStream c, long v) {
            int n = 1;
            while (n < 10 && v >>> (7 * n) != 0) n++;
            for (int i = n - 1; i >= 0; i--) c.write((int) (v >>> (7 * i) & 0x7f) | (i > 0 ? 0x80 : 0));
        }

        void value(Value v) {
            switch (v.tag) {
                case INTEGER, COUNTER32, GAUGE32, TIMETICKS, COUNTER64 -> integer(v.tag, v.number);
                case OID -> oid(v.oid);
                case NULL, NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW -> tlv(v.tag, new byte[0]);
                default -> octets(v.tag, v.octets);
            }
        }

        void bind(VarBind vb) {
            seq(s -> {
                s.oid(vb.oid);
                s.value(vb.value);
            });
        }

        void pdu(Pdu p) {
            constructed(p.type, x -> {
                x.integer(INTEGER, p.requestId);
                x.integer(INTEGER, p.errorStatus);
                x.integer(INTEGER, p.errorIndex);
                x.seq(l -> {
                    for (VarBind vb : p.bindings) l.bind(vb);
                });
            });
        }
    }
}
