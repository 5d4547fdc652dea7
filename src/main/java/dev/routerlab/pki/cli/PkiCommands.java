package dev.routerlab.pki.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.PkiConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.pki.Certs;
import dev.routerlab.pki.Pem;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.Requests;
import dev.routerlab.pki.RsaKeys;
import dev.routerlab.pki.Scep;
import dev.routerlab.pki.ScepClient;
import dev.routerlab.cli.Session;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * `crypto pki trustpoint` (ca-trustpoint), `crypto pki authenticate|enroll|import`, `crypto pki
 * certificate chain` (config-cert-chain, the hex certificates of the configuration) and
 * `certificate map` (ca-certificate-map), and the `crypto pki` part of the running-config. A
 * trustpoint's key pair (`rsakeypair LABEL [SIZE]`) is generated when first needed, as IOS does.
 */
public final class PkiCommands {
    /** A trustpoint's keys when `rsakeypair` gives no size (IOS 15's default general-purpose size). */
    static final int DEFAULT_MODULUS = 2048;

    private PkiCommands() {}

    public static void register(CommandRegistry r) {
        PkiShow.register(r);
        PkiServerCommands.register(r);
        r.on(Pki_trustpointContext.class, PkiCommands::trustpoint)
         .on(Tp_enrollmentContext.class, (c, cc) -> {
             PkiConfig.Trustpoint tp = cc.target(PkiConfig.Trustpoint.class);
             tp.enrollTerminal = !cc.negated() && c.TERMINAL() != null;
             tp.enrollmentUrl = cc.negated() || c.url == null ? null : c.url.getText();
         })
         .on(Tp_subjectContext.class, (c, cc) ->
             cc.target(PkiConfig.Trustpoint.class).subjectName = cc.negated() ? null : c.TEXT().getText().strip())
         .on(Tp_revocationContext.class, (c, cc) -> {
             var l = cc.target(PkiConfig.Trustpoint.class).revocation;
             l.clear();
             if (cc.negated()) l.add(PkiConfig.Revocation.CRL);
             else for (var m : c.revocation_method()) {
                 PkiConfig.Revocation v = m.NONE() != null ? PkiConfig.Revocation.NONE : PkiConfig.Revocation.CRL;
                 if (!l.contains(v)) l.add(v);
             }
         })
         .on(Tp_rsakeypairContext.class, (c, cc) -> {
             PkiConfig.Trustpoint tp = cc.target(PkiConfig.Trustpoint.class);
             if (c.tp_key_size() != null && (num(c.tp_key_size().DEC()) < 512 || num(c.tp_key_size().DEC()) > 4096)) {
                 cc.invalid(c.tp_key_size().DEC());
                 return;
             }
             tp.rsakeypair = cc.negated() ? null : c.label.getText();
             tp.rsakeypairModulus = cc.negated() || c.tp_key_size() == null ? null : num(c.tp_key_size().DEC());
         })
         .on(Tp_fqdnContext.class, (c, cc) ->
             cc.target(PkiConfig.Trustpoint.class).fqdn = cc.negated() ? null : c.name.getText())
         .on(Tp_ip_addressContext.class, (c, cc) ->
             cc.target(PkiConfig.Trustpoint.class).ipAddress = cc.negated() ? null : ip(c.addr))
         .on(Pki_chainContext.class, PkiCommands::chain)
         .on(Cert_chain_cmdContext.class, PkiCommands::chainCertificate)
         .on(Pki_cert_mapContext.class, (c, cc) -> {
             var maps = pki(cc).certificateMaps;
             String name = c.name.getText();
             int seq = num(c.seq);
             if (cc.negated()) {
                 TreeMap<Integer, PkiConfig.CertificateMap> m = maps.get(name);
                 if (m != null && m.remove(seq) != null && m.isEmpty()) maps.remove(name);
                 return;
             }
             cc.enter(Mode.CONFIG_CERT_MAP, maps.computeIfAbsent(name, k -> new TreeMap<>())
                 .computeIfAbsent(seq, s -> new PkiConfig.CertificateMap(name, s)));
         })
         .on(Cert_map_cmdContext.class, (c, cc) -> {
             var rules = cc.target(PkiConfig.CertificateMap.class).rules;
             PkiConfig.MapField f = switch (c.cert_map_field().getStart().getType()) {
                 case IosParser.ISSUER_NAME -> PkiConfig.MapField.ISSUER_NAME;
                 case IosParser.ALT_SUBJECT_NAME -> PkiConfig.MapField.ALT_SUBJECT_NAME;
                 default -> PkiConfig.MapField.SUBJECT_NAME;
             };
             PkiConfig.MapOp op = PkiConfig.MapOp.valueOf(c.cert_map_op().getText().toUpperCase(Locale.ROOT));
             PkiConfig.MapRule rule = new PkiConfig.MapRule(f, op, c.value.getText().strip().toLowerCase(Locale.ROOT));
             rules.remove(rule);
             if (!cc.negated()) rules.add(rule);
         })
         .on(Pki_authenticateContext.class, PkiCommands::authenticate)
         .on(Pki_enrollContext.class, PkiCommands::enroll)
         .on(Pki_importContext.class, PkiCommands::importCertificate);
    }

