package dev.routerlab.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** Decoding and reading X.509 certificates (RFC 5280) and CRLs; pure functions over DER. */
public final class Certs {
    private Certs() {}

    /** The certificate in this DER, or null when it is not one. */
    public static X509CertificateHolder decode(byte[] der) {
        if (der == null) return null;
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static X509CRLHolder decodeCrl(byte[] der) {
        try {
            return new X509CRLHolder(der);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static byte[] der(X509CertificateHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The serial number as IOS prints it: upper-case hex, at least two digits. */
    public static String serial(BigInteger s) {
        String h = s.toString(16).toUpperCase(Locale.ROOT);
        return h.length() % 2 == 1 ? "0" + h : h;
    }

    public static PublicKey publicKey(X509CertificateHolder c) {
        try {
            return new JcaX509CertificateConverter().getCertificate(c).getPublicKey();
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    public static int keyBits(X509CertificateHolder c) {
        return publicKey(c) instanceof RSAPublicKey k ? k.getModulus().bitLength() : 0;
    }

    /** Is c signed by the key of issuer (and named by it)? */
    public static boolean issuedBy(X509CertificateHolder c, X509CertificateHolder issuer) {
        if (!c.getIssuer().equals(issuer.getSubject())) return false;
        return signedBy(c, publicKey(issuer));
    }

    public static boolean signedBy(X509CertificateHolder c, PublicKey key) {
        if (key == null) return false;
        try {
            ContentVerifierProvider v = new JcaContentVerifierProviderBuilder().build(key);
            return c.isSignatureValid(v);
        } catch (OperatorCreationException | org.bouncycastle.cert.CertException | RuntimeException e) {
            return false;
        }
    }

    public static boolean crlSignedBy(X509CRLHolder crl, PublicKey key) {
        if (key == null) return false;
        try {
            return crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | org.bouncycastle.cert.CertException | RuntimeException e) {
            return false;
        }
    }

    /** One attribute of a name (cn, o, hostname...), or null. */
    public static String attribute(X500Name n, ASN1ObjectIdentifier oid) {
        RDN[] r = n.getRDNs(oid);
        return r.length == 0 ? null : IETFUtils.valueToString(r[0].getFirst().getValue());
    }

    /** The name's attributes, one per line as IOS lists them under `Subject:` (`cn=R1.lab.local`). */
    public static List<String> attributeLines(X500Name n) {
        List<String> out = new ArrayList<>();
        for (RDN r : n.getRDNs()) {
            var a = r.getFirst();
            String k = BCStyle.INSTANCE.oidToDisplayName(a.getType());
            if (a.getType().equals(BCStyle.UnstructuredName)) k = "hostname";
            else if (a.getType().equals(BCStyle.UnstructuredAddress)) k = "ipaddress";
            out.add((k == null ? a.getType().getId() : k.toLowerCase(Locale.ROOT)) + "=" + IETFUtils.valueToString(a.getValue()));
        }
        return out;
    }

    /** The subjectAltName entries of a kind (GeneralName.dNSName, iPAddress...) as text. */
    public static List<String> altNames(X509CertificateHolder c, int kind) {
        List<String> out = new ArrayList<>();
        Extension e = c.getExtension(Extension.subjectAlternativeName);
        if (e == null) return out;
        try {
            for (GeneralName g : GeneralNames.getInstance(e.getParsedValue()).getNames()) {
                if (g.getTagNo() != kind) continue;
                if (kind == GeneralName.iPAddress) {
                    byte[] a = org.bouncycastle.asn1.DEROctetString.getInstance(g.getName()).getOctets();
                    if (a.length == 4) out.add((a[0] & 255) + "." + (a[1] & 255) + "." + (a[2] & 255) + "." + (a[3] & 255));
                } else {
                    out.add(g.getName().toString());
                }
            }
        } catch (RuntimeException ex) {
            return out;
        }
        return out;
    }

    /** The subject name in RFC 4514 order as IOS shows it in messages (`cn=R1,o=lab`). */
    public static String dn(X500Name n) { return String.join(",", attributeLines(n)); }
}
