package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.poll;
import static dev.routerlab.ike.StrongSwanIkev2PkiTunTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.pki.Certs;
import dev.routerlab.pki.Pem;
import dev.routerlab.pki.StrongSwanPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. IKEv2 certificate chains with strongSwan's charon (RFC 7296 §3.6, RFC 5280 §6): a
 * root CA made with strongSwan's {@code pki} and two intermediates below it. charon's certificate
 * comes from intermediate 1, which charon holds as an authority and sends after its own; R1's
 * trustpoint holds only the root and builds the path. R1's certificate comes from intermediate 2,
 * which R1's chain holds ({@code crypto pki certificate chain SWCA / certificate ca}) and sends;
 * charon knows only the root. Each side initiates once, traffic runs through the Child SA. An
 * expired intermediate fails IKE_AUTH at R1 with {@code %PKI-3-}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrongSwanIkev2ChainTunTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;
    private static StrongSwanPki root;
    private static Path certs;
    static final ZonedDateTime NOW = ZonedDateTime.now();
    static final String FROM = at(NOW.minusDays(1)), TO = at(NOW.plusDays(365));

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why == null && !Files.isExecutable(Path.of("/usr/bin/pki"))) why = "strongSwan's pki tool is not installed";
        if (why != null) Interop.skip("StrongSwanIkev2ChainTunTest: " + why);
        certs = Files.createDirectories(tmp.resolve("certs"));
        r1 = new CharonTunRouter(tmp, System.currentTimeMillis() - 600_000L, (co, ro) -> """
                hostname R1
                ip domain name lab.local
                crypto pki trustpoint SWCA
                 enrollment terminal
                 subject-name CN=R1,O=routerlab
                 revocation-check none
                 rsakeypair R1 2048
                crypto pki certificate map CHARON 10
                 subject-name co lab.local
                crypto ikev2 proposal P
                 encryption aes-cbc-256
                 integrity sha256
                 group 14
                crypto ikev2 policy POL
                 proposal P
                crypto ikev2 profile SWCA
                 match certificate CHARON
                 authentication remote rsa-sig
                 authentication local rsa-sig
                 pki trustpoint SWCA
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 set ikev2-profile SWCA
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
        root = StrongSwanPki.ca("C=CH, O=routerlab, CN=strongSwan Root CA", FROM, TO);
        Files.writeString(certs.resolve("root.pem"), root.read("ca.pem"));
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    /** charon's connection `name`: its certificate and key, its issuing CA as an authority, R1 checked against the root only. */
    static void loadCharon(String name, Path cert, Path key, String dn, Path issuer) throws Exception {
        r1.h.loadConf("connections {\n    " + name + " {\n        version = 2\n"
                + "        local_addrs = " + r1.co + "\n        remote_addrs = " + r1.ro + "\n"
                + "        proposals = aes256-sha256-modp2048\n        rekey_time = 0\n        reauth_time = 0\n"
                + "        local {\n            auth = pubkey\n            certs = " + cert + "\n            id = \"" + dn + "\"\n        }\n"
                + "        remote {\n            auth = pubkey\n            cacerts = " + certs.resolve("root.pem") + "\n        }\n"
                + "        children {\n            " + name + "-net {\n                mode = tunnel\n"
                + "                local_ts = 10.98.0.1/32\n                remote_ts = 10.99.0.1/32\n"
                + "                esp_proposals = aes128-sha1\n                start_action = none\n            }\n        }\n"
                + "    }\n}\nauthorities {\n    issuing {\n        cacert = " + issuer + "\n    }\n}\n", key);
    }

    static void cleared() throws Exception {
        r1.cli("clear crypto session");
        String list = poll(() -> r1.swanctl("--list-sas"), l -> !l.contains("ESTABLISHED") && !l.contains("INSTALLED"), 10);
        assertFalse(list.contains("ESTABLISHED") || list.contains("INSTALLED"), list);
        String gone = poll(() -> r1.cli("show crypto ikev2 sa"), l -> !l.contains("READY"), 10);
        assertFalse(gone.contains("READY"), gone);
    }

    @Test
    @Order(1)
    void chainsBothWays() throws Exception {
        StrongSwanPki sub1 = root.subordinate("C=CH, O=routerlab, CN=strongSwan Issuing CA 1", "20", FROM, TO, true, null);
        StrongSwanPki sub2 = root.subordinate("C=CH, O=routerlab, CN=strongSwan Issuing CA 2", "30", FROM, TO, true, null);
        // R1: the root authenticated, intermediate 2 added to the chain, its certificate from intermediate 2
        byte[] req = r1.authenticateAndEnroll("SWCA", root.read("ca.pem"));
        sub2.write("r1.req", req);
        String hex = Pem.hex(Certs.der(sub2.certificate()));
        StringBuilder in = new StringBuilder("configure terminal\ncrypto pki certificate chain SWCA\ncertificate ca 30\n");
        for (int i = 0; i < hex.length(); i += 64) in.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        in.append("quit\nend");
        String chain = r1.cli(in.toString());
        assertFalse(chain.contains("% "), chain);
        r1.importCertificate("SWCA", sub2.issueRequest("r1.req", "31", FROM, TO, "R1.lab.local"));
        String run = r1.cli("show running-config");
        assertEquals(2, run.split(" certificate ca ", -1).length - 1, run);
        // charon: its certificate from intermediate 1
        Files.writeString(certs.resolve("charon.pem"), sub1.issueKey("charon.key", "C=CH, O=routerlab, CN=charon.lab.local", "21",
                FROM, TO, "charon.lab.local"));
        Files.writeString(certs.resolve("sub1.pem"), sub1.read("ca.pem"));
        loadCharon("pc", certs.resolve("charon.pem"), Path.of(sub1.path("charon.key")), "C=CH, O=routerlab, CN=charon.lab.local",
                certs.resolve("sub1.pem"));
        for (boolean routerInitiates : new boolean[] {false, true}) {
            cleared();
            if (routerInitiates) {
                r1.cli("ping 10.98.0.1 source Loopback0 repeat 1 timeout 1");
            } else {
                StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "pc-net", "--timeout", "30");
                assertEquals(0, r.exit(), r.out() + "\n" + r1.h.charonLogTail(60) + "\n" + r1.cli("show logging"));
            }
            String ready = poll(() -> r1.cli("show crypto ikev2 sa"), l -> l.contains("READY"), 20);
            assertTrue(ready.contains("READY"), ready + "\n" + r1.h.charonLogTail(60) + "\n" + r1.cli("show logging"));
            r1.awaitInstalled();
            String ping = r1.cli("ping 10.98.0.1 source Loopback0");
            assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping + "\n" + r1.h.charonLogTail(40));
            r1.pingFromCharon(3);
            String detail = r1.cli("show crypto ikev2 sa detail");
            assertTrue(detail.toLowerCase().contains("cn=charon.lab.local"), detail);
            System.out.println("[chain, " + (routerInitiates ? "R1" : "charon") + " initiates]\n" + detail + r1.swanctl("--list-sas"));
        }
        String log = r1.h.charonLog();
        // charon sent its intermediate, and received R1's (which it had no other way to know)
        assertTrue(log.contains("sending issuer cert \"C=CH, O=routerlab, CN=strongSwan Issuing CA 1\""), r1.h.charonLogTail(80));
        assertTrue(log.contains("received issuer cert \"C=CH, O=routerlab, CN=strongSwan Issuing CA 2\""), r1.h.charonLogTail(80));
        assertTrue(log.contains("reached self-signed root ca"), r1.h.charonLogTail(80));
        assertFalse(r1.cli("show logging").contains("%PKI-3-"));
    }

    @Test
    @Order(2)
    void anExpiredIntermediateFailsIkeAuth() throws Exception {
        StrongSwanPki old = root.subordinate("C=CH, O=routerlab, CN=strongSwan Issuing CA old", "40", at(NOW.minusDays(30)),
                at(NOW.minusDays(1)), true, null);
        Files.writeString(certs.resolve("old-charon.pem"), old.issueKey("old.key", "C=CH, O=routerlab, CN=old.lab.local", "41",
                FROM, TO, "old.lab.local"));
        Files.writeString(certs.resolve("old.pem"), old.read("ca.pem"));
        cleared();
        loadCharon("px", certs.resolve("old-charon.pem"), Path.of(old.path("old.key")), "C=CH, O=routerlab, CN=old.lab.local",
                certs.resolve("old.pem"));
        StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "px-net", "--timeout", "30");
        assertNotEquals(0, r.exit(), r.out());
        String log = poll(() -> r1.cli("show logging"), l -> l.contains("%PKI-3-"), 10);
        System.out.println(log + "\n" + r1.h.charonLogTail(40));
        assertTrue(log.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  The certificate (SN: 40) has expired."),
                log + "\n" + r1.h.charonLogTail(40));
        assertTrue(log.contains("%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Auth exchange failed"), log);
        assertFalse(r1.cli("show crypto ikev2 sa").contains("READY"));
    }
}
