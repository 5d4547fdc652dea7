package dev.routerlab.nhrp;

import java.util.List;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Mgre;

/**
 * EXEC commands of DMVPN: `show dmvpn [detail]`, `show ip nhrp [brief|detail|nhs [detail]|traffic]`,
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
             Shell.router(cc).ip().nhrpDebug = null;
             for (NhrpInstance n : Mgre.instances(Shell.router(cc).ip())) n.setDebug(false);
             if (!r.handles(X_undebugContext.class)) cc.println("All possible debugging has been turned off");
         });
    }

    private static void debug(CommandContext cc, Debug_nhrpContext d, boolean on) {
        Router router = Shell.router(cc);
        IpEngine ip = router.ip();
        ip.nhrpDebug = on ? line -> router.log().debug(line) : null;
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
