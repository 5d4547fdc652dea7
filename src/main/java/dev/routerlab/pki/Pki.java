package dev.routerlab.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.random.RandomGenerator;
import dev.routerlab.config.PkiConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.sim.Clock;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One router's PKI: its RSA key pairs (private NVRAM), its trustpoints as the configuration has
 * them (certificates decoded from the `crypto pki certificate chain` blocks), the CRLs it holds,
 * and the checks a peer's certificate goes through (RFC 5280 §6.1.3) on the injected clock.
 */
public final class Pki {
    /** The NVRAM file of the key pairs (beside SSH's `private-config`). */
    public static final String NVRAM_FILE = "private-config-pki";
    /** The NVRAM file of the certificate server's database (IOS: `nvram:NAME.ser` and `NAME.crl`). */
    public static final String SERVER_FILE = "pki-server.ser";

    /** Where the key pairs are kept (IOS: private NVRAM, never the running-config). */
    public interface Storage {
        byte[] read() throws IOException;

        void write(byte[] data) throws IOException;
    }

    /**
     * What IKE signs and sends with: a trustpoint's key pair, its certificate, its CA's (the
     * anchor its path ends at) and the intermediates between them, its issuer first.
     */
    public record Credential(String trustpoint, KeyPair pair, X509CertificateHolder certificate, X509CertificateHolder ca,
                             List<X509CertificateHolder> intermediates) {
        public Credential {
            intermediates = List.copyOf(intermediates);
        }

        public Credential(String trustpoint, KeyPair pair, X509CertificateHolder certificate, X509CertificateHolder ca) {
            this(trustpoint, pair, certificate, ca, List.of());
        }
    }

    private final Clock clock;
    private final RandomGenerator random;
    private final Storage storage;
    private final Storage serverStorage;
    private CertificateAuthority server;
    private RsaKeys keys;
    private PkiConfig config = new PkiConfig();
    private String defaultLabel;
    private final List<X509CRLHolder> crls = new ArrayList<>();
    /** The trustpoints whose SCEP enrollment the CA answered PENDING and that poll it (RFC 8894 §3.3.3). */
    private final java.util.Set<String> pending = new java.util.HashSet<>();

    public Pki(Clock clock, RandomGenerator random, Storage storage) {
        this(clock, random, storage, new Storage() {
            private byte[] db;

            @Override public byte[] read() { return db; }

            @Override public void write(byte[] data) { db = data; }
        });
    }

    /** With the storage of the certificate server's database beside the keys'. */
    public Pki(Clock clock, RandomGenerator random, Storage storage, Storage serverStorage) {
        this.clock = clock;
        this.random = random;
        this.storage = storage;
        this.serverStorage = serverStorage;
    }

    public Clock clock() { return clock; }

    public RandomGenerator random() { return random; }

    /** Follows the model: the trustpoints, and the default key label (`hostname.domain`, IOS's). */
    public void reconcile(RunningConfig cfg) {
        this.config = cfg.pki;
        this.defaultLabel = cfg.domainName == null ? cfg.hostname : cfg.hostname + "." + cfg.domainName;
        reconcileServer();
    }

    // ---- the certificate server (`crypto pki server NAME`)

    /** The running certificate server's CA, or null when none runs. */
    public CertificateAuthority server() { return server; }

    /**
     * Runs the CA while the server is configured, not shut, and its trustpoint (of the same
     * name) holds the CA certificate whose key pair NVRAM holds; its database comes from NVRAM,
     * and it publishes a fresh CRL, which this router then holds.
     */
    private void reconcileServer() {
        PkiConfig.CertificateServer cs = config.server;
        PkiConfig.Trustpoint tp = cs == null || cs.shutdown ? null : config.trustpoints.get(cs.name);
        X509CertificateHolder ca = tp == null ? null : certificate(tp.caCertificate());
        RsaKeys.Entry key = ca == null ? null : keys().get(cs.name);
        if (key == null || !key.pair().getPublic().equals(Certs.publicKey(ca))) {
            server = null;
            return;
        }
        if (server != null && server.name().equals(cs.name) && server.certificate().equals(ca)) return;
        server = new CertificateAuthority(cs.name, key.pair(), ca);
        try {
            server.decode(serverStorage.read());
        } catch (IOException e) {
            // no database yet: serials start after the CA's own
        }
        addCrl(server.publishCrl(clock.epochMillis(), cs.crlLifetimeHours));
    }

