package dev.routerlab.tunnel.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.opt;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.tunnel.GreTunnel;

/**
 * The tunnel interface commands of grammar/imports/Tunnel.g4: `tunnel source|destination|mode|
 * key|checksum|sequence-datagrams|protection`, and their lines of the interface sections.
 */
public final class TunnelCommands {
    private TunnelCommands() {}

    public static void register(CommandRegistry r) {
        r.on(Tun_sourceContext.class, TunnelCommands::source)
         .on(Tun_destinationContext.class, TunnelCommands::destination)
         .on(Tun_modeContext.class, TunnelCommands::mode)
         .on(Tun_keyContext.class, (c, cc) ->
             cc.target(InterfaceConfig.class).tunnelKey = opt(c.DEC() == null ? null : Long.parseLong(c.DEC().getText()), cc))
         .on(Tun_protectionContext.class, (c, cc) -> {
             InterfaceConfig i = cc.target(InterfaceConfig.class);
             i.tunnelProtectionProfile = cc.negated() ? null : c.WORD().getText();
             i.tunnelProtectionShared = !cc.negated() && c.SHARED() != null;
         })
         .on(Tun_vrfContext.class, (c, cc) -> {
             InterfaceConfig i = cc.target(InterfaceConfig.class);
             if (cc.negated()) i.tunnelVrf = null;
             else if (!dev.routerlab.device.cli.Shell.config(cc).vrfs.containsKey(c.name.getText())) cc.error("VRF " + c.name.getText() + " not configured.");
             else i.tunnelVrf = c.name.getText();
         })
         .on(Tun_gre_optionContext.class, (c, cc) -> {
             InterfaceConfig i = cc.target(InterfaceConfig.class);
             if (c.CHECKSUM() != null) i.tunnelChecksum = !cc.negated();
             else i.tunnelSequenceDatagrams = !cc.negated();
         })
         .on(Tun_pmtudContext.class, TunnelCommands::pathMtuDiscovery);
    }

    /** The tunnel lines come after keepalive (300) and before the crypto map (500). */
    public static void sections(RunningConfigWriter w) {
        w.iface(400, TunnelCommands::write);
    }

    /**
     * `tunnel path-mtu-discovery [age-timer <10-30>|infinite] [min-mtu <92-65535>]`: the line as typed is the
     * setting (an option left out is its default again); `no` turns discovery off.
     */
    private static void pathMtuDiscovery(Tun_pmtudContext c, CommandContext cc) {
        InterfaceConfig i = cc.target(InterfaceConfig.class);
        boolean on = !cc.negated();
        i.tunnelPathMtuDiscovery = on;
        Pmtud_ageContext age = on ? c.pmtud_age() : null;
        i.tunnelPmtudAgeMinutes = age == null ? null : age.INFINITE() != null ? Integer.valueOf(0) : nonDefault(age.DEC().getText(), GreTunnel.PMTUD_AGER_MINUTES);
        i.tunnelPmtudMinMtu = on && c.pmtud_min() != null ? nonDefault(c.pmtud_min().DEC().getText(), GreTunnel.PMTUD_MIN_MTU) : null;
    }

    /** The number, or null when it is IOS's default (the running-config hides it). */
    private static Integer nonDefault(String dec, int dflt) {
        int v = Integer.parseInt(dec);
        return v == dflt ? null : v;
    }

    private static void source(Tun_sourceContext c, CommandContext cc) {
        InterfaceConfig i = cc.target(InterfaceConfig.class);
        i.tunnelSourceInterface = null;
        i.tunnelSourceAddress = null;
        i.tunnelSourceIpv6 = null;
        if (cc.negated()) return;
        if (c.INTERFACE_NAME() != null) i.tunnelSourceInterface = InterfaceName.parse(c.INTERFACE_NAME().getText());
        else if (c.IPV6_ADDRESS() != null) i.tunnelSourceIpv6 = Ipv6Address.parse(c.IPV6_ADDRESS().getText());
        else i.tunnelSourceAddress = ip(c.IP_ADDRESS());
    }

