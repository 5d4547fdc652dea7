package dev.routerlab.cdp.cli;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.cdp.CdpEngine;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;

/**
 * CDP's commands (grammar/imports/Cdp.g4): `cdp run|timer|holdtime|advertise-v2`, interface
 * `cdp enable`, `show cdp [neighbors [detail]|entry|interface|traffic]`, `clear cdp table|counters`,
 * in IOS's layouts; everything shown is the engine's live state.
 */
public final class CdpCommands {
    private CdpCommands() {}

    public static void register(CommandRegistry r) {
        r.on(Cdp_runContext.class, (c, cc) -> Shell.config(cc).cdpRun = !cc.negated())
         .on(Cdp_timerContext.class, (c, cc) -> Shell.config(cc).cdpTimer = cc.negated() ? CdpEngine.DEFAULT_TIMER : num(c.DEC().getText()))
         .on(Cdp_holdtimeContext.class, (c, cc) ->
             Shell.config(cc).cdpHoldtime = cc.negated() ? CdpEngine.DEFAULT_HOLDTIME : num(c.DEC().getText()))
         .on(Cdp_advertiseContext.class, (c, cc) -> Shell.config(cc).cdpAdvertiseV2 = !cc.negated() || cc.isDefault())
         .on(If_cdpContext.class, (c, cc) -> cc.target(InterfaceConfig.class).cdpEnable = !cc.negated() || cc.isDefault())
         .on(S_cdpContext.class, CdpCommands::show)
         .on(Clear_cdpContext.class, (c, cc) -> {
             if (c.TABLE() != null) Shell.router(cc).cdp().clearTable();
             else Shell.router(cc).cdp().clearCounters();
         });
    }

    /** `no cdp run`, non-default timers (after the routing sections, before the ACLs); `no cdp enable` per port; with all, the defaults too. */
    public static void sections(RunningConfigWriter w) {
        w.globalWithDefaults(750, (c, sb, all) -> {
            int before = sb.length();
            if (all || c.cdpTimer != CdpEngine.DEFAULT_TIMER) sb.append("cdp timer ").append(c.cdpTimer).append('\n');
            if (all || c.cdpHoldtime != CdpEngine.DEFAULT_HOLDTIME) sb.append("cdp holdtime ").append(c.cdpHoldtime).append('\n');
            if (!c.cdpAdvertiseV2) sb.append("no cdp advertise-v2\n");
            else if (all) sb.append("cdp advertise-v2\n");
            if (!c.cdpRun) sb.append("no cdp run\n");
            else if (all) sb.append("cdp run\n");
            if (sb.length() > before) sb.append("!\n");
        }).ifaceWithDefaults(360, (i, sb, all) -> {
            if (!i.cdpEnable) sb.append(" no cdp enable\n");
            else if (all && i.name.isPhysical()) sb.append(" cdp enable\n");
        });
    }

    private static int num(String s) { return Integer.parseInt(s); }

    private static void show(S_cdpContext c, CommandContext cc) {
        Router r = Shell.router(cc);
        CdpEngine cdp = r.cdp();
        if (!cdp.running()) {
            cc.error("CDP is not enabled");
            return;
        }
        if (c.cdp_neighbors() != null) {
            Cdp_neighborsContext n = c.cdp_neighbors();
            InterfaceName only = n.INTERFACE_NAME() == null ? null : InterfaceName.parse(n.INTERFACE_NAME().getText());
            List<CdpEngine.Neighbor> list = new ArrayList<>();
            for (CdpEngine.Neighbor x : cdp.neighbors()) if (only == null || x.local().equals(only)) list.add(x);
            if (n.DETAIL() != null) {
                for (CdpEngine.Neighbor x : list) detail(cc, cdp, x);
                cc.println("").println("Total cdp entries displayed : " + list.size());
            } else {
                neighbors(cc, cdp, list);
            }
        } else if (c.cdp_entry() != null) {
            String name = c.cdp_entry().WORD().getText();
            for (CdpEngine.Neighbor x : cdp.neighbors()) {
                if (name.equals("*") || x.deviceId().equals(name)) detail(cc, cdp, x);
            }
        } else if (c.cdp_interface() != null) {
            interfaces(cc, r, c.cdp_interface().INTERFACE_NAME());
        } else if (c.cdp_traffic() != null) {
            CdpEngine.Counters t = cdp.counters();
            cc.println("CDP counters :")
              .println("\tTotal packets output: " + t.output + ", Input: " + t.input)
              .println("\tHdr syntax: " + t.headerSyntax + ", Chksum error: " + t.checksum + ", Encaps failed: " + t.encapsFailed)
              .println("\tNo memory: 0, Invalid packet: " + t.invalid + ", ")
              .println("\tCDP version 1 advertisements output: " + t.v1Out + ", Input: " + t.v1In)
              .println("\tCDP version 2 advertisements output: " + t.v2Out + ", Input: " + t.v2In);
        } else {
            cc.println("Global CDP information:")
              .println("\tSending CDP packets every " + cdp.timer() + " seconds")
              .println("\tSending a holdtime value of " + cdp.holdtime() + " seconds")
              .println("\tSending CDPv2 advertisements is  " + (cdp.v2() ? "enabled" : "disabled"));
        }
    }

