package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. IKEv2 liveness (RFC 7296 §2.4) between a routerlab router on a TUN and strongSwan's
 * charon (swanctl {@code version = 2}, PSK): charon's DPD (empty INFORMATIONAL requests every
 * 2 s) is answered and its SA stays; then charon is killed (SIGKILL: it says nothing) and R1
 * finds it dead, once with the global {@code crypto ikev2 dpd 10 2 periodic} and once with its
 * profile's {@code dpd 10 2 on-demand} (which overrides the global one) and traffic to send,
 * deleting its SAs with {@code %CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is DOWN}.
 * <p>It waits out DPD's timers on the wall clock, mostly idle: it runs beside the other classes (its own
 * names and subnets, {@link StrongSwanHarness}), not in their line (junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class StrongSwanIkev2DpdTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanIkev2DpdTest: " + why);
        r1 = new CharonTunRouter(tmp, (co, ro) -> """
                hostname R1
                logging buffered 16384
                crypto ikev2 proposal P
                 encryption aes-gcm-128
                 prf sha256
                 group 19
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
                crypto ikev2 dpd 10 2 periodic
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 set ikev2-profile PROF
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

    private static void up(int charonDpd) throws Exception {
        r1.h.load(r1.h.connection(2, "dpd", "aes128gcm16-prfsha256-ecp256", "aes128-sha1", false, charonDpd, r1.charonOuter,
                r1.routerOuter), r1.charonOuter, r1.routerOuter);
        String ping = r1.cli("ping 10.98.0.1 source Loopback0");
        assertTrue(ping.contains("Success rate is"), ping);
        r1.awaitInstalled();
        r1.pingFromCharon(2);
    }

    /** Kills charon and waits for R1 to delete the SA; returns the seconds it took. */
    private static double killAndAwaitDown(boolean traffic) throws Exception {
        String down = "%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is DOWN. Peer " + r1.co + ":4500";
        long before = r1.cli("show logging").lines().filter(l -> l.contains(down)).count();
        long t0 = System.nanoTime();
        r1.h.killCharon();
        if (traffic) r1.cli("ping 10.98.0.1 source Loopback0 repeat 2 timeout 1");  // on-demand: traffic out, none back
        String sa = poll(() -> r1.cli("show crypto ikev2 sa"), l -> !l.contains("READY"), 60);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertFalse(sa.contains("READY"), sa);
        String log = r1.cli("show logging");
        assertEquals(before + 1, log.lines().filter(l -> l.contains(down)).count(), log);
        String ipsec = r1.cli("show crypto ipsec sa");
        assertTrue(ipsec.contains("current outbound spi: 0x0(0)"), "the Child SAs went with the IKE SA\n" + ipsec);
        return secs;
    }

    @Test
    void charonsDpdIsAnsweredAndDeadCharonIsFound() throws Exception {
        // charon probes every 2 s while no ESP comes in; R1 answers, the SA stays
        up(2);
        StrongSwanHarness.sleep(7000);
        String log = r1.h.charonLog();
        assertTrue(log.lines().filter(l -> l.contains("sending DPD request")).count() >= 2, log);
        assertTrue(log.lines().filter(l -> l.contains("parsed INFORMATIONAL response") && l.contains("[ ]")).count() >= 2, log);
        assertTrue(r1.swanctl("--list-sas").contains("ESTABLISHED"));
        assertTrue(r1.cli("show crypto ikev2 sa").contains("READY"));
        assertTrue(r1.cli("show crypto ikev2 sa detail").contains("DPD configured for 10 seconds, retry 2"));

        // periodic (global): probes every 10 s, five retries 2 s apart
        double periodic = killAndAwaitDown(false);
        System.out.printf("[dpd] periodic: charon found dead %.1f s after it was killed%n", periodic);
        assertTrue(periodic >= 10 && periodic < 40, "periodic " + periodic);

        // on-demand (the profile's, overriding the global): only when traffic goes out and none came back
        r1.h.startCharon();
        String cfg = r1.cli("configure terminal\ncrypto ikev2 profile PROF\ndpd 10 2 on-demand\nend");
        assertFalse(cfg.contains("%"), cfg);
        up(0);
        StrongSwanHarness.sleep(11_000);                 // idle beyond the interval: on-demand sends nothing
        assertTrue(r1.h.charonLog().lines().noneMatch(l -> l.contains("parsed INFORMATIONAL request")),
                "no DPD without traffic\n" + r1.h.charonLog());
        double onDemand = killAndAwaitDown(true);
        System.out.printf("[dpd] on-demand: charon found dead %.1f s after it was killed%n", onDemand);
        assertTrue(onDemand < 30, "on-demand " + onDemand);
        String run = r1.cli("show running-config | include dpd");
        assertEquals(" dpd 10 2 on-demand\ncrypto ikev2 dpd 10 2 periodic\n", run.replace("\r", ""));
    }
}