    private static PkiConfig pki(CommandContext cc) { return Shell.config(cc).pki; }

    private static Pki engine(CommandContext cc) { return Shell.router(cc).pki(); }

    private static PkiConfig.Trustpoint trustpoint(CommandContext cc, org.antlr.v4.runtime.Token name) {
        PkiConfig.Trustpoint tp = pki(cc).trustpoints.get(name.getText());
        if (tp == null) cc.error("Unknown trustpoint: " + name.getText());
        return tp;
    }

    private static void trustpoint(Pki_trustpointContext c, CommandContext cc) {
        String name = c.name.getText();
        if (!cc.negated()) {
            cc.enter(Mode.CONFIG_CA_TRUSTPOINT, pki(cc).trustpoints.computeIfAbsent(name, PkiConfig.Trustpoint::new));
            return;
        }
        PkiConfig.Trustpoint tp = pki(cc).trustpoints.get(name);
        if (tp == null) return;
        if (tp.chain.isEmpty() || Shell.router(cc).booting()) {
            pki(cc).trustpoints.remove(name);
            return;
        }
        cc.println("% Removing an enrolled trustpoint will destroy all certificates")
          .println("received from the related Certificate Authority.").println("");
        cc.ask("Are you sure you want to do this? [yes/no]: ", false, a -> {
            if (!yes(a)) return;
            pki(cc).trustpoints.remove(name);
            cc.println("% Be sure to ask the CA administrator to revoke your certificates.");
            Shell.router(cc).reconcile();
        });
    }

    // ---- crypto pki certificate chain NAME / certificate [ca] SERIAL + hex ... quit

    private static void chain(Pki_chainContext c, CommandContext cc) {
        PkiConfig.Trustpoint tp = trustpoint(cc, c.name);
        if (tp == null) return;
        if (cc.negated()) tp.chain.clear();
        else cc.enter(Mode.CONFIG_CERT_CHAIN, tp);
    }

    private static void chainCertificate(Cert_chain_cmdContext c, CommandContext cc) {
        PkiConfig.Trustpoint tp = cc.target(PkiConfig.Trustpoint.class);
        boolean ca = c.CA() != null && c.serial != null;
        String serial = c.serial == null ? "CA" : c.serial.getText().toUpperCase(Locale.ROOT);
        if (cc.negated()) {
            tp.chain.removeIf(x -> x.serial().equals(serial) && x.ca() == ca);
            return;
        }
        if (!Shell.router(cc).booting()) cc.println("Enter the certificate in hexidecimal representation....");
        hexLines(cc, new StringBuilder(), hex -> {
            byte[] der = Pem.hex(hex);
            X509CertificateHolder x = Certs.decode(der);
            if (x == null) {
                cc.error("Error in saving certificate: status = FAIL");
                return;
            }
            // one router certificate; CA certificates by serial (a root and its subordinates, RFC 5280 §6.1)
            String sn = Certs.serial(x.getSerialNumber());
            tp.chain.removeIf(e -> e.ca() == ca && (!ca || e.serial().equals(sn)));
            tp.chain.add(new PkiConfig.Certificate(ca, sn, Pem.hex(der)));
            Shell.router(cc).reconcile();
        });
    }

