package dev.routerlab.pki;

import static dev.routerlab.pki.PkiEnrollmentTest.FROM;
import static dev.routerlab.pki.PkiEnrollmentTest.TO;
import static dev.routerlab.pki.PkiEnrollmentTest.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/**
 * Certificate paths (RFC 5280 §6): a peer's certificate issued by an intermediate CA, which it
 * sends along (RFC 7296 §3.6), checked up to the root the trustpoint holds: each signature, every
 * certificate's validity on the router's clock (1 March 1993), basicConstraints cA and path length
 * for the issuers, CRLs held for the root and for the intermediate. A router whose trustpoint
 * chain holds an intermediate (`certificate ca` twice) signs with it and sends it.
 */
class PkiChainTest {
    static final String SUB_DN = "C=CH, O=routerlab, CN=Lab Issuing CA";

    @Test
    void aPeersChainIsCheckedUpToTheTrustpointsRoot() throws Exception {
        TestRouter r = new TestRouter();
        StrongSwanPki root = PkiEnrollmentTest.enrolled(r);
        Pki pki = r.router.pki();
        StrongSwanPki sub = root.subordinate(SUB_DN, "20", FROM, TO, true, null);
        X509CertificateHolder peer = pem(sub.issueKey("p.key", "CN=peer.lab.local", "21", FROM, TO, "peer.lab.local"));
        X509CertificateHolder inter = sub.certificate();
        assertTrue(pki.verify(List.of("LAB"), List.of(peer, inter)).ok());
        // without the intermediate there is no path to the root
        Verdict alone = pki.verify(List.of("LAB"), peer);
        assertEquals("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed.  Unauthorized",
            "%PKI-3-" + alone.mnemonic() + ": " + alone.text());
        // an intermediate of another root named like ours: no path either
        StrongSwanPki otherRoot = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        StrongSwanPki twin = otherRoot.subordinate(SUB_DN, "20", FROM, TO, true, null);
        X509CertificateHolder twinPeer = pem(twin.issueKey("t.key", "CN=peer.lab.local", "22", FROM, TO));
        assertEquals(Verdict.Status.UNTRUSTED, pki.verify(List.of("LAB"), List.of(twinPeer, twin.certificate())).status());

        // an expired intermediate: the message names its serial
        StrongSwanPki old = root.subordinate(SUB_DN + " old", "30", "01.01.92 00:00:00", "01.01.93 00:00:00", true, null);
        Verdict expired = pki.verify(List.of("LAB"), List.of(pem(old.issueKey("o.key", "CN=o", "31", FROM, TO)), old.certificate()));
        assertEquals("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  The certificate (SN: 30) has expired."
            + "    Validity period ended on 00:00:00 UTC Jan 1 1993", "%PKI-3-" + expired.mnemonic() + ": " + expired.text());
        // an intermediate without basicConstraints cA may not issue
        StrongSwanPki leaf = root.subordinate(SUB_DN + " leaf", "40", FROM, TO, false, null);
        Verdict notCa = pki.verify(List.of("LAB"), List.of(signedBy(leaf, "CN=l", 0x41), leaf.certificate()));
        assertEquals(Verdict.Status.NOT_A_CA, notCa.status());
        assertEquals("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed.", "%PKI-3-" + notCa.mnemonic() + ": " + notCa.text());
        // pathLenConstraint 0 on an intermediate: it may issue end entities, not another CA
        StrongSwanPki zero = root.subordinate(SUB_DN + " zero", "50", FROM, TO, true, 0);
        StrongSwanPki deeper = zero.subordinate(SUB_DN + " deeper", "51", FROM, TO, true, null);
        X509CertificateHolder z = pem(zero.issueKey("z.key", "CN=z", "52", FROM, TO));
        X509CertificateHolder d = pem(deeper.issueKey("d.key", "CN=d", "53", FROM, TO));
        assertTrue(pki.verify(List.of("LAB"), List.of(z, zero.certificate())).ok());
        assertEquals(Verdict.Status.PATH_TOO_LONG, pki.verify(List.of("LAB"), List.of(d, deeper.certificate(), zero.certificate())).status());

        // revocation-check crl: the intermediate revoked by the root's CRL, the peer by the intermediate's
        r.execAll("conf t", "crypto pki trustpoint LAB", "revocation-check crl", "end");
        assertEquals(Verdict.Status.CRL_UNAVAILABLE, pki.verify(List.of("LAB"), List.of(peer, inter)).status());
        root.write("sub.pem", Certs.der(inter));
        assertTrue(pki.addCrl(Certs.decodeCrl(root.crl())));
        // the root's CRL held, the intermediate's not: still unavailable
        assertEquals(Verdict.Status.CRL_UNAVAILABLE, pki.verify(List.of("LAB"), List.of(peer, inter)).status());
        r.execAll("conf t", "crypto pki trustpoint LAB", "revocation-check crl none", "end");
        assertTrue(pki.verify(List.of("LAB"), List.of(peer, inter)).ok());
        assertTrue(pki.addCrl(Certs.decodeCrl(root.crl("sub.pem"))));
        Verdict revoked = pki.verify(List.of("LAB"), List.of(peer, inter));
        assertEquals("Certificate chain validation has failed.  The certificate (SN: 20) is revoked", revoked.text());
    }

