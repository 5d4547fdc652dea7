package dev.routerlab.ip.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import java.util.Locale;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.device.cli.SystemCommands;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Session;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Ping;
import dev.routerlab.ip.Traceroute;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;

/**
 * The IPv4 command layer: `ping`, `traceroute`, `show ip interface [brief]`, `show ip arp`,
 * `clear arp-cache`, `clear counters`, and the interface configuration ({@link InterfaceCommands}).
 */
public final class IpCommands {
    private IpCommands() {}

    public static void register(CommandRegistry r) {
        r.on(X_pingContext.class, IpCommands::ping)
         .on(X_tracerouteContext.class, IpCommands::traceroute)
         .on(S_ip_interfaceContext.class, IpCommands::ipInterface)
         .on(S_ip_arpContext.class, (c, cc) -> arp(cc))
         .on(S_arpContext.class, (c, cc) -> arp(cc))
         .on(Clear_arp_cacheContext.class, (c, cc) -> Shell.router(cc).ip().arp().clear())
         .on(Clear_countersContext.class, IpCommands::clearCounters);
        InterfaceCommands.register(r);
    }

    /** `show ip arp` and `show arp` (the same table on IOS). */
    private static void arp(CommandContext cc) {
        Router r = Shell.router(cc);
        cc.print(r.ip().arp().render(r.ip().interfaces(), r.scheduler().nanos()));
    }

    public static void sections(RunningConfigWriter w) {
        InterfaceCommands.sections(w);
    }

    /** A `source` option: an interface's address, or an address that must be one of ours. */
    static Integer source(CommandContext cc, org.antlr.v4.runtime.tree.TerminalNode ifName,
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
        if (c.IP_ADDRESS() == null) {
            ExtendedDialog.ping(cc, c.IP() != null);
            return;
        }
        String vrf = c.vrf == null ? null : c.vrf.getText();
        if (vrf != null && !Shell.config(cc).vrfs.containsKey(vrf)) {
            cc.invalid(c.WORD());
            return;
        }
        int dst = ip(c.IP_ADDRESS());
        int count = 5, size = 100;
        Integer src = null;
        long timeout = 2;
        boolean df = false;
        for (Ping_optionContext o : c.ping_option()) {
            if (o.ping_repeat() != null) count = Integer.parseInt(o.ping_repeat().DEC().getText());
            else if (o.ping_size() != null) size = Integer.parseInt(o.ping_size().DEC().getText());
            else if (o.ping_timeout() != null) timeout = Long.parseLong(o.ping_timeout().DEC().getText());
            else if (o.ping_df_bit() != null) df = true;
            else {
                src = source(cc, o.ping_source().INTERFACE_NAME(), o.ping_source().IP_ADDRESS());
                if (src == null) return;
            }
        }
        ping(cc, vrf, dst, count, size, src == null ? 0 : src, df, timeout);
    }

    /** Starts a ping (from the command line or the extended dialog); source 0: the output interface's address. */
    static void ping(CommandContext cc, int dst, int count, int size, int src, boolean df, long timeout) {
        ping(cc, null, dst, count, size, src, df, timeout);
    }

    /** As above in a VRF's table (null: the global one). */
    static void ping(CommandContext cc, String vrf, int dst, int count, int size, int src, boolean df, long timeout) {
        cc.println("Type escape sequence to abort.");
        cc.println("Sending " + count + ", " + size + "-byte ICMP Echos to " + Ipv4Address.toString(dst)
            + ", timeout is " + timeout + " seconds:");
        if (src != 0) cc.println("Packet sent with a source address of " + Ipv4Address.toString(src));
        if (df) cc.println("Packet sent with the DF bit set");
        Router r = Shell.router(cc);
        Session.Background bg = cc.background();
        Ping p = new Ping(r.ip(), vrf, new PingOutput(bg), dst, count, size, src, df, timeout * 1_000_000_000L, r.ip().nextIpId());
        bg.onAbort(p::abort);
        p.start();
    }