    /**
     * The CA key pair (label NAME) and self-signed certificate of a server that has none, made
     * now from the router's random source (IOS does so at the first `no shutdown`).
     */
    public X509CertificateHolder createServerCa(PkiConfig.CertificateServer cs, int bits) throws IOException {
        RsaKeys.Entry k = keys().get(cs.name);
        if (k == null) k = generate(cs.name, bits);
        return CertificateAuthority.selfSigned(k.pair(), new org.bouncycastle.asn1.x500.X500Name(
            org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE, cs.issuer()), clock.epochMillis(), cs.caLifetimeDays);
    }

    /**
     * Grants a request on the running server (`grant auto`): the certificate, or null when no
     * server runs, it grants by hand, or the request does not hold. The database is saved.
     */
    public X509CertificateHolder grant(org.bouncycastle.pkcs.PKCS10CertificationRequest req) throws IOException {
        PkiConfig.CertificateServer cs = config.server;
        if (server == null || cs == null || !cs.grantAuto || CertificateAuthority.check(req) != null) return null;
        X509CertificateHolder c = server.issue(req, clock.epochMillis(), cs.certLifetimeDays);
        serverStorage.write(server.encode(cs.databaseLevel != PkiConfig.DatabaseLevel.MINIMUM));
        return c;
    }

    /**
     * A request given to the running server by hand (`crypto pki server NAME request pkcs10
     * terminal`): filed in its request database and, with `grant auto`, granted at once. Null
     * when no server runs or the request does not hold (RFC 2986 §3).
     */
    public CertificateAuthority.Request submit(org.bouncycastle.pkcs.PKCS10CertificationRequest req) throws IOException {
        return submit(req, null);
    }

    /** A request that came over SCEP with this transactionID (null: by hand); as {@link #submit(org.bouncycastle.pkcs.PKCS10CertificationRequest)}. */
    public CertificateAuthority.Request submit(org.bouncycastle.pkcs.PKCS10CertificationRequest req, String transactionId) throws IOException {
        PkiConfig.CertificateServer cs = config.server;
        if (server == null || cs == null || CertificateAuthority.check(req) != null) return null;
        CertificateAuthority.Request r = server.enqueue(req, transactionId);
        if (r != null && cs.grantAuto) grant(r);
        return r;
    }

    /** Whether the running server grants SCEP requests at once (`grant auto`), else files them as pending. */
    public boolean grantsAuto() { return server != null && config.server != null && config.server.grantAuto; }

    /** Grants a pending request of the running server (`crypto pki server NAME grant`); the database is saved. */
    public X509CertificateHolder grant(CertificateAuthority.Request r) throws IOException {
        PkiConfig.CertificateServer cs = config.server;
        if (server == null || cs == null) return null;
        X509CertificateHolder c = server.grant(r, clock.epochMillis(), cs.certLifetimeDays);
        if (c != null) serverStorage.write(server.encode(cs.databaseLevel != PkiConfig.DatabaseLevel.MINIMUM));
        return c;
    }

    /**
     * Revokes a serial the running server issued and publishes its CRL afresh, which this router
     * then holds (`crypto pki server NAME revoke`); false when the server never issued it or
     * already revoked it.
     */
    public boolean revoke(BigInteger serial) throws IOException {
        PkiConfig.CertificateServer cs = config.server;
        if (server == null || cs == null || !server.revoke(serial, clock.epochMillis())) return false;
        serverStorage.write(server.encode(cs.databaseLevel != PkiConfig.DatabaseLevel.MINIMUM));
        addCrl(server.publishCrl(clock.epochMillis(), cs.crlLifetimeHours));
        return true;
    }

