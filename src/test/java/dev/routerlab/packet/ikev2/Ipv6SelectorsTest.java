package dev.routerlab.packet.ikev2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv6Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7296 §3.13.1 TS_IPV6_ADDR_RANGE (40 octets) and §3.5 ID_IPV6_ADDR. */
class Ipv6SelectorsTest {
    @Test
    void ipv6RangeRoundTripsBesideAnIpv4One() {
        Ipv6Address a = Ipv6Address.parse("2001:db8::1"), b = Ipv6Address.parse("2001:db8::ffff");
        TsPayload ts = new TsPayload(List.of(TsPayload.Selector.ipv6(47, 0, 65535, a, b),
                TsPayload.Selector.ipv4(0, 0, 65535, 0x0a000001, 0x0a0000ff)));
        byte[] body = ts.body();
        assertEquals(4 + 40 + 16, body.length);
        assertEquals(TsPayload.TS_IPV6_ADDR_RANGE, body[4]);
        assertEquals(40, body[7]);
        TsPayload back = TsPayload.decode(body);
        assertEquals(ts, back);
        assertEquals("2001:DB8::1-2001:DB8::FFFF proto 47 ports 0-65535", back.selectors().get(0).toString());
        body[7] = 39;                                        // a wrong length is refused
        assertNull(TsPayload.decode(body));
    }

    @Test
    void ipv6Identity() {
        IdPayload id = IdPayload.address(IpAddress.of(Ipv6Address.parse("2001:db8:23::3")));
        assertEquals(IdPayload.ID_IPV6_ADDR, id.idType());
        byte[] body = id.body();
        assertEquals(20, body.length);
        IdPayload back = IdPayload.decode(body);
        assertEquals(id, back);
        assertEquals("2001:DB8:23::3", back.toString());
        assertNull(IdPayload.decode(java.util.Arrays.copyOf(body, 12)));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 10, 0, 0, 1}, IdPayload.address(IpAddress.of(0x0a000001)).body());
    }
}
