package dev.routerlab.ikev2;

import java.io.ByteArrayOutputStream;

/**
 * The reassembly of one fragmented message (RFC 7383 §2.6): the decrypted contents of its
 * Encrypted Fragment payloads by Fragment Number, each already authenticated. Bounded: at most
 * {@link #MAX_FRAGMENTS} fragments and {@link #MAX_BYTES} octets; what breaks a bound is refused.
 */
final class Ikev2Fragments {
    static final int MAX_FRAGMENTS = 64;
    static final int MAX_BYTES = 64 * 1024;

    /** What became of one fragment. */
    enum Result { STORED, COMPLETE, DUPLICATE, REFUSED }

    final int messageId;
    final boolean response;
    private int total;
    private int first;
    private byte[][] parts;
    private int received, bytes;

    Ikev2Fragments(int messageId, boolean response) {
        this.messageId = messageId;
        this.response = response;
    }

    /**
     * Adds fragment {@code number} of {@code total}; {@code next} is its Next Payload field (the
     * first inner payload's type in fragment 1). §2.6: a larger Total Fragments than seen so far
     * starts over (the peer re-fragmented at a smaller size), a smaller one is discarded.
     */
    Result add(int number, int totalFragments, int next, byte[] content) {
        if (totalFragments < 1 || totalFragments > MAX_FRAGMENTS || number < 1 || number > totalFragments) return Result.REFUSED;
        if (totalFragments < total) return Result.REFUSED;
        if (totalFragments > total) {
            total = totalFragments;
            parts = new byte[totalFragments][];
            received = 0;
            bytes = 0;
        }
        if (parts[number - 1] != null) return Result.DUPLICATE;
        if (bytes + content.length > MAX_BYTES) return Result.REFUSED;
        parts[number - 1] = content;
        if (number == 1) first = next;
        received++;
        bytes += content.length;
        return received == total ? Result.COMPLETE : Result.STORED;
    }

    /** The Next Payload of fragment 1: the type of the reassembled chain's first payload. */
    int firstPayload() { return first; }

    /** The inner payload chain, once {@link Result#COMPLETE}. */
    byte[] content() {
        ByteArrayOutputStream o = new ByteArrayOutputStream(bytes);
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
