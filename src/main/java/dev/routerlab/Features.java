package dev.routerlab;

import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.ExecCommands;
import dev.routerlab.config.ConfigCommands;
import dev.routerlab.device.SystemCommands;

/** Every feature's commands. A new feature package adds its registration here. */
public final class Features {
    private Features() {}

    public static void register(CommandRegistry r) {
        ExecCommands.register(r);
        SystemCommands.register(r);
        ConfigCommands.register(r);
        dev.routerlab.ip.IpCommands.register(r);
        dev.routerlab.device.LogCommands.register(r);
        dev.routerlab.ssh.SshCommands.register(r);
        dev.routerlab.lab.CaptureCommands.register(r);
        dev.routerlab.nhrp.NhrpCommands.register(r);
        dev.routerlab.crypto.CryptoExec.register(r);
    }
}
