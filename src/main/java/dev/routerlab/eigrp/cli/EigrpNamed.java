package dev.routerlab.eigrp.cli;

import static dev.routerlab.cli.Args.ip;
import static dev.routerlab.cli.Args.num;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Mode;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RoutingProcess;
import dev.routerlab.config.RoutingProcess.Protocol;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * EIGRP named mode (IOS 15.0(1)M and later): `router eigrp NAME`, `address-family ipv4 unicast
 * autonomous-system N`, `af-interface X|default`, `topology base` and their `exit-...` commands,
 * and the `router eigrp NAME` block of the running-config. The address family is the same model
 * and engine as classic `router eigrp N`: a {@link RoutingProcess} marked with its virtual instance.
 */
final class EigrpNamed {
    private EigrpNamed() {}

    /** The target of `router eigrp NAME` (its address families are the processes that name it). */
    record Instance(String name) {}

    /** The target of `af-interface X` (name null: `af-interface default`). */
    record AfInterface(RoutingProcess process, InterfaceName name) {}

    static void register(CommandRegistry r) {
        r.onPart(G_routerContext.class, c -> c.router_eigrp() != null && c.router_eigrp().name != null, (c, cc) -> {
            String name = c.router_eigrp().name.getText();
            if (cc.negated()) Shell.config(cc).routing.values().removeIf(p -> name.equals(p.eigrp.virtualInstance));
            else cc.enter(Mode.ROUTER_NAMED, new Instance(name));
        })
         .on(N_address_familyContext.class, EigrpNamed::addressFamily)
         .on(Af_interfaceContext.class, EigrpNamed::afInterface)
         .on(Af_topologyContext.class, (c, cc) -> { if (!cc.negated()) cc.enter(Mode.ROUTER_AF_TOPOLOGY, cc.target(RoutingProcess.class)); })
         .on(Af_exitContext.class, (c, cc) -> {
             RoutingProcess p = cc.target(RoutingProcess.class);
             if (p.eigrp.parent != null) {     // classic mode's address family in a VRF: back to its `router eigrp N`
                 cc.enter(Mode.CONFIG_ROUTER, Shell.config(cc).routing.get(new RoutingProcess.Key(Protocol.EIGRP, p.eigrp.parent)));
             } else {
                 cc.enter(Mode.ROUTER_NAMED, new Instance(p.eigrp.virtualInstance));
             }
         })
         .on(Ai_exitContext.class, (c, cc) -> cc.enter(Mode.ROUTER_AF, cc.target(AfInterface.class).process()))
         .on(At_exitContext.class, (c, cc) -> cc.enter(Mode.ROUTER_AF, cc.target(RoutingProcess.class)))
         .on(Ai_helloContext.class, (c, cc) -> change(cc, e -> e.hello = cc.negated() || c.secs == null ? null : num(c.secs)))
         .on(Ai_holdContext.class, (c, cc) -> change(cc, e -> e.hold = cc.negated() || c.secs == null ? null : num(c.secs)))
         .on(Ai_splitContext.class, (c, cc) -> change(cc, e -> e.noSplitHorizon = cc.negated() && !cc.isDefault()))
         .on(Ai_nhsContext.class, (c, cc) -> change(cc, e -> e.noNextHopSelf = cc.negated() && !cc.isDefault()))
         .on(Ai_auth_modeContext.class, (c, cc) -> change(cc, e -> e.md5 = !cc.negated()))
         .on(Ai_auth_chainContext.class, (c, cc) -> change(cc, e -> e.keyChain = cc.negated() || c.chain == null ? null : c.chain.getText()))
         .on(Ai_summaryContext.class, EigrpNamed::summary)
         .on(Ai_passiveContext.class, EigrpNamed::passive);
    }

