package dev.routerlab.ikev2.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.CryptoIkev2;
import dev.routerlab.config.CryptoIkev2.Identity;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.Secret;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ikev2.Ikev2Config;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * `crypto ikev2 proposal|policy|keyring|profile` and their sub-modes (config-ikev2-proposal,
 * config-ikev2-policy, config-ikev2-keyring, config-ikev2-keyring-peer, config-ikev2-profile),
 * `set ikev2-profile` in ipsec profiles and crypto map entries, and the IKEv2 part of the
 * running-config (before `crypto isakmp`, as IOS writes it).
 */
public final class Ikev2Commands {
    /** The DH groups a proposal may name (RFC 7296 §3.3.2, IANA registry; those the engine has). */
    static final List<Integer> GROUPS = List.of(1, 2, 5, 14, 15, 16, 19, 20, 21, 24);

    private Ikev2Commands() {}

    public static void register(CommandRegistry r) {
        Ikev2Show.register(r);
        r.on(Ikev2_proposalContext.class, (c, cc) -> {
            if (cc.negated()) ikev2(cc).proposals.remove(c.name.getText());
            else cc.enter(Mode.CONFIG_IKEV2_PROPOSAL, ikev2(cc).proposals.computeIfAbsent(c.name.getText(), CryptoIkev2.Proposal::new));
        }).on(Ikev2_policyContext.class, (c, cc) -> {
            if (cc.negated()) ikev2(cc).policies.remove(c.name.getText());
            else cc.enter(Mode.CONFIG_IKEV2_POLICY, ikev2(cc).policies.computeIfAbsent(c.name.getText(), CryptoIkev2.Policy::new));
        }).on(Ikev2_keyringContext.class, (c, cc) -> {
            if (cc.negated()) ikev2(cc).keyrings.remove(c.name.getText());
            else cc.enter(Mode.CONFIG_IKEV2_KEYRING, ikev2(cc).keyrings.computeIfAbsent(c.name.getText(), CryptoIkev2.Keyring::new));
        }).on(Ikev2_profileContext.class, (c, cc) -> {
            if (cc.negated()) ikev2(cc).profiles.remove(c.name.getText());
            else cc.enter(Mode.CONFIG_IKEV2_PROFILE, ikev2(cc).profiles.computeIfAbsent(c.name.getText(), CryptoIkev2.Profile::new));
        })
        // ---- proposal: each line adds its algorithms; `no` with algorithms removes them, bare `no` clears
        .on(Prop_encryptionContext.class, (c, cc) ->
            words(cc.target(CryptoIkev2.Proposal.class).encryption, c.ikev2_cipher(), cc))
        .on(Prop_integrityContext.class, (c, cc) ->
            words(cc.target(CryptoIkev2.Proposal.class).integrity, c.ikev2_hash(), cc))
        .on(Prop_prfContext.class, (c, cc) -> words(cc.target(CryptoIkev2.Proposal.class).prf, c.ikev2_hash(), cc))
        .on(Prop_groupContext.class, Ikev2Commands::group)
        // ---- policy
        .on(Pol_proposalContext.class, (c, cc) -> {
            List<String> l = cc.target(CryptoIkev2.Policy.class).proposals;
            l.remove(c.name.getText());
            if (!cc.negated()) l.add(c.name.getText());
        })
        .on(Pol_matchContext.class, (c, cc) -> {
            CryptoIkev2.Policy p = cc.target(CryptoIkev2.Policy.class);
            if (c.FVRF() != null) {
                p.matchFvrf = cc.negated() ? null : c.ANY() != null ? CryptoIkev2.ANY_VRF : c.fvrf.getText();
                return;
            }
            p.matchLocal.remove((Integer) ip(c.local));
            if (!cc.negated()) p.matchLocal.add(ip(c.local));
        })
        // ---- keyring and its peers
        .on(Ikev2_keyring_cmdContext.class, (c, cc) -> {
            CryptoIkev2.Keyring k = cc.target(CryptoIkev2.Keyring.class);
            if (cc.negated()) k.peers.remove(c.name.getText());
            else cc.enter(Mode.CONFIG_IKEV2_KEYRING_PEER, k.peers.computeIfAbsent(c.name.getText(), CryptoIkev2.Peer::new));
        })
        .on(Kp_addressContext.class, (c, cc) -> {
            CryptoIkev2.Peer p = cc.target(CryptoIkev2.Peer.class);
            p.address = cc.negated() || c.addr == null ? null : ip(c.addr);
            p.mask = cc.negated() || c.mask == null ? -1 : ip(c.mask);
            p.address6 = cc.negated() || c.prefix6 == null ? null : prefixAddress(c.prefix6.getText());
            p.prefix6 = p.address6 == null ? 0 : prefixLength(c.prefix6.getText());
        })
        .on(Kp_identityContext.class, (c, cc) ->
            cc.target(CryptoIkev2.Peer.class).identity = cc.negated() ? null : identity(c.ikev2_identity()))
        .on(Kp_pskContext.class, Ikev2Commands::psk)
        // ---- profile
        .on(Pf_matchContext.class, (c, cc) -> {
            CryptoIkev2.Profile p = cc.target(CryptoIkev2.Profile.class);
            if (c.map != null) {
                p.certificateMaps.remove(c.map.getText());
                if (!cc.negated()) p.certificateMaps.add(c.map.getText());
                return;
            }
            if (c.pf_match_fvrf() != null) {
                var f = c.pf_match_fvrf();
                p.matchFvrf = cc.negated() ? null : f.ANY() != null ? CryptoIkev2.ANY_VRF : f.fvrf.getText();
                return;
            }
            CryptoIkev2.Match m = c.fqdn != null ? new CryptoIkev2.Match(Identity.fqdn(c.fqdn.getText()), 0)
                : c.prefix6 != null ? new CryptoIkev2.Match(Identity.address(prefixAddress(c.prefix6.getText())),
                    prefixLength(c.prefix6.getText()))
                : c.addr6 != null ? new CryptoIkev2.Match(Identity.address(Ipv6Address.parse(c.addr6.getText())), 128)
                : new CryptoIkev2.Match(Identity.address(ip(c.addr)), c.mask == null ? -1 : ip(c.mask));
            p.matches.remove(m);
            if (!cc.negated()) p.matches.add(m);
        })
        .on(Pf_identityContext.class, (c, cc) ->
            cc.target(CryptoIkev2.Profile.class).localIdentity = cc.negated() ? null : identity(c.ikev2_identity()))
        .on(Pf_authenticationContext.class, (c, cc) -> {
            CryptoIkev2.Profile p = cc.target(CryptoIkev2.Profile.class);
            CryptoIkev2.Auth a = cc.negated() ? null : c.RSA_SIG() != null ? CryptoIkev2.Auth.RSA_SIG : CryptoIkev2.Auth.PRE_SHARE;
            if (c.side.getType() == dev.routerlab.grammar.IosParser.LOCAL) p.authLocal = a;
            else p.authRemote = a;
        })
        .on(Pf_pkiContext.class, (c, cc) -> {
            List<String> l = cc.target(CryptoIkev2.Profile.class).trustpoints;
            if (c.name == null) l.clear();
            else l.remove(c.name.getText());
            if (!cc.negated()) l.add(c.name.getText());
        })
        .on(Pf_keyringContext.class, (c, cc) ->
            cc.target(CryptoIkev2.Profile.class).keyring = cc.negated() ? null : c.name.getText())
        .on(Ikev2_dpdContext.class, (c, cc) -> ikev2(cc).dpd = cc.negated() ? null : dpd(c.interval, c.dpd_retry(), c.kind))
        .on(C_loggingContext.class, (c, cc) -> ikev2(cc).logging = !cc.negated())
        .on(Ikev2_cookieContext.class, (c, cc) -> ikev2(cc).cookieChallenge = cc.negated() ? 0 : num(c.DEC()))
        .on(Ikev2_fragmentationContext.class, (c, cc) -> ikev2(cc).fragmentationMtu = cc.negated() ? 0
            : c.mtu == null ? Ikev2Config.DEFAULT_FRAGMENTATION_MTU : num(c.mtu))
        .on(Pf_dpdContext.class, (c, cc) -> {
            cc.target(CryptoIkev2.Profile.class).dpd = cc.negated() ? null : dpd(c.interval, c.dpd_retry(), c.kind);
        })
        .on(Pf_lifetimeContext.class, (c, cc) -> cc.target(CryptoIkev2.Profile.class).lifetime =
            cc.negated() ? CryptoIkev2.Profile.DEFAULT_LIFETIME : num(c.DEC()))
        // ---- `set ikev2-profile` (crypto ipsec profile, crypto map entry)
        .on(Set_ikev2_profileContext.class, (c, cc) ->
            cc.target(CryptoConfig.IpsecPolicy.class).ikev2Profile = cc.negated() ? null : c.name.getText());
    }

