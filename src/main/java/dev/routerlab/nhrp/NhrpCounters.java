package dev.routerlab.nhrp;

import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.nhrp.Nhrp;

/** Per-interface NHRP counters (`show ip nhrp traffic`), plus why received packets were dropped. */
public final class NhrpCounters {
    public final long[] sent = new long[Nhrp.MAX_TYPE + 1];
    public final long[] received = new long[Nhrp.MAX_TYPE + 1];
    public long redirectSuppressed;
    public long sendRateLimited;

    public long malformed;
    public long badChecksum;
    public long unsupported;
    public long authenticationFailed;
    /** Received on an interface without `ip nhrp network-id` (NHRP not enabled there). */
    public long notEnabled;
    public long unrecognizedExtension;
    public long hopCountExceeded;
    public long loopDetected;
    /** Replies matching no outstanding request. */
    public long unsolicited;

    public long sent(int type) { return sent[type]; }

    public long received(int type) { return received[type]; }

    public long sentTotal() { return total(sent); }

    public long receivedTotal() { return total(received); }

    public long redirectSuppressed() { return redirectSuppressed; }

    public long sendRateLimited() { return sendRateLimited; }

    /** Truncated or inconsistent packets, bad checksums and unsupported address families together. */
    public long malformed() { return malformed + badChecksum + unsupported; }

    public long badChecksum() { return badChecksum; }

    public long authenticationFailed() { return authenticationFailed; }

    public long notEnabled() { return notEnabled; }

    public long unrecognizedExtension() { return unrecognizedExtension; }

    public long hopCountExceeded() { return hopCountExceeded; }

    public long loopDetected() { return loopDetected; }

    public long unsolicited() { return unsolicited; }

    /** Every received packet dropped before or during processing. */
    public long dropped() {
        return malformed() + authenticationFailed + notEnabled + unrecognizedExtension + hopCountExceeded + loopDetected
                + unsolicited;
    }

    void dropped(PacketError e) {
        switch (e) {
            case BAD_CHECKSUM -> badChecksum++;
            case UNSUPPORTED -> unsupported++;
            default -> malformed++;
        }
    }

    /** `clear ip nhrp counters`. */
    public void clear() {
        java.util.Arrays.fill(sent, 0);
        java.util.Arrays.fill(received, 0);
        redirectSuppressed = sendRateLimited = malformed = badChecksum = unsupported = authenticationFailed = 0;
        notEnabled = unrecognizedExtension = hopCountExceeded = loopDetected = unsolicited = 0;
    }

    private static long total(long[] a) {
        long t = 0;
        for (long v : a) t += v;
        return t;
    }
}
