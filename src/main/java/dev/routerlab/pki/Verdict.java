package dev.routerlab.pki;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What checking a peer's certificate found (RFC 5280 §6.1.3: signature, validity period,
 * revocation), with the IOS syslog message a failure gives.
 */
public record Verdict(Status status, String serial, long whenMillis, String trustpoint) {
    public enum Status { OK, EXPIRED, NOT_YET_VALID, REVOKED, UNTRUSTED, CRL_UNAVAILABLE, MALFORMED,
        /** An issuer in the path that may not sign certificates (basicConstraints, keyUsage, RFC 5280 §6.1.4). */
        NOT_A_CA,
        /** More intermediates below an issuer than its pathLenConstraint allows. */
        PATH_TOO_LONG }

    /** IOS's time stamps in PKI messages and shows: `10:00:00 UTC Dec 6 2026`. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC' MMM d yyyy", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    public boolean ok() { return status == Status.OK; }

    public static Verdict ok(String serial, String trustpoint) { return new Verdict(Status.OK, serial, 0, trustpoint); }

    /** The `%PKI-3-...` mnemonic of a failure. */
    public String mnemonic() {
        return switch (status) {
            case OK -> null;
            case EXPIRED -> "CERTIFICATE_INVALID_EXPIRED";
            case NOT_YET_VALID -> "CERTIFICATE_INVALID_NOT_YET_VALID";
            case REVOKED -> "CERTIFICATE_REVOKED";
            case CRL_UNAVAILABLE -> "CRL_FETCH_FAIL";
            case UNTRUSTED, MALFORMED, NOT_A_CA, PATH_TOO_LONG -> "CERTIFICATE_INVALID";
        };
    }

    /** The message text after the mnemonic, as IOS logs it. */
    public String text() {
        String when = TIME.format(Instant.ofEpochMilli(whenMillis));
        return switch (status) {
            case OK -> null;
            case EXPIRED -> "Certificate chain validation has failed.  The certificate (SN: " + serial
                + ") has expired.    Validity period ended on " + when;
            case NOT_YET_VALID -> "Certificate chain validation has failed.  The certificate (SN: " + serial
                + ") is not yet valid   Validity period starts on " + when;
            case REVOKED -> "Certificate chain validation has failed.  The certificate (SN: " + serial + ") is revoked";
            case CRL_UNAVAILABLE -> "CRL fetch for trustpoint " + trustpoint + " failed";
            case UNTRUSTED -> "Certificate chain validation has failed.  Unauthorized";
            case MALFORMED, NOT_A_CA, PATH_TOO_LONG -> "Certificate chain validation has failed.";
        };
    }
}
