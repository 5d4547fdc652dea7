package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Net;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A protected tunnel's transport and IP MTU leave room for ESP, as IOS 15 does: esp-aes
 * esp-sha-hmac in transport mode, path MTU 1500, gives `Tunnel transport MTU 1434 bytes` and a
 * DF ping of 1434 bytes passes, 1435 does not (as a real IOS 15 router does); the IPsec plaintext
 * MTU less GRE (tunnel mode: 1438 - 24), a VTI's being the plaintext MTU itself. Nothing then
 * leaves encrypted in fragments.
 */
class TunnelMtuTest {
    @ParameterizedTest
    @CsvSource({"transport,1434", "tunnel,1414", "vti,1438"})
    void protectedTunnelMtuLeavesRoomForEsp(String variant, int mtu) {
        boolean vti = variant.equals("vti");
        Net n = TunnelProtectionTest.lab(vti ? "tunnel" : variant, vti);
        Net.Node r1 = n.get("R1");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("Success rate is 80 percent (4/5)"), out);
        String si = r1.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Tunnel transport MTU " + mtu + " bytes\n"), si);
        assertTrue(si.contains("  MTU " + (vti ? 17916 : 17916) + " bytes,"), si);
        String sip = r1.exec("show ip interface Tunnel0");
        assertTrue(sip.contains("  MTU is " + mtu + " bytes\n"), sip);

        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + mtu + " df-bit");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size " + (mtu + 1) + " df-bit");
        assertTrue(out.contains("M") && out.contains("Success rate is 0 percent (0/5)"), out);

        // 1500 bytes without DF: fragmented before GRE and ESP, each fragment one unfragmented ESP packet
        IpInterface gi = r1.router.ip().get(InterfaceName.parse("GigabitEthernet0/0"));
        SaPair p1 = r1.router.ipsec().pairs().get(0);
        long encaps = p1.out().counters().encaps(), sent = gi.counters.packetsOut;
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 size 1500");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        assertEquals(10, p1.out().counters().encaps() - encaps, "two fragments per echo, each its own ESP packet");
        assertEquals(10, gi.counters.packetsOut - sent, "no ESP packet leaves in fragments");
    }
}
