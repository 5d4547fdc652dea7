package dev.routerlab.device.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.SnmpConfig;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;

/**
 * `snmp-server community|group|user|location|contact`, their running-config lines (users are
 * not among them: as IOS, they are saved to private NVRAM with `write memory` and read back at
 * boot) and `show snmp user`. No SNMP agent answers on UDP 161: this is the configuration
 * automation reads and writes.
 */
final class SnmpCommands {
    /** Private NVRAM: the SNMPv3 users as their commands, saved with the configuration. */
    static final String PRIVATE_FILE = "private-config-snmp";

    private SnmpCommands() {}

    static void register(CommandRegistry r) {
        r.on(Snmp_communityContext.class, (c, cc) -> {
            var m = snmp(cc).communities;
            String name = c.name.getText();
            if (cc.negated()) m.remove(name);
            else m.put(name, new SnmpConfig.Community(name, c.perm != null && c.perm.getType() == dev.routerlab.grammar.IosParser.RW,
                c.acl == null ? null : c.acl.getText()));
        })
         .on(Snmp_groupContext.class, (c, cc) -> {
             var m = snmp(cc).groups;
             String name = c.name.getText();
             if (cc.negated()) {
                 m.remove(name);
                 return;
             }
             m.put(name, new SnmpConfig.Group(name, c.level.getText().toLowerCase(java.util.Locale.ROOT),
                 c.snmp_read() == null ? null : c.snmp_read().view.getText(),
                 c.snmp_write() == null ? null : c.snmp_write().view.getText(),
                 c.snmp_access() == null ? null : c.snmp_access().acl.getText()));
         })
         .on(Snmp_userContext.class, SnmpCommands::user)
         .on(Snmp_locationContext.class, (c, cc) -> snmp(cc).location = cc.negated() ? null : c.TEXT().getText())
         .on(Snmp_contactContext.class, (c, cc) -> snmp(cc).contact = cc.negated() ? null : c.TEXT().getText())
         .on(S_snmpContext.class, (c, cc) -> showUsers(cc));
    }

    private static SnmpConfig snmp(CommandContext cc) { return Shell.config(cc).snmp; }

    private static void user(Snmp_userContext c, CommandContext cc) {
        var m = snmp(cc).users;
        String name = c.name.getText();
        if (cc.negated()) {
            m.remove(name);
            return;
        }
        String auth = null, priv = null;
        Snmp_user_groupContext g = c.snmp_user_group();
        Snmp_authContext a = g.snmp_auth();
        if (a != null) {
            auth = a.alg.getType() == dev.routerlab.grammar.IosParser.MD5 ? "MD5" : "SHA";
            Snmp_privContext p = a.snmp_priv();
            if (p != null) priv = p.DES() != null ? "DES" : p.TDES() != null ? "3DES" : "AES" + p.bits.getText();
        }
        if (priv != null && priv.startsWith("AES") && !java.util.Set.of("AES128", "AES192", "AES256").contains(priv)) {
            cc.invalid(a.snmp_priv().DEC());
            return;
        }
        m.put(name, new SnmpConfig.User(name, g.group.getText(), auth, priv,
            g.snmp_access() == null ? null : g.snmp_access().acl.getText(), "snmp-server " + words(c)));
    }

    /** The words of a parsed command, as typed. */
    private static String words(org.antlr.v4.runtime.tree.ParseTree t) {
        if (t instanceof org.antlr.v4.runtime.tree.TerminalNode n) return n.getText();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.getChildCount(); i++) {
            String w = words(t.getChild(i));
            if (w.isEmpty()) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(w);
        }
        return sb.toString();
    }

    /** `snmp-server` lines in IOS order: groups, communities, location, contact. */
    static void write(RunningConfig rc, StringBuilder sb) {
        SnmpConfig s = rc.snmp;
        int before = sb.length();
        for (SnmpConfig.Group g : s.groups.values()) {
            sb.append("snmp-server group ").append(g.name()).append(" v3 ").append(g.level());
            if (g.read() != null) sb.append(" read ").append(g.read());
            if (g.write() != null) sb.append(" write ").append(g.write());
            if (g.acl() != null) sb.append(" access ").append(g.acl());
            sb.append('\n');
        }
        for (SnmpConfig.Community c : s.communities.values()) {
            sb.append("snmp-server community ").append(c.name()).append(c.readWrite() ? " RW" : " RO");
            if (c.acl() != null) sb.append(' ').append(c.acl());
            sb.append('\n');
        }
        if (s.location != null) sb.append("snmp-server location ").append(s.location).append('\n');
        if (s.contact != null) sb.append("snmp-server contact ").append(s.contact).append('\n');
        if (sb.length() > before) sb.append("!\n");
    }

    /** `show snmp user` in the IOS layout; the engine ID is IOS's default (RFC 3411 §5: enterprise 9, MAC format). */
    private static void showUsers(CommandContext cc) {
        String engine = engineId(Shell.router(cc));
        for (SnmpConfig.User u : snmp(cc).users.values()) {
            cc.println("").println("User name: " + u.name()).println("Engine ID: " + engine)
              .println("storage-type: nonvolatile        active" + (u.acl() == null ? "" : " access-list: " + u.acl()))
              .println("Authentication Protocol: " + (u.auth() == null ? "None" : u.auth()))
              .println("Privacy Protocol: " + (u.priv() == null ? "None" : u.priv()))
              .println("Group-name: " + u.group());
        }
    }

    /** 80000009 (enterprise 9, RFC 3411's high bit), 03 (a MAC follows), IOS's 00, the base MAC. */
    static String engineId(Router r) {
        StringBuilder sb = new StringBuilder("800000090300");
        for (byte b : r.baseMac().toBytes()) sb.append(String.format("%02X", b & 0xff));
        return sb.toString();
    }

    /** `write memory`: the users go to private NVRAM (none: the file goes). */
    static void savePrivate(Router r) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (SnmpConfig.User u : r.config().snmp.users.values()) sb.append(u.command()).append('\n');
        if (sb.length() == 0) r.nvram().delete(PRIVATE_FILE);
        else r.nvram().write(PRIVATE_FILE, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** At boot, after the startup-config: the saved users. */
    static void loadPrivate(Shell shell) {
        try {
            byte[] b = shell.router().nvram().read(PRIVATE_FILE);
            if (b != null) shell.load(b);
        } catch (IOException e) {
            // no saved users
        }
    }
}
