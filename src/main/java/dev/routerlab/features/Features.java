package dev.routerlab.features;

import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import java.util.List;
import java.util.function.Consumer;
import dev.routerlab.cli.Cli;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RunningConfigWriter;

/**
 * The entry point's list of features: every command layer's handlers and running-config
 * sections. A new feature adds its registration here; nothing else lists features.
 */
public final class Features {
    private Features() {}

    private static final class Built {
        static final Cli CLI = new Cli(Features::register);
        static final RunningConfigWriter WRITER = newWriter();
    }

    /** The parser and registry every router's shell shares (immutable once built). */
    public static Cli cli() { return Built.CLI; }

    /** The running-config writer with every feature's sections (immutable once built). */
    public static RunningConfigWriter writer() { return Built.WRITER; }

    /** Gives a router its CLI shell (sessions, config loading) with every feature's commands. */
    public static Shell shell(Router r) { return Shell.of(r, cli(), writer()); }

    /** One command layer: its handlers and its running-config sections. */
    private record Layer(Consumer<CommandRegistry> commands, Consumer<RunningConfigWriter> sections) {}

    private static final Consumer<RunningConfigWriter> NO_SECTIONS = w -> { };

    /** Every command layer (registration order does not matter: handlers are keyed by rule, sections by order). */
    private static final List<Layer> LAYERS = List.of(
        new Layer(dev.routerlab.device.cli.SystemCommands::register, NO_SECTIONS),
        new Layer(dev.routerlab.device.cli.ConfigCommands::register, dev.routerlab.device.cli.ConfigCommands::sections),
        new Layer(dev.routerlab.ip.cli.IpCommands::register, dev.routerlab.ip.cli.IpCommands::sections),
        new Layer(dev.routerlab.tunnel.cli.TunnelCommands::register, dev.routerlab.tunnel.cli.TunnelCommands::sections),
        new Layer(dev.routerlab.routing.cli.RoutingCommands::register, dev.routerlab.routing.cli.RoutingCommands::sections),
        new Layer(dev.routerlab.ospf.cli.OspfCommands::register, dev.routerlab.ospf.cli.OspfCommands::sections),
        new Layer(dev.routerlab.eigrp.cli.EigrpCommands::register, dev.routerlab.eigrp.cli.EigrpCommands::sections),
        new Layer(dev.routerlab.ipsec.cli.CryptoCommands::register, dev.routerlab.ipsec.cli.CryptoCommands::sections),
        new Layer(dev.routerlab.acl.cli.AclCommands::register, dev.routerlab.acl.cli.AclCommands::sections),
        new Layer(dev.routerlab.ssh.cli.SshCommands::register, dev.routerlab.ssh.cli.SshCommands::sections),
        new Layer(dev.routerlab.capture.cli.CaptureCommands::register, NO_SECTIONS),
        new Layer(dev.routerlab.cdp.cli.CdpCommands::register, dev.routerlab.cdp.cli.CdpCommands::sections),
        new Layer(dev.routerlab.nhrp.cli.NhrpCommands::register, dev.routerlab.nhrp.cli.NhrpCommands::sections),
        new Layer(dev.routerlab.nat.cli.NatCommands::register, dev.routerlab.nat.cli.NatCommands::sections),
        new Layer(dev.routerlab.vrf.cli.VrfCommands::register, dev.routerlab.vrf.cli.VrfCommands::sections),
        new Layer(dev.routerlab.ikev2.cli.Ikev2Commands::register, dev.routerlab.ikev2.cli.Ikev2Commands::sections),
        new Layer(dev.routerlab.ipv6.cli.Ipv6Commands::register, dev.routerlab.ipv6.cli.Ipv6Commands::sections),
        new Layer(dev.routerlab.tcp.cli.TcpCommands::register, dev.routerlab.tcp.cli.TcpCommands::sections),
        new Layer(dev.routerlab.pki.cli.PkiCommands::register, dev.routerlab.pki.cli.PkiCommands::sections),
        new Layer(dev.routerlab.snmp.cli.SnmpCommands::register, dev.routerlab.snmp.cli.SnmpCommands::sections));

    static void register(CommandRegistry r) {
        for (Layer l : LAYERS) l.commands().accept(r);
    }

    static RunningConfigWriter newWriter() {
        RunningConfigWriter w = new RunningConfigWriter();
        for (Layer l : LAYERS) l.sections().accept(w);
        return w;
    }
}
