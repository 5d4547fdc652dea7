package dev.routerlab.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.TestRouter;
import dev.routerlab.device.Nvram;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/**
 * The IOS certificate server: `crypto pki server` made and enabled at the prompt (the CA's keys
 * and certificate made at the first `no shutdown`), `show crypto pki server`, requests granted
 * with serials in order into certificates the router's own checks and openssl accept, the CRL,
 * the running-config and NVRAM database across a reload.
 */
class CertificateServerTest {
    static TestRouter caRouter(Nvram nvram) {
        TestRouter r = new TestRouter(nvram);
        r.execAll("conf t", "hostname CA", "ip domain name lab.local", "ip http server", "crypto pki server LABCA",
            "issuer-name CN=Lab CA,O=routerlab", "grant auto", "lifetime certificate 730");
        r.answer("cisco123").answer("cisco123");
        String out = r.exec("no shutdown");
        assertTrue(out.startsWith("%Some server settings cannot be changed after CA certificate generation.\n"
            + "% Please enter a passphrase to protect the private key\n% or type Return to exit\nPassword: \n\nRe-enter password: \n"
            + "% Generating 2048 bit RSA keys, keys will be non-exportable...\n[OK] (elapsed time was "), out);
        assertTrue(out.contains("\n% Certificate Server enabled.\n"), out);
        r.exec("end");
        return r;
    }

    static PKCS10CertificationRequest request(String cn, int seed) throws java.io.IOException {
        var pair = RsaKeys.generate(1024, new SplittableRandom(seed));
        String fqdn = cn + ".lab.local";
        return new PKCS10CertificationRequest(Requests.build(pair, Requests.subject("CN=" + cn, fqdn, null, null), fqdn, null));
    }

    @Test
    void enabledServerShowsAndIssues() throws Exception {
        TestRouter r = caRouter(Nvram.memory());
        assertTrue(r.router.log().show().contains("%PKI-6-CS_ENABLED: Certificate server now enabled."));
        Pki pki = r.router.pki();
        CertificateAuthority ca = pki.server();
        assertNotNull(ca);
        X509CertificateHolder caCert = ca.certificate();
        String show = r.exec("show crypto pki server");
        assertEquals("Certificate Server LABCA:\n    Status: enabled\n    State: enabled\n"
            + "    Server's configuration is locked  (enter \"shut\" to unlock it)\n"
            + "    Issuer name: CN=Lab CA,O=routerlab\n"
            + "    CA cert fingerprint: " + md5(caCert) + "\n"
            + "    Granting mode is: auto\n"
            + "    Last certificate issued serial number (hex): 1\n"
            + "    CA certificate expiration timer: " + Verdict.TIME.format(caCert.getNotAfter().toInstant()) + "\n"
            + "    CRL NextUpdate timer: " + Verdict.TIME.format(ca.crl().getNextUpdate().toInstant()) + "\n"
            + "    Current primary storage dir: nvram:\n"
            + "    Database Level: Minimum - no cert data written to storage\n", show);
        // the CA certificate: self-signed, serial 1, a CA, three years from the router's clock
        assertEquals(BigInteger.ONE, caCert.getSerialNumber());
        assertTrue(Certs.issuedBy(caCert, caCert));
        assertTrue(BasicConstraints.fromExtensions(caCert.getExtensions()).isCA());
        assertEquals(1095L * 86_400_000L, caCert.getNotAfter().getTime() - caCert.getNotBefore().getTime());
        // the settings are locked while it runs
        assertTrue(r.execAll("conf t", "crypto pki server LABCA", "grant auto").contains("% Server's configuration is locked"));
        r.exec("end");

        X509CertificateHolder a = pki.grant(request("R1", 1));
        X509CertificateHolder b = pki.grant(request("R2", 2));
        assertEquals(BigInteger.valueOf(2), a.getSerialNumber());
        assertEquals(BigInteger.valueOf(3), b.getSerialNumber());
        assertEquals("CN=R1,unstructuredName=R1.lab.local", a.getSubject().toString());
        assertEquals(List.of("R1.lab.local"), Certs.altNames(a, GeneralName.dNSName));
        assertEquals(730L * 86_400_000L, a.getNotAfter().getTime() - a.getNotBefore().getTime());
        // the CA's own trustpoint (revocation-check crl) accepts what it issued, with the CA's CRL held
        assertTrue(pki.verify(List.of("LABCA"), a).ok(), pki.verify(List.of("LABCA"), a).text());
        assertTrue(r.exec("show crypto pki server").contains("Last certificate issued serial number (hex): 3\n"));
        // a request whose signature does not hold is refused
        PKCS10CertificationRequest bad = request("R3", 3);
        byte[] der = bad.getEncoded();
        der[der.length - 5] ^= 1;
        assertNull(pki.grant(new PKCS10CertificationRequest(der)));
        // revoked and published: the router's own check then refuses it
        assertTrue(ca.revoke(BigInteger.TWO, r.router.scheduler().epochMillis()));
        assertFalse(ca.revoke(BigInteger.ONE, 0));
        assertTrue(pki.addCrl(ca.publishCrl(r.router.scheduler().epochMillis(), 168)));
        assertEquals(Verdict.Status.REVOKED, pki.verify(List.of("LABCA"), a).status());
        assertTrue(pki.verify(List.of("LABCA"), b).ok());

        // shut: no CA runs and nothing is granted; the settings unlock
        String shut = r.execAll("conf t", "crypto pki server LABCA", "shutdown", "end");
        assertNull(pki.server());
        assertNull(pki.grant(request("R4", 4)));
        assertTrue(r.router.log().show().contains("%PKI-6-CS_DISABLED: Certificate server now disabled."), shut);
        assertTrue(r.exec("show crypto pki server").contains("    Status: disabled\n"));
    }

