package dev.routerlab.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/**
 * SCEP (RFC 8894) between two lab routers: R1's trustpoint with `enrollment url` authenticates
 * the CA router's certificate server over HTTP (GetCACert, IOS's fingerprint question) and
 * enrolls through PKIOperation (PKCSReq → CertRep); and the codec's own checks (a CertRep for
 * another transaction or nonce, a refusal).
 */
class ScepEnrollmentTest {
    final Net net = new Net();
    final Net.Node ca = net.router("CA"), r1 = net.router("R1");

    ScepEnrollmentTest() {
        net.wire(ca, "Gi0/0", r1, "Gi0/0", WireOptions.DEFAULT.withDelay(1_000_000));
        ca.config("interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown", "exit", "ip http server");
        r1.config("ip domain name lab.local", "interface GigabitEthernet0/0", "ip address 10.0.12.2 255.255.255.0", "no shutdown");
        net.run(2);
        r1.exec("ping 10.0.12.1 repeat 1");
    }

    void enableServer(boolean grantAuto) {
        ca.exec("configure terminal");
        ca.exec("crypto pki server LABCA");
        ca.exec("issuer-name CN=Lab CA,O=routerlab");
        if (grantAuto) ca.exec("grant auto");
        ca.answer("secret123").answer("secret123");
        assertTrue(ca.exec("no shutdown").contains("% Certificate Server enabled."));
        ca.exec("end");
    }

    @Test
    void routerEnrollsWithTheCertificateServerOverScep() {
        enableServer(true);
        r1.exec("configure terminal");
        r1.exec("crypto pki trustpoint LABCA");
        r1.exec("enrollment url http://10.0.12.1:80");
        r1.exec("revocation-check none");
        r1.exec("exit");
        String auth = r1.exec("crypto pki authenticate LABCA");
        X509CertificateHolder caCert = ca.router.pki().server().certificate();
        assertTrue(auth.startsWith("Certificate has the following attributes:\n       Fingerprint MD5: "), auth);
        assertTrue(auth.contains("      Fingerprint SHA1: " + sha1(caCert) + "\n"), auth);
        assertEquals("% Do you accept this certificate? [yes/no]: ", r1.session.question().text());
        assertEquals("Trustpoint CA certificate accepted.\n", r1.exec("yes"));
        assertEquals(caCert, Pki.certificate(r1.router.config().pki.trustpoints.get("LABCA").caCertificate()));

        r1.answer("challenge1").answer("challenge1").answer("no").answer("no").answer("yes");
        String enroll = r1.exec("crypto pki enroll LABCA");
        assertTrue(enroll.contains("% Start certificate enrollment .. \n% Create a challenge password."), enroll);
        assertTrue(enroll.contains("% The subject name in the certificate will include: R1.lab.local\n"), enroll);
        assertTrue(enroll.contains("Request certificate from CA? [yes/no]: \n% Certificate request sent to Certificate Authority\n"
            + "% The 'show crypto pki certificate verbose LABCA' commandwill show the fingerprint.\n"), enroll);
        net.run(5);
        String log = r1.router.log().show();
        assertTrue(log.contains("%PKI-6-CSR_FINGERPRINT: CSR Fingerprint MD5 : "), log);
        assertTrue(log.contains("%PKI-6-CERTRET: Certificate received from Certificate Authority"), log);
        Pki.Credential cred = r1.router.pki().credential("LABCA");
        assertNotNull(cred);
        assertEquals(BigInteger.TWO, cred.certificate().getSerialNumber());
        assertTrue(Certs.issuedBy(cred.certificate(), caCert));
        r1.exec("end");
        String certs = r1.exec("show crypto pki certificates");
        assertTrue(certs.startsWith("Certificate\n  Status: Available\n  Version: 3\n"
            + "  Certificate Serial Number (hex): 02\n  Certificate Usage: General Purpose\n  Issuer: \n    cn=Lab CA\n    o=routerlab\n"), certs);
        assertTrue(ca.exec("show crypto pki server").contains("Last certificate issued serial number (hex): 2\n"));
        // the CA's own check accepts R1's certificate
        assertTrue(ca.router.pki().verify(List.of("LABCA"), cred.certificate()).ok());
    }