    /** The certificate's hex lines, each an answer, up to `quit` (or the end of input). */
    private static void hexLines(CommandContext cc, StringBuilder sb, Consumer<String> done) {
        cc.ask("", false, a -> {
            if (a == null || a.strip().equals("quit")) {
                done.accept(sb.toString());
                return;
            }
            sb.append(a.strip());
            hexLines(cc, sb, done);
        });
    }

    // ---- authenticate / enroll / import

    /** Pasted base64 or PEM lines up to a blank line or `quit` (or the end of input). */
    static void pasted(CommandContext cc, StringBuilder sb, Consumer<String> done) {
        cc.ask("", false, a -> {
            if (a == null || a.isBlank() || a.strip().equals("quit")) {
                done.accept(sb.toString());
                return;
            }
            sb.append(a.strip()).append('\n');
            pasted(cc, sb, done);
        });
    }

    private static void authenticate(Pki_authenticateContext c, CommandContext cc) {
        PkiConfig.Trustpoint tp = trustpoint(cc, c.name);
        if (tp == null) return;
        if (tp.enrollmentUrl != null) {
            Session.Background bg = cc.background();
            Shell.router(cc).http().request("GET", ScepClient.url(tp.enrollmentUrl, "GetCACert", tp.name), null, null, r -> bg.resume(() -> {
                X509CertificateHolder x = r.ok() ? ScepClient.caCertificate(r.header("content-type"), r.body()) : null;
                if (x == null) {
                    cc.error("Error in receiving Certificate Authority certificate: status = FAIL, cert length = "
                        + (r.ok() ? r.body().length : 0));
                    return;
                }
                acceptCa(cc, tp, x);
            }));
            return;
        }
        if (!tp.enrollTerminal) {
            cc.error("Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0");
            return;
        }
        cc.println("").println("Enter the base 64 encoded CA certificate.")
          .println("End with a blank line or the word \"quit\" on a line by itself").println("");
        pasted(cc, new StringBuilder(), text -> {
            var blocks = Pem.decode(text);
            X509CertificateHolder x = blocks.isEmpty() ? null : Certs.decode(blocks.get(0).der());
            if (x == null) {
                cc.error("Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0");
                return;
            }
            acceptCa(cc, tp, x);
        });
    }

    /** IOS's fingerprint question, then the CA certificate into the trustpoint. */
    private static void acceptCa(CommandContext cc, PkiConfig.Trustpoint tp, X509CertificateHolder x) {
            if (!x.getIssuer().equals(x.getSubject()) || !Certs.issuedBy(x, x)) {
                cc.error("Certificate is not a self-signed CA certificate; the chain to a root is needed");
                return;
            }
            cc.println("Certificate has the following attributes:")
              .println("       Fingerprint MD5: " + fingerprint("MD5", Certs.der(x)))
              .println("      Fingerprint SHA1: " + fingerprint("SHA-1", Certs.der(x))).println("");
            cc.ask("% Do you accept this certificate? [yes/no]: ", false, a -> {
                if (!yes(a)) {
                    cc.println("% Certificate not accepted.");
                    return;
                }
                tp.chain.removeIf(PkiConfig.Certificate::ca);
                tp.chain.add(new PkiConfig.Certificate(true, Certs.serial(x.getSerialNumber()), Pem.hex(Certs.der(x))));
                cc.println("Trustpoint CA certificate accepted.");
                Shell.router(cc).reconcile();
            });
    }

