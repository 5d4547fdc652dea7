package dev.routerlab.ospf.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceConfig.OspfAuthentication;
import dev.routerlab.config.InterfaceConfig.OspfNetwork;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RoutingProcess.Protocol;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.Secret;
import dev.routerlab.config.Secrets;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.routing.cli.RoutingCommands;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

/** OSPF's command layer: `router ospf` sub-mode commands, interface `ip ospf`, their running-config lines; shows and debugs in {@link OspfShow}. */
public final class OspfCommands {
    private OspfCommands() {}

    public static void register(CommandRegistry r) {
        OspfShow.register(r);
        r.on(Ospf_costContext.class, (c, cc) -> iface(cc).ospfCost = cc.negated() ? null : num(c.cost))
         .on(Ospf_helloContext.class, (c, cc) -> iface(cc).ospfHello = cc.negated() ? null : num(c.secs))
         .on(Ospf_deadContext.class, (c, cc) -> iface(cc).ospfDead = cc.negated() ? null : num(c.secs))
         .on(Ospf_priorityContext.class, (c, cc) -> iface(cc).ospfPriority = cc.negated() ? null : num(c.prio))
         .on(Ospf_networkContext.class, (c, cc) -> iface(cc).ospfNetwork = cc.negated() ? null
             : c.POINT_TO_POINT() != null ? OspfNetwork.POINT_TO_POINT : c.BROADCAST() != null ? OspfNetwork.BROADCAST
             : c.NON_BROADCAST() != null ? OspfNetwork.NON_BROADCAST : OspfNetwork.POINT_TO_MULTIPOINT)
         .on(Ospf_processContext.class, OspfCommands::ipOspfArea)
         .on(Ospf_mtu_ignoreContext.class, (c, cc) -> iface(cc).ospfMtuIgnore = !cc.negated())
         .on(Ospf_authenticationContext.class, (c, cc) -> iface(cc).ospfAuthentication = cc.negated() ? null
             : c.MESSAGE_DIGEST() != null ? OspfAuthentication.MESSAGE_DIGEST : c.NULL() != null ? OspfAuthentication.NULL
             : OspfAuthentication.SIMPLE)
         .on(Ospf_authentication_keyContext.class, (c, cc) -> {
             if (cc.negated()) iface(cc).ospfAuthenticationKey = null;
             else {
                 Secret k = key(c.DEC(), c.key, cc);
                 if (k != null) iface(cc).ospfAuthenticationKey = k;
             }
         })
         .on(Ospf_md5_keyContext.class, (c, cc) -> {
             int id = num(c.keyId);
             if (id < 1 || id > 255) cc.invalid(c.DEC());
             else if (cc.negated()) iface(cc).ospfMessageDigestKeys.remove(id);
             else if (iface(cc).ospfMessageDigestKeys.containsKey(id)) cc.println("OSPF: Key " + id + " already exists");
             else {
                 Secret k = key(c.md5_secret().DEC(), c.md5_secret().key, cc);
                 if (k != null) iface(cc).ospfMessageDigestKeys.put(id, k);
             }
         })
         .on(R_ospf_areaContext.class, OspfCommands::area)
         .on(R_auto_costContext.class, (c, cc) -> {
             RoutingProcess p = ospf(cc, c.AUTO_COST());
             if (p == null) return;
             p.referenceBandwidth = cc.negated() ? null : Long.parseLong(c.DEC().getText());
             if (!cc.negated() && !Shell.router(cc).booting())
                cc.println("% OSPF: Reference bandwidth is changed.\n        Please ensure reference bandwidth is consistent across all routers.");
         })
         .on(R_summary_addressContext.class, (c, cc) -> {
             RoutingProcess p = ospf(cc, c.SUMMARY_ADDRESS());
             if (p != null) summary(p.summaries, c.prefix, c.mask, c.NOT_ADVERTISE() != null, cc);
         })
         .on(R_default_informationContext.class, OspfCommands::defaultInformation)
         .on(Clear_ip_ospfContext.class, OspfCommands::clearProcess)
         .on(R_router_idContext.class, (c, cc) -> {
             RoutingProcess p = cc.target(RoutingProcess.class);
             if (p.key.protocol() != Protocol.OSPF) cc.invalid(c.ROUTER_ID());
             else p.routerId = cc.negated() || c.IP_ADDRESS() == null ? null : ip(c.IP_ADDRESS());
         });
    }

