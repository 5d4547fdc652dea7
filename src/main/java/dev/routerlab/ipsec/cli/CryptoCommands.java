package dev.routerlab.ipsec.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;
import static dev.routerlab.cli.Args.opt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.acl.cli.AclCommands;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.CryptoConfig.CryptoMapEntry;
import dev.routerlab.config.CryptoConfig.IpsecPolicy;
import dev.routerlab.config.CryptoConfig.IpsecProfile;
import dev.routerlab.config.CryptoConfig.IsakmpKey;
import dev.routerlab.config.CryptoConfig.IsakmpPolicy;
import dev.routerlab.config.CryptoConfig.Keepalive;
import dev.routerlab.config.CryptoConfig.KeepaliveMode;
import dev.routerlab.config.CryptoConfig.IdentityMatch;
import dev.routerlab.config.CryptoConfig.IsakmpProfile;
import dev.routerlab.config.CryptoConfig.Keyring;
import dev.routerlab.config.CryptoConfig.TransformSet;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.Secret;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;

/**
 * `crypto isakmp|ipsec|map|keyring` and their sub-modes (config-isakmp, cfg-crypto-trans,
 * ipsec-profile, config-crypto-map, config-keyring), and the crypto part of the running-config.
 */
public final class CryptoCommands {
    /** IOS defaults that the running-config hides. */
    static final long DEFAULT_SA_SECONDS = 3600;
    static final long DEFAULT_SA_KILOBYTES = 4608000;
    static final int DEFAULT_REPLAY_WINDOW = 64;
    static final List<Integer> DH_GROUPS = List.of(1, 2, 5, 14, 15, 16, 19, 20, 21, 24);

    private CryptoCommands() {}

