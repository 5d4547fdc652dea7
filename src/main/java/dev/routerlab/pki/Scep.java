package dev.routerlab.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.util.Collection;
import java.util.Date;
import java.util.Hashtable;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * SCEP messages (RFC 8894): the pkiMessage, a CMS SignedData (RFC 5652 §5) whose signed
 * attributes carry the SCEP attributes (§3.2.1) and whose content is an EnvelopedData (§6)
 * encrypted to the other side, holding a PKCS#10 request (PKCSReq, §3.3.1) or a degenerate
 * certs-only SignedData with the issued certificate (CertRep, §3.3.2). Pure functions over DER;
 * the randomness (content keys, nonces) comes from the caller.
 */
public final class Scep {
    private Scep() {}

    /** Where an IOS CA answers SCEP (and where IOS sends it): `/cgi-bin/pkiclient.exe?operation=...`. */
    public static final String PATH = "/cgi-bin/pkiclient.exe";
    public static final String CA_CERT_TYPE = "application/x-x509-ca-cert", PKI_MESSAGE_TYPE = "application/x-pki-message";
    /** GetCACaps (§3.5.2): what this CA supports. */
    public static final String CAPABILITIES = "POSTPKIOperation\nSHA-256\nAES\nSCEPStandard\n";

    // §3.2.1: the SCEP attribute OIDs under id-attributes (2.16.840.1.113733.1.9)
    static final ASN1ObjectIdentifier ATTRIBUTES = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9");
    public static final ASN1ObjectIdentifier MESSAGE_TYPE = ATTRIBUTES.branch("2"), PKI_STATUS = ATTRIBUTES.branch("3"),
        FAIL_INFO = ATTRIBUTES.branch("4"), SENDER_NONCE = ATTRIBUTES.branch("5"), RECIPIENT_NONCE = ATTRIBUTES.branch("6"),
        TRANSACTION_ID = ATTRIBUTES.branch("7");

    /** messageType values (§3.2.1.2): CertPoll is SCEP's GetCertInitial. */
    public static final int CERT_REP = 3, PKCS_REQ = 19, CERT_POLL = 20;
    /** pkiStatus values (§3.2.1.3). */
    public static final int SUCCESS = 0, FAILURE = 2, PENDING = 3;
    /** failInfo values (§3.2.1.4). */
    public static final int BAD_ALG = 0, BAD_MESSAGE_CHECK = 1, BAD_REQUEST = 2, BAD_TIME = 3, BAD_CERT_ID = 4;

    /** A decoded pkiMessage: its attributes, the signer's certificate, the decrypted inner content (null if none). */
    public record Message(int messageType, String transactionId, byte[] senderNonce, byte[] recipientNonce, int status,
                          int failInfo, X509CertificateHolder signer, byte[] content) {}

    /** Thrown when a message is not a valid SCEP message for us; the text says why. */
    public static final class ScepException extends Exception {
        public ScepException(String why) { super(why); }
    }

