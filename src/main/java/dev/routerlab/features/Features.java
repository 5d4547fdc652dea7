package dev.routerlab.features;

import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
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

    static void register(CommandRegistry r) {
        dev.routerlab.device.cli.SystemCommands.register(r);
        dev.routerlab.device.cli.ConfigCommands.register(r);
        dev.routerlab.ip.cli.IpCommands.register(r);
        dev.routerlab.tunnel.cli.TunnelCommands.register(r);
        dev.routerlab.routing.cli.RoutingCommands.register(r);
        dev.routerlab.ipsec.cli.CryptoCommands.register(r);
        dev.routerlab.acl.cli.AclCommands.register(r);
        dev.routerlab.ssh.cli.SshCommands.register(r);
        dev.routerlab.capture.cli.CaptureCommands.register(r);
        dev.routerlab.nhrp.cli.NhrpCommands.register(r);
    }

    static RunningConfigWriter newWriter() {
        RunningConfigWriter w = new RunningConfigWriter();
        dev.routerlab.device.cli.ConfigCommands.sections(w);
        dev.routerlab.ssh.cli.SshCommands.sections(w);
        dev.routerlab.ipsec.cli.CryptoCommands.sections(w);
        dev.routerlab.ip.cli.IpCommands.sections(w);
        dev.routerlab.nhrp.cli.NhrpCommands.sections(w);
        dev.routerlab.tunnel.cli.TunnelCommands.sections(w);
        dev.routerlab.routing.cli.RoutingCommands.sections(w);
        dev.routerlab.acl.cli.AclCommands.sections(w);
        return w;
    }
}
