package dev.routerlab.pki.cli;

import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.PkiConfig;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.pki.CertificateAuthority;
import dev.routerlab.pki.Certs;
import dev.routerlab.pki.Pem;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.Verdict;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The IOS certificate server: `crypto pki server NAME` (cs-server: `issuer-name`, `grant auto`,
 * `lifetime certificate|ca-certificate|crl`, `database level`, `[no] shutdown`), its part of the
 * running-config and `show crypto pki server`. The first `no shutdown` makes the CA's key pair
 * and certificate into the trustpoint NAME, as IOS does; the CA itself runs in `pki.Pki`.
 */
final class PkiServerCommands {
    /** The CA's key size (IOS 15's certificate server generates 2048-bit keys unless told). */
    static final int CA_MODULUS = 2048;
    static final String LOCKED = "Server's configuration is locked  (enter \"shut\" to unlock it)";

    private PkiServerCommands() {}

    static void register(CommandRegistry r) {
        r.on(Pki_serverContext.class, PkiServerCommands::server)
         .on(Cs_issuerContext.class, (c, cc) -> {
             PkiConfig.CertificateServer cs = unlocked(cc);
             if (cs == null) return;
             if (cc.negated()) {
                 cs.issuerName = null;
                 return;
             }
             String text = c.TEXT().getText().strip();
             try {
                 new X500Name(BCStyle.INSTANCE, text);
             } catch (IllegalArgumentException e) {
                 cc.error("Invalid issuer name: " + text);
                 return;
             }
             cs.issuerName = text;
         })
         .on(Cs_grantContext.class, (c, cc) -> {
             PkiConfig.CertificateServer cs = unlocked(cc);
             if (cs != null) cs.grantAuto = !cc.negated();
         })
         .on(Cs_life_certificateContext.class, (c, cc) -> {
             PkiConfig.CertificateServer cs = unlocked(cc);
             if (cs != null) cs.certLifetimeDays = cc.negated() ? PkiConfig.CertificateServer.DEFAULT_CERT_LIFETIME_DAYS : num(c.days);
         })
         .on(Cs_life_caContext.class, (c, cc) -> {
             PkiConfig.CertificateServer cs = unlocked(cc);
             if (cs != null) cs.caLifetimeDays = cc.negated() ? PkiConfig.CertificateServer.DEFAULT_CA_LIFETIME_DAYS : num(c.days);
         })
         .on(Cs_life_crlContext.class, (c, cc) -> {
             PkiConfig.CertificateServer cs = unlocked(cc);
             if (cs != null) cs.crlLifetimeHours = cc.negated() ? PkiConfig.CertificateServer.DEFAULT_CRL_LIFETIME_HOURS : num(c.hours);
         })
         .on(Cs_databaseContext.class, (c, cc) -> {
             PkiConfig.CertificateServer cs = unlocked(cc);
             if (cs == null) return;
             cs.databaseLevel = c.NAMES() != null ? PkiConfig.DatabaseLevel.NAMES
                 : c.COMPLETE() != null ? PkiConfig.DatabaseLevel.COMPLETE : PkiConfig.DatabaseLevel.MINIMUM;
         })
         .on(Cs_shutdownContext.class, PkiServerCommands::shutdown)
         .on(X_cryptoContext.class, PkiServerCommands::exec);
    }

    // ---- EXEC: `crypto pki server NAME request pkcs10 terminal|grant|reject|revoke`

    private static void exec(X_cryptoContext c, CommandContext cc) {
        PkiConfig.CertificateServer cs = Shell.config(cc).pki.server;
        String name = c.name.getText();
        if (cs == null || !cs.name.equals(name)) {
            cc.error("Certificate server " + name + " does not exist");
            return;
        }
        Pki pki = Shell.router(cc).pki();
        if (pki.server() == null) {
            cc.error("Certificate server " + name + " is not enabled");
            return;
        }
        Cs_execContext x = c.cs_exec();
        if (x.cs_request() != null) request(cc, pki, x.cs_request().PEM() != null);
        else if (x.cs_grant_req() != null) grant(cc, pki, x.cs_grant_req().req == null ? -1 : num(x.cs_grant_req().req));
        else if (x.cs_reject() != null) reject(cc, pki, x.cs_reject().req == null ? -1 : num(x.cs_reject().req));
        else revoke(cc, pki, x.cs_revoke().serial.getText());
    }

