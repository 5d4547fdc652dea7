package dev.routerlab.nhrp.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;
import static dev.routerlab.cli.Args.opt;

import java.util.List;
import dev.routerlab.nhrp.PeerStates;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceConfig.NhrpConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.nhrp.NhrpInstance;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.tunnel.Mgre;

/**
 * The `ip nhrp ...` interface commands and their lines of the interface sections, and the EXEC
 * commands of DMVPN: `show dmvpn [detail]`, `show ip nhrp [brief|detail|nhs [detail]|traffic]`,
 * `clear ip nhrp`, `debug nhrp [packet]` / `undebug nhrp` / `undebug all` (grammar/imports/Nhrp.g4).
 * Every value comes from the live {@link NhrpInstance}s of the router's mGRE interfaces.
 */
public final class NhrpCommands {
    private NhrpCommands() {}

    public static void register(CommandRegistry r) {
        r.on(S_dmvpnContext.class, NhrpCommands::showDmvpn)
         .on(S_ip_nhrpContext.class, NhrpCommands::showIpNhrp)
         .on(Clear_ip_nhrpContext.class, (c, cc) -> {
             for (NhrpInstance n : Mgre.instances(Shell.router(cc).ip())) n.clear();
         })
         .onPart(X_debugContext.class, c -> c.debug_nhrp() != null, (c, cc) -> debug(cc, c.debug_nhrp(), true))
         .onPart(X_undebugContext.class, c -> c.debug_nhrp() != null, (c, cc) -> debug(cc, c.debug_nhrp(), false))
         .onPart(X_undebugContext.class, null, (c, cc) -> {       // `undebug all`: NHRP off too, then the owner's handler
             if (c.ALL() == null) return;
             Shell.router(cc).tunnels().nhrpDebug = null;
             for (NhrpInstance n : Mgre.instances(Shell.router(cc).ip())) n.setDebug(false);
             if (!r.handles(X_undebugContext.class)) cc.println("All possible debugging has been turned off");
         })
         .on(Nhrp_network_idContext.class, (c, cc) ->
             nhrp(cc).networkId = opt(c.DEC() == null ? null : Long.parseLong(c.DEC().getText()), cc))
         .on(Nhrp_authenticationContext.class, (c, cc) ->
             nhrp(cc).authentication = opt(c.WORD() == null ? null : c.WORD().getText(), cc))
         .on(Nhrp_mapContext.class, NhrpCommands::nhrpMap)
         .on(Nhrp_nhsContext.class, NhrpCommands::nhrpNhs)
         .on(Nhrp_holdtimeContext.class, (c, cc) -> nhrp(cc).holdtime = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(Nhrp_redirectContext.class, (c, cc) -> nhrp(cc).redirect = !cc.negated())
         .on(Nhrp_shortcutContext.class, (c, cc) -> nhrp(cc).shortcut = !cc.negated())
         .on(Nhrp_registrationContext.class, (c, cc) -> {
             if (c.NO_UNIQUE() != null) nhrp(cc).registrationNoUnique = !cc.negated();
             else nhrp(cc).registrationTimeout = cc.negated() ? null : num(c.reg_timeout().DEC());
         });
    }

    /** The `ip nhrp` lines come after the addressing (100) and before `ip tcp adjust-mss` (300). */
    public static void sections(RunningConfigWriter w) {
        w.iface(200, NhrpCommands::write);
    }

    private static NhrpConfig nhrp(CommandContext cc) { return cc.target(InterfaceConfig.class).nhrp; }

    private static void nhrpMap(Nhrp_mapContext c, CommandContext cc) {
        NhrpConfig n = nhrp(cc);
        if (c.nhrp_map_multicast() != null) {
            Nhrp_map_multicastContext m = c.nhrp_map_multicast();
            if (m.DYNAMIC() != null) n.multicastDynamic = !cc.negated();
            else {
                Integer a = ip(m.IP_ADDRESS());
                n.multicastNbma.remove(a);
                if (!cc.negated()) n.multicastNbma.add(a);
            }
        } else if (c.IP_ADDRESS() != null) {
            NhrpConfig.Mapping m = new NhrpConfig.Mapping(ip(c.IP_ADDRESS()), ip(c.nbma_address().IP_ADDRESS()));
            n.maps.removeIf(x -> x.protocolAddress() == m.protocolAddress());
            if (!cc.negated()) n.maps.add(m);
        } else {
            n.maps.clear();
        }
    }

    private static void nhrpNhs(Nhrp_nhsContext c, CommandContext cc) {
        NhrpConfig n = nhrp(cc);
        int a = ip(c.IP_ADDRESS());
        n.nhs.removeIf(x -> x.address() == a);
        if (cc.negated()) return;
        Integer nbma = c.NBMA() != null ? ip(c.nbma_address().IP_ADDRESS()) : null;
        n.nhs.add(new NhrpConfig.Nhs(a, nbma, c.MULTICAST() != null));
    }

    private static void write(InterfaceConfig i, StringBuilder sb) {
        NhrpConfig n = i.nhrp;
        if (n.authentication != null) sb.append(" ip nhrp authentication ").append(n.authentication).append('\n');
        for (NhrpConfig.Mapping m : n.maps) {
            sb.append(" ip nhrp map ").append(Ipv4Address.toString(m.protocolAddress())).append(' ')
              .append(Ipv4Address.toString(m.nbmaAddress())).append('\n');
        }
        if (n.multicastDynamic) sb.append(" ip nhrp map multicast dynamic\n");
        for (int a : n.multicastNbma) sb.append(" ip nhrp map multicast ").append(Ipv4Address.toString(a)).append('\n');
        if (n.networkId != null) sb.append(" ip nhrp network-id ").append(n.networkId).append('\n');
        if (n.holdtime != null) sb.append(" ip nhrp holdtime ").append(n.holdtime).append('\n');
        for (NhrpConfig.Nhs h : n.nhs) {
            sb.append(" ip nhrp nhs ").append(Ipv4Address.toString(h.address()));
            if (h.nbma() != null) sb.append(" nbma ").append(Ipv4Address.toString(h.nbma()));
            if (h.multicast()) sb.append(" multicast");
            sb.append('\n');
        }
        if (n.registrationNoUnique) sb.append(" ip nhrp registration no-unique\n");
        if (n.registrationTimeout != null) sb.append(" ip nhrp registration timeout ").append(n.registrationTimeout).append('\n');
        if (n.shortcut) sb.append(" ip nhrp shortcut\n");
        if (n.redirect) sb.append(" ip nhrp redirect\n");
    }

    private static void debug(CommandContext cc, Debug_nhrpContext d, boolean on) {
        Router router = Shell.router(cc);
        IpEngine ip = router.ip();
        router.tunnels().nhrpDebug = on ? line -> router.log().debug(line) : null;
        for (NhrpInstance n : Mgre.instances(ip)) n.setDebug(on);
        String what = d.PACKET() != null ? "NHRP activity" : "NHRP protocol";
        cc.println(what + " debugging is " + (on ? "on" : "off"));
    }

    private static long now(CommandContext cc) { return Shell.router(cc).scheduler().nanos(); }

    private static void showDmvpn(S_dmvpnContext c, CommandContext cc) {
        Router router = Shell.router(cc);
        List<Mgre> ms = Mgre.all(router.ip());
        List<NhrpInstance> ts = ms.stream().map(Mgre::nhrp).toList();
        PeerStates crypto = router.service(PeerStates.class);
        if (c.DETAIL() == null) {
            cc.print(NhrpShow.dmvpn(ts, now(cc), crypto));
            return;
        }
        cc.print(NhrpShow.dmvpnDetail(ts, now(cc), crypto, i -> {
            IpInterface t = ms.get(i).tunnelInterface();
            String link = t.linkState() == IpInterface.LinkState.UP ? "up" : t.linkState().ios;
            String profile = router.config().interfaces.get(t.name) == null ? null
                : router.config().interfaces.get(t.name).tunnelProtectionProfile;
            return new NhrpShow.TunnelFacts(link + "/" + (t.lineUp() ? "up" : "down"), profile);
        }));
    }

    private static void showIpNhrp(S_ip_nhrpContext c, CommandContext cc) {
        List<Mgre> ms = Mgre.all(Shell.router(cc).ip());
        List<NhrpInstance> ts = ms.stream().map(Mgre::nhrp).toList();
        if (c.BRIEF() != null) cc.print(NhrpShow.ipNhrpBrief(ts));
        else if (c.TRAFFIC() != null) cc.print(NhrpShow.ipNhrpTraffic(ts));
        else if (c.s_ip_nhrp_nhs() != null) cc.print(NhrpShow.ipNhrpNhs(ts, now(cc), c.s_ip_nhrp_nhs().DETAIL() != null, i -> {
            var ic = Shell.router(cc).config().interfaces.get(ms.get(i).tunnelInterface().name);
            return ic != null && ic.tunnelProtectionProfile != null;
        }));
        else cc.print(NhrpShow.ipNhrp(ts, now(cc), c.DETAIL() != null));
    }
}
