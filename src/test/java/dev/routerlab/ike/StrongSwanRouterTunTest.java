package dev.routerlab.ike;

import dev.routerlab.Interop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.routerlab.ike.CharonTunRouter.count;
import static dev.routerlab.ike.CharonTunRouter.counters;
import static dev.routerlab.ike.CharonTunRouter.poll;

import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Root only. A whole routerlab router, not just the IKE engine, against strongSwan's charon: R1's
 * GigabitEthernet0/0 is bound to a TUN device that is moved into charon's namespace
 * (198.18.X.1/30 there, R1 is 198.18.X.2); a crypto map on Gi0/0 protects R1's Loopback0
 * 10.99.0.1 to charon's inner address 10.98.0.1 (on its lo). The matrix: Main Mode PSK
 * {aes128-sha1-modp1024, aes256-sha256-modp2048} x ESP {esp-aes esp-sha-hmac, esp-gcm} x
 * {R1 initiates (`.!!!!`, then charon pings back), charon initiates (`swanctl --initiate`, then
 * charon pings, then R1 pings `!!!!!`)}. Each scenario checks QM_IDLE, that `show crypto ipsec
 * sa` counted exactly the packets sent each way (the flow's counters accumulate across SAs, so
 * the increase over the scenario), UDP encapsulation (charon forces NAT-T), and that
 * `swanctl --list-sas` shows the CHILD_SA INSTALLED with the negotiated algorithms and the same
 * packet counts. One charon, namespace, TUN and router serve all scenarios: R1 is reconfigured
 * from its CLI and charon's swanctl.conf reloaded between them. The namespace, charon and the
 * TUN are removed even when a test fails.
 */
class StrongSwanRouterTunTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;
    private static StrongSwanHarness h;
    private static int charonOuter, routerOuter;
    private static String co, ro;
    private static final Pattern LIVE_QM_IDLE = Pattern.compile("QM_IDLE +\\d+ ACTIVE\n");

    record Scenario(String name, String ike, String policy, String esp, String transform, String espAlg,
                    String ikeAlg, boolean routerInitiates) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        String p1 = " encryption aes\n hash sha\n group 2\n", p2 = " encryption aes 256\n hash sha256\n group 14\n";
        String i1 = "AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024",
               i2 = "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048";
        Stream.Builder<Scenario> b = Stream.builder();
        for (boolean routerInit : new boolean[] {true, false}) {
            String who = routerInit ? "router initiates" : "charon initiates";
            b.add(new Scenario("aes128-sha1-modp1024/esp-aes-sha1, " + who, "aes128-sha1-modp1024", p1, "aes128-sha1",
                    "esp-aes esp-sha-hmac", "AES_CBC-128/HMAC_SHA1_96", i1, routerInit));
            b.add(new Scenario("aes128-sha1-modp1024/esp-gcm, " + who, "aes128-sha1-modp1024", p1, "aes128gcm16",
                    "esp-gcm", "AES_GCM_16-128", i1, routerInit));
            b.add(new Scenario("aes256-sha256-modp2048/esp-aes-sha1, " + who, "aes256-sha256-modp2048", p2, "aes128-sha1",
                    "esp-aes esp-sha-hmac", "AES_CBC-128/HMAC_SHA1_96", i2, routerInit));
            b.add(new Scenario("aes256-sha256-modp2048/esp-gcm, " + who, "aes256-sha256-modp2048", p2, "aes128gcm16",
                    "esp-gcm", "AES_GCM_16-128", i2, routerInit));
        }
        return b.build();
    }

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanRouterTunTest: " + why);
        r1 = new CharonTunRouter(tmp, (co, ro) -> """
                hostname R1
                crypto isakmp policy 10
                 encr aes
                 hash sha
                 authentication pre-share
                 group 2
                crypto isakmp key %s address %s
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 match address 101
                interface Loopback0
                 ip address 10.99.0.1 255.255.255.255
                interface GigabitEthernet0/0
                 ip address %s 255.255.255.252
                 crypto map VPN
                 no shutdown
                ip route 0.0.0.0 0.0.0.0 %s
                end
                """.formatted(StrongSwanHarness.PSK, co, co, ro, co));
        h = r1.h;
        charonOuter = r1.charonOuter;
        routerOuter = r1.routerOuter;
        co = r1.co;
        ro = r1.ro;
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void routerThroughTunAgainstCharon(Scenario s) throws Exception {
        // Both sides without SAs, R1 reconfigured, charon's connection replaced.
        r1.cli("clear crypto session");
        String conn = "rt" + Integer.toHexString(s.name().hashCode() & 0xfffffff);
        h.load(h.connection(conn, s.ike(), s.esp(), false, 0, charonOuter, routerOuter), charonOuter, routerOuter);
        String list = poll(() -> r1.swanctl("--list-sas"), l -> !l.contains("ESTABLISHED") && !l.contains("INSTALLED"), 10);
        assertFalse(list.contains("ESTABLISHED") || list.contains("INSTALLED"), "charon kept SAs after R1's DELETEs:\n" + list);
        String cfg = r1.cli("configure terminal\ncrypto isakmp policy 10\n" + s.policy()
                + "crypto ipsec transform-set TS " + s.transform() + "\nend");
        assertFalse(cfg.contains("%"), cfg);
        // the cleared ISAKMP SA lingers as `ACTIVE (deleted)`, as on IOS; no live one may be left
        String old = poll(() -> r1.cli("show crypto isakmp sa"), l -> !LIVE_QM_IDLE.matcher(l).find(), 10);
        assertFalse(LIVE_QM_IDLE.matcher(old).find(), old);
        long[] before = counters(r1.cli("show crypto ipsec sa"));

        int out, in; // packets R1 encapsulated / decapsulated in this scenario
        if (s.routerInitiates()) {
            String ping = r1.cli("ping 10.98.0.1 source Loopback0");
            assertTrue(ping.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), ping + "\n" + h.charonLogTail(40));
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            out = 7;
            in = 7;
        } else {
            StrongSwanHarness.Result r = h.swanctl("--initiate", "--child", conn + "-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out());
            // charon returns after sending QM3: wait until R1 has installed the SA
            String sa = poll(() -> r1.cli("show crypto ipsec sa"), l -> l.contains("Status: ACTIVE"), 15);
            assertTrue(sa.contains("Status: ACTIVE"), sa);
            r1.awaitInstalled();
            r1.pingFromCharon(3);
            String ping = r1.cli("ping 10.98.0.1 source Loopback0");
            assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping + "\n" + h.charonLogTail(40));
            out = 8;
            in = 8;
        }

        String isakmp = r1.cli("show crypto isakmp sa");
        String dst = s.routerInitiates() ? co : ro, src = s.routerInitiates() ? ro : co;
        assertTrue(Pattern.compile(Pattern.quote(dst) + " +" + Pattern.quote(src) + " +QM_IDLE +\\d+ ACTIVE\n")
                .matcher(isakmp).find(), isakmp);
        String sa = r1.cli("show crypto ipsec sa");
        long[] after = counters(sa);
        assertEquals(out, after[0] - before[0], "#pkts encaps\n" + sa);
        assertEquals(out, after[1] - before[1], "#pkts encrypt\n" + sa);
        assertEquals(in, after[2] - before[2], "#pkts decaps\n" + sa);
        assertEquals(in, after[3] - before[3], "#pkts decrypt\n" + sa);
        assertTrue(sa.contains("in use settings ={Tunnel UDP-Encaps, }"), sa);

        Pattern inP = Pattern.compile("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        Pattern outP = Pattern.compile("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        String sas = poll(() -> r1.swanctl("--list-sas"), l -> count(inP, l) == out && count(outP, l) == in, 10);
        System.out.println("[" + s + "]\n" + sas.strip());
        assertTrue(sas.contains("INSTALLED, TUNNEL-in-UDP"), sas);
        assertTrue(sas.contains(s.espAlg()), sas);
        assertTrue(sas.contains(s.ikeAlg()), sas);
        assertEquals(out, count(inP, sas), "charon received what R1 encapsulated\n" + sas);
        assertEquals(in, count(outP, sas), "charon sent what R1 decapsulated\n" + sas);
    }
}
