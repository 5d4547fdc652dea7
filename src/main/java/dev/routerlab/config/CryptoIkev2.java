package dev.routerlab.config;

import dev.routerlab.packet.Ipv6Address;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The `crypto ikev2 ...` configuration: proposals, policies, keyrings and profiles, by name. */
public final class CryptoIkev2 extends Model {
    public final Map<String, Proposal> proposals = new LinkedHashMap<>();
    public final Map<String, Policy> policies = new LinkedHashMap<>();
    public final Map<String, Keyring> keyrings = new LinkedHashMap<>();
    public final Map<String, Profile> profiles = new LinkedHashMap<>();
    /** `crypto ikev2 dpd`: for the profiles without a `dpd` of their own; null: none. */
    public Dpd dpd;
    /** `crypto ikev2 cookie-challenge N`; 0: never. */
    public int cookieChallenge;
    /** `crypto ikev2 fragmentation [mtu N]` (RFC 7383); 0: off. */
    public int fragmentationMtu;
    /** `crypto logging ikev2`: the IKEv2 syslogs (`%IKEV2-5-SA_UP`, `SA_DOWN`), off by default as on IOS. */
    public boolean logging;

    public boolean any() {
        return !proposals.isEmpty() || !policies.isEmpty() || !keyrings.isEmpty() || !profiles.isEmpty() || dpd != null
            || cookieChallenge != 0 || fragmentationMtu != 0 || logging;
    }

    /** `crypto ikev2 proposal NAME`: algorithms by their IOS names (`aes-cbc-256`, `sha256`), groups by number. */
    public static final class Proposal extends Model {
        public final String name;
        public final List<String> encryption = new ArrayList<>();
        public final List<String> integrity = new ArrayList<>();
        public final List<String> prf = new ArrayList<>();
        public final List<Integer> groups = new ArrayList<>();

        public Proposal(String name) { this.name = name; }
    }

    /** `crypto ikev2 policy NAME`: `proposal P` lines and `match address local A` lines. */
    public static final class Policy extends Model {
        public final String name;
        public final List<String> proposals = new ArrayList<>();
        public final List<Integer> matchLocal = new ArrayList<>();
        /** `match fvrf NAME|any` ({@link #ANY_VRF} for any); null: the global table only, as IOS. */
        public String matchFvrf;

        public Policy(String name) { this.name = name; }
    }

    /** `crypto ikev2 keyring NAME` and its `peer NAME` blocks. */
    public static final class Keyring extends Model {
        public final String name;
        public final Map<String, Peer> peers = new LinkedHashMap<>();

        public Keyring(String name) { this.name = name; }
    }

    /** A keyring peer: `address A [M]`, `identity address A|fqdn NAME`, `pre-shared-key [local|remote] KEY`. */
    public static final class Peer extends Model {
        public final String name;
        public Integer address;
        public int mask = -1;
        /** `address X:X:X:X::X/N` (in place of an IPv4 address and mask). */
        public Ipv6Address address6;
        public int prefix6;
        /** `identity ...`: an address (as text) or an FQDN; null when absent. */
        public Identity identity;
        public Secret key, localKey, remoteKey;

        public Peer(String name) { this.name = name; }
    }

    /** An IKEv2 identity: `address A` (IPv4, or IPv6 in {@code address6}) or `fqdn NAME`. */
    public record Identity(boolean fqdn, int address, String name, Ipv6Address address6) {
        public Identity(boolean fqdn, int address, String name) { this(fqdn, address, name, null); }

        public static Identity address(int a) { return new Identity(false, a, null); }

        public static Identity address(Ipv6Address a) { return new Identity(false, 0, null, a); }

        public static Identity fqdn(String n) { return new Identity(true, 0, n); }
    }

    /** `match identity remote address A [M]`, `... address X:X::X[/N]` (mask: the prefix length) or `... fqdn NAME`. */
    public record Match(Identity identity, int mask) {}

    public enum Auth { PRE_SHARE, RSA_SIG }

    public enum DpdMode { ON_DEMAND, PERIODIC }

    /** `dpd INTERVAL RETRY on-demand|periodic`. */
    public record Dpd(int interval, int retry, DpdMode mode) {}

    /** {@code match fvrf any}. */
    public static final String ANY_VRF = "any";

    /** `crypto ikev2 profile NAME`. */
    public static final class Profile extends Model {
        public static final int DEFAULT_LIFETIME = 86400;
        public final String name;
        public final List<Match> matches = new ArrayList<>();
        /** `identity local address A|fqdn NAME`, null: the local address. */
        public Identity localIdentity;
        public Auth authLocal, authRemote;
        /** `pki trustpoint NAME` lines (rsa-sig) and `match certificate MAP` lines. */
        public final List<String> trustpoints = new ArrayList<>();
        public final List<String> certificateMaps = new ArrayList<>();
        public String keyring;
        /** `match fvrf NAME|any`: the front-door VRF it answers in ({@link #ANY_VRF} for any); null: the global table. */
        public String matchFvrf;
        public Dpd dpd;
        public int lifetime = DEFAULT_LIFETIME;

        public Profile(String name) { this.name = name; }
    }
}
