package dev.routerlab.eigrp.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.KeyChain;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RoutingProcess.Protocol;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.config.Secret;
import dev.routerlab.config.Secrets;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.eigrp.EigrpConfig;
import dev.routerlab.eigrp.EigrpRouter;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.routing.cli.RoutingCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * EIGRP's command layer: `router eigrp` sub-mode commands, interface `ip ... eigrp AS`, `key chain`,
 * `show ip eigrp`, `debug eigrp packets`, the EIGRP block of `show ip protocols`, and their
 * running-config lines.
 */
public final class EigrpCommands {
    private EigrpCommands() {}

    public static void register(CommandRegistry r) {
        EigrpNamed.register(r);
        r.on(E_router_idContext.class, (c, cc) -> {
            RoutingProcess p = process(cc, c.ROUTER_ID());
            if (p != null) p.routerId = cc.negated() || c.IP_ADDRESS() == null ? null : ip(c.IP_ADDRESS());
        })
         .on(E_stubContext.class, EigrpCommands::stub)
         .on(R_auto_summaryContext.class, (c, cc) -> {
             RoutingProcess p = process(cc, c.AUTO_SUMMARY());
             if (p != null) p.eigrp.autoSummary = !cc.negated();
         })
         .on(R_varianceContext.class, (c, cc) -> {
             RoutingProcess p = process(cc, c.VARIANCE());
             if (p != null) p.eigrp.variance = cc.negated() || c.DEC() == null ? null : num(c.DEC());
         })
         .on(R_metricContext.class, EigrpCommands::metric)
         .on(R_eigrp_afContext.class, EigrpCommands::vrfAddressFamily)
         .on(Ca_autonomous_systemContext.class, (c, cc) -> {
             RoutingProcess af = cc.target(RoutingProcess.class);
             int as = cc.negated() || c.as == null ? 0 : num(c.as);
             if (!rekey(Shell.config(cc), af, as)) cc.invalid(c.DEC());
         })
         .on(Ie_helloContext.class, (c, cc) -> iface(cc, c.as, e -> e.hello = cc.negated() || c.secs == null ? null : num(c.secs)))
         .on(Ie_holdContext.class, (c, cc) -> iface(cc, c.as, e -> e.hold = cc.negated() || c.secs == null ? null : num(c.secs)))
         .on(Ie_splitContext.class, (c, cc) -> iface(cc, c.as, e -> e.noSplitHorizon = cc.negated() && !cc.isDefault()))
         .on(Ie_nhsContext.class, (c, cc) -> iface(cc, c.as, e -> e.noNextHopSelf = cc.negated() && !cc.isDefault()))
         .on(Ie_auth_modeContext.class, (c, cc) -> iface(cc, c.as, e -> e.md5 = !cc.negated()))
         .on(Ie_auth_chainContext.class, (c, cc) -> iface(cc, c.as, e -> e.keyChain = cc.negated() || c.chain == null ? null : c.chain.getText()))
         .on(Ie_summaryContext.class, EigrpCommands::summary)
         .on(G_key_chainContext.class, (c, cc) -> {
             String name = c.name.getText();
             if (cc.negated()) Shell.config(cc).keyChains.remove(name);
             else cc.enter(Mode.CONFIG_KEYCHAIN, Shell.config(cc).keyChains.computeIfAbsent(name, KeyChain::new));
         })
         .on(Kc_keyContext.class, (c, cc) -> {
             Object t = cc.target(Object.class);
             KeyChain chain = t instanceof KeyChain.Key k ? k.chain : (KeyChain) t;
             long id = Long.parseLong(c.id.getText());
             if (cc.negated()) chain.keys.remove(id);
             else cc.enter(Mode.CONFIG_KEYCHAIN_KEY, chain.keys.computeIfAbsent(id, x -> new KeyChain.Key(chain, x)));
         })
         .on(Kk_key_stringContext.class, (c, cc) -> {
             if (cc.negated() || c.TEXT() == null) cc.target(KeyChain.Key.class).keyString = null;
             else keyString(c.TEXT(), cc);
         })
         .on(S_ip_eigrpContext.class, (c, cc) -> show(cc, c.vrf == null ? null : c.vrf.getText(), null, c.se_neighbors(),
             c.se_topology(), c.se_interfaces()))
         .on(S_eigrpContext.class, (c, cc) -> show(cc, c.vrf == null ? null : c.vrf.getText(), c.as == null ? null : num(c.as),
             c.se_neighbors(), c.se_topology(), c.se_interfaces()))
         .onPart(X_debugContext.class, c -> c.debug_eigrp() != null, (c, cc) -> debug(cc, c.debug_eigrp().FSM() != null, true))
         .onPart(X_undebugContext.class, c -> c.debug_eigrp() != null, (c, cc) -> debug(cc, c.debug_eigrp().FSM() != null, false))
         .onPart(X_undebugContext.class, null, (c, cc) -> {      // `undebug all`: EIGRP off too, then the owner's handler
             if (c.ALL() != null) {
                 Shell.router(cc).eigrp().packetDebug(null);
                 Shell.router(cc).eigrp().fsmDebug(null);
             }
         })
         .after(S_ip_protocolsContext.class, (c, cc) -> cc.print(EigrpShow.protocols(Shell.router(cc),
             Shell.router(cc).eigrp().processes(c.vrf == null ? null : c.vrf.getText()).values(), Shell.config(cc))));
    }