    /**
     * The transient self-signed certificate a requester signs its first PKCSReq with (§2.3):
     * the request's subject and key, valid a day around now.
     */
    public static X509CertificateHolder selfSigned(KeyPair pair, X500Name subject, long now) {
        try {
            return new X509v3CertificateBuilder(subject, BigInteger.ONE, new Date(now - 3_600_000L), new Date(now + 86_400_000L), subject,
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCSReq (§3.3.1): the PKCS#10 request enveloped to the CA, signed with the requester's key and certificate. */
    public static byte[] pkcsReq(byte[] csr, KeyPair pair, X509CertificateHolder signer, X509CertificateHolder ca,
                                 String transactionId, byte[] senderNonce, long now, SecureRandom random) {
        AttributeTable a = attributes(PKCS_REQ, transactionId, senderNonce, null, -1, -1, now);
        return signed(envelope(csr, ca, random), pair.getPrivate(), signer, a);
    }

    /**
     * A CertPoll (§3.3.3): the IssuerAndSubject of a pending request (the CA's name, the
     * request's subject) enveloped to the CA, signed as the PKCSReq was, same transactionID.
     */
    public static byte[] certPoll(X500Name subject, KeyPair pair, X509CertificateHolder signer, X509CertificateHolder ca,
                                  String transactionId, byte[] senderNonce, long now, SecureRandom random) {
        AttributeTable a = attributes(CERT_POLL, transactionId, senderNonce, null, -1, -1, now);
        byte[] ias;
        try {
            ias = new org.bouncycastle.asn1.DERSequence(new ASN1Encodable[] {ca.getSubject(), subject}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return signed(envelope(ias, ca, random), pair.getPrivate(), signer, a);
    }

    /** A CertRep (§3.3.2): SUCCESS with the issued certificate enveloped to the requester, else FAILURE/PENDING. */
    public static byte[] certRep(Message req, int status, int failInfo, X509CertificateHolder issued, KeyPair caPair,
                                 X509CertificateHolder ca, byte[] senderNonce, long now, SecureRandom random) {
        AttributeTable a = attributes(CERT_REP, req.transactionId(), senderNonce, req.senderNonce(), status,
            status == FAILURE ? failInfo : -1, now);
        byte[] content = status == SUCCESS ? envelope(certsOnly(issued), req.signer(), random) : null;
        return signed(content, caPair.getPrivate(), ca, a);
    }

    /** A degenerate certs-only SignedData (RFC 8894 §3.4) holding these certificates. */
    public static byte[] certsOnly(X509CertificateHolder... certs) {
        try {
            CMSSignedDataGenerator g = new CMSSignedDataGenerator();
            for (X509CertificateHolder c : certs) g.addCertificate(c);
            return g.generate(new CMSAbsentContent(), false).getEncoded();
        } catch (CMSException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificates of a certs-only SignedData (or of any SignedData). */
    public static Collection<X509CertificateHolder> certificates(byte[] der) throws ScepException {
        try {
            return new CMSSignedData(der).getCertificates().getMatches(null);
        } catch (CMSException | RuntimeException e) {
            throw new ScepException("not a certificates-only message");
        }
    }

    /**
     * Decodes a pkiMessage: its signature must hold under the certificate it carries (the
     * requester's) or, when expected is not null, under that one (the CA's); the inner
     * EnvelopedData is opened with our private key.
     */
    public static Message decode(byte[] der, X509CertificateHolder expected, PrivateKey ours) throws ScepException {
        try {
            CMSSignedData sd = new CMSSignedData(der);
            SignerInformation si = sd.getSignerInfos().getSigners().stream().findFirst()
                .orElseThrow(() -> new ScepException("no signer"));
            X509CertificateHolder signer = expected;
            if (signer == null) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> m = sd.getCertificates().getMatches(si.getSID());
                if (m.isEmpty()) throw new ScepException("signer certificate missing");
                signer = m.iterator().next();
            }
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer))) throw new ScepException("bad signature");
            AttributeTable a = si.getSignedAttributes();
            if (a == null) throw new ScepException("no signed attributes");
            int type = number(a, MESSAGE_TYPE, -1);
            String tid = text(a, TRANSACTION_ID);
            if (type < 0 || tid == null) throw new ScepException("messageType or transactionID missing");
            int status = number(a, PKI_STATUS, -1);
            byte[] content = null;
            Object signed = sd.getSignedContent() == null ? null : sd.getSignedContent().getContent();
            if (signed instanceof byte[] env && env.length > 0 && (type != CERT_REP || status == SUCCESS)) {
                CMSEnvelopedData ed = new CMSEnvelopedData(env);
                RecipientInformation ri = ed.getRecipientInfos().getRecipients().stream().findFirst()
                    .orElseThrow(() -> new ScepException("no recipient"));
                content = ri.getContent(new JceKeyTransEnvelopedRecipient(ours));
            }
            return new Message(type, tid, octets(a, SENDER_NONCE), octets(a, RECIPIENT_NONCE), status,
                number(a, FAIL_INFO, -1), signer, content);
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw new ScepException("undecodable message: " + e.getClass().getSimpleName());
        }
    }

    // ---- building blocks

    private static AttributeTable attributes(int type, String tid, byte[] sender, byte[] recipient, int status, int failInfo, long now) {
        Hashtable<ASN1ObjectIdentifier, Attribute> t = new Hashtable<>();
        put(t, MESSAGE_TYPE, new DERPrintableString(Integer.toString(type)));
        put(t, TRANSACTION_ID, new DERPrintableString(tid));
        if (sender != null) put(t, SENDER_NONCE, new DEROctetString(sender));
        if (recipient != null) put(t, RECIPIENT_NONCE, new DEROctetString(recipient));
        if (status >= 0) put(t, PKI_STATUS, new DERPrintableString(Integer.toString(status)));
        if (failInfo >= 0) put(t, FAIL_INFO, new DERPrintableString(Integer.toString(failInfo)));
        put(t, CMSAttributes.signingTime, new Time(new Date(now)));
        return new AttributeTable(t);
    }

    private static void put(Hashtable<ASN1ObjectIdentifier, Attribute> t, ASN1ObjectIdentifier oid, ASN1Encodable v) {
        t.put(oid, new Attribute(oid, new DERSet(v)));
    }

    private static byte[] envelope(byte[] data, X509CertificateHolder to, SecureRandom random) {
        try {
            CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
            g.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(new JcaX509CertificateConverter().getCertificate(to)));
            // the content key and IV from the router's random through SunJCE by name: with the
            // default lookup, whether another part of the JVM (Apache SSHD) has registered
            // BouncyCastle changed how many draws it took, and a replayed lab's later SPIs with it
            return g.generate(new CMSProcessableByteArray(data),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider("SunJCE").setSecureRandom(random).build()).getEncoded();
        } catch (CMSException | CertificateException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] signed(byte[] content, PrivateKey key, X509CertificateHolder cert, AttributeTable attrs) {
        try {
            CMSSignedDataGenerator g = new CMSSignedDataGenerator();
            g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attrs))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key), cert));
            g.addCertificate(cert);
            return g.generate(content == null ? new CMSAbsentContent() : new CMSProcessableByteArray(content), true).getEncoded();
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1Encodable value(AttributeTable a, ASN1ObjectIdentifier oid) {
        Attribute x = a.get(oid);
        return x == null || x.getAttrValues().size() == 0 ? null : x.getAttrValues().getObjectAt(0);
    }

    private static String text(AttributeTable a, ASN1ObjectIdentifier oid) {
        return value(a, oid) instanceof ASN1String s ? s.getString() : null;
    }

    private static int number(AttributeTable a, ASN1ObjectIdentifier oid, int otherwise) {
        String s = text(a, oid);
        try {
            return s == null ? otherwise : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static byte[] octets(AttributeTable a, ASN1ObjectIdentifier oid) {
        return value(a, oid) instanceof ASN1OctetString o ? o.getOctets() : null;
    }
}
