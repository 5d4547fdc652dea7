package dev.routerlab.acl.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.acl.AclCounters;
import dev.routerlab.acl.PortNames;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.AccessList.Address;
import dev.routerlab.config.AccessList.Entry;
import dev.routerlab.config.AccessList.Match;
import dev.routerlab.config.AccessList.PortMatch;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.grammar.IosParser;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Numbered (`access-list N`) and named (`ip access-list standard|extended NAME`) IPv4 access
 * lists, their running-config section and `show access-lists`. Remarks take the sequence
 * number of the rule that follows them and are not shown by `show access-lists`.
 */
public final class AclCommands {
    private AclCommands() {}

    /** The access-list commands and `show access-lists`. */
    public static void register(CommandRegistry r) {
        r.on(G_access_listContext.class, AclCommands::numbered)
         .on(Ip_access_listContext.class, AclCommands::named)
         .on(Ext_nacl_cmdContext.class, (c, cc) -> {
             Ext_nacl_entryContext e = c.ext_nacl_entry();
             entry(cc.target(AccessList.class), c.DEC(), e == null, e == null ? null : e.acl_action(),
                 e == null ? null : e.TEXT(), e == null || e.ext_rule() == null ? null : () -> extMatch(e.ext_rule(), cc), cc);
         })
         .on(Std_nacl_cmdContext.class, (c, cc) -> {
             Std_nacl_entryContext e = c.std_nacl_entry();
             entry(cc.target(AccessList.class), c.DEC(), e == null, e == null ? null : e.acl_action(),
                 e == null ? null : e.TEXT(), e == null || e.std_rule() == null ? null : () -> stdMatch(e.std_rule()), cc);
         })
         .on(S_access_listsContext.class, (c, cc) -> cc.print(show(Shell.config(cc), counters(Shell.router(cc)), nameOf(c.acl_name()))))
         .on(S_ip_access_listsContext.class, (c, cc) -> cc.print(show(Shell.config(cc), counters(Shell.router(cc)), nameOf(c.acl_name()))));
    }

    /** The access-list counters of the router's current configuration. */
    public static AclCounters counters(Router r) { return r.service(AclCounters.class, AclCounters::new).of(r.config()); }

    /** The access lists of the running configuration, at their IOS place. */
    public static void sections(RunningConfigWriter w) { w.global(RunningConfigWriter.ACL, AclCommands::write); }

    // ---- commands

    private static void numbered(G_access_listContext c, CommandContext cc) {
        int n = num(c.DEC());
        boolean extended = n >= 100;
        RunningConfig cfg = Shell.config(cc);
        if (cc.negated()) {
            // as on IOS, any `no access-list N ...` removes the whole list
            cfg.numberedAcls.remove(n);
            counters(Shell.router(cc)).clear(String.valueOf(n));
            return;
        }
        if (c.acl_action() == null && c.REMARK() == null) {
            cc.incomplete();
            return;
        }
        Match m = null;
        if (c.acl_rule() != null) {
            Acl_ruleContext r = c.acl_rule();
            if (extended != (r.ext_rule() != null)) {
                cc.invalid(firstTerminal(r), extended ? EXTENDED_START : STANDARD_START);
                return;
            }
            m = extended ? extMatch(r.ext_rule(), cc) : stdMatch(r.std_rule());
            if (m == null) return;
        }
        AccessList a = cfg.numberedAcls.computeIfAbsent(n, k -> new AccessList(String.valueOf(k), extended));
        if (c.REMARK() != null) addRemark(a, null, c.TEXT().getText());
        else addRule(a, null, c.acl_action().PERMIT() != null, m, cc);
    }

