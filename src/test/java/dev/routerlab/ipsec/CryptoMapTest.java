package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

class CryptoMapTest {
    @Test
    void withoutTheMapR2DropsTheLoopbackTraffic() {
        Net n = CryptoLab.plain();
        String out = n.get("R1").exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("Success rate is 0 percent (0/5)"), out);
    }

    @Test
    void firstPingNegotiatesThenFourEchoesAreProtected() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), out);
        IpsecEngine c1 = r1.router.ipsec(), c3 = r3.router.ipsec();
        assertEquals(1, c1.pairs().size());
        assertEquals(1, c3.pairs().size());
        SaPair p1 = c1.pairs().get(0), p3 = c3.pairs().get(0);
        assertEquals(4, p1.out().counters().encaps());
        assertEquals(4, p1.in.counters().decaps());
        assertEquals(4, p3.in.counters().decaps());
        assertEquals(4, p3.out().counters().encaps());
        assertEquals(p1.child.outboundSpi(), p3.child.inboundSpi());
        out = r1.exec("ping 3.3.3.3 source 1.1.1.1 repeat 10");
        assertTrue(out.contains("!!!!!!!!!!\n"), out);
        assertEquals(14, p1.out().counters().encaps());
        // R3 answers 1.1.1.1 only through the SA; traffic outside the ACL stays clear
        out = r1.exec("ping 10.23.0.3");
        assertTrue(out.contains("!!!!!"), out);
        assertEquals(14, p1.out().counters().encaps());
    }

    @Test
    void clearTextThatShouldBeProtectedIsDropped() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        // R3 without its map: its replies to 1.1.1.1 arrive at R1 in clear and are dropped
        r3.config("interface GigabitEthernet0/0", "no crypto map VPN");
        n.get("R2").config("ip route 1.1.1.1 255.255.255.255 10.12.0.1", "ip route 3.3.3.3 255.255.255.255 10.23.0.3");
        r3.exec("ping 1.1.1.1 source 3.3.3.3");
        assertTrue(r1.router.ipsec().clearDropped() > 0);
    }

    @Test
    void takingTheMapOffDeletesItsSasAndRefusesNewOnes() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        assertTrue(r1.exec("ping 3.3.3.3 source 1.1.1.1").contains(".!!!!"));
        assertEquals(1, r3.router.ipsec().pairs().size());
        String log = r3.config("interface GigabitEthernet0/0", "no crypto map VPN");
        assertTrue(log.contains("%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is OFF"), log);
        assertEquals(0, r3.router.ipsec().pairs().size(), "R3's SAs went with its map");
        n.run(1);
        assertEquals(0, r1.router.ipsec().pairs().size(), "R1 was told (IKE Delete)");
        // no other crypto map uses the peer: its ISAKMP SA goes too, both sides (as a shut protected tunnel's)
        String deleted = "MM_NO_STATE       1001 ACTIVE (deleted)\n";
        String isa1 = r1.exec("show crypto isakmp sa"), isa3 = r3.exec("show crypto isakmp sa");
        assertTrue(isa3.contains(deleted), isa3);
        assertTrue(isa1.contains(deleted), isa1);
        assertTrue(!r3.exec("show crypto ipsec sa").contains("#pkts"), "nothing left to show");
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains("Success rate is 0 percent"), "a map that is not applied negotiates nothing: " + out);
        assertTrue(r3.pending().contains("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at"),
            "R3 refuses the new Quick Mode");
    }

    @Test
    void removingTheMapEntryDeletesItsSasAndTheIsakmpSa() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1"), r3 = n.get("R3");
        assertTrue(r1.exec("ping 3.3.3.3 source 1.1.1.1").contains(".!!!!"));
        String log = r1.config("no crypto map VPN 10");
        assertTrue(!log.contains("ISAKMP_ON_OFF"), "the map is still on the interface: " + log);
        n.run(1);
        assertEquals(0, r1.router.ipsec().pairs().size());
        assertEquals(0, r3.router.ipsec().pairs().size(), "R3 heard the Delete");
        String isa3 = r3.exec("show crypto isakmp sa");
        assertTrue(isa3.contains("10.23.0.3       10.12.0.1       MM_NO_STATE       1001 ACTIVE (deleted)\n"), isa3);
        // the entry back: negotiated afresh on demand
        r1.config(CryptoLab.cryptoMap("10.23.0.3", "1.1.1.1", "3.3.3.3"));
        String out = r1.exec("ping 3.3.3.3 source 1.1.1.1");
        assertTrue(out.contains(".!!!!"), out);
        assertTrue(r1.exec("show crypto isakmp sa").contains("QM_IDLE           1002 ACTIVE\n"));
    }
}
