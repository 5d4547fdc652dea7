package dev.routerlab.packet.nhrp;

import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.PacketError;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static dev.routerlab.packet.nhrp.Nhrp.*;
import static dev.routerlab.packet.nhrp.NhrpSamples.*;
import static org.junit.jupiter.api.Assertions.*;

class NhrpTest {
    static final HexFormat HEX = HexFormat.of();

    /**
     * Known answers: the same Registration Request assembled field by field and checksummed by an
     * independent script (Python struct + RFC 1071 sum), even and odd length (5.2.0.1: an odd
     * packet is summed as if padded with one zero byte).
     */
    @Test
    void registrationRequestKnownBytes() {
        byte[] p = registrationRequest(new NhrpBuilder(), SECRET);
        assertEquals("000108000000000000ff0058ab530034010304000404800200000001ac1002020a0000020a00000100ff00000578012c"
                + "000000008003000080040000800500008007000c00000001636973636f3132330009000080000000", HEX.formatHex(p));
        byte[] odd = registrationRequest(new NhrpBuilder(), "abc".getBytes());
        assertEquals("000108000000000000ff0053d5b50034010304000404800200000001ac1002020a0000020a00000100ff00000578012c"
                + "0000000080030000800400008005000080070007000000016162630009000080000000", HEX.formatHex(odd));
        assertEquals(83, odd.length);
        assertEquals(PacketError.OK, check(odd, 0, odd.length));
        assertEquals(0xd5b5, checksum(odd, 0));
    }

    @Test
    void checksumCoversWholePacket() {
        for (byte[] p : all()) {
            assertEquals(PacketError.OK, check(p, 0, p.length), typeName(type(p, 0)));
            assertTrue(Checksum.verify(p, 0, p.length, 0));
            for (int i = 0; i < p.length; i++) {
                if (i == O_PACKET_SIZE || i == O_PACKET_SIZE + 1) continue;      // a length change is caught as a length error
                byte[] bad = p.clone();
                bad[i] ^= 0x10;
                assertNotEquals(PacketError.OK, check(bad, 0, bad.length), "flip at " + i + " of " + typeName(type(p, 0)));
            }
        }
    }

    @Test
    void registrationRoundTrip() {
        byte[] p = registrationReply(new NhrpBuilder());
        assertEquals(PacketError.OK, check(p, 0, p.length));
        assertEquals(AFN_IPV4, afn(p, 0));
        assertEquals(PROTOCOL_IPV4, protocolType(p, 0));
        assertEquals(VERSION, version(p, 0));
        assertEquals(TYPE_REGISTRATION_REPLY, type(p, 0));
        assertEquals(255, hopCount(p, 0));
        assertEquals(p.length, packetSize(p, 0));
        assertEquals(52, extensionOffset(p, 0));
        assertEquals(FLAG_REGISTRATION_UNIQUE | FLAG_CISCO_NAT, flags(p, 0));
        assertEquals(1, requestId(p, 0));
        assertEquals(SPOKE_NBMA, sourceNbma(p, 0));
        assertEquals(SPOKE, sourceProtocol(p, 0));
        assertEquals(HUB, destinationProtocol(p, 0));
        int c = firstCie(p, 0);
        assertEquals(40, c);
        assertEquals(CODE_SUCCESS, cieCode(p, c));
        assertEquals(0xff, ciePrefixLength(p, c));
        assertEquals(32, ciePrefixLengthIpv4(p, c));
        assertEquals(1400, cieMtu(p, c));
        assertEquals(300, cieHoldingTime(p, c));
        assertEquals(0, cieNbma(p, c));
        assertEquals(0, cieProtocol(p, c));
        assertEquals(-1, nextCie(p, c, mandatoryEnd(p, 0)));

        int resp = findExtension(p, 0, EXT_RESPONDER_ADDRESS);
        assertTrue(extCompulsory(p, resp));
        int rc = extFirstCie(p, resp);
        assertEquals(HUB_NBMA, cieNbma(p, rc));
        assertEquals(HUB, cieProtocol(p, rc));
        assertEquals(-1, extFirstCie(p, findExtension(p, 0, EXT_FORWARD_TRANSIT_NHS)));
        int nat = findExtension(p, 0, EXT_CISCO_NAT_ADDRESS);
        assertFalse(extCompulsory(p, nat));
        assertEquals(SPOKE_NBMA, cieNbma(p, extFirstCie(p, nat)));
        assertTrue(authenticationMatches(p, 0, SECRET));
        assertFalse(authenticationMatches(p, 0, "cisco12".getBytes()));
        assertFalse(authenticationMatches(p, 0, "cisco124".getBytes()));
        assertEquals(-1, unknownCompulsoryExtension(p, 0));
        int types = 0;
        for (int e = firstExtension(p, 0); e >= 0; e = nextExtension(p, 0, e)) types = types * 16 + extType(p, e);
        assertEquals(0x345790, types, "Responder, Forward, Reverse, Authentication, NAT, End");
    }