    private static void named(Ip_access_listContext c, CommandContext cc) {
        boolean extended = c.EXTENDED() != null;
        String name = c.WORD().getText();
        RunningConfig cfg = Shell.config(cc);
        AccessList a;
        if (name.chars().allMatch(Character::isDigit)) {
            long n = name.length() < 10 ? Long.parseLong(name) : -1;
            if (extended ? n < 100 || n > 199 : n < 1 || n > 99) {
                cc.error("Invalid access list name.");
                return;
            }
            if (cc.negated()) {
                cfg.numberedAcls.remove((int) n);
                counters(Shell.router(cc)).clear(name);
                return;
            }
            a = cfg.numberedAcls.computeIfAbsent((int) n, k -> new AccessList(name, extended));
        } else {
            a = cfg.namedAcls.get(name);
            if (a != null && a.extended != extended) {
                cc.error("A named " + (a.extended ? "extended" : "standard") + " IP access list with this name already exists");
                return;
            }
            if (cc.negated()) {
                cfg.namedAcls.remove(name);
                counters(Shell.router(cc)).clear(name);
                return;
            }
            if (a == null) {
                a = new AccessList(name, extended);
                cfg.namedAcls.put(name, a);
            }
        }
        cc.enter(extended ? Mode.EXT_NACL : Mode.STD_NACL, a);
    }

    /** A line of config-ext-nacl / config-std-nacl: `[seq] permit|deny ...`, `[seq] remark`, `no seq`. */
    private static void entry(AccessList a, TerminalNode seqTok, boolean seqOnly, Acl_actionContext action,
                              TerminalNode remark, java.util.function.Supplier<Match> match, CommandContext cc) {
        Integer seq = seqTok == null ? null : Integer.valueOf(seqTok.getText());
        if (seqOnly) {
            if (!cc.negated()) {
                cc.incomplete();
                return;
            }
            a.entries.removeIf(e -> e.remark() == null && e.sequence() == seq);
            a.index(null);
            counters(Shell.router(cc)).clear(a.name, seq);
            return;
        }
        if (remark != null) {
            if (cc.negated()) {
                a.entries.removeIf(e -> remark.getText().equals(e.remark()));
                a.index(null);
            }
            else addRemark(a, seq, remark.getText());
            return;
        }
        Match m = match.get();
        if (m == null) return;
        boolean permit = action.PERMIT() != null;
        if (cc.negated()) {
            for (Entry e : List.copyOf(a.entries)) {
                if (e.remark() == null && (seq != null ? e.sequence() == seq : e.permit() == permit && m.equals(e.match()))) {
                    a.entries.remove(e);
                    a.index(null);
                    counters(Shell.router(cc)).clear(a.name, e.sequence());
                }
            }
            return;
        }
        addRule(a, seq, permit, m, cc);
    }

    /**
     * What adding a rule asks of a list (duplicate sequence, duplicate rule, next sequence) in
     * constant time: 100,000 entries load in linear time, not quadratic. Valid while the list's
     * size and last entry are the ones it was built for; any other change rebuilds it.
     */
    private static final class Index {
        final java.util.Set<Integer> ruleSequences = new java.util.HashSet<>();
        final java.util.Set<Object> rules = new java.util.HashSet<>();
        int maxRuleSequence;
        int size;
        Entry last;
        /** Entries visited by rebuilds and inserts: what tests bound to prove loading is linear. */
        long work;

        static Index of(AccessList a) {
            if (a.index() instanceof Index x && x.size == a.entries.size()
                    && x.last == (a.entries.isEmpty() ? null : a.entries.get(a.entries.size() - 1))) {
                return x;
            }
            Index x = new Index();
            x.work = a.index() instanceof Index old ? old.work : 0;
            for (Entry e : a.entries) x.note(e);
            x.work += a.entries.size();
            x.size = a.entries.size();
            x.last = a.entries.isEmpty() ? null : a.entries.get(a.entries.size() - 1);
            a.index(x);
            return x;
        }

        void note(Entry e) {
            if (e.remark() != null) return;
            ruleSequences.add(e.sequence());
            rules.add(key(e.permit(), e.match()));
            maxRuleSequence = Math.max(maxRuleSequence, e.sequence());
        }

        static Object key(boolean permit, Match m) { return java.util.List.of(permit, m); }
    }

    /** Entries visited so far to maintain list a (rebuilds and insert scans). */
    static long work(AccessList a) { return a.index() instanceof Index x ? x.work : 0; }

    /** The sequence number the next rule without one gets: the last rule's plus 10. */
    static int nextSequence(AccessList a) {
        return Index.of(a).maxRuleSequence + 10;
    }

