package dev.routerlab.ospf.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ospf.InterfaceState;
import dev.routerlab.ospf.NeighborState;
import dev.routerlab.ospf.OspfDebug;
import dev.routerlab.ospf.OspfInstance;
import dev.routerlab.ospf.OspfInterfaceConfig;
import dev.routerlab.ospf.OspfInterfaceConfig.NetworkType;
import dev.routerlab.ospf.OspfRouter;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.packet.ospf.Ospf;
import dev.routerlab.routing.RouteView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * OSPF's shows and debugs in the IOS 15 layouts, every value from the engines' state:
 * `show ip ospf [neighbor [detail] | interface [X] [brief] | database [...]]`, the OSPF block of
 * `show ip protocols`, and `debug ip ospf adj|events|hello`.
 */
final class OspfShow {
    private OspfShow() {}

    static void register(CommandRegistry r) {
        r.on(S_ip_ospfContext.class, OspfShow::show)
         .after(S_ip_protocolsContext.class, (c, cc) -> cc.print(protocols(Shell.router(cc).ospf(), Shell.config(cc),
             c.vrf == null ? null : c.vrf.getText(), now(cc))))
         .onPart(X_debugContext.class, c -> c.debug_ip_ospf() != null, (c, cc) -> debug(cc, c.debug_ip_ospf(), true))
         .onPart(X_undebugContext.class, c -> c.debug_ip_ospf() != null, (c, cc) -> debug(cc, c.debug_ip_ospf(), false))
         .onPart(X_undebugContext.class, null, (c, cc) -> {       // `undebug all`: OSPF off too, then the owner's handler
             if (c.ALL() != null) Shell.router(cc).ospf().setDebug(null);
         });
    }

    private static long now(CommandContext cc) { return Shell.router(cc).scheduler().nanos(); }

    private static void show(S_ip_ospfContext c, CommandContext cc) {
        Router router = Shell.router(cc);
        Collection<OspfInstance> procs = router.ospf().processes().values();
        long now = now(cc);
        if (c.s_ospf_neighbor() != null) {
            cc.print(c.s_ospf_neighbor().DETAIL() != null ? neighborDetail(procs) : neighbors(procs));
        } else if (c.s_ospf_interface() != null) {
            S_ospf_interfaceContext i = c.s_ospf_interface();
            String only = i.name == null ? null : InterfaceName.parse(i.name.getText()).toString();
            cc.print(i.BRIEF() != null ? interfacesBrief(procs, only) : interfaces(procs, only, router));
        } else if (c.s_ospf_database() != null) {
            S_ospf_databaseContext d = c.s_ospf_database();
            int type = d.ROUTER() != null ? Lsa.ROUTER : d.NETWORK() != null ? Lsa.NETWORK
                    : d.SUMMARY() != null ? Lsa.SUMMARY_NETWORK : d.EXTERNAL() != null ? Lsa.AS_EXTERNAL
                    : d.NSSA_EXTERNAL() != null ? Lsa.NSSA_EXTERNAL : 0;
            cc.print(type == 0 ? database(procs) : databaseDetail(procs, type));
        } else {
            cc.print(process(procs, now));
        }
    }

    // ================================================================ show ip ospf neighbor [detail]

    static String neighbors(Iterable<OspfInstance> processes) {
        StringBuilder sb = new StringBuilder();
        boolean header = false;
        for (OspfInstance p : processes) {
            for (OspfInstance.NeighborInfo n : p.neighbors()) {
                if (!header) {
                    sb.append("Neighbor ID     Pri   State           Dead Time   Address         Interface\n");
                    header = true;
                }
                boolean multiAccess = multiAccess(typeOf(p, n.interfaceName()));
                // IOS prints priority 0 and no role on point-to-point links
                String role = !multiAccess ? "  -" : n.isDr() ? "DR" : n.isBdr() ? "BDR" : "DROTHER";
                sb.append(String.format("%-15s %3d   %-15s %-11s %-15s %s%n", Ipv4Address.toString(n.routerId()), multiAccess ? n.priority() : 0,
                        n.state().ios + "/" + role, hms(n.deadTimeSeconds()), Ipv4Address.toString(n.address()), n.interfaceName()));
            }
        }
        return sb.toString();
    }