    public PkiConfig config() { return config; }

    /** Whether this trustpoint's enrollment waits for the CA (PENDING, polled). */
    public boolean enrollmentPending(String trustpoint) { return pending.contains(trustpoint); }

    /** Marks this trustpoint's enrollment as waiting for the CA, or no longer. */
    public void enrollmentPending(String trustpoint, boolean waiting) {
        if (waiting) pending.add(trustpoint);
        else pending.remove(trustpoint);
    }

    // ---- keys

    public RsaKeys keys() {
        if (keys == null) {
            try {
                keys = RsaKeys.decode(storage.read());
            } catch (IOException e) {
                keys = new RsaKeys();
            }
        }
        return keys;
    }

    /** Makes (or replaces) the key pair of this label and saves the keys. */
    public RsaKeys.Entry generate(String label, int bits) throws IOException {
        RsaKeys.Entry e = new RsaKeys.Entry(label, RsaKeys.generate(bits, random), clock.epochMillis());
        keys().put(e);
        storage.write(keys.encode());
        return e;
    }

    public void remove(String label) throws IOException {
        if (keys().remove(label) != null) storage.write(keys.encode());
    }

    /** The label of a trustpoint's keys: its `rsakeypair`, else the router's general-purpose keys. */
    public String keyLabel(PkiConfig.Trustpoint tp) { return tp.rsakeypair != null ? tp.rsakeypair : defaultLabel; }

    public RsaKeys.Entry key(PkiConfig.Trustpoint tp) { return keys().get(keyLabel(tp)); }

    // ---- certificates

    public static X509CertificateHolder certificate(PkiConfig.Certificate c) {
        return c == null ? null : Certs.decode(Pem.hex(c.derHex()));
    }

    /** A trustpoint's credential for signing, or null when it lacks keys or certificates. */
    public Credential credential(String trustpoint) {
        PkiConfig.Trustpoint tp = config.trustpoints.get(trustpoint);
        if (tp == null) return null;
        RsaKeys.Entry k = key(tp);
        X509CertificateHolder mine = certificate(tp.routerCertificate());
        if (k == null || mine == null || tp.caCertificate() == null) return null;
        List<X509CertificateHolder> up = intermediates(tp, mine);
        X509CertificateHolder top = up.isEmpty() ? mine : up.get(up.size() - 1), ca = null;
        for (X509CertificateHolder a : anchors(tp)) if (ca == null && Certs.issuedBy(top, a)) ca = a;
        if (ca == null) ca = certificate(tp.caCertificate());
        return new Credential(trustpoint, k.pair(), mine, ca, up);
    }