    private static void addRule(AccessList a, Integer seq, boolean permit, Match m, CommandContext cc) {
        Index x = Index.of(a);
        if (seq != null && x.ruleSequences.contains(seq)) {
            cc.error("Duplicate sequence number");
            return;
        }
        if (x.rules.contains(Index.key(permit, m))) return;   // IOS keeps one copy
        insert(a, new Entry(seq != null ? seq : x.maxRuleSequence + 10, permit, null, m));
    }

    private static void addRemark(AccessList a, Integer seq, String text) {
        insert(a, new Entry(seq != null ? seq : nextSequence(a), false, text, null));
    }

    /** Keeps entries in sequence order; a remark goes before the rule that shares its number. */
    private static void insert(AccessList a, Entry e) {
        Index idx = Index.of(a);
        // the entries that go after e are a suffix of the sorted list: scan from the end (appends are O(1))
        int i = a.entries.size();
        while (i > 0) {
            idx.work++;
            Entry x = a.entries.get(i - 1);
            if (!(x.sequence() > e.sequence() || (x.sequence() == e.sequence() && e.remark() != null && x.remark() == null))) break;
            i--;
        }
        a.entries.add(i, e);
        idx.note(e);
        idx.size = a.entries.size();
        idx.last = a.entries.get(a.entries.size() - 1);
    }

    // ---- building matches

    static Match stdMatch(Std_ruleContext r) {
        Address src = stdAddress(r.std_addr());
        return new Match(-1, src, null, null, null, r.LOG() != null ? List.of("log") : List.of());
    }

    private static Address stdAddress(Std_addrContext a) {
        if (a.ANY() != null) return Address.ANY;
        if (a.HOST() != null) return new Address(ip(a.IP_ADDRESS(0)), 0);
        int w = a.IP_ADDRESS().size() > 1 ? ip(a.IP_ADDRESS(1)) : 0;
        return address(ip(a.IP_ADDRESS(0)), w);
    }

    private static Address extAddress(Ext_addrContext a) {
        if (a.ANY() != null) return Address.ANY;
        if (a.HOST() != null) return new Address(ip(a.IP_ADDRESS(0)), 0);
        return address(ip(a.IP_ADDRESS(0)), ip(a.IP_ADDRESS(1)));
    }

    /** IOS clears the address bits the wildcard ignores; an all-ones wildcard is `any`. */
    private static Address address(int a, int wildcard) {
        if (wildcard == -1) return Address.ANY;
        return new Address(a & ~wildcard, wildcard);
    }

    /** The extended rule's match, or null after printing the IOS error for it. */
    static Match extMatch(Ext_ruleContext r, CommandContext cc) {
        org.antlr.v4.runtime.ParserRuleContext rule;
        int proto;
        if (r.tcp_rule() != null) {
            rule = r.tcp_rule();
            proto = 6;
        } else if (r.udp_rule() != null) {
            rule = r.udp_rule();
            proto = 17;
        } else if (r.icmp_rule() != null) {
            rule = r.icmp_rule();
            proto = 1;
        } else {
            rule = r.ip_rule();
            proto = protocol(r.ip_rule().acl_protocol());
        }
        Address src = null, dst = null;
        PortMatch srcPort = null, dstPort = null;
        List<String> options = new ArrayList<>();
        for (ParseTree ch : rule.children) {
            if (ch instanceof Ext_addrContext a) {
                if (src == null) src = extAddress(a);
                else dst = extAddress(a);
            } else if (ch instanceof Acl_portContext p) {
                PortMatch pm = port(p, proto, cc);
                if (pm == null) return null;
                if (dst == null) srcPort = pm;
                else dstPort = pm;
            } else if (ch instanceof Icmp_typeContext t) {
                String type = resolve(t.WORD().getText().toLowerCase(Locale.ROOT), ICMP_TYPES);
                if (type == null) {
                    cc.invalid(t.WORD(), ICMP_TYPES);
                    return null;
                }
                options.add(type);
            } else if (ch instanceof Acl_logContext l) {
                options.add(l.getText());
            } else if (ch instanceof TerminalNode n && n.getSymbol().getType() == IosParser.ESTABLISHED) {
                options.add("established");
            }
        }
        return new Match(proto, src, srcPort, dst, dstPort, List.copyOf(options));
    }

