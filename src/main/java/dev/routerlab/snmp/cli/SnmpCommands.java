package dev.routerlab.snmp.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.SnmpConfig;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.snmp.SnmpAgent;

/**
 * SNMP's command layer (`Snmp.g4`): `snmp-server community|group|user|location|contact|host|enable
 * traps`, their running-config lines (users are not among them: as IOS, `write memory` saves
 * them to private NVRAM, `snmp.SnmpUsers`, and the boot reads them back), `show snmp` (the
 * agent's counters in IOS's layout), `show snmp host`, `show snmp user`.
 */
public final class SnmpCommands {
    private SnmpCommands() {}

    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.SNMP, SnmpCommands::write);
    }

    public static void register(CommandRegistry r) {
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
         .on(Snmp_hostContext.class, SnmpCommands::host)
         .on(Snmp_enableContext.class, SnmpCommands::traps)
         .on(S_snmpContext.class, (c, cc) -> {
             if (c.what == null) showSnmp(cc);
             else if (c.what.getType() == dev.routerlab.grammar.IosParser.USER) showUsers(cc);
             else showHosts(cc);
         });
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
        if (!s.traps.isEmpty()) {
            sb.append("snmp-server enable traps snmp");
            for (String k : SnmpConfig.TRAP_KINDS) if (s.traps.contains(k)) sb.append(' ').append(k);
            sb.append('\n');
        }
        for (SnmpConfig.Host h : s.hosts.values()) {
            sb.append("snmp-server host ").append(Ipv4Address.toString(h.address()));
            if (h.v2c()) sb.append(" version 2c");
            sb.append(' ').append(h.community());
            if (h.port() != 162) sb.append(" udp-port ").append(h.port());
            sb.append('\n');
        }
        if (sb.length() > before) sb.append("!\n");
    }

    /**
     * `snmp-server host A.B.C.D [version 1|2c] COMMUNITY [udp-port N]`; `no snmp-server host A.B.C.D
     * [COMMUNITY]` removes that host's entries (all of them without a community).
     */
    private static void host(Snmp_hostContext c, CommandContext cc) {
        SnmpConfig s = snmp(cc);
        int addr = Ipv4Address.parse(c.addr.getText());
        String community = c.community == null ? null : c.community.getText();
        if (cc.negated()) {
            s.hosts.values().removeIf(h -> h.address() == addr && (community == null || h.community().equals(community)));
            return;
        }
        boolean v2c = c.snmp_host_version() != null && c.snmp_host_version().ver.getType() == dev.routerlab.grammar.IosParser.TWO_C;
        int port = 162;
        if (c.snmp_udp_port() != null) port = Integer.parseInt(c.snmp_udp_port().number.getText());   // help.txt bounds it
        SnmpConfig.Host h = new SnmpConfig.Host(addr, v2c, community, port);
        s.hosts.put(h.key(), h);
    }

    /**
     * `snmp-server enable traps [snmp [KIND...]]`: no kind names them all, as IOS; the `no` form
     * takes the named kinds off (all of them without one).
     */
    private static void traps(Snmp_enableContext c, CommandContext cc) {
        SnmpConfig s = snmp(cc);
        java.util.List<String> kinds = new java.util.ArrayList<>();
        if (c.snmp_traps() != null) {
            for (Snmp_trap_kindContext k : c.snmp_traps().snmp_trap_kind()) kinds.add(k.kind.getText().toLowerCase(java.util.Locale.ROOT));
        }
        if (kinds.isEmpty()) kinds = SnmpConfig.TRAP_KINDS;
        if (cc.negated()) s.traps.removeAll(kinds);
        else s.traps.addAll(kinds);
    }

    /** `show snmp`: IOS's chassis line, contact and location, and the agent's packet counters. */
    private static void showSnmp(CommandContext cc) {
        Router r = Shell.router(cc);
        SnmpConfig s = snmp(cc);
        if (!SnmpAgent.enabled(r.config())) {
            cc.println("%SNMP agent not enabled");
            return;
        }
        SnmpAgent.Stats k = r.snmp().stats();
        cc.println("Chassis: " + r.boardId());
        if (s.contact != null) cc.println("Contact: " + s.contact);
        if (s.location != null) cc.println("Location: " + s.location);
        cc.println(k.inPackets + " SNMP packets input")
          .println("    " + k.badVersions + " Bad SNMP version errors")
          .println("    " + k.unknownCommunity + " Unknown community name")
          .println("    " + k.illegalOperation + " Illegal operation for community name supplied")
          .println("    " + k.encodingErrors + " Encoding errors")
          .println("    " + k.requestedVariables + " Number of requested variables")
          .println("    " + k.alteredVariables + " Number of altered variables")
          .println("    " + k.getRequests + " Get-request PDUs")
          .println("    " + k.getNexts + " Get-next PDUs")
          .println("    " + k.setRequests + " Set-request PDUs")
          .println("    0 Input queue packet drops (Maximum queue size 1000)")
          .println(k.outPackets + " SNMP packets output")
          .println("    " + k.tooBig + " Too big errors (Maximum packet size " + SnmpAgent.PACKET_SIZE + ")")
          .println("    " + k.noSuchName + " No such name errors")
          .println("    " + k.badValues + " Bad values errors")
          .println("    " + k.generalErrors + " General errors")
          .println("    " + k.responses + " Response PDUs")
          .println("    " + k.traps + " Trap PDUs")
          .println("Packets currently in SNMP process input queue: 0")
          .println("SNMP global trap: " + (s.traps.isEmpty() ? "disabled" : "enabled"))
          .println("");
        if (s.hosts.isEmpty()) {
            cc.println("SNMP logging: disabled");
            return;
        }
        cc.println("SNMP logging: enabled");
        for (SnmpConfig.Host h : s.hosts.values()) {
            cc.println("    Logging to " + Ipv4Address.toString(h.address()) + "." + h.port() + ", 0/10, "
                + k.sentTo.getOrDefault(h.key(), 0L) + " sent, 0 dropped.");
        }
    }

    /** `show snmp host`: one block per notification host. */
    private static void showHosts(CommandContext cc) {
        for (SnmpConfig.Host h : snmp(cc).hosts.values()) {
            cc.println("Notification host: " + Ipv4Address.toString(h.address()) + "\tudp-port: " + h.port() + "\ttype: trap")
              .println("user: " + h.community() + "\tsecurity model: " + (h.v2c() ? "v2c" : "v1"))
              .println("");
        }
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
        StringBuilder sb = new StringBuilder();
        for (byte b : SnmpAgent.engineId(r.baseMac().toLong())) sb.append(String.format("%02X", b & 0xff));
        return sb.toString();
    }
}