    @Test
    void resolutionReplyCarriesPrefixAndTransitRecord() {
        byte[] p = resolutionReply(new NhrpBuilder());
        assertEquals(PacketError.OK, check(p, 0, p.length));
        assertEquals(FLAG_Q | FLAG_A | FLAG_D | FLAG_U | FLAG_S | FLAG_CISCO_NAT, flags(p, 0));
        int c = firstCie(p, 0);
        assertEquals(24, ciePrefixLengthIpv4(p, c));
        assertEquals(SPOKE2_NBMA, cieNbma(p, c));
        assertEquals(SPOKE2, cieProtocol(p, c));
        assertEquals(CIE_LEN_WITH_ADDRESSES, cieLength(p, c));
        int fwd = findExtension(p, 0, EXT_FORWARD_TRANSIT_NHS);
        assertTrue(transitRecordContains(p, fwd, HUB));
        assertFalse(transitRecordContains(p, fwd, SPOKE));
    }

    @Test
    void indicationsCarryContents() {
        byte[] ti = trafficIndication(new NhrpBuilder());
        assertEquals(PacketError.OK, check(ti, 0, ti.length));
        assertEquals(TRAFFIC_CODE_REDIRECT, trafficCode(ti, 0));
        assertEquals(-1, firstCie(ti, 0));
        assertEquals(28, contentsLength(ti, 0));
        assertEquals(ip("192.168.3.1"), dev.routerlab.packet.Ipv4.destination(ti, contentsOffset(0)));
        assertEquals(HUB, sourceProtocol(ti, 0));
        assertEquals(ip("192.168.2.1"), destinationProtocol(ti, 0));

        byte[] ei = errorIndication(new NhrpBuilder());
        assertEquals(PacketError.OK, check(ei, 0, ei.length));
        assertEquals(0, extensionOffset(ei, 0), "5.2.7: no extensions in an Error Indication");
        assertEquals(ERROR_HOP_COUNT_EXCEEDED, errorCode(ei, 0));
        assertEquals(O_HOP_COUNT, errorOffset(ei, 0));
        int inner = contentsOffset(0);
        assertEquals(PacketError.OK, check(ei, inner, contentsLength(ei, 0)));
        assertEquals(TYPE_RESOLUTION_REQUEST, type(ei, inner));
    }

    @Test
    void forwardedCopyKeepsMandatoryPartAndAppendsTransitNhs() {
        byte[] req = resolutionRequest(new NhrpBuilder());
        NhrpBuilder b = new NhrpBuilder();
        b.startCopy(req, 0).hopCount(hopCount(req, 0) - 1);
        for (int e = firstExtension(req, 0); e >= 0; e = nextExtension(req, 0, e)) {
            if (extType(req, e) == EXT_END) continue;
            b.copyExtension(req, e);
            if (extType(req, e) == EXT_FORWARD_TRANSIT_NHS) b.cie(CODE_SUCCESS, 32, 1400, 300, 0, SPOKE2_NBMA, SPOKE2);
        }
        byte[] f = b.toArray(36);
        assertEquals(PacketError.OK, check(f, 36, f.length - 36));
        assertEquals(253, hopCount(f, 36));
        assertEquals(requestId(req, 0), requestId(f, 36));
        int fwd = findExtension(f, 36, EXT_FORWARD_TRANSIT_NHS);
        assertTrue(transitRecordContains(f, fwd, HUB));
        assertTrue(transitRecordContains(f, fwd, SPOKE2));
        assertTrue(authenticationMatches(f, 36, SECRET));
    }

    @Test
    void unknownCompulsoryExtensionIsFound() {
        NhrpBuilder b = new NhrpBuilder();
        b.start(TYPE_RESOLUTION_REQUEST, 255, FLAG_Q, 3, SPOKE_NBMA, SPOKE, SPOKE2).cie(0, 0, 1400, 300, 0)
                .extension(0x1234, false).contents(new byte[]{1, 2, 3}, 0, 3)
                .extension(0x0777, true);
        byte[] p = b.toArray(0);
        assertEquals(PacketError.OK, check(p, 0, p.length));
        int e = unknownCompulsoryExtension(p, 0);
        assertEquals(0x0777, extType(p, e));
    }

    @Test
    void rejectsWhatItCannotRead() {
        byte[] good = registrationRequest(new NhrpBuilder(), SECRET);
        assertEquals(PacketError.TRUNCATED, check(null, 0, 10));
        assertEquals(PacketError.TRUNCATED, check(good, -1, 10));
        assertEquals(PacketError.TRUNCATED, check(good, 80, 20));
        assertEquals(PacketError.TRUNCATED, check(good, 0, 19));
        for (int n = 0; n < good.length; n++) assertNotEquals(PacketError.OK, check(good, 0, n), "length " + n);
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 7);          // link padding is ignored
        assertEquals(PacketError.OK, check(padded, 0, padded.length));

