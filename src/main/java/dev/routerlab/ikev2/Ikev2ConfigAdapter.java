package dev.routerlab.ikev2;

import dev.routerlab.config.CryptoIkev2;
import dev.routerlab.config.PkiConfig;
import dev.routerlab.config.Secret;
import dev.routerlab.ike.DpdSettings;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.ikev2.IdPayload;
import dev.routerlab.pki.Pki;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the engine's {@link Ikev2Config} from the router's {@code crypto ikev2} model. What the
 * engine cannot use is left out, as IOS leaves it inactive: an algorithm or group it does not
 * know, a key of type 6 (it needs the master key), a profile without both {@code authentication}
 * lines.
 */
public final class Ikev2ConfigAdapter {
    private Ikev2ConfigAdapter() {}

    public static Ikev2Config toConfig(CryptoIkev2 c, List<IpsecPolicy> ipsecPolicies) {
        return toConfig(c, ipsecPolicies, null, null);
    }

    /**
     * The engine of one front-door VRF (null: the global table): the profiles whose {@code match fvrf}
     * names it (or {@code any}); with the router's PKI, profiles that authenticate with rsa-sig sign
     * and check through it.
     */
    public static Ikev2Config toConfig(CryptoIkev2 c, List<IpsecPolicy> ipsecPolicies, String fvrf, Pki pki) {
        Map<String, Ikev2Config.Proposal> proposals = new LinkedHashMap<>();
        for (CryptoIkev2.Proposal p : c.proposals.values()) {
            proposals.put(p.name, new Ikev2Config.Proposal(p.name,
                    known(p.encryption, Ikev2Algorithms.Encryption::byIosName),
                    known(p.integrity, Ikev2Algorithms.Integrity::byIosName),
                    known(p.prf, Ikev2Algorithms.Prf::byIosName),
                    known(p.groups, DhGroup::byId)));
        }
        List<Ikev2Config.Policy> policies = new ArrayList<>();
        for (CryptoIkev2.Policy p : c.policies.values()) {
            // a policy is for the front-door VRF its `match fvrf` names (none: the global table; `any`: all)
            if (!CryptoIkev2.ANY_VRF.equals(p.matchFvrf) && !java.util.Objects.equals(p.matchFvrf, fvrf)) continue;
            policies.add(new Ikev2Config.Policy(p.name, p.matchLocal, p.proposals));
        }
        // once a policy is configured the default one is gone (IOS), in a VRF no policy matches too: nothing to offer
        if (policies.isEmpty() && !c.policies.isEmpty()) policies.add(new Ikev2Config.Policy("(no policy for this fvrf)", List.of(), List.of()));
        Map<String, Ikev2Config.Keyring> keyrings = new LinkedHashMap<>();
        for (CryptoIkev2.Keyring k : c.keyrings.values()) {
            List<Ikev2Config.Peer> peers = new ArrayList<>();
            for (CryptoIkev2.Peer p : k.peers.values()) {
                String local = clear(p.localKey != null ? p.localKey : p.key);
                String remote = clear(p.remoteKey != null ? p.remoteKey : p.key);
                peers.add(new Ikev2Config.Peer(p.name, p.address == null ? 0 : p.address, p.mask, p.address != null,
                        id(p.identity), local, remote, p.address6, p.prefix6));
            }
            keyrings.put(k.name, new Ikev2Config.Keyring(k.name, peers));
        }
        Map<String, Ikev2Config.Profile> profiles = new LinkedHashMap<>();
        for (CryptoIkev2.Profile p : c.profiles.values()) {
            if (p.authLocal == null || p.authRemote == null) continue;
            if (!CryptoIkev2.ANY_VRF.equals(p.matchFvrf) && !java.util.Objects.equals(p.matchFvrf, fvrf)) continue;
            List<Ikev2Config.Match> matches = new ArrayList<>();
            for (CryptoIkev2.Match m : p.matches) {
                matches.add(m.identity().fqdn() ? new Ikev2Config.Match(0, 0, m.identity().name())
                        : m.identity().address6() != null ? new Ikev2Config.Match(0, 0, null, m.identity().address6(), m.mask())
                        : new Ikev2Config.Match(m.identity().address(), m.mask(), null));
            }
            CryptoIkev2.Dpd d = p.dpd != null ? p.dpd : c.dpd;     // the profile's, else `crypto ikev2 dpd`
            DpdSettings dpd = d == null ? null : new DpdSettings(d.interval(), d.retry(), d.mode() == CryptoIkev2.DpdMode.PERIODIC);
            Ikev2Certs.Settings certs = null;
            boolean local = p.authLocal == CryptoIkev2.Auth.RSA_SIG, remote = p.authRemote == CryptoIkev2.Auth.RSA_SIG;
            if (pki != null && (local || remote)) {
                List<List<PkiConfig.MapRule>> maps = new ArrayList<>();
                for (String m : p.certificateMaps) {
                    var seqs = pki.config().certificateMaps.get(m);
                    if (seqs != null) for (PkiConfig.CertificateMap cm : seqs.values()) maps.add(cm.rules);
                }
                certs = new Ikev2Certs.Settings(pki, p.trustpoints, local, remote, maps);
            }
            profiles.put(p.name, new Ikev2Config.Profile(p.name, matches, id(p.localIdentity), p.keyring, dpd, p.lifetime, certs));
        }
        return new Ikev2Config(proposals, policies, keyrings, profiles, ipsecPolicies, c.cookieChallenge, c.fragmentationMtu, c.logging);
    }

    private static <T, W> List<T> known(List<W> words, Function<W, Optional<T>> lookup) {
        List<T> out = new ArrayList<>();
        for (W w : words) lookup.apply(w).ifPresent(out::add);
        return out;
    }

    private static IdPayload id(CryptoIkev2.Identity i) {
        if (i == null) return null;
        if (i.fqdn()) return IdPayload.fqdn(i.name());
        return i.address6() != null ? IdPayload.address(IpAddress.of(i.address6())) : IdPayload.address(i.address());
    }

    private static String clear(Secret s) { return s != null && s.type() == 0 ? s.value() : null; }
}
