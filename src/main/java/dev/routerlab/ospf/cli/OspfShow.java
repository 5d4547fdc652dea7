package dev.routerlab.ospf.cli;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.ospf.OspfInstance;
import dev.routerlab.ospf.OspfInterfaceConfig;

import java.util.HashMap;
import java.util.Map;

/** `show ip ospf neighbor` and `show ip ospf interface brief` in the IOS 15 layouts, from the engines' state. */
final class OspfShow {
    private OspfShow() {}

    static String neighbors(Iterable<OspfInstance> processes) {
        StringBuilder sb = new StringBuilder();
        boolean header = false;
        for (OspfInstance p : processes) {
            Map<String, OspfInterfaceConfig.NetworkType> types = new HashMap<>();
            for (OspfInstance.InterfaceInfo i : p.interfaces()) types.put(i.name(), i.config().networkType());
            for (OspfInstance.NeighborInfo n : p.neighbors()) {
                if (!header) {
                    sb.append("Neighbor ID     Pri   State           Dead Time   Address         Interface\n");
                    header = true;
                }
                OspfInterfaceConfig.NetworkType t = types.get(n.interfaceName());
                boolean multiAccess = t == OspfInterfaceConfig.NetworkType.BROADCAST || t == OspfInterfaceConfig.NetworkType.NON_BROADCAST;
                // IOS prints priority 0 and no role on point-to-point links
                String role = !multiAccess ? "  -" : n.isDr() ? "DR" : n.isBdr() ? "BDR" : "DROTHER";
                int d = n.deadTimeSeconds();
                String dead = String.format("%02d:%02d:%02d", d / 3600, d / 60 % 60, d % 60);
                sb.append(String.format("%-15s %3d   %-15s %-11s %-15s %s%n", Ipv4Address.toString(n.routerId()), multiAccess ? n.priority() : 0,
                        n.state().ios + "/" + role, dead, Ipv4Address.toString(n.address()), n.interfaceName()));
            }
        }
        return sb.toString();
    }

    static String interfacesBrief(Iterable<OspfInstance> processes) {
        StringBuilder sb = new StringBuilder();
        boolean header = false;
        for (OspfInstance p : processes) {
            for (OspfInstance.InterfaceInfo i : p.interfaces()) {
                if (!header) {
                    sb.append("Interface    PID   Area  IP Address/Mask    Cost  State Nbrs F/C\n");
                    header = true;
                }
                OspfInterfaceConfig c = i.config();
                String addr = Ipv4Address.toString(c.address()) + "/" + Integer.bitCount(c.mask());
                sb.append(String.format("%-12s %-5d %-5s %-18s %-5d %-5s %d/%d%n", InterfaceName.parse(i.name()).shortForm(),
                        p.processId(), Long.toString(i.areaId() & 0xffffffffL), addr, c.cost(), i.state().ios,
                        i.adjacent(), i.neighbors()));
            }
        }
        return sb.toString();
    }
}
