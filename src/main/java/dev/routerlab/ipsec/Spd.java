package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.CryptoConfig.CryptoMapEntry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.CryptoConfigAdapter;
import dev.routerlab.ike.IpsecMode;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv6Address;

/**
 * The security policy database (RFC 4301 §4.4.1) compiled from the model: crypto maps on ports
 * and tunnel protection on tunnels become {@link dev.routerlab.ip.IpsecBinding}s holding
 * {@link Flow}s. Flows are keyed by tag, interface, proxies and peer so their SAs and counters
 * survive reconciliation.
 */
final class Spd {
    /** What a compilation asks of IKE: whether any interface uses IPsec, and the tunnels' policies. */
    record Compiled(boolean any, Map<String, List<IpsecPolicy>> tunnelPolicies) {}

    private final IpEngine ip;
    private final EspPath esp;
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    /** The flows by peer, in {@link #flows}'s order: a new SA finds its flow in the peer's few, not among every peer's (a DMVPN hub). */
    private final Map<IpAddress, List<Flow>> byPeer = new HashMap<>();
    /** The last compilation protected a tunnel over IPv6 (its flows follow the IPv6 tables: {@link IpsecEngine} recompiles on their changes). */
    boolean overIpv6;
    /** The mGRE tunnels the last compilation protected, in interface order. */
    private final List<MgreProtection> mgre = new ArrayList<>();
    private RunningConfig config;

    /** A tunnel's IPv6 source before its line protocol resolved it, and the interface an IPv6 address is routed out of (null: none). */
    private final Function<IpInterface, Ipv6Address> source6;
    private final Function<Ipv6Address, IpInterface> egress6;

    Spd(IpEngine ip, EspPath esp, Function<IpInterface, Ipv6Address> source6, Function<Ipv6Address, IpInterface> egress6) {
        this.ip = ip;
        this.esp = esp;
        this.source6 = source6;
        this.egress6 = egress6;
    }

