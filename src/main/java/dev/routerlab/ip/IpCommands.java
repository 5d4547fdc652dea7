package dev.routerlab.ip;

import java.util.Locale;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Session;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.routing.Route;
import dev.routerlab.routing.RouteView;

/** EXEC and configuration commands of the IPv4 dataplane. */
public final class IpCommands {
    private IpCommands() {}

    public static void register(CommandRegistry r) {
        r.on(X_pingContext.class, IpCommands::ping)
         .on(X_tracerouteContext.class, IpCommands::traceroute)
         .on(S_ip_routeContext.class, IpCommands::showRoute)
         .on(S_ip_arpContext.class, (c, cc) ->
             cc.print(Shell.router(cc).ip().arp().render(Shell.router(cc).ip().interfaces(), Shell.router(cc).scheduler().nanos())))
         .on(Clear_arp_cacheContext.class, (c, cc) -> Shell.router(cc).ip().arp().clear())
         .on(Clear_countersContext.class, IpCommands::clearCounters)
         .on(Tun_gre_optionContext.class, (c, cc) -> {
             InterfaceConfig i = cc.target(InterfaceConfig.class);
             if (c.CHECKSUM() != null) i.tunnelChecksum = !cc.negated();
             else i.tunnelSequenceDatagrams = !cc.negated();
         });
    }

    private static int ip(org.antlr.v4.runtime.tree.TerminalNode n) { return Ipv4Address.parse(n.getText()); }

    /** A `source` option: an interface's address, or an address that must be one of ours. */
    private static Integer source(CommandContext cc, org.antlr.v4.runtime.tree.TerminalNode ifName,
                                  org.antlr.v4.runtime.tree.TerminalNode addr) {
        IpEngine ip = Shell.router(cc).ip();
        if (ifName != null) {
            IpInterface i = ip.get(InterfaceName.parse(ifName.getText()));
            if (i == null || !i.hasAddress()) {
                cc.error("Invalid source interface - " + ifName.getText() + (i == null ? " does not exist" : " has no IP address"));
                return null;
            }
            return i.address();
        }
        int a = ip(addr);
        for (IpInterface i : ip.interfaces()) if (i.owns(a)) return a;
        cc.error("Invalid source address- IP address not on any of our up interfaces");
        return null;
    }

    private static void ping(X_pingContext c, CommandContext cc) {
        int dst = ip(c.IP_ADDRESS());
        int count = 5, size = 100, src = 0;
        long timeout = 2;
        boolean df = false;
        String srcText = null;
        for (Ping_optionContext o : c.ping_option()) {
            if (o.ping_repeat() != null) count = Integer.parseInt(o.ping_repeat().DEC().getText());
            else if (o.ping_size() != null) size = Integer.parseInt(o.ping_size().DEC().getText());
            else if (o.ping_timeout() != null) timeout = Long.parseLong(o.ping_timeout().DEC().getText());
            else if (o.ping_df_bit() != null) df = true;
            else {
                Integer s = source(cc, o.ping_source().INTERFACE_NAME(), o.ping_source().IP_ADDRESS());
                if (s == null) return;
                src = s;
                srcText = Ipv4Address.toString(s);
            }
        }
        cc.println("Type escape sequence to abort.");
        cc.println("Sending " + count + ", " + size + "-byte ICMP Echos to " + Ipv4Address.toString(dst)
            + ", timeout is " + timeout + " seconds:");
        if (srcText != null) cc.println("Packet sent with a source address of " + srcText);
        if (df) cc.println("Packet sent with the DF bit set");
        Router r = Shell.router(cc);
        Session.Background out = cc.background();
        new Ping(r.ip(), out, dst, count, size, src, df, timeout * 1_000_000_000L, r.ip().nextIpId()).start();
    }

    private static void traceroute(X_tracerouteContext c, CommandContext cc) {
        int dst = ip(c.IP_ADDRESS());
        int src = 0, probes = 3, minTtl = 1, maxTtl = 30;
        long timeout = 3;
        for (Trace_optionContext o : c.trace_option()) {
            if (o.trace_source() != null) {
                Integer s = source(cc, o.trace_source().INTERFACE_NAME(), o.trace_source().IP_ADDRESS());
                if (s == null) return;
                src = s;
            } else if (o.trace_timeout() != null) timeout = Long.parseLong(o.trace_timeout().DEC().getText());
            else if (o.trace_probe() != null) probes = Integer.parseInt(o.trace_probe().DEC().getText());
            else {
                minTtl = Integer.parseInt(o.trace_ttl().DEC(0).getText());
                maxTtl = Integer.parseInt(o.trace_ttl().DEC(1).getText());
                if (maxTtl < minTtl) {
                    cc.error("Maximum TTL must be greater than or equal to minimum TTL");
                    return;
                }
            }
        }
        cc.println("Type escape sequence to abort.");
        cc.println("Tracing the route to " + Ipv4Address.toString(dst));
        cc.println("VRF info: (vrf in name/id, vrf out name/id)");
        IpEngine ip = Shell.router(cc).ip();
        Session.Background out = cc.background();
        int sport = 49152 + (ip.nextIpId() & 0x3fff);
        new Traceroute(ip, out, dst, src, timeout * 1_000_000_000L, probes, minTtl, maxTtl, sport).start();
    }

    private static void showRoute(S_ip_routeContext c, CommandContext cc) {
        var rib = Shell.router(cc).ip().rib();
        if (!c.IP_ADDRESS().isEmpty()) {
            Integer mask = c.IP_ADDRESS().size() > 1 ? ip(c.IP_ADDRESS(1)) : null;
            cc.print(RouteView.detail(rib, ip(c.IP_ADDRESS(0)), mask));
            return;
        }
        if (c.STATIC() != null) cc.print(RouteView.render(rib, r -> r.source() == Route.Source.STATIC));
        else if (c.NHRP() != null) cc.print(RouteView.render(rib, r -> r.source() == Route.Source.NHRP));
        else if (c.CONNECTED() != null) cc.print(RouteView.render(rib, r -> r.source() != Route.Source.STATIC));
        else cc.print(RouteView.render(rib, r -> true));
    }

    private static void clearCounters(Clear_countersContext c, CommandContext cc) {
        Router r = Shell.router(cc);
        IpInterface one = null;
        if (c.INTERFACE_NAME() != null) {
            one = r.ip().get(InterfaceName.parse(c.INTERFACE_NAME().getText()));
            if (one == null) {
                cc.invalid(c.INTERFACE_NAME());
                return;
            }
        }
        String q = one == null ? "Clear \"show interface\" counters on all interfaces [confirm]"
            : "Clear \"show interface\" counters on this interface [confirm]";
        String a = cc.ask(q, false);
        if (a == null || !(a.isBlank() || a.strip().toLowerCase(Locale.ROOT).startsWith("y"))) return;
        long now = r.scheduler().nanos();
        for (IpInterface i : r.ip().interfaces()) if (one == null || i == one) i.counters.clear(now);
        Session s = cc.session();
        String by = s.isVty() ? (s.user() == null ? "vty" : s.user()) + " on " + s.lineName().replace(" ", "")
            + (s.from() == null ? "" : " (" + s.from() + ")") : "console";
        r.log("CLEAR", 5, "COUNTERS", "Clear counter on " + (one == null ? "all interfaces" : "interface " + one.name) + " by " + by);
    }

    /** The IP MTU line of `show ip interface`. */
    public static int ipMtu(Router r, InterfaceName n) {
        IpInterface i = r.ip().get(n);
        return i == null ? Ipv4.MAX_PACKET_LEN : i.ipMtu();
    }
}
