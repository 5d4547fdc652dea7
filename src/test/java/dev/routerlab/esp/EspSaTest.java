package dev.routerlab.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EspSaTest {

    static Stream<Transform> transforms() {
        return EspTestSupport.allTransforms().stream();
    }

    @Test
    void everyCombinationIsCovered() {
        // 5 CBC/NULL ciphers x 6 integrity choices, minus null/none, plus two GCM sizes.
        assertEquals(6 * 6 - 1 + 2, EspTestSupport.allTransforms().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void roundTripAllSizes(Transform t) {
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 0x1000 + t.hashCode() % 1000, 64);
        SplittableRandom r = new SplittableRandom(42);
        long bytes = 0;
        for (int len = 0; len <= 300; len++) {
            byte[] inner = new byte[len];
            r.nextBytes(inner);
            int nh = r.nextInt(256);
            byte[] esp = p.out().encrypt(inner, nh);
            assertNotNull(esp);
            assertEquals(p.out().overhead(len) + len, esp.length);
            int ctLen = esp.length - 8 - t.encryption().ivLength() - t.icvLength();
            assertEquals(0, ctLen % t.encryption().alignment(), "padded to the block size");
            assertEquals(0, (esp.length - t.icvLength()) % 4, "trailer ends on a 4-octet boundary");
            DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class, p.in().decrypt(esp));
            assertArrayEquals(inner, ok.packet());
            assertEquals(nh, ok.nextHeader());
            assertEquals(len + 1, ok.sequence());
            bytes += len;
        }
        EspCounters o = p.out().counters();
        EspCounters i = p.in().counters();
        assertEquals(301, o.encaps());
        assertEquals(301, i.decaps());
        assertEquals(t.encryption() == EncryptionAlgorithm.NULL ? 0 : 301, o.encrypt());
        assertEquals(t.encryption() == EncryptionAlgorithm.NULL ? 0 : 301, i.decrypt());
        assertEquals(t.hasIntegrity() ? 301 : 0, o.digest());
        assertEquals(t.hasIntegrity() ? 301 : 0, i.verify());
        assertEquals(bytes, o.bytesOut());
        assertEquals(bytes, i.bytesIn());
        assertEquals(0, i.recvErrors());
        assertEquals(301, p.out().sequence());
    }

    @Test
    void paddingIsMonotonic() {
        Transform t = Transform.parse("esp-null esp-sha-hmac");
        EspSa out = EspSa.outbound(1, t, EspTestSupport.keymat(t, 1), new SplittableRandom(1));
        byte[] esp = out.encrypt(new byte[] {9}, 17); // 1 + 2 -> 1 pad octet to reach 4
        assertArrayEquals(new byte[] {9, 1, 1, 17}, Arrays.copyOfRange(esp, 8, 12));
        EspSa in = EspSa.inbound(1, t, EspTestSupport.keymat(t, 1));
        assertTrue(in.decrypt(esp).isOk());
        // A wrong padding octet under a valid ICV is still refused.
        byte[] badPad = esp.clone();
        badPad[9] = 2;
        assertEquals(DecryptResult.Dropped.of(EspDrop.BAD_PADDING), in.decrypt(resign(t, badPad)));
    }

    /** Recomputes the ICV of a NULL-cipher packet so that only the padding is wrong. */
    private static byte[] resign(Transform t, byte[] esp) {
        try {
            EspCrypto c = EspCrypto.create(t, EspTestSupport.keymat(t, 1), new SplittableRandom(1));
            int icv = t.icvLength();
            byte[] buf = esp.clone();
            buf[7] = 2; // a fresh sequence number for the replay window
            c.seal(buf, 0, buf.length - 8 - icv, 2, null);
            return buf;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void tamperedPacketsAreDroppedAndCounted(Transform t) {
        if (!t.hasIntegrity()) {
            return; // covered by encryptionOnlyTamperNeverThrows
        }
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 0x2222, 64);
        byte[] esp = p.out().encrypt(new byte[100], 4);
        int drops = 0;
        for (int i = 0; i < esp.length; i++) {
            byte[] bad = esp.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            DecryptResult r = p.in().decrypt(bad);
            DecryptResult.Dropped d = assertInstanceOf(DecryptResult.Dropped.class, r, "octet " + i);
            EspDrop expected = i < 4 ? EspDrop.WRONG_SPI
                    : (i < 8 && Arrays.equals(Arrays.copyOfRange(bad, 4, 8), new byte[4])) ? EspDrop.REPLAY
                    : EspDrop.AUTH_FAILED;
            assertEquals(expected, d.reason(), "octet " + i);
            drops++;
        }
        EspCounters c = p.in().counters();
        assertEquals(drops, c.recvErrors());
        assertEquals(esp.length - 4, c.authFailures());
        assertEquals(4, c.drops(EspDrop.WRONG_SPI));
        assertEquals(4, c.otherErrors());
        assertEquals(0, c.decaps());
        // The untouched packet still passes: failed packets did not move the window.
        assertTrue(p.in().decrypt(esp).isOk());
        // One octet short or one too many: the ciphertext no longer fills whole blocks.
        byte[] next = p.out().encrypt(new byte[100], 4);
        assertEquals(DecryptResult.Dropped.of(EspDrop.BAD_LENGTH), p.in().decrypt(next, 0, next.length - 1));
        assertEquals(DecryptResult.Dropped.of(EspDrop.BAD_LENGTH), p.in().decrypt(Arrays.copyOf(next, next.length + 1)));
        assertEquals(DecryptResult.Dropped.of(EspDrop.TRUNCATED), p.in().decrypt(next, 0, 8));
        assertTrue(p.in().decrypt(next).isOk());
    }

    @Test
    void encryptionOnlyTamperNeverThrows() {
        Transform t = Transform.parse("esp-aes 256");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 77, 64);
        assertEquals(0, p.in().replayWindowSize(), "no anti-replay without integrity (§3.4.3)");
        byte[] esp = p.out().encrypt(new byte[60], 4);
        for (int i = 0; i < esp.length; i++) {
            byte[] bad = esp.clone();
            bad[i] ^= 0x55;
            DecryptResult r = p.in().decrypt(bad);
            if (i < 4) {
                assertEquals(DecryptResult.Dropped.of(EspDrop.WRONG_SPI), r);
            }
        }
        // Flipping the last octet of the IV only changes the first block: trailer intact.
        byte[] ivFlip = esp.clone();
        ivFlip[8 + 15] ^= 1;
        assertTrue(p.in().decrypt(ivFlip).isOk());
        // Flipping the penultimate ciphertext block garbles the pad length of the last one.
        byte[] padFlip = esp.clone();
        padFlip[esp.length - 17 - 1] ^= 0x40;
        assertEquals(DecryptResult.Dropped.of(EspDrop.BAD_PADDING), p.in().decrypt(padFlip));
    }

    @Test
    void replayThroughTheSa() {
        Transform t = Transform.parse("esp-gcm 256");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 5, 64);
        byte[][] pkts = new byte[100][];
        for (int i = 0; i < pkts.length; i++) {
            pkts[i] = p.out().encrypt(new byte[] {(byte) i}, 4);
        }
        assertTrue(p.in().decrypt(pkts[99]).isOk());
        assertTrue(p.in().decrypt(pkts[50]).isOk(), "seq 51 is in the window of 100");
        assertSame(DecryptResult.Dropped.of(EspDrop.REPLAY), p.in().decrypt(pkts[50]), "duplicate");
        assertSame(DecryptResult.Dropped.of(EspDrop.REPLAY), p.in().decrypt(pkts[35]), "seq 36: 64 behind");
        assertTrue(p.in().decrypt(pkts[36]).isOk(), "seq 37: the left edge");
        assertEquals(2, p.in().counters().replayFailures());
        assertEquals(100, p.in().sequence());
    }

    @Test
    void replayDisabledAcceptsDuplicates() {
        Transform t = Transform.parse("esp-aes esp-sha-hmac");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 6, 0);
        byte[] esp = p.out().encrypt(new byte[20], 4);
        assertTrue(p.in().decrypt(esp).isOk());
        assertTrue(p.in().decrypt(esp).isOk());
    }

    @Test
    void largeReplayWindow() {
        Transform t = Transform.parse("esp-gcm");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 7, 1024);
        byte[][] pkts = new byte[1100][];
        for (int i = 0; i < pkts.length; i++) {
            pkts[i] = p.out().encrypt(new byte[0], 59);
        }
        assertTrue(p.in().decrypt(pkts[1099]).isOk());
        assertTrue(p.in().decrypt(pkts[76]).isOk(), "seq 77 = 1100 - 1023");
        assertFalse(p.in().decrypt(pkts[75]).isOk());
    }

    @Test
    void sequenceNumberMustNotCycle() {
        Transform t = Transform.parse("esp-aes esp-sha256-hmac");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 8, 64);
        p.out().setSequenceForTest(EspSa.MAX_SEQUENCE - 1);
        assertFalse(p.out().hardExpired());
        assertTrue(p.out().softExpired());
        byte[] last = p.out().encrypt(new byte[8], 4);
        assertNotNull(last);
        assertTrue(p.out().hardExpired());
        assertNull(p.out().encrypt(new byte[8], 4));
        assertEquals(1, p.out().counters().drops(EspDrop.SEQ_OVERFLOW));
        assertEquals(1, p.out().counters().sendErrors());
        DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class, p.in().decrypt(last));
        assertEquals(EspSa.MAX_SEQUENCE, ok.sequence());
    }

    @Test
    void volumeLifetime() {
        Transform t = Transform.parse("esp-3des esp-md5-hmac");
        byte[] km = EspTestSupport.keymat(t, 9);
        EspSa out = EspSa.outbound(9, t, km, new SplittableRandom(9), new EspLifetime(1000, 0));
        EspSa in = EspSa.inbound(9, t, km, 64, new EspLifetime(0, 10));
        byte[][] pkts = new byte[12][];
        for (int i = 0; i < 12; i++) {
            pkts[i] = out.encrypt(new byte[100], 4);
            assertEquals(i >= 8, out.softExpired(), "soft at 900 of 1000 octets, i=" + i);
        }
        for (int i = 0; i < 10; i++) {
            assertNotNull(pkts[i]);
        }
        assertNull(pkts[10], "hard limit reached after 1000 octets");
        assertEquals(2, out.counters().drops(EspDrop.LIFETIME_EXPIRED));
        for (int i = 0; i < 10; i++) {
            assertTrue(in.decrypt(pkts[i]).isOk());
            assertEquals(i >= 8, in.softExpired());
        }
        assertTrue(in.hardExpired());
        assertEquals(10, in.packetsUsed());
    }

    @Test
    void dummyPacketAndNextHeader59() {
        Transform t = Transform.parse("esp-gcm");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 10, 64);
        DecryptResult.Ok ok = assertInstanceOf(DecryptResult.Ok.class,
                p.in().decrypt(p.out().encrypt(new byte[0], EspEncapsulation.NEXT_HEADER_NONE)));
        assertEquals(59, ok.nextHeader());
        assertEquals(0, ok.length());
    }

    @Test
    void wrongDirectionAndArgumentsAreProgrammingErrors() {
        Transform t = Transform.parse("esp-gcm");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 11, 64);
        assertThrows(IllegalStateException.class, () -> p.in().encrypt(new byte[1], 4));
        assertThrows(IllegalStateException.class, () -> p.out().decrypt(new byte[40]));
        assertThrows(IllegalArgumentException.class, () -> p.out().encrypt(new byte[1], 256));
        assertThrows(IllegalArgumentException.class,
                () -> EspSa.outbound(1, t, new byte[19], new SplittableRandom(1)));
    }

    @Test
    void keysNeverPrinted() {
        for (Transform t : EspTestSupport.allTransforms()) {
            byte[] km = EspTestSupport.keymat(t, 12);
            EspSa out = EspSa.outbound(0xABCD, t, km, new SplittableRandom(1));
            String s = out + " " + out.counters() + " " + t;
            String hex = HexFormat.of().formatHex(km).toLowerCase();
            assertFalse(s.toLowerCase().contains(hex.substring(0, 8)), s);
            assertTrue(s.contains("spi=0x0000ABCD"), s);
        }
    }

    @Test
    void cbcIvsAreFreshAndFromTheInjectedSource() {
        Transform t = Transform.parse("esp-aes esp-sha-hmac");
        byte[] km = EspTestSupport.keymat(t, 13);
        EspSa a = EspSa.outbound(1, t, km, new SplittableRandom(99));
        EspSa b = EspSa.outbound(1, t, km, new SplittableRandom(99));
        List<byte[]> ivs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] x = a.encrypt(new byte[32], 4);
            assertArrayEquals(x, b.encrypt(new byte[32], 4), "same seed, same packets");
            byte[] iv = Arrays.copyOfRange(x, 8, 24);
            for (byte[] prev : ivs) {
                assertNotEquals(HexFormat.of().formatHex(prev), HexFormat.of().formatHex(iv));
            }
            ivs.add(iv);
        }
    }

    @Test
    void gcmIvIsTheSequenceNumber() {
        Transform t = Transform.parse("esp-gcm");
        EspTestSupport.Pair p = EspTestSupport.Pair.of(t, 14, 64);
        p.out().encrypt(new byte[4], 4);
        byte[] second = p.out().encrypt(new byte[4], 4);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 2}, Arrays.copyOfRange(second, 8, 16));
    }

    /** In place, the ESP packet is the copying API's byte for byte, and decryption leaves the inner packet where it was. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void inPlaceMatchesCopying(Transform t) {
        byte[] keymat = EspTestSupport.keymat(t, 7);
        EspSa copying = EspSa.outbound(9, t, keymat, new SplittableRandom(3));
        EspSa inPlace = EspSa.outbound(9, t, keymat, new SplittableRandom(3));
        EspSa in = EspSa.inbound(9, t, keymat);
        SplittableRandom r = new SplittableRandom(5);
        for (int len : new int[] {0, 1, 13, 64, 1400}) {
            byte[] inner = new byte[len];
            r.nextBytes(inner);
            byte[] expected = copying.encrypt(inner, 17);
            int head = inPlace.headerLength() + 30, tail = inPlace.maxTrailerLength();
            byte[] buf = new byte[head + len + tail];
            System.arraycopy(inner, 0, buf, head, len);
            int el = inPlace.encryptInPlace(buf, head, len, 17);
            int eo = head - inPlace.headerLength();
            assertArrayEquals(expected, Arrays.copyOfRange(buf, eo, eo + el));
            assertEquals(len, in.decryptInPlace(buf, eo, el));
            assertEquals(17, in.lastNextHeader());
            assertArrayEquals(inner, Arrays.copyOfRange(buf, head, head + len));
        }
        if (!t.hasIntegrity()) return;
        byte[] forged = copying.encrypt(new byte[20], 4);
        forged[forged.length - 1] ^= 1;
        assertEquals(-1, in.decryptInPlace(forged, 0, forged.length), "a forgery is dropped, counted");
        assertEquals(1, in.counters().drops(EspDrop.AUTH_FAILED));
    }
}