    /** R1 authenticated and enrolling with a server that grants by hand: its request is pending. */
    void enrollPending() {
        enableServer(false);
        r1.config("crypto pki trustpoint LABCA", "enrollment url http://10.0.12.1", "revocation-check none");
        r1.exec("configure terminal");
        r1.exec("crypto pki authenticate LABCA");
        r1.exec("yes");
        r1.answer("").answer("").answer("no").answer("no").answer("yes");
        r1.exec("crypto pki enroll LABCA");
        r1.exec("end");
        net.run(5);
        assertTrue(r1.router.log().show().contains("%PKI-6-CERTPENDING: Enter manual authentication"), r1.router.log().show());
        String reqs = ca.exec("show crypto pki server LABCA requests");
        assertTrue(reqs.contains("Router certificates requests:\nReqID  State      Fingerprint                      SubjectName\n"
            + "--------------------------------------------------------------\n1      pending    "), reqs);
        assertTrue(reqs.endsWith(" hostname=R1.lab.local\n"), reqs);
        assertTrue(r1.exec("show crypto pki trustpoints status").contains("    Certificate request(s) ..... Pending\n"));
    }

    /** RFC 8894 §3.3.2.2/§3.3.3: PENDING, CertPoll every retry period, the certificate after `grant`. */
    @Test
    void withoutGrantAutoTheRequestWaitsForTheOperator() {
        enrollPending();
        net.run(300);
        assertEquals(null, r1.router.pki().credential("LABCA"));
        assertTrue(ca.exec("show crypto pki server LABCA requests").contains("1      pending    "));
        assertEquals("", ca.exec("crypto pki server LABCA grant 1"));
        assertTrue(ca.exec("show crypto pki server LABCA requests").contains("1      granted    "));
        net.run(30);
        assertEquals(null, r1.router.pki().credential("LABCA"), "the next poll is a minute after the last");
        net.run(35);
        String log = r1.router.log().show();
        assertTrue(log.contains("%PKI-6-CERTRET: Certificate received from Certificate Authority"), log);
        assertTrue(r1.exec("show crypto pki trustpoints status").contains("    Certificate request(s) ..... Yes\n"));
        Pki.Credential cred = r1.router.pki().credential("LABCA");
        assertNotNull(cred);
        assertEquals(BigInteger.TWO, cred.certificate().getSerialNumber());
        assertTrue(ca.router.pki().verify(List.of("LABCA"), cred.certificate()).ok());
        // the PKCSReq and five CertPolls (a minute apart) PENDING, then the sixth poll SUCCESS
        ScepServer scep = (ScepServer) ca.router.http().handler(Scep.PATH);
        assertEquals(1, scep.granted());
        assertEquals(0, scep.refused());
        assertEquals(6, scep.pending());
    }

    @Test
    void aRejectedRequestIsLoggedAsIosDoes() {
        enrollPending();
        assertEquals("", ca.exec("crypto pki server LABCA reject 1"));
        assertTrue(ca.exec("show crypto pki server LABCA requests").contains("1      rejected   "));
        net.run(65);
        assertTrue(r1.router.log().show().contains("%PKI-6-CERTREJECT: Certificate enrollment request was rejected by Certificate Authority"));
        assertEquals(null, r1.router.pki().credential("LABCA"));
        assertTrue(r1.exec("show crypto pki trustpoints status").contains("    Certificate request(s) ..... None\n"));
    }

    @Test
    void pollingStopsAfterTheRetryCount() {
        enrollPending();
        net.run(11 * 60);
        String log = r1.router.log().show();
        assertTrue(log.contains("%PKI-2-CERT_ENROLL_FAIL: Certificate enrollment failed for trustpoint LABCA. Reason : "
            + "Enrollment retry count exceeded"), log);
        assertEquals("", ca.exec("crypto pki server LABCA grant 1"));
        net.run(300);
        assertEquals(null, r1.router.pki().credential("LABCA"));
    }

