package dev.routerlab.device.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.RelTime;
import dev.routerlab.cli.Mode;
import dev.routerlab.cli.Session;
import dev.routerlab.config.Secrets;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;

/** System EXEC commands: version, configuration files, clock, users, interface summaries. */
public final class SystemCommands {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS 'UTC' EEE MMM d yyyy", Locale.ROOT);

    private SystemCommands() {}

    public static void register(CommandRegistry r) {
        r.on(X_enableContext.class, (c, cc) -> enable(cc))
         .on(S_versionContext.class, (c, cc) -> version(cc))
         .on(S_running_configContext.class, SystemCommands::running)
         .on(S_startup_configContext.class, (c, cc) -> startup(cc))
         .on(S_clockContext.class, (c, cc) -> {
             cc.println(clock(Shell.router(cc)));
             if (c.DETAIL() != null) cc.println("No time source");   // no NTP, no calendar: the clock was never set (`*`)
         })
         .on(S_usersContext.class, (c, cc) -> users(cc))
         .on(S_interfacesContext.class, SystemCommands::interfaces)
         .on(X_writeContext.class, SystemCommands::write)
         .on(X_copyContext.class, SystemCommands::copy)
         .on(X_eraseContext.class, (c, cc) -> erase(cc))
         .on(X_reloadContext.class, (c, cc) -> reload(cc));
        PlatformCommands.register(r);
    }

    /** `enable`: asks for the enable secret when one is set; vty lines need one. */
    private static void enable(CommandContext cc) {
        Session s = cc.session();
        if (s.mode() != Mode.USER_EXEC) return;
        var secret = Shell.config(cc).enableSecret;
        if (secret == null) {
            if (s.isVty()) {
                cc.error("No password set");
                return;
            }
            s.enter(Mode.PRIV_EXEC, null);
            return;
        }
        password(cc, 3);
    }

    /** Asks for the enable secret; a wrong one is asked again, up to {@code tries} times in all. */
    private static void password(CommandContext cc, int tries) {
        cc.ask("Password: ", true, pw -> {
            var secret = Shell.config(cc).enableSecret;   // as it is when the answer comes
            if (pw != null && secret != null && Secrets.matches(secret, pw)) {
                cc.session().enter(Mode.PRIV_EXEC, null);
            } else if (pw != null && tries > 1) {
                password(cc, tries - 1);
            } else {
                cc.error("Bad secrets");
                cc.println("");
            }
        });
    }

    static String clock(Router r) {
        ZonedDateTime t = Instant.ofEpochMilli(r.scheduler().epochMillis()).atZone(ZoneOffset.UTC);
        return "*" + CLOCK.format(t);
    }

    private static void version(CommandContext cc) {
        Router r = Shell.router(cc);
        long gig = r.config().interfaces.keySet().stream()
            .filter(n -> n.type() == InterfaceName.Type.GIGABIT_ETHERNET && !n.isSubinterface()).count();
        cc.println(Router.SOFTWARE)
          .println("").println("")
          .println("ROM: Bootstrap program is IOSv")
          .println("")
          .println(r.hostname() + " uptime is " + RelTime.uptime(r.uptimeNanos()))
          .println("System returned to ROM by reload")
          .println("System image file is \"flash0:/vios-adventerprisek9-m\"")
          .println("Last reload reason: " + r.reloadReason())
          .println("").println("").println("")
          .println("This product contains cryptographic features and is subject to United")
          .println("States and local country laws governing import, export, transfer and")
          .println("use. Delivery of Cisco cryptographic products does not imply")
          .println("third-party authority to import, export, distribute or use encryption.")
          .println("Importers, exporters, distributors and users are responsible for")
          .println("compliance with U.S. and local country laws. By using this product you")
          .println("agree to comply with applicable laws and regulations. If you are unable")
          .println("to comply with U.S. and local laws, return this product immediately.")
          .println("")
          .println("A summary of U.S. laws governing Cisco cryptographic products may be found at:")
          .println("http://www.cisco.com/wwl/export/crypto/tool/stqrg.html")
          .println("")
          .println("If you require further assistance please contact us by sending email to")
          .println("export@cisco.com.")
          .println("")
          .println("Cisco IOSv (revision 1.0) with  with 460137K/62464K bytes of memory.")
          .println("Processor board ID " + r.boardId())
          .println(gig + " Gigabit Ethernet interfaces")
          .println("DRAM configuration is 72 bits wide with parity disabled.")
          .println("256K bytes of non-volatile configuration memory.")
          .println("2097152K bytes of ATA System CompactFlash 0 (Read/Write)")
          .println("0K bytes of ATA CompactFlash 1 (Read/Write)")
          .println("11217K bytes of ATA CompactFlash 2 (Read/Write)")
          .println("0K bytes of ATA CompactFlash 3 (Read/Write)")
          .println("").println("").println("")
          .println("Configuration register is 0x0")
          .println("");
    }

