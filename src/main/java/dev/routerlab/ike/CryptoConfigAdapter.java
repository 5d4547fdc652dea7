package dev.routerlab.ike;

import dev.routerlab.config.AccessList;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.CryptoConfig.CryptoMapEntry;
import dev.routerlab.config.CryptoConfig.IpsecPolicy;
import dev.routerlab.config.CryptoConfig.IsakmpKey;
import dev.routerlab.config.CryptoConfig.IsakmpPolicy;
import dev.routerlab.config.CryptoConfig.TransformSet;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.esp.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds the engine's {@link IkeConfig} from the router's {@link CryptoConfig} model. Entries
 * the engine cannot use (an unknown transform set, a key of type 6, a non-contiguous ACL
 * wildcard) are left out, as IOS leaves an incomplete crypto map entry inactive.
 */
public final class CryptoConfigAdapter {
    private CryptoConfigAdapter() {}

    /**
     * The whole IKE configuration; crypto map entries become {@link dev.routerlab.ike.IpsecPolicy}s
     * in map-name then sequence order, their ACLs resolved through {@code acls} (name to list).
     */
    public static IkeConfig toIkeConfig(CryptoConfig c, Function<String, AccessList> acls) {
        return toIkeConfig(c, acls, map -> true, null);
    }

    /**
     * The configuration of the engine of one front-door VRF (null: the global table): its keys
     * ({@link #keys(CryptoConfig, String)}) and the crypto maps {@code applied} says are on its
     * interfaces (IOS negotiates for no other).
     */
    public static IkeConfig toIkeConfig(CryptoConfig c, Function<String, AccessList> acls, Predicate<String> applied, String fvrf) {
        List<dev.routerlab.ike.IpsecPolicy> ipsec = new ArrayList<>();
        for (Map.Entry<String, java.util.TreeMap<Integer, CryptoMapEntry>> m : c.maps.entrySet()) {
            if (!applied.test(m.getKey())) continue;
            for (CryptoMapEntry e : m.getValue().values()) {
                dev.routerlab.ike.IpsecPolicy p = mapEntry(c, e, acls);
                if (p != null) ipsec.add(p);
            }
        }
        DpdSettings dpd = c.isakmpKeepalive == null ? null : new DpdSettings(c.isakmpKeepalive.seconds(),
                c.isakmpKeepalive.retry(), c.isakmpKeepalive.mode() == CryptoConfig.KeepaliveMode.PERIODIC);
        return new IkeConfig(policies(c), keys(c, fvrf), dpd, c.natKeepalive == null ? 0 : c.natKeepalive, ipsec, Set.of(),
                c.natTransparency, Timers.IOS);
    }

    /**
     * The PKI side of IKEv1 (`authentication rsa-sig`): every trustpoint, `crypto isakmp identity`,
     * the ISAKMP profiles' `ca trust-point`, `match certificate` and `match identity address` lines,
     * and which profile each crypto map peer is under (`set isakmp-profile`).
     *
     * @param fqdn the router's `hostname.domain` (the `identity hostname`)
     */
    public static Ikev1Certs.Settings certs(CryptoConfig c, dev.routerlab.pki.Pki pki, String fqdn) {
        if (pki == null) return null;
        List<Ikev1Certs.Profile> profiles = new ArrayList<>();
        for (CryptoConfig.IsakmpProfile p : c.isakmpProfiles.values()) {
            List<List<dev.routerlab.config.PkiConfig.MapRule>> maps = new ArrayList<>();
            for (String m : p.certificateMaps) {
                var seqs = pki.config().certificateMaps.get(m);
                if (seqs != null) for (dev.routerlab.config.PkiConfig.CertificateMap cm : seqs.values()) maps.add(cm.rules);
            }
            List<int[]> addrs = new ArrayList<>();
            for (CryptoConfig.IdentityMatch m : p.matches) addrs.add(new int[] {m.address(), m.mask()});
            if (!p.trustpoints.isEmpty() || !maps.isEmpty()) profiles.add(new Ikev1Certs.Profile(p.name, p.trustpoints, maps, addrs));
        }
        Ikev1Certs.Identity id = switch (c.isakmpIdentity) {
            case ADDRESS -> Ikev1Certs.Identity.ADDRESS;
            case DN -> Ikev1Certs.Identity.DN;
            case HOSTNAME -> Ikev1Certs.Identity.HOSTNAME;
        };
        Map<Integer, String> byPeer = new java.util.HashMap<>();
        for (java.util.TreeMap<Integer, CryptoMapEntry> m : c.maps.values()) {
            for (CryptoMapEntry e : m.values()) if (e.isakmpProfile != null) for (int peer : e.peers) byPeer.putIfAbsent(peer, e.isakmpProfile);
        }
        return new Ikev1Certs.Settings(pki, List.copyOf(pki.config().trustpoints.keySet()), id, fqdn, profiles, byPeer);
    }

