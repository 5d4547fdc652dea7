package dev.routerlab.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.device.Nvram;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * A router enrolled by strongSwan's `pki` tool as its CA (terminal enrollment, as IOS labs do):
 * `crypto pki authenticate`, `crypto pki enroll` (the PKCS#10 request pki signs), `crypto pki
 * import`, the shows, the chain in the running-config across a reload, and the checks a peer's
 * certificate goes through on the router's clock (expired, other CA, revoked by a CRL).
 * The lab clock starts on 1 March 1993, so certificates are dated around it.
 */
class PkiEnrollmentTest {
    static final String FROM = "01.02.93 00:00:00", TO = "01.02.03 00:00:00";

    /** The trustpoint, authenticated and enrolled; returns the CA. */
    static StrongSwanPki enrolled(TestRouter r) throws Exception { return enrolled(r, "02"); }

    /** The same with the router's certificate of this serial (hex). */
    static StrongSwanPki enrolled(TestRouter r, String serial) throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        r.execAll("conf t", "hostname R1", "ip domain name lab.local", "crypto pki trustpoint LAB", "enrollment terminal",
            "subject-name CN=R1,O=routerlab", "revocation-check none", "rsakeypair R1 1024", "exit");
        for (String l : ca.read("ca.pem").split("\n")) r.answer(l);
        r.answer("quit").answer("yes");
        String auth = r.exec("crypto pki authenticate LAB");
        assertTrue(auth.contains("Enter the base 64 encoded CA certificate.\nEnd with a blank line or the word \"quit\" on a line by itself"), auth);
        assertTrue(auth.contains("Fingerprint SHA1: "), auth);
        assertTrue(auth.endsWith("Trustpoint CA certificate accepted.\n"), auth);
        r.answer("no").answer("no").answer("yes").answer("no");
        String enroll = r.exec("crypto pki enroll LAB");
        assertTrue(enroll.contains("% Generating 1024 bit RSA keys, keys will be non-exportable...\n[OK]"), enroll);
        assertTrue(enroll.contains("% The subject name in the certificate will include: CN=R1,O=routerlab\n"
            + "% The subject name in the certificate will include: R1.lab.local\n"), enroll);
        int a = enroll.indexOf("Certificate Request follows:\n\n") + "Certificate Request follows:\n\n".length();
        int b = enroll.indexOf("\n\n---End - This line not part of the certificate request---");
        byte[] req = Base64.getMimeDecoder().decode(enroll.substring(a, b));
        PKCS10CertificationRequest p10 = new JcaPKCS10CertificationRequest(req);
        assertTrue(p10.isSignatureValid(new JcaContentVerifierProviderBuilder().build(p10.getSubjectPublicKeyInfo())));
        assertEquals("CN=R1,O=routerlab,unstructuredName=R1.lab.local", p10.getSubject().toString());
        ca.write("r1.req", req);
        String cert = ca.issueRequest("r1.req", serial, FROM, TO, "R1.lab.local");
        for (String l : cert.split("\n")) r.answer(l);
        r.answer("");
        String imp = r.exec("crypto pki import LAB certificate");
        assertTrue(imp.contains("% Router Certificate successfully imported"), imp);
        r.exec("end");
        return ca;
    }

    @Test
    void terminalEnrollmentWithStrongSwansPkiAsTheCa() throws Exception {
        Nvram nvram = Nvram.memory();
        TestRouter r = new TestRouter(nvram);
        enrolled(r);
        String show = r.exec("show crypto pki certificates");
        assertTrue(show.startsWith("""
            Certificate
              Status: Available
              Version: 3
              Certificate Serial Number (hex): 02
              Certificate Usage: General Purpose
              Issuer:\s
                c=CH
                o=routerlab
                cn=Lab Root CA
              Subject:
                Name: R1.lab.local
                cn=R1
                o=routerlab
                hostname=R1.lab.local
              Validity Date:\s
                start date: 00:00:00 UTC Feb 1 1993
                end   date: 00:00:00 UTC Feb 1 2003
              Associated Trustpoints: LAB\s
              Key Label: R1

            CA Certificate
              Status: Available
            """), show);
        String tps = r.exec("show crypto pki trustpoints status");
        assertTrue(tps.contains("    Keys generated ............. Yes (General Purpose, non-exportable)\n"
            + "    Issuing CA authenticated ....... Yes\n    Certificate request(s) ..... Yes\n"), tps);
        assertTrue(r.exec("show crypto key mypubkey rsa").contains("Key name: R1\nKey type: RSA KEYS\n"));
        String run = r.running();
        assertTrue(run.contains("crypto pki trustpoint LAB\n enrollment terminal\n subject-name CN=R1,O=routerlab\n"
            + " revocation-check none\n rsakeypair R1 1024\n!\ncrypto pki certificate chain LAB\n certificate 02\n  3082"), run);
        assertTrue(run.contains("  \tquit\n certificate ca "), run);
        // the running-config loads back into the same model; the keys come back from NVRAM
        TestRouter again = new TestRouter(nvram);
        assertEquals(List.of(), again.load(run));
        assertEquals(r.config().pki, again.config().pki);
        Pki.Credential cred = again.router.pki().credential("LAB");
        assertNotNull(cred);
        assertEquals(cred.pair().getPublic(), Certs.publicKey(cred.certificate()));
    }

    /** Serial CA: ` certificate CA` in the chain is the router's certificate, not a CA certificate without serial. */
    @Test
    void aCertificateWhoseSerialIsCaLoadsBack() throws Exception {
        Nvram nvram = Nvram.memory();
        TestRouter r = new TestRouter(nvram);
        enrolled(r, "CA");
        String run = r.running();
        assertTrue(run.contains("crypto pki certificate chain LAB\n certificate CA\n  3082"), run);
        TestRouter again = new TestRouter(nvram);
        assertEquals(List.of(), again.load(run));
        assertEquals(r.config().pki, again.config().pki);
        assertNotNull(again.router.pki().credential("LAB"));
    }

    @Test
    void peerCertificatesAreCheckedOnTheRoutersClock() throws Exception {
        TestRouter r = new TestRouter();
        StrongSwanPki ca = enrolled(r);
        Pki pki = r.router.pki();
        X509CertificateHolder good = pem(ca.issueKey("good.key", "CN=peer.lab.local", "10", FROM, TO, "peer.lab.local"));
        assertTrue(pki.verify(List.of("LAB"), good).ok());
        Verdict expired = pki.verify(List.of("LAB"), pem(ca.issueKey("old.key", "CN=old", "11", "01.01.92 00:00:00", "01.01.93 00:00:00")));
        assertEquals("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  The certificate (SN: 11) has expired."
            + "    Validity period ended on 00:00:00 UTC Jan 1 1993", "%PKI-3-" + expired.mnemonic() + ": " + expired.text());
        Verdict early = pki.verify(List.of("LAB"), pem(ca.issueKey("new.key", "CN=new", "12", "01.01.94 00:00:00", TO)));
        assertEquals(Verdict.Status.NOT_YET_VALID, early.status());
        StrongSwanPki other = StrongSwanPki.ca("CN=Other CA", FROM, TO);
        assertEquals(Verdict.Status.UNTRUSTED, pki.verify(List.of("LAB"), pem(other.issueKey("x.key", "CN=x", "13", FROM, TO))).status());
        // revocation-check crl: no CRL held fails; a CRL listing the certificate revokes it
        r.execAll("conf t", "crypto pki trustpoint LAB", "revocation-check crl", "end");
        assertEquals(Verdict.Status.CRL_UNAVAILABLE, pki.verify(List.of("LAB"), good).status());
        ca.write("good.pem", Certs.der(good));
        assertTrue(pki.addCrl(Certs.decodeCrl(ca.crl("good.pem"))));
        Verdict revoked = pki.verify(List.of("LAB"), good);
        assertEquals("CERTIFICATE_REVOKED", revoked.mnemonic());
        assertEquals("Certificate chain validation has failed.  The certificate (SN: 10) is revoked", revoked.text());
    }

    @Test
    void rsaSigProfileLinesRoundTrip() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "crypto pki trustpoint LAB", "enrollment terminal", "revocation-check crl none", "exit",
            "crypto pki certificate map SPOKES 10", "issuer-name co lab root ca", "subject-name co spoke", "exit",
            "crypto ikev2 profile CERTS", "match certificate SPOKES", "authentication remote rsa-sig",
            "authentication local rsa-sig", "pki trustpoint LAB", "end");
        String run = r.running();
        assertTrue(run.contains("crypto pki trustpoint LAB\n enrollment terminal\n revocation-check crl none\n!\n"
            + "crypto pki certificate map SPOKES 10\n issuer-name co lab root ca\n subject-name co spoke\n!\n"), run);
        assertTrue(run.contains("crypto ikev2 profile CERTS\n match certificate SPOKES\n authentication remote rsa-sig\n"
            + " authentication local rsa-sig\n pki trustpoint LAB\n!"), run);
        TestRouter again = new TestRouter();
        assertEquals(List.of(), again.load(run));
        assertEquals(r.config().pki, again.config().pki);
        assertEquals(r.config().crypto.ikev2, again.config().crypto.ikev2);
    }

    static X509CertificateHolder pem(String text) { return Certs.decode(Pem.decode(text).get(0).der()); }
}
