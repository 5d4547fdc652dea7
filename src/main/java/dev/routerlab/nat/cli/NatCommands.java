package dev.routerlab.nat.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.RelTime;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.NatConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.nat.NatEngine;
import dev.routerlab.nat.Translation;
import dev.routerlab.packet.Ipv4Address;

/**
 * `ip nat ...` (global and interface), `show ip nat translations [verbose]`, `show ip nat
 * statistics`, `clear ip nat translation *`, `clear ip nat statistics`, `debug ip nat`
 * (grammar/imports/Nat.g4). Every value shown comes from the NAT engine's live table.
 */
public final class NatCommands {
    private NatCommands() {}

    public static void register(CommandRegistry r) {
        r.on(If_ip_natContext.class, (c, cc) -> {
            InterfaceConfig i = cc.target(InterfaceConfig.class);
            InterfaceConfig.NatRole role = c.INSIDE() != null ? InterfaceConfig.NatRole.INSIDE : InterfaceConfig.NatRole.OUTSIDE;
            if (!cc.negated()) i.nat = role;
            else if (i.nat == role) i.nat = null;
        })
         .on(Nat_poolContext.class, NatCommands::pool)
         .on(Nat_staticContext.class, NatCommands::staticMapping)
         .on(Nat_listContext.class, NatCommands::list)
         .on(Nat_translationContext.class, (c, cc) -> {
             NatConfig.Timeout t = timeout(c.kind.getText());
             NatConfig n = Shell.config(cc).nat;
             if (cc.negated()) n.timeouts.remove(t);
             else n.timeouts.put(t, c.NEVER() != null ? -1L : Long.parseLong(c.DEC().getText()));
         })
         .on(S_ip_natContext.class, (c, cc) -> cc.print(c.STATISTICS() != null
             ? NatShow.statistics(Shell.router(cc)) : NatShow.translations(Shell.router(cc), c.VERBOSE() != null)))
         .on(Clear_ip_natContext.class, (c, cc) -> {
             NatEngine nat = Shell.router(cc).nat();
             if (c.STATISTICS() != null) nat.clearStatistics();
             else nat.clear();
         })
         .onPart(X_debugContext.class, c -> c.debug_ip_nat() != null, (c, cc) -> debug(cc, true))
         .onPart(X_undebugContext.class, c -> c.debug_ip_nat() != null, (c, cc) -> debug(cc, false))
         .onPart(X_undebugContext.class, null, (c, cc) -> {      // `undebug all`: NAT off too, then the owner's handler
             if (c.ALL() == null) return;
             Shell.router(cc).nat().setDebug(null);
             if (!r.handles(X_undebugContext.class)) cc.println("All possible debugging has been turned off");
         });
    }

    /** `ip nat inside|outside` after the addressing lines; the global lines just before the static routes. */
    public static void sections(RunningConfigWriter w) {
        w.iface(150, (i, sb) -> {
            if (i.nat != null) sb.append(" ip nat ").append(i.nat == InterfaceConfig.NatRole.INSIDE ? "inside" : "outside").append('\n');
        });
        w.global(RunningConfigWriter.ROUTING - 5, NatCommands::write);
    }

    private static NatConfig.Timeout timeout(String keyword) {
        for (NatConfig.Timeout t : NatConfig.Timeout.values()) if (t.keyword.equals(keyword)) return t;
        throw new IllegalArgumentException(keyword);
    }

    private static void pool(Nat_poolContext c, CommandContext cc) {
        NatConfig n = Shell.config(cc).nat;
        String name = c.name.getText();
        if (cc.negated()) {
            n.pools.remove(name);
            return;
        }
        int start = ip(c.start), end = ip(c.end);
        boolean prefix = c.PREFIX_LENGTH() != null;
        int mask = prefix ? Ipv4Address.mask(num(c.plen)) : ip(c.mask);
        if (Integer.compareUnsigned(end, start) < 0) {
            cc.error("End address less than start address");
            return;
        }
        if ((start & mask) != (end & mask)) {
            cc.error("Start and end addresses on different subnets");
            return;
        }
        n.pools.put(name, new NatConfig.Pool(name, start, end, mask, prefix));
    }

