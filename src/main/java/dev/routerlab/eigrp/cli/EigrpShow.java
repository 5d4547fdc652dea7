package dev.routerlab.eigrp.cli;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.device.Router;
import dev.routerlab.eigrp.EigrpConfig;
import dev.routerlab.eigrp.EigrpInstance;
import dev.routerlab.eigrp.EigrpRouter;
import dev.routerlab.packet.Ipv4Address;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** `show ip eigrp neighbors|topology|interfaces|traffic` and the `show ip protocols` block in the IOS 15 layouts, from the engines. */
final class EigrpShow {
    private EigrpShow() {}

    private static final long SECOND = 1_000_000_000L;

    /** IOS neighbour uptime: hh:mm:ss under a day, then 1d01h, 1w6d, 1y17w. */
    static String uptime(long nanos) {
        long s = Math.max(0, nanos / SECOND);
        if (s < 86400) return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        long h = s / 3600, d = h / 24;
        if (d < 7) return String.format("%dd%02dh", d, h % 24);
        if (d < 365) return (d / 7) + "w" + (d % 7) + "d";
        return (d / 365) + "y" + (d % 365 / 7) + "w";
    }

    /**
     * `EIGRP-IPv4 Neighbors for AS(100)`; named mode: `EIGRP-IPv4 VR(NAME) Address-Family Neighbors
     * for AS(100)`; a process in a VRF adds ` VRF(NAME)`.
     */
    static String title(EigrpRouter.Process p, String what, boolean addressFamily) {
        return head(p, what, addressFamily) + (p.vrf() == null ? "" : " VRF(" + p.vrf() + ")");
    }

    private static String head(EigrpRouter.Process p, String what, boolean addressFamily) {
        String vr = p.virtualInstance() == null ? "" : "VR(" + p.virtualInstance() + ") " + (addressFamily ? "Address-Family " : "");
        return "EIGRP-IPv4 " + vr + what + " for AS(" + p.autonomousSystem() + ")";
    }

    /** The model of a running process. */
    static RoutingProcess model(RunningConfig cfg, EigrpRouter.Process p) {
        return cfg.routing.get(new RoutingProcess.Key(RoutingProcess.Protocol.EIGRP, p.autonomousSystem(), p.vrf()));
    }

    static String neighbors(EigrpRouter.Process p, boolean detail, long now) {
        StringBuilder sb = new StringBuilder(title(p, "Neighbors", true)).append('\n');
        sb.append("H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq\n");
        sb.append("                                                   (sec)         (ms)       Cnt Num\n");
        for (EigrpInstance.NeighborView n : p.instance().neighbors()) {
            sb.append(String.format("%-3d %-23s %-22s %4d %-8s%5d%6d%3d  %d%n", n.handle(), Ipv4Address.toString(n.address()),
                    InterfaceName.parse(n.ifaceName()).shortForm(), n.holdRemainingNanos() / SECOND, uptime(n.uptimeNanos()),
                    n.srttMs(), n.rtoMs(), n.queueCount(), n.lastSequence()));
            if (!detail) continue;
            String version = n.version() == null ? "0.0/0.0" : n.version().osMajor() + "." + n.version().osMinor() + "/"
                    + n.version().tlvMajor() + "." + n.version().tlvMinor();
            sb.append("   Version ").append(version).append(", Retrans: ").append(n.retransmissions()).append(", Retries: ")
              .append(n.retries()).append(", Prefixes: ").append(n.prefixes()).append('\n');
            sb.append("   Topology-ids from peer - 0 \n");
            int stub = n.stubFlags();
            if (stub != 0) {
                sb.append("   Stub Peer Advertising (").append(EigrpCommands.stubWords(stub).strip().toUpperCase())
                  .append(" ) Routes\n   Suppressing queries\n");
            }
        }
        return sb.toString();
    }

