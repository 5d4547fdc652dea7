package dev.routerlab.ike;

/** Engine counters (read by show commands and tests). Written on the event loop only. */
public final class IkeCounters {
    public long datagramsIn;
    public long datagramsOut;
    /** Fails the ISAKMP header or payload checks. */
    public long malformed;
    /** Names no SA we know and does not start one. */
    public long unknownSa;
    /** Did not decrypt to a valid payload chain (often a wrong pre-shared key). */
    public long decryptFailed;
    /** HASH_I/HASH_R/HASH(n) did not verify. */
    public long hashFailed;

    /** Compares a received HASH with the expected one in constant time, counting a mismatch. */
    boolean hashVerifies(byte[] expected, byte[] received) {
        boolean ok = java.security.MessageDigest.isEqual(expected, received);
        if (!ok) hashFailed++;
        return ok;
    }
    /** Retransmitted by the peer; answered from cache. */
    public long duplicates;
    /** Valid but unexpected in this state. */
    public long unexpected;
    public long retransmissions;
    public long natKeepalivesIn;
    public long natKeepalivesOut;
    public long espOnIkePort;
    public long phase1Established;
    public long phase1Failed;
    public long phase2Established;
    public long phase2Failed;
    public long dpdSent;
    public long dpdAcked;
    public long dpdReceived;
    public long deletesSent;
    public long deletesReceived;

    @Override
    public String toString() {
        return "IkeCounters[in " + datagramsIn + " out " + datagramsOut + " malformed " + malformed + " unknownSa "
                + unknownSa + " decryptFailed " + decryptFailed + " hashFailed " + hashFailed + " dup " + duplicates
                + " unexpected " + unexpected + " retrans " + retransmissions + " p1 " + phase1Established + "/"
                + phase1Failed + " p2 " + phase2Established + "/" + phase2Failed + " dpd " + dpdSent + "/" + dpdAcked + "]";
    }
}