    private static void running(S_running_configContext c, CommandContext cc) {
        String text;
        if (c.INTERFACE_NAME() != null) {
            InterfaceConfig i = Shell.config(cc).interfaces.get(InterfaceName.parse(c.INTERFACE_NAME().getText()));
            if (i == null) {
                cc.invalid(c.INTERFACE_NAME());
                return;
            }
            text = Shell.of(cc).writer().renderInterface(i, c.ALL() != null);
        } else {
            text = stamped(Shell.of(cc), c.ALL() != null);
        }
        cc.println("Building configuration...").println("")
          .println("Current configuration : " + text.length() + " bytes")
          .print(text);
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC' EEE MMM d yyyy", Locale.ROOT);

    /**
     * The running configuration as IOS shows it, after its first `!`: `! Last configuration change
     * at 10:24:49 UTC Thu Mar 15 2012 by admin` (since boot; `by` only for a logged-in user) and
     * `! NVRAM config last updated at ...` after a save, then `!`. Loading ignores these comments.
     */
    static String stamped(Shell sh, boolean all) {
        String text = all ? sh.runningAll() : sh.running();
        Shell.ConfigStamp change = sh.lastChange(), save = sh.lastSave();
        if ((change == null && save == null) || !text.startsWith("!\n")) return text;
        StringBuilder sb = new StringBuilder("!\n");
        if (change != null) sb.append("! Last configuration change at ").append(stamp(change)).append('\n');
        if (save != null) sb.append("! NVRAM config last updated at ").append(stamp(save)).append('\n');
        return sb.append(text).toString();
    }

    private static String stamp(Shell.ConfigStamp s) {
        return STAMP.format(Instant.ofEpochMilli(s.epochMillis()).atZone(ZoneOffset.UTC)) + (s.by() == null ? "" : " by " + s.by());
    }

    private static void startup(CommandContext cc) {
        byte[] b = readStartup(cc);
        if (b == null) {
            cc.println("startup-config is not present");
            return;
        }
        cc.println("Using " + b.length + " out of 262144 bytes").print(new String(b, StandardCharsets.UTF_8));
    }

    private static byte[] readStartup(CommandContext cc) {
        try {
            return Shell.router(cc).nvram().read(Nvram.STARTUP_CONFIG);
        } catch (IOException e) {
            cc.println("%Error opening nvram:/startup-config (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void save(CommandContext cc) {
        cc.println("Building configuration...");
        try {
            Shell.router(cc).saveConfig(Shell.of(cc).running());
            try {
                Router r = Shell.router(cc);
                byte[] users = dev.routerlab.snmp.SnmpUsers.privateConfig(r.config().snmp);
                if (users == null) r.nvram().delete(dev.routerlab.snmp.SnmpUsers.PRIVATE_FILE);
                else r.nvram().write(dev.routerlab.snmp.SnmpUsers.PRIVATE_FILE, users);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Shell.of(cc).saved(cc.session().user());
            cc.println("[OK]");
        } catch (Router.NvramFullException e) {
            // IOS: the configuration does not fit in NVRAM; the saved one is left as it was
            cc.error("Configuration buffer full, can't add command: " + e.line);
            cc.println("%Aborting Save. Compress the config.");
        } catch (RuntimeException e) {
            cc.error("Error writing nvram:/startup-config (" + e.getMessage() + ")");
        }
    }

    private static void write(X_writeContext c, CommandContext cc) {
        if (c.ERASE() != null) erase(cc);
        else if (c.TERMINAL() != null) {
            String text = stamped(Shell.of(cc), false);
            cc.println("Building configuration...").println("")
              .println("Current configuration : " + text.length() + " bytes").print(text);
        } else save(cc);
    }

    /**
     * `copy SRC DST` between running-config, startup-config and flash0: files: running to
     * startup is `write memory`; into running-config merges; anything else writes the file.
     */
    private static void copy(X_copyContext c, CommandContext cc) {
        IosFiles.Url from = url(c.from), to = url(c.to);
        if (from == null || to == null) {
            Copy_fileContext bad = from == null ? c.from : c.to;
            cc.println("%Error opening " + bad.getText() + " (No such device)");
            return;
        }
        if (from.isDirectory()) {
            cc.println("%Error opening " + from.display() + " (Is a directory)");
            return;
        }
        String dest = switch (to.kind()) {
            case RUNNING -> "running-config";
            case STARTUP -> "startup-config";
            default -> to.file() != null ? to.file() : from.file() != null ? from.file() : c.from.getText();
        };
        cc.ask("Destination filename [" + dest + "]? ", false, answer -> {
            if (answer == null) {
                cc.error("Copy aborted");
                return;
            }
            String name = answer.isBlank() ? dest : answer.strip();
            IosFiles.Url target = to.kind() == IosFiles.Kind.FLASH ? IosFiles.parse("flash0:" + name) : to;
            if (target == null || (to.kind() != IosFiles.Kind.FLASH && !name.equals(dest))) cc.error("Copy aborted");
            else copy(cc, from, target);
        });
    }

    private static IosFiles.Url url(Copy_fileContext f) {
        if (f.RUNNING_CONFIG() != null) return new IosFiles.Url(IosFiles.Kind.RUNNING, null);
        if (f.STARTUP_CONFIG() != null) return new IosFiles.Url(IosFiles.Kind.STARTUP, null);
        return IosFiles.parse(f.url.getText());
    }

    private static void copy(CommandContext cc, IosFiles.Url from, IosFiles.Url to) {
        if (from.equals(to)) {
            cc.error("Source and destination are the same");
            return;
        }
        if (from.kind() == IosFiles.Kind.RUNNING && to.kind() == IosFiles.Kind.STARTUP) {
            save(cc);
            return;
        }
        Shell shell = Shell.of(cc);
        try {
            byte[] b = IosFiles.read(shell, from);
            if (b == null) {
                cc.println("%Error opening " + from.display() + " (No such file or directory)");
                return;
            }
            for (String e : IosFiles.write(shell, to, b)) cc.println(e);
            cc.println(b.length + " bytes copied in 0.010 secs (" + b.length * 100 + " bytes/sec)");
        } catch (IOException e) {
            cc.println("%Error copying " + from.display() + " to " + to.display() + " (" + e.getMessage() + ")");
        }
    }

    private static void erase(CommandContext cc) {
        cc.ask("Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]", false, a -> {
            if (confirmed(a)) eraseNow(cc);
        });
    }

    /** A `[confirm]` answer: RETURN or yes. */
    static boolean confirmed(String a) {
        return a != null && (a.isBlank() || a.strip().toLowerCase(Locale.ROOT).startsWith("y"));
    }

    private static void eraseNow(CommandContext cc) {
        try {
            Shell.router(cc).nvram().delete(Nvram.STARTUP_CONFIG);
            Shell.router(cc).nvram().delete(dev.routerlab.snmp.SnmpUsers.PRIVATE_FILE);
            Shell.of(cc).erased();
            cc.println("[OK]").println("Erase of nvram: complete");
            Shell.router(cc).log("SYS", 7, "NV_BLOCK_INIT", "Initialized the geometry of nvram");
        } catch (IOException e) {
            cc.error("Erase of nvram: failed (" + e.getMessage() + ")");
        }
    }

    private static void reload(CommandContext cc) {
        byte[] startup = readStartup(cc);
        String running = Shell.of(cc).running();
        if (startup == null || !new String(startup, StandardCharsets.UTF_8).equals(running)) {
            cc.ask("System configuration has been modified. Save? [yes/no]: ", false, a -> {
                if (a == null) return;
                String ans = a.strip().toLowerCase(Locale.ROOT);
                if (ans.startsWith("y")) save(cc);
                else if (!ans.startsWith("n")) {
                    cc.error("Please answer 'yes' or 'no'.");
                    return;
                }
                proceedWithReload(cc);
            });
        } else {
            proceedWithReload(cc);
        }
    }

    private static void proceedWithReload(CommandContext cc) {
        cc.ask("Proceed with reload? [confirm]", false, confirm -> {
            if (!confirmed(confirm)) return;
            Router r = Shell.router(cc);
            r.log("SYS", 5, "RELOAD", "Reload requested by " + (cc.session().isVty() ? cc.session().user() : "console")
                + ". Reload Reason: Reload Command.");
            for (String e : Shell.of(cc).reload()) cc.println(e);
            cc.println("").println("Press RETURN to get started!").println("");
        });
    }

    private static void users(CommandContext cc) {
        cc.println("    Line       User       Host(s)              Idle       Location");
        for (Session s : Shell.of(cc).sessions()) {
            String mark = s == cc.session() ? "*" : " ";
            int num = s.isVty() ? 2 + Integer.parseInt(s.lineName().substring(4)) : 0;
            String line = String.format("%s%3d %-10s%-11s%-21s%-11s%s", mark, num, s.lineName(),
                s.user() == null ? "" : s.user(), "idle", RelTime.hms(s.idleNanos()), s.from() == null ? "" : s.from());
            cc.println(line.stripTrailing());
        }
        cc.println("").println("  Interface    User               Mode         Idle     Peer Address").println("");
    }

    /** Interface tables list ports first, then virtual interfaces (IOS ifIndex order). */
    public static java.util.List<InterfaceConfig> physicalFirst(RunningConfig cfg) {
        java.util.List<InterfaceConfig> out = new java.util.ArrayList<>(cfg.interfaces.values());
        out.sort(java.util.Comparator.comparing((InterfaceConfig i) -> !i.name.isPhysical()).thenComparing(i -> i.name));
        return out;
    }

    public static String prefix(InterfaceConfig.Ipv4Prefix p) {
        return Ipv4Address.toString(p.address()) + "/" + Ipv4Address.prefixLength(p.mask());
    }

    private static void interfaces(S_interfacesContext c, CommandContext cc) {
        Router r = Shell.router(cc);
        if (c.DESCRIPTION() != null) {
            cc.println("Interface                      Status         Protocol Description");
            for (InterfaceConfig i : physicalFirst(Shell.config(cc))) {
                String status = i.shutdown ? "admin down" : r.linkStatus(i);
                cc.println(String.format("%-31s%-15s%-9s%s", i.name.shortForm(), status,
                    r.lineProtocolUp(i) ? "up" : "down", i.description == null ? "" : i.description).stripTrailing());
            }
            return;
        }
        InterfaceName only = c.INTERFACE_NAME() == null ? null : InterfaceName.parse(c.INTERFACE_NAME().getText());
        if (only != null && only.type() == InterfaceName.Type.NULL && !Shell.config(cc).interfaces.containsKey(only)) {
            InterfaceView.renderNull(r, cc);     // Null0 always exists, configured or not
            return;
        }
        for (InterfaceConfig i : physicalFirst(Shell.config(cc))) {
            if (only != null && !i.name.equals(only)) continue;
            InterfaceView.render(r, i, cc);
        }
    }
}
