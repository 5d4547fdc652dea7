package dev.routerlab.eigrp.cli;

import static dev.routerlab.cli.Args.ip;

import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RoutingProcess.Protocol;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.routing.cli.RoutingCommands;

/** EIGRP's command layer: `router eigrp` sub-mode commands and their running-config lines. */
public final class EigrpCommands {
    private EigrpCommands() {}

    public static void register(CommandRegistry r) {
        r.on(R_eigrpContext.class, (c, cc) -> {
            RoutingProcess p = cc.target(RoutingProcess.class);
            if (p.key.protocol() != Protocol.EIGRP) cc.invalid(c.EIGRP());
            else p.routerId = cc.negated() || c.IP_ADDRESS() == null ? null : ip(c.IP_ADDRESS());
        });
    }

    /** `router eigrp` first among the routing processes, as IOS writes them. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.ROUTER_EIGRP, (c, sb) -> RoutingCommands.processes(c, Protocol.EIGRP, EigrpCommands::body, sb));
    }

    private static void body(RoutingProcess p, StringBuilder sb) {
        RoutingCommands.networks(p, sb);
        RoutingCommands.redistribute(p, sb);
        RoutingCommands.passive(p, sb);
        RoutingCommands.maximumPaths(p, sb);
        if (p.routerId != null) sb.append(" eigrp router-id ").append(Ipv4Address.toString(p.routerId)).append('\n');
    }
}