    /** A PKCS#10 request pasted in base64 or PEM; granted at once with `grant auto`, else pending. */
    private static void request(CommandContext cc, Pki pki, boolean pem) {
        cc.println("% Enter Base64 encoded or PEM formatted PKCS10 enrollment request.")
          .println("% End with a blank line or \"quit\" on a line by itself.");
        PkiCommands.pasted(cc, new StringBuilder(), text -> {
            var blocks = Pem.decode(text);
            CertificateAuthority.Request r;
            try {
                r = blocks.isEmpty() ? null : pki.submit(new PKCS10CertificationRequest(blocks.get(0).der()));
            } catch (IOException | RuntimeException e) {
                r = null;
            }
            if (r == null) {
                cc.error("Failed to process the enrollment request");
                return;
            }
            if (r.state() == CertificateAuthority.RequestState.PENDING) {
                cc.println("% Enrollment request pending, reqId=" + r.id());
                return;
            }
            cc.println("% Granted certificate:");
            byte[] der = Certs.der(r.certificate());
            String text64 = pem ? Pem.encode("CERTIFICATE", der)
                : java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n";
            cc.print(text64);
        });
    }

    private static void grant(CommandContext cc, Pki pki, int id) {
        List<CertificateAuthority.Request> todo = pending(cc, pki, id);
        for (CertificateAuthority.Request r : todo) {
            try {
                pki.grant(r);
            } catch (IOException e) {
                cc.error("Error writing nvram:/" + Pki.SERVER_FILE + " (" + e.getMessage() + ")");
                return;
            }
        }
    }

    private static void reject(CommandContext cc, Pki pki, int id) {
        for (CertificateAuthority.Request r : pending(cc, pki, id)) pki.server().reject(r);
    }

    /** The pending requests a grant or reject names: all of them, or the one id. */
    private static List<CertificateAuthority.Request> pending(CommandContext cc, Pki pki, int id) {
        List<CertificateAuthority.Request> out = new ArrayList<>();
        for (CertificateAuthority.Request r : pki.server().requests()) {
            if (r.state() == CertificateAuthority.RequestState.PENDING && (id < 0 || r.id() == id)) out.add(r);
        }
        if (id >= 0 && out.isEmpty()) cc.error("Request " + id + " is not pending");
        return out;
    }

    private static void revoke(CommandContext cc, Pki pki, String hex) {
        BigInteger serial;
        try {
            serial = new BigInteger(hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex, 16);
        } catch (NumberFormatException e) {
            cc.error("Invalid serial number " + hex);
            return;
        }
        try {
            if (!pki.revoke(serial)) cc.error("Certificate " + serial.toString(16).toUpperCase(Locale.ROOT) + " not revoked");
        } catch (IOException e) {
            cc.error("Error writing nvram:/" + Pki.SERVER_FILE + " (" + e.getMessage() + ")");
        }
    }

    private static void server(Pki_serverContext c, CommandContext cc) {
        PkiConfig p = Shell.config(cc).pki;
        String name = c.name.getText();
        if (cc.negated()) {
            if (p.server != null && p.server.name.equals(name)) {
                p.server = null;
                p.trustpoints.remove(name);
            }
            return;
        }
        if (p.server != null && !p.server.name.equals(name)) {
            cc.error("Certificate server " + p.server.name + " already exists");
            return;
        }
        if (p.server == null) {
            p.server = new PkiConfig.CertificateServer(name);
            // typed at the prompt it starts shut; loaded from a configuration without `shutdown`, it runs
            p.server.shutdown = !Shell.router(cc).booting();
        }
        cc.enter(Mode.CONFIG_CS_SERVER, p.server);
    }