    @Test
    void runningConfigAndDatabaseSurviveAReload() throws Exception {
        Nvram nvram = Nvram.memory();
        TestRouter r = caRouter(nvram);
        r.router.pki().grant(request("R1", 1));
        String run = r.running();
        assertTrue(run.contains("crypto pki server LABCA\n issuer-name CN=Lab CA,O=routerlab\n grant auto\n lifetime certificate 730\n!\n"
            + "crypto pki trustpoint LABCA\n rsakeypair LABCA\n!\ncrypto pki certificate chain LABCA\n certificate ca 01\n"), run);
        TestRouter again = new TestRouter(nvram);
        assertEquals(List.of(), again.load(run));
        assertEquals(r.config().pki, again.config().pki);
        CertificateAuthority ca = again.router.pki().server();
        assertNotNull(ca, "a server loaded without `shutdown` runs");
        assertEquals(BigInteger.TWO, ca.lastSerial());
        assertEquals(BigInteger.valueOf(3), again.router.pki().grant(request("R2", 2)).getSerialNumber());
    }

    /**
     * Requests by hand with `grant auto` off: `crypto pki server NAME request pkcs10 terminal`
     * files them as pending, `show crypto pki server NAME requests` lists them, `grant N|all` and
     * `reject N` settle them, `revoke SERIAL` puts a certificate on the CRL the router then holds.
     */
    @Test
    void pendingRequestsAreGrantedRejectedAndRevokedByHand() throws Exception {
        TestRouter r = caRouter(Nvram.memory());
        r.execAll("conf t", "crypto pki server LABCA", "shutdown", "no grant auto", "no shutdown", "end");
        Pki pki = r.router.pki();
        for (int i = 1; i <= 3; i++) {
            for (String l : java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(request("R" + i, i).getEncoded()).split("\n")) {
                r.answer(l);
            }
            r.answer("quit");
            String out = r.exec("crypto pki server LABCA request pkcs10 terminal");
            assertEquals("% Enter Base64 encoded or PEM formatted PKCS10 enrollment request.\n"
                + "% End with a blank line or \"quit\" on a line by itself.\n" + "% Enrollment request pending, reqId=" + i + "\n",
                out.replaceAll("\n+", "\n"));
        }
        String db = r.exec("show crypto pki server LABCA requests");
        String head = "ReqID  State      Fingerprint                      SubjectName\n"
            + "--------------------------------------------------------------\n";
        assertTrue(db.startsWith("Enrollment Request Database:\n\nSubordinate CA certificate requests:\n" + head
            + "\nRA certificate requests:\n" + head + "\nRouter certificates requests:\n" + head), db);
        assertTrue(db.contains("\n1      pending    " + md5Hex(request("R1", 1).getEncoded()) + " cn=R1,hostname=R1.lab.local\n"), db);
        assertTrue(db.contains("\n3      pending    "), db);
        r.exec("crypto pki server LABCA grant 2");
        r.exec("crypto pki server LABCA reject 1");
        assertTrue(r.exec("crypto pki server LABCA grant 1").contains("Request 1 is not pending"));
        db = r.exec("show crypto pki server LABCA requests");
        assertTrue(db.contains("\n1      rejected   "), db);
        assertTrue(db.contains("\n2      granted    "), db);
        assertTrue(db.contains("\n3      pending    "), db);
        r.exec("crypto pki server LABCA grant all");
        assertTrue(r.exec("show crypto pki server LABCA requests").contains("\n3      granted    "));
        CertificateAuthority ca = pki.server();
        X509CertificateHolder r2 = ca.request(2).certificate(), r3 = ca.request(3).certificate();
        assertEquals(BigInteger.valueOf(2), r2.getSerialNumber());
        assertEquals(BigInteger.valueOf(3), r3.getSerialNumber());
        assertTrue(pki.verify(List.of("LABCA"), r2).ok());
        // revoked: the CRL is published again and the router's own check refuses it
        String rev = r.exec("crypto pki server LABCA revoke 2");
        assertFalse(rev.contains("%"), rev);
        assertEquals(Verdict.Status.REVOKED, pki.verify(List.of("LABCA"), r2).status());
        assertTrue(pki.verify(List.of("LABCA"), r3).ok());
        assertTrue(r.exec("crypto pki server LABCA revoke 9").contains("not revoked"));
        assertTrue(r.exec("crypto pki server OTHER grant all").contains("Certificate server OTHER does not exist"));
    }

