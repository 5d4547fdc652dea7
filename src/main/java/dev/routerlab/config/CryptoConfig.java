package dev.routerlab.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The `crypto ...` configuration: ISAKMP policies and keys, IPsec transform sets, profiles, maps. */
public final class CryptoConfig extends Model {
    public final TreeMap<Integer, IsakmpPolicy> isakmpPolicies = new TreeMap<>();
    public final List<IsakmpKey> isakmpKeys = new ArrayList<>();
    /** `crypto isakmp keepalive S R [periodic|on-demand]`, null when off. */
    public Keepalive isakmpKeepalive;
    /** `crypto isakmp nat keepalive S`, null when off. */
    public Integer natKeepalive;
    /** `crypto isakmp identity`: the phase-1 identity sent (IOS default: the address). */
    public IsakmpIdentity isakmpIdentity = IsakmpIdentity.ADDRESS;
    public final Map<String, TransformSet> transformSets = new LinkedHashMap<>();
    public final Map<String, IpsecProfile> profiles = new LinkedHashMap<>();
    public final TreeMap<String, TreeMap<Integer, CryptoMapEntry>> maps = new TreeMap<>();
    public final Map<String, Keyring> keyrings = new LinkedHashMap<>();
    /** `crypto isakmp profile NAME`. */
    public final Map<String, IsakmpProfile> isakmpProfiles = new LinkedHashMap<>();
    /** Global `crypto ipsec security-association lifetime seconds|kilobytes`, null = default. */
    public Long saLifetimeSeconds;
    public Long saLifetimeKilobytes;
    public Integer replayWindow;
    /** `crypto ipsec df-bit clear|set|copy`: the outer DF of tunnel-mode ESP (IOS default: copy). */
    public DfBit dfBit = DfBit.COPY;
    /** `crypto ipsec nat-transparency udp-encapsulation`: RFC 3947 NAT traversal (IOS default: on). */
    public boolean natTransparency = true;
    /** `crypto ikev2 ...`. */
    public final CryptoIkev2 ikev2 = new CryptoIkev2();

    public record IsakmpKey(Secret key, int address, int mask) {}

    /** RFC 4301 §8.1: the outer header's DF bit of a tunnel-mode SA, cleared, set, or copied from the inner header. */
    public enum DfBit { CLEAR, SET, COPY }

    public enum IsakmpIdentity { ADDRESS, DN, HOSTNAME }

    public enum KeepaliveMode { ON_DEMAND, PERIODIC }

    public record Keepalive(int seconds, int retry, KeepaliveMode mode) {}

    /** `crypto isakmp policy N`; the IOS defaults are des, sha, rsa-sig, group 1, 86400 s. */
    public static final class IsakmpPolicy extends Model {
        public enum Encryption { DES, TDES, AES }

        public enum Hash { MD5, SHA, SHA256, SHA384, SHA512 }

        public enum Auth { PRE_SHARE, RSA_SIG }

        public final int priority;
        public Encryption encryption = Encryption.DES;
        public int keyBits = 128;
        public Hash hash = Hash.SHA;
        public Auth authentication = Auth.RSA_SIG;
        public int group = 1;
        public int lifetime = 86400;

        public IsakmpPolicy(int priority) { this.priority = priority; }
    }

    /** `crypto ipsec transform-set NAME t1 [t2 [t3]]` with `mode tunnel|transport`. */
    public static final class TransformSet extends Model {
        public final String name;
        /** Transforms as IOS prints them, e.g. "esp-aes 256", "esp-sha-hmac". */
        public final List<String> transforms = new ArrayList<>();
        public boolean transport;

        public TransformSet(String name) { this.name = name; }
    }

    /** `set ...` lines shared by ipsec profiles and crypto map entries. */
    public static class IpsecPolicy extends Model {
        public final List<String> transformSets = new ArrayList<>();
        /** PFS group number, null when no `set pfs`. */
        public Integer pfsGroup;
        /** `set ikev2-profile NAME`: negotiated with IKEv2 under that profile; null: IKEv1. */
        public String ikev2Profile;
        /** `set isakmp-profile NAME`: IKEv1 under that ISAKMP profile; null: none. */
        public String isakmpProfile;
        public Long lifetimeSeconds;
        public Long lifetimeKilobytes;
    }

    public static final class IpsecProfile extends IpsecPolicy {
        public final String name;

        public IpsecProfile(String name) { this.name = name; }
    }

    public static final class CryptoMapEntry extends IpsecPolicy {
        public final String map;
        public final int sequence;
        public final List<Integer> peers = new ArrayList<>();
        public String matchAddress;

        public CryptoMapEntry(String map, int sequence) {
            this.map = map;
            this.sequence = sequence;
        }
    }

    public static final class Keyring extends Model {
        public final String name;
        public final List<IsakmpKey> keys = new ArrayList<>();
        /** `crypto keyring NAME vrf FVRF`: its keys are for peers in that front-door VRF; null: the global table. */
        public String vrf;

        public Keyring(String name) { this.name = name; }
    }

    /** `match identity address A [M] [FVRF]` of an ISAKMP profile. */
    public record IdentityMatch(int address, int mask, String fvrf) {}

    /**
     * `crypto isakmp profile NAME`: `vrf` (the inside VRF), `keyring` lines, `ca trust-point` lines,
     * `match identity address` and `match certificate` lines.
     */
    public static final class IsakmpProfile extends Model {
        public final String name;
        public String vrf;
        public final List<String> keyrings = new ArrayList<>();
        public final List<String> trustpoints = new ArrayList<>();
        public final List<IdentityMatch> matches = new ArrayList<>();
        /** `match certificate MAP`: names of `crypto pki certificate map`s. */
        public final List<String> certificateMaps = new ArrayList<>();

        public IsakmpProfile(String name) { this.name = name; }
    }
}