    @Test
    void authenticateWithNoServerSaysIosError() {
        r1.config("crypto pki trustpoint LABCA", "enrollment url http://10.0.12.1:80");
        r1.exec("configure terminal");
        assertEquals("% Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0\n",
            r1.exec("crypto pki authenticate LABCA"));
    }

    /** The codec alone: a CertRep for the wrong transaction or nonce is refused; a refusal has its failInfo. */
    @Test
    void certRepIsCheckedAgainstItsRequest() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        KeyPair caPair = RsaKeys.generate(1024, rnd);
        X509CertificateHolder caCert = CertificateAuthority.selfSigned(caPair, new X500Name("CN=CA"), 0, 365);
        CertificateAuthority authority = new CertificateAuthority("CA", caPair, caCert);
        KeyPair mine = RsaKeys.generate(1024, rnd);
        X500Name subject = new X500Name("CN=R9");
        byte[] csr = Requests.build(mine, subject, null, null, "pw");
        ScepClient.Enrollment e = ScepClient.start(csr, mine, subject, caCert, 1000, rnd);
        Scep.Message req = Scep.decode(e.message(), null, caPair.getPrivate());
        assertEquals(Scep.PKCS_REQ, req.messageType());
        assertEquals(e.transactionId(), req.transactionId());
        assertTrue(java.util.Arrays.equals(csr, req.content()));
        X509CertificateHolder issued = authority.issue(new org.bouncycastle.pkcs.PKCS10CertificationRequest(req.content()), 1000, 30);
        byte[] ok = Scep.certRep(req, Scep.SUCCESS, -1, issued, caPair, caCert, new byte[16], 1000, RsaKeys.secureRandom(rnd));
        assertEquals(issued, ScepClient.finish(e, ok, caCert).certificate());
        ScepClient.Enrollment other = new ScepClient.Enrollment(e.transactionId(), new byte[16], e.message(), mine, e.signer(), e.subject());
        assertThrows(Scep.ScepException.class, () -> ScepClient.finish(other, ok, caCert));
        // signed by someone else than the CA
        KeyPair rogue = RsaKeys.generate(1024, rnd);
        byte[] forged = Scep.certRep(req, Scep.SUCCESS, -1, issued, rogue, CertificateAuthority.selfSigned(rogue, new X500Name("CN=CA"), 0, 365),
            new byte[16], 1000, RsaKeys.secureRandom(rnd));
        assertThrows(Scep.ScepException.class, () -> ScepClient.finish(e, forged, caCert));
        byte[] no = Scep.certRep(req, Scep.FAILURE, Scep.BAD_REQUEST, null, caPair, caCert, new byte[16], 1000, RsaKeys.secureRandom(rnd));
        ScepClient.Outcome o = ScepClient.finish(e, no, caCert);
        assertEquals(Scep.FAILURE, o.status());
        assertEquals(Scep.BAD_REQUEST, o.failInfo());
        assertThrows(Scep.ScepException.class, () -> Scep.decode(new byte[] {0x30, 0x03, 1, 2, 3}, null, caPair.getPrivate()));
    }

    /** openssl, independently: it verifies our PKCSReq's signature and opens its envelope with the CA's key to our PKCS#10. */
    @Test
    void opensslOpensAPkcsReq() throws Exception {
        dev.routerlab.Interop.require(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/openssl")), "openssl is not installed");
        SplittableRandom rnd = new SplittableRandom(6);
        KeyPair caPair = RsaKeys.generate(1024, rnd);
        X509CertificateHolder caCert = CertificateAuthority.selfSigned(caPair, new X500Name("CN=CA"), 0, 365);
        KeyPair mine = RsaKeys.generate(1024, rnd);
        byte[] csr = Requests.build(mine, new X500Name("CN=R9"), null, null, "pw");
        ScepClient.Enrollment e = ScepClient.start(csr, mine, new X500Name("CN=R9"), caCert, 1000, rnd);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rl-scep");
        java.nio.file.Files.write(dir.resolve("req.der"), e.message());
        java.nio.file.Files.writeString(dir.resolve("ca.pem"), Pem.encode("CERTIFICATE", Certs.der(caCert)));
        java.nio.file.Files.writeString(dir.resolve("ca.key"), Pem.encode("PRIVATE KEY", caPair.getPrivate().getEncoded()));
        String v = CertificateServerTest.run(dir, "openssl", "cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-in", "req.der",
            "-out", "env.der");
        assertTrue(v.contains("Verification successful"), v);
        String d = CertificateServerTest.run(dir, "openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "env.der",
            "-recip", "ca.pem", "-inkey", "ca.key", "-out", "csr.der");
        assertEquals("", d);
        assertTrue(java.util.Arrays.equals(csr, java.nio.file.Files.readAllBytes(dir.resolve("csr.der"))));
    }

    /** The server alone: a PKCSReq without `grant auto` is filed PENDING; CertPoll finds it by transactionID. */
    @Test
    void serverAnswersPendingThenTheCertificate() throws Exception {
        net.run(1);
        enableServer(false);
        Pki pki = ca.router.pki();
        X509CertificateHolder caCert = pki.server().certificate();
        ScepServer server = new ScepServer(pki);
        SplittableRandom rnd = new SplittableRandom(7);
        KeyPair mine = RsaKeys.generate(1024, rnd);
        X500Name subject = new X500Name("CN=R9");
        ScepClient.Enrollment e = ScepClient.start(Requests.build(mine, subject, null, null, "pw"), mine, subject, caCert, net.clock.epochMillis(), rnd);
        assertEquals(Scep.PENDING, ScepClient.finish(e, post(server, e), caCert).status());
        // the same PKCSReq again is the same request (§3.3.1), not a second one
        assertEquals(Scep.PENDING, ScepClient.finish(e, post(server, e), caCert).status());
        assertEquals(1, pki.server().requests().size());
        ScepClient.Enrollment poll = ScepClient.poll(e, caCert, net.clock.epochMillis(), rnd);
        Scep.Message m = Scep.decode(poll.message(), null, pki.server().pair().getPrivate());
        assertEquals(Scep.CERT_POLL, m.messageType());
        assertEquals(e.transactionId(), m.transactionId());
        // IssuerAndSubject: the CA's name and ours
        org.bouncycastle.asn1.ASN1Sequence ias = org.bouncycastle.asn1.ASN1Sequence.getInstance(m.content());
        assertEquals(caCert.getSubject(), X500Name.getInstance(ias.getObjectAt(0)));
        assertEquals(subject, X500Name.getInstance(ias.getObjectAt(1)));
        assertEquals(Scep.PENDING, ScepClient.finish(poll, post(server, poll), caCert).status());
        pki.grant(pki.server().request(1));
        poll = ScepClient.poll(poll, caCert, net.clock.epochMillis(), rnd);
        ScepClient.Outcome o = ScepClient.finish(poll, post(server, poll), caCert);
        assertEquals(Scep.SUCCESS, o.status());
        assertEquals(subject, o.certificate().getSubject());
        // an unknown transaction: FAILURE badCertId
        ScepClient.Enrollment stranger = ScepClient.start(Requests.build(mine, new X500Name("CN=R8"), null, null, "pw"),
            RsaKeys.generate(1024, rnd), new X500Name("CN=R8"), caCert, net.clock.epochMillis(), rnd);
        ScepClient.Enrollment strangerPoll = ScepClient.poll(stranger, caCert, net.clock.epochMillis(), rnd);
        ScepClient.Outcome none = ScepClient.finish(strangerPoll, post(server, strangerPoll), caCert);
        assertEquals(Scep.FAILURE, none.status());
        assertEquals(Scep.BAD_CERT_ID, none.failInfo());
    }

    static byte[] post(ScepServer server, ScepClient.Enrollment e) {
        byte[][] body = new byte[1][];
        server.handle(new dev.routerlab.http.HttpRequest("POST", Scep.PATH, "operation=PKIOperation", java.util.Map.of(), e.message(), 0),
            r -> body[0] = r.body());
        return body[0];
    }

    static String sha1(X509CertificateHolder c) throws RuntimeException {
        try {
            String h = Pem.hex(java.security.MessageDigest.getInstance("SHA-1").digest(Certs.der(c)));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < h.length(); i += 8) sb.append(i == 0 ? "" : " ").append(h, i, i + 8);
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
