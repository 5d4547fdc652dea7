package dev.routerlab.pki.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.PkiConfig;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.pki.Certs;
import dev.routerlab.pki.Pem;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.RsaKeys;
import dev.routerlab.pki.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** `show crypto pki certificates [verbose]|trustpoints [status]|server`, `show crypto key mypubkey rsa`. */
final class PkiShow {
    private PkiShow() {}

    static void register(CommandRegistry r) {
        // parts of ipsec.cli's `show crypto` rule
        r.onPart(S_cryptoContext.class, c -> c.sc_pki() != null, (c, cc) -> {
            var p = c.sc_pki();
            if (p.sc_pki_certificates() != null) certificates(cc, p.sc_pki_certificates().VERBOSE() != null);
            else if (p.sc_pki_server() != null && p.sc_pki_server().REQUESTS() != null) {
                PkiServerCommands.showRequests(cc, p.sc_pki_server().name.getText());
            } else if (p.sc_pki_server() != null) PkiServerCommands.show(cc);
            else trustpoints(cc, p.sc_pki_trustpoints().STATUS() != null);
        }).onPart(S_cryptoContext.class, c -> c.sc_key() != null, (c, cc) -> mypubkey(cc));
    }

    /** Each trustpoint's own certificate, then its CAs' (root and intermediates), as IOS lists them. */
    private static void certificates(CommandContext cc, boolean verbose) {
        Pki pki = Shell.router(cc).pki();
        for (PkiConfig.Trustpoint tp : Shell.config(cc).pki.trustpoints.values()) {
            X509CertificateHolder mine = Pki.certificate(tp.routerCertificate());
            if (mine != null) certificate(cc, "Certificate", mine, tp, pki, verbose, false);
            // the root and any subordinate CA certificates of the chain
            for (X509CertificateHolder ca : Pki.caCertificates(tp)) certificate(cc, "CA Certificate", ca, tp, pki, verbose, true);
        }
    }

    private static void certificate(CommandContext cc, String title, X509CertificateHolder x, PkiConfig.Trustpoint tp, Pki pki,
                                    boolean verbose, boolean isCa) {
        Date now = new Date(pki.clock().epochMillis());
        String status = now.after(x.getNotAfter()) ? "Expired" : now.before(x.getNotBefore()) ? "Pending" : "Available";
        cc.println(title).println("  Status: " + status)
          .println("  Version: " + x.getVersionNumber())
          .println("  Certificate Serial Number (hex): " + Certs.serial(x.getSerialNumber()))
          .println("  Certificate Usage: " + (isCa ? "Signature" : "General Purpose"))
          .println("  Issuer: ");
        for (String l : Certs.attributeLines(x.getIssuer())) cc.println("    " + l);
        cc.println("  Subject:");
        String name = Certs.attribute(x.getSubject(), BCStyle.UnstructuredName);
        if (name == null) name = Certs.attribute(x.getSubject(), BCStyle.CN);
        if (!isCa && name != null) cc.println("    Name: " + name);
        for (String l : Certs.attributeLines(x.getSubject())) cc.println("    " + l);
        List<String> cdp = crlDistributionPoints(x);
        if (!cdp.isEmpty()) {
            cc.println("  CRL Distribution Points: ");
            for (String u : cdp) cc.println("    " + u);
        }
        cc.println("  Validity Date: ")
          .println("    start date: " + Verdict.TIME.format(x.getNotBefore().toInstant()))
          .println("    end   date: " + Verdict.TIME.format(x.getNotAfter().toInstant()));
        if (verbose) {
            cc.println("  Subject Key Info:")
              .println("    Public Key Algorithm: rsaEncryption")
              .println("    RSA Public Key: (" + Certs.keyBits(x) + " bit)")
              .println("  Signature Algorithm: " + signatureName(x))
              .println("  Fingerprint MD5: " + PkiCommands.fingerprint("MD5", Certs.der(x)).replace(" ", "  "))
              .println("  Fingerprint SHA1: " + PkiCommands.fingerprint("SHA-1", Certs.der(x)))
              .println("  X509v3 extensions:");
            extensions(cc, x);
        }
        cc.println("  Associated Trustpoints: " + tp.name + " ");
        if (!isCa) {
            RsaKeys.Entry k = pki.key(tp);
            if (k != null) cc.println("  Key Label: " + k.label());
        }
        cc.println("");
    }

    private static String signatureName(X509CertificateHolder x) {
        String n = new DefaultAlgorithmNameFinder().getAlgorithmName(x.getSignatureAlgorithm());
        return n.replace("WITH", " with ").replace("RSA", "RSA Encryption");
    }