    /** The OSPF process of the sub-mode; null (after `% Invalid input` at the keyword) under `router eigrp`. */
    private static RoutingProcess ospf(CommandContext cc, TerminalNode keyword) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        if (p.key.protocol() == Protocol.OSPF) return p;
        cc.invalid(keyword);
        return null;
    }

    /** `ip ospf N area X`; `no ip ospf N area X` removes it. */
    private static void ipOspfArea(Ospf_processContext c, CommandContext cc) {
        InterfaceConfig i = iface(cc);
        if (cc.negated()) {
            i.ospfProcess = null;
            i.ospfArea = null;
            return;
        }
        i.ospfProcess = num(c.pid);
        i.ospfArea = c.ospf_area().id.getText();
        Shell.config(cc).routing.computeIfAbsent(new RoutingProcess.Key(Protocol.OSPF, i.ospfProcess), RoutingProcess::new);
    }

    private static void area(R_ospf_areaContext c, CommandContext cc) {
        RoutingProcess p = ospf(cc, c.AREA());
        if (p == null) return;
        long id = RoutingProcess.areaId(c.id.getText());
        boolean no = cc.negated();
        if (no && c.neg() != null) {
            p.areas.remove(id);
            return;
        }
        RoutingProcess.Area a = p.areas.computeIfAbsent(id, k -> new RoutingProcess.Area(c.id.getText()));
        if (c.area_authentication() != null) a.messageDigest = no ? null : c.area_authentication().MESSAGE_DIGEST() != null;
        else if (c.area_stub() != null) {
            if (id == 0) {
                cc.println("% OSPF: Backbone can not be configured as stub area");
                return;
            }
            boolean noSummary = c.area_stub().NO_SUMMARY() != null;
            a.noSummary = !no && noSummary;
            if (!no || !noSummary) a.stub = !no; // `no area X stub no-summary` keeps the area stub
            if (a.stub) a.nssa = a.nssaDefault = false;
        } else if (c.area_nssa() != null) {
            if (id == 0) {
                cc.println("% OSPF: Backbone can not be configured as NSSA area");
                return;
            }
            boolean noSummary = false, dflt = false;
            for (Nssa_optionContext o : c.area_nssa().nssa_option()) {
                if (o.NO_SUMMARY() != null) noSummary = true;
                else dflt = true;
            }
            if (no && (noSummary || dflt)) { // `no area X nssa no-summary` keeps the area NSSA, as with stub
                if (noSummary) a.noSummary = false;
                if (dflt) a.nssaDefault = false;
            } else {
                a.nssa = !no;
                a.noSummary = !no && noSummary;
                a.nssaDefault = !no && dflt;
                if (a.nssa) a.stub = false;
            }
        } else if (c.area_default_cost() != null) {
            a.defaultCost = no || c.area_default_cost().cost == null ? null : num(c.area_default_cost().cost);
        } else if (c.area_range() != null) {
            Area_rangeContext r = c.area_range();
            summary(a.ranges, r.prefix, r.mask, r.NOT_ADVERTISE() != null, cc);
        }
        if (a.isEmpty()) p.areas.remove(id);
    }

    /** Adds (or with `no` removes) a range or summary-address, sorted as IOS lists them. */
    private static void summary(List<RoutingProcess.Summary> list, Token prefix, Token mask, boolean notAdvertise, CommandContext cc) {
        int m = ip(mask), a = ip(prefix) & m;
        if (!Ipv4Address.isValidMask(m)) {
            cc.println("%OSPF: Invalid mask");
            return;
        }
        list.removeIf(s -> s.prefix() == a && s.mask() == m);
        if (cc.negated()) return;
        list.add(new RoutingProcess.Summary(a, m, notAdvertise));
        list.sort(Comparator.comparingLong((RoutingProcess.Summary s) -> Integer.toUnsignedLong(s.prefix()))
            .thenComparingLong(s -> Integer.toUnsignedLong(s.mask())));
    }

    private static void defaultInformation(R_default_informationContext c, CommandContext cc) {
        RoutingProcess p = ospf(cc, c.DEFAULT_INFORMATION());
        if (p == null) return;
        if (cc.negated()) {
            p.defaultInformation = null;
            return;
        }
        boolean always = false;
        Integer metric = null, type = null;
        for (Default_optionContext o : c.default_option()) {
            if (o.ALWAYS() != null) always = true;
            else if (o.default_metric() != null) metric = num(o.default_metric().DEC());
            else type = num(o.default_metric_type().DEC());
        }
        p.defaultInformation = new RoutingProcess.DefaultInformation(always, metric, type == null || type == 2 ? null : type);
    }

    /** `clear ip ospf [N] process`, after IOS's question. */
    private static void clearProcess(Clear_ip_ospfContext c, CommandContext cc) {
        Integer pid = c.DEC() == null ? null : num(c.DEC());
        var ospf = Shell.router(cc).ospf();
        if (pid != null && !ospf.processes().containsKey(pid)) return;
        String q = pid == null ? "Reset ALL OSPF processes? [no]: " : "Reset OSPF process " + pid + "? [no]: ";
        cc.ask(q, false, a -> {
            if (a == null) return;
            String w = a.strip().toLowerCase(Locale.ROOT);
            if (!w.isEmpty() && "yes".startsWith(w)) ospf.clearProcess(pid, Shell.config(cc));
        });
    }

    /** `router ospf` after `router eigrp`; the interface's `ip ospf` lines. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.ROUTER_OSPF, (c, sb) -> RoutingCommands.processes(c, Protocol.OSPF, OspfCommands::body, sb));
        w.iface(250, OspfCommands::ospfInterface);
    }

    /** The `router ospf` body in IOS order. */
    private static void body(RoutingProcess p, StringBuilder sb) {
        if (p.routerId != null) sb.append(" router-id ").append(Ipv4Address.toString(p.routerId)).append('\n');
        if (p.referenceBandwidth != null) sb.append(" auto-cost reference-bandwidth ").append(p.referenceBandwidth).append('\n');
        for (RoutingProcess.Area a : p.areas.values()) {
            String head = " area " + a.display;
            if (a.messageDigest != null) sb.append(head).append(a.messageDigest ? " authentication message-digest\n" : " authentication\n");
            if (a.stub) sb.append(head).append(a.noSummary ? " stub no-summary\n" : " stub\n");
            if (a.nssa) sb.append(head).append(" nssa").append(a.nssaDefault ? " default-information-originate" : "")
                .append(a.noSummary ? " no-summary\n" : "\n");
            if (a.defaultCost != null) sb.append(head).append(" default-cost ").append(a.defaultCost).append('\n');
            for (RoutingProcess.Summary r : a.ranges) sb.append(head).append(" range").append(summary(r));
        }
        for (RoutingProcess.Summary s : p.summaries) sb.append(" summary-address").append(summary(s));
        RoutingCommands.redistribute(p, sb);
        RoutingCommands.passive(p, sb);
        RoutingCommands.networks(p, sb);
        RoutingCommands.neighbors(p, sb);
        RoutingProcess.DefaultInformation d = p.defaultInformation;
        if (d != null) {
            sb.append(" default-information originate");
            if (d.always()) sb.append(" always");
            if (d.metric() != null) sb.append(" metric ").append(d.metric());
            if (d.metricType() != null) sb.append(" metric-type ").append(d.metricType());
            sb.append('\n');
        }
        RoutingCommands.maximumPaths(p, sb);
    }

    private static String summary(RoutingProcess.Summary s) {
        return " " + Ipv4Address.toString(s.prefix()) + " " + Ipv4Address.toString(s.mask()) + (s.notAdvertise() ? " not-advertise\n" : "\n");
    }

    private static InterfaceConfig iface(CommandContext cc) { return cc.target(InterfaceConfig.class); }

    /**
     * An OSPF key as the model keeps it, written back as typed: `7 HEX` when entered encrypted or
     * under `service password-encryption`, else the clear text; null (after the IOS caret) when
     * the type is neither 0 nor 7 or a type 7 value does not decode.
     */
    private static Secret key(TerminalNode type, Token key, CommandContext cc) {
        int t = type == null ? 0 : num(type);
        String k = key.getText();
        if (t == 7 && Secrets.decodeType7(k) != null) return new Secret(7, k.toUpperCase(Locale.ROOT));
        if (t != 0) {
            if (t == 7) cc.invalid(new TerminalNodeImpl(key));
            else cc.invalid(type);
            return null;
        }
        return Shell.config(cc).stored(new Secret(0, k));
    }

    /** An OSPF key as IOS writes it: the clear text bare, type 7 as `7 HEX`. */
    private static String ospfKey(Secret s) { return s.type() == 0 ? s.value() : s.toString(); }

    /** The interface's `ip ospf` lines, in IOS order. */
    private static void ospfInterface(InterfaceConfig i, StringBuilder sb) {
        if (i.ospfAuthentication != null) sb.append(switch (i.ospfAuthentication) {
            case SIMPLE -> " ip ospf authentication\n";
            case MESSAGE_DIGEST -> " ip ospf authentication message-digest\n";
            case NULL -> " ip ospf authentication null\n";
        });
        if (i.ospfAuthenticationKey != null) sb.append(" ip ospf authentication-key ").append(ospfKey(i.ospfAuthenticationKey)).append('\n');
        i.ospfMessageDigestKeys.forEach((k, v) -> sb.append(" ip ospf message-digest-key ").append(k).append(" md5 ").append(ospfKey(v)).append('\n'));
        if (i.ospfNetwork != null) sb.append(" ip ospf network ").append(switch (i.ospfNetwork) {
            case BROADCAST -> "broadcast";
            case POINT_TO_POINT -> "point-to-point";
            case NON_BROADCAST -> "non-broadcast";
            case POINT_TO_MULTIPOINT -> "point-to-multipoint";
        }).append('\n');
        if (i.ospfHello != null) sb.append(" ip ospf hello-interval ").append(i.ospfHello).append('\n');
        if (i.ospfDead != null) sb.append(" ip ospf dead-interval ").append(i.ospfDead).append('\n');
        if (i.ospfPriority != null) sb.append(" ip ospf priority ").append(i.ospfPriority).append('\n');
        if (i.ospfProcess != null) sb.append(" ip ospf ").append(i.ospfProcess).append(" area ").append(i.ospfArea).append('\n');
        if (i.ospfMtuIgnore) sb.append(" ip ospf mtu-ignore\n");
        if (i.ospfCost != null) sb.append(" ip ospf cost ").append(i.ospfCost).append('\n');
    }
}
