package dev.routerlab.packet;

/** Result of a codec's {@code check}: {@link #OK} or why the packet is to be counted and dropped. */
public enum PacketError {
    OK,
    /** Shorter than the headers or lengths it claims (also: null buffer, offset/length out of range). */
    TRUNCATED,
    /** IP version field is not 4. */
    BAD_VERSION,
    /** Header length field below the minimum. */
    BAD_HEADER_LENGTH,
    /** A length field is inconsistent (e.g. IPv4 total length below header length). */
    BAD_LENGTH,
    /** Checksum does not verify. */
    BAD_CHECKSUM,
    /** A field holds a value this codec must reject (e.g. ARP opcode, GRE reserved bits). */
    BAD_FIELD,
    /** Well formed but of a kind this codec does not handle (e.g. GRE version 1, 802.3 frame). */
    UNSUPPORTED;

    public boolean ok() { return this == OK; }
}
