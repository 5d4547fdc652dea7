package dev.routerlab.pki;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The requester's side of SCEP (RFC 8894) without I/O: the URLs of its operations, the CA
 * certificate of a GetCACert answer (§4.2.1), and one enrollment (§3.3.1 PKCSReq, then the
 * CertRep checked against it: transactionID, recipientNonce, the issued key).
 */
public final class ScepClient {
    private ScepClient() {}

    /** `enrollment url http://A.B.C.D:80[/path]` + the SCEP resource and operation. */
    public static String url(String enrollmentUrl, String operation, String message) {
        String base = enrollmentUrl.endsWith("/") ? enrollmentUrl.substring(0, enrollmentUrl.length() - 1) : enrollmentUrl;
        if (!base.endsWith(Scep.PATH)) base += Scep.PATH;
        return base + "?operation=" + operation + (message == null ? "" : "&message=" + message);
    }

    /** The CA certificate of a GetCACert answer: DER alone, or the CA (cA true) of a certs-only chain; null if neither. */
    public static X509CertificateHolder caCertificate(String contentType, byte[] body) {
        if (body == null || body.length == 0) return null;
        if (contentType != null && contentType.startsWith(Scep.CA_CERT_TYPE) && !contentType.contains("ra-cert")) return Certs.decode(body);
        try {
            for (X509CertificateHolder c : Scep.certificates(body)) {
                BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
                if (bc != null && bc.isCA()) return c;
            }
        } catch (Scep.ScepException e) {
            return Certs.decode(body);
        }
        return null;
    }

    /**
     * One enrollment in progress: its transactionID and the nonce of the message to send, the
     * key pair and the transient certificate it is signed with, the request's subject.
     */
    public record Enrollment(String transactionId, byte[] senderNonce, byte[] message, KeyPair pair,
                             X509CertificateHolder signer, X500Name subject) {}

    /** Starts an enrollment: the PKCSReq of this request, signed with a transient self-signed certificate (§2.3). */
    public static Enrollment start(byte[] csr, KeyPair pair, X500Name subject, X509CertificateHolder ca, long now, RandomGenerator random) {
        String tid;
        try {
            // §3.2.1.1: a hash of the public key identifies the transaction
            tid = Pem.hex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        X509CertificateHolder signer = Scep.selfSigned(pair, subject, now);
        byte[] msg = Scep.pkcsReq(csr, pair, signer, ca, tid, nonce, now, RsaKeys.secureRandom(random));
        return new Enrollment(tid, nonce, msg, pair, signer, subject);
    }

    /** The next poll of a pending enrollment (§3.3.3 CertPoll): same transaction and signer, a fresh nonce. */
    public static Enrollment poll(Enrollment e, X509CertificateHolder ca, long now, RandomGenerator random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] msg = Scep.certPoll(e.subject(), e.pair(), e.signer(), ca, e.transactionId(), nonce, now, RsaKeys.secureRandom(random));
        return new Enrollment(e.transactionId(), nonce, msg, e.pair(), e.signer(), e.subject());
    }

    /** The GET form of the PKIOperation (§4.3): the message in base64, percent-encoded. */
    public static String operationUrl(String enrollmentUrl, Enrollment e) {
        String b64 = Base64.getEncoder().encodeToString(e.message()).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        return url(enrollmentUrl, "PKIOperation", b64);
    }

    /** The outcome of a CertRep: the certificate, or the status (PENDING, or FAILURE with its failInfo) that withheld it. */
    public record Outcome(int status, int failInfo, X509CertificateHolder certificate) {}

    /** Checks a CertRep against the enrollment: signed by the CA, same transaction, our nonce back, our key certified. */
    public static Outcome finish(Enrollment e, byte[] reply, X509CertificateHolder ca) throws Scep.ScepException {
        Scep.Message m = Scep.decode(reply, ca, e.pair().getPrivate());
        if (m.messageType() != Scep.CERT_REP) throw new Scep.ScepException("not a CertRep");
        if (!e.transactionId().equals(m.transactionId())) throw new Scep.ScepException("transactionID mismatch");
        if (m.recipientNonce() == null || !Arrays.equals(m.recipientNonce(), e.senderNonce())) throw new Scep.ScepException("recipientNonce mismatch");
        if (m.status() != Scep.SUCCESS) return new Outcome(m.status(), m.failInfo(), null);
        for (X509CertificateHolder c : Scep.certificates(m.content())) {
            if (e.pair().getPublic().equals(Certs.publicKey(c)) && Certs.issuedBy(c, ca)) return new Outcome(Scep.SUCCESS, -1, c);
        }
        throw new Scep.ScepException("no certificate for our key");
    }
}
