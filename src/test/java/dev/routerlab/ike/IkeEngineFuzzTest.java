package dev.routerlab.ike;

import static dev.routerlab.ike.IkePair.A;
import static dev.routerlab.ike.IkePair.B;
import static dev.routerlab.ike.IkePair.MS;
import static dev.routerlab.ike.IkePair.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.packet.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile datagrams into live engines: random bytes, and mutations and replays of the very
 * messages the two engines exchanged (so cookies and message IDs are real and the deep paths —
 * decryption, hashes, quick mode, informational — are reached). No exception may escape, the
 * engine must never hit its internal-error guard, the established SAs must survive, and a new
 * negotiation must still succeed afterwards.
 */
class IkeEngineFuzzTest {
    static final int ITERATIONS = 12_000;

    @Test
    void hostileDatagramsNeitherCrashNorDisturbTheEngines() {
        IkePair p = new IkePair(31);
        p.nat = true;
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024),
                "esp-aes esp-sha-hmac", DhGroup.MODP_1024);
        p.a.reconfigure(p.a.config().withDpd(new DpdSettings(5, 2, true)));
        p.acquire();
        p.run(12 * S);
        assertEquals(1, p.ra.live().size());
        List<Datagram> seeds = new ArrayList<>(p.wire);
        long establishedA = p.a.counters().phase2Established;

        SplittableRandom r = new SplittableRandom(0xf022);
        for (int i = 0; i < ITERATIONS; i++) {
            Datagram s = seeds.get(r.nextInt(seeds.size()));
            byte[] b;
            int kind = r.nextInt(10);
            if (kind == 0) {
                b = new byte[r.nextInt(400)];
                r.nextBytes(b);
            } else if (kind == 1) {
                b = s.payload().clone(); // a plain replay
            } else {
                b = dev.routerlab.packet.isakmp.IsakmpFuzzTest.mutate(s.payload(), r);
            }
            boolean toB = s.source() != B;
            int dstPort = r.nextInt(4) == 0 ? (s.destinationPort() == 500 ? 4500 : 500) : s.destinationPort();
            Datagram d = toB ? new Datagram(IkePair.NAT, s.sourcePort(), B, dstPort == 1500 ? 500 : dstPort, b)
                    : new Datagram(B, s.sourcePort(), A, dstPort == 14500 ? 4500 : dstPort == 1500 ? 500 : dstPort, b);
            (toB ? p.b : p.a).receive(d);
            if (i % 1000 == 0) p.run(100 * MS);
        }
        p.run(S);
        for (Recorder rec : List.of(p.ra, p.rb)) {
            assertTrue(rec.debug.stream().noneMatch(l -> l.contains("internal error")),
                    rec.debug.stream().filter(l -> l.contains("internal error")).findFirst().orElse(""));
        }
        IkeCounters ca = p.a.counters(), cb = p.b.counters();
        System.out.println("engine fuzz: A " + ca + "\n             B " + cb);
        assertTrue(ca.malformed + cb.malformed > 1000, "malformed " + ca + " " + cb);
        // Replays are answered a few times at most: the engines are no amplifier (and never loop).
        assertTrue(ca.datagramsOut + cb.datagramsOut < 100, "answers to hostile input: " + ca + " " + cb);
        assertTrue(ca.duplicates + cb.duplicates + ca.decryptFailed + cb.decryptFailed + ca.hashFailed + cb.hashFailed > 100);
        // The SA pair survives, and DPD still gets answers.
        assertEquals(1, p.ra.live().size(), p.ra.downReasons.toString());
        assertEquals(1, p.rb.live().size(), p.rb.downReasons.toString());
        long acked = ca.dpdAcked;
        p.run(11 * S);
        assertTrue(p.a.counters().dpdAcked > acked);
        assertTrue(p.ra.dead.isEmpty());
        // A new negotiation (another proxy pair) still completes.
        IpsecPolicy m = p.a.config().ipsecPolicies().get(0);
        ProxyPair other = new ProxyPair(ProxyId.host(Ipv4Address.parse("10.1.0.9")), ProxyId.host(Ipv4Address.parse("10.2.0.9")));
        p.b.reconfigure(p.b.config().withIpsecPolicies(List.of(new IpsecPolicy("d", List.of(), List.of(), m.transformSets(),
                null, 3600, 4_608_000))));
        assertTrue(p.a.acquire(A, B, m.withPfs(null), other));
        p.run(2 * S);
        assertEquals(establishedA + 1, p.a.counters().phase2Established);
        assertEquals(2, p.ra.live().size());
    }

    @Test
    void floodOfFirstMessagesIsBounded() {
        IkePair p = new IkePair(32);
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm", null);
        p.acquire();
        p.run(S);
        byte[] mm1 = p.wire.get(0).payload();
        for (int i = 0; i < 5000; i++) {
            byte[] b = mm1.clone();
            b[0] = (byte) i;
            b[1] = (byte) (i >> 8);
            p.b.receive(new Datagram(A + 1 + i, 500, B, 500, b));
        }
        assertTrue(p.b.isakmpSas().size() <= IkeEngine.MAX_HALF_OPEN + 1);
        p.run(120 * S);
        assertEquals(1, p.b.isakmpSas().size(), "half-open SAs die by retransmission and are removed");
    }
}