    /**
     * `address-family ipv4 [unicast] [vrf NAME] autonomous-system N`: the AS may not be a classic
     * process (or another instance's address family) in the same table too.
     */
    private static void addressFamily(N_address_familyContext c, CommandContext cc) {
        String name = cc.target(Instance.class).name();
        String vrf = c.vrf == null ? null : c.vrf.getText();
        RoutingProcess.Key key = new RoutingProcess.Key(Protocol.EIGRP, num(c.as), vrf);
        Map<RoutingProcess.Key, RoutingProcess> routing = Shell.config(cc).routing;
        RoutingProcess p = routing.get(key);
        if (p != null && !name.equals(p.eigrp.virtualInstance)) {
            cc.invalid(c.DEC());
            return;
        }
        if (cc.negated()) {
            routing.remove(key);
            return;
        }
        if (vrf != null && !Shell.config(cc).vrfs.containsKey(vrf)) {
            cc.error("VRF " + vrf + " not configured.");
            return;
        }
        if (p == null) {
            p = new RoutingProcess(key);
            p.eigrp.virtualInstance = name;
            p.vrf = vrf;
            routing.put(key, p);
        }
        cc.enter(Mode.ROUTER_AF, p);
    }

    private static void afInterface(Af_interfaceContext c, CommandContext cc) {
        RoutingProcess p = cc.target(RoutingProcess.class);
        InterfaceName n = null;
        if (c.INTERFACE_NAME() != null) {
            n = InterfaceName.parse(c.INTERFACE_NAME().getText());
            if (!Shell.config(cc).interfaces.containsKey(n)) {
                cc.invalid(c.INTERFACE_NAME());
                return;
            }
        }
        if (cc.negated()) {
            if (n == null) {
                p.passiveDefault = false;
                p.passive.clear();
                p.eigrp.afDefault.summaries.clear();
                InterfaceConfig.EigrpInterface d = p.eigrp.afDefault;
                d.hello = d.hold = null;
                d.noSplitHorizon = d.noNextHopSelf = d.md5 = false;
                d.keyChain = null;
            } else {
                p.eigrp.afInterfaces.remove(n);
                p.passive.remove(n);
            }
            return;
        }
        cc.enter(Mode.ROUTER_AF_INTERFACE, new AfInterface(p, n));
    }

    /** Changes the settings of the `af-interface` the session is in; an interface's entry back at the defaults disappears. */
    private static void change(CommandContext cc, Consumer<InterfaceConfig.EigrpInterface> f) {
        AfInterface a = cc.target(AfInterface.class);
        RoutingProcess.Eigrp e = a.process().eigrp;
        if (a.name() == null) {
            f.accept(e.afDefault);
            return;
        }
        InterfaceConfig.EigrpInterface s = e.afInterfaces.computeIfAbsent(a.name(), x -> new InterfaceConfig.EigrpInterface());
        f.accept(s);
        if (s.isDefault()) e.afInterfaces.remove(a.name());
    }

    private static void summary(Ai_summaryContext c, CommandContext cc) {
        int prefix = ip(c.prefix), mask = ip(c.mask);
        if (!Ipv4Address.isValidMask(mask)) {
            cc.invalid(c.IP_ADDRESS(1));
            return;
        }
        InterfaceConfig.Ipv4Prefix s = new InterfaceConfig.Ipv4Prefix(prefix & mask, mask);
        change(cc, e -> {
            e.summaries.remove(s);
            if (!cc.negated()) {
                e.summaries.add(s);
                e.summaries.sort(java.util.Comparator.comparingLong((InterfaceConfig.Ipv4Prefix x) -> x.address() & 0xffffffffL)
                    .thenComparingLong(x -> x.mask() & 0xffffffffL));
            }
        });
    }

    /** `passive-interface` under `af-interface default` (all), or under one interface (an exception to the default). */
    private static void passive(Ai_passiveContext c, CommandContext cc) {
        AfInterface a = cc.target(AfInterface.class);
        RoutingProcess p = a.process();
        boolean on = !cc.negated();
        if (a.name() == null) {
            p.passiveDefault = on;
            p.passive.clear();
            return;
        }
        p.passive.remove(a.name());
        if (on != p.passiveDefault) {
            p.passive.add(a.name());
            p.passive.sort(null);
        }
    }