    /** Holds a CRL (the newest per issuer); false when no CA certificate of a trustpoint signed it. */
    public boolean addCrl(X509CRLHolder crl) {
        for (PkiConfig.Trustpoint tp : config.trustpoints.values()) {
            for (X509CertificateHolder ca : caCertificates(tp)) {
                if (ca.getSubject().equals(crl.getIssuer()) && Certs.crlSignedBy(crl, Certs.publicKey(ca))) {
                    crls.removeIf(c -> c.getIssuer().equals(crl.getIssuer()));
                    crls.add(crl);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Checks a peer's certificate against trustpoints in order (RFC 5280 §6.1.3); as
     * {@link #verify(List, List)} with no intermediates.
     */
    public Verdict verify(List<String> trustpoints, X509CertificateHolder peer) {
        return verify(trustpoints, peer == null ? List.of() : List.of(peer));
    }

    /**
     * Checks a peer's chain against trustpoints in order (RFC 5280 §6): {@code chain} is its end
     * entity's certificate first, then the intermediates it sent (RFC 7296 §3.6), in any order.
     * The first trustpoint that accepts it wins; else the failure of the first that found a path
     * to its CA (else "untrusted").
     */
    public Verdict verify(List<String> trustpoints, List<X509CertificateHolder> chain) {
        if (chain.isEmpty() || chain.get(0) == null) return new Verdict(Verdict.Status.MALFORMED, "", 0, null);
        Verdict failure = null;
        for (String name : trustpoints) {
            PkiConfig.Trustpoint tp = config.trustpoints.get(name);
            if (tp == null) continue;
            Verdict v = verify(tp, chain);
            if (v.ok()) return v;
            if (failure == null || failure.status() == Verdict.Status.UNTRUSTED) failure = v;
        }
        return failure != null ? failure : new Verdict(Verdict.Status.UNTRUSTED, Certs.serial(chain.get(0).getSerialNumber()), 0, null);
    }

    Verdict verify(PkiConfig.Trustpoint tp, X509CertificateHolder peer) { return verify(tp, List.of(peer)); }

    /** The longest path this router follows from a peer's certificate to a trust anchor. */
    static final int MAX_PATH = 8;

    /**
     * One trustpoint: the path end entity → intermediates (the peer's, else the trustpoint's
     * own) → one of the trustpoint's anchors, each certificate signed by the next; every
     * certificate in its validity period now (§6.1.3 (a)(2)); every issuer but the anchor a CA
     * (basicConstraints cA, keyCertSign when keyUsage is present, its pathLenConstraint,
     * §6.1.4 (k)(l)(m)(n)); and, when the trustpoint checks CRLs, none revoked by a CRL held
     * for its issuer (§6.1.3 (a)(3)).
     */
    Verdict verify(PkiConfig.Trustpoint tp, List<X509CertificateHolder> chain) {
        X509CertificateHolder peer = chain.get(0);
        String sn = Certs.serial(peer.getSerialNumber());
        List<X509CertificateHolder> anchors = anchors(tp);
        List<X509CertificateHolder> pool = new ArrayList<>(chain.subList(1, chain.size()));
        for (X509CertificateHolder c : caCertificates(tp)) if (!anchors.contains(c)) pool.add(c);
        List<X509CertificateHolder> path = new ArrayList<>(List.of(peer));
        X509CertificateHolder anchor = null;
        while (anchor == null && path.size() <= MAX_PATH) {
            X509CertificateHolder cur = path.get(path.size() - 1);
            for (X509CertificateHolder a : anchors) if (anchor == null && Certs.issuedBy(cur, a)) anchor = a;
            if (anchor != null) break;
            X509CertificateHolder next = null;
            for (X509CertificateHolder i : pool) if (next == null && !path.contains(i) && Certs.issuedBy(cur, i)) next = i;
            if (next == null) break;
            path.add(next);
        }
        if (anchor == null) return new Verdict(Verdict.Status.UNTRUSTED, sn, 0, tp.name);
        Date now = new Date(clock.epochMillis());
        List<X509CertificateHolder> all = new ArrayList<>(path);
        all.add(anchor);
        for (X509CertificateHolder c : all) {
            String s = Certs.serial(c.getSerialNumber());
            if (now.after(c.getNotAfter())) return new Verdict(Verdict.Status.EXPIRED, s, c.getNotAfter().getTime(), tp.name);
            if (now.before(c.getNotBefore())) {
                return new Verdict(Verdict.Status.NOT_YET_VALID, s, c.getNotBefore().getTime(), tp.name);
            }
        }
        // issuers: the intermediates (checked in full) and the anchor (its pathLenConstraint when it has one)
        for (int i = 1; i < all.size(); i++) {
            X509CertificateHolder c = all.get(i);
            boolean isAnchor = i == all.size() - 1;
            BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
            if (!isAnchor) {
                if (bc == null || !bc.isCA()) return new Verdict(Verdict.Status.NOT_A_CA, Certs.serial(c.getSerialNumber()), 0, tp.name);
                KeyUsage ku = KeyUsage.fromExtensions(c.getExtensions());
                if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
                    return new Verdict(Verdict.Status.NOT_A_CA, Certs.serial(c.getSerialNumber()), 0, tp.name);
                }
            }
            // the intermediates below this issuer (self-issued ones do not count, §6.1.4 (l))
            int below = 0;
            for (int j = 1; j < i; j++) if (!all.get(j).getSubject().equals(all.get(j).getIssuer())) below++;
            if (bc != null && bc.isCA() && bc.getPathLenConstraint() != null && below > bc.getPathLenConstraint().intValue()) {
                return new Verdict(Verdict.Status.PATH_TOO_LONG, Certs.serial(c.getSerialNumber()), 0, tp.name);
            }
        }
        if (!tp.revocation.isEmpty() && tp.revocation.get(0) == PkiConfig.Revocation.CRL) {
            for (int i = 0; i < path.size(); i++) {
                X509CertificateHolder c = path.get(i);
                X509CRLHolder crl = crlOf(all.get(i + 1));
                if (crl == null) {
                    if (!tp.revocation.contains(PkiConfig.Revocation.NONE)) {
                        return new Verdict(Verdict.Status.CRL_UNAVAILABLE, Certs.serial(c.getSerialNumber()), 0, tp.name);
                    }
                } else if (crl.getRevokedCertificate(c.getSerialNumber()) != null) {
                    return new Verdict(Verdict.Status.REVOKED, Certs.serial(c.getSerialNumber()), 0, tp.name);
                }
            }
        }
        return Verdict.ok(sn, tp.name);
    }

    /** The CA certificates of a trustpoint's chain (`certificate ca`), in configuration order. */
    public static List<X509CertificateHolder> caCertificates(PkiConfig.Trustpoint tp) {
        List<X509CertificateHolder> out = new ArrayList<>();
        for (PkiConfig.Certificate c : tp.chain) {
            X509CertificateHolder x = c.ca() ? certificate(c) : null;
            if (x != null) out.add(x);
        }
        return out;
    }

    /**
     * A trustpoint's trust anchors: the self-signed CA certificates of its chain (a root); a
     * subordinate CA trustpoint, whose chain holds none, trusts its CA certificates themselves.
     */
    public static List<X509CertificateHolder> anchors(PkiConfig.Trustpoint tp) {
        List<X509CertificateHolder> cas = caCertificates(tp), roots = new ArrayList<>();
        for (X509CertificateHolder c : cas) if (Certs.issuedBy(c, c)) roots.add(c);
        return roots.isEmpty() ? cas : roots;
    }

    /**
     * The intermediates a router sends after its own certificate (RFC 7296 §3.6): the CA
     * certificates of the trustpoint's chain from its certificate's issuer up, anchors excluded
     * unless subordinate (not self-signed).
     */
    static List<X509CertificateHolder> intermediates(PkiConfig.Trustpoint tp, X509CertificateHolder mine) {
        List<X509CertificateHolder> cas = caCertificates(tp), out = new ArrayList<>();
        X509CertificateHolder cur = mine;
        while (out.size() < MAX_PATH) {
            X509CertificateHolder next = null;
            for (X509CertificateHolder c : cas) {
                if (next == null && !out.contains(c) && !Certs.issuedBy(c, c) && Certs.issuedBy(cur, c)) next = c;
            }
            if (next == null) break;
            out.add(next);
            cur = next;
        }
        return out;
    }

    /** The CRL held for this CA, if its signature holds. */
    X509CRLHolder crlOf(X509CertificateHolder ca) {
        PublicKey k = Certs.publicKey(ca);
        for (X509CRLHolder c : crls) if (c.getIssuer().equals(ca.getSubject()) && Certs.crlSignedBy(c, k)) return c;
        return null;
    }

    /** The serial numbers a held CRL of this CA lists (for shows). */
    public List<BigInteger> revoked(X509CertificateHolder ca) {
        X509CRLHolder c = crlOf(ca);
        List<BigInteger> out = new ArrayList<>();
        if (c != null) for (Object e : c.getRevokedCertificates()) out.add(((org.bouncycastle.cert.X509CRLEntryHolder) e).getSerialNumber());
        return out;
    }

}
