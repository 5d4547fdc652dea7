package dev.routerlab.vrf.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.VrfConfig;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * VRF-lite (grammar/imports/Vrf.g4): `vrf definition NAME` and `ip vrf NAME` with their `rd`,
 * `description` and `address-family ipv4`; `vrf forwarding` / `ip vrf forwarding` on an
 * interface (which, as on IOS, removes the interface's IPv4 addresses with IOS's message);
 * `show vrf`, `show ip vrf [interfaces]`. The tables themselves are the IP engine's per-VRF RIB
 * and FIB (`IpEngine.rib(vrf)`); `ip route vrf` and `show ip route vrf` are routing.cli's.
 */
public final class VrfCommands {
    private VrfCommands() {}

    public static void register(CommandRegistry r) {
        r.on(G_vrfContext.class, (c, cc) -> define(c.name.getText(), false, cc))
         .on(Ip_vrfContext.class, (c, cc) -> define(c.name.getText(), true, cc))
         .on(Vrf_rdContext.class, (c, cc) -> cc.target(VrfConfig.class).rd = cc.negated() ? null : c.rd.getText())
         .on(Vrf_descriptionContext.class, (c, cc) -> cc.target(VrfConfig.class).description = cc.negated() ? null : c.TEXT().getText())
         .on(Vrf_afContext.class, (c, cc) -> {
             VrfConfig v = cc.target(VrfConfig.class);
             if (cc.negated()) {
                 if (!v.legacy) v.ipv4 = false;
                 return;
             }
             v.ipv4 = true;
             cc.enter(Mode.VRF_AF, v);
         })
         .on(Vrf_af_exitContext.class, (c, cc) -> cc.enter(Mode.CONFIG_VRF, cc.target(VrfConfig.class)))
         .on(If_vrfContext.class, (c, cc) -> forwarding(c.name == null ? null : c.name.getText(), false, cc))
         .on(If_ip_vrfContext.class, (c, cc) -> forwarding(c.name == null ? null : c.name.getText(), true, cc))
         .on(S_vrfContext.class, (c, cc) -> cc.print(showVrf(cc, c.name == null ? null : c.name.getText(), true)))
         .on(S_ip_vrfContext.class, (c, cc) -> cc.print(c.INTERFACES() != null ? interfaces(cc)
             : c.DETAIL() != null ? detail(cc, c.name == null ? null : c.name.getText())
             : showVrf(cc, c.name == null ? null : c.name.getText(), false)));
    }

    /** The VRF definitions near the top, the interface's line just before its addresses. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.HEADER + 50, VrfCommands::write);
        w.iface(105, (i, sb) -> {
            if (i.vrf != null) sb.append(i.vrfIp ? " ip vrf forwarding " : " vrf forwarding ").append(i.vrf).append('\n');
        });
    }

    private static void define(String name, boolean legacy, CommandContext cc) {
        RunningConfig cfg = Shell.config(cc);
        if (cc.negated()) {
            VrfConfig v = cfg.vrfs.remove(name);
            if (v == null) {
                cc.error("VRF " + name + " does not exist");
                return;
            }
            boolean removed = false;
            for (InterfaceConfig i : cfg.interfaces.values()) {
                if (!name.equals(i.vrf)) continue;
                removed |= i.address != null;
                cfg.setAddress(i, null);
                i.vrf = null;
                i.vrfIp = false;
            }
            cfg.staticRoutes.removeIf(s -> name.equals(s.vrf()));
            if (removed && !legacy) cc.error("IPv4 addresses from all interfaces in VRF " + name + " have been removed");
            return;
        }
        VrfConfig v = cfg.vrfs.computeIfAbsent(name, n -> new VrfConfig(n, legacy));
        cc.enter(Mode.CONFIG_VRF, v);
    }

    /** IOS removes an interface's IPv4 addresses when its VRF changes, and says so. */
    private static void forwarding(String name, boolean ipForm, CommandContext cc) {
        InterfaceConfig i = cc.target(InterfaceConfig.class);
        RunningConfig cfg = Shell.config(cc);
        String old = i.vrf;
        String next = cc.negated() ? null : name;
        if (cc.negated() && (old == null || name != null && !name.equals(old))) return;
        if (next != null && !cfg.vrfs.containsKey(next)) {
            cc.error("VRF " + next + " not configured.");
            return;
        }
        if (Objects.equals(old, next)) return;
        String why = next != null ? "enabling VRF " + next : "disabling VRF " + old;
        if (i.address != null) {
            if (ipForm) cc.error("Interface " + i.name + " IP address " + Ipv4Address.toString(i.address.address()) + " removed due to " + why);
            else cc.error("Interface " + i.name + " IPv4 disabled and address(es) removed due to " + why);
            cfg.setAddress(i, null);
        }
        i.vrf = next;
        i.vrfIp = ipForm && next != null;
    }