    private static void enroll(Pki_enrollContext c, CommandContext cc) {
        PkiConfig.Trustpoint tp = trustpoint(cc, c.name);
        if (tp == null) return;
        if (tp.caCertificate() == null) {
            cc.error("Please authenticate the CA first (crypto pki authenticate " + tp.name + ").");
            return;
        }
        boolean scep = tp.enrollmentUrl != null;
        if (!scep && !tp.enrollTerminal) {
            cc.error("Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0");
            return;
        }
        RsaKeys.Entry key = keyFor(cc, tp);
        if (key == null) return;
        RunningConfig rc = Shell.config(cc);
        String fqdn = tp.fqdn != null ? tp.fqdn : rc.domainName == null ? rc.hostname : rc.hostname + "." + rc.domainName;
        if (!scep) {
            cc.println("% Start certificate enrollment .. ").println("");
            request(cc, tp, key, fqdn, null, (subject, req) -> displayRequest(cc, req));
            return;
        }
        cc.println("%").println("% Start certificate enrollment .. ")
          .println("% Create a challenge password. You will need to verbally provide this")
          .println("   password to the CA Administrator in order to revoke your certificate.")
          .println("   For security reasons your password will not be saved in the configuration.")
          .println("   Please make a note of it.").println("");
        cc.ask("Password: ", true, first -> {
            if (first == null) return;
            cc.ask("Re-enter password: ", true, second -> {
                if (second == null) return;
                if (!second.equals(first)) {
                    cc.println("% Password mismatch.");
                    return;
                }
                cc.println("");
                request(cc, tp, key, fqdn, first.isEmpty() ? null : first, (subject, req) ->
                    cc.ask("Request certificate from CA? [yes/no]: ", false, go -> {
                        if (!yes(go)) return;
                        cc.println("% Certificate request sent to Certificate Authority")
                          .println("% The 'show crypto pki certificate verbose " + tp.name + "' commandwill show the fingerprint.");
                        scepEnroll(Shell.router(cc), tp, key, subject, req);
                    }));
            });
        });
    }

    /** IOS's subject questions (router serial number, IP address), then the PKCS#10 request made with the keys. */
    private static void request(CommandContext cc, PkiConfig.Trustpoint tp, RsaKeys.Entry key, String fqdn, String challenge,
                                java.util.function.BiConsumer<X500Name, byte[]> then) {
        if (tp.subjectName != null) cc.println("% The subject name in the certificate will include: " + tp.subjectName);
        cc.println("% The subject name in the certificate will include: " + fqdn);
        cc.ask("% Include the router serial number in the subject name? [yes/no]: ", false, serialAnswer -> {
            if (serialAnswer == null) return;
            String serial = yes(serialAnswer) ? Shell.router(cc).boardId() : null;
            Consumer<String> withIp = ipAnswer -> {
                String addr = tp.ipAddress != null ? Ipv4Address.toString(tp.ipAddress) : ipAnswer;
                X500Name subject = Requests.subject(tp.subjectName, fqdn, serial, addr);
                if (subject == null) {
                    cc.error("Invalid subject name: " + tp.subjectName);
                    return;
                }
                then.accept(subject, Requests.build(key.pair(), subject, fqdn, addr, challenge));
            };
            if (tp.ipAddress != null) {
                withIp.accept(null);
                return;
            }
            cc.ask("% Include an IP address in the subject name? [no]: ", false, a -> {
                if (a == null) return;
                String s = a.strip();
                if (s.isEmpty() || s.equalsIgnoreCase("no") || s.equalsIgnoreCase("n")) withIp.accept(null);
                else if (Ipv4Address.isValid(s)) withIp.accept(s);
                else cc.error("Invalid IP address: " + s);
            });
        });
    }

    private static void displayRequest(CommandContext cc, byte[] req) {
        cc.ask("Display Certificate Request to terminal? [yes/no]: ", false, show -> {
            if (!yes(show)) return;
            cc.println("Certificate Request follows:").println("");
            cc.print(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(req) + "\n");
            cc.println("").println("---End - This line not part of the certificate request---").println("");
            cc.ask("Redisplay enrollment request? [yes/no]: ", false, again -> {
                if (!yes(again)) return;
                cc.print(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(req) + "\n");
            });
        });
    }

    /** IOS's `enrollment retry period` (1 minute) and `enrollment retry count` (10) defaults, for polling a pending request. */
    static final long RETRY_PERIOD_NANOS = 60_000_000_000L;
    static final int RETRY_COUNT = 10;

    /**
     * SCEP enrollment in the background, as IOS does it after the prompt is back: the PKCSReq to
     * the trustpoint's URL, the CertRep's certificate into the trustpoint's chain, syslog lines.
     * A PENDING answer (RFC 8894 §3.3.2.2) is polled with CertPoll (§3.3.3) every retry period
     * on the router's clock until the CA grants or rejects it, or the retries run out.
     */
    private static void scepEnroll(Router r, PkiConfig.Trustpoint tp, RsaKeys.Entry key, X500Name subject, byte[] req) {
        X509CertificateHolder ca = Pki.certificate(tp.caCertificate());
        r.log("PKI", 6, "CSR_FINGERPRINT", "CSR Fingerprint MD5 : " + fingerprint("MD5", req).replace(" ", "")
            + "  CSR Fingerprint SHA1: " + fingerprint("SHA-1", req).replace(" ", ""));
        ScepClient.Enrollment e = ScepClient.start(req, key.pair(), subject, ca, r.pki().clock().epochMillis(), r.pki().random());
        scepSend(r, tp, ca, e, 0);
    }

