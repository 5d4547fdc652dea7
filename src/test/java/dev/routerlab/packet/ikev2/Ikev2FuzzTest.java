package dev.routerlab.packet.ikev2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every IKEv2 codec on hostile input: random octets and mutations of valid encodings (bit
 * flips, truncations, extensions, length fields rewritten). No exception may escape; what
 * decodes re-encodes to octets that decode to the same value.
 */
public class Ikev2FuzzTest {
    static final int PER_CODEC = 15_000;

    public static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b;
        switch (r.nextInt(5)) {
            case 0 -> {
                b = seed.clone();
                for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> b = java.util.Arrays.copyOf(seed, seed.length == 0 ? 0 : r.nextInt(seed.length + 1));
            case 2 -> {
                b = java.util.Arrays.copyOf(seed, seed.length + 1 + r.nextInt(16));
                for (int i = seed.length; i < b.length; i++) b[i] = (byte) r.nextInt(256);
            }
            case 3 -> {
                b = seed.clone();
                if (b.length >= 4) {
                    int at = r.nextInt(b.length - 1);
                    b[at] = (byte) r.nextInt(256);
                    b[at + 1] = (byte) r.nextInt(256);
                }
            }
            default -> {
                b = new byte[r.nextInt(64)];
                r.nextBytes(b);
            }
        }
        return b;
    }

    static <T> int fuzz(String name, List<byte[]> seeds, Function<byte[], T> decode, Function<T, byte[]> encode, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int decoded = 0;
        for (int i = 0; i < PER_CODEC; i++) {
            byte[] in = mutate(seeds.get(r.nextInt(seeds.size())), r);
            T v = decode.apply(in);
            if (v == null) continue;
            decoded++;
            byte[] again = encode.apply(v);
            T w = decode.apply(again);
            assertTrue(w != null, name + " re-encoding does not decode");
            assertArrayEquals(again, encode.apply(w), name);
        }
        return decoded;
    }

    static SaPayload sa() {
        return new SaPayload(List.of(
                new SaPayload.Proposal(1, SaPayload.PROTO_IKE, new byte[0], List.of(new SaPayload.Transform(SaPayload.ENCR, 12, 256),
                        new SaPayload.Transform(SaPayload.PRF, 5, -1), new SaPayload.Transform(SaPayload.INTEG, 12, -1),
                        new SaPayload.Transform(SaPayload.DH, 14, -1))),
                new SaPayload.Proposal(2, SaPayload.PROTO_ESP, new byte[] {1, 2, 3, 4},
                        List.of(new SaPayload.Transform(SaPayload.ENCR, 20, 128), new SaPayload.Transform(SaPayload.ESN, 0, -1)))));
    }

    @Test
    void everyPayloadCodecSurvivesHostileInput() {
        int total = 0;
        total += PER_CODEC;
        assertTrue(fuzz("SA", List.of(sa().body()), SaPayload::decode, SaPayload::body, 1) > 0);
        total += PER_CODEC;
        fuzz("KE", List.of(new KePayload(19, new byte[64]).body()), KePayload::decode, KePayload::body, 2);
        total += PER_CODEC;
        fuzz("ID", List.of(IdPayload.address(0x0a000001).body(), IdPayload.fqdn("r1.example").body()), IdPayload::decode,
                IdPayload::body, 3);
        total += PER_CODEC;
        fuzz("AUTH", List.of(new AuthPayload(AuthPayload.SHARED_KEY_MIC, new byte[32]).body()), AuthPayload::decode,
                AuthPayload::body, 4);
        total += PER_CODEC;
        fuzz("N", List.of(NotifyPayload.of(NotifyPayload.INVALID_KE_PAYLOAD, new byte[] {0, 19}).body(),
                new NotifyPayload(3, new byte[] {1, 2, 3, 4}, NotifyPayload.REKEY_SA, new byte[0]).body()),
                NotifyPayload::decode, NotifyPayload::body, 5);
        total += PER_CODEC;
        fuzz("D", List.of(new DeletePayload(SaPayload.PROTO_ESP, List.of(7, 9)).body(),
                new DeletePayload(SaPayload.PROTO_IKE, List.of()).body()), DeletePayload::decode, DeletePayload::body, 6);
        total += PER_CODEC;
        fuzz("TS", List.of(new TsPayload(List.of(TsPayload.Selector.ipv4(0, 0, 65535, 0x0a010000, 0x0a0100ff),
                TsPayload.Selector.ipv4(47, 0, 65535, 1, 1))).body()), TsPayload::decode, TsPayload::body, 7);
        // the generic chain and the header, over whole messages
        byte[] chain = Ikev2Payloads.chain(List.of(new Ikev2Payloads.Raw(Ikev2Payloads.SA, false, sa().body()),
                new Ikev2Payloads.Raw(Ikev2Payloads.NONCE, false, new byte[32]),
                new Ikev2Payloads.Raw(Ikev2Payloads.NOTIFY, true, NotifyPayload.of(NotifyPayload.COOKIE, new byte[8]).body())));
        byte[] msg = new byte[Ikev2Header.LENGTH + chain.length];
        Ikev2Header.write(msg, 0, 1, 0, Ikev2Payloads.SA, Ikev2Header.IKE_SA_INIT, Ikev2Header.FLAG_INITIATOR, 0, msg.length);
        System.arraycopy(chain, 0, msg, Ikev2Header.LENGTH, chain.length);
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 2 * PER_CODEC; i++) {
            byte[] m = mutate(msg, r);
            if (Ikev2Header.check(m, 0, m.length).ok()) {
                int len = (int) Ikev2Header.length(m, 0);
                List<Ikev2Payloads.Raw> l = Ikev2Payloads.parse(m, Ikev2Header.LENGTH, len - Ikev2Header.LENGTH,
                        Ikev2Header.nextPayload(m, 0));
                if (l != null) {
                    byte[] again = Ikev2Payloads.chain(l);
                    List<Ikev2Payloads.Raw> w = Ikev2Payloads.parse(again, 0, again.length, l.isEmpty() ? 0 : l.get(0).type());
                    assertEquals(l.size(), w.size());
                    for (int k = 0; k < l.size(); k++) assertArrayEquals(l.get(k).body(), w.get(k).body());
                }
            }
            Ikev2Header.majorVersion(m, r.nextInt(4), m.length);
            Ikev2Payloads.parse(m, r.nextInt(m.length + 2) - 1, r.nextInt(m.length + 2) - 1, r.nextInt(256));
            total++;
        }
        assertTrue(total >= 100_000, "inputs: " + total);
    }
}