    private static void extensions(CommandContext cc, X509CertificateHolder x) {
        KeyUsage ku = KeyUsage.fromExtensions(x.getExtensions());
        if (ku != null) {
            List<String> u = new ArrayList<>();
            if (ku.hasUsages(KeyUsage.digitalSignature)) u.add("Digital Signature");
            if (ku.hasUsages(KeyUsage.nonRepudiation)) u.add("Non Repudiation");
            if (ku.hasUsages(KeyUsage.keyEncipherment)) u.add("Key Encipherment");
            if (ku.hasUsages(KeyUsage.keyCertSign)) u.add("Cert Sign");
            if (ku.hasUsages(KeyUsage.cRLSign)) u.add("CRL Signature");
            cc.println("    X509v3 Key Usage: " + String.format("%X", ku.getBytes().length == 0 ? 0 : (ku.getBytes()[0] & 255) << 24));
            for (String s : u) cc.println("      " + s);
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(x.getExtensions());
        if (bc != null && bc.isCA()) cc.println("    X509v3 Basic Constraints:").println("        CA: TRUE");
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(x.getExtensions());
        if (ski != null) cc.println("    X509v3 Subject Key ID: " + Pem.hex(ski.getKeyIdentifier()));
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(x.getExtensions());
        if (aki != null && aki.getKeyIdentifier() != null) {
            cc.println("    X509v3 Authority Key ID: " + Pem.hex(aki.getKeyIdentifier()));
        }
        List<String> dns = Certs.altNames(x, GeneralName.dNSName);
        List<String> ips = Certs.altNames(x, GeneralName.iPAddress);
        if (!dns.isEmpty() || !ips.isEmpty()) {
            cc.println("    X509v3 Subject Alternative Name:");
            for (String d : dns) cc.println("        " + d);
            for (String i : ips) cc.println("        " + i);
        }
    }

    private static List<String> crlDistributionPoints(X509CertificateHolder x) {
        List<String> out = new ArrayList<>();
        Extension e = x.getExtension(Extension.cRLDistributionPoints);
        if (e == null) return out;
        try {
            for (var dp : org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(e.getParsedValue()).getDistributionPoints()) {
                if (dp.getDistributionPoint() == null || dp.getDistributionPoint().getType() != 0) continue;
                for (GeneralName g : org.bouncycastle.asn1.x509.GeneralNames.getInstance(dp.getDistributionPoint().getName()).getNames()) {
                    if (g.getTagNo() == GeneralName.uniformResourceIdentifier) out.add(g.getName().toString());
                }
            }
        } catch (RuntimeException ex) {
            return out;
        }
        return out;
    }

    private static void trustpoints(CommandContext cc, boolean status) {
        Pki pki = Shell.router(cc).pki();
        for (PkiConfig.Trustpoint tp : Shell.config(cc).pki.trustpoints.values()) {
            X509CertificateHolder ca = Pki.certificate(tp.caCertificate());
            X509CertificateHolder mine = Pki.certificate(tp.routerCertificate());
            if (!status) {
                cc.println("Trustpoint " + tp.name + ":");
                if (ca != null) {
                    cc.println("    Subject Name: ");
                    for (String l : Certs.attributeLines(ca.getSubject())) cc.println("    " + l);
                    cc.println("          Serial Number (hex): " + Certs.serial(ca.getSerialNumber()))
                      .println("    Certificate configured.");
                } else {
                    cc.println("    Not authenticated.");
                }
                cc.println("");
                continue;
            }
            cc.println("Trustpoint " + tp.name + ":");
            if (ca != null) {
                cc.println("  Issuing CA certificate configured:").println("    Subject Name:")
                  .println("     " + Certs.dn(ca.getSubject()))
                  .println("    Fingerprint MD5: " + PkiCommands.fingerprint("MD5", Certs.der(ca)).replace(" ", "  "))
                  .println("    Fingerprint SHA1: " + PkiCommands.fingerprint("SHA-1", Certs.der(ca)));
            }
            if (mine != null) {
                cc.println("  Router General Purpose certificate configured:").println("    Subject Name:")
                  .println("     " + Certs.dn(mine.getSubject()))
                  .println("    Fingerprint MD5: " + PkiCommands.fingerprint("MD5", Certs.der(mine)).replace(" ", "  "))
                  .println("    Fingerprint SHA1: " + PkiCommands.fingerprint("SHA-1", Certs.der(mine)));
            }
            cc.println("  State:")
              .println("    Keys generated ............. " + (pki.key(tp) != null ? "Yes (General Purpose, non-exportable)" : "No"))
              .println("    Issuing CA authenticated ....... " + (ca != null ? "Yes" : "No"))
              .println("    Certificate request(s) ..... " + (mine != null ? "Yes" : pki.enrollmentPending(tp.name) ? "Pending" : "None"))
              .println("");
        }
    }

    private static void mypubkey(CommandContext cc) {
        for (RsaKeys.Entry k : Shell.router(cc).pki().keys().all()) {
            cc.println("% Key pair was generated at: " + Verdict.TIME.format(Instant.ofEpochMilli(k.createdMillis())))
              .println("Key name: " + k.label())
              .println("Key type: RSA KEYS")
              .println(" Storage Device: private-config")
              .println(" Usage: General Purpose Key")
              .println(" Key is not exportable. Redundancy enabled.")
              .println(" Key Data:");
            cc.print(Pem.hexLines(k.pair().getPublic().getEncoded(), "  "));
        }
    }
}
