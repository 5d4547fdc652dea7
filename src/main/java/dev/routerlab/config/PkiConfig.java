package dev.routerlab.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The `crypto pki ...` configuration: trustpoints with their certificate chains (kept in the
 * configuration as IOS keeps them, DER in hex), certificate maps and the certificate server.
 * Key pairs are not here: IOS keeps them in private NVRAM, not the running-config.
 */
public final class PkiConfig extends Model {
    public final Map<String, Trustpoint> trustpoints = new LinkedHashMap<>();
    /** `crypto pki certificate map NAME SEQ` by name, then sequence. */
    public final Map<String, TreeMap<Integer, CertificateMap>> certificateMaps = new LinkedHashMap<>();
    /** `crypto pki server NAME`, null when none. */
    public CertificateServer server;

    public boolean any() { return !trustpoints.isEmpty() || !certificateMaps.isEmpty() || server != null; }

    public enum Revocation { NONE, CRL }

    /** `crypto pki trustpoint NAME` (mode ca-trustpoint). */
    public static final class Trustpoint extends Model {
        public final String name;
        /** `enrollment url URL`; null with {@link #enrollTerminal} false: not configured. */
        public String enrollmentUrl;
        public boolean enrollTerminal;
        /** `subject-name X.500-NAME`, as typed. */
        public String subjectName;
        /** `revocation-check METHOD...` (IOS default: crl). */
        public final List<Revocation> revocation = new ArrayList<>(List.of(Revocation.CRL));
        public String rsakeypair;
        /** `rsakeypair LABEL SIZE`: the modulus of the keys when they are generated (null: 2048). */
        public Integer rsakeypairModulus;
        /** `fqdn NAME` and `ip-address A` put into the request (null: absent). */
        public String fqdn;
        public Integer ipAddress;
        /** The `crypto pki certificate chain` of this trustpoint: its CA certificate and its own. */
        public final List<Certificate> chain = new ArrayList<>();

        public Trustpoint(String name) { this.name = name; }

        public Certificate caCertificate() {
            for (Certificate c : chain) if (c.ca()) return c;
            return null;
        }

        public Certificate routerCertificate() {
            for (Certificate c : chain) if (!c.ca()) return c;
            return null;
        }
    }

    /** One `certificate [ca] SERIAL` of a chain: its DER encoding in upper-case hex. */
    public record Certificate(boolean ca, String serial, String derHex) {}

    /** `crypto pki certificate map NAME SEQ`: every line must match. */
    public static final class CertificateMap extends Model {
        public final String name;
        public final int sequence;
        public final List<MapRule> rules = new ArrayList<>();

        public CertificateMap(String name, int sequence) {
            this.name = name;
            this.sequence = sequence;
        }
    }

    public enum MapField { SUBJECT_NAME, ISSUER_NAME, ALT_SUBJECT_NAME }

    public enum MapOp { EQ, NE, CO, NC }

    /** `subject-name co VALUE` and the like (the value compared without case, as IOS does). */
    public record MapRule(MapField field, MapOp op, String value) {}

    /** `database level`: what the server writes of each certificate it issues. */
    public enum DatabaseLevel { MINIMUM, NAMES, COMPLETE }

    /** `crypto pki server NAME` (mode cs-server); its CA key pair and certificate are those of the trustpoint NAME. */
    public static final class CertificateServer extends Model {
        public static final int DEFAULT_CERT_LIFETIME_DAYS = 365, DEFAULT_CA_LIFETIME_DAYS = 1095, DEFAULT_CRL_LIFETIME_HOURS = 168;
        public final String name;
        /** `issuer-name X.500-NAME` as typed; null: `CN=NAME`. */
        public String issuerName;
        public boolean grantAuto;
        public int certLifetimeDays = DEFAULT_CERT_LIFETIME_DAYS;
        public int caLifetimeDays = DEFAULT_CA_LIFETIME_DAYS;
        public int crlLifetimeHours = DEFAULT_CRL_LIFETIME_HOURS;
        public DatabaseLevel databaseLevel = DatabaseLevel.MINIMUM;
        /** A server configured at the prompt starts shut; one loaded without `shutdown` runs. */
        public boolean shutdown;

        public CertificateServer(String name) { this.name = name; }

        public String issuer() { return issuerName != null ? issuerName : "CN=" + name; }
    }
}
