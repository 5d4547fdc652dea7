package dev.routerlab.ipv6.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Session;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.Ipv6Config;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ipv6.Ipv6Probe;
import dev.routerlab.packet.Ipv6Address;

import java.util.Comparator;

/**
 * `ipv6 unicast-routing`, `ipv6 route`, interface `ipv6 address|enable|mtu`, `show ipv6
 * interface [brief]|route|neighbors|traffic`, `clear ipv6 neighbors`, `ping ipv6`, `traceroute ipv6`
 * (grammar/imports/Ipv6.g4).
 * Shows read the IPv6 engine's live state ({@link Ipv6Show}).
 */
public final class Ipv6Commands {
    private Ipv6Commands() {}

    public static void register(CommandRegistry r) {
        r.on(Ipv6_unicast_routingContext.class, (c, cc) -> Shell.config(cc).ipv6.unicastRouting = !cc.negated())
         .on(Ipv6_routeContext.class, Ipv6Commands::route)
         .on(If_ipv6_addressContext.class, Ipv6Commands::address)
         .on(If_ipv6_enableContext.class, (c, cc) -> cc.target(InterfaceConfig.class).ipv6.enable = !cc.negated())
         .on(If_ipv6_mtuContext.class, (c, cc) -> {
             Ipv6Config.Interface i = cc.target(InterfaceConfig.class).ipv6;
             if (cc.negated()) i.mtu = null;
             else {
                 int m = Integer.parseInt(c.mtu.getText());
                 if (m < 1280 || m > 1500) cc.error("Invalid input: MTU must be between 1280 and 1500");   // the range help.txt gives
                 else i.mtu = m;
             }
         })
         .on(S_ipv6_interfaceContext.class, (c, cc) -> {
             Router rt = Shell.router(cc);
             InterfaceName only = c.iface == null ? null : InterfaceName.parse(c.iface.getText());
             if (c.BRIEF() != null) cc.print(Ipv6Show.brief(rt, only));
             else if (only != null && rt.ipv6().get(only) == null) {
                 if (rt.ip().get(only) == null) cc.invalid(c.INTERFACE_NAME());
                 else cc.print(Ipv6Show.disabled(rt, only));
             } else cc.print(Ipv6Show.interfaces(rt, only));
         })
         .on(S_ipv6_routeContext.class, (c, cc) -> cc.print(Ipv6Show.route(Shell.router(cc))))
         .on(S_ipv6_neighborsContext.class, (c, cc) ->
             cc.print(Ipv6Show.neighbors(Shell.router(cc), c.iface == null ? null : InterfaceName.parse(c.iface.getText()))))
         .on(S_ipv6_trafficContext.class, (c, cc) -> cc.print(Ipv6Show.traffic(Shell.router(cc))))
         .on(Clear_ipv6Context.class, (c, cc) -> Shell.router(cc).ipv6().clearNeighbors())
         .onPart(X_pingContext.class, c -> c.ping_ipv6() != null, (c, cc) -> ping(c.ping_ipv6(), cc))
         .onPart(X_tracerouteContext.class, c -> c.trace_ipv6() != null, (c, cc) -> traceroute(c.trace_ipv6(), cc))
         .onPart(X_debugContext.class, c -> c.debug_ipv6() != null, (c, cc) -> ndDebug(cc, true))
         .onPart(X_undebugContext.class, c -> c.debug_ipv6() != null, (c, cc) -> ndDebug(cc, false))
         .onPart(X_undebugContext.class, null, (c, cc) -> {      // `undebug all`: ND off too, then the owner's handler
             if (c.ALL() != null) Shell.router(cc).ipv6().ndDebug(null);
         });
    }

    /** `debug ipv6 nd`: the engine's ND events to the router's debug log. */
    private static void ndDebug(CommandContext cc, boolean on) {
        Router router = Shell.router(cc);
        router.ipv6().ndDebug(on ? line -> router.log().debug(line) : null);
        cc.println("ICMP Neighbor Discovery events debugging is " + (on ? "on" : "off"));
    }