    /** Binds every interface to its crypto map or tunnel protection (or nothing); unused flows without SAs go. */
    Compiled compile(RunningConfig cfg) {
        this.config = cfg;
        Set<Flow> wasLive = new HashSet<>();   // by identity: Flow keeps Object's equals
        for (Flow f : flows.values()) {
            if (f.live) wasLive.add(f);
            f.live = false;
        }
        Map<String, List<IpsecPolicy>> tunnelPolicies = new LinkedHashMap<>();   // by front-door VRF
        boolean any = false;
        Set<IpInterface> shut = new HashSet<>();
        mgre.clear();
        overIpv6 = false;
        for (IpInterface i : ip.interfaces()) {
            InterfaceConfig ic = cfg.interfaces.get(i.name);
            dev.routerlab.ip.IpsecBinding binding = null;
            if (ic != null && ic.cryptoMap != null && i.kind == IpInterface.Kind.ETHERNET) {
                binding = mapBinding(cfg, i, ic.cryptoMap);
            } else if (ic != null && i.kind == IpInterface.Kind.TUNNEL && ic.tunnelProtectionProfile != null) {
                // a shut tunnel closes its crypto socket (IOS): its flows go and IKE gets no policy to answer
                // the peer with; the binding stays so that nothing leaves in clear when it comes up again
                if (ic.shutdown) shut.add(i);
                binding = tunnelBinding(cfg, i, ic, ic.shutdown ? new ArrayList<>()
                        : tunnelPolicies.computeIfAbsent(i.tunnelVrf(), v -> new ArrayList<>()));
            }
            i.bindIpsec(binding);
            if (binding instanceof MgreProtection mb) mgre.add(mb);
            any |= ic != null && (ic.cryptoMap != null || ic.tunnelProtectionProfile != null);
        }
        for (Flow f : flows.values()) if (shut.contains(f.iface)) f.live = false;
        // as IOS: a crypto map or tunnel protection taken off deletes the SAs it negotiated, telling the peer;
        // a crypto map (or its entry) removed, a tunnel whose protection went off or which was shut, also
        // deletes the IKE SA when no other live flow shares the peer, as IOS does
        for (Flow f : new ArrayList<>(flows.values())) {
            if (f.live || f.policy == null) continue;
            for (SaPair p : new ArrayList<>(f.pairs)) p.keys.deleteChildSa(p.child.id());
            boolean unbound = f.tunnelProtection
                ? f.iface != null && (f.iface.ipsec() == null || shut.contains(f.iface))
                : f.iface != null;
            if (unbound && wasLive.contains(f)
                    && byPeer.getOrDefault(f.peer, List.of()).stream().noneMatch(o -> o.live && Objects.equals(o.fvrf, f.fvrf))) {
                KeyManager k = esp.keysOf(f);
                if (k != null) k.deletePeer(f.peer);
            }
        }
        for (java.util.Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {   // not removeIf's lambda: runs at launch
            Flow f = it.next();
            if (f.live || !f.pairs.isEmpty()) continue;
            List<Flow> l = byPeer.get(f.peer);
            if (l != null && l.remove(f) && l.isEmpty()) byPeer.remove(f.peer);
            it.remove();
        }
        return new Compiled(any, tunnelPolicies);
    }

    void clear() {
        flows.clear();
        byPeer.clear();
        mgre.clear();
    }

    List<Flow> flows() { return new ArrayList<>(flows.values()); }

    private CryptoMapBinding mapBinding(RunningConfig cfg, IpInterface i, String mapName) {
        var entries = cfg.crypto.maps.get(mapName);
        CryptoMapBinding b = new CryptoMapBinding(mapName, esp);
        if (entries == null) return b;
        for (CryptoMapEntry e : entries.values()) {
            AccessList acl = AccessLists.find(cfg, e.matchAddress);
            if (acl == null || e.peers.isEmpty()) continue;      // incomplete entry: inactive, as on IOS
            IpsecPolicy policy = CryptoConfigAdapter.mapEntry(cfg.crypto, e, n -> AccessLists.find(cfg, n));
            if (policy == null) continue;
            CryptoMapBinding.Rule r = new CryptoMapBinding.Rule(e, acl);
            int peer = e.peers.get(0);
            for (int k = 0; k < acl.entries.size(); k++) {
                AccessList.Entry ae = acl.entries.get(k);
                if (!ae.permit() || ae.match() == null) continue;
                List<ProxyPair> pp = CryptoConfigAdapter.proxies(single(acl, ae));
                if (pp.isEmpty()) continue;
                Flow f = flow(mapName, i, pp.get(0), IpAddress.of(peer));
                f.policy = policy;
                f.local = IpAddress.of(i.address());
                f.fvrf = i.vrf();
                f.transport = false;
                r.flows[k] = f;
            }
            b.rules.add(r);
        }
        return b;
    }

    private static AccessList single(AccessList acl, AccessList.Entry e) {
        AccessList one = new AccessList(acl.name, acl.extended);
        one.entries.add(e);
        return one;
    }

    private dev.routerlab.ip.IpsecBinding tunnelBinding(RunningConfig cfg, IpInterface t, InterfaceConfig ic, List<IpsecPolicy> out) {
        if (ic.tunnelMode == InterfaceConfig.TunnelMode.GRE_MULTIPOINT) return mgreBinding(cfg, t, ic, out);
        if (ic.tunnelMode == InterfaceConfig.TunnelMode.GRE_IPV6 || ic.tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV6) {
            return tunnelBinding6(cfg, t, ic, out);
        }
        if (t.tunnel() == null || t.tunnel().destination() == null || t.tunnel().source() == 0) return null;
        int src = t.tunnel().source(), dst = t.tunnel().destination();
        boolean vti = ic.tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV4;
        ProxyPair sel = vti ? new ProxyPair(ProxyId.ANY, ProxyId.ANY)
                : new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(dst, -1, Ipv4.PROTO_GRE, 0));
        String tag = t.name + "-head-0";
        IpsecPolicy p = CryptoConfigAdapter.profile(cfg.crypto, ic.tunnelProtectionProfile, tag, dst, sel);
        if (p == null) return null;
        out.add(p);
        return new TunnelProtection(tunnelFlow(tag, t, sel, IpAddress.of(dst), IpAddress.of(src), p, vti), esp);
    }

