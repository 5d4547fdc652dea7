package dev.routerlab.ikev2;

import static dev.routerlab.ikev2.Ikev2RsaSigTest.FROM;
import static dev.routerlab.ikev2.Ikev2RsaSigTest.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.ProxyPair;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.StrongSwanPki;
import org.junit.jupiter.api.Test;

/**
 * IKEv2 with a certificate chain (RFC 7296 §3.6): R1's certificate comes from an intermediate CA
 * its trustpoint holds besides the root, and R1 sends it in a second CERT payload; R2 trusts the
 * root only and builds the path (RFC 5280 §6). An expired intermediate, or one that is no CA,
 * fails IKE_AUTH at R2 with the `%PKI-3-` message. The pair's clock is 14 Nov 2023.
 */
class Ikev2ChainTest {
    static final String ROOT = "C=CH, O=routerlab, CN=Lab Root CA";
    // named so that the profiles' `issuer-name co cn=lab root ca` still picks them
    static final String SUB = "C=CH, O=routerlab, CN=Lab Root CA Issuing 1";

    static Ikev2Pair pair(StrongSwanPki caA, StrongSwanPki caB) throws Exception {
        Ikev2Pair pair = new Ikev2Pair(7);
        Pki a = caA.enrolled(pair.sched, "R1", "21", FROM, TO, 1024);
        Pki b = caB.enrolled(pair.sched, "R2", "22", FROM, TO, 1024);
        return pair.start(Ikev2RsaSigTest.config(a, Ikev2Pair.B, new ProxyPair(Ikev2Pair.LAN_A, Ikev2Pair.LAN_B)),
            Ikev2RsaSigTest.config(b, Ikev2Pair.A, new ProxyPair(Ikev2Pair.LAN_B, Ikev2Pair.LAN_A)));
    }

    @Test
    void theIntermediateTravelsAndTheRootSuffices() throws Exception {
        StrongSwanPki root = StrongSwanPki.ca(ROOT, FROM, TO);
        StrongSwanPki sub = root.subordinate(SUB, "40", FROM, TO, true, null);
        Ikev2Pair p = pair(sub, root);
        assertTrue(p.acquire());
        p.run(2 * Ikev2Pair.S);
        assertEquals(1, p.ra.live().size(), p.ra.failures + " " + p.rb.failures + " " + p.rb.logs);
        assertEquals(1, p.rb.live().size());
        assertEquals("cn=R1,o=routerlab,hostname=R1.lab.local", p.b.sas().get(0).remoteId());
        assertEquals("cn=R2,o=routerlab,hostname=R2.lab.local", p.a.sas().get(0).remoteId());
    }

    @Test
    void anExpiredIntermediateFailsAtTheResponder() throws Exception {
        StrongSwanPki root = StrongSwanPki.ca(ROOT, FROM, TO);
        StrongSwanPki sub = root.subordinate(SUB, "41", FROM, "01.06.23 00:00:00", true, null);
        Ikev2Pair p = pair(sub, root);
        assertTrue(p.acquire());
        p.run(2 * Ikev2Pair.S);
        assertEquals(0, p.rb.live().size());
        assertTrue(p.rb.logs.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  "
            + "The certificate (SN: 41) has expired.    Validity period ended on 00:00:00 UTC Jun 1 2023"), p.rb.logs.toString());
        assertTrue(p.ra.failures.stream().anyMatch(f -> f.contains("AUTHENTICATION_FAILED")), p.ra.failures.toString());
    }

    @Test
    void anIntermediateBelowARootOfPathLengthZeroFails() throws Exception {
        // the root's pathLenConstraint 0 allows no CA below it (RFC 5280 §4.2.1.9)
        StrongSwanPki tight = StrongSwanPki.ca(ROOT, FROM, TO, 0);
        StrongSwanPki sub = tight.subordinate(SUB, "42", FROM, TO, true, null);
        Ikev2Pair p = pair(sub, tight);
        assertTrue(p.acquire());
        p.run(2 * Ikev2Pair.S);
        assertEquals(0, p.rb.live().size());
        assertTrue(p.rb.logs.contains("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed."), p.rb.logs.toString());
    }
}
