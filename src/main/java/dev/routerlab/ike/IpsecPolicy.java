package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv6Address;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code crypto map M N ipsec-isakmp} entry (or an ipsec profile on a tunnel) asks of
 * phase 2: its peers, the proxy pairs from the crypto ACL (one SA pair each), the transform
 * sets in preference order, PFS and lifetimes.
 *
 * @param peers         {@code set peer} addresses; empty accepts any peer (dynamic map) and never initiates
 * @param selectors     from our point of view: local = ACL source, remote = ACL destination
 * @param pfs           {@code set pfs groupN}, or null
 * @param lifetimeSeconds   {@code set security-association lifetime seconds} (IOS default 3600)
 * @param lifetimeKilobytes {@code ... kilobytes} (IOS default 4608000)
 * @param ikev2Profile  {@code set ikev2-profile}: negotiated with IKEv2 under that profile; null: IKEv1
 * @param peers6        IPv6 peers (a tunnel over IPv6); a policy with any peer listed accepts only those
 */
public record IpsecPolicy(String name, List<Integer> peers, List<ProxyPair> selectors, List<TransformSetSpec> transformSets,
                          DhGroup pfs, long lifetimeSeconds, long lifetimeKilobytes, String ikev2Profile,
                          List<Ipv6Address> peers6) {
    public static final long DEFAULT_LIFETIME_SECONDS = 3600;
    public static final long DEFAULT_LIFETIME_KILOBYTES = 4_608_000;

    public IpsecPolicy {
        Objects.requireNonNull(name);
        peers = List.copyOf(peers);
        peers6 = List.copyOf(peers6);
        selectors = List.copyOf(selectors);
        transformSets = List.copyOf(transformSets);
        if (transformSets.isEmpty()) throw new IllegalArgumentException("no transform set");
        if (lifetimeSeconds <= 0 || lifetimeKilobytes <= 0) throw new IllegalArgumentException("lifetime");
    }

    public IpsecPolicy(String name, List<Integer> peers, List<ProxyPair> selectors, List<TransformSetSpec> transformSets,
                       DhGroup pfs, long lifetimeSeconds, long lifetimeKilobytes, String ikev2Profile) {
        this(name, peers, selectors, transformSets, pfs, lifetimeSeconds, lifetimeKilobytes, ikev2Profile, List.of());
    }

    /** An IKEv1 policy. */
    public IpsecPolicy(String name, List<Integer> peers, List<ProxyPair> selectors, List<TransformSetSpec> transformSets,
                       DhGroup pfs, long lifetimeSeconds, long lifetimeKilobytes) {
        this(name, peers, selectors, transformSets, pfs, lifetimeSeconds, lifetimeKilobytes, null);
    }

    /** A static-peer policy with IOS default lifetimes and no PFS. */
    public static IpsecPolicy of(String name, int peer, ProxyPair selector, TransformSetSpec... sets) {
        return new IpsecPolicy(name, List.of(peer), List.of(selector), List.of(sets), null,
                DEFAULT_LIFETIME_SECONDS, DEFAULT_LIFETIME_KILOBYTES);
    }

    public IpsecPolicy withPfs(DhGroup g) {
        return new IpsecPolicy(name, peers, selectors, transformSets, g, lifetimeSeconds, lifetimeKilobytes, ikev2Profile, peers6);
    }

    public IpsecPolicy withLifetime(long seconds, long kilobytes) {
        return new IpsecPolicy(name, peers, selectors, transformSets, pfs, seconds, kilobytes, ikev2Profile, peers6);
    }

    public IpsecPolicy withIkev2Profile(String profile) {
        return new IpsecPolicy(name, peers, selectors, transformSets, pfs, lifetimeSeconds, lifetimeKilobytes, profile, peers6);
    }

    public boolean acceptsPeer(int peer) { return peers.isEmpty() && peers6.isEmpty() || peers.contains(peer); }

    public boolean acceptsPeer(IpAddress peer) {
        return peer.isV6() ? peers.isEmpty() && peers6.isEmpty() || peers6.contains(peer.v6()) : acceptsPeer(peer.v4());
    }

    /** As {@link #of}'s peer list, towards one peer of either family. */
    public IpsecPolicy towards(IpAddress peer) {
        return peer.isV6() ? new IpsecPolicy(name, List.of(), selectors, transformSets, pfs, lifetimeSeconds, lifetimeKilobytes,
                ikev2Profile, List.of(peer.v6())) : this;
    }
}
