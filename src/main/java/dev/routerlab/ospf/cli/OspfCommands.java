package dev.routerlab.ospf.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RoutingProcess.Protocol;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.routing.cli.RoutingCommands;

/** OSPF's command layer: `router ospf` sub-mode commands, interface `ip ospf`, their running-config lines; shows and debugs in {@link OspfShow}. */
public final class OspfCommands {
    private OspfCommands() {}

    public static void register(CommandRegistry r) {
        OspfShow.register(r);
        r.on(Ospf_costContext.class, (c, cc) -> iface(cc).ospfCost = cc.negated() ? null : num(c.cost))
         .on(Ospf_helloContext.class, (c, cc) -> iface(cc).ospfHello = cc.negated() ? null : num(c.secs))
         .on(Ospf_deadContext.class, (c, cc) -> iface(cc).ospfDead = cc.negated() ? null : num(c.secs))
         .on(Ospf_priorityContext.class, (c, cc) -> iface(cc).ospfPriority = cc.negated() ? null : num(c.prio))
         .on(Ospf_networkContext.class, (c, cc) -> iface(cc).ospfNetwork = cc.negated() ? null
             : c.POINT_TO_POINT() != null ? InterfaceConfig.OspfNetwork.POINT_TO_POINT : InterfaceConfig.OspfNetwork.BROADCAST)
         .on(R_router_idContext.class, (c, cc) -> {
             RoutingProcess p = cc.target(RoutingProcess.class);
             if (p.key.protocol() != Protocol.OSPF) cc.invalid(c.ROUTER_ID());
             else p.routerId = cc.negated() || c.IP_ADDRESS() == null ? null : ip(c.IP_ADDRESS());
         });
    }

    /** `router ospf` after `router eigrp`; the interface's `ip ospf` lines. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.ROUTER_OSPF, (c, sb) -> RoutingCommands.processes(c, Protocol.OSPF, OspfCommands::body, sb));
        w.iface(250, OspfCommands::ospfInterface);
    }

    private static void body(RoutingProcess p, StringBuilder sb) {
        if (p.routerId != null) sb.append(" router-id ").append(Ipv4Address.toString(p.routerId)).append('\n');
        RoutingCommands.redistribute(p, sb);
        RoutingCommands.passive(p, sb);
        RoutingCommands.networks(p, sb);
        RoutingCommands.neighbors(p, sb);
        RoutingCommands.maximumPaths(p, sb);
    }

    private static InterfaceConfig iface(CommandContext cc) { return cc.target(InterfaceConfig.class); }

    /** The interface's `ip ospf` lines, in IOS order. */
    private static void ospfInterface(InterfaceConfig i, StringBuilder sb) {
        if (i.ospfNetwork != null)
            sb.append(" ip ospf network ").append(i.ospfNetwork == InterfaceConfig.OspfNetwork.BROADCAST ? "broadcast" : "point-to-point").append('\n');
        if (i.ospfHello != null) sb.append(" ip ospf hello-interval ").append(i.ospfHello).append('\n');
        if (i.ospfDead != null) sb.append(" ip ospf dead-interval ").append(i.ospfDead).append('\n');
        if (i.ospfPriority != null) sb.append(" ip ospf priority ").append(i.ospfPriority).append('\n');
        if (i.ospfCost != null) sb.append(" ip ospf cost ").append(i.ospfCost).append('\n');
    }
}
