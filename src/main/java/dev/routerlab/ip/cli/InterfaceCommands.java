package dev.routerlab.ip.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;
import static dev.routerlab.cli.Args.opt;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceConfig.Ipv4Prefix;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;

/**
 * `interface X` and the generic config-if commands (description, bandwidth, addressing, MTU,
 * MSS clamping, shutdown, keepalive, speed, duplex) and their lines of the interface sections. Tunnel, NHRP
 * and crypto map lines belong to their own layers.
 */
public final class InterfaceCommands {
    private InterfaceCommands() {}

    static void register(CommandRegistry r) {
        r.on(G_interfaceContext.class, InterfaceCommands::iface)
         .on(If_descriptionContext.class, (c, cc) -> {
             it(cc).description = cc.negated() ? null : c.TEXT().getText();
         })
         .on(If_ip_addressContext.class, InterfaceCommands::address)
         .on(If_ip_mtuContext.class, (c, cc) -> it(cc).ipMtu = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(If_ip_tcpContext.class, (c, cc) -> it(cc).tcpAdjustMss = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(If_bandwidthContext.class, (c, cc) -> it(cc).bandwidth = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(If_delayContext.class, (c, cc) -> it(cc).delay = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(If_shutdownContext.class, (c, cc) -> it(cc).shutdown = !cc.negated())
         .on(If_mtuContext.class, (c, cc) -> it(cc).mtu = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(If_speedContext.class, InterfaceCommands::speed)
         .on(If_duplexContext.class, (c, cc) -> {
             if (ethernet(cc, c.DUPLEX())) it(cc).duplex = cc.negated() || c.AUTO() != null ? null : c.FULL() != null ? "full" : "half";
         })
         .on(If_keepaliveContext.class, InterfaceCommands::keepalive);
    }

    /** Description (100), addressing (110; a VRF's `vrf forwarding` between them) before NHRP (200), MSS/shutdown/keepalive after it and before the tunnel lines (400). */
    static void sections(RunningConfigWriter w) {
        w.iface(100, InterfaceCommands::description)
         .iface(110, InterfaceCommands::addressing)
         .iface(300, (i, sb) -> { if (i.tcpAdjustMss != null) sb.append(" ip tcp adjust-mss ").append(i.tcpAdjustMss).append('\n'); })
         .ifaceWithDefaults(350, InterfaceCommands::state);
    }

    private static InterfaceConfig it(CommandContext cc) { return cc.target(InterfaceConfig.class); }

    private static void iface(G_interfaceContext c, CommandContext cc) {
        InterfaceName n = InterfaceName.parse(c.INTERFACE_NAME().getText());
        RunningConfig cfg = Shell.config(cc);
        boolean exists = cfg.interfaces.containsKey(n);
        if (n.isPhysical() && !exists) {
            InterfaceName parent = n.isSubinterface() ? InterfaceName.parse(n.toString().replaceAll("\\.\\d+$", "")) : null;
            if (parent == null || !cfg.interfaces.containsKey(parent)) {
                cc.invalid(c.INTERFACE_NAME());
                return;
            }
        }
        if (cc.negated()) {
            if (n.isPhysical() && !n.isSubinterface()) cc.error("Physical interfaces cannot be removed");
            else cfg.removeInterface(n);
            return;
        }
        InterfaceConfig i = cfg.iface(n);
        if (n.isSubinterface() && !exists || Shell.router(cc).booting()) i.shutdown = false;
        cc.enter(Mode.CONFIG_IF, i);
    }

    private static void address(If_ip_addressContext c, CommandContext cc) {
        InterfaceConfig i = it(cc);
        RunningConfig cfg = Shell.config(cc);
        if (c.IP_ADDRESS() == null) {
            cfg.setAddress(i, null);
            return;
        }
        int a = ip(c.IP_ADDRESS()), m = ip(c.subnet_mask().IP_ADDRESS());
        if (!Ipv4Address.isValidMask(m)) {
            cc.error("Bad mask 0x" + Integer.toHexString(m).toUpperCase() + " for address " + Ipv4Address.toString(a));
            return;
        }
        Ipv4Prefix p = new Ipv4Prefix(a, m);
        boolean secondary = c.SECONDARY() != null;
        if (cc.negated()) {
            if (secondary) cfg.removeSecondary(i, p);
            else if (p.equals(i.address)) cfg.setAddress(i, null);
            else cc.error("Invalid address");
            return;
        }
        InterfaceConfig overlap = cfg.overlapping(p, i);
        if (overlap != null) {
            cc.error(Ipv4Address.toString(a & m) + " overlaps with " + overlap.name);
            return;
        }
        if (secondary) {
            if (i.address == null) {
                cc.error("Primary address not configured");
                return;
            }
            cfg.addSecondary(i, p);
        } else {
            cfg.setAddress(i, p);
        }
        Shell.router(cc).runtime(i.name).addressMethod = Shell.router(cc).booting() ? "NVRAM" : "manual";
    }

    /** `speed 10|100|1000|auto`, on Ethernet ports only. */
    private static void speed(If_speedContext c, CommandContext cc) {
        if (!ethernet(cc, c.SPEED())) return;
        if (cc.negated() || c.AUTO() != null) {
            it(cc).speed = null;
            return;
        }
        int mbps = num(c.speed);
        if (mbps != 10 && mbps != 100 && mbps != 1000) {
            cc.invalid(c.DEC());
            return;
        }
        it(cc).speed = mbps;
    }

    /** Speed and duplex exist on Ethernet ports; elsewhere the command is not there (the IOS caret). */
    private static boolean ethernet(CommandContext cc, org.antlr.v4.runtime.tree.TerminalNode keyword) {
        if (it(cc).name.isPhysical()) return true;
        cc.invalid(keyword);
        return false;
    }

    private static void keepalive(If_keepaliveContext c, CommandContext cc) {
        InterfaceConfig i = it(cc);
        if (cc.negated()) {
            i.keepalivePeriod = cc.isDefault() ? null : 0;
            i.keepaliveRetries = null;
            return;
        }
        if (c.period == null) {
            i.keepalivePeriod = 10;
            i.keepaliveRetries = null;
            return;
        }
        i.keepalivePeriod = num(c.period);
        i.keepaliveRetries = c.retries != null ? num(c.retries) : null;
    }

    private static void description(InterfaceConfig i, StringBuilder sb) {
        if (i.description != null) sb.append(" description ").append(i.description).append('\n');
        if (i.bandwidth != null) sb.append(" bandwidth ").append(i.bandwidth).append('\n');
        if (i.mtu != null) sb.append(" mtu ").append(i.mtu).append('\n');
    }

    private static void addressing(InterfaceConfig i, StringBuilder sb) {
        if (i.address == null) sb.append(" no ip address\n");
        else {
            sb.append(" ip address ").append(addressMask(i.address)).append('\n');
            for (Ipv4Prefix p : i.secondaries) sb.append(" ip address ").append(addressMask(p)).append(" secondary\n");
        }
        if (i.ipMtu != null) sb.append(" ip mtu ").append(i.ipMtu).append('\n');
    }

    /** Delay, shutdown, duplex, speed, keepalive; with all, `no shutdown` and an Ethernet port's `duplex auto`, `speed auto`, `keepalive 10`. */
    private static void state(InterfaceConfig i, StringBuilder sb, boolean all) {
        boolean ethernet = i.name.isPhysical();
        if (i.delay != null) sb.append(" delay ").append(i.delay).append('\n');
        if (i.shutdown) sb.append(" shutdown\n");
        else if (all) sb.append(" no shutdown\n");
        if (i.duplex != null || all && ethernet) sb.append(" duplex ").append(i.duplex == null ? "auto" : i.duplex).append('\n');
        if (i.speed != null || all && ethernet) sb.append(" speed ").append(i.speed == null ? "auto" : i.speed).append('\n');
        if (i.keepalivePeriod == null && all && ethernet) sb.append(" keepalive 10\n");
        if (i.keepalivePeriod != null) {
            if (i.keepalivePeriod == 0) sb.append(" no keepalive\n");
            else if (i.isTunnel()) {
                sb.append(" keepalive ").append(i.keepalivePeriod).append(' ')
                  .append(i.keepaliveRetries == null ? 3 : i.keepaliveRetries).append('\n');
            } else if (i.keepalivePeriod != 10 || i.keepaliveRetries != null || all) {
                sb.append(" keepalive ").append(i.keepalivePeriod);
                if (i.keepaliveRetries != null) sb.append(' ').append(i.keepaliveRetries);
                sb.append('\n');
            }
        }
    }

    private static String addressMask(Ipv4Prefix p) {
        return Ipv4Address.toString(p.address()) + " " + Ipv4Address.toString(p.mask());
    }
}
