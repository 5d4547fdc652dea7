package dev.routerlab.ike;

import static dev.routerlab.ike.IkeRsaSigTest.FROM;
import static dev.routerlab.ike.IkeRsaSigTest.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.pki.StrongSwanPki;
import org.junit.jupiter.api.Test;

/**
 * IKEv1 Main Mode with a certificate chain (RFC 2408 §3.9): R1's certificate comes from an
 * intermediate CA its trustpoint holds besides the root, and MM5 carries it in a second CERT
 * payload; R2 trusts the root only and builds the path (RFC 5280 §6). An expired intermediate
 * fails phase 1 at R2 with the `%PKI-3-` message.
 */
class IkeChainTest {
    static final String ROOT = "C=CH, O=routerlab, CN=Lab Root CA";

    @Test
    void theIntermediateTravelsInMainMode() throws Exception {
        StrongSwanPki root = StrongSwanPki.ca(ROOT, FROM, TO);
        StrongSwanPki sub = root.subordinate("C=CH, O=routerlab, CN=Lab Issuing CA", "40", FROM, TO, true, null);
        for (Ikev1Certs.Identity id : Ikev1Certs.Identity.values()) {
            IkePair p = IkeRsaSigTest.pair(sub, root, FROM, TO, id);
            assertTrue(p.acquire());
            p.run(5 * IkePair.S);
            assertEquals(1, p.ra.live().size(), id + " " + p.ra.failures + " " + p.rb.failures + " " + p.rb.logs);
            assertEquals(1, p.rb.live().size());
            assertTrue(p.ra.logs.isEmpty() && p.rb.logs.isEmpty(), p.ra.logs + " " + p.rb.logs);
        }
    }

    @Test
    void anExpiredIntermediateFailsPhaseOne() throws Exception {
        StrongSwanPki root = StrongSwanPki.ca(ROOT, FROM, TO);
        StrongSwanPki sub = root.subordinate("C=CH, O=routerlab, CN=Lab Issuing CA", "41", FROM, "01.06.23 00:00:00", true, null);
        IkePair p = IkeRsaSigTest.pair(sub, root, FROM, TO, Ikev1Certs.Identity.DN);
        assertTrue(p.acquire());
        p.run(5 * IkePair.S);
        assertEquals(0, p.rb.live().size());
        assertTrue(p.rb.logs.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  "
                + "The certificate (SN: 41) has expired.    Validity period ended on 00:00:00 UTC Jun 1 2023"), p.rb.logs.toString());
    }
}
