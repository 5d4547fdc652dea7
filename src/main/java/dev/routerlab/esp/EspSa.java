package dev.routerlab.esp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One direction of an ESP security association (RFC 4303), pure of I/O.
 *
 * <p>Outbound: {@link #encrypt} frames {@code SPI | Seq | IV | E(payload | padding | pad length |
 * next header) | ICV} with the next sequence number. Inbound: {@link #decrypt} checks length,
 * SPI, the replay window (before the ICV, §3.4.3), the ICV, then padding, and only then updates
 * the window. Hostile input never throws: every drop is counted in {@link #counters()}.
 *
 * <p>Not thread-safe: an SA belongs to one event loop or worker. Keys are never printed.
 */
public final class EspSa {
    /** Largest 32-bit sequence number; the SA must be rekeyed before it would cycle (§3.3.3). */
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    /** Direction of the SA. */
    public enum Direction { INBOUND, OUTBOUND }

    private final Direction direction;
    private final int spi;
    private final Transform transform;
    private final EspCrypto crypto;
    private final ReplayWindow replay; // null when disabled or outbound
    private final EspLifetime lifetime;
    private final EspCounters counters = new EspCounters();
    private final int ivLength;
    private final int icvLength;
    private final int alignment;
    private long seq; // outbound: last sequence number sent
    // inbound: what the last decryption found (an SA belongs to one thread)
    private int lastNextHeader;
    private long lastSequence;
    private EspDrop lastDrop;

    private EspSa(Direction direction, int spi, Transform transform, byte[] keymat,
            RandomGenerator ivRandom, int replayWindow, EspLifetime lifetime, GcmEngine gcm) {
        this.direction = direction;
        this.spi = spi;
        this.transform = Objects.requireNonNull(transform);
        this.lifetime = Objects.requireNonNull(lifetime);
        try {
            this.crypto = gcm == null ? EspCrypto.create(transform, keymat, ivRandom)
                    : EspCrypto.create(transform, keymat, ivRandom, gcm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no cipher for " + transform, e);
        }
        // Anti-replay is offered only with integrity (RFC 4303 §3.4.3).
        this.replay = replayWindow > 0 && transform.hasIntegrity() ? new ReplayWindow(replayWindow) : null;
        this.ivLength = crypto.ivLength();
        this.icvLength = crypto.icvLength();
        this.alignment = crypto.alignment();
    }

    /**
     * An outbound SA.
     *
     * @param keymat   this direction's KEYMAT: at least {@link Transform#keymatLength()} octets
     * @param ivRandom source of CBC IVs: SecureRandom when live, seeded only in virtual labs
     */
    public static EspSa outbound(int spi, Transform transform, byte[] keymat,
            RandomGenerator ivRandom, EspLifetime lifetime) {
        return outbound(spi, transform, keymat, ivRandom, lifetime, null);
    }

    /** With the AES-GCM engine given (tests compare them); null: {@link GcmEngine#preferred}, JCE if it fails. */
    static EspSa outbound(int spi, Transform transform, byte[] keymat, RandomGenerator ivRandom,
            EspLifetime lifetime, GcmEngine gcm) {
        return new EspSa(Direction.OUTBOUND, spi, transform, keymat,
                Objects.requireNonNull(ivRandom), 0, lifetime, gcm);
    }

    public static EspSa outbound(int spi, Transform transform, byte[] keymat, RandomGenerator ivRandom) {
        return outbound(spi, transform, keymat, ivRandom, EspLifetime.UNLIMITED);
    }

    /**
     * An inbound SA.
     *
     * @param replayWindow anti-replay window size in packets, 0 to disable
     *                     ({@code set security-association replay disable})
     */
    public static EspSa inbound(int spi, Transform transform, byte[] keymat, int replayWindow,
            EspLifetime lifetime) {
        return inbound(spi, transform, keymat, replayWindow, lifetime, null);
    }

    /** With the AES-GCM engine given (tests compare them); null: {@link GcmEngine#preferred}, JCE if it fails. */
    static EspSa inbound(int spi, Transform transform, byte[] keymat, int replayWindow,
            EspLifetime lifetime, GcmEngine gcm) {
        return new EspSa(Direction.INBOUND, spi, transform, keymat, null, replayWindow, lifetime, gcm);
    }

    public static EspSa inbound(int spi, Transform transform, byte[] keymat) {
        return inbound(spi, transform, keymat, ReplayWindow.DEFAULT_SIZE, EspLifetime.UNLIMITED);
    }

    public Direction direction() { return direction; }

    public int spi() { return spi; }

    public Transform transform() { return transform; }

    public EspCounters counters() { return counters; }

    public EspLifetime lifetime() { return lifetime; }

    /** The library running this SA's cipher: {@code JCE}, or {@code OpenSSL 3...} for AES-GCM on JDK 22+. */
    public String cryptoEngine() { return crypto.engine(); }

    /** Outbound: the last sequence number sent. Inbound: the highest accepted (0 if none). */
    public long sequence() {
        return direction == Direction.OUTBOUND ? seq : replay != null ? replay.highest() : 0;
    }

    /** The replay window size, 0 when anti-replay is off. */
    public int replayWindowSize() {
        return replay == null ? 0 : replay.size();
    }

    /** Octets used so far (inner packets), for the lifetime. */
    public long bytesUsed() {
        return direction == Direction.OUTBOUND ? counters.bytesOut : counters.bytesIn;
    }

    /** Packets processed so far, for the lifetime. */
    public long packetsUsed() {
        return direction == Direction.OUTBOUND ? counters.encaps : counters.decaps;
    }

    /** True once 90% of a volume lifetime is used, or the sequence space is 90% used: rekey now. */
    public boolean softExpired() {
        return lifetime.softReached(bytesUsed(), packetsUsed())
                || (direction == Direction.OUTBOUND && seq >= MAX_SEQUENCE / 10 * 9);
    }

    /** True when the SA may carry no more traffic. */
    public boolean hardExpired() {
        return lifetime.hardReached(bytesUsed(), packetsUsed())
                || (direction == Direction.OUTBOUND && seq >= MAX_SEQUENCE);
    }

    /** Octets {@link #encrypt} adds to an inner packet of {@code innerLength} octets. */
    public int overhead(int innerLength) {
        return headerLength() + trailerLength(innerLength);
    }

    /** Octets in front of the payload: ESP header and IV (what {@link #encryptInPlace} needs before it). */
    public int headerLength() {
        return EspCrypto.HEADER + ivLength;
    }

    /** Octets after a payload of {@code len}: padding, pad length, next header, ICV. */
    public int trailerLength(int len) {
        return padLength(len) + 2 + icvLength;
    }

    /** The most {@link #trailerLength} can be, whatever the payload (the room to leave after it). */
    public int maxTrailerLength() {
        return alignment - 1 + 2 + icvLength;
    }

    /**
     * Encrypts {@code inner} with next header {@code nextHeader} (4 = IPv4 in tunnel mode, the
     * original protocol in transport mode; see {@link EspEncapsulation}).
     *
     * @return the ESP header, payload and ICV (what follows the outer IP header), or
     *         {@code null} when the packet was dropped (counted: sequence overflow, lifetime)
     */
    public byte[] encrypt(byte[] inner, int nextHeader) {
        return encrypt(inner, 0, inner.length, nextHeader);
    }

    public byte[] encrypt(byte[] in, int off, int len, int nextHeader) {
        return encrypt(in, off, len, nextHeader, null);
    }

    /** With a fixed IV: for known-answer tests only. */
    byte[] encrypt(byte[] in, int off, int len, int nextHeader, byte[] fixedIv) {
        Objects.checkFromIndexSize(off, len, in.length);
        int h = headerLength();
        byte[] buf = new byte[h + len + trailerLength(len)];
        System.arraycopy(in, off, buf, h, len);
        return seal(buf, h, len, nextHeader, fixedIv) < 0 ? null : buf;
    }

    /**
     * Encrypts {@code buf[off, off+len)} where it lies: the ESP header and IV go into the
     * {@link #headerLength} octets before it, the trailer and ICV into at most
     * {@link #maxTrailerLength} octets after it. No allocation of its own.
     *
     * @return the length of the ESP packet, which starts at {@code off - headerLength()}, or -1
     *         when the packet was dropped (counted: sequence overflow, lifetime)
     */
    public int encryptInPlace(byte[] buf, int off, int len, int nextHeader) {
        return seal(buf, off, len, nextHeader, null);
    }

    private int seal(byte[] buf, int off, int len, int nextHeader, byte[] fixedIv) {
        if (direction != Direction.OUTBOUND) {
            throw new IllegalStateException("encrypt on an inbound SA");
        }
        if (nextHeader < 0 || nextHeader > 255) {
            throw new IllegalArgumentException("next header " + nextHeader);
        }
        int h = headerLength();
        int pad = padLength(len);
        int ptLen = len + pad + 2;
        Objects.checkFromIndexSize(off - h, h + ptLen + icvLength, buf.length);
        if (seq >= MAX_SEQUENCE) {
            counters.dropOut(EspDrop.SEQ_OVERFLOW);
            return -1;
        }
        if (lifetime.hardReached(counters.bytesOut, counters.encaps)) {
            counters.dropOut(EspDrop.LIFETIME_EXPIRED);
            return -1;
        }
        long s = ++seq;
        int espOff = off - h;
        putInt(buf, espOff, spi);
        putInt(buf, espOff + 4, (int) s);
        int p = off + len;
        for (int i = 1; i <= pad; i++) {
            buf[p++] = (byte) i; // default padding 1, 2, 3, ... (§2.4)
        }
        buf[p++] = (byte) pad;
        buf[p] = (byte) nextHeader;
        try {
            crypto.seal(buf, espOff, ptLen, s, fixedIv);
        } catch (GeneralSecurityException | RuntimeException e) {
            counters.dropOut(EspDrop.INTERNAL_ERROR);
            return -1;
        }
        counters.encaps++;
        if (transform.encryption() != EncryptionAlgorithm.NULL) {
            counters.encrypt++;
        }
        if (transform.hasIntegrity()) {
            counters.digest++;
        }
        counters.bytesOut += len;
        return h + ptLen + icvLength;
    }

    /** Decrypts a whole ESP packet (SPI through ICV). */
    public DecryptResult decrypt(byte[] esp) {
        return decrypt(esp, 0, esp.length);
    }

    /** Decrypts {@code in[off, off+len)} into an array of its own; never throws for any content. */
    public DecryptResult decrypt(byte[] in, int off, int len) {
        Objects.checkFromIndexSize(off, len, in.length);
        byte[] out = new byte[Math.max(0, len - headerLength() - icvLength)];
        int n = open(in, off, len, out, 0);
        return n < 0 ? DecryptResult.Dropped.of(lastDrop) : new DecryptResult.Ok(lastNextHeader, out, n, lastSequence);
    }

    /**
     * Verifies and decrypts {@code buf[off, off+len)} (SPI through ICV) where it lies: the inner
     * packet is then at {@code off + headerLength()}, its next header in {@link #lastNextHeader}.
     * Never throws for any content; no allocation of its own.
     *
     * @return the inner packet's length, or -1 when dropped (counted on the SA)
     */
    public int decryptInPlace(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return open(buf, off, len, buf, off + headerLength());
    }

    /** The next header of the packet {@link #decryptInPlace} last accepted. */
    public int lastNextHeader() {
        return lastNextHeader;
    }

    private int open(byte[] in, int off, int len, byte[] out, int outOff) {
        if (direction != Direction.INBOUND) {
            throw new IllegalStateException("decrypt on an outbound SA");
        }
        int ctLen = len - EspCrypto.HEADER - ivLength - icvLength;
        if (ctLen < Math.max(alignment, 4)) {
            return drop(EspDrop.TRUNCATED);
        }
        if (ctLen % alignment != 0) {
            return drop(EspDrop.BAD_LENGTH);
        }
        if (getInt(in, off) != spi) {
            return drop(EspDrop.WRONG_SPI);
        }
        if (lifetime.hardReached(counters.bytesIn, counters.decaps)) {
            return drop(EspDrop.LIFETIME_EXPIRED);
        }
        long s = getInt(in, off + 4) & 0xFFFF_FFFFL;
        if (replay != null && !replay.check(s)) {
            return drop(EspDrop.REPLAY);
        }
        try {
            if (!crypto.open(in, off, len, out, outOff)) {
                return drop(EspDrop.AUTH_FAILED);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return drop(EspDrop.INTERNAL_ERROR);
        }
        int end = outOff + ctLen;
        int pad = out[end - 2] & 0xFF;
        int nextHeader = out[end - 1] & 0xFF;
        if (pad + 2 > ctLen) {
            return drop(EspDrop.BAD_PADDING);
        }
        int padStart = end - 2 - pad;
        for (int i = 0; i < pad; i++) {
            if ((out[padStart + i] & 0xFF) != i + 1) {
                return drop(EspDrop.BAD_PADDING);
            }
        }
        if (replay != null) {
            replay.update(s);
        }
        counters.decaps++;
        if (transform.encryption() != EncryptionAlgorithm.NULL) {
            counters.decrypt++;
        }
        if (transform.hasIntegrity()) {
            counters.verify++;
        }
        int n = padStart - outOff;
        counters.bytesIn += n;
        lastNextHeader = nextHeader;
        lastSequence = s;
        return n;
    }

    /** Test hook: continue the outbound sequence from {@code last}. */
    void setSequenceForTest(long last) {
        this.seq = last;
    }

    private int drop(EspDrop reason) {
        counters.dropIn(reason);
        lastDrop = reason;
        return -1;
    }

    private int padLength(int payloadLength) {
        int rem = (payloadLength + 2) % alignment;
        return rem == 0 ? 0 : alignment - rem;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return String.format("EspSa[%s spi=0x%08X %s seq=%d]",
                direction == Direction.INBOUND ? "in" : "out", spi, transform, sequence());
    }
}
