package dev.routerlab.ssh.cli;

import static dev.routerlab.cli.Args.num;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.SshConfig;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.ssh.HostKey;
import dev.routerlab.ssh.LoginWatch;
import dev.routerlab.ssh.SshService;
import dev.routerlab.ssh.SshState;

/**
 * The commands of grammar/imports/Ssh.g4: `ip ssh`, `login block-for|on-failure|on-success`,
 * `crypto key generate|zeroize rsa`, `show ip ssh`, `show ssh`, `show login`, `clear line`,
 * and the `login` and `ip ssh` sections of the running-config.
 */
public final class SshCommands {
    /** IOS numbers lines con 0, aux 0, then the vtys. */
    static final int FIRST_VTY_LINE = 2;

    private SshCommands() {}

    public static void register(CommandRegistry r) {
        r.on(Ssh_versionContext.class, (c, cc) -> ssh(cc).version = c.DEC() == null ? null : num(c.DEC()))
         .on(Ssh_time_outContext.class, (c, cc) -> {
             Integer v = c.DEC() == null ? null : num(c.DEC());
             ssh(cc).timeout = v == null || v == SshConfig.DEFAULT_TIMEOUT ? null : v;
         })
         .on(Ssh_retriesContext.class, (c, cc) -> {
             Integer v = c.DEC() == null ? null : num(c.DEC());
             ssh(cc).retries = v == null || v == SshConfig.DEFAULT_RETRIES ? null : v;
         })
         .on(Ip_scpContext.class, (c, cc) -> ssh(cc).scpServer = !cc.negated())
         .on(Login_block_forContext.class, SshCommands::blockFor)
         .on(Login_on_failureContext.class, (c, cc) -> ssh(cc).logOnFailure = !cc.negated())
         .on(Login_on_successContext.class, (c, cc) -> ssh(cc).logOnSuccess = !cc.negated())
         .on(Key_generateContext.class, SshCommands::generate)
         .on(Key_zeroizeContext.class, SshCommands::zeroize)
         .on(S_ip_sshContext.class, (c, cc) -> showIpSsh(cc))
         .on(S_sshContext.class, (c, cc) -> showSsh(cc))
         .on(S_loginContext.class, (c, cc) -> {
             if (c.FAILURES() != null) showLoginFailures(cc);
             else showLogin(cc);
         })
         .on(Clear_lineContext.class, SshCommands::clearLine)
         // protocols this router does not run, as automation clients (ios_facts) probe them
         .on(S_lldpContext.class, (c, cc) -> cc.error("LLDP is not enabled"));
    }

    /** `login ...` after the enable secret, `ip ssh ...` after the usernames. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.LOGIN, (c, sb) -> writeLogin(c.ssh, sb))
         .global(RunningConfigWriter.IP_SSH, (c, sb) -> writeIpSsh(c.ssh, sb));
    }

    /** `login ...` lines of the running-config, followed by `!` when there are any. */
    private static void writeLogin(SshConfig s, StringBuilder sb) {
        int before = sb.length();
        if (s.loginBlock != null) {
            sb.append("login block-for ").append(s.loginBlock.blockSeconds()).append(" attempts ")
              .append(s.loginBlock.attempts()).append(" within ").append(s.loginBlock.withinSeconds()).append('\n');
        }
        if (s.logOnFailure) sb.append("login on-failure log\n");
        if (s.logOnSuccess) sb.append("login on-success log\n");
        if (sb.length() > before) sb.append("!\n");
    }

    /** `ip scp server enable` and `ip ssh ...` lines of the running-config, followed by `!` when there are any. */
    private static void writeIpSsh(SshConfig s, StringBuilder sb) {
        int before = sb.length();
        if (s.scpServer) sb.append("ip scp server enable\n");
        if (s.timeout != null) sb.append("ip ssh time-out ").append(s.timeout).append('\n');
        if (s.retries != null) sb.append("ip ssh authentication-retries ").append(s.retries).append('\n');
        if (s.version != null) sb.append("ip ssh version ").append(s.version).append('\n');
        if (sb.length() > before) sb.append("!\n");
    }

    private static SshConfig ssh(CommandContext cc) { return Shell.config(cc).ssh; }

    // ---- login block-for

    private static void blockFor(Login_block_forContext c, CommandContext cc) {
        if (cc.negated()) {
            ssh(cc).loginBlock = null;
            SshState.of(Shell.router(cc)).watch().reset();
            return;
        }
        ssh(cc).loginBlock = new SshConfig.LoginBlock(num(c.block), num(c.attempts), num(c.within));
    }

    // ---- crypto key generate | zeroize rsa

