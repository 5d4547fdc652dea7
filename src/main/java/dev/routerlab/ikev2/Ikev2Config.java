package dev.routerlab.ikev2;

import dev.routerlab.ike.DpdSettings;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ikev2.Ikev2Algorithms.Encryption;
import dev.routerlab.ikev2.Ikev2Algorithms.Integrity;
import dev.routerlab.ikev2.Ikev2Algorithms.Prf;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.ikev2.IdPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the IKEv2 engine is configured with: a plain value built from the router's
 * {@code crypto ikev2 ...} configuration (proposals, policies, keyrings, profiles) and the IPsec
 * policies (crypto map entries, tunnel protection) whose Child SAs it negotiates.
 */
public record Ikev2Config(Map<String, Proposal> proposals, List<Policy> policies, Map<String, Keyring> keyrings,
                          Map<String, Profile> profiles, List<IpsecPolicy> ipsecPolicies, int cookieChallenge,
                          int fragmentationMtu, boolean logging) {
    /** {@code crypto ikev2 fragmentation} without {@code mtu} (IOS's default). */
    public static final int DEFAULT_FRAGMENTATION_MTU = 576;

    /** Without {@code crypto ikev2 cookie-challenge} and {@code crypto ikev2 fragmentation}. */
    public Ikev2Config(Map<String, Proposal> proposals, List<Policy> policies, Map<String, Keyring> keyrings,
                       Map<String, Profile> profiles, List<IpsecPolicy> ipsecPolicies) {
        this(proposals, policies, keyrings, profiles, ipsecPolicies, 0, 0);
    }

    /** Without {@code crypto logging ikev2}: the engine logs no {@code %IKEV2-5-SA_UP}/{@code SA_DOWN}. */
    public Ikev2Config(Map<String, Proposal> proposals, List<Policy> policies, Map<String, Keyring> keyrings,
                       Map<String, Profile> profiles, List<IpsecPolicy> ipsecPolicies, int cookieChallenge, int fragmentationMtu) {
        this(proposals, policies, keyrings, profiles, ipsecPolicies, cookieChallenge, fragmentationMtu, false);
    }

    public Ikev2Config {
        proposals = Map.copyOf(proposals);
        policies = List.copyOf(policies);
        keyrings = Map.copyOf(keyrings);
        profiles = Map.copyOf(profiles);
        ipsecPolicies = List.copyOf(ipsecPolicies);
    }

    /** {@code crypto ikev2 proposal}: several algorithms per type, all combinations acceptable. */
    public record Proposal(String name, List<Encryption> encryption, List<Integrity> integrity, List<Prf> prf,
                           List<DhGroup> groups) {
        public Proposal {
            encryption = List.copyOf(encryption);
            integrity = List.copyOf(integrity);
            prf = List.copyOf(prf);
            groups = List.copyOf(groups);
        }

        /** The PRFs in force: the configured ones, else those of the integrity algorithms (IOS). */
        public List<Prf> effectivePrf() {
            if (!prf.isEmpty()) return prf;
            List<Prf> l = new ArrayList<>();
            for (Integrity i : integrity) if (!l.contains(Prf.matching(i))) l.add(Prf.matching(i));
            return l;
        }

        /** Complete enough to offer: an encryption, a group, and integrity or an AEAD cipher with a PRF. */
        public boolean complete() {
            if (encryption.isEmpty() || groups.isEmpty() || effectivePrf().isEmpty()) return false;
            boolean aead = encryption.get(0).aead;
            return aead ? integrity.isEmpty() : !integrity.isEmpty();
        }
    }

    /** Cisco's smart default proposals (IOS XE 16.x: {@code show crypto ikev2 proposal default}). */
    public static final List<Proposal> DEFAULT_PROPOSALS = List.of(
            new Proposal("default", List.of(Encryption.AES_CBC_256), List.of(Integrity.SHA512_256, Integrity.SHA384_192),
                    List.of(Prf.SHA512, Prf.SHA384), List.of(DhGroup.ECP_256, DhGroup.MODP_2048, DhGroup.ECP_521,
                    DhGroup.MODP_1536)),
            new Proposal("default", List.of(Encryption.AES_GCM_256), List.of(), List.of(Prf.SHA512, Prf.SHA384),
                    List.of(DhGroup.ECP_256, DhGroup.MODP_2048, DhGroup.ECP_521, DhGroup.MODP_1536)));

    /** {@code crypto ikev2 policy}: proposals offered from local addresses (none listed: any). */
    public record Policy(String name, List<Integer> matchLocal, List<String> proposals) {
        public Policy {
            matchLocal = List.copyOf(matchLocal);
            proposals = List.copyOf(proposals);
        }
    }

    /** A keyring {@code peer}: by address/mask (or IPv6 prefix) and/or identity, with its keys (local and remote may differ). */
    public record Peer(String name, int address, int mask, boolean hasAddress, IdPayload identity, String localKey,
                       String remoteKey, Ipv6Address address6, int prefix6) {
        public Peer(String name, int address, int mask, boolean hasAddress, IdPayload identity, String localKey,
                    String remoteKey) {
            this(name, address, mask, hasAddress, identity, localKey, remoteKey, null, 0);
        }
    }

    public record Keyring(String name, List<Peer> peers) {
        public Keyring {
            peers = List.copyOf(peers);
        }
    }

    /** {@code match identity remote address A [M]}, {@code ... address X:X::X/N} or {@code ... fqdn NAME}. */
    public record Match(int address, int mask, String fqdn, Ipv6Address address6, int prefix6) {
        public Match(int address, int mask, String fqdn) { this(address, mask, fqdn, null, 0); }

        boolean matches(IdPayload id) {
            if (fqdn != null) {
                return id.idType() == IdPayload.ID_FQDN && id.toString().toLowerCase(Locale.ROOT).equals(fqdn.toLowerCase(Locale.ROOT));
            }
            if (address6 != null) return id.idType() == IdPayload.ID_IPV6_ADDR && id.ipv6().inPrefix(address6, prefix6);
            return id.idType() == IdPayload.ID_IPV4_ADDR && (id.ipv4() & mask) == (address & mask);
        }
    }

    /** {@code crypto ikev2 profile}. {@code localIdentity} null: the local address (IOS default). */
    public record Profile(String name, List<Match> matches, IdPayload localIdentity, String keyring, DpdSettings dpd,
                          long lifetimeSeconds, Ikev2Certs.Settings certs) {
        public static final long DEFAULT_LIFETIME = 86400;

        /** A profile authenticated by pre-shared keys both ways. */
        public Profile(String name, List<Match> matches, IdPayload localIdentity, String keyring, DpdSettings dpd,
                       long lifetimeSeconds) {
            this(name, matches, localIdentity, keyring, dpd, lifetimeSeconds, null);
        }

        boolean signsLocally() { return certs != null && certs.local(); }

        boolean verifiesRemote() { return certs != null && certs.remote(); }

        public Profile {
            matches = List.copyOf(matches);
        }

        boolean matches(IdPayload remote) {
            for (Match m : matches) if (m.matches(remote)) return true;
            return false;
        }
    }

    /** The proposals offered or accepted on a local address: its policy's, else the first catch-all policy's, else the defaults. */
    public List<Proposal> proposalsFor(IpAddress local) {
        Policy use = null;
        if (!local.isV6()) for (Policy p : policies) if (p.matchLocal.contains(local.v4())) { use = p; break; }
        if (use == null) for (Policy p : policies) if (p.matchLocal.isEmpty()) { use = p; break; }
        if (use == null) return DEFAULT_PROPOSALS;
        List<Proposal> l = new ArrayList<>();
        for (String n : use.proposals) {
            Proposal p = proposals.get(n);
            if (p != null && p.complete()) l.add(p);
        }
        return l;
    }

    /** The profile whose {@code match identity remote} names this identity, or null. */
    public Profile profileFor(IdPayload remote) {
        for (Profile p : profiles.values()) if (p.matches(remote)) return p;
        return null;
    }

    /** The profile whose {@code match certificate} maps take this certificate, or null. */
    public Profile profileFor(org.bouncycastle.cert.X509CertificateHolder cert) {
        if (cert == null) return null;
        for (Profile p : profiles.values()) if (p.certs() != null && Ikev2Certs.matches(p.certs().maps(), cert)) return p;
        return null;
    }

    /** The keyring peer of a profile for this address or identity: the most specific address match, else by identity. */
    public Peer peerFor(Profile profile, IpAddress address, IdPayload identity) {
        Keyring k = profile == null || profile.keyring == null ? null : keyrings.get(profile.keyring);
        if (k == null) return null;
        Peer best = null;
        for (Peer p : k.peers) {
            if (address.isV6()) {
                if (p.address6 != null && address.v6().inPrefix(p.address6, p.prefix6)
                        && (best == null || p.prefix6 > best.prefix6)) {
                    best = p;
                }
            } else if (p.hasAddress && (address.v4() & p.mask) == (p.address & p.mask)
                    && (best == null || Integer.compareUnsigned(p.mask, best.mask) > 0)) {
                best = p;
            }
        }
        if (best != null || identity == null) return best;
        for (Peer p : k.peers) if (identity.equals(p.identity)) return p;
        return null;
    }
}
