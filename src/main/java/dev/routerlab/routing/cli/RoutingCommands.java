package dev.routerlab.routing.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import java.util.Comparator;
import java.util.List;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.RoutingProcess.Network;
import dev.routerlab.config.RoutingProcess.EigrpMetric;
import dev.routerlab.config.RoutingProcess.Protocol;
import dev.routerlab.config.RoutingProcess.Redistribution;
import dev.routerlab.config.RoutingProcess.Source;
import dev.routerlab.config.RunningConfig.StaticRoute;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.routing.Route;
import dev.routerlab.routing.RouteView;
import dev.routerlab.packet.Ipv4Address;

/**
 * `ip route`, `router ospf|eigrp N` and the config-router commands, their running-config
 * sections, and `show ip route`. {@link RoutingProcess#passive} lists the interfaces whose passive state differs from
 * the process default: passive ones normally, the non-passive ones under `passive-interface
 * default` (see {@link #isPassive}).
 */
public final class RoutingCommands {
    /** Static routes in the order IOS keeps them: by prefix, then mask. */
    private static final Comparator<StaticRoute> ROUTE_ORDER = Comparator
        .comparing(StaticRoute::vrf, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparingLong((StaticRoute r) -> Integer.toUnsignedLong(r.prefix()))
        .thenComparingLong(r -> Integer.toUnsignedLong(r.mask()));

    private RoutingCommands() {}

    public static void register(CommandRegistry r) {
        r.on(S_ip_routeContext.class, RoutingCommands::showRoute)
         .on(Ip_routeContext.class, RoutingCommands::ipRoute)
         .on(G_routerContext.class, RoutingCommands::router)
         .on(R_networkContext.class, RoutingCommands::network)
         .on(R_passiveContext.class, RoutingCommands::passive)
         .on(R_maximum_pathsContext.class, (c, cc) -> cc.target(RoutingProcess.class).maximumPaths = cc.negated() ? null : num(c.paths))
         .on(R_redistributeContext.class, RoutingCommands::redistribute)
         .on(R_neighborContext.class, RoutingCommands::neighbor)
         // each protocol's layer appends its `Routing Protocol is "..."` block
         .on(S_ip_protocolsContext.class, (c, cc) -> cc.print("*** IP Routing is NSF aware ***\n\n"));
    }

    /** The static routes, after the routing processes (each protocol's layer writes its own). */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.ROUTING, RoutingCommands::write);
    }

    /** Is the interface passive in this process? */
    public static boolean isPassive(RoutingProcess p, InterfaceName n) {
        return p.passiveDefault != p.passive.contains(n);
    }

    private static void ipRoute(Ip_routeContext c, CommandContext cc) {
        int prefix = ip(c.prefix), mask = ip(c.mask);
        if (!Ipv4Address.isValidMask(mask) || (prefix & ~mask) != 0) {
            cc.println("%Inconsistent address and mask");
            return;
        }
        List<StaticRoute> routes = Shell.config(cc).staticRoutes;
        String vrf = c.vrf == null ? null : c.vrf.getText();
        if (vrf != null && !Shell.config(cc).vrfs.containsKey(vrf)) {
            cc.println("% IP routing table " + vrf + " does not exist. Create first");
            return;
        }
        Route_targetContext t = c.route_target();
        if (t == null) { // `no ip route [vrf V] P M`
            routes.removeIf(r -> r.prefix() == prefix && r.mask() == mask && java.util.Objects.equals(r.vrf(), vrf));
            return;
        }
        InterfaceName iface = null;
        Integer nextHop = null;
        if (t.INTERFACE_NAME() != null) {
            iface = InterfaceName.parse(t.INTERFACE_NAME().getText());
            boolean null0 = iface.type() == InterfaceName.Type.NULL && "0".equals(iface.number());   // always there, as on IOS
            if (!null0 && !Shell.config(cc).interfaces.containsKey(iface)) {
                cc.invalid(t.INTERFACE_NAME());
                return;
            }
        }
        if (t.IP_ADDRESS() != null) nextHop = ip(t.IP_ADDRESS());
        InterfaceName ifc = iface;
        Integer nh = nextHop;
        int[] same = sameKey(routes, vrf, prefix, mask);
        routes.subList(same[0], same[1]).removeIf(r -> java.util.Objects.equals(r.iface(), ifc) && java.util.Objects.equals(r.nextHop(), nh));
        if (cc.negated()) return;
        if (nextHop != null && Shell.config(cc).ownsAddress(nextHop)) {
            cc.println("%Invalid next hop address (it's this router)");
            return;
        }
        int distance = c.distance == null ? 1 : num(c.distance);
        long tag = 0;
        boolean permanent = false;
        String name = null;
        Integer track = null;
        for (Route_optionContext o : c.route_option()) {
            if (o.route_tag() != null) tag = Long.parseLong(o.route_tag().DEC().getText());
            else if (o.name != null) name = o.name.getText();
            else if (o.PERMANENT() != null) permanent = true;
            else track = num(o.route_track().DEC());
        }
        if (permanent && track != null) {
            cc.error("Permanent and track options are mutually exclusive");
            return;
        }
        // after the routes of the same key, where a stable sort would put it
        routes.add(sameKey(routes, vrf, prefix, mask)[1], new StaticRoute(prefix, mask, iface, nextHop, distance, tag, permanent, name, track, vrf));
    }

    /**
     * The routes of one VRF, prefix and mask in the list (kept in ROUTE_ORDER): [from, to), found
     * by binary search, so a configuration of n routes loads in n log n.
     */
    private static int[] sameKey(List<StaticRoute> routes, String vrf, int prefix, int mask) {
        StaticRoute key = new StaticRoute(prefix, mask, null, null, 0, 0, false, null, null, vrf);
        int lo = 0, hi = routes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ROUTE_ORDER.compare(routes.get(mid), key) < 0) lo = mid + 1; else hi = mid;
        }
        int to = lo;
        while (to < routes.size() && ROUTE_ORDER.compare(routes.get(to), key) == 0) to++;
        return new int[] {lo, to};
    }

    private static void router(G_routerContext c, CommandContext cc) {
        RoutingProcess.Key key = c.router_ospf() != null
            ? new RoutingProcess.Key(Protocol.OSPF, num(c.router_ospf().DEC()))
            : new RoutingProcess.Key(Protocol.EIGRP, num(c.router_eigrp().DEC()));
        if (cc.negated()) {
            Shell.config(cc).routing.remove(key);
            // classic EIGRP's address families in VRFs go with their process
            Shell.config(cc).routing.values().removeIf(p -> key.protocol() == Protocol.EIGRP && Integer.valueOf(key.id()).equals(p.eigrp.parent));
            return;
        }
        RoutingProcess p = Shell.config(cc).routing.computeIfAbsent(key, RoutingProcess::new);
        if (c.router_ospf() != null && c.router_ospf().vrf != null) {
            String vrf = c.router_ospf().vrf.getText();
            if (!Shell.config(cc).vrfs.containsKey(vrf)) {
                cc.error("VRF " + vrf + " not configured.");
                return;
            }
            p.vrf = vrf;
        }
        cc.enter(Mode.CONFIG_ROUTER, p);
    }

    private static void network(R_networkContext c, CommandContext cc) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        boolean ospf = p.key.protocol() == Protocol.OSPF;
        int a = ip(c.IP_ADDRESS());
        Integer wildcard = c.r_wildcard() != null ? ip(c.r_wildcard().IP_ADDRESS()) : null;
        String area = null;
        if (c.r_area() != null) {
            if (!ospf) {
                cc.invalid(c.r_area().AREA());
                return;
            }
            area = c.r_area().id.getText();
        }
        if (ospf && area == null) {
            cc.incomplete();
            return;
        }
        // IOS keeps the network with the bits the wildcard ignores cleared; EIGRP without a
        // wildcard means the classful network
        int net = wildcard != null ? a & ~wildcard : a & classfulMask(a);
        Network n = new Network(net, wildcard, area);
        p.networks.removeIf(x -> x.address() == net && java.util.Objects.equals(x.wildcard(), wildcard));
        if (!cc.negated()) p.networks.add(n);
    }

    private static int classfulMask(int a) {
        int first = a >>> 24;
        if (first < 128) return 0xff000000;
        if (first < 192) return 0xffff0000;
        return 0xffffff00;
    }

    private static void passive(R_passiveContext c, CommandContext cc) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        if (c.DEFAULT() != null) {
            p.passiveDefault = !cc.negated();
            p.passive.clear();
            return;
        }
        InterfaceName n = InterfaceName.parse(c.INTERFACE_NAME().getText());
        if (!Shell.config(cc).interfaces.containsKey(n)) {
            cc.invalid(c.INTERFACE_NAME());
            return;
        }
        boolean passive = !cc.negated();
        p.passive.remove(n);
        if (passive != p.passiveDefault) {
            p.passive.add(n);
            p.passive.sort(null);
        }
    }

    /**
     * `redistribute`: options merge into an existing entry; `no` with options resets those
     * options, `no` alone removes the entry, as IOS does.
     */
    private static void redistribute(R_redistributeContext c, CommandContext cc) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        boolean ospf = p.key.protocol() == Protocol.OSPF;
        Source source;
        int id = 0;
        if (c.STATIC() != null) source = Source.STATIC;
        else if (c.CONNECTED() != null) source = Source.CONNECTED;
        else if (c.redist_ospf() != null) {
            source = Source.OSPF;
            id = num(c.redist_ospf().DEC());
        } else {
            source = Source.EIGRP;
            id = num(c.redist_eigrp().DEC());
        }
        for (Redist_optionContext o : c.redist_option()) { // the options the protocol has not
            var other = o.SUBNETS() != null ? o.SUBNETS() : o.redist_metric_type() != null ? o.redist_metric_type().METRIC_TYPE()
                : o.redist_tag() != null ? o.redist_tag().TAG() : null;
            if (!ospf && other != null) {
                cc.invalid(other);
                return;
            }
            Redist_metricContext m = o.redist_metric();
            if (m == null) continue;
            if (ospf && m.redist_delay() != null) {
                cc.invalid(m.redist_delay().DEC());
                return;
            }
            if (ospf && num(m.value) > 16777214) {
                cc.invalid(m.DEC());
                return;
            }
            if (!ospf && m.redist_delay() == null) {
                cc.incomplete();
                return;
            }
        }
        Redistribution r = p.redistribution(source, id);
        boolean negated = cc.negated();
        if (negated && c.redist_option().isEmpty()) {
            p.redistribute.remove(r);
            return;
        }
        if (r == null) {
            if (negated) return;
            r = new Redistribution(source, id);
            p.redistribute.add(r);
            p.redistribute.sort(Comparator.comparing((Redistribution x) -> x.source).thenComparingInt(x -> x.id));
        }
        for (Redist_optionContext o : c.redist_option()) {
            if (o.SUBNETS() != null) r.subnets = !negated;
            else if (o.ROUTE_MAP() != null) r.routeMap = negated ? null : o.map.getText();
            else if (o.redist_tag() != null) r.tag = negated ? null : Long.parseLong(o.redist_tag().DEC().getText());
            else if (o.redist_metric_type() != null) {
                int type = num(o.redist_metric_type().type);
                r.metricType = negated || type == 2 ? null : type;
            } else {
                Redist_metricContext m = o.redist_metric();
                if (negated) {
                    r.metric = null;
                    r.eigrpMetric = null;
                } else if (ospf) r.metric = Long.parseLong(m.value.getText());
                else r.eigrpMetric = new EigrpMetric(Long.parseLong(m.value.getText()),
                    Long.parseLong(m.redist_delay().getText()), num(m.redist_reliability().DEC()),
                    num(m.redist_load().DEC()), num(m.redist_mtu().DEC()));
            }
        }
        // IOS 15: without `subnets` OSPF takes only classful networks, and says so
        if (ospf && !negated && !r.subnets && source != Source.OSPF) cc.println("% Only classful networks will be redistributed");
    }

    /** `neighbor A [priority N]`: the OSPF non-broadcast neighbour list (RFC 2328 §9.5.1). */
    private static void neighbor(R_neighborContext c, CommandContext cc) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        if (p.key.protocol() != Protocol.OSPF) {
            cc.invalid(c.NEIGHBOR());
            return;
        }
        int a = ip(c.IP_ADDRESS());
        p.neighbors.removeIf(n -> n.address() == a);
        if (cc.negated()) return;
        p.neighbors.add(new RoutingProcess.Neighbor(a, c.prio == null ? null : num(c.prio)));
        p.neighbors.sort(Comparator.comparingLong(n -> Integer.toUnsignedLong(n.address())));
    }

    private static void showRoute(S_ip_routeContext c, CommandContext cc) {
        String vrf = c.vrf == null ? null : c.vrf.getText();
        if (vrf != null && !Shell.config(cc).vrfs.containsKey(vrf)) {
            cc.println("% IP routing table " + vrf + " does not exist");
            return;
        }
        if (vrf != null) cc.print("\nRouting Table: " + vrf + "\n");
        var rib = Shell.router(cc).ip().rib(vrf);
        long now = Shell.router(cc).scheduler().nanos();
        if (c.addr != null) {
            cc.print(RouteView.detail(rib, ip(c.addr), c.mask == null ? null : ip(c.mask)));
            return;
        }
        if (c.SUMMARY() != null) {
            cc.print(summary(Shell.config(cc), rib, vrf));
            return;
        }
        if (c.STATIC() != null) cc.print(RouteView.render(rib, r -> r.source() == Route.Source.STATIC, now));
        else if (c.NHRP() != null) cc.print(RouteView.render(rib, r -> r.source() == Route.Source.NHRP, now));
        else if (c.OSPF() != null) cc.print(RouteView.render(rib, r -> r.source().knownVia.equals("ospf"), now));
        else if (c.EIGRP() != null) cc.print(RouteView.render(rib, r -> r.source().knownVia.equals("eigrp"), now));
        else if (c.CONNECTED() != null) cc.print(RouteView.render(rib, r -> r.source() != Route.Source.STATIC, now));
        else cc.print(RouteView.render(rib, r -> true, now));
    }

    /**
     * `show ip route summary`: the dynamic sources are labelled with the table's processes (EIGRP
     * first, as IOS lists them); the routes of a protocol count under its first process.
     */
    private static String summary(RunningConfig cfg, dev.routerlab.routing.Rib<?> rib, String vrf) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (Protocol proto : new Protocol[] {Protocol.EIGRP, Protocol.OSPF}) {
            for (RoutingProcess p : cfg.routing.values()) {
                if (p.key.protocol() == proto && java.util.Objects.equals(p.vrf, vrf)) {
                    String family = proto == Protocol.OSPF ? "ospf" : "eigrp";
                    labels.putIfAbsent(family, family + " " + p.key.id());
                }
            }
        }
        boolean nhrp = false;
        for (InterfaceConfig ic : cfg.interfaces.values()) {
            nhrp |= ic.nhrp.networkId != null && java.util.Objects.equals(ic.vrf, vrf);
        }
        int id = vrf == null ? 0 : new java.util.ArrayList<>(cfg.vrfs.keySet()).indexOf(vrf) + 1;
        return RouteView.summary(rib, vrf == null ? "default" : vrf, id, labels, nhrp);
    }

    /** The `router P N` processes of one protocol, each as its own layer writes its body. */
    public static void processes(RunningConfig c, Protocol proto, java.util.function.BiConsumer<RoutingProcess, StringBuilder> body,
                                 StringBuilder sb) {
        for (RoutingProcess p : c.routing.values()) {
            if (p.key.protocol() != proto) continue;
            sb.append("router ").append(proto == Protocol.OSPF ? "ospf " : "eigrp ").append(p.key.id());
            if (p.vrf != null) sb.append(" vrf ").append(p.vrf);
            sb.append('\n');
            body.accept(p, sb);
            sb.append("!\n");
        }
    }

    /** The static routes. */
    private static void write(RunningConfig c, StringBuilder sb) {
        for (StaticRoute r : c.staticRoutes) {
            sb.append("ip route ");
            if (r.vrf() != null) sb.append("vrf ").append(r.vrf()).append(' ');
            sb.append(Ipv4Address.toString(r.prefix())).append(' ').append(Ipv4Address.toString(r.mask()));
            if (r.iface() != null) sb.append(' ').append(r.iface());
            if (r.nextHop() != null) sb.append(' ').append(Ipv4Address.toString(r.nextHop()));
            if (r.distance() != 1) sb.append(' ').append(r.distance());
            if (r.tag() != 0) sb.append(" tag ").append(r.tag());
            if (r.permanent()) sb.append(" permanent");
            if (r.name() != null) sb.append(" name ").append(r.name());
            if (r.track() != null) sb.append(" track ").append(r.track());
            sb.append('\n');
        }
        if (!c.staticRoutes.isEmpty()) sb.append("!\n");
    }

    /** `passive-interface` lines as IOS writes them. */
    public static void passive(RoutingProcess p, StringBuilder sb) {
        if (p.passiveDefault) sb.append(" passive-interface default\n");
        for (InterfaceName n : p.passive) {
            sb.append(p.passiveDefault ? " no passive-interface " : " passive-interface ").append(n).append('\n');
        }
    }

    /** `redistribute` lines as IOS writes them: metric, metric-type, subnets, tag, route-map. */
    public static void redistribute(RoutingProcess p, StringBuilder sb) {
        for (Redistribution r : p.redistribute) {
            sb.append(" redistribute ").append(r.source.name().toLowerCase(java.util.Locale.ROOT));
            if (r.id != 0) sb.append(' ').append(r.id);
            if (r.metric != null) sb.append(" metric ").append(r.metric);
            EigrpMetric m = r.eigrpMetric;
            if (m != null) sb.append(" metric ").append(m.bandwidth()).append(' ').append(m.delay()).append(' ')
                .append(m.reliability()).append(' ').append(m.load()).append(' ').append(m.mtu());
            if (r.metricType != null) sb.append(" metric-type ").append(r.metricType);
            if (r.subnets) sb.append(" subnets");
            if (r.tag != null) sb.append(" tag ").append(r.tag);
            if (r.routeMap != null) sb.append(" route-map ").append(r.routeMap);
            sb.append('\n');
        }
    }

    /** The `maximum-paths` line when it differs from the default. */
    public static void maximumPaths(RoutingProcess p, StringBuilder sb) {
        if (p.maximumPaths != null && p.maximumPaths != RoutingProcess.DEFAULT_MAXIMUM_PATHS)
            sb.append(" maximum-paths ").append(p.maximumPaths).append('\n');
    }

    /** `neighbor` lines as IOS writes them. */
    public static void neighbors(RoutingProcess p, StringBuilder sb) {
        for (RoutingProcess.Neighbor n : p.neighbors) {
            sb.append(" neighbor ").append(Ipv4Address.toString(n.address()));
            if (n.priority() != null && n.priority() != 0) sb.append(" priority ").append(n.priority());
            sb.append('\n');
        }
    }

    /** `network` lines as IOS writes them. */
    public static void networks(RoutingProcess p, StringBuilder sb) {
        for (Network n : p.networks) {
            sb.append(" network ").append(Ipv4Address.toString(n.address()));
            if (n.wildcard() != null) sb.append(' ').append(Ipv4Address.toString(n.wildcard()));
            if (n.area() != null) sb.append(" area ").append(n.area());
            sb.append('\n');
        }
    }
}
