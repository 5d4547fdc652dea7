package dev.routerlab.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.packet.isakmp.CertPayload;
import dev.routerlab.packet.isakmp.CertRequestPayload;
import dev.routerlab.packet.isakmp.IsakmpHeader;
import dev.routerlab.packet.isakmp.SignaturePayload;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.StrongSwanPki;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IKEv1 Main Mode with RSA signatures (RFC 2409 §5.1, `authentication rsa-sig`) between two
 * engines whose certificates strongSwan's `pki` tool issued from their own PKCS#10 requests: CERTREQ
 * with the KE messages, ID, CERT and SIG in MM5/MM6, SKEYID from the nonces and g^xy (§5). A
 * certificate that expired (the initiator checks the responder's) or one of another CA (the
 * responder checks the initiator's) fails phase 1 with `%PKI-3-` and `%CRYPTO-6-IKMP_MODE_FAILURE`.
 * The pair's clock is 14 Nov 2023.
 */
class IkeRsaSigTest {
    static final String FROM = "01.01.23 00:00:00", TO = "01.01.30 00:00:00";
    static final IsakmpPolicy RSA = new IsakmpPolicy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, AuthMethod.RSA_SIG,
            DhGroup.MODP_2048, IsakmpPolicy.DEFAULT_LIFETIME);

    static Ikev1Certs.Settings certs(Pki pki, Ikev1Certs.Identity id, String fqdn) {
        return new Ikev1Certs.Settings(pki, List.of("LAB"), id, fqdn, List.of());
    }

    /** A and B with rsa-sig only (no pre-shared key), each enrolled with its CA. */
    static IkePair pair(StrongSwanPki caA, StrongSwanPki caB, String fromB, String toB, Ikev1Certs.Identity id) throws Exception {
        IkePair p = new IkePair(11);
        Pki a = caA.enrolled(p.sched, "R1", "31", FROM, TO, 1024);
        Pki b = caB.enrolled(p.sched, "R2", "32", fromB, toB, 1024);
        IkeConfig ca = IkeConfig.of(List.of(RSA), List.of(),
                List.of(IkePair.mapEntry(IkePair.B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-aes esp-sha-hmac")))
                .withCerts(certs(a, id, "R1.lab.local"));
        IkeConfig cb = IkeConfig.of(List.of(RSA), List.of(),
                List.of(IkePair.mapEntry(IkePair.A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-aes esp-sha-hmac")))
                .withCerts(certs(b, id, "R2.lab.local"));
        return p.start(ca, cb);
    }

    @Test
    void signaturesAuthenticateMainModeBothWays() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        for (Ikev1Certs.Identity id : Ikev1Certs.Identity.values()) {
            IkePair p = pair(ca, ca, FROM, TO, id);
            assertTrue(p.acquire());
            p.run(5 * IkePair.S);
            assertEquals(1, p.ra.live().size(), id + " " + p.ra.failures + " " + p.rb.failures + " " + p.rb.logs);
            assertEquals(1, p.rb.live().size());
            IsakmpSaInfo sa = p.a.isakmpSas().get(0);
            assertEquals(AuthMethod.RSA_SIG, sa.authentication());
            assertEquals(IsakmpState.QM_IDLE, sa.state());
            assertEquals(AuthMethod.RSA_SIG, p.b.isakmpSas().get(0).authentication());
            // CERTREQ in MM3 and MM4 (the CA's DN), CERT and SIG in MM5 and MM6, encrypted
            assertTrue(p.ra.debug.stream().anyMatch(l -> l.contains("constructing CERT_REQ for issuer c=CH,o=routerlab,cn=Lab Root CA")),
                    String.join("\n", p.ra.debug));
            assertTrue(p.rb.debug.stream().anyMatch(l -> l.contains("SA has been authenticated with 192.0.2.1")));
            String type = switch (id) {
                case ADDRESS -> "ID_IPV4_ADDR";
                case DN -> "ID_DER_DN";
                case HOSTNAME -> "ID_FQDN";
            };
            assertTrue(p.ra.debug.stream().anyMatch(l -> l.contains("SA is doing RSA signature authentication using id type " + type)));
            assertTrue(p.rb.debug.stream().anyMatch(l -> l.contains(" peer ID is " + type)), String.join("\n", p.rb.debug));
            assertTrue(p.ra.logs.isEmpty() && p.rb.logs.isEmpty(), p.ra.logs + " " + p.rb.logs);
        }
    }

    /**
     * The ISAKMP profile a crypto map names for the peer (`set isakmp-profile`) chooses the
     * trustpoints (`ca trust-point`): one naming a trustpoint without a certificate leaves nothing
     * to sign with, so rsa-sig is not offered; one naming LAB negotiates.
     */
    @Test
    void theCryptoMapsIsakmpProfileChoosesTheTrustpoints() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        for (String tp : List.of("OTHER", "LAB")) {
            IkePair p = pair(ca, ca, FROM, TO, Ikev1Certs.Identity.DN);
            Ikev1Certs.Settings s = p.a.config().certs();
            p.a.reconfigure(p.a.config().withCerts(new Ikev1Certs.Settings(s.pki(), s.trustpoints(), s.identity(), s.fqdn(),
                    List.of(new Ikev1Certs.Profile("PROF", List.of(tp), List.of(), List.of())), java.util.Map.of(IkePair.B, "PROF"))));
            p.acquire();
            p.run(5 * IkePair.S);
            assertEquals(tp.equals("LAB") ? 1 : 0, p.ra.live().size(), tp + " " + p.ra.failures);
            if (tp.equals("OTHER")) assertTrue(p.ra.failures.contains("no pre-shared key"), p.ra.failures.toString());
        }
    }

    @Test
    void anExpiredCertificateFailsPhaseOneAtTheInitiator() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        IkePair p = pair(ca, ca, "01.01.23 00:00:00", "01.06.23 00:00:00", Ikev1Certs.Identity.DN);
        assertTrue(p.acquire());
        p.run(5 * IkePair.S);
        assertEquals(0, p.ra.live().size());
        assertTrue(p.ra.logs.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  "
                + "The certificate (SN: 32) has expired.    Validity period ended on 00:00:00 UTC Jun 1 2023"), p.ra.logs.toString());
        assertTrue(p.ra.logs.contains("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 198.51.100.2"),
                p.ra.logs.toString());
        assertTrue(p.ra.failures.contains("certificate validation failed"), p.ra.failures.toString());
        assertTrue(p.a.isakmpSas().stream().noneMatch(s -> s.state() == IsakmpState.QM_IDLE && !s.deleted()));
        // the responder, told AUTHENTICATION-FAILED under the phase-1 keys, drops the SA it had completed
        assertTrue(p.b.isakmpSas().stream().noneMatch(s -> s.state() == IsakmpState.QM_IDLE && !s.deleted()), p.b.isakmpSas().toString());
        assertTrue(p.rb.logs.contains("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 192.0.2.1"),
                p.rb.logs.toString());
    }

    @Test
    void aCertificateOfAnotherCaFailsPhaseOneAtTheResponder() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        StrongSwanPki other = StrongSwanPki.ca("C=CH, O=elsewhere, CN=Lab Root CA", FROM, TO);
        IkePair p = new IkePair(12);
        Pki a = other.enrolled(p.sched, "R1", "41", FROM, TO, 1024);
        Pki b = ca.enrolled(p.sched, "R2", "42", FROM, TO, 1024);
        // A trusts B's CA too (its trustpoint is the other CA's): the responder B is the one that refuses
        IkeConfig cfgA = IkeConfig.of(List.of(RSA), List.of(),
                List.of(IkePair.mapEntry(IkePair.B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-aes esp-sha-hmac")))
                .withCerts(certs(a, Ikev1Certs.Identity.DN, "R1.lab.local"));
        IkeConfig cfgB = IkeConfig.of(List.of(RSA), List.of(),
                List.of(IkePair.mapEntry(IkePair.A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-aes esp-sha-hmac")))
                .withCerts(certs(b, Ikev1Certs.Identity.DN, "R2.lab.local"));
        p.start(cfgA, cfgB);
        assertTrue(p.acquire());
        p.run(5 * IkePair.S);
        assertEquals(0, p.rb.live().size());
        assertTrue(p.rb.logs.contains("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed.  Unauthorized"),
                p.rb.logs.toString());
        assertTrue(p.rb.logs.contains("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 192.0.2.1"),
                p.rb.logs.toString());
        // the initiator hears AUTHENTICATION-FAILED under the phase-1 keys and gives up at once
        assertTrue(p.ra.failures.stream().anyMatch(f -> f.contains("AUTHENTICATION-FAILED") || f.contains("AUTHENTICATION_FAILED")),
                p.ra.failures + "\n" + String.join("\n", p.ra.debug));
    }

    /**
     * Hostile CERT, ID and SIG contents (mutations of a real certificate, random identities and
     * signatures) through the checks a responder runs on MM5: nothing throws, nothing forged passes.
     */
    @Test
    void hostileCertificatesIdentitiesAndSignaturesNeverThrowNorPass() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        IkePair p = pair(ca, ca, FROM, TO, Ikev1Certs.Identity.DN);
        Ikev1Certs.Settings s = p.a.config().certs();
        Pki.Credential mine = s.pki().credential("LAB");
        byte[] der = dev.routerlab.pki.Certs.der(p.b.config().certs().pki().credential("LAB").certificate());
        java.util.SplittableRandom r = new java.util.SplittableRandom(0x1e1);
        int decoded = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = der.clone();
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                int at = r.nextInt(b.length);
                if (r.nextBoolean()) b[at] ^= (byte) (1 << r.nextInt(8));
                else b = java.util.Arrays.copyOf(b, at + 1);
            }
            var cert = Ikev1Certs.certificate(new CertPayload(r.nextInt(8) == 0 ? r.nextInt(256) : CertPayload.X509_SIGNATURE, b));
            byte[] idData = new byte[r.nextInt(40)];
            r.nextBytes(idData);
            int type = new int[] {1, 2, 9, 3, 11, 0}[r.nextInt(6)];
            var id = new dev.routerlab.packet.isakmp.IdPayload(type, 17, 500, type == 1 ? java.util.Arrays.copyOf(idData, 4) : idData);
            byte[] hash = new byte[32], sig = new byte[r.nextBoolean() ? 128 : r.nextInt(300)];
            r.nextBytes(hash);
            r.nextBytes(sig);
            if (cert != null) decoded++;
            String why = Ikev1Certs.verify(s, IkePair.B, cert, id, hash, sig, p.a);
            assertTrue(why != null, "a forged proof passed");
        }
        assertTrue(decoded > 100, "mutations still reach the certificate checks: " + decoded);
        // and the genuine article passes
        byte[] hash = new byte[32];
        var id = new dev.routerlab.packet.isakmp.IdPayload(9, 17, 500, dev.routerlab.pki.PeerAuth.subject(mine.certificate()));
        assertEquals(null, Ikev1Certs.verify(p.b.config().certs(), IkePair.A, mine.certificate(), id, hash, Ikev1Certs.sign(mine, hash), p.b));
    }

    @Test
    void mainModeFivePayloadsAreIdCertSig() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        IkePair p = pair(ca, ca, FROM, TO, Ikev1Certs.Identity.DN);
        assertTrue(p.acquire());
        p.run(5 * IkePair.S);
        // MM3 (A's third datagram) carries the CERTREQ in clear
        Datagram mm3 = p.wire.stream().filter(d -> d.source() == IkePair.A).skip(1).findFirst().orElseThrow();
        byte[] m = mm3.payload();
        var chain = dev.routerlab.packet.isakmp.Payloads.decode(m, IsakmpHeader.LENGTH, m.length - IsakmpHeader.LENGTH,
                IsakmpHeader.nextPayload(m, 0));
        CertRequestPayload cr = chain.first(CertRequestPayload.class);
        assertEquals(CertPayload.X509_SIGNATURE, cr.certType());
        assertTrue(chain.first(SignaturePayload.class) == null);
    }
}
