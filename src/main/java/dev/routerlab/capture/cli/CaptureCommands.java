package dev.routerlab.capture.cli;

import java.io.IOException;
import java.nio.file.Path;
import dev.routerlab.capture.Captures;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.grammar.IosParser.Mc_actionContext;
import dev.routerlab.grammar.IosParser.X_monitorContext;

/**
 * The IOS-XE embedded packet capture commands (grammar/imports/Capture.g4):
 * <pre>
 * monitor capture CAP interface GigabitEthernet0/0 both|in|out
 * monitor capture CAP match any | match ipv4 any any
 * monitor capture CAP start
 * monitor capture CAP stop
 * monitor capture CAP export flash:NAME.pcap
 * </pre>
 * `flash:` is the router's flash directory on the host (see {@link Captures#flashDirectory()}).
 */
public final class CaptureCommands {
    private CaptureCommands() {}

    public static void register(CommandRegistry r) {
        r.on(X_monitorContext.class, CaptureCommands::monitor);
    }

    /** The router's captures (a router service, created on first use). */
    public static Captures of(Router r) {
        return r.service(Captures.class, () -> new Captures(r.scheduler(), r::hostname));
    }

    private static void monitor(X_monitorContext c, CommandContext cc) {
        Captures caps = of(Shell.router(cc));
        String name = c.WORD().getText();
        Mc_actionContext a = c.mc_action();
        if (a.mc_interface() != null) {
            InterfaceName n = InterfaceName.parse(a.mc_interface().INTERFACE_NAME().getText());
            if (n == null || !Shell.router(cc).ports().contains(n)) {
                cc.error("Invalid interface " + a.mc_interface().INTERFACE_NAME().getText());
                return;
            }
            Captures.Point p = caps.point(name);
            if (p.running()) {
                cc.println("Capture point " + name + " is active; stop it before changing it");
                return;
            }
            var i = a.mc_interface();
            p.attach(n, i.BOTH() != null ? Captures.Direction.BOTH : i.IN() != null ? Captures.Direction.IN : Captures.Direction.OUT);
        } else if (a.mc_match() != null) {
            caps.point(name).match(a.mc_match().IPV4() != null);
        } else if (a.mc_start() != null) {
            Captures.Point p = caps.points().get(name);
            if (p == null) {
                cc.println("Capture statement failed : Capture point " + name + " does not exist");
                return;
            }
            String err = p.start();
            if (err != null) {
                cc.println("Capture statement failed : " + err);
                return;
            }
            cc.println("Started capture point : " + name);
            logLater(cc, "ENABLE", "Capture Point " + name + " enabled.");
        } else if (a.mc_stop() != null) {
            Captures.Point p = caps.points().get(name);
            if (p == null || !p.running()) {
                cc.println("Capture statement failed : Capture point " + name + " is not active");
                return;
            }
            p.stop();
            cc.println("Capture statistics collected at software:");
            cc.println("        Capture duration - " + p.durationNanos() / 1_000_000_000L + " seconds");
            cc.println("        Packets received - " + p.received());
            cc.println("        Packets dropped - " + p.dropped());
            cc.println("        Packets oversized - 0");
            cc.println("");
            cc.println("Stopped capture point : " + name);
            logLater(cc, "DISABLE", "Capture Point " + name + " disabled.");
        } else if (a.mc_export() != null) {
            Captures.Point p = caps.points().get(name);
            if (p == null) {
                cc.println("Capture statement failed : Capture point " + name + " does not exist");
                return;
            }
            String dest = a.mc_export().WORD().getText();
            Path file = flashPath(caps, dest);
            if (file == null) {
                cc.println("Failed to Export: only flash:NAME is supported");
                return;
            }
            try {
                p.export(file);
                cc.println("Exported Successfully");
            } catch (IOException e) {
                cc.println("Failed to Export: " + e.getMessage());
            }
        }
    }

    /** The log line comes after the command's own output, as on IOS. */
    private static void logLater(CommandContext cc, String mnemonic, String text) {
        var r = Shell.router(cc);
        r.scheduler().execute(() -> r.log("BUFCAP", 6, mnemonic, text));
    }

    /** flash:NAME (or flash0:, bootflash:, disk0:) -> a file in the router's flash directory. */
    private static Path flashPath(Captures caps, String dest) {
        int colon = dest.indexOf(':');
        if (colon < 0) return null;
        String fs = dest.substring(0, colon);
        if (!fs.matches("flash\\d?|bootflash|disk0")) return null;
        String rel = dest.substring(colon + 1);
        while (rel.startsWith("/")) rel = rel.substring(1);
        if (rel.isEmpty() || rel.contains("..")) return null;
        return caps.flashDirectory().resolve(rel);
    }
}