    private static int protocol(Acl_protocolContext p) {
        if (p.DEC() != null) {
            int n = num(p.DEC());
            return n == 0 ? -1 : n;
        }
        for (Map.Entry<Integer, String> e : PROTOCOLS.entrySet()) {
            if (e.getValue().equals(p.getText())) return e.getKey();
        }
        throw new IllegalStateException("protocol " + p.getText());
    }

    private static PortMatch port(Acl_portContext p, int proto, CommandContext cc) {
        String op = p.op.getText();
        List<String> values = new ArrayList<>();
        for (PortContext pc : p.port()) {
            String v = portValue(pc, proto);
            if (v == null) {
                cc.invalid(new org.antlr.v4.runtime.tree.TerminalNodeImpl(pc.value), (proto == 6 ? PortNames.TCP : PortNames.UDP).values());
                return null;
            }
            values.add(v);
        }
        return new PortMatch(op, values.get(0), values.size() > 1 ? values.get(1) : null);
    }

    /** A port as IOS shows it: its well-known name for the protocol, else the number. */
    private static String portValue(PortContext pc, int proto) {
        Map<Integer, String> names = proto == 6 ? PortNames.TCP : PortNames.UDP;
        if (pc.DEC() != null) {
            int n = num(pc.DEC());
            return names.getOrDefault(n, String.valueOf(n));
        }
        return resolve(pc.WORD().getText().toLowerCase(Locale.ROOT), List.copyOf(names.values()));
    }

    /** An exact name, else the one name the word abbreviates, else null. */
    private static String resolve(String w, List<String> names) {
        if (names.contains(w)) return w;
        String hit = null;
        for (String n : names) {
            if (n.startsWith(w)) {
                if (hit != null) return null;
                hit = n;
            }
        }
        return hit;
    }

    /** Keywords IOS offers after `permit|deny` in an extended and in a standard list. */
    private static final List<String> EXTENDED_START = List.of("ahp", "eigrp", "esp", "gre", "icmp", "igmp", "ip",
        "ipinip", "ospf", "pim", "tcp", "udp");
    private static final List<String> STANDARD_START = List.of("any", "host");

    private static TerminalNode firstTerminal(ParseTree t) {
        if (t instanceof TerminalNode n) return n;
        return firstTerminal(t.getChild(0));
    }

    static final Map<Integer, String> PROTOCOLS = Map.ofEntries(
        Map.entry(-1, "ip"), Map.entry(1, "icmp"), Map.entry(2, "igmp"), Map.entry(4, "ipinip"), Map.entry(6, "tcp"),
        Map.entry(17, "udp"), Map.entry(47, "gre"), Map.entry(50, "esp"), Map.entry(51, "ahp"), Map.entry(88, "eigrp"),
        Map.entry(89, "ospf"), Map.entry(103, "pim"));

    static final List<String> ICMP_TYPES = List.of(
        "administratively-prohibited", "alternate-address", "conversion-error", "dod-host-prohibited",
        "dod-net-prohibited", "echo", "echo-reply", "general-parameter-problem", "host-isolated",
        "host-precedence-unreachable", "host-redirect", "host-tos-redirect", "host-tos-unreachable", "host-unknown",
        "host-unreachable", "information-reply", "information-request", "mask-reply", "mask-request",
        "mobile-redirect", "net-redirect", "net-tos-redirect", "net-tos-unreachable", "net-unreachable",
        "network-unknown", "no-room-for-option", "option-missing", "packet-too-big", "parameter-problem",
        "port-unreachable", "precedence-unreachable", "protocol-unreachable", "reassembly-timeout", "redirect",
        "router-advertisement", "router-solicitation", "source-quench", "source-route-failed", "time-exceeded",
        "timestamp-reply", "timestamp-request", "traceroute", "ttl-exceeded", "unreachable");

    // ---- rendering