    /**
     * `tunnel mode gre ipv6` with `tunnel protection`: GRE between the IPv6 tunnel ends (RFC 7296
     * §3.13.1 TS_IPV6_ADDR_RANGE, protocol 47), or ::/0 both ways for `tunnel mode ipsec ipv6` (a
     * VTI, tunnel mode), negotiated with IKEv2 over IPv6. Until the source
     * resolves the binding holds no flow and the tunnel sends nothing.
     */
    private dev.routerlab.ip.IpsecBinding tunnelBinding6(RunningConfig cfg, IpInterface t, InterfaceConfig ic, List<IpsecPolicy> out) {
        overIpv6 = true;
        if (t.tunnel() == null || t.tunnel().destination6() == null) return null;
        Ipv6Address src = t.tunnel().source6() != null ? t.tunnel().source6() : source6.apply(t);
        IpAddress dst = IpAddress.of(t.tunnel().destination6());
        String tag = t.name + "-head-0";
        if (src == null) return new TunnelProtection(null, esp);
        boolean vti = ic.tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV6;
        ProxyId any6 = ProxyId.ipv6(dev.routerlab.packet.Ipv6Address.UNSPECIFIED, 0, 0, 0);
        ProxyPair sel = vti ? new ProxyPair(any6, any6)                  // an IPv6 VTI: ::/0 both ways, as IOS
                : new ProxyPair(ProxyId.host(IpAddress.of(src), Ipv4.PROTO_GRE), ProxyId.host(dst, Ipv4.PROTO_GRE));
        IpsecPolicy p = CryptoConfigAdapter.profile(cfg.crypto, ic.tunnelProtectionProfile, tag, 0, sel);
        if (p == null) return new TunnelProtection(null, esp);
        p = p.towards(dst);
        out.add(p);
        return new TunnelProtection(tunnelFlow(tag, t, sel, dst, IpAddress.of(src), p, vti), esp);
    }

    /** The flow of a protected point-to-point tunnel (GRE between its ends, or a VTI's any/any), sent in its tunnel VRF. */
    private Flow tunnelFlow(String tag, IpInterface t, ProxyPair sel, IpAddress dst, IpAddress src, IpsecPolicy p, boolean vti) {
        Flow f = flow(tag, t, sel, dst);
        f.policy = p;
        f.local = src;
        f.fvrf = t.tunnelVrf();
        f.tunnelProtection = true;
        f.vti = vti;
        f.transport = !vti && p.transformSets().get(0).mode() == IpsecMode.TRANSPORT;
        return f;
    }

