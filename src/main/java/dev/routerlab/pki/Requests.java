package dev.routerlab.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 certification requests (RFC 2986) as IOS makes them at `crypto pki enroll`. */
public final class Requests {
    private Requests() {}

    /**
     * The subject IOS puts in a request: the trustpoint's `subject-name` (RFC 4514 text), then
     * `hostname=FQDN` (unstructuredName), then `serialNumber=` and `ipaddress=` when asked for.
     * Null when the subject-name text is not a name.
     */
    public static X500Name subject(String subjectName, String fqdn, String serialNumber, String ipAddress) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (subjectName != null && !subjectName.isBlank()) {
            try {
                for (var r : new X500Name(BCStyle.INSTANCE, subjectName).getRDNs()) {
                    b.addMultiValuedRDN(r.getTypesAndValues());
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (fqdn != null) b.addRDN(BCStyle.UnstructuredName, fqdn);
        if (serialNumber != null) b.addRDN(BCStyle.SERIALNUMBER, serialNumber);
        if (ipAddress != null) b.addRDN(BCStyle.UnstructuredAddress, ipAddress);
        return b.build();
    }

    /** A request signed with the pair's private key (SHA-256 with RSA), asking for the FQDN and address as subjectAltNames. */
    public static byte[] build(KeyPair pair, X500Name subject, String fqdn, String ipAddress) {
        return build(pair, subject, fqdn, ipAddress, null);
    }

    /** With a challengePassword attribute (RFC 2985 §5.4.1) when one is given (SCEP enrollment asks for it). */
    public static byte[] build(KeyPair pair, X500Name subject, String fqdn, String ipAddress, String challenge) {
        try {
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic());
            if (challenge != null) b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new org.bouncycastle.asn1.DERUTF8String(challenge));
            List<GeneralName> alt = new ArrayList<>();
            if (fqdn != null) alt.add(new GeneralName(GeneralName.dNSName, fqdn));
            if (ipAddress != null) alt.add(new GeneralName(GeneralName.iPAddress, ipAddress));
            if (!alt.isEmpty()) {
                ExtensionsGenerator g = new ExtensionsGenerator();
                g.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, g.generate());
            }
            PKCS10CertificationRequest r = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            return r.getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
