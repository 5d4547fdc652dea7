package dev.routerlab.ikev2;

import static dev.routerlab.ikev2.Ikev2Pair.A;
import static dev.routerlab.ikev2.Ikev2Pair.B;
import static dev.routerlab.ikev2.Ikev2Pair.LAN_A;
import static dev.routerlab.ikev2.Ikev2Pair.LAN_B;
import static dev.routerlab.ikev2.Ikev2Pair.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.packet.ikev2.Ikev2Header;
import dev.routerlab.packet.ikev2.Ikev2Payloads;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7383 IKEv2 fragmentation between two engines in virtual time. */
class Ikev2FragmentationTest {

    static Ikev2Config fragmenting(Ikev2Config c, int mtu) {
        return new Ikev2Config(c.proposals(), c.policies(), c.keyrings(), c.profiles(), c.ipsecPolicies(), 0, mtu);
    }

    static Ikev2Pair pair(long seed, String enc, String integ, int mtuA, int mtuB) {
        Ikev2Config.Proposal pr = Ikev2Pair.proposal(enc, integ, 14);
        Ikev2Pair p = new Ikev2Pair(seed);
        return p.start(fragmenting(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", pr, "k1", "k1", null), mtuA),
                fragmenting(Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac", pr, "k1", "k1", null), mtuB));
    }

    private static boolean skf(Datagram d) { return Ikev2Header.nextPayload(d.payload(), 0) == Ikev2Payloads.SKF; }

    @ParameterizedTest(name = "{0} {1} mtu {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"aes-cbc-256|sha256|160", "aes-gcm-128|-|200", "aes-cbc-128|sha512|200"})
    void ikeAuthTravelsInFragmentsThatFitTheMtu(String enc, String integ, int mtu) {
        Ikev2Pair p = pair(7, enc, integ, mtu, mtu);
        p.acquire();
        p.run(3 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
        Ikev2EngineTest.assertPairWorks(p.ra.live().get(0), p.rb.live().get(0));
        long fragments = p.wire.stream().filter(Ikev2FragmentationTest::skf).count();
        assertTrue(fragments >= 4, "IKE_AUTH request and response each in two fragments at least: " + fragments);
        for (Datagram d : p.wire) {
            if (skf(d)) assertTrue(d.payload().length <= mtu - 28, "a fragment fits the MTU less IP and UDP: " + d.payload().length);
        }
        assertEquals(1, p.a.counters().reassembled);
        assertEquals(1, p.b.counters().reassembled);
        assertEquals(p.a.counters().fragmentsOut, p.b.counters().fragmentsIn);
        assertEquals(p.b.counters().fragmentsOut, p.a.counters().fragmentsIn);
        assertTrue(p.a.sas().get(0).fragmentation());
    }

    @Test
    void onlyWhenBothSidesSupportIt() {
        Ikev2Pair p = pair(8, "aes-cbc-256", "sha256", 200, 0);
        p.acquire();
        p.run(3 * S);
        assertEquals(1, p.ra.live().size());
        assertEquals(4, p.wire.size(), "B sent no IKEV2_FRAGMENTATION_SUPPORTED: whole messages");
        assertNoFragments(p);
        assertTrue(!p.a.sas().get(0).fragmentation());
    }

    private static void assertNoFragments(Ikev2Pair p) {
        assertEquals(0, p.wire.stream().filter(Ikev2FragmentationTest::skf).count());
    }

    /** The MTU is the SA's: turning fragmentation off afterwards must not cut its DELETE into scraps. */
    @Test
    void anSaKeepsItsFragmentMtuWhenTheConfigurationChanges() {
        Ikev2Pair p = pair(11, "aes-cbc-256", "sha256", 200, 200);
        p.acquire();
        p.run(3 * S);
        assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
        p.a.reconfigure(fragmenting(p.a.config(), 0));
        int before = p.wire.size();
        p.a.clearAll();
        p.run(3 * S);
        assertEquals(0, p.b.sas().size(), "B took A's DELETE");
        assertTrue(p.wire.subList(before, p.wire.size()).stream().noneMatch(Ikev2FragmentationTest::skf),
                "a DELETE that fits goes whole");
    }

    @Test
    void aLostFragmentIsSentAgainWithTheWholeMessage() {
        Ikev2Pair p = pair(9, "aes-cbc-256", "sha256", 200, 200);
        Set<String> seen = new HashSet<>();
        // the first copy of the request's second fragment is lost on the way
        p.drop = d -> skf(d) && d.source() == A && d.payload()[Ikev2Header.LENGTH + 5] == 2 && seen.add("lost");
        p.acquire();
        p.run(10 * S);
        assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
        assertTrue(p.a.counters().retransmissions >= 1);
        assertEquals(1, p.b.counters().reassembled);
    }

    @Test
    void aTamperedFragmentIsDiscardedAndCounted() {
        Ikev2Pair p = pair(10, "aes-gcm-256", null, 200, 200);
        Set<String> seen = new HashSet<>();
        p.nat = (d, fromA) -> {
            if (!fromA || !skf(d) || !seen.add("tampered")) return d;
            byte[] b = d.payload().clone();               // the sender keeps its copy for retransmission
            b[b.length - 1] ^= 1;                              // its ICV no longer checks
            return new Datagram(d.source(), d.sourcePort(), d.destination(), d.destinationPort(), b);
        };
        p.acquire();
        p.run(10 * S);
        assertEquals(1, p.b.counters().fragmentsDropped);
        assertEquals(1, p.rb.live().size(), "the retransmission completes it");
    }

    @Test
    void reassemblyIsBounded() {
        Ikev2Fragments f = new Ikev2Fragments(1, false);
        assertEquals(Ikev2Fragments.Result.REFUSED, f.add(1, Ikev2Fragments.MAX_FRAGMENTS + 1, 35, new byte[10]));
        assertEquals(Ikev2Fragments.Result.REFUSED, f.add(3, 2, 0, new byte[10]));
        assertEquals(Ikev2Fragments.Result.STORED, f.add(2, 2, 0, new byte[10]));
        assertEquals(Ikev2Fragments.Result.DUPLICATE, f.add(2, 2, 0, new byte[10]));
        assertEquals(Ikev2Fragments.Result.STORED, f.add(1, 3, 35, new byte[] {1}), "a larger total starts over (§2.6)");
        assertEquals(Ikev2Fragments.Result.REFUSED, f.add(2, 2, 0, new byte[10]), "a smaller total is discarded");
        assertEquals(Ikev2Fragments.Result.REFUSED, f.add(2, 3, 0, new byte[Ikev2Fragments.MAX_BYTES]));
        assertEquals(Ikev2Fragments.Result.STORED, f.add(3, 3, 0, new byte[] {3}));
        assertEquals(Ikev2Fragments.Result.COMPLETE, f.add(2, 3, 0, new byte[] {2}));
        assertEquals(35, f.firstPayload());
        assertEquals(3, f.content().length);
        assertEquals(2, f.content()[1]);
    }
}