        assertEquals(PacketError.BAD_VERSION, check(patched(good, O_VERSION, 2), 0, good.length));
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, O_AFN + 1, 2), 0, good.length));          // IPv6 NBMA
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, O_PROTOCOL_TYPE, 0x86), 0, good.length));
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, O_TYPE, 9), 0, good.length));
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, O_SHTL, 16), 0, good.length));
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, O_SSTL, 4), 0, good.length));
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, O_SRC_PROTO_LEN, 16), 0, good.length));
        assertEquals(PacketError.BAD_LENGTH, check(patched16(good, O_EXTENSION_OFFSET, 12), 0, good.length));
        assertEquals(PacketError.BAD_LENGTH, check(patched16(good, O_EXTENSION_OFFSET, 200), 0, good.length));
        assertEquals(PacketError.TRUNCATED, check(patched16(good, O_EXTENSION_OFFSET, 50), 0, good.length));   // CIE cut
        assertEquals(PacketError.BAD_LENGTH, check(patched16(good, O_PACKET_SIZE, 8), 0, good.length));
        assertEquals(PacketError.UNSUPPORTED, check(patched(good, 40 + 8, 6), 0, good.length));              // CIE NBMA length
        // an extension running past the packet
        assertEquals(PacketError.TRUNCATED, check(patched16(good, 52 + 2, 400), 0, good.length));
        // End Of Extensions claiming a value past the end; then with a value inside padding
        assertEquals(PacketError.TRUNCATED, check(patched16(good, good.length - 2, 1), 0, good.length));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        longer[O_PACKET_SIZE + 1]++;
        longer[longer.length - 2] = 1;
        repairChecksum(longer);
        assertEquals(PacketError.BAD_FIELD, check(longer, 0, longer.length));
    }

    /** Every truncation and every random mutation (with the checksum repaired half the time) is answered without an exception. */
    @Test
    void fuzz() {
        Random rnd = new Random(0x2332);
        List<byte[]> seeds = all();
        int ok = 0;
        final int iterations = 20_000;
        for (int it = 0; it < iterations; it++) {
            byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] b = seed.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int pos = rnd.nextInt(b.length);
                b[pos] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : (byte) (b[pos] ^ (1 << rnd.nextInt(8)));
            }
            if (rnd.nextInt(4) == 0) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 8));
            if (rnd.nextBoolean() && b.length >= FIXED_HEADER_LEN) repairChecksum(b);
            int off = 0, len = b.length;
            if (rnd.nextInt(10) == 0) { off = rnd.nextInt(40) - 20; len = rnd.nextInt(200) - 20; }
            try {
                if (check(b, off, len) == PacketError.OK) {
                    ok++;
                    walk(b, off);
                }
            } catch (Throwable t) {
                fail("iteration " + it + " off " + off + " len " + len + ": " + HEX.formatHex(b), t);
            }
        }
        System.out.println("nhrp fuzz: " + iterations + " inputs, " + ok + " passed check and were walked");
        assertTrue(ok > iterations / 10, "enough mutated packets pass the check to reach the accessors: " + ok);
    }

    /** Reads everything an engine would read from a checked packet. */
    static void walk(byte[] b, int off) {
        int t = type(b, off);
        flags(b, off);
        requestId(b, off);
        sourceNbma(b, off);
        sourceProtocol(b, off);
        destinationProtocol(b, off);
        int end = mandatoryEnd(b, off);
        for (int c = firstCie(b, off); c >= 0; c = nextCie(b, c, end)) {
            cieCode(b, c);
            ciePrefixLengthIpv4(b, c);
            cieHoldingTime(b, c);
            cieNbma(b, c);
            cieProtocol(b, c);
        }
        if (!hasCies(t)) {
            int n = contentsLength(b, off);
            assertTrue(n >= 0);
        }
        for (int e = firstExtension(b, off); e >= 0; e = nextExtension(b, off, e)) {
            int x = extType(b, e);
            if (x == EXT_RESPONDER_ADDRESS || x == EXT_FORWARD_TRANSIT_NHS || x == EXT_REVERSE_TRANSIT_NHS
                    || x == EXT_CISCO_NAT_ADDRESS) {
                int ee = extEnd(b, e);
                for (int c = extFirstCie(b, e); c >= 0; c = nextCie(b, c, ee)) cieProtocol(b, c);
                transitRecordContains(b, e, HUB);
            }
        }
        authenticationMatches(b, off, SECRET);
        unknownCompulsoryExtension(b, off);
    }

    static void repairChecksum(byte[] b) {
        int size = Math.min(packetSize(b, 0), b.length);
        if (size < FIXED_HEADER_LEN) return;
        b[O_CHECKSUM] = 0;
        b[O_CHECKSUM + 1] = 0;
        int c = Checksum.compute(b, 0, size);
        b[O_CHECKSUM] = (byte) (c >>> 8);
        b[O_CHECKSUM + 1] = (byte) c;
    }

    static byte[] patched(byte[] p, int at, int v) {
        byte[] b = p.clone();
        b[at] = (byte) v;
        repairChecksum(b);
        return b;
    }

    static byte[] patched16(byte[] p, int at, int v) {
        byte[] b = p.clone();
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
        repairChecksum(b);
        return b;
    }
}
