package dev.routerlab.esp;

import java.util.Arrays;

/** What {@link EspSa#decrypt} gives back: the inner packet, or a counted drop. */
public sealed interface DecryptResult permits DecryptResult.Ok, DecryptResult.Dropped {

    /**
     * A verified, decrypted packet. The inner packet is {@code buffer[0, length)}; the buffer is
     * the caller's to keep and may be longer (it still holds the ESP trailer). Next header 59
     * marks a dummy packet (RFC 4303 §2.6) that the caller should discard silently.
     */
    record Ok(int nextHeader, byte[] buffer, int length, long sequence) implements DecryptResult {
        /** The inner packet as an array of its own (copies only when the buffer is longer). */
        public byte[] packet() {
            return buffer.length == length ? buffer : Arrays.copyOf(buffer, length);
        }

        @Override
        public String toString() {
            return "Ok[nextHeader=" + nextHeader + ", length=" + length + ", seq=" + sequence + "]";
        }
    }

    /** A dropped packet; already counted on the SA. */
    record Dropped(EspDrop reason) implements DecryptResult {
        private static final Dropped[] CACHE = new Dropped[EspDrop.values().length];

        static {
            for (EspDrop d : EspDrop.values()) {
                CACHE[d.ordinal()] = new Dropped(d);
            }
        }

        /** Shared instance per reason (no allocation on the drop path). */
        public static Dropped of(EspDrop reason) {
            return CACHE[reason.ordinal()];
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }
}
