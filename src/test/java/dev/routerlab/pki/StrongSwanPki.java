package dev.routerlab.pki;

import dev.routerlab.Interop;
import dev.routerlab.config.PkiConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.sim.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * strongSwan's `pki` tool as an independent CA for tests: keys, a self-signed CA, certificates
 * issued from PKCS#10 requests or keys, CRLs. Dates in its default form `dd.mm.yy HH:MM:SS`.
 */
public final class StrongSwanPki {
    public final Path dir;
    /** The CA that issued this one's certificate (null: a root). */
    public final StrongSwanPki parent;

    private StrongSwanPki(Path dir) { this(dir, null); }

    private StrongSwanPki(Path dir, StrongSwanPki parent) {
        this.dir = dir;
        this.parent = parent;
    }

    /**
     * An intermediate CA this one issues (its `ca.pem`/`ca.key` in a fresh directory): a CA
     * certificate ({@code --ca}, with {@code pathLen} when not null), or with {@code ca} false
     * one without basicConstraints, which may not issue.
     */
    public StrongSwanPki subordinate(String dn, String serial, String notBefore, String notAfter, boolean ca, Integer pathLen)
            throws Exception {
        StrongSwanPki s = new StrongSwanPki(Files.createTempDirectory("rl-pki"), this);
        s.run("--gen", "--type", "rsa", "--size", "2048", "--outform", "pem").writeTo("ca.key");
        List<String> a = new ArrayList<>(List.of("--issue", "--cacert", path("ca.pem"), "--cakey", path("ca.key"), "--type", "priv",
            "--in", s.path("ca.key"), "--dn", dn, "--serial", serial, "--not-before", notBefore, "--not-after", notAfter,
            "--outform", "pem"));
        if (ca) a.add("--ca");
        if (pathLen != null) a.addAll(List.of("--pathlen", pathLen.toString()));
        s.write("ca.pem", run(a.toArray(String[]::new)).bytes);
        return s;
    }

    /** This CA's certificate. */
    public X509CertificateHolder certificate() throws IOException { return Certs.decode(Pem.decode(read("ca.pem")).get(0).der()); }

    /** A root CA whose certificate says {@code pathLen} (may sign {@code pathLen} intermediates below it). */
    public static StrongSwanPki ca(String dn, String notBefore, String notAfter, int pathLen) throws Exception {
        Interop.require(Files.isExecutable(Path.of("/usr/bin/pki")), "strongSwan's pki tool (package strongswan-pki) is not installed");
        StrongSwanPki p = new StrongSwanPki(Files.createTempDirectory("rl-pki"));
        p.run("--gen", "--type", "rsa", "--size", "2048", "--outform", "pem").writeTo("ca.key");
        p.run("--self", "--ca", "--pathlen", Integer.toString(pathLen), "--in", p.path("ca.key"), "--dn", dn, "--not-before", notBefore,
            "--not-after", notAfter, "--outform", "pem").writeTo("ca.pem");
        return p;
    }

    /** A CA in a fresh directory (skips the test when strongSwan's pki tool is missing). */
    public static StrongSwanPki ca(String dn, String notBefore, String notAfter) throws Exception {
        Interop.require(Files.isExecutable(Path.of("/usr/bin/pki")), "strongSwan's pki tool (package strongswan-pki) is not installed");
        StrongSwanPki p = new StrongSwanPki(Files.createTempDirectory("rl-pki"));
        p.run("--gen", "--type", "rsa", "--size", "2048", "--outform", "pem").writeTo("ca.key");
        p.run("--self", "--ca", "--in", p.path("ca.key"), "--dn", dn, "--not-before", notBefore, "--not-after", notAfter,
            "--outform", "pem").writeTo("ca.pem");
        return p;
    }

    public String path(String name) { return dir.resolve(name).toString(); }

    public String read(String name) throws IOException { return Files.readString(dir.resolve(name)); }

    public void write(String name, byte[] b) throws IOException { Files.write(dir.resolve(name), b); }

