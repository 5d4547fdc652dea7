package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.count;
import static dev.routerlab.ike.CharonTunRouter.counters;
import static dev.routerlab.ike.CharonTunRouter.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.pki.StrongSwanPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. IKEv1 Main Mode with RSA signatures (RFC 2409 §5.1: CERTREQ with KE, ID, CERT and
 * SIG under encryption) between a routerlab router on a TUN and strongSwan's charon (swanctl
 * {@code version = 1}, {@code auth = pubkey}), each side initiating, ESP traffic counted on both.
 * R1's `crypto isakmp policy 10` has no `authentication` line: rsa-sig is IOS's default. The CA is
 * strongSwan's {@code pki} tool; R1 enrols by terminal (trustpoint SWCA) and sends its DN
 * (`crypto isakmp identity dn`). Bad certificates: an expired one (charon initiating) and one of
 * another CA (R1 initiating) fail phase 1 with {@code %PKI-3-} and {@code %CRYPTO-6-IKMP_MODE_FAILURE},
 * charon told AUTHENTICATION-FAILED (and, when it had completed its side, the SA's DELETE). With
 * IOS's default `crypto isakmp identity address`, both sides' addresses as identities (in the
 * certificates' subjectAltNames).
 * The lab's clock starts ten minutes behind the wall time, as in {@link StrongSwanIkev2PkiTunTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrongSwanIkev1PkiTunTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;
    private static StrongSwanPki swca;
    private static Path certs;
    static final ZonedDateTime NOW = ZonedDateTime.now();
    static final String FROM = StrongSwanIkev2PkiTunTest.at(NOW.minusDays(1)), TO = StrongSwanIkev2PkiTunTest.at(NOW.plusDays(365));
    private static final Pattern LIVE_QM_IDLE = Pattern.compile("QM_IDLE +\\d+ ACTIVE\n");

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why == null && !Files.isExecutable(Path.of("/usr/bin/pki"))) why = "strongSwan's pki tool is not installed";
        if (why != null) Interop.skip("StrongSwanIkev1PkiTunTest: " + why);
        certs = Files.createDirectories(tmp.resolve("certs"));
        r1 = new CharonTunRouter(tmp, System.currentTimeMillis() - 600_000L, (co, ro) -> """
                hostname R1
                ip domain name lab.local
                crypto pki trustpoint SWCA
                 enrollment terminal
                 subject-name CN=R1,O=routerlab
                 revocation-check none
                 rsakeypair R1 2048
                crypto isakmp policy 10
                 encr aes 256
                 hash sha256
                 group 14
                crypto isakmp identity dn
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
                """.formatted(co, ro, co));
        swca = StrongSwanPki.ca("C=CH, O=routerlab, CN=strongSwan Root CA", FROM, TO);
        Files.writeString(certs.resolve("swca.pem"), swca.read("ca.pem"));
        swca.write("r1.req", r1.authenticateAndEnroll("SWCA", swca.read("ca.pem")));
        r1.importCertificate("SWCA", swca.issueRequest("r1.req", "02", FROM, TO, "R1.lab.local"));
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    /** charon's one IKEv1 connection `name`: its certificate and key, R1 checked against the CA `caFile`. */
    static void loadCharon(String name, Path cert, Path key, String dn, Path caFile) throws Exception {
        r1.h.loadConf("connections {\n    " + name + " {\n        version = 1\n"
                + "        local_addrs = " + r1.co + "\n        remote_addrs = " + r1.ro + "\n"
                + "        proposals = aes256-sha256-modp2048\n        rekey_time = 0\n        reauth_time = 0\n"
                + "        local {\n            auth = pubkey\n            certs = " + cert + "\n            id = \"" + dn + "\"\n        }\n"
                + "        remote {\n            auth = pubkey\n            cacerts = " + caFile + "\n        }\n"
                + "        children {\n            " + name + "-net {\n                mode = tunnel\n"
                + "                local_ts = 10.98.0.1/32\n                remote_ts = 10.99.0.1/32\n"
                + "                esp_proposals = aes128-sha1\n                start_action = none\n            }\n        }\n"
                + "    }\n}\n", key);
    }

    /** No SA left on either side. */
    static void cleared() throws Exception {
        r1.cli("clear crypto session");
        String list = poll(() -> r1.swanctl("--list-sas"), l -> !l.contains("ESTABLISHED") && !l.contains("INSTALLED"), 10);
        assertFalse(list.contains("ESTABLISHED") || list.contains("INSTALLED"), "charon kept SAs after R1's DELETEs:\n" + list);
        String gone = poll(() -> r1.cli("show crypto isakmp sa"), l -> !LIVE_QM_IDLE.matcher(l).find(), 10);
        assertFalse(LIVE_QM_IDLE.matcher(gone).find(), gone);
    }

    static void upAndThrough(String conn, boolean routerInitiates) throws Exception {
        upAndThrough(conn, routerInitiates, "CN=R1");
    }

    /** Both sides' SAs up (one side initiating), 5 pings from R1 and 3 from charon counted by both; charon names R1 `r1Id`. */
    static void upAndThrough(String conn, boolean routerInitiates, String r1Id) throws Exception {
        cleared();
        Pattern inP = Pattern.compile("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        Pattern outP = Pattern.compile("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        if (routerInitiates) {
            r1.cli("ping 10.98.0.1 source Loopback0 repeat 1 timeout 1");   // starts IKE (IOS drops the packet that does)
        } else {
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", conn + "-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + r1.h.charonLogTail(60) + "\n" + r1.cli("show logging"));
        }
        String isakmp = poll(() -> r1.cli("show crypto isakmp sa"), l -> LIVE_QM_IDLE.matcher(l).find(), 20);
        assertTrue(LIVE_QM_IDLE.matcher(isakmp).find(), isakmp + "\n" + r1.h.charonLogTail(60) + "\n" + r1.cli("show logging"));
        r1.awaitInstalled();
        long[] before = counters(r1.cli("show crypto ipsec sa"));
        String sas0 = r1.swanctl("--list-sas");
        int in0 = Math.max(0, count(inP, sas0)), out0 = Math.max(0, count(outP, sas0));
        String ping = r1.cli("ping 10.98.0.1 source Loopback0");
        assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping + "\n" + r1.h.charonLogTail(40));
        r1.pingFromCharon(3);
        int n = 8;
        String dst = routerInitiates ? r1.co : r1.ro, src = routerInitiates ? r1.ro : r1.co;
        isakmp = r1.cli("show crypto isakmp sa");
        assertTrue(Pattern.compile(Pattern.quote(dst) + " +" + Pattern.quote(src) + " +QM_IDLE +\\d+ ACTIVE\n").matcher(isakmp).find(),
                isakmp);
        String detail = r1.cli("show crypto isakmp sa detail");
        assertTrue(Pattern.compile("ACTIVE aes  sha256 +rsig 14 ").matcher(detail).find(), detail);
        String sa = r1.cli("show crypto ipsec sa");
        long[] after = counters(sa);
        assertEquals(n, after[0] - before[0], "#pkts encaps\n" + sa);
        assertEquals(n, after[2] - before[2], "#pkts decaps\n" + sa);
        String sas = poll(() -> r1.swanctl("--list-sas"), l -> count(inP, l) - in0 == n && count(outP, l) - out0 == n, 10);
        System.out.println("[" + (routerInitiates ? "R1 initiates" : "charon initiates") + "]\n" + isakmp + detail + sas.strip());
        assertTrue(sas.contains("IKEv1"), sas);
        assertTrue(sas.contains("ESTABLISHED"), sas);
        assertTrue(sas.contains("AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048"), sas);
        assertTrue(sas.contains("remote '" + (r1Id.startsWith("CN=") ? r1Id : r1Id + "'")), "R1's identity at charon\n" + sas);
        assertEquals(n, count(inP, sas) - in0, "charon received what R1 encapsulated\n" + sas);
        assertEquals(n, count(outP, sas) - out0, "charon sent what R1 decapsulated\n" + sas);
        String log = r1.h.charonLog();
        assertTrue(log.contains("authentication of '" + r1Id),
                "charon verified R1's signature\n" + r1.h.charonLogTail(60));
    }

    @Test
    @Order(1)
    void signaturesBothWays() throws Exception {
        String cert = swca.issueKey("charon.key", "C=CH, O=routerlab, CN=charon.lab.local", "10", FROM, TO, "charon.lab.local");
        Files.writeString(certs.resolve("charon.pem"), cert);
        loadCharon("v1", certs.resolve("charon.pem"), Path.of(swca.path("charon.key")), "C=CH, O=routerlab, CN=charon.lab.local",
                certs.resolve("swca.pem"));
        String policy = r1.cli("show crypto isakmp policy");
        assertTrue(policy.contains("        authentication method:  Rivest-Shamir-Adleman Signature\n"), policy);
        upAndThrough("v1", true);
        upAndThrough("v1", false);
    }

    /** An expired certificate (charon initiating) and one of another CA (R1 initiating) fail Main Mode with IOS's messages. */
    @Test
    @Order(2)
    void badCertificatesFailMainMode() throws Exception {
        String old = swca.issueKey("old.key", "C=CH, O=routerlab, CN=old.lab.local", "11",
                StrongSwanIkev2PkiTunTest.at(NOW.minusDays(30)), StrongSwanIkev2PkiTunTest.at(NOW.minusDays(1)), "old.lab.local");
        Files.writeString(certs.resolve("old.pem"), old);
        cleared();
        loadCharon("vx", certs.resolve("old.pem"), Path.of(swca.path("old.key")), "C=CH, O=routerlab, CN=old.lab.local",
                certs.resolve("swca.pem"));
        StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "vx-net", "--timeout", "30");
        assertNotEquals(0, r.exit(), r.out());
        String log = poll(() -> r1.cli("show logging"), l -> l.contains("(SN: 11) has expired") && l.contains("IKMP_MODE_FAILURE"), 10);
        assertTrue(log.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  The certificate (SN: 11) has expired."),
                log);
        assertTrue(log.contains("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at " + r1.co), log);
        String isakmp = r1.cli("show crypto isakmp sa");
        System.out.println("[expired, charon initiates]\n" + isakmp + r1.h.charonLogTail(8));
        assertFalse(LIVE_QM_IDLE.matcher(isakmp).find(), isakmp);
        assertFalse(r1.swanctl("--list-sas").contains("INSTALLED"));

        StrongSwanPki other = StrongSwanPki.ca("C=CH, O=elsewhere, CN=strongSwan Root CA", FROM, TO);
        String stranger = other.issueKey("x.key", "C=CH, O=elsewhere, CN=stranger.lab.local", "12", FROM, TO, "stranger.lab.local");
        Files.writeString(certs.resolve("stranger.pem"), stranger);
        cleared();
        loadCharon("vy", certs.resolve("stranger.pem"), Path.of(other.path("x.key")), "C=CH, O=elsewhere, CN=stranger.lab.local",
                certs.resolve("swca.pem"));
        String ping = r1.cli("ping 10.98.0.1 source Loopback0");
        assertTrue(ping.contains("Success rate is 0 percent"), ping);
        String modeFailure = "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at " + r1.co;
        int failures = log.split(Pattern.quote(modeFailure), -1).length - 1;
        log = poll(() -> r1.cli("show logging"), l -> l.contains("Unauthorized") && l.split(Pattern.quote(modeFailure), -1).length - 1 > failures, 10);
        assertTrue(log.contains("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed.  Unauthorized"), log);
        assertTrue(log.split(Pattern.quote(modeFailure), -1).length - 1 > failures, log);
        isakmp = r1.cli("show crypto isakmp sa");
        System.out.println("[other CA, R1 initiates]\n" + isakmp + r1.h.charonLogTail(8));
        assertFalse(LIVE_QM_IDLE.matcher(isakmp).find(), isakmp);
        // charon, the responder, had completed its side with MM6: R1 deletes it after its AUTHENTICATION-FAILED
        String left = poll(() -> r1.swanctl("--list-sas"), l -> !l.contains("ESTABLISHED"), 10);
        assertFalse(left.contains("ESTABLISHED") || left.contains("INSTALLED"), left);
        assertTrue(r1.h.charonLog().contains("received DELETE for IKE_SA vy"), r1.h.charonLogTail(20));
    }

    /**
     * IOS's default identity (`crypto isakmp identity address`): R1 sends ID_IPV4_ADDR, charon its
     * address too; each certificate carries its address as a subjectAltName, as charon requires.
     */
    @Test
    @Order(3)
    void addressIdentitiesBothWays() throws Exception {
        String cfg = r1.cli("configure terminal\nno crypto isakmp identity\nend");
        assertFalse(cfg.contains("% Invalid"), cfg);
        assertFalse(r1.cli("show running-config").contains("crypto isakmp identity"));
        r1.importCertificate("SWCA", swca.issueRequest("r1.req", "03", FROM, TO, "R1.lab.local", r1.ro));
        String cert = swca.issueKey("charon-ip.key", "C=CH, O=routerlab, CN=charon-ip.lab.local", "13", FROM, TO, "charon-ip.lab.local", r1.co);
        Files.writeString(certs.resolve("charon-ip.pem"), cert);
        loadCharon("va", certs.resolve("charon-ip.pem"), Path.of(swca.path("charon-ip.key")), r1.co, certs.resolve("swca.pem"));
        upAndThrough("va", true, r1.ro);
        upAndThrough("va", false, r1.ro);
    }
}