    private static final String[] LETTERS = {"R", "T", "B", "S", "H", "I", "r", "P", "D", "C", "M"};
    private static final String[] WORDS = {"Router", "Trans-Bridge", "Source-Route-Bridge", "Switch", "Host", "IGMP",
        "Repeater", "Phone", "Remote", "CVTA", "Two-port Mac Relay"};

    private static List<String> capabilities(int bits, String[] names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) if ((bits & 1 << i) != 0) out.add(names[i]);
        return out;
    }

    /** `Gig 0/0`: an interface name as the neighbour table abbreviates it; other port IDs as sent. */
    static String brief(String port) {
        InterfaceName n = InterfaceName.parse(port);
        if (n == null) return port;
        String t = n.type().ios;
        return t.substring(0, Math.min(3, t.length())) + " " + n.number();
    }

    private static void neighbors(CommandContext cc, CdpEngine cdp, List<CdpEngine.Neighbor> list) {
        cc.println("Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge")
          .println("                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone,")
          .println("                  D - Remote, C - CVTA, M - Two-port Mac Relay")
          .println("")
          .println("Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID");
        for (CdpEngine.Neighbor x : list) {
            StringBuilder sb = new StringBuilder();
            if (x.deviceId().length() > 16) sb.append(x.deviceId()).append('\n').append(" ".repeat(17));
            else sb.append(String.format("%-17s", x.deviceId()));
            sb.append(String.format("%-18s%-3d", brief(x.local().toString()), cdp.remaining(x)));
            // the capability letters sit centred on one column (IOS's layout)
            List<String> caps = capabilities(x.capabilities(), LETTERS);
            int n = caps.size();
            sb.append(" ".repeat(Math.max(1, 16 - n))).append(String.join(" ", caps)).append(" ".repeat(Math.max(1, 5 - n)));
            String platform = x.platform().regionMatches(true, 0, "cisco ", 0, 6) ? x.platform().substring(6) : x.platform();
            if (platform.length() > 9) platform = platform.substring(0, 9);
            sb.append(String.format("%-9s ", platform)).append(brief(x.portId()));
            cc.println(sb.toString());
        }
        cc.println("").println("Total cdp entries displayed : " + list.size());
    }

    private static void detail(CommandContext cc, CdpEngine cdp, CdpEngine.Neighbor x) {
        cc.println("-------------------------")
          .println("Device ID: " + x.deviceId())
          .println("Entry address(es):");
        for (int a : x.addresses()) cc.println("  IP address: " + Ipv4Address.toString(a));
        cc.println("Platform: " + x.platform() + ",  Capabilities: " + String.join(" ", capabilities(x.capabilities(), WORDS)))
          .println("Interface: " + x.local() + ",  Port ID (outgoing port): " + x.portId())
          .println("Holdtime : " + cdp.remaining(x) + " sec")
          .println("")
          .println("Version :")
          .println(x.version())
          .println("")
          .println("advertisement version: " + x.advertVersion());
        if (x.nativeVlan() >= 0) cc.println("Native VLAN: " + x.nativeVlan());
        if (x.fullDuplex() != null) cc.println("Duplex: " + (x.fullDuplex() ? "full" : "half"));
        cc.println("Management address(es):");
        for (int a : x.management()) cc.println("  IP address: " + Ipv4Address.toString(a));
        cc.println("");
    }

    private static void interfaces(CommandContext cc, Router r, org.antlr.v4.runtime.tree.TerminalNode only) {
        CdpEngine cdp = r.cdp();
        RunningConfig cfg = r.config();
        InterfaceName one = only == null ? null : InterfaceName.parse(only.getText());
        int up = 0, down = 0;
        for (InterfaceName n : cdp.ports()) {
            InterfaceConfig i = cfg.interfaces.get(n);
            if (i == null || one != null && !one.equals(n)) continue;
            boolean line = r.lineProtocolUp(i);
            if (line) up++;
            else down++;
            cc.println(n + " is " + r.linkStatus(i) + ", line protocol is " + (line ? "up" : "down"))
              .println("  Encapsulation ARPA")
              .println("  Sending CDP packets every " + cdp.timer() + " seconds")
              .println("  Holdtime is " + cdp.holdtime() + " seconds");
        }
        if (one != null) return;
        cc.println("")
          .println(" cdp enabled interfaces : " + (up + down))
          .println(" interfaces up          : " + up)
          .println(" interfaces down        : " + down);
    }
}
