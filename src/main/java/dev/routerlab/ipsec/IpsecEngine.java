package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.config.CryptoIkev2;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ike.CryptoConfigAdapter;
import dev.routerlab.ike.IkeConfig;
import dev.routerlab.ike.IkeEngine;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.IsakmpSaInfo;
import dev.routerlab.ike.IsakmpState;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.SessionEnds;
import dev.routerlab.ike.WiresharkKeys;
import dev.routerlab.ikev2.Ikev2WiresharkKeys;
import dev.routerlab.ikev2.Ikev2ConfigAdapter;
import dev.routerlab.pki.Pki;
import dev.routerlab.ikev2.Ikev2Engine;
import dev.routerlab.ikev2.Ikev2SaInfo;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.nhrp.PeerStates;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.sim.Scheduler;

/**
 * One router's IPsec (RFC 4301), composed of: the {@link Spd} compiled from crypto maps and
 * tunnel protection, the {@link SaTable} of installed SAs, the {@link EspPath} that protects and
 * decapsulates, and the {@link IkeGlue} that runs the router's one IKE engine (UDP 500/4500).
 * Runs on the router's event loop only.
 *
 * <p>Outbound on a crypto-map interface: the map entries' ACLs are walked in sequence order; the
 * first permit line names the flow. A flow without an SA starts IKE ({@link IkeEngine#acquire})
 * and drops the packet, as IOS does. Inbound ESP (protocol 50, or UDP 4500 behind the RFC 3948
 * non-ESP marker) is found by SPI, decrypted and re-enters IPv4 input; a cleartext packet that
 * the crypto ACL says should have been protected is dropped.
 */
public final class IpsecEngine implements PeerStates {
    private final IpEngine ip;
    private final Scheduler scheduler;
    private final IpsecDebug debug;
    private final SaTable sas;
    private final EspPath esp;
    private final Spd spd;
    private final IkeGlue ike;
    private final IpEngine.LogSink log;
    private RunningConfig config;
    private boolean active;
    /** A crypto map or tunnel protection is applied to an interface (IOS: ISAKMP is ON). */
    private boolean isakmpOn;

    /**
     * @param log the router's syslog (%CRYPTO- messages)
     * @param console where debug lines go (the router's log, printed to the consoles)
     */
    /** The router's PKI: what IKEv2 profiles with rsa-sig sign and check with. */
    private final Pki pki;

    public IpsecEngine(IpEngine ip, Scheduler scheduler, RandomGenerator random, IpEngine.LogSink log, Consumer<String> console,
                       Pki pki) {
        this.ip = ip;
        this.pki = pki;
        this.scheduler = scheduler;
        this.debug = new IpsecDebug(console);
        this.sas = new SaTable(debug);
        // classes, not lambdas: no call site linked before the first prompt (see device.Router)
        this.esp = new EspPath(ip, sas, debug, new java.util.function.Function<Flow, KeyManager>() {
            @Override public KeyManager apply(Flow f) { return keysFor(f); }
        }, new java.util.function.Supplier<List<Flow>>() {
            @Override public List<Flow> get() { return flows(); }
        }, log, scheduler);
        this.spd = new Spd(ip, esp, new java.util.function.Function<IpInterface, Ipv6Address>() {
            @Override public Ipv6Address apply(IpInterface t) { return tunnelSource6(t); }
        }, new java.util.function.Function<Ipv6Address, IpInterface>() {
            @Override public IpInterface apply(Ipv6Address a) { return egress6(a); }
        });
        this.ike = new IkeGlue(ip, scheduler, random, spd, sas, esp, debug, new java.util.function.IntSupplier() {
            @Override public int getAsInt() {
                return config != null && config.crypto.replayWindow != null ? config.crypto.replayWindow : 64;
            }
        }, log);
        this.log = log;
        // "fragmentation needed" quoting our ESP lowers that flow's path MTU (RFC 4301 §8.2.1)
        ip.addIcmpListener(new IpEngine.IcmpListener() {
            @Override public void icmp(byte[] b, int off, int len) { esp.fragmentationNeeded(b, off, len); }
        });
    }

    /** The IPv6 engine (composition): IKEv2 and ESP over IPv6 for tunnels over IPv6 (`tunnel mode gre ipv6`). */
    private Ipv6Engine ipv6;

    /**
     * Composes the IPv6 engine: next header 50 and UDP 500/4500 over IPv6 while IPsec is active;
     * its table changes re-judge the tunnels over IPv6 (their sources and routes).
     */
    public void bindIpv6(Ipv6Engine v6) {
        this.ipv6 = v6;
        esp.bindIpv6(v6);
        ike.bindIpv6(v6);
        v6.onRibChange(new Runnable() {
            @Override public void run() {
                if (config != null && spd.overIpv6) reconcile(config);
            }
        });
        if (active) ike.listen(true);
    }