    /** The crypto configuration commands, `show crypto` and the SA exec commands. */
    public static void register(CommandRegistry r) {
        CryptoExec.register(r);
        r.on(If_cryptoContext.class, (c, cc) -> {
            InterfaceConfig i = cc.target(InterfaceConfig.class);
            if (c.MAP() != null) i.cryptoMap = opt(c.WORD() == null ? null : c.WORD().getText(), cc);
            else i.cryptoIpsecDfBit = cc.negated() ? null : dfBit(c.ipsec_df_bit());
        });
        r.on(Isakmp_policyContext.class, CryptoCommands::isakmpPolicy)
         .on(Isakmp_keyContext.class, CryptoCommands::isakmpKey)
         .on(Isakmp_keepaliveContext.class, CryptoCommands::isakmpKeepalive)
         .on(Isakmp_natContext.class, (c, cc) -> {
             if (cc.negated()) crypto(cc).natKeepalive = null;
             else crypto(cc).natKeepalive = num(c.DEC());
         })
         .on(Ipsec_transform_setContext.class, CryptoCommands::transformSet)
         .on(Ipsec_profileContext.class, CryptoCommands::profile)
         .on(Ipsec_saContext.class, CryptoCommands::globalSa)
         .on(Ipsec_df_bitContext.class, (c, cc) -> crypto(cc).dfBit = cc.negated() ? CryptoConfig.DfBit.COPY : dfBit(c))
         .on(Ipsec_nat_transparencyContext.class, (c, cc) -> crypto(cc).natTransparency = !cc.negated() || cc.isDefault())
         .on(C_mapContext.class, CryptoCommands::cryptoMap)
         .on(C_keyringContext.class, CryptoCommands::keyring)
         .on(Isa_encryptionContext.class, CryptoCommands::isaEncryption)
         .on(Isa_hashContext.class, CryptoCommands::isaHash)
         .on(Isa_authenticationContext.class, (c, cc) -> {
             IsakmpPolicy p = cc.target(IsakmpPolicy.class);
             if (cc.negated()) p.authentication = IsakmpPolicy.Auth.RSA_SIG;
             else if (c.PRE_SHARE() != null) p.authentication = IsakmpPolicy.Auth.PRE_SHARE;
             else p.authentication = IsakmpPolicy.Auth.RSA_SIG;
         })
         .on(Isa_groupContext.class, (c, cc) -> {
             IsakmpPolicy p = cc.target(IsakmpPolicy.class);
             if (cc.negated()) p.group = 1;
             else if (!DH_GROUPS.contains(num(c.DEC()))) {
                 cc.invalid(c.DEC(), DH_GROUPS.stream().map(String::valueOf).toList());
             }
             else p.group = num(c.DEC());
         })
         .on(Isa_lifetimeContext.class, (c, cc) -> {
             IsakmpPolicy p = cc.target(IsakmpPolicy.class);
             if (cc.negated()) p.lifetime = 86400;
             else p.lifetime = num(c.DEC());
         })
         .on(Transform_cmdContext.class, (c, cc) -> {
             TransformSet t = cc.target(TransformSet.class);
             t.transport = !cc.negated() && c.TRANSPORT() != null;
         })
         .on(Set_transform_setContext.class, CryptoCommands::setTransformSet)
         .on(Set_pfsContext.class, (c, cc) -> {
             IpsecPolicy p = cc.target(IpsecPolicy.class);
             if (cc.negated()) p.pfsGroup = null;
             else p.pfsGroup = c.pfs_group() == null ? 1 : Integer.parseInt(c.pfs_group().getText().substring(5));
         })
         .on(Set_saContext.class, (c, cc) -> lifetime(c.sa_lifetime(), cc, cc.target(IpsecPolicy.class)))
         .on(Set_peerContext.class, CryptoCommands::setPeer)
         .on(Cm_matchContext.class, (c, cc) -> {
             CryptoMapEntry e = cc.target(CryptoMapEntry.class);
             if (cc.negated()) e.matchAddress = null;
             else e.matchAddress = c.acl_name().getText();
         })
         .on(Keyring_cmdContext.class, CryptoCommands::keyringKey)
         .on(Isakmp_profileContext.class, (c, cc) -> {
             String name = c.name.getText();
             if (cc.negated()) crypto(cc).isakmpProfiles.remove(name);
             else cc.enter(Mode.CONFIG_ISAKMP_PROFILE, crypto(cc).isakmpProfiles.computeIfAbsent(name, IsakmpProfile::new));
         })
         .on(Isp_vrfContext.class, (c, cc) -> cc.target(IsakmpProfile.class).vrf = cc.negated() ? null : c.name.getText())
         .on(Isp_keyringContext.class, (c, cc) -> {
             IsakmpProfile p = cc.target(IsakmpProfile.class);
             if (c.name == null) p.keyrings.clear();
             else {
                 p.keyrings.remove(c.name.getText());
                 if (!cc.negated()) p.keyrings.add(c.name.getText());
             }
         })
         .on(Isakmp_identityContext.class, (c, cc) -> crypto(cc).isakmpIdentity = cc.negated() || c.ADDRESS() != null
             ? CryptoConfig.IsakmpIdentity.ADDRESS : c.DN() != null ? CryptoConfig.IsakmpIdentity.DN : CryptoConfig.IsakmpIdentity.HOSTNAME)
         .on(Isp_caContext.class, (c, cc) -> {
             IsakmpProfile p = cc.target(IsakmpProfile.class);
             p.trustpoints.remove(c.name.getText());
             if (!cc.negated()) p.trustpoints.add(c.name.getText());
         })
         .on(Isp_matchContext.class, (c, cc) -> {
             IsakmpProfile p = cc.target(IsakmpProfile.class);
             if (c.map != null) {
                 p.certificateMaps.remove(c.map.getText());
                 if (!cc.negated()) p.certificateMaps.add(c.map.getText());
                 return;
             }
             IdentityMatch m = new IdentityMatch(ip(c.addr), c.mask == null ? -1 : ip(c.mask), c.fvrf == null ? null : c.fvrf.getText());
             p.matches.remove(m);
             if (!cc.negated()) p.matches.add(m);
         })
         .on(Set_isakmp_profileContext.class, (c, cc) ->
             cc.target(IpsecPolicy.class).isakmpProfile = cc.negated() ? null : c.name.getText())
         .on(S_cryptoContext.class, CryptoShow::show);
    }

    private static CryptoConfig crypto(CommandContext cc) { return Shell.config(cc).crypto; }

    // ---- global commands

    private static void isakmpPolicy(Isakmp_policyContext c, CommandContext cc) {
        int priority = num(c.DEC());
        if (cc.negated()) {
            crypto(cc).isakmpPolicies.remove(priority);
            return;
        }
        cc.enter(Mode.CONFIG_ISAKMP, crypto(cc).isakmpPolicies.computeIfAbsent(priority, IsakmpPolicy::new));
    }

    /** `[0|6] KEY` of a pre-shared key; null (after an error) for another type. */
    private static Secret psk(PskContext p, CommandContext cc) {
        int type = p.DEC() == null ? 0 : num(p.DEC());
        if (type != 0 && type != 6) {
            cc.invalid(p.DEC());
            return null;
        }
        return new Secret(type, p.WORD().getText());
    }

