package dev.routerlab.pki;

import dev.routerlab.config.PkiConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What IKEv1 and IKEv2 share when a peer authenticates with a certificate: RSA signatures, the
 * identity a certificate vouches for, and `crypto pki certificate map` rules. Identity types are
 * the numbers both versions use (RFC 2407 §4.6.2.1, RFC 7296 §3.5: 1 IPv4, 2 FQDN, 9 DER DN).
 */
public final class PeerAuth {
    public static final int ID_IPV4_ADDR = 1;
    public static final int ID_FQDN = 2;
    public static final int ID_DER_ASN1_DN = 9;

    /** IKEv2's AUTH method 1: PKCS#1 v1.5 over SHA-1 of the signed octets (RFC 7296 §2.15). */
    public static final String SHA1_WITH_RSA = "SHA1withRSA";
    /** IKEv1: PKCS#1 v1.5 type 1 over HASH_I/HASH_R itself, no DigestInfo (RFC 2409 §5.1, as IOS and strongSwan do). */
    public static final String RAW_RSA = "NONEwithRSA";

    private PeerAuth() {}

    public static byte[] sign(PrivateKey key, String algorithm, byte[] data) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does the certificate's key verify the signature? False on any malformed input. */
    public static boolean verifies(X509CertificateHolder cert, String algorithm, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(Certs.publicKey(cert));
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The DER of a certificate's subject: the data of its DN identity. */
    public static byte[] subject(X509CertificateHolder c) {
        try {
            return c.getSubject().getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does the certificate vouch for this identity (DN = subject, FQDN/address among its subjectAltNames)? */
    public static boolean vouchesFor(X509CertificateHolder c, int idType, byte[] data) {
        return switch (idType) {
            case ID_DER_ASN1_DN -> Arrays.equals(data, subject(c));
            case ID_FQDN -> Certs.altNames(c, GeneralName.dNSName).stream()
                .anyMatch(n -> n.equalsIgnoreCase(new String(data, java.nio.charset.StandardCharsets.US_ASCII)));
            case ID_IPV4_ADDR -> data.length == 4 && Certs.altNames(c, GeneralName.iPAddress)
                .contains((data[0] & 0xff) + "." + (data[1] & 0xff) + "." + (data[2] & 0xff) + "." + (data[3] & 0xff));
            default -> false;
        };
    }

    /** Does the certificate match one of the `match certificate` maps (every rule of a map, RFC 4514 text without case)? */
    public static boolean matches(List<List<PkiConfig.MapRule>> maps, X509CertificateHolder c) {
        for (List<PkiConfig.MapRule> rules : maps) {
            boolean all = true;
            for (PkiConfig.MapRule r : rules) all &= matches(r, c);
            if (all) return true;
        }
        return false;
    }

    private static boolean matches(PkiConfig.MapRule r, X509CertificateHolder c) {
        String v = switch (r.field()) {
            case SUBJECT_NAME -> Certs.dn(c.getSubject());
            case ISSUER_NAME -> Certs.dn(c.getIssuer());
            case ALT_SUBJECT_NAME -> String.join(",", Certs.altNames(c, GeneralName.dNSName));
        };
        v = v.toLowerCase(Locale.ROOT);
        return switch (r.op()) {
            case EQ -> v.equals(r.value());
            case NE -> !v.equals(r.value());
            case CO -> v.contains(r.value());
            case NC -> !v.contains(r.value());
        };
    }
}
