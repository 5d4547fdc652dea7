package dev.routerlab.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.packet.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@link FragmentIds}: RFC 7739 §5's hash-based Identifications, not a counter of the router's. */
class FragmentIdsTest {
    static final Ipv6Address SRC = Ipv6Address.parse("2001:db8:12::1"), A = Ipv6Address.parse("2001:db8:23::3"),
        B = Ipv6Address.parse("2001:db8:99::9");

    /** Counts what is drawn from it. */
    static final class Counting implements RandomGenerator {
        final SplittableRandom r;
        int draws;

        Counting(long seed) { r = new SplittableRandom(seed); }

        @Override public long nextLong() {
            draws++;
            return r.nextLong();
        }
    }

    @Test
    void sipHashGivesTheReferenceVector() {
        // SipHash-2-4's reference vector for key 00..0f and the 32-byte message 00..1f: ce 7c f2 72 2f 51 27 71
        Ipv6Address m0 = new Ipv6Address(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        Ipv6Address m1 = new Ipv6Address(0x1716151413121110L, 0x1f1e1d1c1b1a1918L);
        assertEquals(0x7127512f72f27cceL, FragmentIds.sipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, m0, m1));
    }

    @Test
    void identificationsFollowEachOtherPerDestinationOnlyAndComeFromTheRoutersSecret() {
        Counting random = new Counting(7);
        FragmentIds ids = new FragmentIds(random);
        assertEquals(0, random.draws, "nothing drawn before the first fragmented packet");
        List<Integer> toA = new ArrayList<>(), all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int a = ids.next(SRC, A), b = ids.next(SRC, B);
            toA.add(a);
            all.add(a);
            all.add(b);
        }
        assertTrue(random.draws > 0);
        int drawn = random.draws;
        for (int i = 1; i < toA.size(); i++) assertEquals(toA.get(i - 1) + 1, toA.get(i), "distinct while in flight: " + toA);
        for (int i = 1; i < all.size(); i++) {
            int step = all.get(i) - all.get(i - 1);
            assertTrue(step < 0 || step > 64, "a packet to A says nothing of the one to B before it: " + all);
        }
        assertEquals(drawn, random.draws, "the secrets are drawn once");
        assertNotEquals(1, toA.get(0), "not a counter from zero");

        FragmentIds same = new FragmentIds(new Counting(7)), other = new FragmentIds(new Counting(8));
        assertEquals(toA.get(0), same.next(SRC, A), "the same seed gives the same bytes (replays)");
        assertNotEquals(toA.get(0), other.next(SRC, A), "another router's secret gives another value");

        ids.reset();
        assertEquals(drawn, random.draws);
        int after = ids.next(SRC, A);
        assertEquals(2 * drawn, random.draws, "a reload draws new secrets");
        assertNotEquals(toA.get(toA.size() - 1) + 1, after);
    }
}
