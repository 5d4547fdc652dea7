package dev.routerlab.features;

import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        static final Cli CLI = new Cli(lazyRegistry());
        static final RunningConfigWriter WRITER = new RunningConfigWriter(new java.util.function.Consumer<RunningConfigWriter>() {
            @Override public void accept(RunningConfigWriter w) { sections(w); }   // no lambda before the first prompt (see Cli)
        });
    }

    /** The parser and registry every router's shell shares (immutable once built). */
    public static Cli cli() { return Built.CLI; }

    /** The running-config writer with every feature's sections (immutable once built). */
    public static RunningConfigWriter writer() { return Built.WRITER; }

    /**
     * Builds the shared CLI's parser (the grammar's ATN, help.txt) on a daemon thread of its own:
     * a console on a terminal starts it with its first prompt, so that the parser is ready when
     * the first line is. (Started before the router is built, it made no launch measurably faster
     * and, on a loaded machine, slower.) A failure here is met again, and reported, where the CLI
     * is first used.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                cli().parser();
            } catch (RuntimeException | LinkageError e) {
                // the thread that needs the CLI meets it
            }
        }, "cli-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Gives a router its CLI shell (sessions, config loading) with every feature's commands. */
    public static Shell shell(Router r) { return Shell.of(r, cli(), writer()); }

    /**
     * Every command layer, by name (registration order does not matter: handlers are keyed by
     * rule, sections by order). The registry registers a layer when a line first needs it.
     */
    private static final List<String> LAYERS = List.of(
        "SystemCommands",
        "ConfigCommands",
        "IpCommands",
        "TunnelCommands",
        "RoutingCommands",
        "OspfCommands",
        "EigrpCommands",
        "CryptoCommands",
        "AclCommands",
        "SshCommands",
        "CaptureCommands",
        "CdpCommands",
        "NhrpCommands",
        "NatCommands",
        "VrfCommands",
        "Ikev2Commands",
        "Ipv6Commands",
        "TcpCommands",
        "PkiCommands",
        "SnmpCommands");

    /** Registers one command layer's handlers. */
    private static void commands(String layer, CommandRegistry r) {
        switch (layer) {
            case "SystemCommands" -> dev.routerlab.device.cli.SystemCommands.register(r);
            case "ConfigCommands" -> dev.routerlab.device.cli.ConfigCommands.register(r);
            case "IpCommands" -> dev.routerlab.ip.cli.IpCommands.register(r);
            case "TunnelCommands" -> dev.routerlab.tunnel.cli.TunnelCommands.register(r);
            case "RoutingCommands" -> dev.routerlab.routing.cli.RoutingCommands.register(r);
            case "OspfCommands" -> dev.routerlab.ospf.cli.OspfCommands.register(r);
            case "EigrpCommands" -> dev.routerlab.eigrp.cli.EigrpCommands.register(r);
            case "CryptoCommands" -> dev.routerlab.ipsec.cli.CryptoCommands.register(r);
            case "AclCommands" -> dev.routerlab.acl.cli.AclCommands.register(r);
            case "SshCommands" -> dev.routerlab.ssh.cli.SshCommands.register(r);
            case "CaptureCommands" -> dev.routerlab.capture.cli.CaptureCommands.register(r);
            case "CdpCommands" -> dev.routerlab.cdp.cli.CdpCommands.register(r);
            case "NhrpCommands" -> dev.routerlab.nhrp.cli.NhrpCommands.register(r);
            case "NatCommands" -> dev.routerlab.nat.cli.NatCommands.register(r);
            case "VrfCommands" -> dev.routerlab.vrf.cli.VrfCommands.register(r);
            case "Ikev2Commands" -> dev.routerlab.ikev2.cli.Ikev2Commands.register(r);
            case "Ipv6Commands" -> dev.routerlab.ipv6.cli.Ipv6Commands.register(r);
            case "TcpCommands" -> dev.routerlab.tcp.cli.TcpCommands.register(r);
            case "PkiCommands" -> dev.routerlab.pki.cli.PkiCommands.register(r);
            case "SnmpCommands" -> dev.routerlab.snmp.cli.SnmpCommands.register(r);
            default -> throw new IllegalArgumentException("no command layer " + layer);
        }
    }

    /** Every command layer's running-config sections (the writer asks for them when it first renders). */
    static void sections(RunningConfigWriter w) {
        dev.routerlab.device.cli.ConfigCommands.sections(w);
        dev.routerlab.ip.cli.IpCommands.sections(w);
        dev.routerlab.tunnel.cli.TunnelCommands.sections(w);
        dev.routerlab.routing.cli.RoutingCommands.sections(w);
        dev.routerlab.ospf.cli.OspfCommands.sections(w);
        dev.routerlab.eigrp.cli.EigrpCommands.sections(w);
        dev.routerlab.ipsec.cli.CryptoCommands.sections(w);
        dev.routerlab.acl.cli.AclCommands.sections(w);
        dev.routerlab.ssh.cli.SshCommands.sections(w);
        dev.routerlab.cdp.cli.CdpCommands.sections(w);
        dev.routerlab.nhrp.cli.NhrpCommands.sections(w);
        dev.routerlab.nat.cli.NatCommands.sections(w);
        dev.routerlab.vrf.cli.VrfCommands.sections(w);
        dev.routerlab.ikev2.cli.Ikev2Commands.sections(w);
        dev.routerlab.ipv6.cli.Ipv6Commands.sections(w);
        dev.routerlab.tcp.cli.TcpCommands.sections(w);
        dev.routerlab.pki.cli.PkiCommands.sections(w);
        dev.routerlab.snmp.cli.SnmpCommands.sections(w);
    }

    /** The command layers as the registry loads them, by name. */
    public static List<CommandRegistry.Layer> layers() {
        List<CommandRegistry.Layer> ls = new java.util.ArrayList<>();
        for (String name : LAYERS) {
            ls.add(new CommandRegistry.Layer(name, new java.util.function.Consumer<CommandRegistry>() {
                @Override public void accept(CommandRegistry r) { commands(name, r); }   // a class: made before the first prompt
            }));
        }
        return ls;
    }

    /**
     * Where {@link CommandRegistry#index} of {@link #layers()} is kept (HandlerCoverageTest checks it
     * and writes it again with -Dregenerate=true).
     */
    public static final String INDEX = "command-index.txt";

    /**
     * The registry: a layer registers its handlers when a line first needs one of its rules; the
     * index is read then too.
     */
    private static CommandRegistry lazyRegistry() {
        return CommandRegistry.lazy(layers(), new java.util.function.Supplier<String>() {
            @Override public String get() {
                try (InputStream in = Features.class.getResourceAsStream(INDEX)) {
                    if (in == null) throw new IllegalStateException(INDEX + " missing from the classpath");
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
