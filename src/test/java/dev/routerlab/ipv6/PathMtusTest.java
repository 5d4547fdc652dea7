package dev.routerlab.ipv6;

import dev.routerlab.packet.Ipv6Address;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 8201 §4-5.3: estimates only fall on a Packet Too Big, never below 1280, and are forgotten after 10 minutes. */
class PathMtusTest {
    private static final Ipv6Address A = Ipv6Address.parse("2001:DB8::1"), B = Ipv6Address.parse("2001:DB8::2");

    @Test
    void fallsNeverBelowTheMinimumAndAges() {
        PathMtus p = new PathMtus();
        assertEquals(1500, p.toward(A, 1500, 0));
        p.reduce(A, 1400, 0);
        assertEquals(1400, p.toward(A, 1500, 1));
        assertEquals(1300, p.toward(A, 1300, 1), "the first hop's MTU still bounds it");
        assertEquals(1500, p.toward(B, 1500, 1), "per destination");
        p.reduce(A, 1450, 2);
        assertEquals(1400, p.toward(A, 1500, 3), "a Packet Too Big never raises it");
        p.reduce(A, 600, 4);
        assertEquals(PathMtus.MINIMUM, p.toward(A, 1500, 5));
        assertEquals(PathMtus.MINIMUM, p.toward(A, 1500, 4 + PathMtus.AGE_NANOS - 1));
        assertEquals(1500, p.toward(A, 1500, 4 + PathMtus.AGE_NANOS));
    }

    @Test
    void boundedButExpiredEstimatesMakeRoom() {
        PathMtus p = new PathMtus();
        for (int i = 0; i < PathMtus.MAX; i++) p.reduce(new Ipv6Address(0x2001_0db8_ffff_0000L, i), 1400, 0);
        p.reduce(A, 1400, 1);
        assertEquals(1500, p.toward(A, 1500, 1), "full: not remembered");
        p.reduce(A, 1400, PathMtus.AGE_NANOS);
        assertEquals(1400, p.toward(A, 1500, PathMtus.AGE_NANOS));
    }
}