    /** The `router eigrp NAME` blocks: each name's address families, as IOS writes them. */
    static void sections(RunningConfig c, StringBuilder sb) {
        Map<String, List<RoutingProcess>> byName = new TreeMap<>();
        for (RoutingProcess p : c.routing.values()) {
            if (p.key.protocol() == Protocol.EIGRP && p.eigrp.virtualInstance != null) {
                byName.computeIfAbsent(p.eigrp.virtualInstance, k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<RoutingProcess>> en : byName.entrySet()) {
            sb.append("router eigrp ").append(en.getKey()).append('\n');
            for (RoutingProcess p : en.getValue()) addressFamily(p, sb);
            sb.append("!\n");
        }
    }

    private static void addressFamily(RoutingProcess p, StringBuilder sb) {
        RoutingProcess.Eigrp e = p.eigrp;
        sb.append(" !\n address-family ipv4 unicast");
        if (p.key.vrf() != null) sb.append(" vrf ").append(p.key.vrf());
        sb.append(" autonomous-system ").append(p.key.id()).append('\n');
        StringBuilder d = new StringBuilder();
        settings(e.afDefault, p.passiveDefault ? "passive-interface" : null, d);
        if (d.length() > 0) sb.append("  !\n  af-interface default\n").append(d).append("  exit-af-interface\n");
        TreeMap<InterfaceName, InterfaceConfig.EigrpInterface> all = new TreeMap<>(e.afInterfaces);
        for (InterfaceName n : p.passive) all.putIfAbsent(n, new InterfaceConfig.EigrpInterface());
        for (Map.Entry<InterfaceName, InterfaceConfig.EigrpInterface> en : all.entrySet()) {
            sb.append("  !\n  af-interface ").append(en.getKey()).append('\n');
            boolean exception = p.passive.contains(en.getKey());
            settings(en.getValue(), !exception ? null : p.passiveDefault ? "no passive-interface" : "passive-interface", sb);
            sb.append("  exit-af-interface\n");
        }
        sb.append("  !\n  topology base\n");
        StringBuilder t = new StringBuilder();
        if (e.variance != null) t.append(" variance ").append(e.variance).append('\n');
        dev.routerlab.routing.cli.RoutingCommands.redistribute(p, t);
        dev.routerlab.routing.cli.RoutingCommands.maximumPaths(p, t);
        if (e.autoSummary) t.append(" auto-summary\n");
        sb.append(t.toString().replaceAll("(?m)^ ", "   "));
        sb.append("  exit-af-topology\n");
        StringBuilder a = new StringBuilder();
        if (e.metricWeights != null) {
            a.append(" metric weights 0");
            for (int k : e.metricWeights) a.append(' ').append(k);
            a.append('\n');
        }
        if (e.ribScale != null) a.append(" metric rib-scale ").append(e.ribScale).append('\n');
        dev.routerlab.routing.cli.RoutingCommands.networks(p, a);
        if (p.routerId != null) a.append(" eigrp router-id ").append(Ipv4Address.toString(p.routerId)).append('\n');
        if (e.stubFlags != null) a.append(" eigrp stub").append(EigrpCommands.stubWords(e.stubFlags)).append('\n');
        sb.append(a.toString().replaceAll("(?m)^ ", "  "));
        sb.append(" exit-address-family\n");
    }

    /** The lines inside one `af-interface` block; passive: its `[no] passive-interface` line or null. */
    private static void settings(InterfaceConfig.EigrpInterface s, String passive, StringBuilder sb) {
        for (InterfaceConfig.Ipv4Prefix x : s.summaries) {
            sb.append("   summary-address ").append(Ipv4Address.toString(x.address())).append(' ')
              .append(Ipv4Address.toString(x.mask())).append('\n');
        }
        if (s.md5) sb.append("   authentication mode md5\n");
        if (s.keyChain != null) sb.append("   authentication key-chain ").append(s.keyChain).append('\n');
        if (s.hello != null) sb.append("   hello-interval ").append(s.hello).append('\n');
        if (s.hold != null) sb.append("   hold-time ").append(s.hold).append('\n');
        if (s.noNextHopSelf) sb.append("   no next-hop-self\n");
        if (passive != null) sb.append("   ").append(passive).append('\n');
        if (s.noSplitHorizon) sb.append("   no split-horizon\n");
    }
}