    /**
     * IOS marks, 70 to a line: `!` reply, `.` timeout, `U` unreachable, `M` could not fragment,
     * `Q` source quench, `&` lifetime exceeded, `?` anything else; then the success rate over the
     * echoes that completed (fewer than the repeat count when aborted).
     */
    private static final class PingOutput implements Ping.Listener {
        private static final int LINE = 70;
        private final Session.Background out;
        private int count;
        private int replies;
        private long min = Long.MAX_VALUE, max, sum;
        private int column;

        PingOutput(Session.Background out) { this.out = out; }

        @Override
        public void echo(Ping.Outcome o, long rtt) {
            count++;
            if (o == Ping.Outcome.REPLY) {
                replies++;
                min = Math.min(min, rtt);
                max = Math.max(max, rtt);
                sum += rtt;
            }
            if (column == LINE) {
                out.print("\n");
                column = 0;
            }
            out.print(switch (o) {
                case REPLY -> "!";
                case TIMEOUT -> ".";
                case UNREACHABLE -> "U";
                case CANNOT_FRAGMENT -> "M";
                case SOURCE_QUENCH -> "Q";
                case TTL_EXCEEDED -> "&";
                case OTHER -> "?";
            });
            column++;
        }

        @Override
        public void done() {
            StringBuilder sb = new StringBuilder("\nSuccess rate is ").append((count == 0 ? 0 : replies * 100L / count)).append(" percent (")
                .append(replies).append('/').append(count).append(')');
            if (replies > 0) sb.append(", round-trip min/avg/max = ").append(min).append('/').append(sum / replies).append('/').append(max).append(" ms");
            out.print(sb.append('\n').toString());
            out.done();
        }
    }