    /** A tunnel over IPv6's source before its line protocol resolved it: its source interface's first global address, or its own. */
    private Ipv6Address tunnelSource6(IpInterface t) {
        if (ipv6 == null || t.tunnel() == null) return null;
        if (t.tunnel().sourceInterface() != null) return ipv6.addressOf(t.tunnel().sourceInterface());
        return null;
    }

    /** The interface the IPv6 table routes addr out of, or null. */
    private IpInterface egress6(Ipv6Address addr) {
        if (ipv6 == null) return null;
        var e = ipv6.rib().lookup(addr);
        return e == null || e.out() == null ? null : e.out().ip;
    }

    /** The interface the router sends by towards a peer of either family (IPv4: in a VRF's table), or null without a route. */
    public IpInterface egress(String vrf, IpAddress addr) {
        return addr.isV6() ? egress6(addr.v6()) : egress(vrf, addr.v4());
    }

    /** True while anything crypto is configured (maps, protection, keys): then every change reconciles crypto. */
    public boolean active() { return active; }

    /** The IKEv1 and IKEv2 engines of one front-door VRF (null: the global table): their peers are in its table. */
    public record FrontDoor(String vrf, IkeEngine ike, Ikev2Engine ikev2) {}

    /** The global table's IKE engine, or null while no crypto is configured. */
    public IkeEngine ike() {
        FrontDoor d = ike.door(null);
        return d == null ? null : d.ike();
    }

    /** The global table's IKEv2 engine, or null while no crypto is configured. */
    public Ikev2Engine ikev2() {
        FrontDoor d = ike.door(null);
        return d == null ? null : d.ikev2();
    }

    private KeyManager keysFor(Flow f) { return ike.keysFor(f); }

    /** The engines of every front-door VRF in use, the global table's first (empty while no crypto is configured). */
    public List<FrontDoor> frontDoors() { return List.copyOf(ike.doors()); }

    /** `debug crypto isakmp|ipsec`. */
    public IpsecDebug debug() { return debug; }

    // ------------------------------------------------------------------ reconciliation

    /** Follows the model: the SPD per interface, the IKE configuration, the handlers. */
    public void reconcile(RunningConfig cfg) {
        this.config = cfg;
        Spd.Compiled spd = this.spd.compile(cfg);
        var c = cfg.crypto;
        boolean wanted = spd.any() || !c.isakmpKeys.isEmpty() || !c.keyrings.isEmpty() || c.ikev2.any();
        if (wanted) {
            // one pair of engines per front-door VRF: the global table, and each VRF that crypto
            // maps, protected tunnels (`tunnel vrf`), keyrings or profiles name
            Map<String, Set<String>> applied = new HashMap<>();
            for (var ic : cfg.interfaces.values()) {
                if (ic.cryptoMap != null) applied.computeIfAbsent(ic.vrf, v -> new HashSet<>()).add(ic.cryptoMap);
            }
            Set<String> fvrfs = new LinkedHashSet<>();
            fvrfs.add(null);
            for (FrontDoor d : ike.doors()) fvrfs.add(d.vrf());       // a door no longer named keeps running, emptied
            fvrfs.addAll(applied.keySet());
            fvrfs.addAll(spd.tunnelPolicies().keySet());
            for (var r : c.keyrings.values()) fvrfs.add(r.vrf);
            for (var p : c.isakmpProfiles.values()) for (var m : p.matches) fvrfs.add(m.fvrf());
            for (var p : c.ikev2.profiles.values()) {
                if (p.matchFvrf != null && !p.matchFvrf.equals(CryptoIkev2.ANY_VRF)) fvrfs.add(p.matchFvrf);
            }
            for (String v : fvrfs) {
                Set<String> maps = applied.getOrDefault(v, Set.of());
                IkeConfig ikc = CryptoConfigAdapter.toIkeConfig(c, n -> AccessLists.find(cfg, n), maps::contains, v)
                        .withCerts(CryptoConfigAdapter.certs(c, pki,
                                cfg.domainName == null ? cfg.hostname : cfg.hostname + "." + cfg.domainName));
                List<IpsecPolicy> all = new ArrayList<>(ikc.ipsecPolicies());
                all.addAll(spd.tunnelPolicies().getOrDefault(v, List.of()));
                // each engine answers for the policies of its version (`set ikev2-profile` or not)
                ike.configure(v, ikc.withIpsecPolicies(all.stream().filter(p -> p.ikev2Profile() == null).toList()),
                        Ikev2ConfigAdapter.toConfig(c.ikev2, all.stream().filter(p -> p.ikev2Profile() != null).toList(), v, pki));
            }
        }
        if (wanted != active) {
            active = wanted;
            ike.listen(wanted);
        }
        if (spd.any() != isakmpOn) {
            isakmpOn = spd.any();
            log.log("CRYPTO", 6, "ISAKMP_ON_OFF", "ISAKMP is " + (isakmpOn ? "ON" : "OFF"));
        }
    }