    static String neighborDetail(Iterable<OspfInstance> processes) {
        StringBuilder sb = new StringBuilder();
        for (OspfInstance p : processes) {
            int index = 0;
            for (OspfInstance.NeighborInfo n : p.neighbors()) {
                index++;
                sb.append(" Neighbor ").append(Ipv4Address.toString(n.routerId())).append(", interface address ")
                  .append(Ipv4Address.toString(n.address())).append('\n');
                sb.append("    In the area ").append(Integer.toUnsignedString(n.areaId())).append(" via interface ")
                  .append(n.interfaceName()).append('\n');
                sb.append("    Neighbor priority is ").append(n.priority()).append(", State is ").append(n.state().ios).append(", ")
                  .append(n.stateChanges()).append(" state changes\n");
                sb.append("    DR is ").append(Ipv4Address.toString(n.neighborDr())).append(" BDR is ")
                  .append(Ipv4Address.toString(n.neighborBdr())).append('\n');
                sb.append("    Options is 0x").append(Integer.toHexString(n.helloOptions()).toUpperCase()).append(" in Hello (")
                  .append(options(n.helloOptions())).append(")\n");
                if (n.state().atLeast(NeighborState.EXSTART))
                    sb.append("    Options is 0x").append(Integer.toHexString(n.ddOptions()).toUpperCase()).append(" in DBD (")
                      .append(options(n.ddOptions())).append(")\n");
                sb.append("    Dead timer due in ").append(hms(n.deadTimeSeconds())).append('\n');
                if (n.upSeconds() >= 0) sb.append("    Neighbor is up for ").append(hms(n.upSeconds())).append('\n');
                sb.append("    Index ").append(index).append('/').append(index).append('/').append(index)
                  .append(", retransmission queue length ").append(n.retransmitQueue()).append(", number of retransmission ")
                  .append(n.retransmissions()).append('\n');
                sb.append("    First 0x0(0)/0x0(0)/0x0(0) Next 0x0(0)/0x0(0)/0x0(0)\n");
                sb.append("    Last retransmission scan length is 0, maximum is 0\n");
                sb.append("    Last retransmission scan time is 0 msec, maximum is 0 msec\n");
            }
        }
        return sb.toString();
    }

    /** The option bits IOS names (RFC 2328 A.2). */
    private static String options(int o) {
        List<String> bits = new ArrayList<>();
        if ((o & 0x02) != 0) bits.add("E-bit");
        if ((o & 0x08) != 0) bits.add("N-bit");
        if ((o & 0x10) != 0) bits.add("L-bit");
        if ((o & 0x20) != 0) bits.add("DC-bit");
        if ((o & 0x40) != 0) bits.add("O-bit");
        return bits.isEmpty() ? "None" : String.join(", ", bits);
    }

    // ================================================================ show ip ospf interface [X] [brief]

    static String interfacesBrief(Iterable<OspfInstance> processes, String only) {
        StringBuilder sb = new StringBuilder();
        boolean header = false;
        for (OspfInstance p : processes) {
            for (OspfInstance.InterfaceInfo i : p.interfaces()) {
                if (only != null && !only.equals(i.name())) continue;
                if (!header) {
                    sb.append("Interface    PID   Area  IP Address/Mask    Cost  State Nbrs F/C\n");
                    header = true;
                }
                OspfInterfaceConfig c = i.config();
                String addr = Ipv4Address.toString(c.address()) + "/" + Integer.bitCount(c.mask());
                sb.append(String.format("%-12s %-5d %-5s %-18s %-5d %-5s %d/%d%n", InterfaceName.parse(i.name()).shortForm(),
                        p.processId(), Integer.toUnsignedString(i.areaId()), addr, c.cost(), i.state().ios,
                        i.adjacent(), i.neighbors()));
            }
        }
        return sb.toString();
    }

