package dev.routerlab.nhrp;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.sim.Scheduler;

import java.util.Arrays;

/**
 * One NHRP cache entry as `show ip nhrp` prints it: prefix/len via a next-hop protocol address,
 * the NBMA address, the type (static, dynamic, incomplete) and the IOS flags. Changed only by its
 * {@link NhrpInstance}; the getters are for renderers and the data plane.
 */
public final class NhrpCacheEntry {
    /** `Type:` in `show ip nhrp`. */
    public enum Type {
        STATIC("static"), DYNAMIC("dynamic"), INCOMPLETE("incomplete");

        final String ios;

        Type(String ios) { this.ios = ios; }

        public String ios() { return ios; }
    }

    /** Never expires (static entries). */
    public static final long NEVER = Long.MAX_VALUE;
    private static final int[] EMPTY = new int[0];

    public final int prefix;
    public final int prefixLength;
    public Type type;
    public int via;
    public int nbma;
    /** The NBMA address the peer put in its packets: differs from nbma behind NAT. */
    public int claimedNbma;
    /** Behind PAT, the NAT-T port its registration came from (one host of several at nbma, RFC 3947 §5); else {@link UdpEncapsulation#ANY_PORT}. */
    public int natPort = UdpEncapsulation.ANY_PORT;
    public long createdNanos;
    public long expiresNanos = NEVER;
    /** When the entry last came up (for `show dmvpn` UpDn Tm); -1 never. */
    public long upSinceNanos = -1;
    /** Last data-plane use; -1 never. */
    public long lastUsedNanos = -1;
    /** Last refresh (resolution reply, registration): `used` means used since then. */
    public long refreshedNanos;
    public int preference = 255;
    public int cacheHits;

    // IOS flags, in the order `show ip nhrp` prints them
    public boolean authoritative, router, unique, nat, registered, implicit, local, nhop, rib, nho, negative, noSocket;

    /** The address to resolve again to refresh this entry (what was resolved); 0 when it is not refreshed. */
    public int refreshTarget;
    /** A shortcut was given to the routing table (rib or nho), to withdraw it exactly. */
    public boolean shortcutInstalled;

    /** Requesters this router answered for a local entry (5.2.2; purged when the prefix goes away). */
    public int[] requesters = EMPTY;
    public int[] requestIds = EMPTY;
    public int requesterCount;

    Scheduler.Timer timer;

    NhrpCacheEntry(int prefix, int prefixLength, Type type, long now) {
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.type = type;
        this.createdNanos = now;
        this.refreshedNanos = now;
    }

    public int prefix() { return prefix; }

    public int prefixLength() { return prefixLength; }

    public Type type() { return type; }

    /** Next-hop protocol address (`via`). */
    public int via() { return via; }

    /** NBMA address packets for this entry go to; 0 for incomplete entries. */
    public int nbma() { return nbma; }

    public int claimedNbma() { return claimedNbma; }

    public long createdNanos() { return createdNanos; }

    /** Expiry time, {@link #NEVER} for static entries. */
    public long expiresNanos() { return expiresNanos; }

    public long upSinceNanos() { return upSinceNanos; }

    public long lastUsedNanos() { return lastUsedNanos; }

    public int preference() { return preference; }

    public int cacheHits() { return cacheHits; }

    public boolean isStatic() { return type == Type.STATIC; }

    public boolean isIncomplete() { return type == Type.INCOMPLETE; }

    /** Used by the data plane since the last refresh (IOS `used`). */
    public boolean used() { return lastUsedNanos >= 0 && lastUsedNanos >= refreshedNanos; }

    public boolean authoritative() { return authoritative; }

    public boolean router() { return router; }

    public boolean unique() { return unique; }

    public boolean nat() { return nat; }

    public boolean registered() { return registered; }

    public boolean implicit() { return implicit; }

    public boolean local() { return local; }

    public boolean nhop() { return nhop; }

    /** A route was installed for this entry (IOS `H`, `show dmvpn` T1). */
    public boolean rib() { return rib; }

    /** The next hop of an existing route is overridden (IOS `%`, `show dmvpn` T2). */
    public boolean nho() { return nho; }

    public boolean negative() { return negative; }

    public boolean noSocket() { return noSocket; }

    public int requesterCount() { return requesterCount; }

    public int requester(int i) { return requesters[i]; }

    public int requestId(int i) { return requestIds[i]; }

    /** The IOS `Flags:` words, space-separated, in IOS order. */
    public String flagWords() {
        StringBuilder sb = new StringBuilder();
        word(sb, authoritative, "authoritative");
        word(sb, router, "router");
        word(sb, unique, "unique");
        word(sb, nat, "nat");
        word(sb, registered, "registered");
        word(sb, used(), "used");
        word(sb, implicit, "implicit");
        word(sb, local, "local");
        word(sb, nhop, "nhop");
        word(sb, rib, "rib");
        word(sb, nho, "nho");
        word(sb, negative, "negative");
        return sb.toString();
    }

    private static void word(StringBuilder sb, boolean on, String w) {
        if (!on) return;
        if (sb.length() > 0) sb.append(' ');
        sb.append(w);
    }

    void addRequester(int address, int requestId) {
        for (int i = 0; i < requesterCount; i++) {
            if (requesters[i] == address) {
                requestIds[i] = requestId;
                return;
            }
        }
        if (requesterCount == requesters.length) {
            int n = Math.max(2, requesterCount * 2);
            requesters = Arrays.copyOf(requesters, n);
            requestIds = Arrays.copyOf(requestIds, n);
        }
        requesters[requesterCount] = address;
        requestIds[requesterCount++] = requestId;
    }

    @Override
    public String toString() {
        return Ipv4Address.toString(prefix) + "/" + prefixLength + " via " + Ipv4Address.toString(via) + " nbma "
                + Ipv4Address.toString(nbma) + " " + type.ios + " [" + flagWords() + "]";
    }
}