    private static void generate(Key_generateContext c, CommandContext cc) {
        if (cc.negated()) {
            cc.invalid(c.GENERATE());
            return;
        }
        RunningConfig cfg = Shell.config(cc);
        Router r = Shell.router(cc);
        String label = null;
        Integer bits = null;
        for (Key_gen_optionContext o : c.key_gen_option()) {
            if (o.LABEL() != null) label = o.WORD().getText();
            else if (o.MODULUS() != null) bits = num(o.DEC());
        }
        if (label == null) {
            if (cfg.hostname.equals("Router")) {
                cc.error("Please define a hostname other than Router.");
                return;
            }
            if (cfg.domainName == null) {
                cc.error("Please define a domain-name first.");
                return;
            }
            label = cfg.hostname + "." + cfg.domainName;
        }
        SshState state = SshState.of(r);
        HostKey old = state.hostKey();
        if (r.booting()) {
            // a startup-config line: keep the key NVRAM has (no question would have an answer),
            // else make one quietly (2048 bits unless given: OpenSSH refuses RSA under 1024)
            if (old == null) {
                try {
                    state.setHostKey(HostKey.generate(label, bits == null ? 2048 : bits));
                } catch (IOException e) {
                    cc.error("Error writing nvram:/" + HostKey.NVRAM_FILE + " (" + e.getMessage() + ")");
                }
            }
            return;
        }
        String name = label;
        Integer size = bits;
        if (old != null) {
            cc.println("% You already have RSA keys defined named " + old.label() + ".");
            cc.ask("% Do you really want to replace them? [yes/no]: ", false, a -> {
                if (a != null && a.strip().toLowerCase(Locale.ROOT).startsWith("y")) modulus(cc, name, size, old);
            });
        } else {
            modulus(cc, name, size, null);
        }
    }

