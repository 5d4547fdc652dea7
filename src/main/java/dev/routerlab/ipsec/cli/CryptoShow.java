package dev.routerlab.ipsec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.config.AccessList;
import dev.routerlab.acl.cli.AclCommands;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.CryptoConfig.CryptoMapEntry;
import dev.routerlab.config.CryptoConfig.IsakmpPolicy;
import dev.routerlab.config.CryptoConfig.TransformSet;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.grammar.IosParser.S_cryptoContext;
import dev.routerlab.ipsec.IpsecEngine;
import dev.routerlab.packet.Ipv4Address;

/**
 * The configuration views of `show crypto`: isakmp policy, ipsec transform-set and map, in the
 * IOS 15 layouts. SA tables and sessions are the IKE and IPsec engines' to show.
 */
public final class CryptoShow {
    private CryptoShow() {}

    static void show(S_cryptoContext c, CommandContext cc) {
        if (CryptoExec.show(c, cc)) return;   // SA tables: the IPsec engine's
        RunningConfig cfg = Shell.config(cc);
        if (c.sc_isakmp() != null) cc.print(isakmpPolicy(cfg.crypto));
        else if (c.sc_ipsec() != null) cc.print(transformSets(cfg.crypto));
        else {
            String maps = cryptoMap(cfg);
            String tunnels = profileInstances(cfg, Shell.router(cc).ipsec().tunnelInstances());
            cc.print(maps.isEmpty() || tunnels.isEmpty() ? maps + tunnels : maps + "\n" + tunnels);
        }
    }