    /** {@code crypto isakmp policy} entries (empty when none: the engine then uses the IOS defaults). */
    public static List<dev.routerlab.ike.IsakmpPolicy> policies(CryptoConfig c) {
        List<dev.routerlab.ike.IsakmpPolicy> out = new ArrayList<>();
        for (IsakmpPolicy p : c.isakmpPolicies.values()) {
            IkeCipherAlgorithm enc = switch (p.encryption) {
                case DES -> IkeCipherAlgorithm.DES;
                case TDES -> IkeCipherAlgorithm.TRIPLE_DES;
                case AES -> p.keyBits == 256 ? IkeCipherAlgorithm.AES_256
                        : p.keyBits == 192 ? IkeCipherAlgorithm.AES_192 : IkeCipherAlgorithm.AES_128;
            };
            HashAlgorithm hash = switch (p.hash) {
                case MD5 -> HashAlgorithm.MD5;
                case SHA -> HashAlgorithm.SHA1;
                case SHA256 -> HashAlgorithm.SHA256;
                case SHA384 -> HashAlgorithm.SHA384;
                case SHA512 -> HashAlgorithm.SHA512;
            };
            AuthMethod auth = p.authentication == IsakmpPolicy.Auth.PRE_SHARE ? AuthMethod.PRE_SHARE : AuthMethod.RSA_SIG;
            DhGroup group = DhGroup.byId(p.group).orElse(null);
            if (group != null) out.add(new dev.routerlab.ike.IsakmpPolicy(p.priority, enc, hash, auth, group, p.lifetime));
        }
        return out;
    }

    /**
     * The keys for peers in one front-door VRF (null: the global table), in clear text (type 0;
     * type 6 needs the master key and is skipped): in the global table {@code crypto isakmp key}
     * and keyrings without {@code vrf}; in a VRF the keyrings {@code crypto keyring NAME vrf FVRF};
     * in both, the keyrings of ISAKMP profiles that {@code match identity address A M FVRF} there.
     */
    public static List<PresharedKey> keys(CryptoConfig c, String fvrf) {
        List<PresharedKey> out = new ArrayList<>();
        List<IsakmpKey> all = new ArrayList<>(fvrf == null ? c.isakmpKeys : List.of());
        Set<String> named = new HashSet<>();
        for (CryptoConfig.IsakmpProfile p : c.isakmpProfiles.values()) {
            if (p.matches.stream().anyMatch(m -> Objects.equals(m.fvrf(), fvrf))) named.addAll(p.keyrings);
        }
        for (CryptoConfig.Keyring r : c.keyrings.values()) if (Objects.equals(r.vrf, fvrf) || named.contains(r.name)) all.addAll(r.keys);
        for (IsakmpKey k : all) {
            if (k.key() != null && k.key().type() == 0) out.add(PresharedKey.of(k.key().value(), k.address(), k.mask()));
        }
        return out;
    }

    /** Transform sets by name (those whose words do not form a valid ESP transform are left out). */
    public static Map<String, TransformSetSpec> transformSets(CryptoConfig c) {
        Map<String, TransformSetSpec> out = new LinkedHashMap<>();
        for (TransformSet t : c.transformSets.values()) {
            try {
                out.put(t.name, new TransformSetSpec(t.name, Transform.parse(String.join(" ", t.transforms)),
                        t.transport ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL));
            } catch (IllegalArgumentException e) {
                // e.g. an AH transform: not offered by this engine
            }
        }
        return out;
    }