    /** Issues a certificate for a PKCS#10 request (DER file) with the given SANs. */
    public String issueRequest(String reqFile, String serial, String notBefore, String notAfter, String... sans) throws Exception {
        List<String> a = new ArrayList<>(List.of("--issue", "--cacert", path("ca.pem"), "--cakey", path("ca.key"), "--type", "pkcs10",
            "--in", path(reqFile), "--serial", serial, "--not-before", notBefore, "--not-after", notAfter, "--outform", "pem"));
        for (String s : sans) {
            a.add("--san");
            a.add(s);
        }
        return run(a.toArray(String[]::new)).out;
    }

    /** A key of its own and a certificate for it (a peer's), PEM. */
    public String issueKey(String keyFile, String dn, String serial, String notBefore, String notAfter, String... sans) throws Exception {
        run("--gen", "--type", "rsa", "--size", "2048", "--outform", "pem").writeTo(keyFile);
        List<String> a = new ArrayList<>(List.of("--issue", "--cacert", path("ca.pem"), "--cakey", path("ca.key"), "--type", "priv",
            "--in", path(keyFile), "--dn", dn, "--serial", serial, "--not-before", notBefore, "--not-after", notAfter, "--outform", "pem"));
        for (String s : sans) {
            a.add("--san");
            a.add(s);
        }
        return run(a.toArray(String[]::new)).out;
    }

    /** A CRL revoking these certificate files. */
    public byte[] crl(String... certFiles) throws Exception {
        List<String> a = new ArrayList<>(List.of("--signcrl", "--cacert", path("ca.pem"), "--cakey", path("ca.key"),
            "--lifetime", "36500"));
        for (String c : certFiles) {
            a.add("--cert");
            a.add(path(c));
        }
        return run(a.toArray(String[]::new)).bytes;
    }

    /**
     * A router's PKI with trustpoint LAB (no revocation check): this CA's certificate and the
     * router's own (RSA of {@code bits}, `CN=NAME,O=routerlab`, SAN `NAME.lab.local`), issued from its PKCS#10 request.
     */
    public Pki enrolled(Clock clock, String name, String serial, String from, String to, int bits) throws Exception {
        RunningConfig rc = RunningConfig.factoryDefault(List.of());
        rc.hostname = name;
        rc.domainName = "lab.local";
        PkiConfig.Trustpoint tp = new PkiConfig.Trustpoint("LAB");
        tp.revocation.set(0, PkiConfig.Revocation.NONE);
        tp.rsakeypair = name;
        // the CA certificates from the root down to this one (a subordinate's trustpoint holds its chain)
        List<X509CertificateHolder> line = new ArrayList<>();
        for (StrongSwanPki c = this; c != null; c = c.parent) line.add(0, c.certificate());
        for (X509CertificateHolder caCert : line) {
            tp.chain.add(new PkiConfig.Certificate(true, Certs.serial(caCert.getSerialNumber()), Pem.hex(Certs.der(caCert))));
        }
        rc.pki.trustpoints.put("LAB", tp);
        byte[][] store = new byte[1][];
        Pki pki = new Pki(clock, new SplittableRandom(serial.hashCode()), new Pki.Storage() {
            @Override public byte[] read() { return store[0]; }

            @Override public void write(byte[] d) { store[0] = d; }
        });
        pki.reconcile(rc);
        RsaKeys.Entry k = pki.generate(name, bits);
        String fqdn = name + ".lab.local";
        write(name + ".req", Requests.build(k.pair(), Requests.subject("CN=" + name + ",O=routerlab", fqdn, null, null), fqdn, null));
        X509CertificateHolder mine = Certs.decode(Pem.decode(issueRequest(name + ".req", serial, from, to, fqdn)).get(0).der());
        tp.chain.add(0, new PkiConfig.Certificate(false, Certs.serial(mine.getSerialNumber()), Pem.hex(Certs.der(mine))));
        pki.reconcile(rc);
        return pki;
    }

    public record Out(String out, byte[] bytes, StrongSwanPki p) {
        public Out writeTo(String name) throws IOException {
            p.write(name, bytes);
            return this;
        }
    }

    public Out run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("/usr/bin/pki");
        cmd.addAll(List.of(args));
        Process pr = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] b = pr.getInputStream().readAllBytes();
        if (!pr.waitFor(60, TimeUnit.SECONDS) || pr.exitValue() != 0) throw new IllegalStateException("pki " + cmd + " failed");
        return new Out(new String(b, StandardCharsets.ISO_8859_1), b, this);
    }
}