    /** A reload: every SA and the IKE engine go. */
    public void reset() {
        ike.shutdown();
        spd.clear();
        sas.clear();
        active = false;
        isakmpOn = false;
        for (IpInterface i : ip.interfaces()) i.bindIpsec(null);
        ike.listen(false);
    }

    // ------------------------------------------------------------------ show dmvpn

    /**
     * The `show dmvpn` state of a peer of a protected mGRE (or p2p GRE NHRP) tunnel: IKE, IPSEC, or
     * null once its SAs are up; behind one PAT, of the host at natPort alone (RFC 3947 §5).
     */
    @Override
    public String state(int nbma, int natPort) {
        boolean protectedMgre = false;
        String fvrf = null;
        for (IpInterface i : ip.interfaces()) {
            if (i.ipsec() instanceof MgreProtection mb) {
                protectedMgre = true;
                fvrf = i.tunnelVrf();
                MgreProtection.PeerFlow p = mb.find(nbma, natPort);
                if (p != null && p.flow.up()) return null;
            } else if (i.ipsec() instanceof TunnelProtection tb && tb.flow != null && i.tunnel() != null && i.tunnel().nhrp()
                    && !tb.flow.vti && !tb.flow.ipv6 && tb.flow.peer.v4() == nbma) {                  // a protected p2p GRE NHRP spoke: its NHS is the peer
                protectedMgre = true;
                fvrf = i.tunnelVrf();
                if (tb.flow.up()) return null;
            }
        }
        if (!protectedMgre) return null;
        FrontDoor d = ike.door(fvrf);
        if (d != null) {
            for (IsakmpSaInfo sa : d.ike().isakmpSas()) {
                if (sa.peerAddress() == nbma && KeyManager.portMatches(natPort, sa.peerPort()) && !sa.deleted()
                    && sa.state() == IsakmpState.QM_IDLE) return "IPSEC";
            }
            for (Ikev2SaInfo sa : d.ikev2().sas()) {
                if (!sa.remote().isV6() && sa.remote().v4() == nbma && KeyManager.portMatches(natPort, sa.remotePort())
                    && sa.status().equals("READY")) return "IPSEC";
            }
        }
        return "IKE";
    }

    // ------------------------------------------------------------------ views for show/clear

    /** The flows (SPD entries in use), in creation order. */
    public List<Flow> flows() { return spd.flows(); }

    /** The installed SA pairs. */
    public List<SaPair> pairs() { return sas.pairs(); }

    /** ESP for an SPI we do not know (IOS %CRYPTO-4-RECVD_PKT_INV_SPI). */
    public long invalidSpi() { return esp.invalidSpi; }

    /** Clear packets that should have been protected (IOS %CRYPTO-4-RECVD_PKT_NOT_IPSEC). */
    public long clearDropped() { return esp.clearDropped; }

    /** Packets of a flow without an SA (dropped while IKE negotiates). */
    public long noSaDropped() { return esp.noSaDropped; }

    /** Decapsulated packets outside their SA's selectors (RFC 4301 §5.2). */
    public long policyDropped() { return esp.policyDropped; }

    /** A tunnel's profile instance as `show crypto map` lists it ({@code Tunnel0-head-0}). */
    public record TunnelInstance(String tag, String iface, IpAddress local, IpAddress peer, boolean vti) {}

    /** The live tunnel-protection bindings, in interface order. */
    public List<TunnelInstance> tunnelInstances() {
        List<TunnelInstance> out = new ArrayList<>();
        for (IpInterface i : ip.interfaces()) {
            if (i.ipsec() instanceof MgreProtection mb) {
                boolean any = false;
                for (MgreProtection.PeerFlow p : mb.peers.values()) {
                    Flow f = p.flow;
                    if (f.pairs.isEmpty()) continue;
                    out.add(new TunnelInstance(mb.tag, i.name.toString(), IpAddress.of(mb.src), f.peer, false));
                    any = true;
                }
                if (!any) out.add(new TunnelInstance(mb.tag, i.name.toString(), IpAddress.of(mb.src), IpAddress.NONE, false));
            }
            if (i.ipsec() instanceof TunnelProtection tb && tb.flow != null) {
                Flow f = tb.flow;
                out.add(new TunnelInstance(f.tag, i.name.toString(), f.local, f.peer, f.vti));
            }
        }
        return out;
    }