    /** Interface lines after the line state (IOS writes them after `duplex`/`speed`, before the tunnel lines); `ipv6 route` after `ip route`. */
    public static void sections(RunningConfigWriter w) {
        w.iface(360, (i, sb) -> {
            Ipv6Config.Interface v = i.ipv6;
            if (v.linkLocal != null) sb.append(" ipv6 address ").append(v.linkLocal).append(" link-local\n");
            for (Ipv6Config.Address a : v.addresses) {
                sb.append(" ipv6 address ").append(a.address()).append('/').append(a.length()).append(a.eui64() ? " eui-64\n" : "\n");
            }
            if (v.enable) sb.append(" ipv6 enable\n");
            if (v.mtu != null) sb.append(" ipv6 mtu ").append(v.mtu).append('\n');
        });
        w.global(RunningConfigWriter.HEADER + 10, (c, sb) -> {
            if (c.ipv6.unicastRouting) sb.append("ipv6 unicast-routing\n!\n");
        });
        w.global(RunningConfigWriter.ROUTING + 10, (c, sb) -> {
            if (c.ipv6.routes.isEmpty()) return;
            for (Ipv6Config.Route r : c.ipv6.routes) {
                sb.append("ipv6 route ").append(r.prefix()).append('/').append(r.length());
                if (r.iface() != null) sb.append(' ').append(r.iface());
                if (r.nextHop() != null) sb.append(' ').append(r.nextHop());
                if (r.distance() != 1) sb.append(' ').append(r.distance());
                sb.append('\n');
            }
            sb.append("!\n");
        });
    }

    static Ipv6Address address(org.antlr.v4.runtime.Token t) { return Ipv6Address.parse(t.getText()); }

    private static Ipv6Address prefixAddress(String s) { return Ipv6Address.parse(s.substring(0, s.indexOf('/'))); }

    private static int prefixLength(String s) { return Integer.parseInt(s.substring(s.indexOf('/') + 1)); }

    private static void route(Ipv6_routeContext c, CommandContext cc) {
        RunningConfig cfg = Shell.config(cc);
        InterfaceName iface = c.iface == null ? null : InterfaceName.parse(c.iface.getText());
        Ipv6Address nh = c.nh == null ? null : address(c.nh);
        if (nh != null && nh.isLinkLocal() && iface == null) {
            cc.error("Interface has to be specified for a link-local nexthop");
            return;
        }
        int distance = c.distance == null ? 1 : Integer.parseInt(c.distance.getText());
        Ipv6Config.Route r = new Ipv6Config.Route(prefixAddress(c.prefix.getText()), prefixLength(c.prefix.getText()), iface, nh, distance);
        cfg.ipv6.routes.removeIf(o -> o.samePath(r));
        if (cc.negated()) return;
        cfg.ipv6.routes.add(r);
        cfg.ipv6.routes.sort(Comparator.comparing(Ipv6Config.Route::prefix).thenComparingInt(Ipv6Config.Route::length));
    }

    private static void address(If_ipv6_addressContext c, CommandContext cc) {
        InterfaceConfig ic = cc.target(InterfaceConfig.class);
        Ipv6Config.Interface v = ic.ipv6;
        if (c.ll != null) {
            Ipv6Address a = address(c.ll);
            if (!a.isLinkLocal()) {
                cc.error(a + " is not a valid link-local address");
                return;
            }
            if (cc.negated()) {
                if (a.equals(v.linkLocal)) v.linkLocal = null;
            } else v.linkLocal = a;
            return;
        }
        if (c.prefix == null) {                        // `no ipv6 address`: all of them
            v.addresses.clear();
            v.linkLocal = null;
            return;
        }
        Ipv6Address a = prefixAddress(c.prefix.getText());
        int len = prefixLength(c.prefix.getText());
        boolean eui = c.EUI_64() != null;
        if (eui && len > 64) {
            cc.error("Prefix length must be 64 bits or less for EUI-64 addresses");   // RFC 4291 §2.5.1: the identifier is 64 bits
            return;
        }
        if (a.isMulticast() || a.isLinkLocal() && !eui) {
            cc.error(c.prefix.getText() + " is not a valid unicast address or prefix");
            return;
        }
        Ipv6Config.Address typed = new Ipv6Config.Address(eui ? a.prefix(64) : a, len, eui);
        v.addresses.removeIf(x -> x.equals(typed));
        if (cc.negated()) return;
        for (InterfaceConfig other : Shell.config(cc).interfaces.values()) {
            if (other == ic) continue;
            for (Ipv6Config.Address x : other.ipv6.addresses) {
                if (!x.eui64() && !eui && x.address().prefix(Math.min(x.length(), len)).equals(a.prefix(Math.min(x.length(), len)))) {
                    cc.error(a.prefix(len) + "/" + len + " overlaps with " + other.name.shortForm());   // IOS: "% 2001:DB8::/64 overlaps with Gi0/1"
                    return;
                }
            }
        }
        v.addresses.add(typed);
    }

