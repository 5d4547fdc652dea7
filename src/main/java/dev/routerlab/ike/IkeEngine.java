package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.isakmp.DeletePayload;
import dev.routerlab.packet.isakmp.ExchangeType;
import dev.routerlab.packet.isakmp.IpsecDoi;
import dev.routerlab.packet.isakmp.IsakmpHeader;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.routing.IntMap;
import dev.routerlab.sim.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The IKEv1 control plane of one router, pure of I/O: datagrams and timer events in,
 * datagrams and SA events out (through {@link IkeListener}).
 *
 * <p>How a router drives it, all on the router's event loop:
 * <ul>
 *   <li>UDP 500 and 4500 datagrams addressed to the router go to {@link #receive} (on 4500 only
 *       those {@link UdpEncapsulation#classify} calls IKE or KEEPALIVE; ESP goes to the dataplane);</li>
 *   <li>the first packet matching a crypto ACL line calls {@link #acquire} (the packet itself is
 *       dropped, as on IOS); protected traffic is reported with {@link #noteTraffic} for
 *       on-demand DPD;</li>
 *   <li>volume lifetimes: {@link #childSaSoftExpired}/{@link #childSaHardExpired} when the ESP
 *       SA says so; time lifetimes run inside the engine;</li>
 *   <li>{@code clear crypto ...}: {@link #clearIsakmp}, {@link #clearChildSas}, {@link #clearPeer};</li>
 *   <li>configuration changes: {@link #reconfigure}; shows: {@link #isakmpSas}, {@link #childSas},
 *       {@link #counters}.</li>
 * </ul>
 * Time comes from the {@link Scheduler}; cookies, nonces, SPIs and DH secrets from the injected
 * {@link RandomGenerator} (SecureRandom when live). Not thread-safe.
 */
public final class IkeEngine implements KeyManager {
    final Scheduler scheduler;
    final RandomGenerator random;
    private final IkeListener listener;
    private IkeConfig config;
    final IkeCounters counters = new IkeCounters();

    private final Map<Long, IsakmpSa> sas = new LinkedHashMap<>(); // by initiator cookie
    private final Map<Long, ChildRecord> children = new LinkedHashMap<>();
    /** The ISAKMP SAs in {@link #sas} by peer, in the map's order: a peer's lookups cost the same with 10 peers or 10,000. */
    private final Map<Integer, List<IsakmpSa>> sasByPeer = new HashMap<>();
    /** The phase-2 SAs in {@link #children} by peer, in the map's order. */
    private final Map<Integer, List<ChildRecord>> childrenByPeer = new HashMap<>();
    private final Set<Integer> spis = new HashSet<>();
    /**
     * peer -> its port -> {last inbound nanos}: behind PAT one address is several peers (RFC 3947 §5).
     * Keyed by the ints themselves: {@link #touch} runs per ESP packet and must not box.
     */
    private final IntMap<IntMap<long[]>> heard = new IntMap<>();
    private final List<Pending> pending = new ArrayList<>();
    /** Phase-1 negotiations in progress at most (a flood of MM1s must not exhaust memory). */
    static final int MAX_HALF_OPEN = 1024;
    private int nextConnId = 1001;
    private long nextChildId = 1;

    /** A phase-2 negotiation waiting for its phase 1: with a peer's port for a rekey behind NAT, else {@link #ANY_PORT}. */
    private record Pending(int local, int peer, int port, IpsecPolicy policy, ProxyPair proxies, long rekeyOf) {
        /** Whether this phase 1 may carry it: one with the host it is for (RFC 3947 §5), which is where we start ours. */
        boolean runsOn(IsakmpSa sa) {
            return peer == sa.peerAddr && KeyManager.portMatches(port, sa.peerPort);
        }
    }

    private static final class ChildRecord {
        final ChildSa sa;
        final IpsecPolicy policy;
        final ProxyPair proxies;
        boolean replaced;
        boolean rekeying;
        final List<Scheduler.Timer> timers = new ArrayList<>();

        ChildRecord(ChildSa sa, IpsecPolicy policy, ProxyPair proxies) {
            this.sa = sa;
            this.policy = policy;
            this.proxies = proxies;
        }
    }

    public IkeEngine(IkeConfig config, Scheduler scheduler, RandomGenerator random, IkeListener listener) {
        this.config = Objects.requireNonNull(config);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.random = Objects.requireNonNull(random);
        this.listener = Objects.requireNonNull(listener);
    }

    public IkeConfig config() { return config; }

    /** New configuration; established SAs stay (as on IOS, until cleared or expired). */
    public void reconfigure(IkeConfig c) {
        this.config = Objects.requireNonNull(c);
    }

    public IkeCounters counters() { return counters; }

    // ------------------------------------------------------------------ input

    /** A UDP datagram to port 500 or 4500 of this router. Never throws on any content. */
    public void receive(Datagram d) {
        counters.datagramsIn++;
        byte[] p = d.payload();
        int off = 0;
        if (p == null) {
            counters.malformed++;
            return;
        }
        if (d.destinationPort() == UdpEncapsulation.PORT) {
            switch (UdpEncapsulation.classify(p, 0, p.length)) {
                case KEEPALIVE -> {
                    counters.natKeepalivesIn++;
                    return;
                }
                case ESP -> {
                    counters.espOnIkePort++;
                    return;
                }
                case INVALID -> {
                    counters.malformed++;
                    return;
                }
                case IKE -> off = UdpEncapsulation.NON_ESP_MARKER_LENGTH;
            }
        }
        if (IsakmpHeader.check(p, off, p.length - off) != PacketError.OK) {
            counters.malformed++;
            return;
        }
        byte[] m = Arrays.copyOfRange(p, off, off + (int) IsakmpHeader.length(p, off));
        try {
            dispatch(d, m);
        } catch (RuntimeException e) {
            // A bug must not stop the router: count and drop, as for malformed input.
            counters.malformed++;
            debugLine("ISAKMP: internal error on a message from " + Ipv4Address.toString(d.source()) + ": " + e);
        }
    }

    private void dispatch(Datagram d, byte[] m) {
        long ci = IsakmpHeader.initiatorCookie(m, 0);
        long cr = IsakmpHeader.responderCookie(m, 0);
        int exch = IsakmpHeader.exchangeType(m, 0);
        IsakmpSa sa = sas.get(ci);
        if (sa == null) {
            boolean first = cr == 0 && IsakmpHeader.messageId(m, 0) == 0 && !IsakmpHeader.encrypted(m, 0)
                    && (exch == ExchangeType.IDENTITY_PROTECTION || exch == ExchangeType.AGGRESSIVE) && ci != 0;
            if (!first) {
                counters.unknownSa++;
                return;
            }
            if (halfOpen() >= MAX_HALF_OPEN) {
                counters.unexpected++; // a flood of first messages: IOS call admission would refuse too
                return;
            }
            sa = new IsakmpSa(this, nextConnId++, false, exch == ExchangeType.AGGRESSIVE, ci, randomCookie(),
                    d.destination(), d.destinationPort(), d.source(), d.sourcePort());
            putSa(ci, sa);
        } else if (sa.peerAddr != d.source()
                || (cr != sa.cr && !(cr == 0 && !sa.initiator) && !(sa.initiator && sa.cr == 0))) {
            counters.unknownSa++;
            return;
        }
        sa.receive(d, m);
    }

    // ------------------------------------------------------------------ triggers from the router

    /**
     * Negotiates an SA pair for {@code proxies} with {@code peer} under {@code policy} (IOS: the
     * first packet matching a crypto ACL line). Starts phase 1 first when needed.
     *
     * @return false when an SA pair for these proxies is already up or being negotiated
     */
    @Override
    public boolean acquire(int localAddress, int peer, IpsecPolicy policy, ProxyPair proxies) {
        return acquire(localAddress, peer, ANY_PORT, policy, proxies);
    }

    @Override
    public boolean acquire(IpAddress local, IpAddress peer, int natPort, IpsecPolicy policy, ProxyPair proxies) {
        return !peer.isV6() && acquire(local.v4(), peer.v4(), natPort, policy, proxies);
    }

    /** For one host behind PAT (natPort, RFC 3947 §5), over its own ISAKMP SA: another host's pair with the same proxies does not cover it. */
    private boolean acquire(int localAddress, int peer, int natPort, IpsecPolicy policy, ProxyPair proxies) {
        for (ChildRecord r : childrenOf(peer)) {
            if (r.proxies.equals(proxies) && !r.replaced && samePeer(r.sa.natPeerPort(), natPort)) return false;
        }
        if (negotiating(peer, natPort, proxies)) return false;
        startPhase2(localAddress, peer, natPort, policy, proxies, 0);
        return true;
    }

    /** Whether two ports of one address are one peer: equal, or one of them unknown (no NAT-T). */
    private static boolean samePeer(int port, int other) { return other == ANY_PORT || KeyManager.portMatches(port, other); }

    private boolean negotiating(int peer, int natPort, ProxyPair proxies) {
        for (Pending p : pending) if (p.peer == peer && p.proxies.equals(proxies) && samePeer(p.port, natPort)) return true;
        for (IsakmpSa sa : sasOf(peer)) {
            if (sa.deleted || !samePeer(sa.peerPort, natPort)) continue;
            for (QuickModeExchange x : sa.quick.values()) {
                if (x.initiator && x.inProgress() && proxies.equals(x.proxies)) return true;
            }
        }
        return false;
    }

    private void startPhase2(int local, int peer, int port, IpsecPolicy policy, ProxyPair proxies, long rekeyOf) {
        IsakmpSa p1 = phase1For(peer, port);
        if (p1 != null) {
            QuickModeExchange.initiate(p1, policy, proxies, rekeyOf);
            return;
        }
        pending.add(new Pending(local, peer, port, policy, proxies, rekeyOf));
        if (!phase1InProgress(peer, port)) connect(local, peer, port);
    }

    /**
     * Starts phase 1 with a peer (Main Mode, or Aggressive Mode for peers so configured), offering
     * the policies this router can authenticate with: pre-shared key ones when it has a key for the
     * peer, rsa-sig ones (Main Mode only) when a trustpoint holds its certificate.
     *
     * @return false when it can offer none (IOS: "No pre-shared key")
     */
    public boolean connect(int localAddress, int peer) { return connect(localAddress, peer, ANY_PORT); }

    /**
     * As {@link #connect(int, int)}, towards one host behind PAT when natPort is known (its SAs'
     * port, or NHRP's): straight to that port from 4500, with the non-ESP marker (RFC 3948 §2.2),
     * since the PAT maps the address's port 500 to whichever host used it first (RFC 3947 §5).
     */
    private boolean connect(int localAddress, int peer, int natPort) {
        PresharedKey k = config.keyFor(peer);
        boolean aggressive = config.aggressivePeers().contains(peer);
        boolean sign = !aggressive && Ikev1Certs.canSign(config.certs(), peer);
        List<IsakmpPolicy> offer = config.effectivePolicies().stream()
                .filter(p -> p.authentication() == AuthMethod.PRE_SHARE ? k != null : sign).toList();
        if (offer.isEmpty()) {
            debugLine("ISAKMP: No pre-shared key with " + Ipv4Address.toString(peer) + "!");
            negotiationFailed(peer, "no pre-shared key");
            pending.removeIf(p -> p.peer == peer);
            return false;
        }
        boolean natT = natPort != ANY_PORT;
        IsakmpSa sa = new IsakmpSa(this, nextConnId++, true, aggressive, randomCookie(), 0, localAddress,
                natT ? UdpEncapsulation.PORT : UdpEncapsulation.IKE_PORT, peer, natT ? natPort : UdpEncapsulation.IKE_PORT);
        putSa(sa.ci, sa);
        byte[] key = k == null ? null : k.key();
        if (aggressive) sa.startAggressive(offer, key);
        else sa.startMain(offer, key);
        return true;
    }

    /**
     * Protected traffic on a child SA: inbound proves its peer alive; outbound may trigger on-demand
     * DPD over the ISAKMP SA of the same address and port (behind PAT, RFC 3947 §5).
     */
    @Override
    public void noteTraffic(ChildSa child, boolean inbound) {
        if (child.peer().isV6()) return;
        int peer = child.peerAddress(), port = child.peerPort();
        if (inbound) {
            touch(peer, port);
            return;
        }
        DpdSettings dpd = config.dpd();
        if (dpd == null || dpd.periodic()) return;
        IsakmpSa sa = phase1For(peer, child.natPeerPort());
        if (sa != null) sa.onOutboundTraffic(dpd);
    }

    /** The dataplane reports a volume soft limit: renegotiate now. */
    @Override
    public void childSaSoftExpired(long id) {
        ChildRecord r = children.get(id);
        if (r != null) rekey(r);
    }

    /** The dataplane reports a volume hard limit: the SA is gone. */
    public void childSaHardExpired(long id) {
        ChildRecord r = children.get(id);
        if (r != null) deleteChild(r, "lifetime (volume) expired", true);
    }

    /** {@code clear crypto sa}: deletes every phase-2 SA, telling the peers. */
    public void clearChildSas() {
        for (ChildRecord r : new ArrayList<>(children.values())) deleteChild(r, "cleared", true);
    }

    @Override
    public void deleteChildSa(long id) { deleteChildSa(id, true); }

    /** Deletes one phase-2 SA pair. */
    public void deleteChildSa(long id, boolean notifyPeer) {
        ChildRecord r = children.get(id);
        if (r != null) deleteChild(r, "cleared", notifyPeer);
    }

    /** {@code clear crypto isakmp}: deletes every ISAKMP SA, telling the peers. */
    public void clearIsakmp() {
        for (IsakmpSa sa : new ArrayList<>(sas.values())) sa.delete("cleared", true);
    }

    @Override
    public void deletePeer(int peer) {
        for (IsakmpSa sa : new ArrayList<>(sasOf(peer))) sa.delete("No reason", true);
    }

    /** {@code clear crypto session [local A [port N]] [remote A [port N]]}: the SAs between those ends, the peers told. */
    public void clearSessions(SessionEnds ends) {
        for (ChildRecord r : new ArrayList<>(children.values())) {
            ChildSa c = r.sa;
            if (ends.matches(c.local(), c.localPort(), c.peer(), c.peerPort())) deleteChild(r, "cleared", true);
        }
        for (IsakmpSa sa : new ArrayList<>(sas.values())) {
            if (ends.matches(IpAddress.of(sa.localAddr), sa.localPort, IpAddress.of(sa.peerAddr), sa.peerPort)) {
                sa.delete("cleared", true);
            }
        }
    }

    /** Cancels every timer (router shutdown); sends nothing. */
    public void shutdown() {
        for (ChildRecord r : children.values()) r.timers.forEach(Scheduler.Timer::cancel);
        children.clear();
        childrenByPeer.clear();
        for (IsakmpSa sa : new ArrayList<>(sas.values())) {
            if (!sa.deleted) sa.delete("shutdown", false);
        }
        sas.clear();
        sasByPeer.clear();
        pending.clear();
    }

    // ------------------------------------------------------------------ show

    public List<IsakmpSaInfo> isakmpSas() {
        List<IsakmpSaInfo> out = new ArrayList<>();
        for (IsakmpSa sa : sas.values()) out.add(sa.info());
        return out;
    }

    /** The live ISAKMP SA objects (for {@link WiresharkKeys}). */
    List<IsakmpSa> isakmpSaObjects() {
        return new ArrayList<>(sas.values());
    }

    public List<ChildSa> childSas() {
        List<ChildSa> out = new ArrayList<>();
        for (ChildRecord r : children.values()) out.add(r.sa);
        return out;
    }

    // ------------------------------------------------------------------ callbacks from SAs

    void transmit(Datagram d) {
        counters.datagramsOut++;
        listener.send(new Datagram(d.source(), d.sourcePort(), d.destination(), d.destinationPort(), d.payload().clone()));
    }

    void phase1Established(IsakmpSa sa) {
        touch(sa.peerAddr, sa.peerPort);
        listener.isakmpSaEstablished(sa.info());
        List<Pending> run = new ArrayList<>();
        pending.removeIf(p -> {
            if (!p.runsOn(sa)) return false;
            run.add(p);
            return true;
        });
        if (sa.initiator || run.isEmpty()) {
            for (Pending p : run) QuickModeExchange.initiate(sa, p.policy, p.proxies, p.rekeyOf);
            return;
        }
        // We answered the peer's phase 1 while holding our own requests for it (both ends wanted
        // the same flow at once, e.g. two DMVPN spokes): let the peer's Quick Mode come first,
        // then ask only for what it did not set up, so that one SA pair per flow results.
        scheduler.schedule(RESPONDER_QM_DEFER_NANOS, () -> {
            if (sa.deleted || sas.get(sa.ci) != sa) {
                for (Pending p : run) startPhase2(p.local, p.peer, p.port, p.policy, p.proxies, p.rekeyOf);
                return;
            }
            for (Pending p : run) {
                if (p.rekeyOf == 0 && coveredByPeer(sa, p.proxies)) continue;
                QuickModeExchange.initiate(sa, p.policy, p.proxies, p.rekeyOf);
            }
        });
    }

    /** How long a phase-1 responder holds its own Quick Modes back (a round trip is plenty). */
    static final long RESPONDER_QM_DEFER_NANOS = 500_000_000L;

    private boolean coveredByPeer(IsakmpSa sa, ProxyPair proxies) {
        for (ChildRecord r : childrenOf(sa.peerAddr)) {
            if (r.proxies.equals(proxies) && !r.replaced) return true;
        }
        for (QuickModeExchange x : sa.quick.values()) {
            if (!x.initiator && x.inProgress() && proxies.equals(x.proxies)) return true;
        }
        return false;
    }

    void phase1Failed(IsakmpSa sa, String reason) {
        listener.isakmpSaDeleted(sa.info(), reason);
        negotiationFailed(sa.peerAddr, reason);
        if (!phase1InProgress(sa.peerAddr)) pending.removeIf(p -> p.peer == sa.peerAddr);
        scheduleRemoval(sa);
    }

    void phase1Deleted(IsakmpSa sa, String reason) {
        listener.isakmpSaDeleted(sa.info(), reason);
        if (!phase1InProgress(sa.peerAddr)) pending.removeIf(p -> p.peer == sa.peerAddr);
        scheduleRemoval(sa);
    }

    private void scheduleRemoval(IsakmpSa sa) {
        scheduler.schedule(config.timers().lingerNanos(), () -> {
            if (sas.remove(sa.ci, sa)) unindex(sa);
        });
    }

    /** Phase 1 nears its end: renegotiate it ahead of time if we own phase-2 SAs with the peer. */
    void phase1Soft(IsakmpSa sa) {
        // Only the side that set it up renews it ahead of time, so that both do not race.
        if (sa.deleted || sa.rekeyStarted || !sa.initiator) return;
        boolean needed = false;
        for (ChildRecord r : childrenOf(sa.peerAddr)) {
            if (r.policy != null && r.policy.peers().contains(sa.peerAddr)) needed = true;
        }
        int port = sa.natTraversal() ? sa.peerPort : ANY_PORT;
        if (!needed || phase1InProgress(sa.peerAddr, port)) return;
        sa.rekeyStarted = true;
        sa.debug("phase 1 soft lifetime: negotiating a new ISAKMP SA");
        connect(sa.localAddr, sa.peerAddr, port);
    }

    void negotiationFailed(int peer, String reason) {
        listener.negotiationFailed(peer, reason);
    }

    void phase2Failed(QuickModeExchange x, String reason) {
        negotiationFailed(x.sa.peerAddr, reason);
        if (x.rekeyOf != 0) {
            ChildRecord r = children.get(x.rekeyOf);
            if (r != null) r.rekeying = false;
        }
    }

    void childEstablished(ChildSa child, IpsecPolicy policy, ProxyPair proxies, QuickModeExchange x) {
        ChildRecord rec = new ChildRecord(child, policy, proxies);
        // The new pair replaces older ones for the same proxies (a rekey from either side) with the
        // same host: behind PAT, another host's pair keeps its own (RFC 3947 §5). Those replaced stay
        // until their own expiry so that no packet in flight is lost.
        for (ChildRecord r : childrenOf(child.peerAddress())) {
            if (r.proxies.equals(proxies) && samePeer(r.sa.natPeerPort(), child.natPeerPort())) r.replaced = true;
        }
        if (children.put(child.id(), rec) == null) childrenByPeer.computeIfAbsent(child.peerAddress(), k -> new ArrayList<>()).add(rec);
        long life = child.lifetimeSeconds() * 1_000_000_000L;
        rec.timers.add(scheduler.schedule(life, () -> deleteChild(rec, "lifetime expired", true)));
        boolean canRekey = policy != null && policy.peers().contains(child.peerAddress());
        if (canRekey) {
            // The initiator renews first; the responder later, should the initiator not.
            double f = config.timers().rekeyFraction();
            if (!child.initiator()) f = f + (1 - f) / 2;
            f -= random.nextInt(1000) * 0.00002; // up to 2% jitter so both ends do not race
            rec.timers.add(scheduler.schedule((long) (life * f), () -> rekey(rec)));
        }
        listener.childSaEstablished(child);
    }

    private void rekey(ChildRecord r) {
        if (r.replaced || r.rekeying || !children.containsKey(r.sa.id()) || r.policy == null
                || !r.policy.peers().contains(r.sa.peerAddress())) {
            return;
        }
        r.rekeying = true;
        debugLine("IPSEC: soft lifetime of SA 0x" + Integer.toHexString(r.sa.inboundSpi()) + ", renegotiating");
        // over the ISAKMP SA of the SA's own peer: behind PAT, its address and port (RFC 3947 §5)
        startPhase2(r.sa.localAddress(), r.sa.peerAddress(), r.sa.natPeerPort(), r.policy, r.proxies, r.sa.id());
    }

    private static final String PEER_DELETED = "deleted by peer";

    private void deleteChild(ChildRecord r, String reason, boolean notify) {
        if (children.remove(r.sa.id()) == null) return;
        List<ChildRecord> ofPeer = childrenByPeer.get(r.sa.peerAddress());
        if (ofPeer != null && ofPeer.remove(r) && ofPeer.isEmpty()) childrenByPeer.remove(r.sa.peerAddress());
        r.timers.forEach(Scheduler.Timer::cancel);
        spis.remove(r.sa.inboundSpi());
        if (notify) {
            IsakmpSa p1 = phase1For(r.sa.peerAddress(), r.sa.peerPort());
            if (p1 != null) {
                counters.deletesSent++;
                p1.sendInformational(List.of(DeletePayload.ofSpis(IpsecDoi.PROTO_IPSEC_ESP, r.sa.inboundSpi())));
            }
        }
        // IOS names only a peer's delete; IPSEC(delete_sa) follows from the SA table for each SA
        if (reason.equals(PEER_DELETED)) debugLine("IPSEC(key_engine_delete_sas): rec'd delete notify from ISAKMP");
        listener.childSaDeleted(r.sa, reason);
    }

    /** Delete payload for ESP from a peer: the SPIs are its inbound ones, our outbound. */
    void peerDeletedChildren(int peer, int[] spiList) {
        for (int spi : spiList) {
            for (ChildRecord r : new ArrayList<>(childrenOf(peer))) {
                if (r.sa.outboundSpi() == spi) deleteChild(r, PEER_DELETED, false);
            }
        }
    }

    void peerDeletedIsakmp(IsakmpSa via, long ci, long cr) {
        IsakmpSa sa = sas.get(ci);
        if (sa != null && sa.cr == cr && sa.peerAddr == via.peerAddr) sa.delete("deleted by peer", false);
    }

    /**
     * INITIAL-CONTACT (RFC 2407 §4.6.3.3): the peer rebooted; everything older with it is stale.
     * Behind NAT a peer is its address and port (RFC 3947 §5): another host behind the same PAT keeps its SAs.
     */
    void initialContact(IsakmpSa fresh) {
        fresh.debug(" processing NOTIFY INITIAL_CONTACT protocol 1");
        for (IsakmpSa sa : new ArrayList<>(sasOf(fresh.peerAddr))) {
            if (sa != fresh && !sa.deleted && sa.established && sa.peerPort == fresh.peerPort) {
                sa.delete("initial contact", false);
            }
        }
        for (ChildRecord r : new ArrayList<>(childrenOf(fresh.peerAddr))) {
            if (r.sa.establishedNanos() < fresh.establishedNanos && r.sa.peerPort() == fresh.peerPort) {
                deleteChild(r, "initial contact", false);
            }
        }
    }

    /**
     * Should a new phase 1 carry INITIAL-CONTACT: do we hold nothing with this peer, its address and
     * port (RFC 3947 §5: another host behind the same PAT is another peer; as {@link #initialContact} reads it)?
     */
    boolean firstContact(IsakmpSa sa) {
        for (IsakmpSa o : sasOf(sa.peerAddr)) {
            if (o != sa && o.established && !o.deleted && o.peerPort == sa.peerPort) return false;
        }
        for (ChildRecord r : childrenOf(sa.peerAddr)) if (r.sa.peerPort() == sa.peerPort) return false;
        return true;
    }

    /**
     * DPD gave up: delete everything with the peer, its address and port (IOS "peer dead"), and the
     * negotiations waiting for it; another host behind the same PAT (RFC 3947 §5) keeps its own.
     */
    void peerDead(IsakmpSa sa) {
        int peer = sa.peerAddr, port = sa.peerPort;
        for (ChildRecord r : new ArrayList<>(childrenOf(peer))) {
            if (r.sa.peerPort() == port) deleteChild(r, "peer dead (DPD)", false);
        }
        for (IsakmpSa o : new ArrayList<>(sasOf(peer))) if (o.peerPort == port) o.delete("peer dead (DPD)", false);
        boolean addressDead = phase1For(peer) == null;
        pending.removeIf(p -> p.peer == peer && (p.port == port || (p.port == ANY_PORT && addressDead)));
        listener.peerDead(peer, port);
    }

    // ------------------------------------------------------------------ helpers

    /** The newest established ISAKMP SA with a peer, or null. */
    IsakmpSa phase1For(int peer) { return phase1For(peer, ANY_PORT); }

    /** The newest established ISAKMP SA with a peer at a port (behind PAT, one of several hosts), or null. */
    IsakmpSa phase1For(int peer, int port) {
        IsakmpSa best = null;
        for (IsakmpSa sa : sasOf(peer)) {
            if (sa.established && !sa.deleted && KeyManager.portMatches(port, sa.peerPort)
                    && (best == null || sa.establishedNanos >= best.establishedNanos)) {
                best = sa;
            }
        }
        return best;
    }

    private int halfOpen() {
        int n = 0;
        for (IsakmpSa sa : sas.values()) if (!sa.established) n++;
        return n;
    }

    private boolean phase1InProgress(int peer) { return phase1InProgress(peer, ANY_PORT); }

    /** Whether a phase 1 with the peer, with its host at natPort when known, is under way. */
    private boolean phase1InProgress(int peer, int natPort) {
        for (IsakmpSa sa : sasOf(peer)) if (!sa.established && !sa.deleted && KeyManager.portMatches(natPort, sa.peerPort)) return true;
        return false;
    }

    private List<IsakmpSa> sasOf(int peer) { return sasByPeer.getOrDefault(peer, List.of()); }

    private List<ChildRecord> childrenOf(int peer) { return childrenByPeer.getOrDefault(peer, List.of()); }

    private void putSa(long ci, IsakmpSa sa) {
        IsakmpSa old = sas.put(ci, sa);
        if (old == sa) return;
        if (old != null) unindex(old);
        sasByPeer.computeIfAbsent(sa.peerAddr, k -> new ArrayList<>()).add(sa);
    }

    private void unindex(IsakmpSa sa) {
        List<IsakmpSa> l = sasByPeer.get(sa.peerAddr);
        if (l != null && l.remove(sa) && l.isEmpty()) sasByPeer.remove(sa.peerAddr);
    }

    void touch(int peer, int port) {
        IntMap<long[]> ports = heard.get(peer);
        if (ports == null) heard.put(peer, ports = new IntMap<>(2));
        long[] h = ports.get(port);
        if (h == null) ports.put(port, h = new long[1]);
        h[0] = scheduler.nanos();
    }

    /** Nanoseconds since the peer, its address and port, was last heard from (IKE or ESP). */
    long idleNanos(int peer, int port) {
        IntMap<long[]> ports = heard.get(peer);
        long[] h = ports == null ? null : ports.get(port);
        return h == null ? Long.MAX_VALUE : scheduler.nanos() - h[0];
    }

    int allocateSpi() {
        while (true) {
            int spi = random.nextInt();
            if (Integer.compareUnsigned(spi, 256) >= 0 && spis.add(spi)) return spi; // 1-255 reserved (RFC 4303 §2.1)
        }
    }

    void releaseSpi(int spi) { spis.remove(spi); }

    long nextChildId() { return nextChildId++; }

    int newMessageId(IsakmpSa sa) {
        while (true) {
            int mid = randomMessageId();
            if (!sa.quick.containsKey(mid)) return mid;
        }
    }

    int randomMessageId() {
        int mid;
        do {
            mid = random.nextInt();
        } while (mid == 0);
        return mid;
    }

    private long randomCookie() {
        long c;
        do {
            c = random.nextLong();
        } while (c == 0 || sas.containsKey(c));
        return c;
    }

    /** IOS logs a malformed (often: wrongly keyed) IKE message at most once a minute. */
    static final long BAD_MESSAGE_INTERVAL_NANOS = 60_000_000_000L;
    private long badMessageLoggedAt = Long.MIN_VALUE;

    /** A phase-1 message that does not decrypt to a valid payload chain: a pre-shared key mismatch, as a rule. */
    void badMessage(int peer) {
        debugLine("ISAKMP: reserved not zero on ID payload!");
        long now = scheduler.nanos();
        if (badMessageLoggedAt != Long.MIN_VALUE && now - badMessageLoggedAt < BAD_MESSAGE_INTERVAL_NANOS) return;
        badMessageLoggedAt = now;
        listener.log(4, "IKMP_BAD_MESSAGE", "IKE message from " + Ipv4Address.toString(peer)
                + " failed its sanity check or is malformed");
    }

    /** A Main, Aggressive or Quick Mode exchange we answered failed on policy. */
    void modeFailure(String mode, int peer) {
        listener.log(6, "IKMP_MODE_FAILURE", "Processing of " + mode + " mode failed with peer at " + Ipv4Address.toString(peer));
    }

    /** A syslog message of another facility (`%PKI-3-...` for a peer's certificate). */
    void log(String facility, int severity, String mnemonic, String text) {
        listener.log(facility, severity, mnemonic, text);
    }

    void debugLine(String s) {
        listener.debug(s);
    }
}