    /** The process of a `router eigrp` sub-mode command; an `invalid` marker at the keyword under `router ospf`. */
    private static RoutingProcess process(CommandContext cc, org.antlr.v4.runtime.tree.TerminalNode at) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        if (p.key.protocol() == Protocol.EIGRP) return p;
        cc.invalid(at);
        return null;
    }

    /** `eigrp stub [connected] [summary] [static] [redistributed] [receive-only]`; alone: connected summary (IOS). */
    private static void stub(E_stubContext c, CommandContext cc) {
        RoutingProcess p = process(cc, c.STUB());
        if (p == null) return;
        if (cc.negated()) {
            p.eigrp.stubFlags = null;
            return;
        }
        int flags = 0;
        for (Stub_kindContext k : c.stub_kind()) {
            if (k.CONNECTED() != null) flags |= Eigrp.STUB_CONNECTED;
            else if (k.SUMMARY() != null) flags |= Eigrp.STUB_SUMMARY;
            else if (k.STATIC() != null) flags |= Eigrp.STUB_STATIC;
            else if (k.REDISTRIBUTED() != null) flags |= Eigrp.STUB_REDISTRIBUTED;
            else flags |= Eigrp.STUB_RECEIVE_ONLY;
        }
        if ((flags & Eigrp.STUB_RECEIVE_ONLY) != 0 && flags != Eigrp.STUB_RECEIVE_ONLY) {   // receive-only stands alone
            for (Stub_kindContext k : c.stub_kind()) if (k.RECEIVE_ONLY() != null) cc.invalid(k.RECEIVE_ONLY());
            return;
        }
        p.eigrp.stubFlags = flags == 0 ? Eigrp.STUB_CONNECTED | Eigrp.STUB_SUMMARY : flags;
    }

    /** `metric weights 0 K1..K5`; named mode's `metric rib-scale N` (classic mode has no rib-scale: IOS's caret). */
    private static void metric(R_metricContext c, CommandContext cc) {
        RoutingProcess p = process(cc, c.METRIC());
        if (p == null) return;
        if (c.RIB_SCALE() != null) {
            if (p.eigrp.virtualInstance == null) cc.invalid(c.RIB_SCALE());
            else if (cc.negated()) p.eigrp.ribScale = null;
            else if (num(c.scale) < 1) cc.invalid(c.DEC(0));
            else p.eigrp.ribScale = num(c.scale) == EigrpConfig.DEFAULT_RIB_SCALE ? null : num(c.scale);
            return;
        }
        if (cc.negated()) {
            p.eigrp.metricWeights = null;
            return;
        }
        if (num(c.tos) != 0) {
            cc.invalid(c.DEC(0));
            return;
        }
        List<Integer> k = List.of(num(c.k1), num(c.k2), num(c.k3), num(c.k4), num(c.k5));
        p.eigrp.metricWeights = k.equals(List.of(1, 0, 1, 0, 0)) ? null : k;
    }

    /** Changes one AS's interface settings; an entry back at its defaults disappears. */
    private static void iface(CommandContext cc, org.antlr.v4.runtime.Token as, Consumer<InterfaceConfig.EigrpInterface> change) {
        InterfaceConfig i = cc.target(InterfaceConfig.class);
        int a = num(as);
        InterfaceConfig.EigrpInterface e = i.eigrp.computeIfAbsent(a, x -> new InterfaceConfig.EigrpInterface());
        change.accept(e);
        if (e.isDefault()) i.eigrp.remove(a);
    }

    private static void summary(Ie_summaryContext c, CommandContext cc) {
        int prefix = ip(c.prefix), mask = ip(c.mask);
        if (!Ipv4Address.isValidMask(mask)) {
            cc.invalid(c.IP_ADDRESS(1));
            return;
        }
        InterfaceConfig.Ipv4Prefix s = new InterfaceConfig.Ipv4Prefix(prefix & mask, mask);
        iface(cc, c.as, e -> {
            e.summaries.remove(s);
            if (!cc.negated()) {
                e.summaries.add(s);
                e.summaries.sort(java.util.Comparator.comparingLong((InterfaceConfig.Ipv4Prefix x) -> x.address() & 0xffffffffL)
                    .thenComparingLong(x -> x.mask() & 0xffffffffL));
            }
        });
    }

    private static void debug(CommandContext cc, boolean fsm, boolean on) {
        Router router = Shell.router(cc);
        if (fsm) {
            router.eigrp().fsmDebug(on ? line -> router.log().debug(line) : null);
            cc.println("EIGRP FSM Events/Actions debugging is " + (on ? "on" : "off"));
            return;
        }
        router.eigrp().packetDebug(on ? line -> router.log().debug(line) : null);
        if (on) cc.println("EIGRP Packet debugging is on")
            .println("    (UPDATE, REQUEST, QUERY, REPLY, HELLO, IPXSAP, PROBE, ACK, STUB, SIAQUERY, SIAREPLY)");
        else cc.println("EIGRP Packet debugging is off");
    }

    /**
     * `show ip eigrp [vrf NAME] ...` and named mode's `show eigrp address-family ipv4 [vrf NAME] [AS] ...`
     * (as null: every process of the table).
     */
    private static void show(CommandContext cc, String vrf, Integer as, Se_neighborsContext neighbors, Se_topologyContext topology,
                             Se_interfacesContext interfaces) {
        Router router = Shell.router(cc);
        long now = router.scheduler().nanos();
        for (EigrpRouter.Process p : router.eigrp().processes(vrf).values()) {
            if (as != null && p.autonomousSystem() != as) continue;
            if (neighbors != null) cc.print(EigrpShow.neighbors(p, neighbors.DETAIL() != null, now));
            else if (topology != null) cc.print(EigrpShow.topology(p, topology.ALL_LINKS() != null));
            else if (interfaces != null) cc.print(EigrpShow.interfaces(p, interfaces.DETAIL() != null, Shell.config(cc)));
            else cc.print(EigrpShow.traffic(p));
        }
    }

    /** `key chain` before the users; `router eigrp` first among the routing processes; the interface lines. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.KEY_CHAIN, EigrpCommands::keyChains)
         .global(RunningConfigWriter.ROUTER_EIGRP, (c, sb) -> {
             for (RoutingProcess p : c.routing.values()) {
                 if (p.key.protocol() != Protocol.EIGRP || p.eigrp.virtualInstance != null || p.eigrp.parent != null) continue;
                 sb.append("router eigrp ").append(p.key.id()).append('\n');
                 body(p, sb);
                 vrfAddressFamilies(c, p.key.id(), sb);
                 sb.append("!\n");
             }
             EigrpNamed.sections(c, sb);
         })
         .iface(150, EigrpCommands::interfaceFirst)
         .iface(320, EigrpCommands::interfaceLater);
    }

    /**
     * `key-string [0|7] TEXT`: type 7 kept as typed, clear text stored as the service
     * password-encryption says; a type 7 value that does not decode gets the caret.
     */
    private static void keyString(TerminalNode text, CommandContext cc) {
        String t = text.getText().strip();
        Matcher m = TYPED.matcher(t);
        Secret s;
        if (m.matches() && m.group(1).equals("7")) {
            if (Secrets.decodeType7(m.group(2)) == null) {
                cc.invalid(text);
                return;
            }
            s = new Secret(7, m.group(2).toUpperCase(Locale.ROOT));
        } else {
            s = Shell.config(cc).stored(new Secret(0, m.matches() ? m.group(2) : t));
        }
        cc.target(KeyChain.Key.class).keyString = s;
    }

    private static final Pattern TYPED = Pattern.compile("([07]) (\\S.*)");

    private static void keyChains(RunningConfig c, StringBuilder sb) {
        for (KeyChain k : c.keyChains.values()) {
            sb.append("key chain ").append(k.name).append('\n');
            for (KeyChain.Key key : k.keys.values()) {
                sb.append(" key ").append(key.id).append('\n');
                if (key.keyString != null) {
                    sb.append("  key-string ").append(key.keyString.type() == 0 ? key.keyString.value() : key.keyString.toString())
                        .append('\n');
                }
            }
        }
        if (!c.keyChains.isEmpty()) sb.append("!\n");
    }

    /**
     * Classic mode's `address-family ipv4 vrf NAME [autonomous-system N]`: the VRF's process under
     * `router eigrp N` (created on first entry, its AS given here or later by `autonomous-system`).
     */
    private static void vrfAddressFamily(R_eigrp_afContext c, CommandContext cc) {
        RoutingProcess parent = process(cc, c.ADDRESS_FAMILY());
        if (parent == null) return;
        RunningConfig cfg = Shell.config(cc);
        String vrf = c.vrf.getText();
        RoutingProcess af = null;
        for (RoutingProcess p : cfg.routing.values()) {
            if (Integer.valueOf(parent.key.id()).equals(p.eigrp.parent) && vrf.equals(p.key.vrf())) af = p;
        }
        if (cc.negated()) {
            if (af != null) cfg.routing.remove(af.key);
            return;
        }
        if (!cfg.vrfs.containsKey(vrf)) {
            cc.error("VRF " + vrf + " not configured.");
            return;
        }
        if (af == null) {
            RoutingProcess.Key key = new RoutingProcess.Key(Protocol.EIGRP, c.as == null ? 0 : num(c.as), vrf);
            if (cfg.routing.containsKey(key)) {      // that AS already runs in the VRF (named mode, or another process)
                cc.invalid(c.as == null ? c.WORD() : c.DEC());
                return;
            }
            af = new RoutingProcess(key);
            af.vrf = vrf;
            af.eigrp.parent = parent.key.id();
            cfg.routing.put(key, af);
        } else if (c.as != null && !rekey(cfg, af, num(c.as))) {
            cc.invalid(c.DEC());
            return;
        }
        cc.enter(Mode.ROUTER_CLASSIC_AF, af);
    }

    /** Gives a classic address family its AS (0: none); false when that AS already runs in the VRF. */
    private static boolean rekey(RunningConfig cfg, RoutingProcess af, int as) {
        RoutingProcess.Key key = new RoutingProcess.Key(Protocol.EIGRP, as, af.key.vrf());
        if (key.equals(af.key)) return true;
        if (cfg.routing.containsKey(key)) return false;
        cfg.routing.remove(af.key);
        af.key = key;
        cfg.routing.put(key, af);
        return true;
    }

    /** The `address-family ipv4 vrf NAME autonomous-system N` blocks of classic `router eigrp N`, by VRF name. */
    private static void vrfAddressFamilies(RunningConfig c, int parent, StringBuilder sb) {
        List<RoutingProcess> afs = new ArrayList<>();
        for (RoutingProcess p : c.routing.values()) if (Integer.valueOf(parent).equals(p.eigrp.parent)) afs.add(p);
        afs.sort(java.util.Comparator.comparing((RoutingProcess p) -> p.key.vrf()));
        for (RoutingProcess p : afs) {
            sb.append(" !\n address-family ipv4 vrf ").append(p.key.vrf());
            if (p.key.id() != 0) sb.append(" autonomous-system ").append(p.key.id());
            sb.append('\n');
            StringBuilder b = new StringBuilder();
            body(p, b);
            sb.append(b.toString().replaceAll("(?m)^ ", "  "));
            sb.append(" exit-address-family\n");
        }
    }

    private static void body(RoutingProcess p, StringBuilder sb) {
        RoutingProcess.Eigrp e = p.eigrp;
        if (e.metricWeights != null) {
            sb.append(" metric weights 0");
            for (int k : e.metricWeights) sb.append(' ').append(k);
            sb.append('\n');
        }
        if (e.variance != null) sb.append(" variance ").append(e.variance).append('\n');
        RoutingCommands.networks(p, sb);
        RoutingCommands.redistribute(p, sb);
        RoutingCommands.passive(p, sb);
        RoutingCommands.maximumPaths(p, sb);
        if (e.autoSummary) sb.append(" auto-summary\n");
        if (p.routerId != null) sb.append(" eigrp router-id ").append(Ipv4Address.toString(p.routerId)).append('\n');
        if (e.stubFlags != null) sb.append(" eigrp stub").append(stubWords(e.stubFlags)).append('\n');
    }

    /** The stub flags as IOS lists them: ` connected summary`. */
    static String stubWords(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & Eigrp.STUB_RECEIVE_ONLY) != 0) sb.append(" receive-only");
        if ((flags & Eigrp.STUB_CONNECTED) != 0) sb.append(" connected");
        if ((flags & Eigrp.STUB_STATIC) != 0) sb.append(" static");
        if ((flags & Eigrp.STUB_SUMMARY) != 0) sb.append(" summary");
        if ((flags & Eigrp.STUB_REDISTRIBUTED) != 0) sb.append(" redistributed");
        return sb.toString();
    }

    /** After `ip mtu`: authentication, timers, next-hop-self (IOS order, before `ip nhrp`). */
    private static void interfaceFirst(InterfaceConfig i, StringBuilder sb) {
        for (Map.Entry<Integer, InterfaceConfig.EigrpInterface> en : i.eigrp.entrySet()) {
            int as = en.getKey();
            InterfaceConfig.EigrpInterface e = en.getValue();
            if (e.md5) sb.append(" ip authentication mode eigrp ").append(as).append(" md5\n");
            if (e.keyChain != null) sb.append(" ip authentication key-chain eigrp ").append(as).append(' ').append(e.keyChain).append('\n');
            if (e.hello != null) sb.append(" ip hello-interval eigrp ").append(as).append(' ').append(e.hello).append('\n');
            if (e.hold != null) sb.append(" ip hold-time eigrp ").append(as).append(' ').append(e.hold).append('\n');
            if (e.noNextHopSelf) sb.append(" no ip next-hop-self eigrp ").append(as).append('\n');
        }
    }

    /** After `ip tcp adjust-mss`: split horizon and summaries (IOS order). */
    private static void interfaceLater(InterfaceConfig i, StringBuilder sb) {
        for (Map.Entry<Integer, InterfaceConfig.EigrpInterface> en : i.eigrp.entrySet()) {
            int as = en.getKey();
            InterfaceConfig.EigrpInterface e = en.getValue();
            if (e.noSplitHorizon) sb.append(" no ip split-horizon eigrp ").append(as).append('\n');
            for (InterfaceConfig.Ipv4Prefix s : new ArrayList<>(e.summaries)) {
                sb.append(" ip summary-address eigrp ").append(as).append(' ').append(Ipv4Address.toString(s.address()))
                  .append(' ').append(Ipv4Address.toString(s.mask())).append('\n');
            }
        }
    }
}
