package dev.routerlab.packet.isakmp;

/**
 * A decoded top-level ISAKMP payload. {@link #body()} is its encoding after the 4-octet generic
 * payload header (RFC 2408 §3.2), which {@link Payloads} adds when chaining.
 */
public sealed interface Payload permits SaPayload, OpaquePayload, IdPayload, NotificationPayload, DeletePayload,
        NatOaPayload, CertPayload, CertRequestPayload, RawPayload {
    /** The payload type ({@link PayloadType}). */
    int type();

    /** The encoded payload body, generic header excluded. */
    byte[] body();
}
