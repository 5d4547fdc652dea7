package dev.routerlab.config;

import static dev.routerlab.config.ConfigCommands.ip;
import static dev.routerlab.config.ConfigCommands.num;

import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.InterfaceConfig.Ipv4Prefix;
import dev.routerlab.config.InterfaceConfig.NhrpConfig;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;

/** `interface X` and the config-if commands, NHRP included. */
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
         .on(If_shutdownContext.class, (c, cc) -> it(cc).shutdown = !cc.negated())
         .on(If_keepaliveContext.class, InterfaceCommands::keepalive)
         .on(Tun_sourceContext.class, InterfaceCommands::tunnelSource)
         .on(Tun_destinationContext.class, (c, cc) ->
             it(cc).tunnelDestination = opt(c.IP_ADDRESS() == null ? null : ip(c.IP_ADDRESS()), cc))
         .on(Tun_modeContext.class, InterfaceCommands::tunnelMode)
         .on(Tun_keyContext.class, (c, cc) ->
             it(cc).tunnelKey = opt(c.DEC() == null ? null : Long.parseLong(c.DEC().getText()), cc))
         .on(Tun_protectionContext.class, (c, cc) -> {
             InterfaceConfig i = it(cc);
             i.tunnelProtectionProfile = cc.negated() ? null : c.WORD().getText();
             i.tunnelProtectionShared = !cc.negated() && c.SHARED() != null;
         })
         .on(If_cryptoContext.class, (c, cc) -> it(cc).cryptoMap = opt(c.WORD() == null ? null : c.WORD().getText(), cc))
         .on(Nhrp_network_idContext.class, (c, cc) ->
             nhrp(cc).networkId = opt(c.DEC() == null ? null : Long.parseLong(c.DEC().getText()), cc))
         .on(Nhrp_authenticationContext.class, (c, cc) ->
             nhrp(cc).authentication = opt(c.WORD() == null ? null : c.WORD().getText(), cc))
         .on(Nhrp_mapContext.class, InterfaceCommands::nhrpMap)
         .on(Nhrp_nhsContext.class, InterfaceCommands::nhrpNhs)
         .on(Nhrp_holdtimeContext.class, (c, cc) -> nhrp(cc).holdtime = opt(c.DEC() == null ? null : num(c.DEC()), cc))
         .on(Nhrp_redirectContext.class, (c, cc) -> nhrp(cc).redirect = !cc.negated())
         .on(Nhrp_shortcutContext.class, (c, cc) -> nhrp(cc).shortcut = !cc.negated())
         .on(Nhrp_registrationContext.class, (c, cc) -> {
             if (c.NO_UNIQUE() != null) nhrp(cc).registrationNoUnique = !cc.negated();
             else nhrp(cc).registrationTimeout = cc.negated() ? null : num(c.reg_timeout().DEC());
         });
    }

    private static InterfaceConfig it(CommandContext cc) { return cc.target(InterfaceConfig.class); }

    private static NhrpConfig nhrp(CommandContext cc) { return it(cc).nhrp; }

    /** The value for a `[no] cmd value` command: null when negated (the grammar's `neg`). */
    private static <T> T opt(T value, CommandContext cc) {
        return cc.negated() ? null : value;
    }

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

    private static void keepalive(If_keepaliveContext c, CommandContext cc) {
        InterfaceConfig i = it(cc);
        if (cc.negated()) {
            i.keepalivePeriod = cc.isDefault() ? null : 0;
            i.keepaliveRetries = null;
            return;
        }
        if (c.DEC().isEmpty()) {
            i.keepalivePeriod = 10;
            i.keepaliveRetries = null;
            return;
        }
        i.keepalivePeriod = num(c.DEC(0));
        i.keepaliveRetries = c.DEC().size() > 1 ? num(c.DEC(1)) : null;
    }

    private static void tunnelSource(Tun_sourceContext c, CommandContext cc) {
        InterfaceConfig i = it(cc);
        i.tunnelSourceInterface = null;
        i.tunnelSourceAddress = null;
        if (cc.negated()) return;
        if (c.INTERFACE_NAME() != null) i.tunnelSourceInterface = InterfaceName.parse(c.INTERFACE_NAME().getText());
        else i.tunnelSourceAddress = ip(c.IP_ADDRESS());
    }

    private static void tunnelMode(Tun_modeContext c, CommandContext cc) {
        InterfaceConfig i = it(cc);
        if (cc.negated()) i.tunnelMode = InterfaceConfig.TunnelMode.GRE_IP;
        else if (c.tun_mode_gre() != null) {
            i.tunnelMode = c.tun_mode_gre().MULTIPOINT() != null
                ? InterfaceConfig.TunnelMode.GRE_MULTIPOINT : InterfaceConfig.TunnelMode.GRE_IP;
        } else i.tunnelMode = InterfaceConfig.TunnelMode.IPSEC_IPV4;
    }

    private static void nhrpMap(Nhrp_mapContext c, CommandContext cc) {
        NhrpConfig n = nhrp(cc);
        if (c.nhrp_map_multicast() != null) {
            Nhrp_map_multicastContext m = c.nhrp_map_multicast();
            if (m.DYNAMIC() != null) n.multicastDynamic = !cc.negated();
            else {
                Integer a = ip(m.IP_ADDRESS());
                n.multicastNbma.remove(a);
                if (!cc.negated()) n.multicastNbma.add(a);
            }
        } else if (c.IP_ADDRESS() != null) {
            NhrpConfig.Mapping m = new NhrpConfig.Mapping(ip(c.IP_ADDRESS()), ip(c.nbma_address().IP_ADDRESS()));
            n.maps.removeIf(x -> x.protocolAddress() == m.protocolAddress());
            if (!cc.negated()) n.maps.add(m);
        } else {
            n.maps.clear();
        }
    }

    private static void nhrpNhs(Nhrp_nhsContext c, CommandContext cc) {
        NhrpConfig n = nhrp(cc);
        int a = ip(c.IP_ADDRESS());
        n.nhs.removeIf(x -> x.address() == a);
        if (cc.negated()) return;
        Integer nbma = c.NBMA() != null ? ip(c.nbma_address().IP_ADDRESS()) : null;
        n.nhs.add(new NhrpConfig.Nhs(a, nbma, c.MULTICAST() != null));
    }

    /** The interface section in IOS order (no trailing `!`). */
    public static void write(InterfaceConfig i, StringBuilder sb) {
        if (i.description != null) sb.append(" description ").append(i.description).append('\n');
        if (i.bandwidth != null) sb.append(" bandwidth ").append(i.bandwidth).append('\n');
        if (i.address == null) sb.append(" no ip address\n");
        else {
            sb.append(" ip address ").append(addressMask(i.address)).append('\n');
            for (Ipv4Prefix p : i.secondaries) sb.append(" ip address ").append(addressMask(p)).append(" secondary\n");
        }
        if (i.ipMtu != null) sb.append(" ip mtu ").append(i.ipMtu).append('\n');
        NhrpConfig n = i.nhrp;
        if (n.authentication != null) sb.append(" ip nhrp authentication ").append(n.authentication).append('\n');
        for (NhrpConfig.Mapping m : n.maps) {
            sb.append(" ip nhrp map ").append(Ipv4Address.toString(m.protocolAddress())).append(' ')
              .append(Ipv4Address.toString(m.nbmaAddress())).append('\n');
        }
        if (n.multicastDynamic) sb.append(" ip nhrp map multicast dynamic\n");
        for (int a : n.multicastNbma) sb.append(" ip nhrp map multicast ").append(Ipv4Address.toString(a)).append('\n');
        if (n.networkId != null) sb.append(" ip nhrp network-id ").append(n.networkId).append('\n');
        if (n.holdtime != null) sb.append(" ip nhrp holdtime ").append(n.holdtime).append('\n');
        for (NhrpConfig.Nhs h : n.nhs) {
            sb.append(" ip nhrp nhs ").append(Ipv4Address.toString(h.address()));
            if (h.nbma() != null) sb.append(" nbma ").append(Ipv4Address.toString(h.nbma()));
            if (h.multicast()) sb.append(" multicast");
            sb.append('\n');
        }
        if (n.registrationNoUnique) sb.append(" ip nhrp registration no-unique\n");
        if (n.registrationTimeout != null) sb.append(" ip nhrp registration timeout ").append(n.registrationTimeout).append('\n');
        if (n.shortcut) sb.append(" ip nhrp shortcut\n");
        if (n.redirect) sb.append(" ip nhrp redirect\n");
        if (i.tcpAdjustMss != null) sb.append(" ip tcp adjust-mss ").append(i.tcpAdjustMss).append('\n');
        if (i.shutdown) sb.append(" shutdown\n");
        if (i.keepalivePeriod != null) {
            if (i.keepalivePeriod == 0) sb.append(" no keepalive\n");
            else if (i.isTunnel()) {
                sb.append(" keepalive ").append(i.keepalivePeriod).append(' ')
                  .append(i.keepaliveRetries == null ? 3 : i.keepaliveRetries).append('\n');
            } else if (i.keepalivePeriod != 10 || i.keepaliveRetries != null) {
                sb.append(" keepalive ").append(i.keepalivePeriod);
                if (i.keepaliveRetries != null) sb.append(' ').append(i.keepaliveRetries);
                sb.append('\n');
            }
        }
        if (i.tunnelSourceInterface != null) sb.append(" tunnel source ").append(i.tunnelSourceInterface).append('\n');
        if (i.tunnelSourceAddress != null) {
            sb.append(" tunnel source ").append(Ipv4Address.toString(i.tunnelSourceAddress)).append('\n');
        }
        if (i.tunnelDestination != null) {
            sb.append(" tunnel destination ").append(Ipv4Address.toString(i.tunnelDestination)).append('\n');
        }
        switch (i.tunnelMode) {
            case GRE_MULTIPOINT -> sb.append(" tunnel mode gre multipoint\n");
            case IPSEC_IPV4 -> sb.append(" tunnel mode ipsec ipv4\n");
            default -> { }
        }
        if (i.tunnelKey != null) sb.append(" tunnel key ").append(i.tunnelKey).append('\n');
        if (i.tunnelSequenceDatagrams) sb.append(" tunnel sequence-datagrams\n");
        if (i.tunnelChecksum) sb.append(" tunnel checksum\n");
        if (i.tunnelProtectionProfile != null) {
            sb.append(" tunnel protection ipsec profile ").append(i.tunnelProtectionProfile)
              .append(i.tunnelProtectionShared ? " shared\n" : "\n");
        }
        if (i.cryptoMap != null) sb.append(" crypto map ").append(i.cryptoMap).append('\n');
    }

    private static String addressMask(Ipv4Prefix p) {
        return Ipv4Address.toString(p.address()) + " " + Ipv4Address.toString(p.mask());
    }
}
