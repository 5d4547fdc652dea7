package dev.routerlab.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.CryptoConfig.CryptoMapEntry;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.device.Router;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.CryptoConfigAdapter;
import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.IkeConfig;
import dev.routerlab.ike.IkeEngine;
import dev.routerlab.ike.IkeListener;
import dev.routerlab.ike.IpsecMode;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.IsakmpSaInfo;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.routing.IntMap;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ipsec.DecryptResult;
import dev.routerlab.ipsec.EspSa;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;

/**
 * A router's IPsec: the SPD compiled from crypto maps (interfaces) and tunnel protection
 * (tunnels, VTIs), the SA database the IKE engine fills, ESP in and out, and the one
 * {@link IkeEngine} of the router (UDP 500/4500). Runs on the router's event loop only.
 *
 * <p>Outbound on a crypto-map interface: the map entries' ACLs are walked in sequence order; the
 * first permit line names the flow. A flow without an SA starts IKE ({@link IkeEngine#acquire})
 * and drops the packet, as IOS does. Inbound ESP (protocol 50, or UDP 4500 behind the RFC 3948
 * non-ESP marker) is found by SPI, decrypted and re-enters IPv4 input; a cleartext packet that
 * the crypto ACL says should have been protected is dropped.
 */
public final class RouterCrypto implements IpEngine.CryptoHook, IkeListener {
    static final int IKE_PORT = 500;
    static final int NAT_T_PORT = 4500;

    private final Router router;
    private IkeEngine ike;
    private RunningConfig config;
    private boolean active;
    /** Flows survive reconciliation (their SAs and counters stay); keyed by map tag, interface, proxies, peer. */
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final IntMap<SaPair> bySpi = new IntMap<>();
    private final List<SaPair> pairs = new ArrayList<>();
    private int decapDepth;
    private int nextConnId = 2001;
    boolean debugIsakmp;
    boolean debugIpsec;
    /** Router-wide drops for `show crypto ipsec sa detail` and tests. */
    long invalidSpi, clearDropped, noSaDropped, policyDropped;

    /** One flow (an ACL line, or a tunnel's GRE/any selectors) towards one peer; holds its SAs. */
    static final class Flow {
        final String tag;
        IpInterface iface;
        final ProxyPair proxies;
        final int peer;
        int local;
        IpsecPolicy policy;
        boolean transport;
        boolean vti;
        boolean tunnelProtection;
        final List<SaPair> pairs = new ArrayList<>();
        SaPair current;
        /** Counters of SAs already gone (IOS keeps the flow's totals across rekeys). */
        long encaps, encrypt, digest, decaps, decrypt, verify, sendErrors, recvErrors, replayFailed, verifyFailed;
        boolean live;

        Flow(String tag, IpInterface iface, ProxyPair proxies, int peer) {
            this.tag = tag;
            this.iface = iface;
            this.proxies = proxies;
            this.peer = peer;
        }
    }

    /** An installed SA pair. */
    static final class SaPair {
        final ChildSa child;
        final EspSa in;
        final EspSa out;
        final Flow flow;
        final int connIn;
        final int connOut;
        boolean softReported;

        SaPair(ChildSa child, EspSa in, EspSa out, Flow flow, int connIn, int connOut) {
            this.child = child;
            this.in = in;
            this.out = out;
            this.flow = flow;
            this.connIn = connIn;
            this.connOut = connOut;
        }
    }

    /** What a crypto-map interface carries: its entries' rules, in sequence order. */
    static final class MapBinding {
        final String map;
        final List<Rule> rules = new ArrayList<>();

        MapBinding(String map) { this.map = map; }
    }

    /** One crypto map entry on an interface: its ACL and, per ACL line, the flow (null for deny lines). */
    static final class Rule {
        final CryptoMapEntry entry;
        final AccessList acl;
        final Flow[] flows;

        Rule(CryptoMapEntry entry, AccessList acl) {
            this.entry = entry;
            this.acl = acl;
            this.flows = new Flow[acl.entries.size()];
        }
    }

