package dev.routerlab.ikev2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.config.PkiConfig;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ike.TransformSetSpec;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.StrongSwanPki;
import dev.routerlab.sim.VirtualScheduler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IKEv2 with `authentication local|remote rsa-sig` (RFC 7296 §2.15, §3.6, §3.7): two engines whose
 * certificates strongSwan's `pki` tool issued from the routers' own PKCS#10 requests. The
 * responder picks its profile by `match certificate`; identities are the certificates' DNs. A
 * certificate that expired, or one of another CA, fails IKE_AUTH with the `%PKI-3-` message.
 * The pair's clock is 14 Nov 2023.
 */
class Ikev2RsaSigTest {
    static final String FROM = "01.01.23 00:00:00", TO = "01.01.30 00:00:00";

    /** A router's PKI with trustpoint LAB: the CA's certificate and its own (RSA of {@code bits}), issued from its request. */
    static Pki enrolled(VirtualScheduler sched, StrongSwanPki ca, String name, String serial, String from, String to, int bits)
            throws Exception {
        return ca.enrolled(sched, name, serial, from, to, bits);
    }

    static Ikev2Config config(Pki pki, int peer, ProxyPair sel) {
        return config(pki, peer, sel, Ikev2Pair.proposal("aes-cbc-256", "sha256", 14), "esp-aes esp-sha-hmac");
    }

    /** `authentication local|remote rsa-sig`, `pki trustpoint LAB`, `match certificate` on the issuer, this proposal and transform set. */
    static Ikev2Config config(Pki pki, int peer, ProxyPair sel, Ikev2Config.Proposal p, String transforms) {
        var maps = List.of(List.of(new PkiConfig.MapRule(PkiConfig.MapField.ISSUER_NAME, PkiConfig.MapOp.CO, "cn=lab root ca")));
        Ikev2Config.Profile prof = new Ikev2Config.Profile("PROF", List.of(), null, null, null, 86400,
            new Ikev2Certs.Settings(pki, List.of("LAB"), true, true, maps));
        IpsecPolicy pol = IpsecPolicy.of("CMAP 10", peer, sel, TransformSetSpec.tunnel("TS", transforms))
            .withIkev2Profile("PROF");
        return new Ikev2Config(Map.of("P", p), List.of(new Ikev2Config.Policy("POL", List.of(), List.of("P"))), Map.of(),
            Map.of("PROF", prof), List.of(pol));
    }

    static Ikev2Pair pair(StrongSwanPki caA, StrongSwanPki caB, String fromB, String toB) throws Exception {
        Ikev2Pair pair = new Ikev2Pair(7);
        Pki a = enrolled(pair.sched, caA, "R1", "21", FROM, TO, 1024);
        Pki b = enrolled(pair.sched, caB, "R2", "22", fromB, toB, 1024);
        return pair.start(config(a, Ikev2Pair.B, new ProxyPair(Ikev2Pair.LAN_A, Ikev2Pair.LAN_B)),
            config(b, Ikev2Pair.A, new ProxyPair(Ikev2Pair.LAN_B, Ikev2Pair.LAN_A)));
    }

    @Test
    void certificatesSignBothWays() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        Ikev2Pair p = pair(ca, ca, FROM, TO);
        assertTrue(p.acquire());
        p.run(2 * Ikev2Pair.S);
        assertEquals(1, p.ra.live().size(), p.ra.failures + " " + p.rb.failures);
        assertEquals(1, p.rb.live().size());
        Ikev2SaInfo sa = p.a.sas().get(0);
        assertEquals("cn=R2,o=routerlab,hostname=R2.lab.local", sa.remoteId());
        assertEquals("RSA", sa.authSign());
        assertEquals("RSA", sa.authVerify());
        assertTrue(p.rb.logs.stream().anyMatch(l -> l.contains("IKEV2_SESSION_STATUS")), p.rb.logs.toString());
    }

    @Test
    void anExpiredCertificateFailsIkeAuthWithThePkiMessage() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        Ikev2Pair p = pair(ca, ca, "01.01.23 00:00:00", "01.06.23 00:00:00");
        assertTrue(p.acquire());
        p.run(2 * Ikev2Pair.S);
        assertEquals(0, p.ra.live().size());
        assertTrue(p.ra.logs.contains("%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed.  "
            + "The certificate (SN: 22) has expired.    Validity period ended on 00:00:00 UTC Jun 1 2023"), p.ra.logs.toString());
        assertTrue(p.ra.failures.stream().anyMatch(f -> f.contains("certificate validation failed")), p.ra.failures.toString());
    }

    @Test
    void aCertificateOfAnotherCaFailsAtTheResponder() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        StrongSwanPki other = StrongSwanPki.ca("C=CH, O=elsewhere, CN=Lab Root CA", FROM, TO);
        Ikev2Pair p = pair(other, ca, FROM, TO);
        assertTrue(p.acquire());
        p.run(2 * Ikev2Pair.S);
        assertEquals(0, p.rb.live().size());
        assertTrue(p.rb.logs.contains("%PKI-3-CERTIFICATE_INVALID: Certificate chain validation has failed.  Unauthorized"),
            p.rb.logs.toString());
        assertTrue(p.ra.failures.stream().anyMatch(f -> f.contains("AUTHENTICATION_FAILED")), p.ra.failures.toString());
    }
}