    // ------------------------------------------------------------------ ping, traceroute

    private static void ping(Ping_ipv6Context c, CommandContext cc) {
        Ipv6Address dst = address(c.dst);
        int count = 5, size = 100;
        long timeout = 2;
        for (Ping6_optionContext o : c.ping6_option()) {
            if (o.ping_repeat() != null) count = Integer.parseInt(o.ping_repeat().DEC().getText());
            else if (o.ping_size() != null) size = Integer.parseInt(o.ping_size().DEC().getText());
            else timeout = Long.parseLong(o.ping_timeout().DEC().getText());
        }
        if (size < 48 || size > 65535) {
            cc.error("Invalid size: must be between 48 and 65535");   // 40-byte header + the 8-byte echo header
            return;
        }
        cc.println("Type escape sequence to abort.");
        cc.println("Sending " + count + ", " + size + "-byte ICMP Echos to " + dst + ", timeout is " + timeout + " seconds:");
        Router r = Shell.router(cc);
        Session.Background bg = cc.background();
        Ipv6Probe p = Ipv6Probe.ping(r.ipv6(), dst, null, count, size, timeout * 1_000_000_000L, r.ip().nextIpId(), new PingOutput(bg));
        bg.onAbort(p::abort);
        p.start();
    }

    /** IOS marks, 70 to a line, then the success rate over the echoes that completed. */
    private static final class PingOutput implements Ipv6Probe.Listener {
        private final Session.Background out;
        private int count, replies, column;
        private long min = Long.MAX_VALUE, max, sum;

        PingOutput(Session.Background out) { this.out = out; }

        @Override
        public void answer(int hop, Ipv6Probe.Outcome o, Ipv6Address from, long rtt) {
            count++;
            if (o == Ipv6Probe.Outcome.REPLY) {
                replies++;
                min = Math.min(min, rtt);
                max = Math.max(max, rtt);
                sum += rtt;
            }
            if (column == 70) {
                out.print("\n");
                column = 0;
            }
            out.print(String.valueOf(o.mark));
            column++;
        }

        @Override
        public void done() {
            StringBuilder sb = new StringBuilder("\nSuccess rate is ").append(count == 0 ? 0 : replies * 100L / count).append(" percent (")
                    .append(replies).append('/').append(count).append(')');
            if (replies > 0) sb.append(", round-trip min/avg/max = ").append(min).append('/').append(sum / replies).append('/').append(max).append(" ms");
            out.print(sb.append('\n').toString());
            out.done();
        }
    }

    private static void traceroute(Trace_ipv6Context c, CommandContext cc) {
        Ipv6Address dst = address(c.dst);
        cc.println("Type escape sequence to abort.");
        cc.println("Tracing the route to " + dst);
        cc.println("");
        Router r = Shell.router(cc);
        Session.Background bg = cc.background();
        Ipv6Probe t = Ipv6Probe.traceroute(r.ipv6(), dst, 30, 3, 3_000_000_000L, 49152 + (r.ip().nextIpId() & 0x3fff), new TraceOutput(bg));
        bg.onAbort(t::abort);
        t.start();
    }

    /** Hop lines as IOS prints them: `  1 2001:DB8:12::2 1 msec 0 msec 1 msec`, ` * ` for a lost probe. */
    private static final class TraceOutput implements Ipv6Probe.Listener {
        private final Session.Background out;
        private int hop;
        private Ipv6Address last;

        TraceOutput(Session.Background out) { this.out = out; }

        @Override
        public void answer(int h, Ipv6Probe.Outcome o, Ipv6Address from, long rtt) {
            StringBuilder sb = new StringBuilder();
            if (h != hop) {
                if (hop != 0) sb.append('\n');
                sb.append(String.format("%3d ", h));
                hop = h;
                last = null;
            }
            if (from == null) sb.append(" * ");
            else {
                if (!from.equals(last)) {
                    if (last != null) sb.append("\n    ");
                    sb.append(from);
                    last = from;
                }
                sb.append(o == Ipv6Probe.Outcome.UNREACHABLE ? " !U " : " " + rtt + " msec");
            }
            out.print(sb.toString());
        }

        @Override
        public void done() {
            if (hop != 0) out.print("\n");
            out.done();
        }
    }
}