    /** Sends one message of an enrollment (the PKCSReq, then CertPolls numbered by `polls`) and acts on the CertRep. */
    private static void scepSend(Router r, PkiConfig.Trustpoint tp, X509CertificateHolder ca, ScepClient.Enrollment e, int polls) {
        r.http().request("GET", ScepClient.operationUrl(tp.enrollmentUrl, e), null, null, resp -> {
            r.pki().enrollmentPending(tp.name, false);
            if (r.config().pki.trustpoints.get(tp.name) != tp) return;
            if (!resp.ok()) {
                enrollFailed(r, tp, resp.status() == 0 ? resp.reason().replaceFirst("^% ", "") : "HTTP " + resp.status() + " " + resp.reason());
                return;
            }
            ScepClient.Outcome o;
            try {
                o = ScepClient.finish(e, resp.body(), ca);
            } catch (Scep.ScepException ex) {
                enrollFailed(r, tp, ex.getMessage());
                return;
            }
            if (o.status() == Scep.PENDING) {
                if (polls == 0) r.log("PKI", 6, "CERTPENDING", "Enter manual authentication");
                if (polls >= RETRY_COUNT) {
                    enrollFailed(r, tp, "Enrollment retry count exceeded");
                    return;
                }
                r.pki().enrollmentPending(tp.name, true);
                r.scheduler().schedule(RETRY_PERIOD_NANOS, () -> {
                    if (r.config().pki.trustpoints.get(tp.name) != tp) {
                        r.pki().enrollmentPending(tp.name, false);
                        return;
                    }
                    scepSend(r, tp, ca, ScepClient.poll(e, ca, r.pki().clock().epochMillis(), r.pki().random()), polls + 1);
                });
                return;
            }
            if (o.certificate() == null) {
                r.log("PKI", 6, "CERTREJECT", "Certificate enrollment request was rejected by Certificate Authority");
                return;
            }
            tp.chain.removeIf(x -> !x.ca());
            tp.chain.add(0, new PkiConfig.Certificate(false, Certs.serial(o.certificate().getSerialNumber()), Pem.hex(Certs.der(o.certificate()))));
            r.reconcile();
            r.log("PKI", 6, "CERTRET", "Certificate received from Certificate Authority");
        });
    }

    private static void enrollFailed(Router r, PkiConfig.Trustpoint tp, String reason) {
        r.log("PKI", 2, "CERT_ENROLL_FAIL", "Certificate enrollment failed for trustpoint " + tp.name + ". Reason : " + reason);
    }

    /** The trustpoint's key pair, generated as `rsakeypair` says when it does not exist yet. */
    private static RsaKeys.Entry keyFor(CommandContext cc, PkiConfig.Trustpoint tp) {
        Pki pki = engine(cc);
        RsaKeys.Entry k = pki.key(tp);
        if (k != null) return k;
        int bits = tp.rsakeypairModulus != null ? tp.rsakeypairModulus : DEFAULT_MODULUS;
        return generate(cc, pki.keyLabel(tp), bits);
    }