    private static CryptoIkev2 ikev2(CommandContext cc) { return Shell.config(cc).crypto.ikev2; }

    private static void words(List<String> l, List<? extends ParserRuleContext> given, CommandContext cc) {
        if (cc.negated() && given.isEmpty()) {
            l.clear();
            return;
        }
        for (ParserRuleContext g : given) {
            l.remove(g.getText());
            if (!cc.negated()) l.add(g.getText());
        }
    }

    private static void group(Prop_groupContext c, CommandContext cc) {
        List<Integer> l = cc.target(CryptoIkev2.Proposal.class).groups;
        if (cc.negated() && c.DEC().isEmpty()) {
            l.clear();
            return;
        }
        for (var d : c.DEC()) {
            if (!GROUPS.contains(num(d)) || DhGroup.byId(num(d)).isEmpty()) {
                cc.invalid(d, GROUPS.stream().map(String::valueOf).toList());
                return;
            }
        }
        for (var d : c.DEC()) {
            l.remove((Integer) num(d));
            if (!cc.negated()) l.add(num(d));
        }
    }

    private static Identity identity(Ikev2_identityContext c) {
        return c.fqdn != null ? Identity.fqdn(c.fqdn.getText())
            : c.addr6 != null ? Identity.address(Ipv6Address.parse(c.addr6.getText())) : Identity.address(ip(c.addr));
    }