    /**
     * An entry as the running-config prints it after `access-list N ` or ` `: `deny` is padded to
     * the width of `permit`, a standard host is a bare address.
     */
    static String configText(AccessList a, Entry e) {
        if (e.remark() != null) return "remark " + e.remark();
        String action = e.permit() ? "permit " : "deny   ";
        return action + (a.extended ? extText(e.match()) : stdText(e.match(), false));
    }

    /** The rule lines of a list in running-config form (no remarks). */
    public static List<String> ruleTexts(AccessList a) {
        List<String> out = new ArrayList<>();
        for (Entry e : a.entries) if (e.remark() == null) out.add(configText(a, e));
        return out;
    }

    private static String stdText(Match m, boolean show) {
        Address s = m.src();
        String text;
        if (s.wildcard() == -1) text = "any";
        else if (s.wildcard() == 0) text = Ipv4Address.toString(s.address());
        else text = Ipv4Address.toString(s.address()) + (show ? ", wildcard bits " : " ") + Ipv4Address.toString(s.wildcard());
        for (String o : m.options()) text += " " + o;
        return text;
    }

    private static String extText(Match m) {
        StringBuilder sb = new StringBuilder(PROTOCOLS.getOrDefault(m.protocol(), String.valueOf(m.protocol())));
        sb.append(' ').append(extAddr(m.src()));
        port(sb, m.srcPort());
        sb.append(' ').append(extAddr(m.dst()));
        port(sb, m.dstPort());
        for (String o : m.options()) sb.append(' ').append(o);
        return sb.toString();
    }

    private static String extAddr(Address a) {
        if (a.wildcard() == -1) return "any";
        if (a.wildcard() == 0) return "host " + Ipv4Address.toString(a.address());
        return Ipv4Address.toString(a.address()) + " " + Ipv4Address.toString(a.wildcard());
    }

    private static void port(StringBuilder sb, PortMatch p) {
        if (p == null) return;
        sb.append(' ').append(p.op()).append(' ').append(p.lo());
        if (p.hi() != null) sb.append(' ').append(p.hi());
    }

    /** Named lists, then numbered ones, each group followed by `!`. */
    static void write(RunningConfig c, StringBuilder sb) {
        for (AccessList a : c.namedAcls.values()) {
            sb.append("ip access-list ").append(a.extended ? "extended " : "standard ").append(a.name).append('\n');
            for (Entry e : a.entries) sb.append(' ').append(configText(a, e)).append('\n');
        }
        if (!c.namedAcls.isEmpty()) sb.append("!\n");
        for (AccessList a : c.numberedAcls.values()) {
            for (Entry e : a.entries) sb.append("access-list ").append(a.name).append(' ').append(configText(a, e)).append('\n');
        }
        if (c.numberedAcls.values().stream().anyMatch(a -> !a.entries.isEmpty())) sb.append("!\n");
    }

    private static String nameOf(Acl_nameContext n) { return n == null ? null : n.getText(); }

    /**
     * `show access-lists [N|NAME]` and `show ip access-lists [N|NAME]` (all lists are IPv4): numbered
     * lists in order, then named ones, or the one named; remarks are not shown.
     */
    static String show(RunningConfig c, AclCounters counters, String only) {
        StringBuilder sb = new StringBuilder();
        List<AccessList> all = new ArrayList<>(c.numberedAcls.values());
        all.addAll(c.namedAcls.values());
        for (AccessList a : all) {
            if (only != null && !a.name.equals(only)) continue;
            sb.append(a.extended ? "Extended" : "Standard").append(" IP access list ").append(a.name).append('\n');
            for (Entry e : a.entries) {
                if (e.remark() != null) continue;
                sb.append("    ").append(e.sequence()).append(' ');
                if (a.extended) sb.append(e.permit() ? "permit " : "deny ").append(extText(e.match()));
                else sb.append(e.permit() ? "permit " : "deny   ").append(stdText(e.match(), true));
                long n = counters.matches(a.name, e.sequence());
                if (n > 0) sb.append(" (").append(n).append(n == 1 ? " match)" : " matches)");
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