    static String interfaces(Iterable<OspfInstance> processes, String only, Router router) {
        StringBuilder sb = new StringBuilder();
        for (OspfInstance p : processes) {
            int index = 0;
            List<OspfInstance.NeighborInfo> nbrs = p.neighbors();
            for (OspfInstance.InterfaceInfo i : p.interfaces()) {
                index++;
                if (only != null && !only.equals(i.name())) continue;
                interfaceDetail(sb, p, i, index, nbrs, router.ip().get(InterfaceName.parse(i.name())));
            }
        }
        return sb.toString();
    }

    private static void interfaceDetail(StringBuilder sb, OspfInstance p, OspfInstance.InterfaceInfo i, int index,
                                        List<OspfInstance.NeighborInfo> nbrs, IpInterface ipi) {
        OspfInterfaceConfig c = i.config();
        NetworkType t = c.networkType();
        sb.append(i.name()).append(" is ").append(ipi == null ? "down" : ipi.linkState().ios).append(", line protocol is ")
          .append(ipi != null && ipi.lineUp() ? "up" : "down").append(" \n");
        sb.append("  Internet Address ").append(Ipv4Address.toString(c.address())).append('/').append(Integer.bitCount(c.mask()))
          .append(", Area ").append(Integer.toUnsignedString(i.areaId())).append(", Attached via Network Statement\n");
        sb.append("  Process ID ").append(p.processId()).append(", Router ID ").append(Ipv4Address.toString(p.routerId()))
          .append(", Network Type ").append(t.name()).append(", Cost: ").append(c.cost()).append('\n');
        sb.append("  Topology-MTID    Cost    Disabled    Shutdown      Topology Name\n");
        sb.append(String.format("        0           %-10dno          no            Base%n", c.cost()));
        if (t == NetworkType.LOOPBACK) {
            sb.append("  Loopback interface is treated as a stub Host\n");
            return;
        }
        sb.append("  Transmit Delay is ").append(c.transmitDelay()).append(" sec, State ").append(stateWord(i.state()));
        if (multiAccess(t)) sb.append(", Priority ").append(c.priority());
        sb.append('\n');
        if (multiAccess(t) && i.state() != InterfaceState.DOWN) {
            if (i.designatedRouter() == 0) sb.append("  No designated router on this network\n");
            else sb.append("  Designated Router (ID) ").append(Ipv4Address.toString(i.drId())).append(", Interface address ")
                   .append(Ipv4Address.toString(i.designatedRouter())).append('\n');
            if (i.backupDesignatedRouter() == 0) sb.append("  No backup designated router on this network\n");
            else sb.append("  Backup Designated router (ID) ").append(Ipv4Address.toString(i.bdrId())).append(", Interface address ")
                   .append(Ipv4Address.toString(i.backupDesignatedRouter())).append('\n');
        }
        sb.append("  Timer intervals configured, Hello ").append(c.helloInterval()).append(", Dead ").append(c.deadInterval())
          .append(", Wait ").append(c.deadInterval()).append(", Retransmit ").append(c.retransmitInterval()).append('\n');
        sb.append("    oob-resync timeout ").append(c.deadInterval()).append('\n');
        if (i.state() == InterfaceState.DOWN) return;
        if (c.passive()) sb.append("    No Hellos (Passive interface) \n");
        else if (i.helloDueSeconds() >= 0) sb.append("    Hello due in ").append(hms(i.helloDueSeconds())).append('\n');
        sb.append("  Cisco NSF helper support enabled\n");
        sb.append("  IETF NSF helper support enabled\n");
        sb.append("  Index ").append(index).append('/').append(index).append('/').append(index).append(", flood queue length ")
          .append(i.floodQueue()).append('\n');
        sb.append("  Next 0x0(0)/0x0(0)/0x0(0)\n");
        sb.append("  Last flood scan length is 0, maximum is 0\n");
        sb.append("  Last flood scan time is 0 msec, maximum is 0 msec\n");
        sb.append("  Neighbor Count is ").append(i.neighbors()).append(", Adjacent neighbor count is ").append(i.adjacent()).append(" \n");
        for (OspfInstance.NeighborInfo n : nbrs) {
            if (!n.interfaceName().equals(i.name()) || n.state() != NeighborState.FULL) continue;
            sb.append("    Adjacent with neighbor ").append(Ipv4Address.toString(n.routerId()));
            if (n.isDr()) sb.append("  (Designated Router)");
            else if (n.isBdr()) sb.append("  (Backup Designated Router)");
            sb.append('\n');
        }
        sb.append("  Suppress hello for 0 neighbor(s)\n");
    }

