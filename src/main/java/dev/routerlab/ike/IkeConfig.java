package dev.routerlab.ike;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Everything the IKE engine is configured with; a plain value built from the router's crypto
 * configuration by {@link CryptoConfigAdapter}.
 *
 * @param policies           {@code crypto isakmp policy} entries; empty means the IOS defaults
 * @param keys               {@code crypto isakmp key} entries
 * @param dpd                {@code crypto isakmp keepalive}, or null
 * @param natKeepaliveSeconds {@code crypto isakmp nat keepalive S}, 0 when off (RFC 3948 §2.3)
 * @param ipsecPolicies      crypto map entries / profiles, in map-sequence order
 * @param aggressivePeers    peers this side initiates Aggressive Mode to
 * @param natTraversal       RFC 3947 on (IOS default; {@code no crypto ipsec nat-transparency udp-encapsulation} turns it off)
 * @param certs              the router's PKI for {@code authentication rsa-sig}, or null without one
 */
public record IkeConfig(List<IsakmpPolicy> policies, List<PresharedKey> keys, DpdSettings dpd, int natKeepaliveSeconds,
                        List<IpsecPolicy> ipsecPolicies, Set<Integer> aggressivePeers, boolean natTraversal, Timers timers,
                        Ikev1Certs.Settings certs) {
    public IkeConfig {
        policies = List.copyOf(policies);
        keys = List.copyOf(keys);
        ipsecPolicies = List.copyOf(ipsecPolicies);
        aggressivePeers = Set.copyOf(aggressivePeers);
        if (timers == null) timers = Timers.IOS;
    }

    public IkeConfig(List<IsakmpPolicy> policies, List<PresharedKey> keys, DpdSettings dpd, int natKeepaliveSeconds,
                     List<IpsecPolicy> ipsecPolicies, Set<Integer> aggressivePeers, boolean natTraversal, Timers timers) {
        this(policies, keys, dpd, natKeepaliveSeconds, ipsecPolicies, aggressivePeers, natTraversal, timers, null);
    }

    public IkeConfig withCerts(Ikev1Certs.Settings c) {
        return new IkeConfig(policies, keys, dpd, natKeepaliveSeconds, ipsecPolicies, aggressivePeers, natTraversal, timers, c);
    }

    public static IkeConfig of(List<IsakmpPolicy> policies, List<PresharedKey> keys, List<IpsecPolicy> ipsecPolicies) {
        return new IkeConfig(policies, keys, null, 0, ipsecPolicies, Set.of(), true, Timers.IOS);
    }

    public IkeConfig withDpd(DpdSettings d) {
        return new IkeConfig(policies, keys, d, natKeepaliveSeconds, ipsecPolicies, aggressivePeers, natTraversal, timers, certs);
    }

    public IkeConfig withTimers(Timers t) {
        return new IkeConfig(policies, keys, dpd, natKeepaliveSeconds, ipsecPolicies, aggressivePeers, natTraversal, t, certs);
    }

    public IkeConfig withNatKeepalive(int seconds) {
        return new IkeConfig(policies, keys, dpd, seconds, ipsecPolicies, aggressivePeers, natTraversal, timers, certs);
    }

    public IkeConfig withNatTraversal(boolean on) {
        return new IkeConfig(policies, keys, dpd, natKeepaliveSeconds, ipsecPolicies, aggressivePeers, on, timers, certs);
    }

    public IkeConfig withAggressivePeers(Set<Integer> peers) {
        return new IkeConfig(policies, keys, dpd, natKeepaliveSeconds, ipsecPolicies, peers, natTraversal, timers, certs);
    }

    public IkeConfig withIpsecPolicies(List<IpsecPolicy> p) {
        return new IkeConfig(policies, keys, dpd, natKeepaliveSeconds, p, aggressivePeers, natTraversal, timers, certs);
    }

    /** The policies in force, by priority: the configured ones, or the IOS defaults when none. */
    public List<IsakmpPolicy> effectivePolicies() {
        List<IsakmpPolicy> l = new ArrayList<>(policies.isEmpty() ? IsakmpPolicy.IOS_DEFAULTS : policies);
        l.sort(Comparator.comparingInt(IsakmpPolicy::priority));
        return l;
    }

    /** The pre-shared key for a peer: the most specific matching entry, or null. */
    public PresharedKey keyFor(int peer) {
        PresharedKey best = null;
        for (PresharedKey k : keys) {
            if (k.matches(peer) && (best == null || Integer.compareUnsigned(k.mask(), best.mask()) > 0)) best = k;
        }
        return best;
    }
}
