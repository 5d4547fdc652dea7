package dev.routerlab.ip;

import dev.routerlab.packet.Ipv6Address;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 1191 §3/§6.3, RFC 8201 §4-5.3: estimates only fall, never below the floor, and are forgotten by the ager. */
class PathMtusTest {
    private static final Ipv6Address A = Ipv6Address.parse("2001:DB8::1"), B = Ipv6Address.parse("2001:DB8::2");

    @Test
    void fallsNeverBelowTheFloorAndAges() {
        PathMtus<Ipv6Address> p = new PathMtus<>(1280, 16);
        assertEquals(1500, p.toward(A, 1500, 0));
        p.reduce(A, 1400, 0);
        assertEquals(1400, p.toward(A, 1500, 1));
        assertEquals(1300, p.toward(A, 1300, 1), "the first hop's MTU still bounds it");
        assertEquals(1500, p.toward(B, 1500, 1), "per destination");
        p.reduce(A, 1450, 2);
        assertEquals(1400, p.toward(A, 1500, 3), "a report never raises it");
        p.reduce(A, 600, 4);
        assertEquals(1280, p.toward(A, 1500, 5));
        assertEquals(1280, p.toward(A, 1500, 4 + PathMtus.AGER_NANOS - 1));
        assertEquals(1500, p.toward(A, 1500, 4 + PathMtus.AGER_NANOS));
    }

    @Test
    void boundedButExpiredEstimatesMakeRoom() {
        PathMtus<Ipv6Address> p = new PathMtus<>(1280, 1024);
        for (int i = 0; i < 1024; i++) p.reduce(new Ipv6Address(0x2001_0db8_ffff_0000L, i), 1400, 0);
        p.reduce(A, 1400, 1);
        assertEquals(1500, p.toward(A, 1500, 1), "full: not remembered");
        p.reduce(A, 1400, PathMtus.AGER_NANOS);
        assertEquals(1400, p.toward(A, 1500, PathMtus.AGER_NANOS));
    }

    @Test
    void theAgerAndTheFloorAreTheOwnersAndInfiniteHolds() {
        PathMtus<Integer> p = new PathMtus<>(92, 16);
        p.aging(1450, 0);                                            // min-mtu 1450, age-timer infinite
        p.reduce(7, 1400, 0);
        assertEquals(1450, p.toward(7, 1500, Long.MAX_VALUE / 2), "held forever, at the floor");
        p.aging(92, 20 * 60_000_000_000L);
        p.reduce(8, 1300, 10);
        assertEquals(1300, p.toward(8, 1500, 10 + 20 * 60_000_000_000L - 1));
        assertEquals(java.util.List.of(new PathMtus.Learned<>(7, 1450, Long.MAX_VALUE), new PathMtus.Learned<>(8, 1300, 10 + 20 * 60_000_000_000L)),
            p.holding(11), "in the order learned");
        assertEquals(1500, p.toward(8, 1500, 10 + 20 * 60_000_000_000L));
        assertEquals(1, p.holding(10 + 20 * 60_000_000_000L).size());
    }
}
