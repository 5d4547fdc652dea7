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
        dev.routerlab.config.ConfigCommands.register(r);
        dev.routerlab.ip.IpCommands.register(r);
        dev.routerlab.device.cli.LogCommands.register(r);
        dev.routerlab.ssh.SshCommands.register(r);
        dev.routerlab.lab.CaptureCommands.register(r);
        dev.routerlab.nhrp.NhrpCommands.register(r);
        dev.routerlab.ipsec.cli.CryptoCommands.register(r);
        dev.routerlab.acl.cli.AclCommands.register(r);
    }

    static RunningConfigWriter newWriter() {
        RunningConfigWriter w = new RunningConfigWriter();
        w.global(RunningConfigWriter.HEADER, RunningConfigWriter::header);
        w.global(RunningConfigWriter.LOGIN, (c, sb) -> dev.routerlab.config.SshConfig.writeLogin(c.ssh, sb));
        w.global(RunningConfigWriter.USERS, RunningConfigWriter::users);
        w.global(RunningConfigWriter.IP_SSH, (c, sb) -> dev.routerlab.config.SshConfig.writeIpSsh(c.ssh, sb));
        dev.routerlab.ipsec.cli.CryptoCommands.sections(w);
        w.iface(100, dev.routerlab.config.InterfaceCommands::write);
        w.global(RunningConfigWriter.ROUTING, dev.routerlab.config.RoutingCommands::write);
        dev.routerlab.acl.cli.AclCommands.sections(w);
        w.global(RunningConfigWriter.BANNER, RunningConfigWriter::banner);
        w.global(RunningConfigWriter.LINES, dev.routerlab.config.LineCommands::write);
        return w;
    }
}
