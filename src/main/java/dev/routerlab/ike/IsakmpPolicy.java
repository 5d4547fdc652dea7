package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import java.util.List;
import java.util.Objects;

/**
 * One {@code crypto isakmp policy N}: a protection suite offered and accepted in phase 1.
 *
 * @param priority        1..10000 for configured policies (lower is preferred); 65507.. for defaults
 * @param lifetimeSeconds the SA lifetime; a peer's proposal matches only with a lifetime at most this
 */
public record IsakmpPolicy(int priority, IkeCipherAlgorithm encryption, HashAlgorithm hash, AuthMethod authentication,
                           DhGroup group, long lifetimeSeconds) {
    /** IOS's default lifetime (one day). */
    public static final long DEFAULT_LIFETIME = 86_400;

    public IsakmpPolicy {
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(hash);
        Objects.requireNonNull(authentication);
        Objects.requireNonNull(group);
        if (lifetimeSeconds <= 0) throw new IllegalArgumentException("lifetime " + lifetimeSeconds);
    }

    /**
     * The suites IOS 15 uses when no policy is configured (`show crypto isakmp default policy`):
     * 65507-65514, AES-128 then 3DES, SHA then MD5, RSA signatures then pre-shared keys, group 5
     * with AES and group 2 with 3DES, one day. (Only the pre-shared-key ones can complete here.)
     */
    public static final List<IsakmpPolicy> IOS_DEFAULTS = defaults();

    private static List<IsakmpPolicy> defaults() {
        List<IsakmpPolicy> out = new java.util.ArrayList<>();
        int prio = 65507;
        for (IkeCipherAlgorithm enc : List.of(IkeCipherAlgorithm.AES_128, IkeCipherAlgorithm.TRIPLE_DES)) {
            for (HashAlgorithm h : List.of(HashAlgorithm.SHA1, HashAlgorithm.MD5)) {
                for (AuthMethod a : List.of(AuthMethod.RSA_SIG, AuthMethod.PRE_SHARE)) {
                    out.add(new IsakmpPolicy(prio++, enc, h, a,
                            enc == IkeCipherAlgorithm.AES_128 ? DhGroup.MODP_1536 : DhGroup.MODP_1024, DEFAULT_LIFETIME));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Same suite (algorithms and group), lifetime aside. */
    public boolean sameSuite(IkeCipherAlgorithm e, HashAlgorithm h, AuthMethod a, DhGroup g) {
        return encryption == e && hash == h && authentication == a && group == g;
    }
}