    /** The state word of `show ip ospf interface` (the brief form abbreviates it). */
    private static String stateWord(InterfaceState s) {
        return switch (s) {
            case DOWN -> "DOWN";
            case LOOPBACK -> "LOOPBACK";
            case WAITING -> "WAITING";
            case POINT_TO_POINT -> "POINT_TO_POINT";
            case DR_OTHER -> "DROTHER";
            case BACKUP -> "BDR";
            case DR -> "DR";
        };
    }

    // ================================================================ show ip ospf

    static String process(Iterable<OspfInstance> processes, long now) {
        StringBuilder sb = new StringBuilder();
        for (OspfInstance p : processes) {
            sb.append(" Routing Process \"ospf ").append(p.processId()).append("\" with ID ")
              .append(Ipv4Address.toString(p.routerId())).append('\n');
            sb.append(" Start time: ").append(hmsMillis(p.startNanos())).append(", Time elapsed: ")
              .append(hmsMillis(now - p.startNanos())).append('\n');
            sb.append(" Supports only single TOS(TOS0) routes\n");
            if (p.areaBorderRouter()) sb.append(" It is an area border router\n");
            if (p.asBoundaryRouter()) sb.append(" It is an autonomous system boundary router\n");
            sb.append(" Router is not originating router-LSAs with maximum metric\n");
            sb.append(" Initial SPF schedule delay ").append(OspfInstance.SPF_DELAY / 1_000_000).append(" msecs\n");
            sb.append(" Minimum hold time between two consecutive SPFs ").append(OspfInstance.SPF_HOLD / 1_000_000).append(" msecs\n");
            sb.append(" Maximum wait time between two consecutive SPFs ").append(OspfInstance.SPF_MAX_WAIT / 1_000_000).append(" msecs\n");
            sb.append(" Incremental-SPF disabled\n");
            sb.append(" Minimum LSA interval ").append(OspfInstance.MIN_LS_INTERVAL / 1_000_000_000).append(" secs\n");
            sb.append(" Minimum LSA arrival ").append(OspfInstance.MIN_LS_ARRIVAL / 1_000_000).append(" msecs\n");
            sb.append(" Interface flood pacing timer ").append(OspfInstance.FLOOD_PACING / 1_000_000).append(" msecs\n");
            int externals = 0;
            long sum = 0;
            for (OspfInstance.LsaInfo l : p.database()) {
                if (l.areaId() >= 0) continue;
                externals++;
                sum += l.header().checksum();
            }
            sb.append(String.format(" Number of external LSA %d. Checksum Sum 0x%06X%n", externals, sum));
            sb.append(" Number of opaque AS LSA 0. Checksum Sum 0x000000\n");
            sb.append(" Number of DCbitless external and opaque AS LSA ").append(externals).append('\n');
            sb.append(" Number of DoNotAge external and opaque AS LSA 0\n");
            List<OspfInstance.AreaInfo> areas = p.areas();
            sb.append(" Number of areas in this router is ").append(areaCounts(areas)).append('\n');
            sb.append(" Number of areas transit capable is 0\n");
            sb.append(" External flood list length 0\n");
            sb.append(" IETF NSF helper support enabled\n");
            sb.append(" Cisco NSF helper support enabled\n");
            sb.append(" Reference bandwidth unit is ").append(OspfRouter.REFERENCE_KBPS / 1000).append(" mbps\n");
            for (OspfInstance.AreaInfo a : areas) {
                sb.append("    Area ").append(a.areaId() == 0 ? "BACKBONE(0)" : Long.toString(a.areaId())).append('\n');
                sb.append("        Number of interfaces in this area is ").append(a.interfaces());
                if (a.loopbacks() > 0) sb.append(" (").append(a.loopbacks()).append(" loopback)");
                sb.append('\n');
                if (a.stub() || a.nssa()) {
                    sb.append(a.stub() ? "        It is a stub area" : "        It is a NSSA area")
                      .append(a.noSummary() ? ", no summary LSA in this area" : "").append('\n');
                }
                sb.append("        Area has no authentication\n");
                sb.append("        SPF algorithm last executed ")
                  .append(a.spfRuns() == 0 ? "never" : hmsMillis(now - a.lastSpfNanos()) + " ago").append('\n');
                sb.append("        SPF algorithm executed ").append(a.spfRuns()).append(" times\n");
                sb.append("        Area ranges are\n");
                sb.append(String.format("        Number of LSA %d. Checksum Sum 0x%06X%n", a.lsaCount(), a.checksumSum()));
                sb.append("        Number of opaque link LSA 0. Checksum Sum 0x000000\n");
                sb.append("        Number of DCbitless LSA ").append(a.lsaCount()).append('\n');
                sb.append("        Number of indication LSA 0\n");
                sb.append("        Number of DoNotAge LSA 0\n");
                sb.append("        Flood list length ").append(a.floodListLength()).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ================================================================ show ip ospf database [type]

    /** "3. 1 normal 1 stub 1 nssa" */
    private static String areaCounts(List<OspfInstance.AreaInfo> areas) {
        int stubs = (int) areas.stream().filter(OspfInstance.AreaInfo::stub).count();
        int nssas = (int) areas.stream().filter(OspfInstance.AreaInfo::nssa).count();
        return areas.size() + ". " + (areas.size() - stubs - nssas) + " normal " + stubs + " stub " + nssas + " nssa";
    }

        private static String title(OspfInstance p) {
        return "\n            OSPF Router with ID (" + Ipv4Address.toString(p.routerId()) + ") (Process ID " + p.processId() + ")\n";
    }

    private static String section(int type, long area) {
        String a = " (Area " + area + ")";
        return switch (type) {
            case Lsa.ROUTER -> "Router Link States" + a;
            case Lsa.NETWORK -> "Net Link States" + a;
            case Lsa.SUMMARY_NETWORK -> "Summary Net Link States" + a;
            case Lsa.SUMMARY_ASBR -> "Summary ASB Link States" + a;
            case Lsa.NSSA_EXTERNAL -> "Type-7 AS External Link States" + a;
            default -> "Type-5 AS External Link States";
        };
    }

    static String database(Iterable<OspfInstance> processes) {
        StringBuilder sb = new StringBuilder();
        for (OspfInstance p : processes) {
            sb.append(title(p));
            long area = Long.MIN_VALUE;
            int type = -1;
            for (OspfInstance.LsaInfo l : p.database()) {
                Lsa.Header h = l.header();
                if (l.areaId() != area || h.type() != type) {
                    area = l.areaId();
                    type = h.type();
                    sb.append("\n\t\t").append(section(type, area)).append("\n\n");
                    sb.append("Link ID         ADV Router      Age         Seq#       Checksum")
                      .append(type == Lsa.ROUTER ? " Link count" : type == Lsa.AS_EXTERNAL || type == Lsa.NSSA_EXTERNAL ? " Tag" : "").append('\n');
                }
                sb.append(String.format("%-15s %-15s %-11d 0x%08X 0x%06X", Ipv4Address.toString(h.lsid()),
                        Ipv4Address.toString(h.advRouter()), h.age(), h.seq(), h.checksum()));
                if (type == Lsa.ROUTER) sb.append(' ').append(Lsa.router(l.bytes(), 0).links().size());
                else if (type == Lsa.AS_EXTERNAL || type == Lsa.NSSA_EXTERNAL) sb.append(' ').append(Lsa.external(l.bytes(), 0).routeTag());
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static String databaseDetail(Iterable<OspfInstance> processes, int type) {
        StringBuilder sb = new StringBuilder();
        for (OspfInstance p : processes) {
            sb.append(title(p));
            long area = Long.MIN_VALUE;
            for (OspfInstance.LsaInfo l : p.database()) {
                Lsa.Header h = l.header();
                if (h.type() != type) continue;
                if (l.areaId() != area) {
                    area = l.areaId();
                    sb.append("\n\t\t").append(section(type, area)).append("\n\n");
                }
                lsa(sb, l);
            }
        }
        return sb.toString();
    }

    private static void lsa(StringBuilder sb, OspfInstance.LsaInfo l) {
        Lsa.Header h = l.header();
        byte[] b = l.bytes();
        if (l.routingBit()) sb.append("  Routing Bit Set on this LSA in topology Base with MTID 0\n");
        sb.append("  LS age: ").append(h.age() >= Lsa.MAX_AGE ? "MAXAGE(" + h.age() + ")" : Integer.toString(h.age())).append('\n');
        sb.append("  Options: (No TOS-capability")
          .append(h.type() != Lsa.NSSA_EXTERNAL ? "" : (h.options() & Ospf.OPT_NP) != 0 ? ", Type 7/5 translation" : ", No Type 7/5 translation")
          .append((h.options() & 0x20) != 0 ? ", DC" : "")
          .append(h.type() >= Lsa.SUMMARY_NETWORK && (h.options() & 0x80) == 0 ? ", Upward" : "").append(")\n");
        sb.append("  LS Type: ").append(switch (h.type()) {
            case Lsa.ROUTER -> "Router Links";
            case Lsa.NETWORK -> "Network Links";
            case Lsa.SUMMARY_NETWORK -> "Summary Links(Network)";
            case Lsa.SUMMARY_ASBR -> "Summary Links(AS Boundary Router)";
            default -> "AS External Link";
        }).append('\n');
        sb.append("  Link State ID: ").append(Ipv4Address.toString(h.lsid())).append(switch (h.type()) {
            case Lsa.NETWORK -> " (address of Designated Router)";
            case Lsa.SUMMARY_NETWORK -> " (summary Network Number)";
            case Lsa.SUMMARY_ASBR -> " (AS Boundary Router address)";
            case Lsa.AS_EXTERNAL, Lsa.NSSA_EXTERNAL -> " (External Network Number )";
            default -> "";
        }).append('\n');
        sb.append("  Advertising Router: ").append(Ipv4Address.toString(h.advRouter())).append('\n');
        sb.append("  LS Seq Number: ").append(String.format("%08X", h.seq())).append('\n');
        sb.append("  Checksum: 0x").append(Integer.toHexString(h.checksum()).toUpperCase()).append('\n');
        sb.append("  Length: ").append(h.length()).append('\n');
        switch (h.type()) {
            case Lsa.ROUTER -> {
                Lsa.RouterBody r = Lsa.router(b, 0);
                if ((r.flags() & Lsa.FLAG_B) != 0) sb.append("  Area Border Router\n");
                if ((r.flags() & Lsa.FLAG_E) != 0) sb.append("  AS Boundary Router\n");
                sb.append("  Number of Links: ").append(r.links().size()).append("\n\n");
                for (Lsa.RouterLink k : r.links()) {
                    String id = Ipv4Address.toString(k.linkId()), data = Ipv4Address.toString(k.linkData());
                    switch (k.type()) {
                        case Lsa.LINK_P2P -> sb.append("    Link connected to: another Router (point-to-point)\n")
                                .append("     (Link ID) Neighboring Router ID: ").append(id).append('\n')
                                .append("     (Link Data) Router Interface address: ").append(data).append('\n');
                        case Lsa.LINK_TRANSIT -> sb.append("    Link connected to: a Transit Network\n")
                                .append("     (Link ID) Designated Router address: ").append(id).append('\n')
                                .append("     (Link Data) Router Interface address: ").append(data).append('\n');
                        default -> sb.append("    Link connected to: a Stub Network\n")
                                .append("     (Link ID) Network/subnet number: ").append(id).append('\n')
                                .append("     (Link Data) Network Mask: ").append(data).append('\n');
                    }
                    sb.append("      Number of MTID metrics: 0\n");
                    sb.append("       TOS 0 Metrics: ").append(k.metric()).append("\n\n");
                }
            }
            case Lsa.NETWORK -> {
                Lsa.NetworkBody n = Lsa.network(b, 0);
                sb.append("  Network Mask: /").append(Integer.bitCount(n.mask())).append('\n');
                for (int r : n.attachedRouters()) sb.append("\tAttached Router: ").append(Ipv4Address.toString(r)).append('\n');
                sb.append('\n');
            }
            case Lsa.SUMMARY_NETWORK, Lsa.SUMMARY_ASBR -> {
                Lsa.SummaryBody s = Lsa.summary(b, 0);
                sb.append("  Network Mask: /").append(Integer.bitCount(s.mask())).append('\n');
                sb.append("\tMTID: 0 \tMetric: ").append(s.metric()).append(" \n\n");
            }
            default -> {
                Lsa.ExternalBody x = Lsa.external(b, 0);
                sb.append("  Network Mask: /").append(Integer.bitCount(x.mask())).append('\n');
                sb.append("\tMetric Type: ").append(x.type2() ? "2 (Larger than any link state path)" : "1 (Comparable directly to link state metric)").append('\n');
                sb.append("\tMTID: 0 \n");
                sb.append("\tMetric: ").append(x.metric()).append(" \n");
                sb.append("\tForward Address: ").append(Ipv4Address.toString(x.forwardingAddress())).append('\n');
                sb.append("\tExternal Route Tag: ").append(x.routeTag()).append("\n\n");
            }
        }
    }

    // ================================================================ show ip protocols (the OSPF block)

    /** The `show ip protocols [vrf NAME]` blocks of the OSPF processes of that table (vrf null: the global one). */
    static String protocols(OspfRouter ospf, RunningConfig cfg, String vrf, long now) {
        StringBuilder sb = new StringBuilder();
        for (RoutingProcess rp : cfg.routing.values()) {
            if (rp.key.protocol() != RoutingProcess.Protocol.OSPF || !java.util.Objects.equals(rp.vrf, vrf)) continue;
            OspfInstance p = ospf.processes().get(rp.key.id());
            sb.append("Routing Protocol is \"ospf ").append(rp.key.id()).append("\"\n");
            sb.append("  Outgoing update filter list for all interfaces is not set\n");
            sb.append("  Incoming update filter list for all interfaces is not set\n");
            if (p == null) {
                sb.append('\n');
                continue;
            }
            sb.append("  Router ID ").append(Ipv4Address.toString(p.routerId())).append('\n');
            if (p.areaBorderRouter() && p.asBoundaryRouter()) sb.append("  It is an area border and autonomous system boundary router\n");
            else if (p.areaBorderRouter()) sb.append("  It is an area border router\n");
            else if (p.asBoundaryRouter()) sb.append("  It is an autonomous system boundary router\n");
            List<OspfInstance.AreaInfo> areas = p.areas();
            sb.append("  Number of areas in this router is ").append(areaCounts(areas)).append('\n');
            sb.append("  Maximum path: ").append(p.maximumPaths()).append('\n');
            sb.append("  Routing for Networks:\n");
            for (RoutingProcess.Network n : rp.networks) {
                if (n.area() == null) continue;
                sb.append("    ").append(Ipv4Address.toString(n.address())).append(' ')
                  .append(Ipv4Address.toString(n.wildcard() == null ? 0 : n.wildcard())).append(" area ").append(n.area()).append('\n');
            }
            List<String> passive = new ArrayList<>();
            for (InterfaceName n : cfg.interfaces.keySet()) if (rp.passiveDefault != rp.passive.contains(n)) passive.add(n.toString());
            if (!passive.isEmpty()) {
                sb.append("  Passive Interface(s):\n");
                for (String n : passive) sb.append("    ").append(n).append('\n');
            }
            sb.append("  Routing Information Sources:\n");
            sb.append("    Gateway         Distance      Last Update\n");
            for (OspfInstance.InformationSource s : p.informationSources())
                sb.append(String.format("    %-15s %8d      %s%n", Ipv4Address.toString(s.routerId()), 110, RouteView.age(now - s.sinceNanos())));
            sb.append("  Distance: (default is 110)\n\n");
        }
        return sb.toString();
    }

    // ================================================================ debug ip ospf adj|events|hello

    /** The `debug ip ospf` switches on one router, and the IOS line each event becomes. */
    private record Debugging(Set<Switch> on, Router router) implements OspfDebug {
        enum Switch { ADJ, EVENTS, HELLO }

        @Override
        public void event(int processId, Category c, String interfaceName, String text) {
            boolean show = switch (c) {
                case ADJ -> on.contains(Switch.ADJ) || on.contains(Switch.EVENTS);
                case HELLO -> on.contains(Switch.HELLO) || on.contains(Switch.EVENTS);
                case HELLO_PACKET -> on.contains(Switch.HELLO);
            };
            if (show)
                router.log().debug(String.format("OSPF-%d %-5s %s: %s", processId, c == Category.ADJ ? "ADJ" : "HELLO",
                        InterfaceName.parse(interfaceName).shortForm(), text));
        }
    }

    private static void debug(CommandContext cc, Debug_ip_ospfContext d, boolean on) {
        Router router = Shell.router(cc);
        Set<Debugging.Switch> now = router.ospf().debug() instanceof Debugging g ? EnumSet.copyOf(g.on())
                : EnumSet.noneOf(Debugging.Switch.class);
        Debugging.Switch s = d.ADJ() != null ? Debugging.Switch.ADJ : d.EVENTS() != null ? Debugging.Switch.EVENTS : Debugging.Switch.HELLO;
        if (on) now.add(s);
        else now.remove(s);
        router.ospf().setDebug(now.isEmpty() ? null : new Debugging(now, router));
        String what = switch (s) {
            case ADJ -> "OSPF adjacency";
            case EVENTS -> "OSPF events";
            case HELLO -> "OSPF hello";
        };
        cc.println(what + " debugging is " + (on ? "on" : "off"));
    }

    // ================================================================ helpers

    private static NetworkType typeOf(OspfInstance p, String name) {
        for (OspfInstance.InterfaceInfo i : p.interfaces()) if (i.name().equals(name)) return i.config().networkType();
        return null;
    }

    private static boolean multiAccess(NetworkType t) { return t == NetworkType.BROADCAST || t == NetworkType.NON_BROADCAST; }

    private static String hms(long s) { return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60); }

    private static String hmsMillis(long nanos) {
        long ms = Math.max(0, nanos / 1_000_000);
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