    static String topology(EigrpRouter.Process p, boolean allLinks) {
        EigrpInstance e = p.instance();
        // in a VRF: ` VRF(NAME)` after the ID, or named mode's second line `Topology(base) TID(0) VRF(NAME)`
        StringBuilder sb = new StringBuilder(head(p, "Topology Table", false)).append("/ID(")
            .append(Ipv4Address.toString(e.config().routerId())).append(')');
        if (p.vrf() != null && p.virtualInstance() == null) sb.append(" VRF(").append(p.vrf()).append(')');
        if (p.vrf() != null && p.virtualInstance() != null) sb.append("\n           Topology(base) TID(0) VRF(").append(p.vrf()).append(')');
        sb.append('\n')
            .append("Codes: P - Passive, A - Active, U - Update, Q - Query, R - Reply,\n")
            .append("       r - reply Status, s - sia Status \n\n");
        List<EigrpInstance.TopologyView> all = new ArrayList<>(e.topology());
        all.sort(Comparator.comparingLong((EigrpInstance.TopologyView t) -> t.prefix() & 0xffffffffL).thenComparingInt(t -> t.prefixLength()));
        for (EigrpInstance.TopologyView t : all) {
            List<EigrpInstance.PathView> shown = new ArrayList<>();
            for (EigrpInstance.PathView v : t.paths()) if (allLinks || v.successor() || v.feasibleSuccessor()) shown.add(v);
            if (shown.isEmpty() && !t.active()) continue;
            sb.append(t.active() ? 'A' : 'P').append(' ').append(Ipv4Address.toString(t.prefix())).append('/').append(t.prefixLength())
              .append(", ").append(t.successorCount()).append(" successors, FD is ")
              .append(t.feasibleDistance() >= EigrpInstance.INFINITY ? "Inaccessible" : Long.toString(t.feasibleDistance())).append('\n');
            if (t.active()) {
                sb.append("    ").append(t.repliesAwaited().size()).append(" replies, query-origin: ")
                  .append(t.repliesOwed().isEmpty() ? "Local origin" : "Successor Origin").append('\n');
                if (!t.repliesAwaited().isEmpty()) sb.append("         Remaining replies:\n");
                for (int a : t.repliesAwaited()) sb.append("         via ").append(Ipv4Address.toString(a)).append(", r\n");
            }
            for (EigrpInstance.PathView v : shown) {
                sb.append("        via ");
                switch (v.source()) {
                    case "Connected" -> sb.append("Connected, ").append(v.ifaceName());
                    case "Summary" -> sb.append("Summary (").append(v.distance()).append("/0), Null0");
                    case "Redistributed" -> sb.append("Rstatic (").append(v.distance()).append("/0)");
                    default -> sb.append(v.source()).append(" (").append(v.distance()).append('/').append(v.reportedDistance())
                        .append("), ").append(v.ifaceName());
                }
                sb.append('\n');
            }
        }
        sb.append('\n');
        return sb.toString();
    }

    static String interfaces(EigrpRouter.Process p, boolean detail, RunningConfig cfg) {
        StringBuilder sb = new StringBuilder(title(p, "Interfaces", true)).append('\n')
            .append("                              Xmit Queue   PeerQ        Mean   Pacing Time   Multicast    Pending\n")
            .append("Interface              Peers  Un/Reliable  Un/Reliable  SRTT   Un/Reliable   Flow Timer   Routes\n");
        for (EigrpInstance.InterfaceView i : p.instance().interfaces()) {
            if (i.passive()) continue;
            long flow = i.peers() == 0 ? 0 : Math.max(50, 6 * i.meanSrttMs());
            sb.append(String.format("%-23s%5d%11s%10s%12d%10s%14d%12d%n", InterfaceName.parse(i.name()).shortForm(), i.peers(),
                    "0/" + i.pendingRoutes(), "0/0", i.meanSrttMs(), "0/0", flow, 0));
            if (!detail) continue;
            sb.append("  Hello-interval is ").append(i.helloSeconds()).append(", Hold-time is ").append(i.holdSeconds()).append('\n')
              .append("  Split-horizon is ").append(i.splitHorizon() ? "enabled" : "disabled").append('\n')
              .append("  Next xmit serial <none>\n")
              .append("  Packetized sent/expedited: ").append(i.packetized()).append("/0\n")
              .append("  Hello's sent/expedited: ").append(i.hellosSent()).append("/0\n")
              .append("  Un/reliable mcasts: ").append(i.unreliableMcasts()).append('/').append(i.reliableMcasts())
              .append("  Un/reliable ucasts: ").append(i.unreliableUcasts()).append('/').append(i.reliableUcasts()).append('\n')
              .append("  Mcast exceptions: 0  CR packets: ").append(i.crPackets()).append("  ACKs suppressed: 0\n")
              .append("  Retransmissions sent: ").append(i.retransmissions()).append("  Out-of-sequence rcvd: 0\n")
              .append("  Topology-ids on interface - 0 \n");
            InterfaceName n = InterfaceName.parse(i.name());
            RoutingProcess rp = model(cfg, p);
            InterfaceConfig.EigrpInterface ei = rp == null ? null : EigrpRouter.settings(rp, cfg.interfaces.get(n), n);
            if (ei != null && ei.md5) {
                sb.append("  Authentication mode is md5,  key-chain is ");
                sb.append(ei.keyChain == null ? "not set" : "\"" + ei.keyChain + "\"").append('\n');
            } else {
                sb.append("  Authentication mode is not set\n");
            }
        }
        return sb.toString();
    }

