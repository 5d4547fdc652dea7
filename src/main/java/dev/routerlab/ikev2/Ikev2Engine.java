package dev.routerlab.ikev2;

import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.IkeListener;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ike.SessionEnds;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.ikev2.Ikev2Header;
import dev.routerlab.packet.ikev2.Ikev2Payloads;
import dev.routerlab.packet.ikev2.NotifyPayload;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.sim.Scheduler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The IKEv2 control plane of one router (RFC 7296), pure of I/O as the IKEv1 engine is:
 * datagrams and timer events in, datagrams and Child SA events out through the same
 * {@link IkeListener}, so the ESP SAs it negotiates land in the router's one SA table.
 *
 * <p>Driven on the router's event loop: {@link #receive} for UDP 500/4500 datagrams of major
 * version 2; {@link #acquire} when a flow whose policy names an IKEv2 profile has no SA;
 * {@link #noteTraffic} for DPD; {@link #childSaSoftExpired}/{@link #childSaHardExpired} for
 * volume lifetimes; {@link #clearAll}/{@link #clearPeer} for {@code clear crypto ikev2 sa}.
 * Window size 1 (§2.3): one request outstanding per IKE SA, the rest queued. Not thread-safe.
 */
public final class Ikev2Engine implements KeyManager {
    final Scheduler scheduler;
    final RandomGenerator random;
    final IkeListener listener;
    Ikev2Config config;
    final Ikev2Counters counters = new Ikev2Counters();
    /** IKE SAs by our SPI (the initiator's SPI when we initiated, the responder's otherwise). */
    final Map<Long, Ikev2Sa> sas = new LinkedHashMap<>();
    final Map<Long, ChildRecord> children = new LinkedHashMap<>();
    /*
     * Indexes over sas and children, so that what one peer or one IKE SA does costs the same with
     * 10 SAs or 10,000 (a DMVPN hub): lists in the maps' iteration order, so a lookup through
     * them finds what a scan of the map would.
     */
    /** The IKE SAs in {@link #sas} by peer address, in the map's order. */
    private final Map<IpAddress, List<Ikev2Sa>> sasByPeer = new HashMap<>();
    /** How many IKE SAs in {@link #sas} are READY (the rest are half open, or being deleted). */
    private int readySas;
    /** The Child SAs in {@link #children} by peer address. */
    private final Map<IpAddress, List<ChildRecord>> childrenByPeer = new HashMap<>();
    /** The Child SAs in {@link #children} by the tunnel id of their IKE SA, in the map's order (by {@link ChildRecord#seq}). */
    private final Map<Integer, TreeMap<Long, ChildRecord>> childrenByIke = new HashMap<>();
    private long nextChildSeq;
    private final Set<Integer> spis = new HashSet<>();
    /** Drawn at the first cookie, so an engine that never sends one takes nothing from the random source (replays stay byte-identical). */
    private byte[] cookieSecret;
    /** IKE SAs being negotiated at most (a flood of IKE_SA_INIT must not exhaust memory). */
    static final int MAX_HALF_OPEN = 1024;
    private int nextTunnelId = 1;
    /** Child ids apart from the IKEv1 engine's (both feed the one SA table). */
    private long nextChildId = 1L << 40;

    /** An installed Child SA and what made it. */
    static final class ChildRecord {
        final ChildSa sa;
        final IpsecPolicy policy;
        final ProxyPair proxies;
        Ikev2Sa ike;
        boolean rekeying;
        /** Replaced by a rekey and being deleted: still decrypting what the peer sent on it until the Delete is answered. */
        boolean retiring;
        /** The Child SA the peer's REKEY_SA replaced with this one (0: none), and the lowest nonce of its exchange (§2.8.1). */
        final long replaces;
        final byte[] lowNonce;
        final List<Scheduler.Timer> timers = new ArrayList<>();
        /** Its place in {@link #children}'s order, given when installed. */
        long seq;

        ChildRecord(ChildSa sa, IpsecPolicy policy, ProxyPair proxies, Ikev2Sa ike, long replaces, byte[] lowNonce) {
            this.sa = sa;
            this.policy = policy;
            this.proxies = proxies;
            this.ike = ike;
            this.replaces = replaces;
            this.lowNonce = lowNonce;
        }
    }

    public Ikev2Engine(Ikev2Config config, Scheduler scheduler, RandomGenerator random, IkeListener listener) {
        this.config = Objects.requireNonNull(config);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.random = Objects.requireNonNull(random);
        this.listener = Objects.requireNonNull(listener);
    }

    public Ikev2Config config() { return config; }

    /** New configuration; established SAs stay until cleared or expired (as on IOS). */
    public void reconfigure(Ikev2Config c) { this.config = Objects.requireNonNull(c); }

    public Ikev2Counters counters() { return counters; }

    // ------------------------------------------------------------------ input

    /** A UDP datagram of IKE major version 2 to port 500 or 4500. Never throws on any content. */
    public void receive(Datagram d) {
        counters.datagramsIn++;
        byte[] p = d.payload();
        if (p == null) {
            counters.malformed++;
            return;
        }
        int off = 0;
        if (d.destinationPort() == UdpEncapsulation.PORT) {
            if (UdpEncapsulation.classify(p, 0, p.length) != UdpEncapsulation.Kind.IKE) {
                counters.malformed++;
                return;
            }
            off = UdpEncapsulation.NON_ESP_MARKER_LENGTH;
        }
        if (Ikev2Header.check(p, off, p.length - off) != PacketError.OK) {
            counters.malformed++;
            return;
        }
        byte[] m = Arrays.copyOfRange(p, off, off + (int) Ikev2Header.length(p, off));
        try {
            dispatch(d, m);
        } catch (RuntimeException e) {
            counters.malformed++;   // a bug must not stop the router: count and drop
            debug("IKEv2:Internal error on a message from " + d.from() + ": " + e);
        }
    }

    private void dispatch(Datagram d, byte[] m) {
        long spiI = Ikev2Header.spiI(m, 0), spiR = Ikev2Header.spiR(m, 0);
        boolean fromInitiator = Ikev2Header.fromInitiator(m, 0);
        Ikev2Sa sa;
        if (fromInitiator) {                         // the peer initiated this IKE SA: we are its responder
            if (spiR == 0) {
                if (Ikev2Header.exchangeType(m, 0) != Ikev2Header.IKE_SA_INIT || Ikev2Header.response(m, 0)
                        || Ikev2Header.messageId(m, 0) != 0 || spiI == 0) {
                    counters.unknownSa++;
                    return;
                }
                sa = halfOpenResponder(d.from(), spiI);
                if (sa == null) {
                    int halfOpen = halfOpen();
                    if (halfOpen >= MAX_HALF_OPEN) {
                        counters.halfOpenRefused++;
                        return;
                    }
                    if (config.cookieChallenge() > 0 && halfOpen >= config.cookieChallenge() && !cookieReturned(d, m)) {
                        challenge(d, m);
                        return;
                    }
                    sa = new Ikev2Sa(this, nextTunnelId++, false, spiI, newSpi(), d.to(), d.destinationPort(),
                            d.from(), d.sourcePort());
                    putSa(sa.spiR, sa);
                }
            } else {
                sa = sas.get(spiR);
                if (sa != null && (sa.initiator || sa.spiI != spiI)) sa = null;
            }
        } else {
            sa = sas.get(spiI);
            if (sa != null && (!sa.initiator || (sa.spiR != 0 && sa.spiR != spiR))) sa = null;
        }
        if (sa == null || !sa.peer.equals(d.from())) {
            counters.unknownSa++;
            return;
        }
        sa.receive(d, m);
    }

    // ------------------------------------------------------------------ cookies (§2.6)

    /**
     * {@code Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>)} (§2.6), SHA-256 over a
     * secret of this engine: checked without keeping any state for the initiator.
     */
    private byte[] cookie(byte[] ni, IpAddress ipi, long spiI) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ni);
            md.update(ipi.bytes());
            md.update(Ikev2Sa.spi8(spiI));
            if (cookieSecret == null) random.nextBytes(cookieSecret = new byte[32]);
            md.update(cookieSecret);
            byte[] h = md.digest(), c = new byte[4 + h.length];
            System.arraycopy(h, 0, c, 4, h.length);   // VersionIDofSecret 0: one secret per engine
            return c;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IKE_SA_INIT request whose first payload is N(COOKIE) with the cookie this engine would give it. */
    private boolean cookieReturned(Datagram d, byte[] m) {
        List<Ikev2Payloads.Raw> p = Ikev2Payloads.parse(m, Ikev2Header.LENGTH, m.length - Ikev2Header.LENGTH, Ikev2Header.nextPayload(m, 0));
        if (p == null || p.isEmpty() || p.get(0).type() != Ikev2Payloads.NOTIFY) return false;
        NotifyPayload n = NotifyPayload.decode(p.get(0).body());
        Ikev2Payloads.Raw ni = Ikev2Payloads.first(p, Ikev2Payloads.NONCE);
        return n != null && n.type() == NotifyPayload.COOKIE && ni != null
                && MessageDigest.isEqual(n.data(), cookie(ni.body(), d.from(), Ikev2Header.spiI(m, 0)));
    }

    /** Answers an IKE_SA_INIT request with HDR, N(COOKIE) and keeps nothing of it (§2.6). */
    private void challenge(Datagram d, byte[] m) {
        List<Ikev2Payloads.Raw> p = Ikev2Payloads.parse(m, Ikev2Header.LENGTH, m.length - Ikev2Header.LENGTH, Ikev2Header.nextPayload(m, 0));
        Ikev2Payloads.Raw ni = p == null ? null : Ikev2Payloads.first(p, Ikev2Payloads.NONCE);
        if (ni == null) {
            counters.malformed++;
            return;
        }
        byte[] chain = Ikev2Payloads.chain(List.of(new Ikev2Payloads.Raw(Ikev2Payloads.NOTIFY, false,
                NotifyPayload.of(NotifyPayload.COOKIE, cookie(ni.body(), d.from(), Ikev2Header.spiI(m, 0))).body())));
        byte[] r = new byte[Ikev2Header.LENGTH + chain.length];
        Ikev2Header.write(r, 0, Ikev2Header.spiI(m, 0), 0, Ikev2Payloads.NOTIFY, Ikev2Header.IKE_SA_INIT, Ikev2Header.FLAG_RESPONSE,
                0, r.length);
        System.arraycopy(chain, 0, r, Ikev2Header.LENGTH, chain.length);
        counters.cookiesSent++;
        debug("IKEv2:Sending a COOKIE to " + d.from() + ": " + halfOpen() + " SAs half open");
        transmit(new Datagram(d.to(), d.destinationPort(), d.from(), d.sourcePort(), r));
    }

    private Ikev2Sa halfOpenResponder(IpAddress peer, long spiI) {
        for (Ikev2Sa s : sasOf(peer)) if (!s.initiator && s.spiI == spiI) return s;
        return null;
    }

    // ------------------------------------------------------------------ triggers

    /**
     * Negotiates a Child SA for {@code proxies} with {@code peer} under {@code policy} (whose
     * {@code ikev2Profile} names the profile): over the IKE SA with the peer when one is up
     * (CREATE_CHILD_SA), else in a new IKE SA's IKE_AUTH.
     *
     * @return false when such a Child SA is already up or being negotiated
     */
    @Override
    public boolean acquire(int local, int peer, IpsecPolicy policy, ProxyPair proxies) {
        return acquire(IpAddress.of(local), IpAddress.of(peer), policy, proxies);
    }

    /** As the int form, over IPv4 or IPv6 (RFC 7296 runs over either). */
    @Override
    public boolean acquire(IpAddress local, IpAddress peer, IpsecPolicy policy, ProxyPair proxies) {
        return acquire(local, peer, ANY_PORT, policy, proxies);
    }

    /** For one host behind PAT (natPort, RFC 3947 §5): another host's Child SA with the same selectors does not cover it; its own IKE SA carries it. */
    @Override
    public boolean acquire(IpAddress local, IpAddress peer, int natPort, IpsecPolicy policy, ProxyPair proxies) {
        for (ChildRecord r : childrenByPeer.getOrDefault(peer, List.of())) {
            if (r.proxies.equals(proxies) && KeyManager.portMatches(natPort, r.sa.natPeerPort())) return false;
        }
        for (Ikev2Sa s : sasOf(peer)) if (s.wants(proxies) && KeyManager.portMatches(natPort, s.peerPort)) return false;
        Ikev2Sa up = ready(peer, natPort);
        // the peer is initiating an IKE SA with us (DMVPN spokes resolving each other at once): its
        // IKE_AUTH brings the Child SA, or the IKE SA for a CREATE_CHILD_SA; a second IKE SA would duplicate it
        if (up == null) for (Ikev2Sa s : sasOf(peer)) if (s.respondingHalfOpen()) return false;
        ChildRequest req = new ChildRequest(policy, proxies, 0);
        if (up != null) {
            up.createChild(req);
            return true;
        }
        for (Ikev2Sa s : sasOf(peer)) {
            if (s.initiator && !s.closed() && KeyManager.portMatches(natPort, s.peerPort)) {
                s.queueChild(req);
                return true;
            }
        }
        Ikev2Config.Profile profile = policy.ikev2Profile() == null ? null : config.profiles().get(policy.ikev2Profile());
        if (profile == null) {
            debug("IKEv2:No IKEv2 profile " + policy.ikev2Profile() + " for " + peer);
            listener.negotiationFailed(peer, "no IKEv2 profile");
            return false;
        }
        // one host behind PAT: straight to its NAT-T port from 4500 (§2.23 allows it from the start),
        // since the PAT maps the address's port 500 to another host (RFC 3947 §5)
        boolean natT = natPort != KeyManager.ANY_PORT;
        Ikev2Sa sa = new Ikev2Sa(this, nextTunnelId++, true, newSpi(), 0, local,
                natT ? UdpEncapsulation.PORT : UdpEncapsulation.IKE_PORT, peer, natT ? natPort : UdpEncapsulation.IKE_PORT);
        sa.profile = profile;
        putSa(sa.spiI, sa);
        counters.saInitiated++;
        sa.queueChild(req);
        sa.start();
        return true;
    }

    /**
     * Protected traffic on a Child SA: inbound proves its peer alive; outbound may start an
     * on-demand DPD (§2.4). Behind PAT the peer is the IKE SA of the same address and port (RFC 3947 §5).
     */
    @Override
    public void noteTraffic(ChildSa child, boolean inbound) {
        Ikev2Sa sa = ready(child.peer(), child.natPeerPort());
        if (sa != null) sa.traffic(inbound);
    }

    @Override
    public void childSaSoftExpired(long id) {
        ChildRecord r = children.get(id);
        if (r != null) rekey(r);
    }

    public void childSaHardExpired(long id) {
        ChildRecord r = children.get(id);
        if (r != null) deleteChild(r, "lifetime (volume) expired", true);
    }

    /** {@code clear crypto ikev2 sa}: every IKE SA and its Child SAs, the peers told. */
    public void clearAll() {
        for (Ikev2Sa sa : new ArrayList<>(sas.values())) sa.delete("cleared", true);
    }

    /** {@code clear crypto ikev2 sa remote A} / {@code clear crypto session remote A}. */
    public void clearPeer(int peer) { clearPeer(IpAddress.of(peer)); }

    public void clearPeer(IpAddress peer) {
        for (Ikev2Sa sa : new ArrayList<>(sasOf(peer))) sa.delete("cleared", true);
    }

    /** {@code clear crypto session [local A [port N]] [remote A [port N]]}: the IKE SAs between those ends and their Child SAs. */
    public void clearSessions(SessionEnds ends) {
        for (Ikev2Sa sa : new ArrayList<>(sas.values())) {
            if (ends.matches(sa.local, sa.localPort, sa.peer, sa.peerPort)) sa.delete("cleared", true);
        }
    }

    @Override
    public void deletePeer(int peer) { clearPeer(peer); }

    @Override
    public void deletePeer(IpAddress peer) { clearPeer(peer); }

    @Override
    public void deleteChildSa(long id) {
        ChildRecord r = children.get(id);
        if (r != null) deleteChild(r, "cleared", true);
    }

    /** {@code clear crypto sa}: Child SAs only. */
    public void clearChildSas() {
        for (ChildRecord r : new ArrayList<>(children.values())) deleteChild(r, "cleared", true);
    }

    /** Cancels every timer (reload); sends nothing. */
    public void shutdown() {
        for (ChildRecord r : children.values()) r.timers.forEach(Scheduler.Timer::cancel);
        children.clear();
        childrenByPeer.clear();
        childrenByIke.clear();
        for (Ikev2Sa sa : new ArrayList<>(sas.values())) sa.delete("shutdown", false);
        sas.clear();
        sasByPeer.clear();
        readySas = 0;
    }

    // ------------------------------------------------------------------ views

    public List<Ikev2SaInfo> sas() {
        List<Ikev2SaInfo> out = new ArrayList<>();
        for (Ikev2Sa sa : sas.values()) out.add(sa.info());
        return out;
    }

    public List<ChildSa> childSas() {
        List<ChildSa> out = new ArrayList<>();
        for (ChildRecord r : children.values()) out.add(r.sa);
        return out;
    }

    /** The Child SAs under one IKE SA (by tunnel id). */
    public List<ChildSa> childSas(int tunnelId) {
        List<ChildSa> out = new ArrayList<>();
        TreeMap<Long, ChildRecord> of = childrenByIke.get(tunnelId);
        if (of != null) for (ChildRecord r : of.values()) out.add(r.sa);
        return out;
    }

    // ------------------------------------------------------------------ from SAs

    void transmit(Datagram d) {
        counters.datagramsOut++;
        listener.send(d);
    }

    Ikev2Sa ready(IpAddress peer) { return ready(peer, ANY_PORT); }

    /** The newest usable IKE SA with a peer at a port (behind PAT, one of several hosts), or null. */
    Ikev2Sa ready(IpAddress peer, int port) {
        Ikev2Sa best = null;
        for (Ikev2Sa s : sasOf(peer)) {
            if (s.usable() && KeyManager.portMatches(port, s.peerPort)
                    && (best == null || s.establishedNanos >= best.establishedNanos)) {
                best = s;
            }
        }
        return best;
    }

    void installed(ChildRecord r) {
        r.seq = nextChildSeq++;
        children.put(r.sa.id(), r);
        childrenByPeer.computeIfAbsent(r.sa.peer(), k -> new ArrayList<>()).add(r);
        if (r.ike != null) childrenByIke.computeIfAbsent(r.ike.tunnelId, k -> new TreeMap<>()).put(r.seq, r);
        counters.childEstablished++;
        long life = r.sa.lifetimeSeconds() * 1_000_000_000L;
        r.timers.add(scheduler.schedule(softLifetime(life, r.sa.initiator()), () -> rekey(r)));
        r.timers.add(scheduler.schedule(life, () -> deleteChild(r, "lifetime expired", true)));
        // the responder of a rekey sends on the old SA until the peer, which installs the new one on reading
        // our answer, deletes it (§2.8)
        if (r.replaces != 0) listener.childSaEstablishedInbound(r.sa);
        else listener.childSaEstablished(r.sa);
    }

    /**
     * When an SA of this lifetime is renewed: the side that made it first (90%), the other later
     * (95%) so that one always does, less up to 2% of jitter against both starting at once (§2.8).
     */
    long softLifetime(long lifeNanos, boolean initiator) {
        double f = (initiator ? 0.9 : 0.95) - random.nextInt(1000) * 0.00002;
        return (long) (lifeNanos * f);
    }

    /** A rekey made this IKE SA (§1.3.2). */
    void ikeSaRekeyed(Ikev2Sa sa) {
        putSa(key(sa), sa);
    }

    /** §1.4: Child SAs are handled under the IKE SA that made them or its successor. */
    void moveChildren(Ikev2Sa from, Ikev2Sa to) {
        if (from == to || from == null) return;
        TreeMap<Long, ChildRecord> moving = childrenByIke.remove(from.tunnelId);
        if (moving == null) return;
        for (ChildRecord r : moving.values()) r.ike = to;
        if (to != null) childrenByIke.computeIfAbsent(to.tunnelId, k -> new TreeMap<>()).putAll(moving);
    }

    /**
     * A rekey replaced this Child SA (§2.8): the new one carries the outbound traffic already; the
     * old is deleted with an INFORMATIONAL Delete and leaves the SA table a moment after the peer
     * answers, so what the peer sent on it meanwhile is still decrypted.
     */
    void retire(ChildRecord r) {
        if (r.retiring || !children.containsKey(r.sa.id())) return;
        r.retiring = true;
        r.timers.forEach(Scheduler.Timer::cancel);
        r.timers.add(scheduler.schedule(Ikev2Sa.RETIRE_NANOS, () -> deleteChild(r, "rekeyed", false)));
        if (r.ike != null && r.ike.ready()) {
            counters.deletesOut++;
            // what the peer sent on it just before reading the Delete may still be on its way: a moment more
            r.ike.sendDeleteChild(r.sa.inboundSpi(),
                    () -> r.timers.add(scheduler.schedule(Ikev2Sa.LINGER_NANOS, () -> deleteChild(r, "rekeyed", false))));
        }
    }

    /** The Child SA made by the peer's rekey of {@code old} (§2.8.1), or null. */
    ChildRecord replacementOf(long old) {
        for (ChildRecord r : children.values()) if (r.replaces == old) return r;
        return null;
    }

    void rekey(ChildRecord r) {
        if (r.rekeying || r.retiring || !children.containsKey(r.sa.id()) || r.ike == null || !r.ike.ready()) return;
        r.rekeying = true;
        counters.childRekeys++;
        r.ike.createChild(new ChildRequest(r.policy, r.proxies, r.sa.id()));
    }

    void deleteChild(ChildRecord r, String reason, boolean notify) {
        if (children.remove(r.sa.id()) == null) return;
        unindex(r);
        r.timers.forEach(Scheduler.Timer::cancel);
        spis.remove(r.sa.inboundSpi());
        if (notify && r.ike != null && r.ike.ready()) {
            counters.deletesOut++;
            r.ike.sendDeleteChild(r.sa.inboundSpi(), () -> {});
        }
        if (debugging()) debug(String.format("IKEv2:Deleting child SA in 0x%08X out 0x%08X with %s: %s", r.sa.inboundSpi(),
                r.sa.outboundSpi(), r.sa.peer(), reason));
        listener.childSaDeleted(r.sa, reason);
    }

    /** The IKE SA is gone: its Child SAs go with it (§1.4.1). */
    void ikeSaGone(Ikev2Sa sa, String reason) {
        Ikev2Sa heir = sa.successor;
        while (heir != null && heir.closed()) heir = heir.successor;
        if (heir != null) moveChildren(sa, heir);                    // rekeyed: the Child SAs live on (§2.8)
        else for (ChildRecord r : childrenOf(sa)) if (r.ike == sa) deleteChild(r, reason, false);
        if (sas.remove(key(sa), sa)) unindex(sa);
    }

    /** The peer deleted these of its inbound SPIs (our outbound); answers our inbound SPIs of the same Child SAs. */
    List<Integer> peerDeleted(Ikev2Sa sa, List<Integer> outbound) {
        List<Integer> ours = new ArrayList<>();
        for (int spi : outbound) {
            for (ChildRecord r : childrenOf(sa)) {
                if (r.ike == sa && r.sa.outboundSpi() == spi) {
                    ours.add(r.sa.inboundSpi());
                    deleteChild(r, "deleted by peer", false);
                }
            }
        }
        return ours;
    }

    /** INITIAL_CONTACT (§2.4): everything older with this peer, its address and port (RFC 3947 §5 behind PAT), is stale. */
    void initialContact(Ikev2Sa fresh) {
        for (Ikev2Sa sa : new ArrayList<>(sasOf(fresh.peer))) {
            if (sa != fresh && sa.ready() && sa.peerPort == fresh.peerPort) sa.delete("initial contact", false);
        }
    }

    /** True when we hold nothing with the peer, its address and port (RFC 3947 §5 behind PAT): then IKE_AUTH carries INITIAL_CONTACT (§2.4). */
    boolean firstContact(Ikev2Sa sa) {
        for (Ikev2Sa o : sasOf(sa.peer)) if (o != sa && o.ready() && o.peerPort == sa.peerPort) return false;
        return true;
    }

    ChildRecord childByOutbound(Ikev2Sa sa, int spi) {
        TreeMap<Long, ChildRecord> of = childrenByIke.get(sa.tunnelId);
        if (of != null) for (ChildRecord r : of.values()) if (r.ike == sa && (r.sa.outboundSpi() == spi)) return r;
        return null;
    }

    ChildRecord child(long id) { return children.get(id); }

    int allocateSpi() {
        while (true) {
            int spi = random.nextInt();
            if (Integer.compareUnsigned(spi, 256) >= 0 && spis.add(spi)) return spi;  // RFC 4303 §2.1
        }
    }

    void releaseSpi(int spi) { spis.remove(spi); }

    long nextChildId() { return nextChildId++; }

    int nextTunnelId() { return nextTunnelId++; }

    long newSpi() {
        long s;
        do {
            s = random.nextLong();
        } while (s == 0 || sas.containsKey(s));
        return s;
    }

    private int halfOpen() {
        return sas.size() - readySas;
    }

    // ------------------------------------------------------------------ indexes

    /** An IKE SA's key in {@link #sas}: our SPI. */
    private static long key(Ikev2Sa sa) { return sa.initiator ? sa.spiI : sa.spiR; }

    /** The IKE SAs with this peer, in {@link #sas}'s order (a live view: copy before deleting). */
    private List<Ikev2Sa> sasOf(IpAddress peer) { return sasByPeer.getOrDefault(peer, List.of()); }

    private void putSa(long key, Ikev2Sa sa) {
        Ikev2Sa old = sas.put(key, sa);
        if (old == sa) return;
        if (old != null) unindex(old);
        sasByPeer.computeIfAbsent(sa.peer, k -> new ArrayList<>()).add(sa);
        if (sa.ready()) readySas++;
    }

    private void unindex(Ikev2Sa sa) {
        List<Ikev2Sa> l = sasByPeer.get(sa.peer);
        if (l != null && l.remove(sa) && l.isEmpty()) sasByPeer.remove(sa.peer);
        if (sa.ready()) readySas--;
    }

    /** The SA went in or out of READY: the count of half-open SAs follows when it is in {@link #sas}. */
    void readinessChanged(Ikev2Sa sa, boolean ready) {
        if (sas.get(key(sa)) == sa) readySas += ready ? 1 : -1;
    }

    /** A copy of the Child SAs under this IKE SA, in {@link #children}'s order. */
    private List<ChildRecord> childrenOf(Ikev2Sa sa) {
        TreeMap<Long, ChildRecord> of = childrenByIke.get(sa.tunnelId);
        return of == null ? List.of() : new ArrayList<>(of.values());
    }

    private void unindex(ChildRecord r) {
        List<ChildRecord> l = childrenByPeer.get(r.sa.peer());
        if (l != null && l.remove(r) && l.isEmpty()) childrenByPeer.remove(r.sa.peer());
        if (r.ike != null) {
            TreeMap<Long, ChildRecord> of = childrenByIke.get(r.ike.tunnelId);
            if (of != null && of.remove(r.seq, r) && of.isEmpty()) childrenByIke.remove(r.ike.tunnelId);
        }
    }

    void log(int severity, String mnemonic, String text) { listener.log(severity, mnemonic, text); }

    void log(String facility, int severity, String mnemonic, String text) { listener.log(facility, severity, mnemonic, text); }

    void debug(String line) { listener.debug(line); }

    boolean debugging() { return listener.ikev2Debugging(); }
}
