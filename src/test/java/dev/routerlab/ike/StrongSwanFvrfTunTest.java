package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.count;
import static dev.routerlab.ike.CharonTunRouter.counters;
import static dev.routerlab.ike.CharonTunRouter.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Root only. strongSwan's charon (IKEv2, PSK) against a routerlab router whose TUN-bound
 * GigabitEthernet0/0 is in the front-door VRF INET: the crypto map on that interface, the IKEv2
 * profile with {@code match fvrf INET}, the protected LAN (Loopback0) in INET too, and no route
 * to charon in the global table (where a global Loopback1 has the same address as Loopback0). IKE
 * and ESP are sent and received in INET; `show crypto ikev2 sa` says INET/INET; both sides count
 * the same packets each way. Without {@code match fvrf INET} the profile answers in the global
 * table only and charon's IKE_AUTH fails.
 */
class StrongSwanFvrfTunTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanFvrfTunTest: " + why);
        r1 = new CharonTunRouter(tmp, (co, ro) -> """
                hostname R1
                vrf definition INET
                 address-family ipv4
                 exit-address-family
                crypto ikev2 proposal CBC128-19
                 encryption aes-cbc-128
                 integrity sha256
                 group 19
                crypto ikev2 policy POL
                 match fvrf INET
                 proposal CBC128-19
                crypto ikev2 keyring KR
                 peer CHARON
                  address %s
                  pre-shared-key %s
                crypto ikev2 profile PROF
                 match fvrf INET
                 match identity remote address %s 255.255.255.255
                 authentication remote pre-share
                 authentication local pre-share
                 keyring local KR
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 set ikev2-profile PROF
                 match address 101
                interface Loopback0
                 vrf forwarding INET
                 ip address 10.99.0.1 255.255.255.255
                interface Loopback1
                 ip address 10.99.0.1 255.255.255.255
                interface GigabitEthernet0/0
                 vrf forwarding INET
                 ip address %s 255.255.255.252
                 crypto map VPN
                 no shutdown
                ip route vrf INET 0.0.0.0 0.0.0.0 %s
                end
                """.formatted(co, StrongSwanHarness.PSK, co, co, ro, co));
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    @ParameterizedTest(name = "router initiates {0}")
    @ValueSource(booleans = {true, false})
    void ikev2AndEspInTheFrontDoorVrf(boolean routerInitiates) throws Exception {
        r1.cli("clear crypto session");
        String conn = routerInitiates ? "fvr" : "fvc";
        r1.h.load(r1.h.connection(2, conn, "aes128-sha256-ecp256", "aes128-sha1", false, 0, r1.charonOuter, r1.routerOuter),
                r1.charonOuter, r1.routerOuter);
        String gone = poll(() -> r1.cli("show crypto ikev2 sa"), l -> !l.contains("READY"), 10);
        assertFalse(gone.contains("READY"), gone);
        assertFalse(r1.cli("show ip route").contains(r1.co.substring(0, r1.co.lastIndexOf('.'))), "no route to charon in the global table");
        long[] before = counters(r1.cli("show crypto ipsec sa"));

        int n;
        if (routerInitiates) {
            String ping = r1.cli("ping vrf INET 10.98.0.1 source Loopback0");
            assertTrue(ping.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), ping + "\n" + r1.h.charonLogTail(40));
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            n = 7;
        } else {
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", conn + "-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + r1.h.charonLogTail(40));
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            String ping = r1.cli("ping vrf INET 10.98.0.1 source Loopback0");
            assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping + "\n" + r1.h.charonLogTail(40));
            n = 8;
        }
        String v2 = r1.cli("show crypto ikev2 sa");
        assertTrue(Pattern.compile("\n\\d+ +" + Pattern.quote(r1.ro + "/4500") + " +" + Pattern.quote(r1.co + "/4500")
                + " +INET/INET +READY  \n").matcher(v2).find(), v2);
        String sa = r1.cli("show crypto ipsec sa");
        assertTrue(sa.contains("   protected vrf: INET\n"), sa);
        long[] after = counters(sa);
        assertEquals(n, after[0] - before[0], "#pkts encaps\n" + sa);
        assertEquals(n, after[2] - before[2], "#pkts decaps\n" + sa);
        String session = r1.cli("show crypto session detail");
        assertTrue(session.contains(" fvrf: INET ivrf: INET\n"), session);

        Pattern inP = Pattern.compile("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        Pattern outP = Pattern.compile("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        String sas = poll(() -> r1.swanctl("--list-sas"), l -> count(inP, l) == n && count(outP, l) == n, 10);
        System.out.println("[router initiates " + routerInitiates + "]\n" + v2 + sa + sas.strip());
        assertTrue(sas.contains("IKEv2") && sas.contains("ESTABLISHED"), sas);
        assertTrue(sas.contains("INSTALLED, TUNNEL-in-UDP"), sas);
        assertEquals(n, count(inP, sas), "charon received what R1 encapsulated\n" + sas);
        assertEquals(n, count(outP, sas), "charon sent what R1 decapsulated\n" + sas);
    }

    /** The profile without `match fvrf INET` answers in the global table only: charon finds no peer in INET. */
    @Test
    void withoutMatchFvrfTheProfileDoesNotAnswerInTheVrf() throws Exception {
        r1.cli("clear crypto session");
        try {
            r1.h.load(r1.h.connection(2, "nf", "aes128-sha256-ecp256", "aes128-sha1", false, 0, r1.charonOuter, r1.routerOuter),
                    r1.charonOuter, r1.routerOuter);
            String cfg = r1.cli("configure terminal\ncrypto ikev2 profile PROF\nno match fvrf INET\nend");
            assertFalse(cfg.contains("%"), cfg);
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "nf-net", "--timeout", "15");
            assertNotEquals(0, r.exit(), "charon's initiation should fail:\n" + r.out());
            assertFalse(r1.cli("show crypto ikev2 sa").contains("READY"));
            assertFalse(r1.swanctl("--list-sas").contains("INSTALLED"));
        } finally {
            r1.cli("configure terminal\ncrypto ikev2 profile PROF\nmatch fvrf INET\nend");
            r1.cli("clear crypto session");
        }
    }
}
