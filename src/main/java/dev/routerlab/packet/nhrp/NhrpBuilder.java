package dev.routerlab.packet.nhrp;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;

import java.util.Arrays;

import static dev.routerlab.packet.nhrp.Nhrp.*;

/**
 * Writes one NHRP packet at a time into a reusable scratch buffer: {@code start...}, then CIEs
 * (or indication contents), then extensions (each {@link #extension} closes the previous one; CIEs
 * written after it go inside it), then {@link #finish} adds End Of Extensions and fills in
 * ar$pktsz, ar$extoff and ar$chksum. {@link #toArray} copies the packet out (the only allocation
 * per packet). Arguments are trusted; not thread-safe (one per engine).
 */
public final class NhrpBuilder {
    private byte[] buf = new byte[512];
    private int pos;
    private int extStart;
    private int openExt;
    private boolean finished;

    /** Starts a Resolution, Registration or Purge packet (5.2.1-5.2.6). */
    public NhrpBuilder start(int type, int hopCount, int flags, int requestId, int srcNbma, int srcProto, int dstProto) {
        if (!hasCies(type)) throw new IllegalArgumentException("type " + type + " has no request ID");
        fixed(type, hopCount);
        Bytes.put16(buf, O_FLAGS, flags);
        Bytes.put32(buf, O_REQUEST_ID, requestId);
        return addresses(srcNbma, srcProto, dstProto);
    }

    /** Starts an Error Indication (5.2.7); follow with {@link #contents} (the packet in error). No extensions. */
    public NhrpBuilder startErrorIndication(int hopCount, int errorCode, int errorOffset, int srcNbma, int srcProto,
                                            int dstProto) {
        fixed(TYPE_ERROR_INDICATION, hopCount);
        Bytes.put16(buf, O_FLAGS, 0);
        Bytes.put16(buf, O_ERROR_CODE, errorCode);
        Bytes.put16(buf, O_ERROR_OFFSET, errorOffset);
        return addresses(srcNbma, srcProto, dstProto);
    }

    /** Starts a Cisco Traffic Indication; follow with {@link #contents} (the data packet's header). */
    public NhrpBuilder startTrafficIndication(int hopCount, int trafficCode, int srcNbma, int srcProto, int dstProto) {
        fixed(TYPE_TRAFFIC_INDICATION, hopCount);
        Bytes.put16(buf, O_FLAGS, 0);
        Bytes.put16(buf, O_TRAFFIC_CODE, trafficCode);
        Bytes.put16(buf, O_TRAFFIC_CODE + 2, 0);
        return addresses(srcNbma, srcProto, dstProto);
    }

    /**
     * Starts a copy of a checked packet's fixed header and mandatory part (for an NHS that
     * forwards it, 5.2.1); its extensions are not copied: add them again with
     * {@link #copyExtension} or new ones.
     */
    public NhrpBuilder startCopy(byte[] b, int off) {
        int mandLen = Nhrp.mandatoryEnd(b, off) - off;
        reset(mandLen);
        System.arraycopy(b, off, buf, 0, mandLen);
        pos = mandLen;
        return this;
    }

    public NhrpBuilder hopCount(int hopCount) {
        buf[O_HOP_COUNT] = (byte) hopCount;
        return this;
    }

    /** A CIE without client addresses (as IOS sends in requests). */
    public NhrpBuilder cie(int code, int prefixLength, int mtu, int holdingTime, int preference) {
        ensure(CIE_HEADER_LEN);
        cieHeader(code, prefixLength, mtu, holdingTime, 0, 0, preference);
        return this;
    }

    /** A CIE with a client NBMA and protocol address. */
    public NhrpBuilder cie(int code, int prefixLength, int mtu, int holdingTime, int preference, int nbma, int protocol) {
        ensure(CIE_LEN_WITH_ADDRESSES);
        cieHeader(code, prefixLength, mtu, holdingTime, 4, 4, preference);
        Bytes.put32(buf, pos, nbma);
        Bytes.put32(buf, pos + 4, protocol);
        pos += 8;
        return this;
    }

    /** Copies the CIE at c of a checked packet, with a new code (a reply to a request, 5.2.4). */
    public NhrpBuilder copyCie(byte[] b, int c, int code) {
        int l = Nhrp.cieLength(b, c);
        ensure(l);
        System.arraycopy(b, c, buf, pos, l);
        buf[pos] = (byte) code;
        pos += l;
        return this;
    }