    private static void staticMapping(Nat_staticContext c, CommandContext cc) {
        NatConfig n = Shell.config(cc).nat;
        Nat_static_portContext p = c.nat_static_port();
        NatConfig.StaticMapping m = p == null
            ? new NatConfig.StaticMapping(0, ip(c.lo), 0, ip(c.gl), 0, c.EXTENDABLE() != null)
            : new NatConfig.StaticMapping(p.TCP() != null ? 6 : 17, ip(p.lo), num(p.lport), ip(p.gl), num(p.gport), p.EXTENDABLE() != null);
        if (cc.negated()) {
            n.statics.removeIf(x -> x.protocol() == m.protocol() && x.local() == m.local() && x.localPort() == m.localPort()
                && x.global() == m.global() && x.globalPort() == m.globalPort());
            return;
        }
        for (NatConfig.StaticMapping x : n.statics) {
            if (x.protocol() == m.protocol() && x.local() == m.local() && x.localPort() == m.localPort()
                    && x.global() == m.global() && x.globalPort() == m.globalPort()) return;
            if (m.protocol() == 0 && x.protocol() == 0 && x.global() == m.global()) {
                cc.error(Ipv4Address.toString(m.global()) + " already mapped (" + Ipv4Address.toString(x.local()) + " -> "
                    + Ipv4Address.toString(x.global()) + ")");
                return;
            }
            if (m.protocol() == 0 && x.protocol() == 0 && x.local() == m.local()) {
                cc.error(Ipv4Address.toString(m.local()) + " already mapped (" + Ipv4Address.toString(x.local()) + " -> "
                    + Ipv4Address.toString(x.global()) + ")");
                return;
            }
        }
        n.statics.add(m);
    }

    private static void list(Nat_listContext c, CommandContext cc) {
        NatConfig n = Shell.config(cc).nat;
        String acl = c.acl.getText();
        InterfaceName iface = c.INTERFACE_NAME() == null ? null : InterfaceName.parse(c.INTERFACE_NAME().getText());
        if (c.INTERFACE_NAME() != null && iface == null) {
            cc.invalid(c.INTERFACE_NAME());
            return;
        }
        n.dynamics.removeIf(m -> m.acl().equals(acl));
        if (cc.negated()) return;
        n.dynamics.add(new NatConfig.DynamicMapping(acl, iface, c.pool == null ? null : c.pool.getText(), c.OVERLOAD() != null));
    }

    private static void debug(CommandContext cc, boolean on) {
        Router router = Shell.router(cc);
        router.nat().setDebug(on ? line -> router.log().debug(line) : null);
        cc.println("IP NAT debugging is " + (on ? "on" : "off"));
    }

    /** The global `ip nat` lines in IOS order: timeouts, pools, dynamic mappings, statics. */
    private static void write(RunningConfig c, StringBuilder sb) {
        NatConfig n = c.nat;
        for (var e : n.timeouts.entrySet()) {
            sb.append("ip nat translation ").append(e.getKey().keyword).append(' ')
              .append(e.getValue() < 0 ? "never" : String.valueOf(e.getValue())).append('\n');
        }
        for (NatConfig.Pool p : n.pools.values()) {
            sb.append("ip nat pool ").append(p.name()).append(' ').append(Ipv4Address.toString(p.start())).append(' ')
              .append(Ipv4Address.toString(p.end()))
              .append(p.prefixLength() ? " prefix-length " + Integer.bitCount(p.netmask()) : " netmask " + Ipv4Address.toString(p.netmask()))
              .append('\n');
        }
        for (NatConfig.DynamicMapping m : n.dynamics) {
            sb.append("ip nat inside source list ").append(m.acl())
              .append(m.iface() != null ? " interface " + m.iface() : " pool " + m.pool())
              .append(m.overload() ? " overload" : "").append('\n');
        }
        for (NatConfig.StaticMapping m : n.statics) {
            sb.append("ip nat inside source static ");
            if (m.protocol() == 0) sb.append(Ipv4Address.toString(m.local())).append(' ').append(Ipv4Address.toString(m.global()));
            else sb.append(m.protocol() == 6 ? "tcp " : "udp ").append(Ipv4Address.toString(m.local())).append(' ').append(m.localPort())
                   .append(' ').append(Ipv4Address.toString(m.global())).append(' ').append(m.globalPort());
            sb.append(m.extendable() ? " extendable\n" : "\n");
        }
        if (!n.isEmpty() && c.staticRoutes.isEmpty()) sb.append("!\n");
    }

    static String hms(long nanos) { return RelTime.hms(Math.max(0, nanos)); }

    static String translationLine(Translation t) {
        String ig = Ipv4Address.toString(t.insideGlobal), il = Ipv4Address.toString(t.insideLocal);
        if (!t.extended()) return String.format("%s %-18s %-18s %-18s %s", t.protocolName(), ig, il, "---", "---");
        String o = Ipv4Address.toString(t.outside) + ":" + t.outsidePort;
        return String.format("%s %-18s %-18s %-18s %s", t.protocolName(), ig + ":" + t.insideGlobalPort,
            il + ":" + t.insideLocalPort, o, o);
    }
}
