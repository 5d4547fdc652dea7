package dev.routerlab.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The CA of an IOS certificate server (`crypto pki server NAME`): its self-signed certificate
 * (serial 1, RFC 5280 §4.2.1.9 basicConstraints cA), the certificates it issues from PKCS#10
 * requests (serials from 2 on, the request's subject and subjectAltName), the serials it has
 * revoked and its CRL (RFC 5280 §5). Pure: time comes in as arguments, the database goes out as
 * text ({@link #encode}), kept by {@link Pki} in NVRAM as IOS keeps `nvram:NAME.ser`.
 */
public final class CertificateAuthority {
    static final String SIGNATURE = "SHA256withRSA";
    static final long DAY = 86_400_000L, HOUR = 3_600_000L;

    /** The state of an enrollment request in the request database (`show crypto pki server NAME requests`). */
    public enum RequestState { PENDING, GRANTED, REJECTED }

    /**
     * One enrollment request: its id (from 1), the PKCS#10 as received, the SCEP transactionID
     * it came with (null when given by hand), its state, and the certificate once granted.
     */
    public static final class Request {
        private final int id;
        private final PKCS10CertificationRequest pkcs10;
        private final String transactionId;
        private RequestState state = RequestState.PENDING;
        private X509CertificateHolder certificate;

        Request(int id, PKCS10CertificationRequest pkcs10, String transactionId) {
            this.id = id;
            this.pkcs10 = pkcs10;
            this.transactionId = transactionId;
        }

        public String transactionId() { return transactionId; }

        public int id() { return id; }

        public PKCS10CertificationRequest pkcs10() { return pkcs10; }

        public RequestState state() { return state; }

        public X509CertificateHolder certificate() { return certificate; }
    }

    /** The request database keeps at most this many; settled ones go first when it is full. */
    static final int MAX_REQUESTS = 1000;

    /** One issued certificate as the database level keeps it (`names`: subject; `complete`: the DER too). */
    public record Issued(BigInteger serial, X500Name subject, long notAfter) {}

    private final String name;
    private final KeyPair pair;
    private final X509CertificateHolder certificate;
    private BigInteger lastSerial = BigInteger.ONE;
    private final Map<BigInteger, Issued> issued = new LinkedHashMap<>();
    private final Map<BigInteger, Long> revoked = new LinkedHashMap<>();
    private X509CRLHolder crl;
    private final Map<Integer, Request> requests = new LinkedHashMap<>();
    private int lastRequestId;

    public CertificateAuthority(String name, KeyPair pair, X509CertificateHolder certificate) {
        this.name = name;
        this.pair = pair;
        this.certificate = certificate;
    }

    public String name() { return name; }

    public X509CertificateHolder certificate() { return certificate; }

    public KeyPair pair() { return pair; }

    /** The serial number of the last certificate issued (the CA's own is 1). */
    public BigInteger lastSerial() { return lastSerial; }

    public X509CRLHolder crl() { return crl; }

    /** The CA's self-signed certificate: the issuer name as subject, valid from now for its lifetime. */
    public static X509CertificateHolder selfSigned(KeyPair pair, X500Name issuer, long now, int days) {
        try {
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(issuer, BigInteger.ONE, now, now + days * DAY, issuer, SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(pair.getPublic()));
            return b.build(signer(pair));
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a request is refused, or null when it may be granted: its signature must hold (RFC 2986 §3). */
    public static String check(PKCS10CertificationRequest req) {
        try {
            SubjectPublicKeyInfo spki = req.getSubjectPublicKeyInfo();
            if (!req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(spki))) return "bad request signature";
            return null;
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            return "unreadable request";
        }
    }

    /**
     * Issues the next serial to a (checked) request: its subject, its requested extensions'
     * subjectAltName, valid from now for `days` but never past the CA's own end.
     */
    public X509CertificateHolder issue(PKCS10CertificationRequest req, long now, int days) {
        try {
            lastSerial = lastSerial.add(BigInteger.ONE);
            long end = Math.min(now + days * DAY, certificate.getNotAfter().getTime());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(certificate.getSubject(), lastSerial, now, end, req.getSubject(), req.getSubjectPublicKeyInfo())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(req.getSubjectPublicKeyInfo()))
                .addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(pair.getPublic()));
            Extension alt = requested(req, Extension.subjectAlternativeName);
            if (alt != null) b.addExtension(alt);
            X509CertificateHolder c = b.build(signer(pair));
            issued.put(lastSerial, new Issued(lastSerial, req.getSubject(), end));
            return c;
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Files a (checked) request in the request database as pending; null when the database is
     * full of pending requests.
     */
    public Request enqueue(PKCS10CertificationRequest req) { return enqueue(req, null); }

    /** Files a request that came over SCEP with this transactionID (RFC 8894 §3.2.1.1). */
    public Request enqueue(PKCS10CertificationRequest req, String transactionId) {
        if (requests.size() >= MAX_REQUESTS) {
            Integer settled = null;
            for (Request r : requests.values()) if (r.state != RequestState.PENDING) { settled = r.id; break; }
            if (settled == null) return null;
            requests.remove(settled);
        }
        Request r = new Request(++lastRequestId, req, transactionId);
        requests.put(r.id, r);
        return r;
    }

    /** The request database in id order. */
    public java.util.Collection<Request> requests() { return java.util.Collections.unmodifiableCollection(requests.values()); }

    public Request request(int id) { return requests.get(id); }

    /** The request filed with this SCEP transactionID, or null (the newest when several were). */
    public Request request(String transactionId) {
        Request found = null;
        for (Request r : requests.values()) if (transactionId.equals(r.transactionId)) found = r;
        return found;
    }

    /** Grants a pending request: its certificate, or null when it is not pending. */
    public X509CertificateHolder grant(Request r, long now, int days) {
        if (r == null || r.state != RequestState.PENDING) return null;
        r.certificate = issue(r.pkcs10, now, days);
        r.state = RequestState.GRANTED;
        return r.certificate;
    }

    /** Rejects a pending request; false when it is not pending. */
    public boolean reject(Request r) {
        if (r == null || r.state != RequestState.PENDING) return false;
        r.state = RequestState.REJECTED;
        return true;
    }

    /** An extension the request asks for through its extensionRequest attribute (RFC 2985 §5.4.2), or null. */
    static Extension requested(PKCS10CertificationRequest req, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        for (Attribute a : req.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            ASN1Set v = a.getAttrValues();
            if (v.size() > 0) {
                Extension e = Extensions.getInstance(v.getObjectAt(0)).getExtension(oid);
                if (e != null) return e;
            }
        }
        return null;
    }

    /** Revokes a serial this CA issued; false when it never did or already has. */
    public boolean revoke(BigInteger serial, long now) {
        if (serial.signum() <= 0 || serial.compareTo(lastSerial) > 0 || serial.equals(BigInteger.ONE) || revoked.containsKey(serial)) return false;
        revoked.put(serial, now);
        return true;
    }

    /** Makes the CRL afresh (RFC 5280 §5.1: thisUpdate now, nextUpdate after `hours`). */
    public X509CRLHolder publishCrl(long now, int hours) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(certificate.getSubject(), new Date(now));
            b.setNextUpdate(new Date(now + hours * HOUR));
            for (Map.Entry<BigInteger, Long> e : revoked.entrySet()) b.addCRLEntry(e.getKey(), new Date(e.getValue()), CRLReason.unspecified);
            b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(pair.getPublic()));
            crl = b.build(signer(pair));
            return crl;
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, BigInteger serial, long from, long to, X500Name subject, SubjectPublicKeyInfo key) {
        return new X509v3CertificateBuilder(issuer, serial, new Date(from), new Date(to), subject, key);
    }

    private static ContentSigner signer(KeyPair pair) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE).build(pair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the database as text: `serial HEX`, then per revoked serial `revoked HEX MILLIS`, per issued one `issued HEX MILLIS SUBJECT`

    public byte[] encode(boolean names) {
        StringBuilder sb = new StringBuilder("serial ").append(lastSerial.toString(16)).append('\n');
        for (Map.Entry<BigInteger, Long> e : revoked.entrySet()) sb.append("revoked ").append(e.getKey().toString(16)).append(' ').append(e.getValue()).append('\n');
        if (names) for (Issued i : issued.values()) {
            sb.append("issued ").append(i.serial().toString(16)).append(' ').append(i.notAfter()).append(' ').append(i.subject()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Restores what {@link #encode} wrote; unreadable lines are skipped. */
    public void decode(byte[] b) {
        if (b == null) return;
        for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split(" ", 4);
            try {
                switch (f[0]) {
                    case "serial" -> lastSerial = lastSerial.max(new BigInteger(f[1], 16));
                    case "revoked" -> revoked.put(new BigInteger(f[1], 16), Long.parseLong(f[2]));
                    case "issued" -> issued.put(new BigInteger(f[1], 16),
                        new Issued(new BigInteger(f[1], 16), new X500Name(BCStyle.INSTANCE, f[3]), Long.parseLong(f[2])));
                    default -> { }
                }
            } catch (RuntimeException e) {
                // a damaged line: the rest still loads
            }
        }
    }
}