    /** Names the keys; asks for the modulus when the command did not give one. */
    private static void modulus(CommandContext cc, String label, Integer bits, HostKey old) {
        cc.println("The name for the keys will be: " + label);
        if (bits != null) {
            cc.println("").println("% The key modulus size is " + bits + " bits");
            generate(cc, label, bits, old);
            return;
        }
        cc.println("Choose the size of the key modulus in the range of 512 to 4096 for your")
          .println("  General Purpose Keys. Choosing a key modulus greater than 512 may take")
          .println("  a few minutes.").println("");
        cc.ask("How many bits in the modulus [512]: ", false, a -> {
            if (a == null) return;
            int n;
            try {
                n = a.isBlank() ? 512 : Integer.parseInt(a.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 512 || n > 4096) {
                cc.error("Key modulus size must be between 512 and 4096 bits");
                return;
            }
            generate(cc, label, n, old);
        });
    }

    private static void generate(CommandContext cc, String label, int bits, HostKey old) {
        Router r = Shell.router(cc);
        SshState state = SshState.of(r);
        cc.println("% Generating " + bits + " bit RSA keys, keys will be non-exportable...");
        long t0 = r.scheduler().nanos();
        HostKey k = HostKey.generate(label, bits);
        try {
            state.setHostKey(k);
        } catch (IOException e) {
            cc.error("Error writing nvram:/" + HostKey.NVRAM_FILE + " (" + e.getMessage() + ")");
            return;
        }
        long secs = Math.max(0, (r.scheduler().nanos() - t0) / 1_000_000_000L);
        cc.println("[OK] (elapsed time was " + secs + " seconds)").println("");
        if (old == null && bits >= 768) {
            String v = Shell.config(cc).ssh.versionText();
            r.scheduler().execute(() -> r.log("SSH", 5, "ENABLED", "SSH " + v + " has been enabled"));
        }
    }

    private static void zeroize(Key_zeroizeContext c, CommandContext cc) {
        Router r = Shell.router(cc);
        SshState state = SshState.of(r);
        HostKey k = state.hostKey();
        if (k == null || (c.WORD() != null && !c.WORD().getText().equals(k.label()))) {
            cc.error(c.WORD() == null ? "No Signature RSA Keys found in configuration."
                : "RSA keypair " + c.WORD().getText() + " does not exist");
            return;
        }
        cc.println("% All keys will be removed.")
          .println("% All router certs issued using these keys will also be removed.");
        cc.ask("Do you really want to remove these keys? [yes/no]: ", false, a -> {
            if (a == null || !a.strip().toLowerCase(Locale.ROOT).startsWith("y")) return;
            try {
                state.setHostKey(null);
            } catch (IOException e) {
                cc.error("Error writing nvram:/" + HostKey.NVRAM_FILE + " (" + e.getMessage() + ")");
                return;
            }
            String v = Shell.config(cc).ssh.versionText();
            r.scheduler().execute(() -> r.log("SSH", 5, "DISABLED", "SSH " + v + " has been disabled"));
        });
    }

    // ---- show ip ssh / show ssh

    private static void showIpSsh(CommandContext cc) {
        SshConfig s = Shell.config(cc).ssh;
        HostKey k = SshState.of(Shell.router(cc)).hostKey();
        boolean enabled = k != null && k.bits() >= 768 && (s.version == null || s.version == 2);
        SshService.Algorithms alg = SshService.algorithms();
        cc.println("SSH " + (enabled ? "Enabled" : "Disabled") + " - version " + s.versionText());
        if (k == null) cc.println("%Please create RSA keys to enable SSH (and of atleast 768 bits for SSH v2).");
        cc.println("Authentication methods:keyboard-interactive,password")
          .println("Hostkey Algorithms:" + alg.hostKey())
          .println("Encryption Algorithms:" + alg.ciphers())
          .println("MAC Algorithms:" + alg.macs())
          .println("KEX Algorithms:" + alg.kex())
          .println("Authentication timeout: " + s.effectiveTimeout() + " secs; Authentication retries: " + s.effectiveRetries())
          .println("Minimum expected Diffie Hellman key size : " + SshService.MIN_DH_BITS + " bits")
          .println("IOS Keys in SECSH format(ssh-rsa, base64 encoded): " + (k == null ? "NONE" : k.label()));
        if (k != null) cc.println(k.openSshPublicKey());
    }

    private static void showSsh(CommandContext cc) {
        var vtys = SshState.of(Shell.router(cc)).vtys();
        if (vtys.isEmpty()) {
            cc.println("%No SSHv2 server connections running.");
        } else {
            cc.println("Connection Version Mode Encryption  Hmac         State                 Username");
            for (SshState.Vty v : vtys) {
                String[] a = v.algorithms();
                cc.println(row(v.number(), "IN", a[0], a[1], v.user()));
                cc.println(row(v.number(), "OUT", a[2], a[3], v.user()));
            }
        }
        cc.println("%No SSHv1 server connections running.");
    }

    private static String row(int n, String mode, String enc, String mac, String user) {
        return String.format("%-10d %-7s %-4s %-11s %-12s %-21s %s", n, "2.0", mode, enc, mac, "Session started", user);
    }

    // ---- show login

    private static void showLogin(CommandContext cc) {
        SshConfig s = Shell.config(cc).ssh;
        LoginWatch w = SshState.of(Shell.router(cc)).watch();
        SshConfig.LoginBlock b = s.loginBlock;
        cc.println(b != null ? "     A login delay of 1 seconds is applied." : "     No login delay has been applied.");
        cc.println("     No Quiet-Mode access list has been configured.").println("");
        if (b == null) {
            cc.println("     Router NOT enabled to watch for login Attacks");
            return;
        }
        cc.println("     Router enabled to watch for login Attacks.")
          .println("     If more than " + b.attempts() + " login failures occur in " + b.withinSeconds() + " seconds or less,")
          .println("     logins will be disabled for " + b.blockSeconds() + " seconds.").println("");
        if (w.quiet()) {
            cc.println("     Router presently in Quiet-Mode.")
              .println("     Will remain in Quiet-Mode for " + w.quietSecondsLeft() + " seconds.")
              .println("     Denying logins from all sources.");
        } else {
            cc.println("     Router presently in Normal-Mode.")
              .println("     Current Watch Window")
              .println("         Time remaining: " + w.windowSecondsLeft() + " seconds.")
              .println("         Login failures for current window: " + w.windowFailures() + ".");
        }
        cc.println("     Total login failures: " + w.totalFailures() + ".");
    }

    private static void showLoginFailures(CommandContext cc) {
        LoginWatch w = SshState.of(Shell.router(cc)).watch();
        var rows = w.failureRecords();
        if (rows.isEmpty()) {
            cc.println("*** No logged failed login attempts with the device.***");
            return;
        }
        cc.println("Total failed logins: " + w.totalFailures())
          .println("Detailed information about last 50 failures").println("")
          .println("Username        SourceIPAddr    lPort Count TimeStamp");
        for (LoginWatch.Failure f : rows) {
            String at = LoginWatch.AT.format(Instant.ofEpochMilli(f.lastMillis).atZone(ZoneOffset.UTC));
            cc.println(String.format("%-15s %-15s %-5d %-5d %s", f.user, f.source, f.port, f.count, at));
        }
    }

    // ---- clear line

    private static void clearLine(Clear_lineContext c, CommandContext cc) {
        int n = num(c.DEC());
        Integer vty = c.VTY() != null ? Integer.valueOf(n) : n >= FIRST_VTY_LINE ? Integer.valueOf(n - FIRST_VTY_LINE) : null;
        cc.ask("[confirm]", false, a -> {
            if (a == null || !(a.isBlank() || a.strip().toLowerCase(Locale.ROOT).startsWith("y"))) return;
            cc.println(" [OK]");
            if (vty == null) return;   // con 0 and aux 0 have no connection to drop
            SshState.Vty v = SshState.of(Shell.router(cc)).vty(vty);
            if (v != null) v.disconnect("cleared");
        });
    }
}