    private static RsaKeys.Entry generate(CommandContext cc, String label, int bits) {
        Router r = Shell.router(cc);
        cc.println("% Generating " + bits + " bit RSA keys, keys will be non-exportable...");
        long t0 = r.scheduler().nanos();
        try {
            RsaKeys.Entry e = r.pki().generate(label, bits);
            cc.println("[OK] (elapsed time was " + Math.max(0, (r.scheduler().nanos() - t0) / 1_000_000_000L) + " seconds)");
            return e;
        } catch (IOException e) {
            cc.error("Error writing nvram:/" + Pki.NVRAM_FILE + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void importCertificate(Pki_importContext c, CommandContext cc) {
        PkiConfig.Trustpoint tp = trustpoint(cc, c.name);
        if (tp == null) return;
        cc.println("").println("Enter the base 64 encoded certificate.")
          .println("End with a blank line or the word \"quit\" on a line by itself").println("");
        pasted(cc, new StringBuilder(), text -> {
            var blocks = Pem.decode(text);
            X509CertificateHolder x = blocks.isEmpty() ? null : Certs.decode(blocks.get(0).der());
            RsaKeys.Entry key = engine(cc).key(tp);
            // issued by the trustpoint's CA, or by a subordinate CA its chain holds
            boolean issued = false;
            for (X509CertificateHolder ca : Pki.caCertificates(tp)) issued |= x != null && Certs.issuedBy(x, ca);
            if (!issued) {
                cc.error("Error in saving certificate: status = FAIL");
                return;
            }
            if (key == null || !key.pair().getPublic().equals(Certs.publicKey(x))) {
                cc.error("The certificate's public key does not match the keys of trustpoint " + tp.name);
                return;
            }
            tp.chain.removeIf(e -> !e.ca());
            tp.chain.add(0, new PkiConfig.Certificate(false, Certs.serial(x.getSerialNumber()), Pem.hex(Certs.der(x))));
            cc.println("").println("% Router Certificate successfully imported").println("");
            Shell.router(cc).reconcile();
        });
    }

    static String fingerprint(String alg, byte[] der) {
        try {
            String hex = Pem.hex(MessageDigest.getInstance(alg).digest(der));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 8) sb.append(i == 0 ? "" : " ").append(hex, i, Math.min(hex.length(), i + 8));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean yes(String a) { return a != null && a.strip().toLowerCase(Locale.ROOT).startsWith("y"); }

    // ---- running-config

    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.CRYPTO_PKI, PkiCommands::write);
    }

    static void write(RunningConfig rc, StringBuilder sb) {
        PkiConfig p = rc.pki;
        PkiServerCommands.write(p, sb);
        for (PkiConfig.Trustpoint tp : p.trustpoints.values()) {
            sb.append("crypto pki trustpoint ").append(tp.name).append('\n');
            if (tp.enrollTerminal) sb.append(" enrollment terminal\n");
            if (tp.enrollmentUrl != null) sb.append(" enrollment url ").append(tp.enrollmentUrl).append('\n');
            if (tp.fqdn != null) sb.append(" fqdn ").append(tp.fqdn).append('\n');
            if (tp.ipAddress != null) sb.append(" ip-address ").append(Ipv4Address.toString(tp.ipAddress)).append('\n');
            if (tp.subjectName != null) sb.append(" subject-name ").append(tp.subjectName).append('\n');
            if (!tp.revocation.equals(java.util.List.of(PkiConfig.Revocation.CRL))) {
                sb.append(" revocation-check");
                for (PkiConfig.Revocation r : tp.revocation) sb.append(' ').append(r.name().toLowerCase(Locale.ROOT));
                sb.append('\n');
            }
            if (tp.rsakeypair != null) {
                sb.append(" rsakeypair ").append(tp.rsakeypair);
                if (tp.rsakeypairModulus != null) sb.append(' ').append(tp.rsakeypairModulus);
                sb.append('\n');
            }
            sb.append("!\n");
        }
        for (var maps : p.certificateMaps.values()) {
            for (PkiConfig.CertificateMap m : maps.values()) {
                sb.append("crypto pki certificate map ").append(m.name).append(' ').append(m.sequence).append('\n');
                for (PkiConfig.MapRule r : m.rules) {
                    sb.append(' ').append(r.field().name().toLowerCase(Locale.ROOT).replace('_', '-')).append(' ')
                      .append(r.op().name().toLowerCase(Locale.ROOT)).append(' ').append(r.value()).append('\n');
                }
                sb.append("!\n");
            }
        }
        for (PkiConfig.Trustpoint tp : p.trustpoints.values()) {
            if (tp.chain.isEmpty()) continue;
            sb.append("crypto pki certificate chain ").append(tp.name).append('\n');
            for (PkiConfig.Certificate c : tp.chain) {
                sb.append(" certificate ").append(c.ca() ? "ca " : "").append(c.serial()).append('\n')
                  .append(Pem.hexLines(Pem.hex(c.derHex()), "  ")).append("  \tquit\n");
            }
        }
    }
}