    private MgreProtection mgreBinding(RunningConfig cfg, IpInterface t, InterfaceConfig ic, List<IpsecPolicy> out) {
        if (t.tunnel() == null || t.tunnel().source() == 0) return null;
        int src = t.tunnel().source();
        String tag = t.name + "-head-0";
        ProxyPair any = new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(0, 0, Ipv4.PROTO_GRE, 0));
        IpsecPolicy p = CryptoConfigAdapter.profile(cfg.crypto, ic.tunnelProtectionProfile, tag, 0, any);
        if (p == null) return null;
        // responder side: any peer (DMVPN spokes are not known in advance)
        out.add(new IpsecPolicy(tag, List.of(), p.selectors(), p.transformSets(), p.pfs(), p.lifetimeSeconds(),
                p.lifetimeKilobytes(), p.ikev2Profile()));
        MgreProtection b = new MgreProtection(tag, t, ic.tunnelProtectionProfile, src,
                p.transformSets().get(0).mode() == IpsecMode.TRANSPORT, p.transformSets().get(0).transform(), this, esp);
        for (Flow f : new ArrayList<>(flows.values())) {          // peers' flows (and their SAs) survive reconciliation
            if (f.tunnelProtection && f.tag.equals(tag) && !f.ipv6 && f.local.v4() == src && !f.pairs.isEmpty()) b.flowFor(f.peer.v4(), f.natPort);
        }
        return b;
    }

    /** A tunnel profile's policy towards one peer (null before the first compilation). */
    IpsecPolicy profilePolicy(String profile, String tag, int peer, ProxyPair sel) {
        return config == null ? null : CryptoConfigAdapter.profile(config.crypto, profile, tag, peer, sel);
    }

    Flow flow(String tag, IpInterface i, ProxyPair proxies, IpAddress peer) { return flow(tag, i, proxies, peer, KeyManager.ANY_PORT); }

    /** As {@link #flow(String, IpInterface, ProxyPair, IpAddress)}, for one host behind PAT: the peer's NAT-T port too. */
    Flow flow(String tag, IpInterface i, ProxyPair proxies, IpAddress peer, int natPort) {
        String key = tag + "|" + i.name + "|" + proxies + "|" + peer + (natPort == KeyManager.ANY_PORT ? "" : ":" + natPort);
        Flow f = flows.get(key);
        if (f == null) {
            flows.put(key, f = new Flow(tag, i, proxies, peer, natPort));
            byPeer.computeIfAbsent(peer, p -> new ArrayList<>()).add(f);
        }
        f.iface = i;
        f.live = true;
        InterfaceConfig ic = config == null || i == null ? null : config.interfaces.get(i.name);
        f.dfBit = ic != null && ic.cryptoIpsecDfBit != null ? ic.cryptoIpsecDfBit
            : config == null ? CryptoConfig.DfBit.COPY : config.crypto.dfBit;
        return f;
    }

    /** The flow a new SA of a front door's engine belongs to: by policy name and proxies; a new flow when none (responder of a dynamic offer). */
    Flow flowOf(ChildSa c, String fvrf) {
        List<Flow> ofPeer = byPeer.getOrDefault(c.peer(), List.of());
        for (Flow f : ofPeer) {
            if (f.otherHost(c.natPeerPort())) continue;
            if (Objects.equals(f.fvrf, fvrf) && f.policy != null && f.policy.name().equals(c.policyName())
                    && f.proxies.local().covers(c.localProxy()) && f.proxies.remote().covers(c.remoteProxy())) {
                return f;
            }
        }
        for (Flow f : ofPeer) {
            if (f.otherHost(c.natPeerPort())) continue;
            if (Objects.equals(f.fvrf, fvrf) && f.proxies.local().covers(c.localProxy())
                    && f.proxies.remote().covers(c.remoteProxy())) {
                return f;
            }
        }
        for (MgreProtection mb : mgre) {          // those still bound: every interface's binding comes from compile
            IpInterface i = mb.iface;
            if (!c.ipv6() && i.ipsec() == mb && ip.get(i.name) == i && mb.tag.equals(c.policyName()) && mb.src == c.localAddress()
                    && Objects.equals(i.tunnelVrf(), fvrf)) {
                return mb.flowFor(c.peerAddress(), c.natPeerPort());
            }
        }
        IpInterface out = null;
        if (c.ipv6()) {
            out = egress6.apply(c.peer().v6());
        } else {
            var e = ip.rib(fvrf).fib().lookup(c.peerAddress());
            if (e != null) out = e.out;
        }
        Flow f = flow(c.policyName(), out, new ProxyPair(c.localProxy(), c.remoteProxy()), c.peer());
        f.local = c.local();
        f.fvrf = fvrf;
        f.transport = c.mode() == IpsecMode.TRANSPORT;
        return f;
    }
}