    static String md5Hex(byte[] b) throws Exception {
        return Pem.hex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }

    /** openssl, independently: the CA certificate, an issued certificate's chain and the CRL's signature. */
    @Test
    void opensslAcceptsWhatTheServerIssues() throws Exception {
        Interop.require(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        TestRouter r = caRouter(Nvram.memory());
        Pki pki = r.router.pki();
        X509CertificateHolder leaf = pki.grant(request("R1", 1));
        Path dir = Files.createTempDirectory("rl-cs");
        Files.writeString(dir.resolve("ca.pem"), Pem.encode("CERTIFICATE", Certs.der(pki.server().certificate())));
        Files.writeString(dir.resolve("leaf.pem"), Pem.encode("CERTIFICATE", Certs.der(leaf)));
        Files.write(dir.resolve("crl.der"), pki.server().crl().getEncoded());
        // openssl verifies at the real time: the lab clock's certificates are checked as of their start
        String at = Long.toString(leaf.getNotBefore().getTime() / 1000 + 60);
        assertEquals("leaf.pem: OK\n", run(dir, "openssl", "verify", "-attime", at, "-CAfile", "ca.pem", "leaf.pem"));
        String crl = run(dir, "openssl", "crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "ca.pem", "-noout");
        assertTrue(crl.contains("verify OK"), crl);
    }

    static String md5(X509CertificateHolder c) throws Exception {
        String h = Pem.hex(java.security.MessageDigest.getInstance("MD5").digest(Certs.der(c)));
        return h.substring(0, 8) + " " + h.substring(8, 16) + " " + h.substring(16, 24) + " " + h.substring(24);
    }

    static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes());
    }
}