    private static void write(RunningConfig c, StringBuilder sb) {
        for (VrfConfig v : c.vrfs.values()) {
            sb.append(v.legacy ? "ip vrf " : "vrf definition ").append(v.name).append('\n');
            if (v.description != null) sb.append(" description ").append(v.description).append('\n');
            if (v.rd != null) sb.append(" rd ").append(v.rd).append('\n');
            if (!v.legacy && v.ipv4) sb.append(" !\n address-family ipv4\n exit-address-family\n");
            sb.append("!\n");
        }
    }

    /** The interfaces in each VRF, by their short names, from the configuration. */
    private static List<String> members(RunningConfig c, String vrf) {
        List<String> out = new ArrayList<>();
        for (InterfaceConfig i : c.interfaces.values()) if (vrf.equals(i.vrf)) out.add(i.name.shortForm());
        return out;
    }

    /** `show vrf` (with the protocols column) and `show ip vrf`. */
    private static String showVrf(CommandContext cc, String only, boolean protocols) {
        RunningConfig c = Shell.config(cc);
        if (only != null && !c.vrfs.containsKey(only)) return "% No VRF named " + only + "\n";
        StringBuilder sb = new StringBuilder(protocols
            ? "  Name                             Default RD            Protocols   Interfaces\n"
            : "  Name                             Default RD            Interfaces\n");
        for (VrfConfig v : c.vrfs.values()) {
            if (only != null && !only.equals(v.name) || !protocols && !v.ipv4) continue;
            List<String> m = members(c, v.name);
            String rd = v.rd == null ? "<not set>" : v.rd;
            String head = protocols ? String.format("  %-32s %-21s %-11s ", v.name, rd, v.ipv4 ? "ipv4" : "<none>")
                : String.format("  %-32s %-21s ", v.name, rd);
            sb.append((head + (m.isEmpty() ? "" : m.get(0))).stripTrailing()).append('\n');
            for (int k = 1; k < m.size(); k++) sb.append(" ".repeat(head.length())).append(m.get(k)).append('\n');
        }
        return sb.toString();
    }

    /**
     * `show ip vrf detail [NAME]`: per VRF its id (definition order), RD, description, CLI
     * format, member interfaces (three to a line) and address families; no route targets or
     * route maps exist here, so none are listed.
     */
    private static String detail(CommandContext cc, String only) {
        RunningConfig c = Shell.config(cc);
        if (only != null && !c.vrfs.containsKey(only)) return "% No VRF named " + only + "\n";
        StringBuilder sb = new StringBuilder();
        int id = 0;
        for (VrfConfig v : c.vrfs.values()) {
            id++;
            if (only != null && !only.equals(v.name)) continue;
            sb.append("VRF ").append(v.name).append(" (VRF Id = ").append(id).append("); default RD ")
              .append(v.rd == null ? "<not set>" : v.rd).append("; default VPNID <not set>\n");
            if (v.description != null) sb.append("  Description: ").append(v.description).append('\n');
            sb.append(v.legacy ? "  Old CLI format, supports IPv4 only\n" : "  New CLI format, supports multiple address-families\n");
            List<String> m = members(c, v.name);
            if (m.isEmpty()) sb.append("  No interfaces\n");
            else {
                sb.append("  Interfaces:\n");
                for (int k = 0; k < m.size(); k += 3) {
                    StringBuilder line = new StringBuilder("    ");
                    for (int j = k; j < Math.min(k + 3, m.size()); j++) line.append(String.format("%-25s", m.get(j)));
                    sb.append(line.toString().stripTrailing()).append('\n');
                }
            }
            if (v.ipv4) {
                sb.append("Address family ipv4 unicast (Table ID = ").append(id).append(String.format(" (0x%X)):%n", id));
                sb.append("  No Export VPN route-target communities\n  No Import VPN route-target communities\n");
                sb.append("  No import route-map\n  No global export route-map\n  No export route-map\n");
                sb.append("  VRF label distribution protocol: not configured\n  VRF label allocation mode: per-prefix\n");
            } else {
                sb.append("Address family ipv4 unicast not active\n");
            }
            if (!v.legacy) {
                sb.append("Address family ipv6 unicast not active\nAddress family ipv4 multicast not active\n");
                sb.append("Address family ipv6 multicast not active\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** `show ip vrf interfaces`: address and line protocol from the IP engine's live state. */
    private static String interfaces(CommandContext cc) {
        RunningConfig c = Shell.config(cc);
        StringBuilder sb = new StringBuilder("Interface              IP-Address      VRF                              Protocol\n");
        for (IpInterface i : Shell.router(cc).ip().interfaces()) {
            InterfaceConfig ic = c.interfaces.get(i.name());
            if (ic == null || ic.vrf == null) continue;
            sb.append(String.format("%-22s %-15s %-32s %s%n", i.name().shortForm(),
                i.hasAddress() ? Ipv4Address.toString(i.address()) : "unassigned", ic.vrf, i.lineUp() ? "up" : "down"));
        }
        return sb.toString();
    }
}
