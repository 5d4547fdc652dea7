package dev.routerlab.esp;

/**
 * AES-GCM's framing in ESP (RFC 4106), shared by its engines ({@link JceCoreGcm}, {@link GcmCrypto} on
 * JCE, the JDK 22+ {@code OpenSslGcm} on libcrypto): an 8-octet explicit IV after the ESP header, a 16-octet ICV,
 * 4-octet alignment (§3-§4).
 */
abstract class Rfc4106Gcm extends EspCrypto {
    static final int IV = 8;
    static final int TAG = 16;

    @Override
    final int ivLength() { return IV; }

    @Override
    final int icvLength() { return TAG; }

    @Override
    final int alignment() { return 4; }

    /**
     * Writes the explicit IV after the ESP header at {@code espOff} and returns its offset: the
     * given one (a test's), else the sequence number, a counter that never repeats within an SA (§3.1).
     */
    static int writeIv(byte[] buf, int espOff, long seq, byte[] fixedIv) {
        int ivOff = espOff + HEADER;
        if (fixedIv != null) {
            System.arraycopy(fixedIv, 0, buf, ivOff, IV);
        } else {
            for (int i = 0; i < IV; i++) {
                buf[ivOff + i] = (byte) (seq >>> (56 - 8 * i));
            }
        }
        return ivOff;
    }
}