    /** The mask of `address A [M]`; -1 (a host) when absent. */
    private static int peerMask(List<org.antlr.v4.runtime.tree.TerminalNode> addresses) {
        return addresses.size() > 1 ? ip(addresses.get(1)) : -1;
    }

    private static void isakmpKey(Isakmp_keyContext c, CommandContext cc) {
        Secret key = psk(c.psk(), cc);
        if (key == null) return;
        int address = ip(c.IP_ADDRESS(0)), mask = peerMask(c.IP_ADDRESS());
        List<IsakmpKey> keys = crypto(cc).isakmpKeys;
        int at = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).address() == address && keys.get(i).mask() == mask) at = i;
        }
        if (cc.negated()) {
            if (at >= 0) keys.remove(at);
            return;
        }
        IsakmpKey k = new IsakmpKey(key, address, mask);
        if (at >= 0) keys.set(at, k);
        else keys.add(k);
    }

    private static void isakmpKeepalive(Isakmp_keepaliveContext c, CommandContext cc) {
        if (cc.negated()) {
            crypto(cc).isakmpKeepalive = null;
            return;
        }
        int retry = c.ka_retry() == null ? 2 : num(c.ka_retry().DEC());
        KeepaliveMode mode = c.ka_mode() != null && c.ka_mode().PERIODIC() != null
            ? KeepaliveMode.PERIODIC : KeepaliveMode.ON_DEMAND;
        crypto(cc).isakmpKeepalive = new Keepalive(num(c.DEC()), retry, mode);
    }

    private static void transformSet(Ipsec_transform_setContext c, CommandContext cc) {
        String name = c.WORD().getText();
        Map<String, TransformSet> sets = crypto(cc).transformSets;
        if (cc.negated()) {
            sets.remove(name);
            return;
        }
        List<String> transforms = transforms(c.ts_transforms());
        TransformSet t = sets.computeIfAbsent(name, TransformSet::new);
        t.transforms.clear();
        t.transforms.addAll(transforms);
        cc.enter(Mode.CRYPTO_TRANS, t);
    }

    /** The transforms as IOS keeps them: the cipher first, then the authenticator. */
    static List<String> transforms(Ts_transformsContext t) {
        String cipher = null, auth = null;
        if (t.ts_cipher() != null) cipher = cipher(t.ts_cipher());
        if (t.ts_null() != null) cipher = "esp-null";
        if (t.ts_gcm() != null) cipher = "esp-gcm" + bits(t.ts_gcm().key_size());
        Ts_after_authContext after = t.ts_after_auth();
        if (after != null) cipher = after.ts_cipher() != null ? cipher(after.ts_cipher()) : "esp-null";
        if (t.ts_auth() != null) auth = t.ts_auth().getText();
        List<String> out = new ArrayList<>();
        if (cipher != null) out.add(cipher);
        if (auth != null) out.add(auth);
        return out;
    }

    private static String cipher(Ts_cipherContext c) {
        if (c.ESP_AES() != null) return "esp-aes" + bits(c.key_size());
        return c.getText();
    }

    /** " 192" or " 256"; 128 bits is the default and is not shown. */
    private static String bits(Key_sizeContext k) {
        if (k == null || k.KEY_128() != null) return "";
        return " " + k.getText();
    }

    private static void profile(Ipsec_profileContext c, CommandContext cc) {
        String name = c.WORD().getText();
        if (cc.negated()) {
            crypto(cc).profiles.remove(name);
            return;
        }
        cc.enter(Mode.IPSEC_PROFILE, crypto(cc).profiles.computeIfAbsent(name, IpsecProfile::new));
    }

    /** `df-bit clear|set|copy` (copy when none is named: the `no` form's). */
    private static CryptoConfig.DfBit dfBit(Ipsec_df_bitContext c) {
        return c.CLEAR() != null ? CryptoConfig.DfBit.CLEAR : c.SET() != null ? CryptoConfig.DfBit.SET : CryptoConfig.DfBit.COPY;
    }

    private static void globalSa(Ipsec_saContext c, CommandContext cc) {
        CryptoConfig k = crypto(cc);
        if (c.sa_replay() != null) {
            var d = c.sa_replay().DEC();
            if (cc.negated()) k.replayWindow = null;
            else if (Integer.bitCount(num(d)) != 1) cc.invalid(d, List.of("64", "128", "256", "512", "1024"));
            else k.replayWindow = num(d) == DEFAULT_REPLAY_WINDOW ? null : num(d);
            return;
        }
        Sa_lifetimeContext l = c.sa_lifetime();
        if (l.sa_seconds() != null) {
            Long v = lifetimeValue(l.sa_seconds().DEC(), cc);
            k.saLifetimeSeconds = v == null || v == DEFAULT_SA_SECONDS ? null : v;
        } else {
            Long v = lifetimeValue(l.sa_kilobytes().DEC(), cc);
            k.saLifetimeKilobytes = v == null || v == DEFAULT_SA_KILOBYTES ? null : v;
        }
    }

    /** The value of a lifetime; null when negated. */
    private static Long lifetimeValue(org.antlr.v4.runtime.tree.TerminalNode dec, CommandContext cc) {
        return cc.negated() ? null : Long.parseLong(dec.getText());
    }

    private static void lifetime(Sa_lifetimeContext l, CommandContext cc, IpsecPolicy p) {
        if (l.sa_seconds() != null) {
            Long v = lifetimeValue(l.sa_seconds().DEC(), cc);
            p.lifetimeSeconds = v;
        } else {
            Long v = lifetimeValue(l.sa_kilobytes().DEC(), cc);
            p.lifetimeKilobytes = v;
        }
    }

    private static void cryptoMap(C_mapContext c, CommandContext cc) {
        String name = c.WORD().getText();
        TreeMap<String, TreeMap<Integer, CryptoMapEntry>> maps = crypto(cc).maps;
        if (c.DEC() == null) {
            maps.remove(name); // `no crypto map M`
            return;
        }
        int seq = num(c.DEC());
        if (cc.negated()) {
            TreeMap<Integer, CryptoMapEntry> m = maps.get(name);
            if (m != null) {
                m.remove(seq);
                if (m.isEmpty()) maps.remove(name);
            }
            return;
        }
        TreeMap<Integer, CryptoMapEntry> m = maps.computeIfAbsent(name, k -> new TreeMap<>());
        CryptoMapEntry e = m.get(seq);
        if (e == null) {
            e = new CryptoMapEntry(name, seq);
            m.put(seq, e);
            if (!Shell.router(cc).booting()) {
                cc.println("% NOTE: This new crypto map will remain disabled until a peer");
                cc.println("        and a valid access list have been configured.");
            }
        }
        cc.enter(Mode.CRYPTO_MAP, e);
    }

    private static void keyring(C_keyringContext c, CommandContext cc) {
        String name = c.name.getText();
        if (cc.negated()) {
            crypto(cc).keyrings.remove(name);
            return;
        }
        Keyring k = crypto(cc).keyrings.computeIfAbsent(name, Keyring::new);
        k.vrf = c.vrf == null ? null : c.vrf.getText();
        cc.enter(Mode.CONFIG_KEYRING, k);
    }

    // ---- sub-mode commands

    private static void isaEncryption(Isa_encryptionContext c, CommandContext cc) {
        IsakmpPolicy p = cc.target(IsakmpPolicy.class);
        if (cc.negated()) {
            p.encryption = IsakmpPolicy.Encryption.DES;
            p.keyBits = 128;
        } else if (c.DES() != null) {
            p.encryption = IsakmpPolicy.Encryption.DES;
            p.keyBits = 128;
        } else if (c.TDES() != null) {
            p.encryption = IsakmpPolicy.Encryption.TDES;
            p.keyBits = 128;
        } else {
            p.encryption = IsakmpPolicy.Encryption.AES;
            p.keyBits = c.key_size() == null ? 128 : Integer.parseInt(c.key_size().getText());
        }
    }

    private static void isaHash(Isa_hashContext c, CommandContext cc) {
        IsakmpPolicy p = cc.target(IsakmpPolicy.class);
        if (cc.negated()) p.hash = IsakmpPolicy.Hash.SHA;
        else if (c.MD5() != null) p.hash = IsakmpPolicy.Hash.MD5;
        else if (c.SHA() != null) p.hash = IsakmpPolicy.Hash.SHA;
        else if (c.SHA256() != null) p.hash = IsakmpPolicy.Hash.SHA256;
        else if (c.SHA384() != null) p.hash = IsakmpPolicy.Hash.SHA384;
        else p.hash = IsakmpPolicy.Hash.SHA512;
    }

    private static void setTransformSet(Set_transform_setContext c, CommandContext cc) {
        IpsecPolicy p = cc.target(IpsecPolicy.class);
        if (cc.negated()) {
            if (c.WORD().isEmpty()) p.transformSets.clear();
            else c.WORD().forEach(w -> p.transformSets.remove(w.getText()));
            return;
        }
        List<String> names = new ArrayList<>();
        for (var w : c.WORD()) {
            String n = w.getText();
            if (!crypto(cc).transformSets.containsKey(n)) {
                cc.println("ERROR: transform set with tag \"" + n + "\" does not exist.");
            } else if (!names.contains(n)) {
                names.add(n);
            }
        }
        if (names.isEmpty()) return;
        p.transformSets.clear();
        p.transformSets.addAll(names);
    }

    private static void setPeer(Set_peerContext c, CommandContext cc) {
        CryptoMapEntry e = cc.target(CryptoMapEntry.class);
        if (c.IP_ADDRESS() == null) {
            e.peers.clear(); // `no set peer`
            return;
        }
        Integer a = ip(c.IP_ADDRESS());
        if (cc.negated()) e.peers.remove(a);
        else if (!e.peers.contains(a)) e.peers.add(a);
    }

    private static void keyringKey(Keyring_cmdContext c, CommandContext cc) {
        Keyring k = cc.target(Keyring.class);
        Secret key = psk(c.psk(), cc);
        if (key == null) return;
        int address = ip(c.IP_ADDRESS(0)), mask = peerMask(c.IP_ADDRESS());
        k.keys.removeIf(x -> x.address() == address && x.mask() == mask);
        if (!cc.negated()) k.keys.add(new IsakmpKey(key, address, mask));
    }

    // ---- running-config

    /** Appends the crypto sections in IOS order, each followed by `!`. */
    /** The crypto section of the running configuration, at its IOS place. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.CRYPTO, CryptoCommands::write)
         .iface(500, (i, sb) -> {                 // last in the interface section, after the tunnel lines
             if (i.cryptoMap != null) sb.append(" crypto map ").append(i.cryptoMap).append('\n');
             if (i.cryptoIpsecDfBit != null) sb.append(" crypto ipsec df-bit ").append(i.cryptoIpsecDfBit.name().toLowerCase()).append('\n');
         });
    }

    static void write(RunningConfig c, StringBuilder sb) {
        CryptoConfig k = c.crypto;
        for (Keyring r : k.keyrings.values()) {
            sb.append("crypto keyring ").append(r.name);
            if (r.vrf != null) sb.append(" vrf ").append(r.vrf);
            sb.append('\n');
            for (IsakmpKey key : r.keys) {
                sb.append("  pre-shared-key address ").append(peer(key)).append(" key ").append(secret(key.key())).append('\n');
            }
            sb.append("!\n");
        }
        boolean isakmp = false;
        for (IsakmpPolicy p : k.isakmpPolicies.values()) {
            sb.append("crypto isakmp policy ").append(p.priority).append('\n');
            if (p.encryption != IsakmpPolicy.Encryption.DES) {
                sb.append(" encr ").append(p.encryption == IsakmpPolicy.Encryption.TDES ? "3des" : "aes");
                if (p.encryption == IsakmpPolicy.Encryption.AES && p.keyBits != 128) sb.append(' ').append(p.keyBits);
                sb.append('\n');
            }
            if (p.hash != IsakmpPolicy.Hash.SHA) sb.append(" hash ").append(p.hash.name().toLowerCase()).append('\n');
            if (p.authentication == IsakmpPolicy.Auth.PRE_SHARE) sb.append(" authentication pre-share\n");
            if (p.group != 1) sb.append(" group ").append(p.group).append('\n');
            if (p.lifetime != 86400) sb.append(" lifetime ").append(p.lifetime).append('\n');
            isakmp = true;
        }
        for (IsakmpKey key : k.isakmpKeys) {
            sb.append("crypto isakmp key ").append(secret(key.key())).append(" address ").append(peer(key)).append('\n');
            isakmp = true;
        }
        if (k.isakmpIdentity != CryptoConfig.IsakmpIdentity.ADDRESS) {
            sb.append("crypto isakmp identity ").append(k.isakmpIdentity.name().toLowerCase()).append('\n');
            isakmp = true;
        }
        if (k.isakmpKeepalive != null) {
            Keepalive ka = k.isakmpKeepalive;
            sb.append("crypto isakmp keepalive ").append(ka.seconds());
            if (ka.retry() != 2) sb.append(' ').append(ka.retry());
            if (ka.mode() == KeepaliveMode.PERIODIC) sb.append(" periodic");
            sb.append('\n');
            isakmp = true;
        }
        if (k.natKeepalive != null) {
            sb.append("crypto isakmp nat keepalive ").append(k.natKeepalive).append('\n');
            isakmp = true;
        }
        if (isakmp) sb.append("!\n");
        for (IsakmpProfile p : k.isakmpProfiles.values()) {
            sb.append("crypto isakmp profile ").append(p.name).append('\n');
            if (p.vrf != null) sb.append("   vrf ").append(p.vrf).append('\n');
            for (String r : p.keyrings) sb.append("   keyring ").append(r).append('\n');
            for (String t : p.trustpoints) sb.append("   ca trust-point ").append(t).append('\n');
            for (String m : p.certificateMaps) sb.append("   match certificate ").append(m).append('\n');
            for (IdentityMatch m : p.matches) {
                sb.append("   match identity address ").append(Ipv4Address.toString(m.address())).append(' ')
                  .append(Ipv4Address.toString(m.mask()));
                if (m.fvrf() != null) sb.append(' ').append(m.fvrf());
                sb.append(" \n");
            }
            sb.append("!\n");
        }
        boolean global = false;
        if (k.saLifetimeKilobytes != null) {
            sb.append("crypto ipsec security-association lifetime kilobytes ").append(k.saLifetimeKilobytes).append('\n');
            global = true;
        }
        if (k.saLifetimeSeconds != null) {
            sb.append("crypto ipsec security-association lifetime seconds ").append(k.saLifetimeSeconds).append('\n');
            global = true;
        }
        if (k.replayWindow != null) {
            sb.append("crypto ipsec security-association replay window-size ").append(k.replayWindow).append('\n');
            global = true;
        }
        if (k.dfBit != CryptoConfig.DfBit.COPY) {
            sb.append("crypto ipsec df-bit ").append(k.dfBit.name().toLowerCase()).append('\n');
            global = true;
        }
        if (global) sb.append("!\n");
        for (TransformSet t : k.transformSets.values()) {
            // IOS ends the transform list with a space
            sb.append("crypto ipsec transform-set ").append(t.name).append(' ')
              .append(String.join(" ", t.transforms)).append(" \n");
            sb.append(t.transport ? " mode transport\n" : " mode tunnel\n");
        }
        // IOS writes the non-default form only, after the transform sets
        if (!k.natTransparency) sb.append("no crypto ipsec nat-transparency udp-encapsulation\n");
        if (!k.transformSets.isEmpty() || !k.natTransparency) sb.append("!\n");
        for (IpsecProfile p : k.profiles.values()) {
            sb.append("crypto ipsec profile ").append(p.name).append('\n');
            policy(p, sb);
            sb.append("!\n");
        }
        for (TreeMap<Integer, CryptoMapEntry> m : k.maps.values()) {
            for (CryptoMapEntry e : m.values()) {
                sb.append("crypto map ").append(e.map).append(' ').append(e.sequence).append(" ipsec-isakmp \n");
                for (int peer : e.peers) sb.append(" set peer ").append(Ipv4Address.toString(peer)).append('\n');
                policy(e, sb);
                if (e.matchAddress != null) sb.append(" match address ").append(e.matchAddress).append('\n');
                sb.append("!\n");
            }
        }
    }

    /** The `set` lines shared by profiles and crypto map entries. */
    private static void policy(IpsecPolicy p, StringBuilder sb) {
        if (p.lifetimeKilobytes != null) {
            sb.append(" set security-association lifetime kilobytes ").append(p.lifetimeKilobytes).append('\n');
        }
        if (p.lifetimeSeconds != null) {
            sb.append(" set security-association lifetime seconds ").append(p.lifetimeSeconds).append('\n');
        }
        if (!p.transformSets.isEmpty()) {
            sb.append(" set transform-set ").append(String.join(" ", p.transformSets)).append(" \n");
        }
        if (p.pfsGroup != null) sb.append(" set pfs group").append(p.pfsGroup).append('\n');
        if (p.ikev2Profile != null) sb.append(" set ikev2-profile ").append(p.ikev2Profile).append('\n');
        if (p.isakmpProfile != null) sb.append(" set isakmp-profile ").append(p.isakmpProfile).append('\n');
    }

    private static String secret(Secret s) {
        return s.type() == 0 ? s.value() : s.type() + " " + s.value();
    }

    /** `A` for a host, else `A M`. */
    static String peer(IsakmpKey k) {
        String a = Ipv4Address.toString(k.address());
        return k.mask() == -1 ? a : a + " " + Ipv4Address.toString(k.mask());
    }
}
