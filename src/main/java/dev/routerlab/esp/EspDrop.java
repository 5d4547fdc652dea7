package dev.routerlab.esp;

/** Why an ESP packet was dropped; each reason is counted per SA. */
public enum EspDrop {
    /** Shorter than header + IV + one block + ICV. */
    TRUNCATED("truncated packet"),
    /** Ciphertext not a whole number of blocks. */
    BAD_LENGTH("bad ciphertext length"),
    /** SPI in the packet is not this SA's. */
    WRONG_SPI("wrong SPI"),
    /** Sequence number duplicated, zero, or left of the window (RFC 4303 §3.4.3). */
    REPLAY("replay check failed"),
    /** ICV mismatch (RFC 4303 §3.4.4). */
    AUTH_FAILED("authentication failed"),
    /** Pad Length or padding bytes wrong (RFC 4303 §2.4). */
    BAD_PADDING("bad padding"),
    /** Outbound sequence number would cycle (RFC 4303 §3.3.3): the SA must be rekeyed. */
    SEQ_OVERFLOW("sequence number overflow"),
    /** Hard byte or packet lifetime reached. */
    LIFETIME_EXPIRED("lifetime expired"),
    /** Next header not what the mode expects (tunnel: 4 or 41). */
    BAD_NEXT_HEADER("unexpected next header"),
    /** The carrying IPv4 packet is malformed (transport-mode helpers). */
    MALFORMED_IP("malformed IP packet"),
    /** The crypto provider failed; should not happen. */
    INTERNAL_ERROR("internal error");

    private final String description;

    EspDrop(String description) {
        this.description = description;
    }

    public String description() { return description; }
}