    /** The server of a cs-server line that may change it: IOS locks the settings while the server runs. */
    private static PkiConfig.CertificateServer unlocked(CommandContext cc) {
        PkiConfig.CertificateServer cs = cc.target(PkiConfig.CertificateServer.class);
        if (!cs.shutdown && !Shell.router(cc).booting()) {
            cc.println("% " + LOCKED);
            return null;
        }
        return cs;
    }

    private static void shutdown(Cs_shutdownContext c, CommandContext cc) {
        PkiConfig.CertificateServer cs = cc.target(PkiConfig.CertificateServer.class);
        Router r = Shell.router(cc);
        if (r.booting()) {
            cs.shutdown = !cc.negated();
            return;
        }
        if (!cc.negated()) {
            if (cs.shutdown) return;
            cs.shutdown = true;
            r.reconcile();
            r.log("PKI", 6, "CS_DISABLED", "Certificate server now disabled.");
            return;
        }
        if (!cs.shutdown) return;
        PkiConfig.Trustpoint tp = Shell.config(cc).pki.trustpoints.get(cs.name);
        if (tp != null && tp.caCertificate() != null) {
            enable(cc, cs);
            return;
        }
        cc.println("%Some server settings cannot be changed after CA certificate generation.")
          .println("% Please enter a passphrase to protect the private key")
          .println("% or type Return to exit");
        cc.ask("Password: ", true, first -> {
            if (first == null || first.isEmpty()) return;
            cc.println("");
            cc.ask("Re-enter password: ", true, second -> {
                if (second == null) return;
                if (!second.equals(first)) {
                    cc.println("% Password mismatch.");
                    return;
                }
                generate(cc, cs);
            });
        });
    }

    /** The CA's keys (labelled NAME) and certificate, into the trustpoint NAME (made as IOS makes it). */
    private static void generate(CommandContext cc, PkiConfig.CertificateServer cs) {
        Router r = Shell.router(cc);
        Pki pki = r.pki();
        X509CertificateHolder ca;
        boolean newKeys = pki.keys().get(cs.name) == null;
        if (newKeys) cc.println("% Generating " + CA_MODULUS + " bit RSA keys, keys will be non-exportable...");
        long t0 = r.scheduler().nanos();
        try {
            ca = pki.createServerCa(cs, CA_MODULUS);
        } catch (IOException e) {
            cc.error("Error writing nvram:/" + Pki.NVRAM_FILE + " (" + e.getMessage() + ")");
            return;
        }
        if (newKeys) cc.println("[OK] (elapsed time was " + Math.max(0, (r.scheduler().nanos() - t0) / 1_000_000_000L) + " seconds)");
        cc.println("");
        PkiConfig.Trustpoint tp = Shell.config(cc).pki.trustpoints.computeIfAbsent(cs.name, PkiConfig.Trustpoint::new);
        tp.rsakeypair = cs.name;
        tp.chain.removeIf(PkiConfig.Certificate::ca);
        tp.chain.add(new PkiConfig.Certificate(true, Certs.serial(ca.getSerialNumber()), Pem.hex(Certs.der(ca))));
        enable(cc, cs);
    }

    private static void enable(CommandContext cc, PkiConfig.CertificateServer cs) {
        Router r = Shell.router(cc);
        cs.shutdown = false;
        r.reconcile();
        if (r.pki().server() == null) {
            cs.shutdown = true;
            cc.error("Failed to enable the certificate server: the keys of trustpoint " + cs.name + " do not match its CA certificate");
            return;
        }
        cc.println("% Certificate Server enabled.");
        r.log("PKI", 6, "CS_ENABLED", "Certificate server now enabled.");
    }

    // ---- running-config: before the trustpoints, as IOS writes it