    public long nowNanos() { return scheduler.nanos(); }

    /** The IV an ESP packet carries with this cipher (RFC 3602 §3, RFC 4106 §3.1). */
    public static int ivSize(dev.routerlab.esp.EncryptionAlgorithm e) {
        return switch (e) {
            case AES_128, AES_192, AES_256 -> 16;
            case NULL -> 0;
            default -> 8;
        };
    }

    /** The largest inner packet that fits the path MTU after ESP (tunnel mode) with full-block padding. */
    public static int plaintextMtu(dev.routerlab.ike.ChildSa c, int pathMtu) {
        return plaintextMtu(c.transform(), c.mode() == dev.routerlab.ike.IpsecMode.TRANSPORT, c.udpEncapsulated(), c.ipv6(), pathMtu);
    }

    /** {@link #plaintextMtu(dev.routerlab.ike.ChildSa, int)} for a transform and mode (before an SA exists). */
    public static int plaintextMtu(dev.routerlab.esp.Transform t, boolean transport, boolean udp, boolean ipv6, int pathMtu) {
        int blk = switch (t.encryption()) {
            case AES_128, AES_192, AES_256 -> 16;
            case DES, TRIPLE_DES -> 8;
            default -> 4;
        };
        int outer = ipv6 ? 40 : 20;                                  // the outer IPv4 or IPv6 header
        int x = pathMtu - outer - (udp ? 8 : 0) - 8 - ivSize(t.encryption()) - t.icvLength() - 2;
        x -= Math.floorMod(x + 2, blk);
        // transport mode keeps the original header outside the encryption (IOS: 1442 for
        // esp-256-aes esp-sha-hmac, Transport UDP-Encaps, path mtu 1500)
        return transport ? x + outer : x;
    }

    /** The interface the router sends by towards addr in a VRF's table (null: the global one), or null without a route. */
    public IpInterface egress(String vrf, int addr) {
        var e = ip.rib(vrf).fib().lookup(addr);
        return e == null ? null : e.out;
    }

    /** The model of the last reconciliation (null before the first). */
    public RunningConfig config() { return config; }

    /** `clear crypto sa`: the Child SAs of both IKE versions. */
    public void clearSa() {
        for (FrontDoor d : ike.doors()) {
            d.ike().clearChildSas();
            d.ikev2().clearChildSas();
        }
    }

    /** `clear crypto sa peer A`: the SA pairs with one peer, each deleted by the engine that made it (telling the peer). */
    public void clearSa(int peer) {
        for (SaPair p : new ArrayList<>(sas.pairs())) if (p.child.peerAddress() == peer) p.keys.deleteChildSa(p.child.id());
    }

    /** `clear crypto session [local A [port N]] [remote A [port N]]`: the SAs of both IKE versions between those ends. */
    public void clearSession(SessionEnds ends) {
        if (ike() == null) return;
        ike().clearSessions(ends);
        ikev2().clearSessions(ends);
    }

    /** `clear crypto isakmp`. */
    public void clearIsakmp() { for (FrontDoor d : ike.doors()) d.ike().clearIsakmp(); }

    /** `clear crypto ikev2 sa`. */
    public void clearIkev2() { for (FrontDoor d : ike.doors()) d.ikev2().clearAll(); }

    /** `clear crypto session`: every SA of both IKE versions. */
    public void clearSession() {
        for (FrontDoor d : ike.doors()) {
            d.ike().clearChildSas();
            d.ike().clearIsakmp();
            d.ikev2().clearAll();
        }
    }

    /** The live SAs' keys in Wireshark's formats: {@code esp_sa} then {@code ikev1_decryption_table}. */
    public String wiresharkEspSa() {
        StringBuilder sb = new StringBuilder();
        for (SaPair p : sas.pairs()) sb.append(WiresharkKeys.espSa(p.child));
        return sb.toString();
    }

    public String wiresharkIkev1() {
        StringBuilder sb = new StringBuilder();
        for (FrontDoor d : ike.doors()) sb.append(WiresharkKeys.ikev1DecryptionTable(d.ike()));
        return sb.toString();
    }

    public String wiresharkIkev2() {
        StringBuilder sb = new StringBuilder();
        for (FrontDoor d : ike.doors()) sb.append(Ikev2WiresharkKeys.decryptionTable(d.ikev2()));
        return sb.toString();
    }
}
