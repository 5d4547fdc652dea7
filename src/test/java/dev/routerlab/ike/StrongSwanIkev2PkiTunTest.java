package dev.routerlab.ike;

import static dev.routerlab.ike.CharonTunRouter.count;
import static dev.routerlab.ike.CharonTunRouter.counters;
import static dev.routerlab.ike.CharonTunRouter.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.pki.Pem;
import dev.routerlab.pki.StrongSwanPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. IKEv2 with certificates both ways ({@code authentication local|remote rsa-sig},
 * RFC 7296 §2.15, CERT/CERTREQ §3.6-3.7) between a routerlab router on a TUN and strongSwan's
 * charon, each side initiating, traffic through the Child SA. The lab's clock starts at the wall
 * time (ten minutes behind), so that charon (on the real clock) and R1 agree on the certificates' validity.
 * <ul>
 * <li>(a) A CA made with strongSwan's {@code pki} tool: R1 authenticates it and enrols by terminal
 *     (trustpoint SWCA), pki issues charon's certificate.</li>
 * <li>(b) The other way round: R1's IOS certificate server RLCA issues charon's certificate from
 *     the PKCS#10 request {@code pki --req} made ({@code crypto pki server RLCA request pkcs10
 *     terminal}), and R1's own (trustpoint CS, enrolled by terminal through the same command).</li>
 * <li>Bad certificates: an expired one and one of another CA fail IKE_AUTH with
 *     {@code %PKI-3-} and {@code %IKEV2-3-NEG_ABORT}, and no SA comes up.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrongSwanIkev2PkiTunTest {
    @TempDir static Path tmp;
    private static CharonTunRouter r1;
    private static StrongSwanPki swca;
    private static Path certs;
    static final DateTimeFormatter PKI_DATE = DateTimeFormatter.ofPattern("dd.MM.yy HH:mm:ss");

    static String at(ZonedDateTime t) { return PKI_DATE.format(t.withZoneSameInstant(ZoneId.systemDefault())); }

    static final ZonedDateTime NOW = ZonedDateTime.now();
    static final String FROM = at(NOW.minusDays(1)), TO = at(NOW.plusDays(365));

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why == null && !Files.isExecutable(Path.of("/usr/bin/pki"))) why = "strongSwan's pki tool is not installed";
        if (why != null) Interop.skip("StrongSwanIkev2PkiTunTest: " + why);
        certs = Files.createDirectories(tmp.resolve("certs"));
        // ten minutes behind the wall time: virtual time may run ahead of it while the lab boots, and charon
        // must not see R1's certificates (valid from R1's now) as not yet valid
        r1 = new CharonTunRouter(tmp, System.currentTimeMillis() - 600_000L, (co, ro) -> """
                hostname R1
                ip domain name lab.local
                crypto pki trustpoint SWCA
                 enrollment terminal
                 subject-name CN=R1,O=routerlab
                 revocation-check none
                 rsakeypair R1 2048
                crypto pki trustpoint CS
                 enrollment terminal
                 subject-name CN=R1,O=routerlab,OU=cs
                 revocation-check crl
                 rsakeypair R1CS 2048
                crypto pki certificate map SWCA 10
                 issuer-name co strongswan root ca
                crypto pki certificate map RLCA 10
                 issuer-name co routerlab ca
                crypto ikev2 proposal P
                 encryption aes-cbc-256
                 integrity sha256
                 group 14
                crypto ikev2 policy POL
                 proposal P
                crypto ikev2 profile SWCA
                 match certificate SWCA
                 authentication remote rsa-sig
                 authentication local rsa-sig
                 pki trustpoint SWCA
                crypto ikev2 profile RLCA
                 match certificate RLCA
                 authentication remote rsa-sig
                 authentication local rsa-sig
                 pki trustpoint CS
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
        swca = StrongSwanPki.ca("C=CH, O=routerlab, CN=strongSwan Root CA", FROM, TO);
        Files.writeString(certs.resolve("swca.pem"), swca.read("ca.pem"));
    }

    @AfterAll
    static void tearDown() {
        if (r1 != null) r1.close();
        r1 = null;
    }

    static byte[] authenticateAndEnroll(String tp, String caPem) { return r1.authenticateAndEnroll(tp, caPem); }

    static void importCertificate(String tp, String pem) { r1.importCertificate(tp, pem); }

    /** charon's one connection `name`: its certificate and key, R1 checked against the CA `caFile`. */
    static void loadCharon(String name, Path cert, Path key, String dn, Path caFile) throws Exception {
        r1.h.loadConf("connections {\n    " + name + " {\n        version = 2\n"
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
        String gone = poll(() -> r1.cli("show crypto ikev2 sa"), l -> !l.contains("READY"), 10);
        assertFalse(gone.contains("READY"), gone);
    }

    /** One certificate scenario with R1's crypto map on `profile`: the SAs up, traffic both ways, the shows of both sides. */
    static void upAndThrough(String profile, String conn, boolean routerInitiates, String charonDn, String r1Dn) throws Exception {
        cleared();
        String cfg = r1.cli("configure terminal\ncrypto map VPN 10 ipsec-isakmp\nset ikev2-profile " + profile + "\nend");
        assertFalse(cfg.contains("%"), cfg);
        Pattern inP = Pattern.compile("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        Pattern outP = Pattern.compile("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets");
        if (routerInitiates) {
            r1.cli("ping 10.98.0.1 source Loopback0 repeat 1 timeout 1");   // starts IKE (IOS drops the packet that does)
        } else {
            StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", conn + "-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + r1.h.charonLogTail(60) + "\n" + r1.cli("show logging"));
        }
        String ready = poll(() -> r1.cli("show crypto ikev2 sa"), l -> l.contains("READY"), 20);
        assertTrue(ready.contains("READY"), ready + "\n" + r1.h.charonLogTail(60) + "\n" + r1.cli("show logging"));
        r1.awaitInstalled();
        // counted from here on, both sides: 5 pings from R1, 3 from charon
        long[] before = counters(r1.cli("show crypto ipsec sa"));
        String sas0 = r1.swanctl("--list-sas");
        int in0 = Math.max(0, count(inP, sas0)), out0 = Math.max(0, count(outP, sas0));
        String ping = r1.cli("ping 10.98.0.1 source Loopback0");
        assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping + "\n" + r1.h.charonLogTail(40));
        r1.pingFromCharon(3);
        int n = 8;
        String v2 = r1.cli("show crypto ikev2 sa");
        assertTrue(v2.contains("      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: RSA, Auth verify: RSA\n"), v2);
        String detail = r1.cli("show crypto ikev2 sa detail");
        assertTrue(detail.contains("Auth sign: RSA, Auth verify: RSA\n"), detail);
        assertTrue(detail.contains("      Initiator of SA : " + (routerInitiates ? "Yes" : "No") + "\n"), detail);
        assertTrue(detail.toLowerCase().contains(charonDn.toLowerCase()), "charon's DN as R1's remote identity\n" + detail);
        String sa = r1.cli("show crypto ipsec sa");
        long[] after = counters(sa);
        assertEquals(n, after[0] - before[0], "#pkts encaps\n" + sa);
        assertEquals(n, after[2] - before[2], "#pkts decaps\n" + sa);
        String sas = poll(() -> r1.swanctl("--list-sas"), l -> count(inP, l) - in0 == n && count(outP, l) - out0 == n, 10);
        System.out.println("[" + profile + (routerInitiates ? ", R1 initiates" : ", charon initiates") + "]\n" + detail + sas.strip());
        assertTrue(sas.contains("IKEv2"), sas);
        assertTrue(sas.contains("ESTABLISHED"), sas);
        assertTrue(sas.contains("AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048"), sas);
        assertTrue(sas.contains(r1Dn), "R1's DN as charon's remote identity\n" + sas);
        assertEquals(n, count(inP, sas) - in0, "charon received what R1 encapsulated\n" + sas);
        assertEquals(n, count(outP, sas) - out0, "charon sent what R1 decapsulated\n" + sas);
        String log = r1.h.charonLog();
        assertTrue(log.contains("with RSA signature successful") || log.contains("with RSA_EMSA_PKCS1_SHA1 successful"),
                "charon verified R1's RSA signature\n" + r1.h.charonLogTail(60));
    }

    /** (a) strongSwan's pki as the CA: R1 enrolled by terminal, charon's certificate from pki. */
    @Test
    @Order(1)
    void strongSwansCaBothWays() throws Exception {
        byte[] req = authenticateAndEnroll("SWCA", swca.read("ca.pem"));
        swca.write("r1.req", req);
        importCertificate("SWCA", swca.issueRequest("r1.req", "02", FROM, TO, "R1.lab.local"));
        String cert = swca.issueKey("charon.key", "C=CH, O=routerlab, CN=charon.lab.local", "10", FROM, TO, "charon.lab.local");
        Files.writeString(certs.resolve("charon-a.pem"), cert);
        loadCharon("pa", certs.resolve("charon-a.pem"), Path.of(swca.path("charon.key")), "C=CH, O=routerlab, CN=charon.lab.local",
                certs.resolve("swca.pem"));
        upAndThrough("SWCA", "pa", true, "cn=charon.lab.local", "CN=R1");
        upAndThrough("SWCA", "pa", false, "cn=charon.lab.local", "CN=R1");
    }

    /** (b) R1's IOS certificate server as the CA: charon's PKCS#10 (pki --req) granted at R1's prompt. */
    @Test
    @Order(2)
    void routerlabCaServerIssuesCharonsCertificate() throws Exception {
        String cfg = r1.cli("configure terminal\ncrypto pki server RLCA\nissuer-name CN=routerlab CA,O=routerlab\ngrant auto\n"
                + "no shutdown\ncisco123\ncisco123\nend");
        assertTrue(cfg.contains("% Certificate Server enabled."), cfg);
        String caPem = Pem.encode("CERTIFICATE", caFromRunningConfig(r1.cli("show running-config"), "RLCA"));
        Files.writeString(certs.resolve("rlca.pem"), caPem);
        // R1's own certificate from its server: trustpoint CS enrolled by terminal through `request pkcs10 terminal`
        byte[] req = authenticateAndEnroll("CS", caPem);
        String granted = grantAtThePrompt(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(req), false);
        importCertificate("CS", granted);
        // charon's key and request from strongSwan's pki, its certificate from R1's server (PEM in and out)
        StrongSwanPki tool = swca;
        tool.run("--gen", "--type", "rsa", "--size", "2048", "--outform", "pem").writeTo("charon-b.key");
        String csr = tool.run("--req", "--in", tool.path("charon-b.key"), "--type", "priv", "--dn",
                "C=CH, O=routerlab, CN=charon-b.lab.local", "--san", "charon-b.lab.local", "--outform", "pem").out();
        assertTrue(csr.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), csr);
        String charonCert = grantAtThePrompt(csr, true);
        assertTrue(charonCert.startsWith("-----BEGIN CERTIFICATE-----\n"), charonCert);
        Files.writeString(certs.resolve("charon-b.pem"), charonCert);
        String printed = tool.run("--print", "--in", certs.resolve("charon-b.pem").toString()).out();
        assertTrue(printed.contains("issuer:   \"CN=routerlab CA, O=routerlab\""), printed);
        assertTrue(printed.contains("charon-b.lab.local"), printed);
        String server = r1.cli("show crypto pki server");
        assertTrue(server.contains("Last certificate issued serial number (hex): 3\n"), server);
        loadCharon("pb", certs.resolve("charon-b.pem"), Path.of(tool.path("charon-b.key")), "C=CH, O=routerlab, CN=charon-b.lab.local",
                certs.resolve("rlca.pem"));
        upAndThrough("RLCA", "pb", true, "cn=charon-b.lab.local", "OU=cs");
        upAndThrough("RLCA", "pb", false, "cn=charon-b.lab.local", "OU=cs");
    }

    /** An expired certificate (charon initiating) and one of another CA (R1 initiating) fail IKE_AUTH with IOS's messages. */
    @Test
    @Order(3)
    void badCertificatesFailIkeAuth() throws Exception {
        // expired yesterday: R1, the responder, refuses it
        String old = swca.issueKey("old.key", "C=CH, O=routerlab, CN=old.lab.local", "11", at(NOW.minusDays(30)), at(NOW.minusDays(1)),
                "old.lab.local");
        Files.writeString(certs.resolve("old.pem"), old);
        cleared();
        loadCharon("px", certs.resolve("old.pem"), Path.of(swca.path("old.key")), "C=CH, O=routerlab, CN=old.lab.local",
                certs.resolve("swca.pem"));
        StrongSwanHarness.Result r = r1.h.swanctl("--initiate", "--child", "px-net", "--timeout", "30");
        assertNotEquals(0, r.exit(), r.out());
        String log = poll(() -> r1.cli("show logging"), l -> l.contains("(SN: 11) has expired"), 10);
        assertTrue(log.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  The certificate (SN: 11) has expired."),
                log);
        assertTrue(log.contains("%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Auth exchange failed"), log);
        assertTrue(r1.h.charonLog().contains("received AUTHENTICATION_FAILED notify error"), r1.h.charonLogTail(40));
        assertFalse(r1.cli("show crypto ikev2 sa").contains("READY"));

        // a certificate of another CA (its issuer named like ours): R1, the initiator, refuses charon's answer
        StrongSwanPki other = StrongSwanPki.ca("C=CH, O=elsewhere, CN=strongSwan Root CA", FROM, TO);
        String stranger = other.issueKey("x.key", "C=CH, O=elsewhere, CN=stranger.lab.local", "12", FROM, TO, "stranger.lab.local");
        Files.writeString(certs.resolve("stranger.pem"), stranger);
        cleared();
        loadCharon("py", certs.resolve("stranger.pem"), Path.of(other.path("x.key")), "C=CH, O=elsewhere, CN=stranger.lab.local",
                certs.resolve("swca.pem"));
        r1.cli("configure terminal\ncrypto map VPN 10 ipsec-isakmp\nset ikev2-profile SWCA\nend");
        String ping = r1.cli("ping 10.98.0.1 source Loopback0");
        assertTrue(ping.contains("Success rate is 0 percent"), ping);
        log = poll(() -> r1.cli("show logging"), l -> l.contains("validation has failed.  Unauthorized"), 10);
        assertTrue(log.contains("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed.  Unauthorized"), log);
        assertTrue(log.contains("%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Auth exchange failed"), log);
        assertFalse(r1.cli("show crypto ikev2 sa").contains("READY"));
        String sas = r1.swanctl("--list-sas");
        assertFalse(sas.contains("INSTALLED"), sas);
    }

    /** Pastes a request at `crypto pki server RLCA request pkcs10 terminal [pem]`; returns the granted certificate as printed. */
    static String grantAtThePrompt(String request, boolean pem) {
        StringBuilder in = new StringBuilder("crypto pki server RLCA request pkcs10 terminal" + (pem ? " pem" : "") + "\n");
        for (String l : request.strip().split("\n")) in.append(l).append('\n');
        in.append("quit\n");
        String out = r1.cli(in.toString());
        assertTrue(out.contains("% Enter Base64 encoded or PEM formatted PKCS10 enrollment request.\n"
                + "% End with a blank line or \"quit\" on a line by itself.\n"), out);
        int at = out.indexOf("% Granted certificate:\n");
        assertTrue(at >= 0, out);
        String cert = out.substring(at + "% Granted certificate:\n".length());
        int end = cert.indexOf("\nR1#");
        return end < 0 ? cert : cert.substring(0, end + 1);
    }

    /** The CA certificate of a trustpoint as the running-config holds it (`certificate ca SERIAL`, hex lines up to `quit`). */
    static byte[] caFromRunningConfig(String run, String tp) {
        Matcher m = Pattern.compile("crypto pki certificate chain " + tp + "\n certificate ca \\S+\n((?:  [0-9A-F ]+\n)+)  \tquit\n").matcher(run);
        assertTrue(m.find(), run);
        return Pem.hex(m.group(1).replaceAll("\\s", ""));
    }
}