    static void write(PkiConfig p, StringBuilder sb) {
        PkiConfig.CertificateServer cs = p.server;
        if (cs == null) return;
        sb.append("crypto pki server ").append(cs.name).append('\n');
        if (cs.databaseLevel != PkiConfig.DatabaseLevel.MINIMUM) {
            sb.append(" database level ").append(cs.databaseLevel.name().toLowerCase(Locale.ROOT)).append('\n');
        }
        if (cs.issuerName != null) sb.append(" issuer-name ").append(cs.issuerName).append('\n');
        if (cs.grantAuto) sb.append(" grant auto\n");
        if (cs.certLifetimeDays != PkiConfig.CertificateServer.DEFAULT_CERT_LIFETIME_DAYS) {
            sb.append(" lifetime certificate ").append(cs.certLifetimeDays).append('\n');
        }
        if (cs.caLifetimeDays != PkiConfig.CertificateServer.DEFAULT_CA_LIFETIME_DAYS) {
            sb.append(" lifetime ca-certificate ").append(cs.caLifetimeDays).append('\n');
        }
        if (cs.crlLifetimeHours != PkiConfig.CertificateServer.DEFAULT_CRL_LIFETIME_HOURS) {
            sb.append(" lifetime crl ").append(cs.crlLifetimeHours).append('\n');
        }
        if (cs.shutdown) sb.append(" shutdown\n");
        sb.append("!\n");
    }

    // ---- show crypto pki server

    /** `show crypto pki server NAME requests`: the request database in IOS's layout (router requests; no sub-CA or RA requests here). */
    static void showRequests(CommandContext cc, String name) {
        PkiConfig.CertificateServer cs = Shell.config(cc).pki.server;
        if (cs == null || !cs.name.equals(name)) {
            cc.error("Certificate server " + name + " does not exist");
            return;
        }
        CertificateAuthority ca = Shell.router(cc).pki().server();
        String head = "ReqID  State      Fingerprint                      SubjectName\n"
            + "--------------------------------------------------------------\n";
        cc.println("Enrollment Request Database:").println("")
          .println("Subordinate CA certificate requests:").print(head).println("")
          .println("RA certificate requests:").print(head).println("")
          .println("Router certificates requests:").print(head);
        if (ca == null) return;
        for (CertificateAuthority.Request r : ca.requests()) {
            String fp;
            try {
                fp = Pem.hex(java.security.MessageDigest.getInstance("MD5").digest(r.pkcs10().getEncoded()));
            } catch (java.security.NoSuchAlgorithmException | IOException e) {
                fp = "";
            }
            cc.println(String.format("%-6d %-10s %-32s %s", r.id(), r.state().name().toLowerCase(Locale.ROOT), fp,
                Certs.dn(r.pkcs10().getSubject())));
        }
    }


    static void show(CommandContext cc) {
        PkiConfig.CertificateServer cs = Shell.config(cc).pki.server;
        if (cs == null) return;
        Pki pki = Shell.router(cc).pki();
        CertificateAuthority ca = pki.server();
        PkiConfig.Trustpoint tp = Shell.config(cc).pki.trustpoints.get(cs.name);
        X509CertificateHolder cert = tp == null ? null : Pki.certificate(tp.caCertificate());
        String state = ca != null ? "enabled" : "disabled";
        cc.println("Certificate Server " + cs.name + ":")
          .println("    Status: " + state)
          .println("    State: " + state)
          .println(ca != null ? "    " + LOCKED : "    Server's configuration is unlocked  (enter \"no shut\" to lock it)")
          .println("    Issuer name: " + cs.issuer())
          .println("    CA cert fingerprint: " + (cert == null ? "-Not found-" : PkiCommands.fingerprint("MD5", Certs.der(cert))))
          .println("    Granting mode is: " + (cs.grantAuto ? "auto" : "manual"));
        if (ca != null) {
            cc.println("    Last certificate issued serial number (hex): " + ca.lastSerial().toString(16).toUpperCase(Locale.ROOT))
              .println("    CA certificate expiration timer: " + Verdict.TIME.format(ca.certificate().getNotAfter().toInstant()))
              .println("    CRL NextUpdate timer: " + Verdict.TIME.format(ca.crl().getNextUpdate().toInstant()));
        }
        cc.println("    Current primary storage dir: nvram:")
          .println("    Database Level: " + switch (cs.databaseLevel) {
              case MINIMUM -> "Minimum - no cert data written to storage";
              case NAMES -> "Names - subject name data written to storage";
              case COMPLETE -> "Complete - complete cert data written to storage";
          });
    }
}