    /** A protected tunnel (GRE + tunnel protection, or a VTI): one flow. */
    static final class TunnelBinding {
        final Flow flow;

        TunnelBinding(Flow flow) { this.flow = flow; }
    }

    /**
     * An mGRE tunnel with tunnel protection (DMVPN): one flow per NBMA peer, created on demand
     * when GRE leaves for that peer (selectors GRE between the tunnel source and the peer), and a
     * responder policy that accepts any peer offering GRE to our source.
     */
    final class MgreBinding {
        final String tag;
        final IpInterface iface;
        final String profile;
        final int src;
        final boolean transport;
        final Map<Integer, Flow> peers = new LinkedHashMap<>();

        MgreBinding(String tag, IpInterface iface, String profile, int src, boolean transport) {
            this.tag = tag;
            this.iface = iface;
            this.profile = profile;
            this.src = src;
            this.transport = transport;
        }

        Flow flowFor(int peer) {
            Flow f = peers.get(peer);
            if (f != null) return f;
            ProxyPair sel = new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(peer, -1, Ipv4.PROTO_GRE, 0));
            IpsecPolicy p = config == null ? null : CryptoConfigAdapter.profile(config.crypto, profile, tag, peer, sel);
            f = flow(tag, iface, sel, peer);
            f.policy = p;
            f.local = src;
            f.tunnelProtection = true;
            f.transport = transport;
            peers.put(peer, f);
            return f;
        }
    }

    static {
        // `show dmvpn`: IKE / IPSEC while a protected peer comes up (NHRP and UP are NHRP's own).
        dev.routerlab.nhrp.NhrpCommands.peerStates = r -> nbma -> r.crypto() == null ? null : r.crypto().dmvpnState(nbma);
    }

    public RouterCrypto(Router router) {
        this.router = router;
    }

    /** The `show dmvpn` state of a peer of a protected mGRE (or p2p GRE NHRP) tunnel: IKE, IPSEC, or null once its SAs are up. */
    public String dmvpnState(int nbma) {
        boolean protectedMgre = false;
        for (IpInterface i : router.ip().interfaces()) {
            if (i.crypto instanceof MgreBinding mb) {
                protectedMgre = true;
                Flow f = mb.peers.get(nbma);
                if (f != null && f.current != null && !f.current.out.hardExpired()) return null;
            } else if (i.crypto instanceof TunnelBinding tb && i.mgre() != null && !tb.flow.vti
                    && tb.flow.peer == nbma) {                  // a protected p2p GRE NHRP spoke: its NHS is the peer
                protectedMgre = true;
                Flow f = tb.flow;
                if (f.current != null && !f.current.out.hardExpired()) return null;
            }
        }
        if (!protectedMgre) return null;
        if (ike != null) {
            for (IsakmpSaInfo sa : ike.isakmpSas()) {
                if (sa.peerAddress() == nbma && !sa.deleted() && sa.state() == dev.routerlab.ike.IsakmpState.QM_IDLE) return "IPSEC";
            }
        }
        return "IKE";
    }

    public Router router() { return router; }

    /** The IKE engine, or null while no crypto is configured. */
    public IkeEngine ike() { return ike; }

    // ------------------------------------------------------------------ reconciliation

    /** Follows the model: the SPD per interface, the IKE configuration, the handlers. */
    public void reconcile(RunningConfig cfg) {
        this.config = cfg;
        IpEngine ip = router.ip();
        CryptoConfig c = cfg.crypto;
        for (Flow f : flows.values()) f.live = false;
        List<IpsecPolicy> tunnelPolicies = new ArrayList<>();
        boolean any = false;
        for (IpInterface i : ip.interfaces()) {
            InterfaceConfig ic = cfg.interfaces.get(i.name);
            Object binding = null;
            if (ic != null && ic.cryptoMap != null && i.kind == IpInterface.Kind.ETHERNET) {
                binding = mapBinding(cfg, i, ic.cryptoMap);
            } else if (ic != null && i.kind == IpInterface.Kind.TUNNEL && ic.tunnelProtectionProfile != null) {
                binding = tunnelBinding(cfg, i, ic, tunnelPolicies);
            }
            i.crypto = binding;
            any |= ic != null && (ic.cryptoMap != null || ic.tunnelProtectionProfile != null);
        }
        flows.values().removeIf(f -> {
            if (f.live || !f.pairs.isEmpty()) return false;
            return true;
        });
        boolean wanted = any || !c.isakmpKeys.isEmpty() || !c.keyrings.isEmpty();
        if (wanted) {
            IkeConfig ikc = CryptoConfigAdapter.toIkeConfig(c, n -> acl(cfg, n));
            List<IpsecPolicy> all = new ArrayList<>(ikc.ipsecPolicies());
            all.addAll(tunnelPolicies);
            ikc = ikc.withIpsecPolicies(all);
            if (ike == null) ike = new IkeEngine(ikc, router.scheduler(), router.random(), this);
            else ike.reconfigure(ikc);
        }
        if (wanted != active) {
            active = wanted;
            ip.setCryptoHook(wanted ? this : null);
            ip.register(Ipv4.PROTO_ESP, wanted ? this::espIn : null);
            ip.registerUdp(IKE_PORT, wanted ? this::ikeIn : null);
            ip.registerUdp(NAT_T_PORT, wanted ? this::natTIn : null);
        }
    }

    /** A reload: every SA and the IKE engine go. */
    public void reset() {
        if (ike != null) ike.shutdown();
        ike = null;
        flows.clear();
        bySpi.clear();
        pairs.clear();
        active = false;
        router.ip().setCryptoHook(null);
        router.ip().register(Ipv4.PROTO_ESP, null);
        router.ip().registerUdp(IKE_PORT, null);
        router.ip().registerUdp(NAT_T_PORT, null);
    }

    static AccessList acl(RunningConfig cfg, String name) {
        if (name == null) return null;
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            try {
                return cfg.numberedAcls.get(Integer.parseInt(name));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return cfg.namedAcls.get(name);
    }

    private MapBinding mapBinding(RunningConfig cfg, IpInterface i, String mapName) {
        var entries = cfg.crypto.maps.get(mapName);
        MapBinding b = new MapBinding(mapName);
        if (entries == null) return b;
        for (CryptoMapEntry e : entries.values()) {
            AccessList acl = acl(cfg, e.matchAddress);
            if (acl == null || e.peers.isEmpty()) continue;      // incomplete entry: inactive, as on IOS
            IpsecPolicy policy = CryptoConfigAdapter.mapEntry(cfg.crypto, e, n -> acl(cfg, n));
            if (policy == null) continue;
            Rule r = new Rule(e, acl);
            int peer = e.peers.get(0);
            for (int k = 0; k < acl.entries.size(); k++) {
                AccessList.Entry ae = acl.entries.get(k);
                if (!ae.permit() || ae.match() == null) continue;
                List<ProxyPair> pp = CryptoConfigAdapter.proxies(single(acl, ae));
                if (pp.isEmpty()) continue;
                ProxyPair proxies = pp.get(0);
                Flow f = flow(mapName, i, proxies, peer);
                f.policy = policy;
                f.local = i.address();
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

    private Object tunnelBinding(RunningConfig cfg, IpInterface t, InterfaceConfig ic, List<IpsecPolicy> out) {
        if (ic.tunnelMode == InterfaceConfig.TunnelMode.GRE_MULTIPOINT) return mgreBinding(cfg, t, ic, out);
        if (t.tunnel() == null || t.tunnel().destination() == null || t.tunnel().source() == 0) return null;
        int src = t.tunnel().source(), dst = t.tunnel().destination();
        boolean vti = ic.tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV4;
        ProxyPair sel = vti ? new ProxyPair(ProxyId.ANY, ProxyId.ANY)
                : new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(dst, -1, Ipv4.PROTO_GRE, 0));
        String tag = t.name + "-head-0";
        IpsecPolicy p = CryptoConfigAdapter.profile(cfg.crypto, ic.tunnelProtectionProfile, tag, dst, sel);
        if (p == null) return null;
        out.add(p);
        Flow f = flow(tag, t, sel, dst);
        f.policy = p;
        f.local = src;
        f.vti = vti;
        f.tunnelProtection = true;
        f.transport = !vti && p.transformSets().get(0).mode() == IpsecMode.TRANSPORT;
        return new TunnelBinding(f);
    }

    private MgreBinding mgreBinding(RunningConfig cfg, IpInterface t, InterfaceConfig ic, List<IpsecPolicy> out) {
        if (t.tunnel() == null || t.tunnel().source() == 0) return null;
        int src = t.tunnel().source();
        String tag = t.name + "-head-0";
        ProxyPair any = new ProxyPair(new ProxyId(src, -1, Ipv4.PROTO_GRE, 0), new ProxyId(0, 0, Ipv4.PROTO_GRE, 0));
        IpsecPolicy p = CryptoConfigAdapter.profile(cfg.crypto, ic.tunnelProtectionProfile, tag, 0, any);
        if (p == null) return null;
        // responder side: any peer (DMVPN spokes are not known in advance)
        out.add(new IpsecPolicy(tag, List.of(), p.selectors(), p.transformSets(), p.pfs(), p.lifetimeSeconds(),
                p.lifetimeKilobytes()));
        MgreBinding b = new MgreBinding(tag, t, ic.tunnelProtectionProfile, src,
                p.transformSets().get(0).mode() == IpsecMode.TRANSPORT);
        for (Flow f : new ArrayList<>(flows.values())) {          // peers' flows (and their SAs) survive reconciliation
            if (f.tunnelProtection && f.tag.equals(tag) && f.local == src && !f.pairs.isEmpty()) b.flowFor(f.peer);
        }
        return b;
    }

    private Flow flow(String tag, IpInterface i, ProxyPair proxies, int peer) {
        String key = tag + "|" + i.name + "|" + proxies + "|" + peer;
        Flow f = flows.computeIfAbsent(key, k -> new Flow(tag, i, proxies, peer));
        f.iface = i;
        f.live = true;
        return f;
    }

    // ------------------------------------------------------------------ outbound

    @Override
    public boolean outbound(IpInterface out, byte[] b, int off, int len) {
        if (!(out.crypto instanceof MapBinding mb)) return false;
        for (Rule r : mb.rules) {
            int k = AclMatch.first(r.acl, b, off, len, false);
            if (k < 0 || !r.acl.entries.get(k).permit()) continue;   // deny: not this entry's traffic
            Flow f = r.flows[k];
            if (f == null) continue;
            protect(f, b, off, len);
            return true;
        }
        return false;
    }

    @Override
    public boolean tunnelOut(IpInterface t, byte[] b, int off, int len) {
        if (t.crypto instanceof MgreBinding mb) {           // DMVPN: the flow of the GRE packet's NBMA destination
            protect(mb.flowFor(Ipv4.destination(b, off)), b, off, len);
            return true;
        }
        if (!(t.crypto instanceof TunnelBinding tb)) return false;
        protect(tb.flow, b, off, len);
        return true;
    }

    /** ESP-protects one packet of a flow and sends it, or starts negotiation and drops it. */
    private void protect(Flow f, byte[] b, int off, int len) {
        SaPair p = f.current;
        if (p == null || p.out.hardExpired()) {
            noSaDropped++;
            if (ike != null && f.policy != null) {
                int local = f.tunnelProtection ? f.local : f.iface.address();
                if (ike.acquire(local, f.peer, f.policy, f.proxies) && debugIpsec) {
                    debug("IPSEC(sa_request): , (key eng. msg.) OUTBOUND local= " + Ipv4Address.toString(local)
                            + ":0, remote= " + Ipv4Address.toString(f.peer) + ":0,\n    local_proxy= "
                            + proxyText(f.proxies.local()) + ",\n    remote_proxy= " + proxyText(f.proxies.remote()));
                }
            }
            return;
        }
        ChildSa c = p.child;
        boolean udp = c.udpEncapsulated();
        int hl = Ipv4.headerLength(b, off);
        byte[] esp = f.transport ? p.out.encrypt(b, off + hl, len - hl, Ipv4.protocol(b, off))
                : p.out.encrypt(b, off, len, 4);
        if (esp == null) return;
        int outerHl = f.transport ? hl : Ipv4.MIN_HEADER_LEN;
        int uh = udp ? Udp.HEADER_LEN : 0;
        int total = outerHl + uh + esp.length;
        int po = Ethernet.HEADER_LEN;
        byte[] q = new byte[po + total];
        System.arraycopy(esp, 0, q, po + outerHl + uh, esp.length);
        int src = f.tunnelProtection ? f.local : c.localAddress();
        int dst = c.peerAddress();
        int proto = udp ? Ipv4.PROTO_UDP : Ipv4.PROTO_ESP;
        if (f.transport) {
            System.arraycopy(b, off, q, po, hl);
            Bytes.put16(q, po + 2, total);
            q[po + 9] = (byte) proto;
            Ipv4.updateChecksum(q, po);
        } else {
            int df = Ipv4.dontFragment(b, off) ? Ipv4.FLAG_DF : 0;   // crypto ipsec df-bit copy (IOS default)
            Ipv4.writeHeader(q, po, Ipv4.tos(b, off), total, router.ip().nextIpId(), df, 255, proto, src, dst);
        }
        if (udp) {
            int uo = po + outerHl;
            Bytes.put16(q, uo, c.localPort());
            Bytes.put16(q, uo + 2, c.peerPort());
            Bytes.put16(q, uo + 4, Udp.HEADER_LEN + esp.length);
            Bytes.put16(q, uo + 6, 0);                                    // RFC 3948 §2.1: checksum 0
        }
        if (!p.softReported && p.out.softExpired() && ike != null) {
            p.softReported = true;
            ike.childSaSoftExpired(c.id());
        }
        if (ike != null) ike.noteTraffic(c.peerAddress(), false);
        if (f.tunnelProtection) router.ip().sendTunnelOuter(f.iface, q, po, total);
        else router.ip().sendClear(q, po, total);
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public boolean inboundClear(IpInterface in, byte[] b, int off, int len) {
        if (decapDepth > 0 || !(in.crypto instanceof MapBinding mb)) return true;
        int proto = Ipv4.protocol(b, off);
        if (proto == Ipv4.PROTO_ESP) return true;
        if (proto == Ipv4.PROTO_UDP && len >= Ipv4.headerLength(b, off) + 4) {
            int dp = Bytes.u16(b, off + Ipv4.headerLength(b, off) + 2);
            if (dp == IKE_PORT || dp == NAT_T_PORT) return true;
        }
        for (Rule r : mb.rules) {
            int k = AclMatch.first(r.acl, b, off, len, true);
            if (k >= 0 && r.acl.entries.get(k).permit() && r.flows[k] != null) {
                clearDropped++;                 // IOS: %CRYPTO-4-RECVD_PKT_NOT_IPSEC
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean tunnelInClear(IpInterface t) {
        if (decapDepth > 0) return true;
        clearDropped++;
        return false;
    }

    /** IP protocol 50 to the router. */
    private boolean espIn(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        espDecap(in, b, off, hl, off + hl, len - hl);
        return true;
    }

    /** UDP 500: IKE. */
    private boolean ikeIn(IpInterface in, byte[] b, int off, int len) {
        if (ike == null) return false;
        int hl = Ipv4.headerLength(b, off);
        int uo = off + hl;
        int ulen = Math.min(Udp.length(b, uo), len - hl) - Udp.HEADER_LEN;
        if (ulen < 0) return true;
        byte[] payload = java.util.Arrays.copyOfRange(b, uo + Udp.HEADER_LEN, uo + Udp.HEADER_LEN + ulen);
        ike.receive(new Datagram(Ipv4.source(b, off), Udp.sourcePort(b, uo), Ipv4.destination(b, off),
                Udp.destinationPort(b, uo), payload));
        return true;
    }

    /** UDP 4500: IKE behind the non-ESP marker, NAT keepalives, or UDP-encapsulated ESP (RFC 3948). */
    private boolean natTIn(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        int uo = off + hl;
        int ulen = Math.min(Udp.length(b, uo), len - hl) - Udp.HEADER_LEN;
        int po = uo + Udp.HEADER_LEN;
        if (ulen < 0) return true;
        boolean ikeOrKeepalive = ulen == 1 && (b[po] & 0xff) == 0xff
                || ulen >= 4 && b[po] == 0 && b[po + 1] == 0 && b[po + 2] == 0 && b[po + 3] == 0;
        if (ikeOrKeepalive || ulen < 8) return ikeIn(in, b, off, len);
        espDecap(in, b, off, hl, po, ulen);
        return true;
    }

    /** Decrypts the ESP at {@code b[eo, eo+el)} of the IPv4 packet at off and re-injects the result. */
    private void espDecap(IpInterface in, byte[] b, int off, int hl, int eo, int el) {
        if (el < 8) {
            invalidSpi++;
            return;
        }
        int spi = Bytes.i32(b, eo);
        SaPair p = bySpi.get(spi);
        if (p == null) {
            invalidSpi++;                       // IOS: %CRYPTO-4-RECVD_PKT_INV_SPI
            return;
        }
        DecryptResult r = p.in.decrypt(b, eo, el);
        if (!(r instanceof DecryptResult.Ok ok)) return;       // counted on the SA
        Flow f = p.flow;
        if (ike != null) ike.noteTraffic(p.child.peerAddress(), true);
        byte[] pkt;
        int plen;
        IpInterface target = in;
        if (f.transport) {
            plen = hl + ok.length();
            pkt = new byte[Ethernet.HEADER_LEN + plen];
            System.arraycopy(b, off, pkt, Ethernet.HEADER_LEN, hl);
            System.arraycopy(ok.buffer(), 0, pkt, Ethernet.HEADER_LEN + hl, ok.length());
            Bytes.put16(pkt, Ethernet.HEADER_LEN + 2, plen);
            pkt[Ethernet.HEADER_LEN + 9] = (byte) ok.nextHeader();
            Ipv4.updateChecksum(pkt, Ethernet.HEADER_LEN);
            inject(target, pkt, Ethernet.HEADER_LEN, plen);
            return;
        }
        if (ok.nextHeader() != 4) {                             // 59 (dummy) or not IPv4: discard
            return;
        }
        pkt = ok.buffer();
        plen = ok.length();
        if (plen < Ipv4.MIN_HEADER_LEN || Ipv4.check(pkt, 0, plen) != dev.routerlab.packet.PacketError.OK) {
            policyDropped++;
            return;
        }
        // Inbound policy check (RFC 4301 §5.2): the inner packet must be what the SA carries.
        ChildSa c = p.child;
        if (!covers(c.remoteProxy(), pkt, Ipv4.source(pkt, 0)) || !covers(c.localProxy(), pkt, Ipv4.destination(pkt, 0))) {
            policyDropped++;
            return;
        }
        if (f.vti) target = f.iface;
        if (target == null) return;
        inject(target, pkt, 0, plen);
    }

    private static boolean covers(ProxyId id, byte[] pkt, int addr) {
        if (((id.network() ^ addr) & id.mask()) != 0) return false;
        return id.protocol() == 0 || id.protocol() == Ipv4.protocol(pkt, 0);
    }

    private void inject(IpInterface in, byte[] b, int off, int len) {
        decapDepth++;
        try {
            router.ip().inject(in, b, off, len);
        } finally {
            decapDepth--;
        }
    }

    // ------------------------------------------------------------------ IKE listener

    @Override
    public void send(Datagram d) {
        int src = d.source() != 0 ? d.source() : router.ip().sourceFor(d.destination());
        byte[] pl = d.payload();
        int po = IpEngine.HEADROOM;
        int total = Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN + pl.length;
        byte[] q = new byte[po + total];
        System.arraycopy(pl, 0, q, po + Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN, pl.length);
        Udp.writeHeader(q, po + Ipv4.MIN_HEADER_LEN, src, d.destination(), d.sourcePort(), d.destinationPort(), pl.length);
        Ipv4.writeHeader(q, po, 0xc0, total, router.ip().nextIpId(), 0, 255, Ipv4.PROTO_UDP, src, d.destination());
        router.ip().sendClear(q, po, total);
    }

    @Override
    public void childSaEstablished(ChildSa c) {
        Flow f = findFlow(c);
        int replay = config != null && config.crypto.replayWindow != null ? config.crypto.replayWindow : 64;
        SaPair p = new SaPair(c, c.inboundSa(replay), c.outboundSa(router.random()), f, nextConnId++, nextConnId++);
        bySpi.put(c.inboundSpi(), p);
        pairs.add(p);
        f.pairs.add(p);
        f.current = p;
        if (debugIpsec) {
            debug("IPSEC(create_sa): sa created,\n  (sa) sa_dest= " + Ipv4Address.toString(c.localAddress())
                    + ", sa_proto= 50,\n    sa_spi= " + spiText(c.inboundSpi()) + ",\n    sa_trans= "
                    + transformText(c) + " , sa_conn_id= " + p.connIn);
            debug("IPSEC(create_sa): sa created,\n  (sa) sa_dest= " + Ipv4Address.toString(c.peerAddress())
                    + ", sa_proto= 50,\n    sa_spi= " + spiText(c.outboundSpi()) + ",\n    sa_trans= "
                    + transformText(c) + " , sa_conn_id= " + p.connOut);
        }
    }

    /** The flow a new SA belongs to: by policy name and proxies; a new flow when none (responder of a dynamic offer). */
    private Flow findFlow(ChildSa c) {
        for (Flow f : flows.values()) {
            if (f.peer == c.peerAddress() && f.policy != null && f.policy.name().equals(c.policyName())
                    && f.proxies.local().covers(c.localProxy()) && f.proxies.remote().covers(c.remoteProxy())) {
                return f;
            }
        }
        for (Flow f : flows.values()) {
            if (f.peer == c.peerAddress() && f.proxies.local().covers(c.localProxy())
                    && f.proxies.remote().covers(c.remoteProxy())) {
                return f;
            }
        }
        for (IpInterface i : router.ip().interfaces()) {
            if (i.crypto instanceof MgreBinding mb && mb.tag.equals(c.policyName()) && mb.src == c.localAddress()) {
                return mb.flowFor(c.peerAddress());
            }
        }
        IpInterface out = null;
        var e = router.ip().fib().lookup(c.peerAddress());
        if (e != null) out = e.out;
        Flow f = flow(c.policyName(), out, new ProxyPair(c.localProxy(), c.remoteProxy()), c.peerAddress());
        f.local = c.localAddress();
        f.transport = c.mode() == IpsecMode.TRANSPORT;
        return f;
    }

    @Override
    public void childSaDeleted(ChildSa c, String reason) {
        SaPair p = bySpi.remove(c.inboundSpi());
        if (p == null) return;
        pairs.remove(p);
        Flow f = p.flow;
        f.pairs.remove(p);
        var o = p.out.counters();
        var i = p.in.counters();
        f.encaps += o.encaps();
        f.encrypt += o.encrypt();
        f.digest += o.digest();
        f.sendErrors += o.sendErrors();
        f.decaps += i.decaps();
        f.decrypt += i.decrypt();
        f.verify += i.verify();
        f.recvErrors += i.recvErrors();
        f.replayFailed += i.replayFailures();
        f.verifyFailed += i.authFailures();
        if (f.current == p) f.current = f.pairs.isEmpty() ? null : f.pairs.get(f.pairs.size() - 1);
        if (debugIpsec) {
            debug("IPSEC(delete_sa): deleting SA,\n  (sa) sa_dest= " + Ipv4Address.toString(c.localAddress())
                    + ", sa_proto= 50,\n    sa_spi= " + spiText(c.inboundSpi()) + ",\n    sa_trans= "
                    + transformText(c) + " , sa_conn_id= " + p.connIn);
        }
    }

    @Override
    public void isakmpSaEstablished(IsakmpSaInfo sa) {}

    @Override
    public void debug(String line) {
        if (!debugIsakmp) return;
        deliver(line);
    }

    private void deliver(String text) {
        router.log().print(text);
    }

    // ------------------------------------------------------------------ views for show/clear

    List<Flow> flows() { return new ArrayList<>(flows.values()); }

    /** A tunnel's profile instance as `show crypto map` lists it ({@code Tunnel0-head-0}). */
    public record TunnelInstance(String tag, String iface, int local, int peer, boolean vti) {}

    /** The live tunnel-protection bindings, in interface order. */
    public List<TunnelInstance> tunnelInstances() {
        List<TunnelInstance> out = new ArrayList<>();
        for (IpInterface i : router.ip().interfaces()) {
            if (i.crypto instanceof MgreBinding mb) {
                boolean any = false;
                for (Flow f : mb.peers.values()) {
                    if (f.pairs.isEmpty()) continue;
                    out.add(new TunnelInstance(mb.tag, i.name.toString(), mb.src, f.peer, false));
                    any = true;
                }
                if (!any) out.add(new TunnelInstance(mb.tag, i.name.toString(), mb.src, 0, false));
            }
            if (i.crypto instanceof TunnelBinding tb) {
                Flow f = tb.flow;
                out.add(new TunnelInstance(f.tag, i.name.toString(), f.local, f.peer, f.vti));
            }
        }
        return out;
    }

    List<SaPair> pairs() { return pairs; }

    long nowNanos() { return router.scheduler().nanos(); }

    RunningConfig config() { return config; }

    /** `clear crypto sa`. */
    public void clearSa() { if (ike != null) ike.clearChildSas(); }

    /** `clear crypto isakmp`. */
    public void clearIsakmp() { if (ike != null) ike.clearIsakmp(); }

    /** `clear crypto session`. */
    public void clearSession() {
        if (ike == null) return;
        ike.clearChildSas();
        ike.clearIsakmp();
    }

    /** The live SAs' keys in Wireshark's formats: {@code esp_sa} then {@code ikev1_decryption_table}. */
    public String wiresharkEspSa() {
        StringBuilder sb = new StringBuilder();
        for (SaPair p : pairs) sb.append(dev.routerlab.ike.WiresharkKeys.espSa(p.child));
        return sb.toString();
    }

    public String wiresharkIkev1() {
        return ike == null ? "" : dev.routerlab.ike.WiresharkKeys.ikev1DecryptionTable(ike);
    }

    static String spiText(int spi) {
        return String.format("0x%X(%d)", spi, spi & 0xffffffffL);
    }

    static String proxyText(ProxyId p) {
        return "(" + Ipv4Address.toString(p.network()) + "/" + Ipv4Address.toString(p.mask()) + "/" + p.protocol()
                + "/" + p.port() + ")";
    }

    /** The transform as `show crypto ipsec sa` names it: esp-aes, esp-256-aes, esp-gcm 256, ... */
    static String transformText(ChildSa c) {
        var t = c.transform();
        String enc = switch (t.encryption()) {
            case AES_192 -> "esp-192-aes";
            case AES_256 -> "esp-256-aes";
            default -> t.encryption().configWords();
        };
        return t.integrity() == dev.routerlab.ipsec.IntegrityAlgorithm.NONE ? enc : enc + " " + t.integrity().iosName();
    }
}