    /** A certificate signed with the key of a certificate that is no CA (strongSwan's pki refuses to): BouncyCastle. */
    static X509CertificateHolder signedBy(StrongSwanPki issuer, String dn, int serial) throws Exception {
        java.security.KeyPair kp;
        try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(issuer.read("ca.key")))) {
            kp = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getKeyPair((org.bouncycastle.openssl.PEMKeyPair) parser.readObject());
        }
        X509CertificateHolder ic = issuer.certificate();
        var b = new org.bouncycastle.cert.X509v3CertificateBuilder(ic.getSubject(), java.math.BigInteger.valueOf(serial),
            ic.getNotBefore(), ic.getNotAfter(), new org.bouncycastle.asn1.x500.X500Name(dn), ic.getSubjectPublicKeyInfo());
        return b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
    }

    @Test
    void aTrustpointHoldingAnIntermediateSendsIt() throws Exception {
        TestRouter r = new TestRouter();
        StrongSwanPki root = PkiEnrollmentTest.enrolled(r);
        StrongSwanPki sub = root.subordinate(SUB_DN, "20", FROM, TO, true, null);
        // the router's certificate re-issued by the intermediate, which the chain then holds too
        X509CertificateHolder mine = r.router.pki().credential("LAB").certificate();
        String hex = Pem.hex(Certs.der(sub.certificate()));
        r.execAll("conf t", "crypto pki certificate chain LAB");
        for (int i = 0; i < hex.length(); i += 64) r.answer(hex.substring(i, Math.min(hex.length(), i + 64)));
        r.answer("quit");
        r.exec("certificate ca 20");
        sub.write("r1.req", java.nio.file.Files.readAllBytes(root.dir.resolve("r1.req")));
        X509CertificateHolder reissued = pem(sub.issueRequest("r1.req", "22", FROM, TO, "R1.lab.local"));
        String mineHex = Pem.hex(Certs.der(reissued));
        for (int i = 0; i < mineHex.length(); i += 64) r.answer(mineHex.substring(i, Math.min(mineHex.length(), i + 64)));
        r.answer("quit");
        r.exec("certificate 22");
        r.exec("end");
        String run = r.running();
        assertTrue(run.contains(" certificate ca 20\n"), run);
        assertEquals(2, run.split(" certificate ca ", -1).length - 1, run);
        String show = r.exec("show crypto pki certificates");
        assertEquals(2, show.split("CA Certificate\n", -1).length - 1, show);
        assertTrue(show.contains("  Certificate Serial Number (hex): 20\n"), show);
        Pki.Credential c = r.router.pki().credential("LAB");
        assertEquals(reissued, c.certificate());
        assertEquals(List.of(sub.certificate()), c.intermediates());
        assertEquals(root.certificate(), c.ca());
        assertTrue(!mine.equals(reissued));
        // a peer trusting only the root accepts what the router sends
        Pki peer = root.enrolled(r.router.pki().clock(), "R2", "23", FROM, TO, 1024);
        assertTrue(peer.verify(List.of("LAB"), List.of(c.certificate(), c.intermediates().get(0))).ok());
        // across a reload the chain keeps both CA certificates
        TestRouter again = new TestRouter();
        assertEquals(List.of(), again.load(run));
        assertEquals(r.config().pki, again.config().pki);
    }
}
