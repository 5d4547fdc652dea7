package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only; about three minutes of wall time. Child SA and IKE SA rekeys (RFC 7296 §1.3.2,
 * §2.8, CREATE_CHILD_SA) between a routerlab router on a TUN and strongSwan's charon (swanctl
 * {@code version = 2}, PSK) under continuous traffic: charon's inner host pings R1's loopback
 * every 20 ms throughout, and not one echo may be lost.
 * <ol>
 * <li>charon initiates and rekeys: its Child SA every 10 s (without PFS) and its IKE SA every
 *     25 s; R1 answers as the responder of both rekeys and is told to delete the old SAs.</li>
 * <li>R1 initiates and rekeys: {@code lifetime 120} in its IKEv2 profile and
 *     {@code set security-association lifetime seconds 120} with {@code set pfs group14} in its
 *     crypto map (IOS's minimums) make it rekey both near 108 s, the Child SA with a KE payload;
 *     charon has no rekey of its own in this phase. R1 deletes the old SAs with INFORMATIONAL Deletes.</li>
 * </ol>
 * <p>It waits out IOS's shortest lifetimes on the wall clock, mostly idle: it runs beside the other classes (its own
 * names and subnets, {@link StrongSwanHarness}), not in their line (junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class StrongSwanIkev2RekeyTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanIkev2RekeyTest: " + why);
        r1 = new CharonTunRouter(tmp, (co, ro) -> """
                hostname R1
                crypto ikev2 proposal P
                 encryption aes-cbc-256
                 integrity sha256
                 group 14
                crypto ikev2 policy POL
                 proposal P
                crypto ikev2 keyring KR
                 peer CHARON
                  address %s
                  pre-shared-key %s
                crypto ikev2 profile PROF
                 match identity remote address %s 255.255.255.255
                 authentication remote pre-share
                 authentication local pre-share
                 keyring local KR
                 lifetime 120
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 set ikev2-profile PROF
                 set pfs group14
                 set security-association lifetime seconds 120
                 match address 101
                interface Loopback0
                 ip address 10.99.0.1 255.255.255.255
                interface GigabitEthernet0/0
                 ip address %s 255.255.255.252
                 crypto map VPN
                 no shutdown
                ip route 0.0.0.0 0.0.0.0 %s
                end
                """.formatted(co, StrongSwanHarness.PSK, co, co, ro, co));
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    /** charon's connection with these IKE and Child SA rekey times ("0": none) and ESP proposals. */
    private static String connection(String ikeRekey, String childRekey, String esp) {
        return r1.h.connection(2, "rk", "aes256-sha256-modp2048", esp, false, 0,
                        r1.charonOuter, r1.routerOuter)
                .replace("        rekey_time = 0\n", "        rekey_time = " + ikeRekey + "\n")
                .replace("start_action = none\n", "start_action = none\n                rekey_time = " + childRekey
                        + "\n                rand_time = 0\n");
    }

    /** Pings R1's loopback from charon's inner host every 20 ms for {@code seconds}; returns ping's summary. */
    private static Process flood(int seconds) throws Exception {
        return new ProcessBuilder("ip", "netns", "exec", r1.h.ns, "ping", "-D", "-O", "-i", "0.02", "-W", "2", "-c",
                Integer.toString(seconds * 50), "-I", "10.98.0.1", "10.99.0.1").redirectErrorStream(true).start();
    }

    private static void assertNoLoss(Process ping, int seconds) throws Exception {
        String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ping.waitFor();
        int n = seconds * 50;
        StringBuilder why = new StringBuilder("lost:");
        java.util.BitSet got = new java.util.BitSet();
        Matcher m = Pattern.compile("bytes from .* icmp_seq=(\\d+) ").matcher(out);
        while (m.find()) got.set(Integer.parseInt(m.group(1)));
        for (int i = 1; i <= n; i++) if (!got.get(i)) why.append(' ').append(i);
        why.append('\n');
        for (String l : out.split("\n")) if (l.contains("no answer") || l.contains("transmitted")) why.append(l).append('\n');
        for (String l : r1.h.charonLog().split("\n")) {
            if (l.contains("CREATE_CHILD_SA") || l.contains("INFORMATIONAL") || l.contains("rekey")) why.append(l).append('\n');
        }
        assertTrue(out.contains(n + " packets transmitted, " + n + " received"), why + r1.cli("show crypto ipsec sa"));
    }

    private static List<String> spis(String showIpsecSa) {
        Matcher m = Pattern.compile("current outbound spi: (0x[0-9A-F]+)").matcher(showIpsecSa);
        return m.find() ? List.of(m.group(1)) : List.of();
    }

    private static long count(String log, String needle) {
        return log.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void rekeysUnderTrafficLoseNothing() throws Exception {
        // 1. charon initiates and rekeys; R1 answers
        r1.h.load(connection("25s", "10s", "aes128-sha1"), r1.charonOuter, r1.routerOuter);
        StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "rk-net", "--timeout", "30");
        assertEquals(0, r.exit(), r.out() + "\n" + r1.h.charonLogTail(40));
        r1.awaitInstalled();
        String ike0 = r1.cli("show crypto ikev2 sa detail");
        String sa0 = r1.cli("show crypto ipsec sa");
        Process ping = flood(45);
        assertNoLoss(ping, 45);
        String log = r1.h.charonLog();
        System.out.println(r1.cli("show crypto ikev2 sa detail") + r1.swanctl("--list-sas"));
        assertTrue(count(log, "rekeyed between") >= 1, "charon rekeyed its IKE SA\n" + log);
        assertTrue(count(log, "generating CREATE_CHILD_SA request") >= 4, "IKE SA and Child SA rekeys\n" + log);
        assertTrue(count(log, "parsed CREATE_CHILD_SA response") >= 4, "R1 answered them\n" + log);
        assertTrue(log.lines().noneMatch(l -> l.contains("N(REKEY_SA)") && l.contains(" KE ")), "no PFS\n" + log);
        assertEquals(0, count(log, "N(NO_PROP)") + count(log, "N(TS_UNACCEPT)") + count(log, "N(TEMP_FAIL)"), log);
        String ike1 = r1.cli("show crypto ikev2 sa detail");
        assertFalse(ike1.equals(ike0));
        assertEquals(1, count(ike1, "READY"), "the old IKE SA is gone\n" + ike1);
        String sa1 = r1.cli("show crypto ipsec sa");
        assertFalse(spis(sa1).equals(spis(sa0)), sa1);
        assertEquals(1, count(sa1, "current outbound spi"), sa1);
        String list = r1.swanctl("--list-sas");
        assertEquals(1, count(list, "ESTABLISHED"), list);
        assertEquals(1, count(list, "INSTALLED"), "old Child SAs deleted\n" + list);
        assertFalse(list.contains("HMAC_SHA1_96/MODP_2048"), list);

        // 2. R1 initiates and rekeys (lifetimes 120 s) with PFS; charon only answers
        r1.cli("clear crypto session");
        poll(() -> r1.swanctl("--list-sas"), l -> !l.contains("ESTABLISHED"), 10);
        r1.h.load(connection("0", "0", "aes128-sha1-modp2048"), r1.charonOuter, r1.routerOuter);
        int mark = log.length();
        String ping1 = r1.cli("ping 10.98.0.1 source Loopback0");
        assertTrue(ping1.contains("Success rate is"), ping1);
        r1.awaitInstalled();
        Process ping2 = flood(125);
        assertNoLoss(ping2, 125);
        String log2 = r1.h.charonLog().substring(mark);
        System.out.println(r1.cli("show crypto ikev2 sa detail") + r1.swanctl("--list-sas"));
        assertEquals(0, count(log2, "generating CREATE_CHILD_SA request"), "charon did not rekey\n" + log2);
        assertTrue(log2.lines().anyMatch(l -> l.contains("parsed CREATE_CHILD_SA request") && l.contains("N(REKEY_SA)")
                && l.contains(" KE ")), "R1's Child SA rekey with PFS\n" + log2);
        assertTrue(log2.lines().anyMatch(l -> l.contains("parsed CREATE_CHILD_SA request") && l.contains("[ SA No KE ]")),
                "R1's IKE SA rekey\n" + log2);
        assertTrue(count(log2, "rekeyed between") >= 1, log2);
        assertTrue(count(log2, "parsed INFORMATIONAL request") >= 2, "R1 deleted the old SAs\n" + log2);
        String ike2 = r1.cli("show crypto ikev2 sa");
        assertEquals(1, count(ike2, "READY"), ike2);
        String list2 = r1.swanctl("--list-sas");
        assertEquals(1, count(list2, "ESTABLISHED"), list2);
        assertEquals(1, count(list2, "INSTALLED"), list2);
        assertTrue(list2.contains("HMAC_SHA1_96/MODP_2048"), "the rekeyed Child SA's keys came with PFS\n" + list2);
    }
}