    /** The address of an X:X:X:X::X/N word (the prefix bits only: IOS keeps the address as typed). */
    private static Ipv6Address prefixAddress(String s) { return Ipv6Address.parse(s.substring(0, s.indexOf('/'))); }

    private static int prefixLength(String s) { return Integer.parseInt(s.substring(s.indexOf('/') + 1)); }

    private static void psk(Kp_pskContext c, CommandContext cc) {
        CryptoIkev2.Peer p = cc.target(CryptoIkev2.Peer.class);
        Secret key = null;
        if (!cc.negated()) {
            int type = c.psk().DEC() == null ? 0 : num(c.psk().DEC());
            if (type != 0 && type != 6) {
                cc.invalid(c.psk().DEC());
                return;
            }
            key = new Secret(type, c.psk().WORD().getText());
        }
        if (c.side == null) p.key = key;
        else if (c.side.getType() == dev.routerlab.grammar.IosParser.LOCAL) p.localKey = key;
        else p.remoteKey = key;
    }

    // ---- running-config

    /** The `crypto ikev2` sections, before the rest of `crypto` (IOS order: proposals, policies, keyrings, profiles). */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.CRYPTO_IKEV2, Ikev2Commands::write);
    }

    static void write(RunningConfig rc, StringBuilder sb) {
        CryptoIkev2 c = rc.crypto.ikev2;
        for (CryptoIkev2.Proposal p : c.proposals.values()) {
            sb.append("crypto ikev2 proposal ").append(p.name).append(" \n");
            if (!p.encryption.isEmpty()) sb.append(" encryption ").append(String.join(" ", p.encryption)).append('\n');
            if (!p.integrity.isEmpty()) sb.append(" integrity ").append(String.join(" ", p.integrity)).append('\n');
            if (!p.prf.isEmpty()) sb.append(" prf ").append(String.join(" ", p.prf)).append('\n');
            if (!p.groups.isEmpty()) {
                sb.append(" group");
                for (int g : p.groups) sb.append(' ').append(g);
                sb.append('\n');
            }
            sb.append("!\n");
        }
        for (CryptoIkev2.Policy p : c.policies.values()) {
            sb.append("crypto ikev2 policy ").append(p.name).append(" \n");
            if (p.matchFvrf != null) sb.append(" match fvrf ").append(p.matchFvrf).append('\n');
            for (int a : p.matchLocal) sb.append(" match address local ").append(Ipv4Address.toString(a)).append('\n');
            for (String n : p.proposals) sb.append(" proposal ").append(n).append('\n');
            sb.append("!\n");
        }
        for (CryptoIkev2.Keyring k : c.keyrings.values()) {
            sb.append("crypto ikev2 keyring ").append(k.name).append('\n');
            for (CryptoIkev2.Peer p : k.peers.values()) {
                sb.append(" peer ").append(p.name).append('\n');
                if (p.address6 != null) sb.append("  address ").append(p.address6).append('/').append(p.prefix6).append('\n');
                if (p.address != null) {
                    sb.append("  address ").append(Ipv4Address.toString(p.address));
                    if (p.mask != -1) sb.append(' ').append(Ipv4Address.toString(p.mask));
                    sb.append('\n');
                }
                if (p.identity != null) sb.append("  identity ").append(identityText(p.identity)).append('\n');
                if (p.key != null) sb.append("  pre-shared-key ").append(secret(p.key)).append('\n');
                if (p.localKey != null) sb.append("  pre-shared-key local ").append(secret(p.localKey)).append('\n');
                if (p.remoteKey != null) sb.append("  pre-shared-key remote ").append(secret(p.remoteKey)).append('\n');
                sb.append(" !\n");
            }
            sb.append("!\n");
        }
        for (CryptoIkev2.Profile p : c.profiles.values()) {
            sb.append("crypto ikev2 profile ").append(p.name).append('\n');
            if (p.matchFvrf != null) sb.append(" match fvrf ").append(p.matchFvrf).append('\n');
            for (CryptoIkev2.Match m : p.matches) sb.append(" match identity remote ").append(matchText(m)).append(" \n");
            for (String m : p.certificateMaps) sb.append(" match certificate ").append(m).append('\n');
            if (p.localIdentity != null) sb.append(" identity local ").append(identityText(p.localIdentity)).append('\n');
            if (p.authRemote != null) sb.append(" authentication remote ").append(authText(p.authRemote)).append('\n');
            if (p.authLocal != null) sb.append(" authentication local ").append(authText(p.authLocal)).append('\n');
            if (p.keyring != null) sb.append(" keyring local ").append(p.keyring).append('\n');
            for (String t : p.trustpoints) sb.append(" pki trustpoint ").append(t).append('\n');
            if (p.lifetime != CryptoIkev2.Profile.DEFAULT_LIFETIME) sb.append(" lifetime ").append(p.lifetime).append('\n');
            if (p.dpd != null) sb.append(" dpd ").append(dpdText(p.dpd));
            sb.append("!\n");
        }
        if (c.dpd != null) sb.append("crypto ikev2 dpd ").append(dpdText(c.dpd)).append("!\n");
        if (c.logging) sb.append("crypto logging ikev2\n!\n");
        if (c.cookieChallenge != 0) sb.append("crypto ikev2 cookie-challenge ").append(c.cookieChallenge).append("\n!\n");
        if (c.fragmentationMtu != 0) {
            sb.append("crypto ikev2 fragmentation").append(c.fragmentationMtu == Ikev2Config.DEFAULT_FRAGMENTATION_MTU ? ""
                : " mtu " + c.fragmentationMtu).append("\n!\n");
        }
    }

    static String dpdText(CryptoIkev2.Dpd d) {
        return d.interval() + " " + d.retry() + (d.mode() == CryptoIkev2.DpdMode.PERIODIC ? " periodic\n" : " on-demand\n");
    }

    /** `INTERVAL RETRY on-demand|periodic`, in a profile or global. */
    private static CryptoIkev2.Dpd dpd(org.antlr.v4.runtime.Token interval, Dpd_retryContext retry, org.antlr.v4.runtime.Token kind) {
        return new CryptoIkev2.Dpd(num(interval), num(retry.DEC()),
                kind.getType() == dev.routerlab.grammar.IosParser.PERIODIC ? CryptoIkev2.DpdMode.PERIODIC : CryptoIkev2.DpdMode.ON_DEMAND);
    }

    private static String authText(CryptoIkev2.Auth a) { return a == CryptoIkev2.Auth.RSA_SIG ? "rsa-sig" : "pre-share"; }

    static String identityText(Identity i) {
        return i.fqdn() ? "fqdn " + i.name() : "address " + (i.address6() != null ? i.address6().toString()
            : Ipv4Address.toString(i.address()));
    }

    static String matchText(CryptoIkev2.Match m) {
        if (m.identity().fqdn()) return "fqdn " + m.identity().name();
        if (m.identity().address6() != null) return "address " + m.identity().address6() + "/" + m.mask();
        return "address " + Ipv4Address.toString(m.identity().address()) + " " + Ipv4Address.toString(m.mask());
    }

    private static String secret(Secret s) { return s.type() == 0 ? s.value() : s.type() + " " + s.value(); }
}