    private static void traceroute(X_tracerouteContext c, CommandContext cc) {
        if (c.IP_ADDRESS() == null) {
            ExtendedDialog.traceroute(cc, c.IP() != null);
            return;
        }
        String vrf = c.vrf == null ? null : c.vrf.getText();
        if (vrf != null && !Shell.config(cc).vrfs.containsKey(vrf)) {
            cc.invalid(c.WORD());
            return;
        }
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
            else if (o.trace_ttl() != null) {
                minTtl = num(o.trace_ttl().min);
                maxTtl = num(o.trace_ttl().max);
                if (maxTtl < minTtl) {
                    cc.error("Maximum TTL must be greater than or equal to minimum TTL");
                    return;
                }
            }
            // `numeric`: addresses are never resolved to names here anyway
        }
        traceroute(cc, vrf, dst, src, timeout, probes, minTtl, maxTtl, Traceroute.BASE_PORT);
    }

    /** Starts a trace (from the command line or the extended dialog) in a VRF's table (null: the global one). */
    static void traceroute(CommandContext cc, String vrf, int dst, int src, long timeout, int probes, int minTtl, int maxTtl, int port) {
        cc.println("Type escape sequence to abort.");
        cc.println("Tracing the route to " + Ipv4Address.toString(dst));
        cc.println("VRF info: (vrf in name/id, vrf out name/id)");
        IpEngine ip = Shell.router(cc).ip();
        int sport = 49152 + (ip.nextIpId() & 0x3fff);
        Session.Background bg = cc.background();
        Traceroute t = new Traceroute(ip, vrf, new TraceOutput(bg), dst, src, timeout * 1_000_000_000L, probes, minTtl, maxTtl, sport, port);
        bg.onAbort(t::abort);
        t.start();
    }

    /**
     * Hop lines as IOS prints them: the hop number as `%3d ` (`  1 10.0.12.2 1 msec 0 msec 1 msec`),
     * ` * ` for a probe lost (`  1  *  *  * `),
     * `!H` and the like for unreachables, a new indented line when another router answers.
     */
    private static final class TraceOutput implements Traceroute.Listener {
        private final Session.Background out;
        private int lastResponder;
        private boolean anyOnLine;
        private boolean inHop;

        TraceOutput(Session.Background out) { this.out = out; }

        @Override
        public void hop(int ttl) {
            lastResponder = 0;
            anyOnLine = false;
            inHop = true;
            out.print(String.format("%3d ", ttl));
        }

        @Override
        public void lost() {
            out.print(" * ");
            anyOnLine = true;
        }

        @Override
        public void answered(int responder, int type, int code, long rtt) {
            StringBuilder sb = new StringBuilder();
            if (responder != lastResponder) {
                if (anyOnLine && lastResponder != 0) sb.append("\n    ");
                sb.append(Ipv4Address.toString(responder));
                lastResponder = responder;
            }
            if (type == Icmp.TYPE_TIME_EXCEEDED || code == Icmp.CODE_PORT_UNREACHABLE) {
                sb.append(' ').append(rtt).append(" msec");
            } else {
                sb.append(' ').append(switch (code) {
                    case Icmp.CODE_NET_UNREACHABLE -> "!N";
                    case Icmp.CODE_HOST_UNREACHABLE -> "!H";
                    case Icmp.CODE_PROTOCOL_UNREACHABLE -> "!P";
                    case Icmp.CODE_ADMIN_PROHIBITED -> "!A";
                    default -> "!?";
                }).append(' ');
            }
            anyOnLine = true;
            out.print(sb.toString());
        }

        @Override
        public void hopDone() {
            out.print("\n");
            inHop = false;
        }

        @Override
        public void done() {
            if (inHop) out.print("\n");   // aborted in the middle of a hop
            out.done();
        }
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
        IpInterface only = one;
        cc.ask(q, false, a -> {
            if (a == null || !(a.isBlank() || a.strip().toLowerCase(Locale.ROOT).startsWith("y"))) return;
            long now = r.scheduler().nanos();
            for (IpInterface i : r.ip().interfaces()) if (only == null || i == only) i.counters.clear(now);
            Session s = cc.session();
            String by = s.isVty() ? (s.user() == null ? "vty" : s.user()) + " on " + s.lineName().replace(" ", "")
                + (s.from() == null ? "" : " (" + s.from() + ")") : "console";
            r.log("CLEAR", 5, "COUNTERS", "Clear counter on " + (only == null ? "all interfaces" : "interface " + only.name) + " by " + by);
        });
    }

    private static void ipInterface(S_ip_interfaceContext c, CommandContext cc) {
        RunningConfig cfg = Shell.config(cc);
        if (c.BRIEF() != null) {
            cc.println("Interface                  IP-Address      OK? Method Status                Protocol");
            for (InterfaceConfig i : SystemCommands.physicalFirst(cfg)) {
                Router r = Shell.router(cc);
                String addr = i.address == null ? "unassigned" : Ipv4Address.toString(i.address.address());
                cc.println(String.format("%-27s%-16s%-4s%-7s%-22s%s", i.name, addr, "YES",
                    r.runtime(i.name).addressMethod, r.linkStatus(i), r.lineProtocolUp(i) ? "up" : "down").stripTrailing());
            }
            return;
        }
        for (InterfaceConfig i : cfg.interfaces.values()) {
            if (c.INTERFACE_NAME() != null && !i.name.equals(InterfaceName.parse(c.INTERFACE_NAME().getText()))) continue;
            Router r = Shell.router(cc);
            cc.println(i.name + " is " + r.linkStatus(i) + ", line protocol is " + (r.lineProtocolUp(i) ? "up" : "down"));
            if (i.address == null) {
                cc.println("  Internet protocol processing disabled");
                continue;
            }
            cc.println("  Internet address is " + SystemCommands.prefix(i.address));
            cc.println("  Broadcast address is 255.255.255.255");
            cc.println("  MTU is " + ipMtu(r, i.name) + " bytes");
            for (InterfaceConfig.Ipv4Prefix p : i.secondaries) cc.println("  Secondary address " + SystemCommands.prefix(p));
        }
    }

    /** The IP MTU line of `show ip interface`. */
    private static int ipMtu(Router r, InterfaceName n) {
        IpInterface i = r.ip().get(n);
        return i == null ? Ipv4.MAX_PACKET_LEN : i.ipMtu();
    }
}
