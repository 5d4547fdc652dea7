package dev.routerlab.packet.isakmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.packet.PacketError;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through every ISAKMP check: random bytes, every truncation, and mutations
 * (bit flips, length fields, next-payload fields, inserted and removed octets) of real
 * messages. No exception may escape a check; whatever a check accepts must decode and re-encode
 * to a chain that checks again.
 */
public class IsakmpFuzzTest {
    static final int ITERATIONS = 100_000;

    static List<byte[]> seeds() {
        List<byte[]> s = new ArrayList<>();
        s.add(Payloads.message(1, 0, ExchangeType.IDENTITY_PROTECTION, 0, 0, IsakmpCodecTest.mm1Payloads()));
        s.add(Payloads.message(1, 2, ExchangeType.QUICK_MODE, 0, 5, IsakmpCodecTest.qmPayloads()));
        s.add(Payloads.message(1, 2, ExchangeType.INFORMATIONAL, 0, 6, List.of(new HashPayload(new byte[20]),
                NotificationPayload.of(1, NotifyType.R_U_THERE, IsakmpHeader.cookiePair(1, 2), new byte[4]))));
        // Main Mode with signatures (RFC 2409 §5.1): MM3 with a CERTREQ, MM5 with CERT and SIG
        s.add(Payloads.message(1, 2, ExchangeType.IDENTITY_PROTECTION, 0, 0, IsakmpCodecTest.mm3SigPayloads()));
        s.add(Payloads.message(1, 2, ExchangeType.IDENTITY_PROTECTION, 0, 0, IsakmpCodecTest.mm5SigPayloads()));
        return s;
    }

    @Test
    void noExceptionEscapesAndAcceptedInputRoundTrips() {
        SplittableRandom r = new SplittableRandom(0x15a4a9);
        List<byte[]> seeds = seeds();
        int accepted = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            byte[] b;
            if (r.nextInt(6) == 0) {
                b = new byte[r.nextInt(200)];
                r.nextBytes(b);
            } else {
                b = mutate(seeds.get(r.nextInt(seeds.size())), r);
            }
            int off = 0, len = b.length;
            switch (r.nextInt(8)) {
                case 0 -> len = r.nextInt(b.length + 1);
                case 1 -> off = Math.min(b.length, r.nextInt(40));
                case 2 -> {
                    off = r.nextInt(60) - 30;
                    len = r.nextInt(300) - 30;
                }
                default -> { }
            }
            if (off >= 0 && len >= 0 && off <= b.length && len > b.length - off) len = b.length - off;
            accepted += exercise(b, off, len) ? 1 : 0;
        }
        assertTrue(accepted > 1000, "the mutations should still reach deep decoding: " + accepted);
    }

    @Test
    void everyTruncationOfRealMessagesIsRejectedOrConsistent() {
        for (byte[] m : seeds()) {
            for (int len = 0; len <= m.length; len++) exercise(m, 0, len);
            for (int cut = 28; cut < m.length; cut++) {
                byte[] t = java.util.Arrays.copyOf(m, cut);
                // Length field still claims the full message: the header check refuses it.
                assertEquals(PacketError.TRUNCATED, IsakmpHeader.check(t, 0, t.length));
                int first = IsakmpHeader.nextPayload(t, 0);
                PacketError e = Payloads.check(t, 28, t.length - 28, first);
                assertTrue(e != PacketError.OK, "truncated at " + cut);
            }
        }
    }

    /** Runs every check on the input; returns true when a whole message chain was accepted. */
    static boolean exercise(byte[] b, int off, int len) {
        UdpEncapsulation.classify(b, off, len);
        for (int type = 0; type < 256; type += (type < 24 ? 1 : 37)) {
            PacketError e = Payloads.checkBody(type, b, off, len);
            if (e == PacketError.OK && type != 0) {
                Payload p = Payloads.decodeBody(type, b, off, len);
                byte[] again = p.body();
                assertEquals(PacketError.OK, Payloads.checkBody(type, again, 0, again.length), "re-encoded " + type);
            }
        }
        TransformPayload.check(b, off, len);
        ProposalPayload.check(b, off, len);
        Attribute.checkList(b, off, len);
        if (IsakmpHeader.check(b, off, len) != PacketError.OK) return false;
        int l = (int) IsakmpHeader.length(b, off);
        int first = IsakmpHeader.nextPayload(b, off);
        if (Payloads.check(b, off + 28, l - 28, first) != PacketError.OK) return false;
        Payloads.Chain c = Payloads.decode(b, off + 28, l - 28, first);
        byte[] re = Payloads.encode(c.payloads());
        assertEquals(PacketError.OK, Payloads.check(re, 0, re.length, Payloads.firstType(c.payloads())));
        assertEquals(c.payloads(), Payloads.decode(re, 0, re.length, Payloads.firstType(c.payloads())).payloads());
        return true;
    }

    public static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(7)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> { // a payload length or the header length
                    int p = r.nextBoolean() ? 26 : 28 + r.nextInt(Math.max(1, b.length - 30));
                    if (p + 1 < b.length) {
                        b[p] = (byte) r.nextInt(3);
                        b[p + 1] = (byte) r.nextInt(256);
                    }
                }
                case 3 -> { // a next-payload field
                    int p = r.nextBoolean() ? 16 : 28 + r.nextInt(Math.max(1, b.length - 28));
                    if (p < b.length) b[p] = (byte) new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20, 21, 99}[r.nextInt(17)];
                }
                case 4 -> { // drop octets
                    int at = r.nextInt(b.length), k = Math.min(b.length - at, 1 + r.nextInt(8));
                    byte[] c = new byte[b.length - k];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + k, c, at, b.length - at - k);
                    b = c.length > 0 ? c : b;
                }
                case 5 -> { // insert octets
                    int at = r.nextInt(b.length + 1), k = 1 + r.nextInt(8);
                    byte[] c = new byte[b.length + k];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at, c, at + k, b.length - at);
                    b = c;
                }
                default -> { // keep lengths consistent after the change: fix the header length
                    if (b.length >= 28) {
                        b[24] = 0;
                        b[25] = 0;
                        b[26] = (byte) (b.length >>> 8);
                        b[27] = (byte) b.length;
                    }
                }
            }
        }
        return b;
    }
}