    /** Raw bytes: an indication's contents, or an extension's value. */
    public NhrpBuilder contents(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Opens an extension (5.3); what is written next, up to the next extension or finish, is its value. */
    public NhrpBuilder extension(int type, boolean compulsory) {
        closeExtension();
        if (extStart == 0) extStart = pos;
        ensure(EXT_HEADER_LEN);
        Bytes.put16(buf, pos, (compulsory ? EXT_COMPULSORY : 0) | (type & EXT_TYPE_MASK));
        Bytes.put16(buf, pos + 2, 0);
        openExt = pos;
        pos += EXT_HEADER_LEN;
        return this;
    }

    /** 5.3.4 Authentication extension as IOS sends it: type 1 (cleartext) and the secret. */
    public NhrpBuilder authentication(byte[] secret) {
        extension(EXT_AUTHENTICATION, true);
        ensure(4 + secret.length);
        Bytes.put32(buf, pos, AUTH_TYPE_CLEARTEXT);
        pos += 4;
        return contents(secret, 0, secret.length);
    }

    /** Copies the extension at e of a checked packet (header and value) and leaves it open for more CIEs. */
    public NhrpBuilder copyExtension(byte[] b, int e) {
        extension(Nhrp.extType(b, e), Nhrp.extCompulsory(b, e));
        return contents(b, Nhrp.extValue(e), Nhrp.extLength(b, e));
    }

    /**
     * Closes the packet: End Of Extensions when any extension was written, ar$pktsz, ar$extoff and
     * ar$chksum (5.2.0). Returns the packet length.
     */
    public int finish() {
        if (!finished) {
            if (extStart != 0) {
                extension(EXT_END, true);
                closeExtension();
            }
            Bytes.put16(buf, O_PACKET_SIZE, pos);
            Bytes.put16(buf, O_EXTENSION_OFFSET, extStart);
            Bytes.put16(buf, O_CHECKSUM, 0);
            Bytes.put16(buf, O_CHECKSUM, Checksum.compute(buf, 0, pos));
            finished = true;
        }
        return pos;
    }

    /** The finished packet in a new array of headroom + length bytes, the packet at offset headroom. */
    public byte[] toArray(int headroom) {
        int n = finish();
        byte[] p = new byte[headroom + n];
        System.arraycopy(buf, 0, p, headroom, n);
        return p;
    }

    /** The scratch buffer (valid until the next start): the finished packet is at [0, finish()). */
    public byte[] buffer() { return buf; }

    /** Bytes written so far. */
    public int length() { return pos; }

    private void fixed(int type, int hopCount) {
        reset(HEADERS_LEN);
        Arrays.fill(buf, 0, HEADERS_LEN, (byte) 0);
        Bytes.put16(buf, O_AFN, AFN_IPV4);
        Bytes.put16(buf, O_PROTOCOL_TYPE, PROTOCOL_IPV4);
        buf[O_HOP_COUNT] = (byte) hopCount;
        buf[O_VERSION] = VERSION;
        buf[O_TYPE] = (byte) type;
        buf[O_SHTL] = ADDRESS_TL_IPV4;
        buf[O_SSTL] = 0;
        buf[O_SRC_PROTO_LEN] = 4;
        buf[O_DST_PROTO_LEN] = 4;
    }

    private NhrpBuilder addresses(int srcNbma, int srcProto, int dstProto) {
        Bytes.put32(buf, O_SRC_NBMA, srcNbma);
        Bytes.put32(buf, O_SRC_PROTO, srcProto);
        Bytes.put32(buf, O_DST_PROTO, dstProto);
        pos = HEADERS_LEN;
        return this;
    }

    private void reset(int need) {
        pos = 0;
        extStart = 0;
        openExt = -1;
        finished = false;
        ensure(need);
    }

    private void cieHeader(int code, int prefixLength, int mtu, int holdingTime, int nbmaLen, int protoLen, int preference) {
        buf[pos] = (byte) code;
        buf[pos + 1] = (byte) prefixLength;
        Bytes.put16(buf, pos + 2, 0);
        Bytes.put16(buf, pos + 4, mtu);
        Bytes.put16(buf, pos + 6, holdingTime);
        buf[pos + 8] = (byte) nbmaLen;
        buf[pos + 9] = 0;
        buf[pos + 10] = (byte) protoLen;
        buf[pos + 11] = (byte) preference;
        pos += CIE_HEADER_LEN;
    }

    private void closeExtension() {
        if (openExt >= 0) {
            Bytes.put16(buf, openExt + 2, pos - openExt - EXT_HEADER_LEN);
            openExt = -1;
        }
    }

    private void ensure(int more) {
        if (finished) throw new IllegalStateException("packet already finished");
        int need = pos + more;
        if (need > 0xffff) throw new IllegalArgumentException("NHRP packet longer than 65535 bytes");
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
}