    static String traffic(EigrpRouter.Process p) {
        EigrpInstance.Counters c = p.instance().counters();
        return title(p, "Traffic Statistics", true) + "\n"
            + "  Hellos sent/received: " + c.hellosSent + "/" + c.hellosReceived + "\n"
            + "  Updates sent/received: " + c.updatesSent + "/" + c.updatesReceived + "\n"
            + "  Queries sent/received: " + c.queriesSent + "/" + c.queriesReceived + "\n"
            + "  Replies sent/received: " + c.repliesSent + "/" + c.repliesReceived + "\n"
            + "  Acks sent/received: " + c.acksSent + "/" + c.acksReceived + "\n"
            + "  SIA-Queries sent/received: " + c.siaQueriesSent + "/" + c.siaQueriesReceived + "\n"
            + "  SIA-Replies sent/received: " + c.siaRepliesSent + "/" + c.siaRepliesReceived + "\n"
            + "  Hello Process ID: " + p.helloPid + "\n"
            + "  PDM Process ID: " + p.pdmPid + "\n"
            + "  Socket Queue: 0/2000/2/0 (current/max/highest/drops)\n"
            + "  Input Queue: 0/2000/2/0 (current/max/highest/drops)\n\n";
    }

    /** The `Routing Protocol is "eigrp AS"` block of `show ip protocols`. */
    static String protocols(Router router, Collection<EigrpRouter.Process> processes, RunningConfig cfg) {
        StringBuilder sb = new StringBuilder();
        long now = router.scheduler().nanos();
        for (EigrpRouter.Process p : processes) {
            RoutingProcess rp = model(cfg, p);
            if (rp == null) continue;
            EigrpConfig c = p.instance().config();
            sb.append("Routing Protocol is \"eigrp ").append(p.autonomousSystem()).append("\"\n")
              .append("  Outgoing update filter list for all interfaces is not set\n")
              .append("  Incoming update filter list for all interfaces is not set\n")
              .append("  Default networks flagged in outgoing updates\n")
              .append("  Default networks accepted from incoming updates\n");
            if (!rp.redistribute.isEmpty()) {
                sb.append("  Redistributing:");
                String sep = " ";
                for (RoutingProcess.Redistribution r : rp.redistribute) {
                    sb.append(sep).append(r.source.name().toLowerCase(java.util.Locale.ROOT)).append(r.id == 0 ? "" : " " + r.id);
                    sep = ", ";
                }
                sb.append('\n');
            }
            sb.append("  ").append(title(p, "Protocol", true)).append('\n')
              .append("    Metric weight K1=").append(c.k1()).append(", K2=").append(c.k2()).append(", K3=").append(c.k3())
              .append(", K4=").append(c.k4()).append(", K5=").append(c.k5()).append(c.wide() ? " K6=0\n" : "\n");
            // named mode (RFC 7868 section 5.6.2): the 64-bit composite, divided by rib-scale for the RIB
            if (c.wide()) sb.append("    Metric rib-scale ").append(c.ribScale()).append("\n    Metric version 64bit\n");
            sb.append("    Soft SIA disabled\n")
              .append("    NSF-aware route hold timer is 240\n");
            if (c.stubFlags() != 0) sb.append("    EIGRP stub, ").append(String.join(", ", EigrpCommands.stubWords(c.stubFlags()).strip().split(" "))).append('\n');
            sb.append("    Router-ID: ").append(Ipv4Address.toString(c.routerId())).append('\n')
              .append("    Topology : 0 (base) \n")
              .append("      Active Timer: ").append(c.activeTimeSeconds() / 60).append(" min\n")
              .append("      Distance: internal 90 external 170\n")
              .append("      Maximum path: ").append(c.maximumPaths()).append('\n')
              .append("      Maximum hopcount 100\n")
              .append("      Maximum metric variance ").append(c.variance()).append("\n\n")
              .append("  Automatic Summarization: ").append(rp.eigrp.autoSummary ? "enabled" : "disabled").append('\n')
              .append("  Maximum path: ").append(c.maximumPaths()).append('\n')
              .append("  Routing for Networks:\n");
            for (RoutingProcess.Network n : rp.networks) {
                sb.append("    ").append(Ipv4Address.toString(n.address()));
                if (n.wildcard() != null) sb.append('/').append(Integer.bitCount(~n.wildcard()));
                sb.append('\n');
            }
            List<String> passive = new ArrayList<>();
            for (InterfaceConfig ic : cfg.interfaces.values()) {
                if (rp.passiveDefault != rp.passive.contains(ic.name)) passive.add(ic.name.toString());
            }
            if (!passive.isEmpty()) {
                sb.append("  Passive Interface(s):\n");
                for (String s : passive) sb.append("    ").append(s).append('\n');
            }
            sb.append("  Routing Information Sources:\n")
              .append("    Gateway         Distance      Last Update\n");
            for (EigrpInstance.NeighborView n : p.instance().neighbors()) {
                if (n.lastUpdateNanos() == 0) continue;
                long s = Math.max(0, (now - n.lastUpdateNanos()) / SECOND);
                sb.append(String.format("    %-15s %8d      %02d:%02d:%02d%n", Ipv4Address.toString(n.address()), 90, s / 3600, s / 60 % 60, s % 60));
            }
            sb.append("  Distance: internal 90 external 170\n\n");
        }
        return sb.toString();
    }
}