    /** The suites IOS 15 falls back on when no `crypto isakmp policy` is configured. */
    static List<IsakmpPolicy> defaultPolicies() {
        List<IsakmpPolicy> out = new ArrayList<>();
        int prio = 65507;
        for (IsakmpPolicy.Encryption enc : List.of(IsakmpPolicy.Encryption.AES, IsakmpPolicy.Encryption.TDES)) {
            for (IsakmpPolicy.Hash hash : List.of(IsakmpPolicy.Hash.SHA, IsakmpPolicy.Hash.MD5)) {
                for (IsakmpPolicy.Auth auth : List.of(IsakmpPolicy.Auth.RSA_SIG, IsakmpPolicy.Auth.PRE_SHARE)) {
                    IsakmpPolicy p = new IsakmpPolicy(prio++);
                    p.encryption = enc;
                    p.hash = hash;
                    p.authentication = auth;
                    p.group = enc == IsakmpPolicy.Encryption.AES ? 5 : 2;
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** `show crypto isakmp policy`. */
    public static String isakmpPolicy(CryptoConfig k) {
        StringBuilder sb = new StringBuilder("\n");
        boolean none = k.isakmpPolicies.isEmpty();
        sb.append(none ? "Default IKE policy\n" : "Global IKE policy\n");
        for (IsakmpPolicy p : none ? defaultPolicies() : k.isakmpPolicies.values()) {
            sb.append("Protection suite of priority ").append(p.priority).append('\n');
            sb.append("        encryption algorithm:   ").append(encryption(p)).append('\n');
            sb.append("        hash algorithm:         ").append(hash(p.hash)).append('\n');
            sb.append("        authentication method:  ").append(p.authentication == IsakmpPolicy.Auth.PRE_SHARE
                ? "Pre-Shared Key" : "Rivest-Shamir-Adleman Signature").append('\n');
            sb.append("        Diffie-Hellman group:   ").append(dhGroup(p.group)).append('\n');
            sb.append("        lifetime:               ").append(p.lifetime).append(" seconds, no volume limit\n");
        }
        return sb.toString();
    }

    static String encryption(IsakmpPolicy p) {
        return switch (p.encryption) {
            case DES -> "DES - Data Encryption Standard (56 bit keys).";
            case TDES -> "Three key triple DES";
            case AES -> "AES - Advanced Encryption Standard (" + p.keyBits + " bit keys).";
        };
    }

    static String hash(IsakmpPolicy.Hash h) {
        return switch (h) {
            case MD5 -> "Message Digest 5";
            case SHA -> "Secure Hash Standard";
            case SHA256 -> "Secure Hash Standard 2 (256 bit)";
            case SHA384 -> "Secure Hash Standard 2 (384 bit)";
            case SHA512 -> "Secure Hash Standard 2 (512 bit)";
        };
    }

    static String dhGroup(int g) {
        String bits = switch (g) {
            case 1 -> "768 bit";
            case 2 -> "1024 bit";
            case 5 -> "1536 bit";
            case 14 -> "2048 bit";
            case 15 -> "3072 bit";
            case 16 -> "4096 bit";
            case 19 -> "256 bit ecp";
            case 20 -> "384 bit ecp";
            case 21 -> "521 bit ecp";
            case 24 -> "2048 bit, 256 bit subgroup";
            default -> "unknown";
        };
        return "#" + g + " (" + bits + ")";
    }

    /** `show crypto ipsec transform-set`: IOS's default set first, then the configured ones. */
    public static String transformSets(CryptoConfig k) {
        StringBuilder sb = new StringBuilder();
        sb.append("Transform set default: { ").append(showTransforms(List.of("esp-aes", "esp-sha-hmac"))).append(" }\n");
        sb.append("   will negotiate = { Transport,  },\n\n");
        for (TransformSet t : k.transformSets.values()) {
            sb.append("Transform set ").append(t.name).append(": { ").append(showTransforms(t.transforms)).append(" }\n");
            sb.append("   will negotiate = { ").append(t.transport ? "Transport" : "Tunnel").append(",  },\n\n");
        }
        return sb.toString();
    }

    /** Transforms as show commands print them: `esp-256-aes esp-sha-hmac ` (each followed by a space). */
    static String showTransforms(List<String> transforms) {
        StringBuilder sb = new StringBuilder();
        for (String t : transforms) {
            if (t.startsWith("esp-aes ")) t = "esp-" + t.substring(8) + "-aes";
            sb.append(t).append(' ');
        }
        return sb.toString();
    }

    /** `show crypto map`: every entry of every map, TAB-indented as IOS prints it. */
    public static String cryptoMap(RunningConfig cfg) {
        CryptoConfig k = cfg.crypto;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (TreeMap<Integer, CryptoMapEntry> m : k.maps.values()) {
            for (CryptoMapEntry e : m.values()) {
                if (!first) sb.append('\n');
                first = false;
                entry(cfg, e, sb);
            }
        }
        return sb.toString();
    }

    /**
     * `show crypto map` for tunnel protection: per tunnel, the profile's template (65536) and its
     * instances (65537, ...: one per peer; an mGRE tunnel has one per NBMA peer, none before any
     * traffic). Consecutive list entries with the same tag belong to one tunnel; peer 0 marks an
     * mGRE tunnel without instances yet.
     */
    public static String profileInstances(RunningConfig cfg, List<IpsecEngine.TunnelInstance> list) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); ) {
            var first = list.get(i);
            int j = i;
            while (j < list.size() && list.get(j).tag().equals(first.tag())) j++;
            var group = list.subList(i, j);
            i = j;
            InterfaceConfig ic = null;
            for (InterfaceConfig x : cfg.interfaces.values()) if (x.name.toString().equals(first.iface())) ic = x;
            if (ic == null || ic.tunnelProtectionProfile == null) continue;
            CryptoConfig.IpsecProfile p = cfg.crypto.profiles.get(ic.tunnelProtectionProfile);
            if (p == null) continue;
            if (sb.length() > 0) sb.append('\n');
            String family = first.peer().isV6() ? "IPv6" : "IPv4";         // reference show_crypto_map/03
            sb.append("Crypto Map ").append(family).append(" \"").append(first.tag()).append("\" 65536 ipsec-isakmp\n");
            sb.append("\tProfile name: ").append(p.name).append('\n');
            profileTail(cfg.crypto, p, sb);
            int seq = 65537;
            for (var t : group) {
                if (t.peer().isNone()) continue;
                sb.append('\n');
                sb.append("Crypto Map ").append(family).append(" \"").append(t.tag()).append("\" ").append(seq++).append(" ipsec-isakmp\n");
                sb.append("\tMap is a PROFILE INSTANCE.\n");
                sb.append("\tPeer = ").append(t.peer()).append('\n');
                sb.append("\tExtended IP access list \n");
                sb.append(t.vti() ? "\t    access-list  permit ip any any\n"
                    : "\t    access-list  permit gre host " + t.local() + " host " + t.peer() + "\n");
                sb.append("\tCurrent peer: ").append(t.peer()).append('\n');
                profileTail(cfg.crypto, p, sb);
            }
            sb.append("\tInterfaces using crypto map ").append(first.tag()).append(":\n");
            sb.append("\t\t").append(first.iface()).append('\n');
        }
        return sb.toString();
    }

    private static void profileTail(CryptoConfig k, CryptoConfig.IpsecProfile p, StringBuilder sb) {
        long kb = p.lifetimeKilobytes != null ? p.lifetimeKilobytes
            : k.saLifetimeKilobytes != null ? k.saLifetimeKilobytes : CryptoCommands.DEFAULT_SA_KILOBYTES;
        long sec = p.lifetimeSeconds != null ? p.lifetimeSeconds
            : k.saLifetimeSeconds != null ? k.saLifetimeSeconds : CryptoCommands.DEFAULT_SA_SECONDS;
        sb.append("\tSecurity association lifetime: ").append(kb).append(" kilobytes/").append(sec).append(" seconds\n");
        sb.append("\tResponder-Only (Y/N): N\n");
        sb.append("\tPFS (Y/N): ").append(p.pfsGroup == null ? "N" : "Y").append('\n');
        if (p.pfsGroup != null) sb.append("\tDH group:  group").append(p.pfsGroup).append('\n');
        sb.append("\tMixed-mode : Disabled\n");
        sb.append("\tTransform sets={\n");
        for (String name : p.transformSets) {
            TransformSet t = k.transformSets.get(name);
            if (t == null) continue;
            sb.append("\t\t").append(name).append(":  { ").append(showTransforms(t.transforms)).append(" } ,\n");
        }
        sb.append("\t}\n");
    }

    private static void entry(RunningConfig cfg, CryptoMapEntry e, StringBuilder sb) {
        CryptoConfig k = cfg.crypto;
        sb.append("Crypto Map IPv4 \"").append(e.map).append("\" ").append(e.sequence).append(" ipsec-isakmp\n");
        AccessList acl = e.matchAddress == null ? null : AccessLists.find(cfg, e.matchAddress);
        if (e.peers.isEmpty() || acl == null) {
            sb.append("\tWARNING: This crypto map is in an incomplete state!\n");
            sb.append("\t\t(missing peer or access-list definitions)\n");
        }
        for (int p : e.peers) sb.append("\tPeer = ").append(Ipv4Address.toString(p)).append('\n');
        if (e.matchAddress == null) {
            sb.append("\tNo matching address list set.\n");
        } else {
            sb.append(acl != null && !acl.extended ? "\tStandard" : "\tExtended").append(" IP access list ")
              .append(e.matchAddress).append('\n');
            if (acl != null) {
                for (String rule : AclCommands.ruleTexts(acl)) {
                    sb.append("\t    access-list ").append(e.matchAddress).append(' ').append(rule).append('\n');
                }
            }
        }
        long kb = e.lifetimeKilobytes != null ? e.lifetimeKilobytes
            : k.saLifetimeKilobytes != null ? k.saLifetimeKilobytes : CryptoCommands.DEFAULT_SA_KILOBYTES;
        long sec = e.lifetimeSeconds != null ? e.lifetimeSeconds
            : k.saLifetimeSeconds != null ? k.saLifetimeSeconds : CryptoCommands.DEFAULT_SA_SECONDS;
        sb.append("\tSecurity association lifetime: ").append(kb).append(" kilobytes/").append(sec).append(" seconds\n");
        sb.append("\tResponder-Only (Y/N): N\n");
        sb.append("\tPFS (Y/N): ").append(e.pfsGroup == null ? "N" : "Y").append('\n');
        if (e.pfsGroup != null) sb.append("\tDH group:  group").append(e.pfsGroup).append('\n');
        sb.append("\tMixed-mode : Disabled\n");
        sb.append("\tTransform sets={\n");
        if (e.transformSets.isEmpty()) {
            sb.append("\t\tdefault:  { ").append(showTransforms(List.of("esp-aes", "esp-sha-hmac"))).append(" } ,\n");
        }
        for (String name : e.transformSets) {
            TransformSet t = k.transformSets.get(name);
            if (t == null) continue;
            sb.append("\t\t").append(name).append(":  { ").append(showTransforms(t.transforms)).append(" } ,\n");
        }
        sb.append("\t}\n");
        sb.append("\tInterfaces using crypto map ").append(e.map).append(":\n");
        for (InterfaceConfig i : cfg.interfaces.values()) {
            if (e.map.equals(i.cryptoMap)) sb.append("\t\t").append(i.name).append('\n');
        }
    }
}
