package dev.routerlab.ikev2;

import dev.routerlab.config.PkiConfig;
import dev.routerlab.pki.Certs;
import dev.routerlab.pki.PeerAuth;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.Verdict;
import dev.routerlab.packet.ikev2.AuthPayload;
import dev.routerlab.packet.ikev2.IdPayload;
import dev.routerlab.ike.crypto.Prf;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Certificate authentication in IKEv2 (`authentication local|remote rsa-sig`, `pki trustpoint`):
 * the CERT and CERTREQ payloads (RFC 7296 §3.6, §3.7: X.509 Certificate - Signature, encoding 4),
 * AUTH method 1 (RSA Digital Signature, PKCS#1 v1.5 with SHA-1 over the signed octets, §2.15),
 * and the checks of a peer's certificate and identity against the router's PKI.
 */
public final class Ikev2Certs {
    /** CERT/CERTREQ Cert Encoding 4: X.509 Certificate - Signature (§3.6). */
    public static final int X509_SIGNATURE = 4;

    /** A profile's rsa-sig side: the router's PKI, its trustpoints, which directions sign, its `match certificate` maps. */
    public record Settings(Pki pki, List<String> trustpoints, boolean local, boolean remote,
                           List<List<PkiConfig.MapRule>> maps) {
        public Settings {
            trustpoints = List.copyOf(trustpoints);
            maps = List.copyOf(maps);
        }
    }

    private Ikev2Certs() {}

    /** InitiatorSignedOctets / ResponderSignedOctets (§2.15): RealMessage | Nonce | prf(SK_p, RestOfIDPayload). */
    static byte[] signedOctets(Ikev2Algorithms.Prf prf, byte[] realMessage, byte[] nonce, byte[] skP, byte[] idBody) {
        byte[] maced = Prf.of(prf.hash, skP).apply(idBody);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(realMessage);
        o.writeBytes(nonce);
        o.writeBytes(maced);
        return o.toByteArray();
    }

    static byte[] sign(PrivateKey key, byte[] octets) {
        return PeerAuth.sign(key, PeerAuth.SHA1_WITH_RSA, octets);
    }

    /** The CERT payload body of a certificate. */
    static byte[] certPayload(X509CertificateHolder c) {
        byte[] der = Certs.der(c);
        byte[] b = new byte[1 + der.length];
        b[0] = X509_SIGNATURE;
        System.arraycopy(der, 0, b, 1, der.length);
        return b;
    }

    /** A CERTREQ body naming these CAs: SHA-1 of each one's SubjectPublicKeyInfo (§3.7); null when none. */
    static byte[] certReq(Pki pki, List<String> trustpoints) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(X509_SIGNATURE);
        for (String t : trustpoints) {
            PkiConfig.Trustpoint tp = pki.config().trustpoints.get(t);
            X509CertificateHolder ca = tp == null ? null : Pki.certificate(tp.caCertificate());
            if (ca == null) continue;
            try {
                o.writeBytes(MessageDigest.getInstance("SHA-1").digest(ca.getSubjectPublicKeyInfo().getEncoded()));
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return o.size() == 1 ? null : o.toByteArray();
    }

    /** The local identity a certificate gives (IOS `identity local dn`, the default with rsa-sig): its subject. */
    static IdPayload dn(X509CertificateHolder c) {
        return new IdPayload(IdPayload.ID_DER_ASN1_DN, PeerAuth.subject(c));
    }

    /** An identity as IOS prints it; a DN (ID_DER_ASN1_DN) as its RFC 4514 text (`cn=R1,o=lab`). */
    public static String text(IdPayload id) {
        if (id.idType() != IdPayload.ID_DER_ASN1_DN) return id.toString();
        try {
            return Certs.dn(org.bouncycastle.asn1.x500.X500Name.getInstance(id.data()));
        } catch (RuntimeException e) {
            return id.toString();
        }
    }

    /** The certificate a CERT payload body carries, or null. */
    static X509CertificateHolder certificate(byte[] body) {
        if (body == null || body.length < 2 || body[0] != X509_SIGNATURE) return null;
        return Certs.decode(Arrays.copyOfRange(body, 1, body.length));
    }

    /**
     * The peer's chain from its CERT payloads (§3.6: the first holds the certificate that signs
     * AUTH, further ones intermediates); empty when the first is not an X.509 certificate.
     */
    static List<X509CertificateHolder> chain(List<dev.routerlab.packet.ikev2.Ikev2Payloads.Raw> payloads) {
        List<X509CertificateHolder> out = new java.util.ArrayList<>();
        for (var r : payloads) {
            if (r.type() != dev.routerlab.packet.ikev2.Ikev2Payloads.CERT) continue;
            X509CertificateHolder c = certificate(r.body());
            if (c == null && out.isEmpty()) return out;
            if (c != null) out.add(c);
        }
        return out;
    }

    /** Does the certificate vouch for this identity (DN = subject, FQDN/address among its subjectAltNames)? */
    static boolean vouchesFor(X509CertificateHolder c, IdPayload id) {
        return PeerAuth.vouchesFor(c, id.idType(), id.data());
    }

    /** Does the certificate match one of the `match certificate` maps? */
    static boolean matches(List<List<PkiConfig.MapRule>> maps, X509CertificateHolder c) {
        return PeerAuth.matches(maps, c);
    }

    /** Why the peer's AUTH fails (null: it holds): the certificate's checks, its identity, the signature. */
    static String verify(Settings s, List<X509CertificateHolder> chain, IdPayload id, AuthPayload auth, byte[] octets, Ikev2Engine e) {
        String why = check(s, chain, id, auth, octets, e);
        // IOS aborts the exchange with this after the %PKI-3- line of a certificate that fails
        if (why != null) e.log("IKEV2", 3, "NEG_ABORT", "Negotiation aborted due to ERROR: Auth exchange failed");
        return why;
    }

    private static String check(Settings s, List<X509CertificateHolder> chain, IdPayload id, AuthPayload auth, byte[] octets,
                                Ikev2Engine e) {
        if (chain.isEmpty()) return "no certificate from the peer";
        X509CertificateHolder cert = chain.get(0);
        Verdict v = s.pki().verify(s.trustpoints(), chain);
        if (!v.ok()) {
            e.log("PKI", 3, v.mnemonic(), v.text());
            return "certificate validation failed";
        }
        if (!vouchesFor(cert, id)) return "the peer's identity is not in its certificate";
        if (auth.method() != AuthPayload.RSA_SIGNATURE) return "authentication method " + auth.method() + " is not rsa-sig";
        return PeerAuth.verifies(cert, PeerAuth.SHA1_WITH_RSA, octets, auth.data()) ? null : "signature verification failed";
    }
}