    /** One crypto map entry, or null when incomplete (no peer, ACL or usable transform set). */
    public static dev.routerlab.ike.IpsecPolicy mapEntry(CryptoConfig c, CryptoMapEntry e, Function<String, AccessList> acls) {
        AccessList acl = e.matchAddress == null ? null : acls.apply(e.matchAddress);
        if (acl == null || e.peers.isEmpty()) return null;
        List<ProxyPair> sel = proxies(acl);
        return policy(c, e, e.map + " " + e.sequence, e.peers, sel);
    }

    /**
     * An ipsec profile for {@code tunnel protection}: the selectors are given by the tunnel
     * (GRE between its endpoints, or any/any for a VTI); IOS names it e.g. {@code Tunnel0-head-0}.
     */
    public static dev.routerlab.ike.IpsecPolicy profile(CryptoConfig c, String profile, String name, int peer,
                                                        ProxyPair selectors) {
        IpsecPolicy p = c.profiles.get(profile);
        return p == null ? null : policy(c, p, name, List.of(peer), List.of(selectors));
    }

    private static dev.routerlab.ike.IpsecPolicy policy(CryptoConfig c, IpsecPolicy p, String name, List<Integer> peers,
                                                        List<ProxyPair> selectors) {
        Map<String, TransformSetSpec> sets = transformSets(c);
        List<TransformSetSpec> use = new ArrayList<>();
        for (String n : p.transformSets) if (sets.containsKey(n)) use.add(sets.get(n));
        if (use.isEmpty()) return null;
        long seconds = p.lifetimeSeconds != null ? p.lifetimeSeconds
                : c.saLifetimeSeconds != null ? c.saLifetimeSeconds : dev.routerlab.ike.IpsecPolicy.DEFAULT_LIFETIME_SECONDS;
        long kb = p.lifetimeKilobytes != null ? p.lifetimeKilobytes
                : c.saLifetimeKilobytes != null ? c.saLifetimeKilobytes : dev.routerlab.ike.IpsecPolicy.DEFAULT_LIFETIME_KILOBYTES;
        DhGroup pfs = p.pfsGroup == null ? null : DhGroup.byId(p.pfsGroup).orElse(null);
        return new dev.routerlab.ike.IpsecPolicy(name, peers, selectors, use, pfs, seconds, kb, p.ikev2Profile);
    }

    /**
     * The proxy pairs of a crypto ACL: one per permit line (source = local, destination =
     * remote; protocol and {@code eq} ports carried over). Lines that IKEv1 IDs cannot express
     * (non-contiguous wildcards, port ranges) are skipped.
     */
    public static List<ProxyPair> proxies(AccessList acl) {
        List<ProxyPair> out = new ArrayList<>();
        for (AccessList.Entry e : acl.entries) {
            if (!e.permit() || e.match() == null) continue;
            AccessList.Match m = e.match();
            int proto = Math.max(0, m.protocol());
            ProxyId local = proxy(m.src(), proto, m.srcPort());
            ProxyId remote = proxy(m.dst() == null ? AccessList.Address.ANY : m.dst(), proto, m.dstPort());
            if (local != null && remote != null) out.add(new ProxyPair(local, remote));
        }
        return out;
    }

    private static ProxyId proxy(AccessList.Address a, int proto, AccessList.PortMatch pm) {
        int mask = ~a.wildcard();
        if (!dev.routerlab.packet.Ipv4Address.isValidMask(mask)) return null;
        int port = 0;
        if (pm != null) {
            if (!"eq".equals(pm.op())) return null;
            port = portNumber(pm.lo());
            if (port < 0) return null;
        }
        return new ProxyId(a.address(), mask, proto, port);
    }

    private static final Map<String, Integer> PORT_NAMES = Map.ofEntries(Map.entry("www", 80), Map.entry("telnet", 23),
            Map.entry("smtp", 25), Map.entry("ftp", 21), Map.entry("ftp-data", 20), Map.entry("domain", 53),
            Map.entry("bgp", 179), Map.entry("isakmp", 500), Map.entry("non500-isakmp", 4500), Map.entry("ntp", 123),
            Map.entry("snmp", 161), Map.entry("tftp", 69), Map.entry("syslog", 514), Map.entry("echo", 7),
            Map.entry("pop3", 110), Map.entry("rip", 520));

    private static int portNumber(String s) {
        if (s == null) return -1;
        if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) return Integer.parseInt(s);
        return PORT_NAMES.getOrDefault(s, -1);
    }
}