    /** `tunnel destination A.B.C.D|X:X:X:X::X`: one address, IPv4 or IPv6 (the mode says which transport is used). */
    private static void destination(Tun_destinationContext c, CommandContext cc) {
        InterfaceConfig i = cc.target(InterfaceConfig.class);
        i.tunnelDestination = null;
        i.tunnelDestinationIpv6 = null;
        if (cc.negated()) return;
        if (c.IPV6_ADDRESS() != null) i.tunnelDestinationIpv6 = Ipv6Address.parse(c.IPV6_ADDRESS().getText());
        else i.tunnelDestination = ip(c.IP_ADDRESS());
    }

    private static void mode(Tun_modeContext c, CommandContext cc) {
        InterfaceConfig i = cc.target(InterfaceConfig.class);
        if (cc.negated()) i.tunnelMode = InterfaceConfig.TunnelMode.GRE_IP;
        else if (c.tun_mode_gre() != null) {
            i.tunnelMode = c.tun_mode_gre().MULTIPOINT() != null ? InterfaceConfig.TunnelMode.GRE_MULTIPOINT
                : c.tun_mode_gre().IPV6() != null ? InterfaceConfig.TunnelMode.GRE_IPV6 : InterfaceConfig.TunnelMode.GRE_IP;
        } else {
            i.tunnelMode = c.tun_mode_ipsec().IPV6() != null ? InterfaceConfig.TunnelMode.IPSEC_IPV6 : InterfaceConfig.TunnelMode.IPSEC_IPV4;
        }
    }

    private static void write(InterfaceConfig i, StringBuilder sb) {
        if (i.tunnelSourceInterface != null) sb.append(" tunnel source ").append(i.tunnelSourceInterface).append('\n');
        if (i.tunnelSourceAddress != null) {
            sb.append(" tunnel source ").append(Ipv4Address.toString(i.tunnelSourceAddress)).append('\n');
        }
        if (i.tunnelSourceIpv6 != null) sb.append(" tunnel source ").append(i.tunnelSourceIpv6).append('\n');
        if (i.tunnelDestination != null) {
            sb.append(" tunnel destination ").append(Ipv4Address.toString(i.tunnelDestination)).append('\n');
        }
        if (i.tunnelDestinationIpv6 != null) sb.append(" tunnel destination ").append(i.tunnelDestinationIpv6).append('\n');
        switch (i.tunnelMode) {
            case GRE_MULTIPOINT -> sb.append(" tunnel mode gre multipoint\n");
            case GRE_IPV6 -> sb.append(" tunnel mode gre ipv6\n");
            case IPSEC_IPV4 -> sb.append(" tunnel mode ipsec ipv4\n");
            case IPSEC_IPV6 -> sb.append(" tunnel mode ipsec ipv6\n");
            default -> { }
        }
        if (i.tunnelKey != null) sb.append(" tunnel key ").append(i.tunnelKey).append('\n');
        if (i.tunnelSequenceDatagrams) sb.append(" tunnel sequence-datagrams\n");
        if (i.tunnelChecksum) sb.append(" tunnel checksum\n");
        if (i.tunnelPathMtuDiscovery) {
            sb.append(" tunnel path-mtu-discovery");
            if (i.tunnelPmtudAgeMinutes != null) {
                sb.append(" age-timer ").append(i.tunnelPmtudAgeMinutes == 0 ? "infinite" : i.tunnelPmtudAgeMinutes);
            }
            if (i.tunnelPmtudMinMtu != null) sb.append(" min-mtu ").append(i.tunnelPmtudMinMtu);
            sb.append('\n');
        }
        if (i.tunnelVrf != null) sb.append(" tunnel vrf ").append(i.tunnelVrf).append('\n');
        if (i.tunnelProtectionProfile != null) {
            sb.append(" tunnel protection ipsec profile ").append(i.tunnelProtectionProfile)
              .append(i.tunnelProtectionShared ? " shared\n" : "\n");
        }
    }
}
