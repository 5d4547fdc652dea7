package dev.routerlab.nhrp;

import dev.routerlab.config.InterfaceConfig.NhrpConfig;
import dev.routerlab.routing.IntMap;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.packet.nhrp.Nhrp;
import dev.routerlab.packet.nhrp.NhrpBuilder;
import dev.routerlab.sim.Scheduler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.routerlab.packet.nhrp.Nhrp.*;

/**
 * NHRP on one multipoint GRE interface, as IOS DMVPN runs it (RFC 2332 plus Cisco's Traffic
 * Indication and NAT extension).
 *
 * <p>Inputs, all on the router's event loop: {@link #receive} (an NHRP packet and the NBMA
 * address it came from, the GRE outer source), {@link #nbmaFor} (the data plane asks where a
 * packet for a tunnel next hop goes; this may start a resolution, phase 2), {@link
 * #trafficHairpinned} (a packet came in on this tunnel and goes back out of it: with `ip nhrp
 * redirect` a Traffic Indication goes to its sender, phase 3), {@link #resolve}, {@link
 * #withdrawLocal}, {@link #clear}, and the scheduler's timers. Outputs: packets through {@link
 * NhrpTransmit}, events through {@link NhrpListener}.
 *
 * <p>Roles follow the configuration, as on IOS: with `ip nhrp nhs` it registers as a client
 * (spoke); it always accepts registrations (hub), answers Resolution Requests for addresses it
 * is the egress for, and forwards the others along the routed path.
 */
public final class NhrpInstance {
    static final long SECOND = 1_000_000_000L;
    /** IOS `ip nhrp holdtime` default, seconds. */
    public static final int DEFAULT_HOLDTIME = 7200;
    /** Registration retransmission backoff cap, seconds (`Ret 64` in `show ip nhrp nhs detail`). */
    static final int MAX_RETRANSMIT_SECONDS = 64;
    /** An NHS that leaves this many retransmissions of one request unanswered is down. */
    static final int NHS_DOWN_AFTER_RETRANSMITS = 3;
    /** Resolution Requests are retried this many times (after 1, 2, 4 s) before the entry stays negative. */
    static final int RESOLUTION_RETRIES = 3;
    /** Incomplete (negative) entries live this long (IOS: 3 minutes). */
    static final int INCOMPLETE_HOLD_SECONDS = 180;
    /** A used resolved entry is re-resolved this long before it expires (at most half its holding time). */
    static final int REFRESH_LEAD_SECONDS = 120;
    /**
     * IOS sweeps the cache every 60 s and clears `used` while more than the refresh lead remains:
     * at the refresh point an entry is re-resolved only if it carried data in this last window
     * (and since its last refresh), so an idle entry expires at its holding time.
     */
    static final int USED_WINDOW_SECONDS = 60;
    /** One Traffic Indication per (source, destination) pair per this many seconds. */
    static final int REDIRECT_HOLD_SECONDS = 8;
    /** `ip nhrp max-send` default: packets per interval. */
    static final int MAX_SEND_PACKETS = 10000;
    static final int MAX_SEND_SECONDS = 10;
    /** A Traffic Indication carries the data packet's IP header and this many bytes after it (like ICMP errors). */
    static final int TRAFFIC_INDICATION_DATA = 8;
    /** An Error Indication carries at most this much of the packet in error. */
    static final int ERROR_CONTENTS_MAX = 512;

    private final String interfaceName;
    private final Scheduler scheduler;
    private final NhrpTransmit transmit;
    private final NhrpListener listener;
    private NhrpRouting routing;
    private final NhrpBuilder builder = new NhrpBuilder();
    private final NhrpCache cache = new NhrpCache();
    private final List<NhrpNhs> nhsList = new ArrayList<>();
    private final NhrpCounters counters = new NhrpCounters();
    private final IntMap<Pending> pendingByTarget = new IntMap<>(8);
    private final IntMap<Pending> pendingById = new IntMap<>(8);
    private final RedirectLimiter redirects = new RedirectLimiter();
    /** Registered clients' {@link #nbmaRoute}s, `ip nhrp map multicast dynamic`: behind one PAT, one per host. */
    private final Set<Long> dynamicMulticast = new LinkedHashSet<>();
    private final long createdNanos;

    // configuration
    private boolean enabled;
    private Long networkId;
    private byte[] authSecret;
    private int holdtime = DEFAULT_HOLDTIME;
    private int registrationTimeout = DEFAULT_HOLDTIME / 3;
    private boolean registrationUnique = true;
    private boolean redirect;
    private boolean shortcut;
    private boolean multicastDynamic;
    private int[] multicastStatic = new int[0];
    private int protocolAddress;
    private int protocolMask;
    private int nbmaAddress;
    private int mtu = 1476;
    private int headroom;
    private boolean debug;

    // state
    private boolean up;
    private int nextRequestId = 1;
    private long[] multicastCache;
    private long windowStart;
    private int windowSent;
    private int lastWindowSent;

    /** A Resolution Request waiting for its reply. */
    private static final class Pending {
        final int target;
        final int requestId;
        /** Sent straight to this NBMA address (a refresh), or 0: along the routed path, chosen again on each try. */
        final int viaNbma;
        int tries;
        Scheduler.Timer timer;

        Pending(int target, int requestId, int viaNbma) {
            this.target = target;
            this.requestId = requestId;
            this.viaNbma = viaNbma;
        }
    }

    public NhrpInstance(String interfaceName, Scheduler scheduler, NhrpTransmit transmit, NhrpListener listener,
                        NhrpRouting routing) {
        this.interfaceName = interfaceName;
        this.scheduler = scheduler;
        this.transmit = transmit;
        this.listener = listener == null ? new NhrpListener() {} : listener;
        this.routing = routing;
        this.createdNanos = scheduler.nanos();
    }

    // ================================================================ configuration and line state

    /**
     * Applies the interface's NHRP configuration and addresses: the tunnel's own IP address and
     * mask, its NBMA address (tunnel source) and the MTU put in CIEs. May be called again on any
     * change; dynamic entries survive, static ones and NHSs follow the model.
     */
    public void configure(NhrpConfig c, int protocolAddress, int protocolMask, int nbmaAddress, int mtu) {
        boolean addressChanged = protocolAddress != this.protocolAddress || nbmaAddress != this.nbmaAddress;
        this.protocolAddress = protocolAddress;
        this.protocolMask = protocolMask;
        this.nbmaAddress = nbmaAddress;
        this.mtu = mtu;
        this.networkId = c.networkId;
        this.enabled = c.networkId != null;
        this.authSecret = c.authentication == null ? null : c.authentication.getBytes(StandardCharsets.US_ASCII);
        this.holdtime = c.holdtime != null ? c.holdtime : DEFAULT_HOLDTIME;
        this.registrationTimeout = c.registrationTimeout != null ? c.registrationTimeout : Math.max(1, holdtime / 3);
        this.registrationUnique = !c.registrationNoUnique;
        this.redirect = c.redirect;
        boolean oldShortcut = shortcut;
        this.shortcut = c.shortcut;
        this.multicastDynamic = c.multicastDynamic;
        this.multicastStatic = c.multicastNbma.stream().mapToInt(Integer::intValue).toArray();
        if (routing == null) routing = NhrpRouting.connectedOnly(protocolAddress, protocolMask);

        // static entries: `ip nhrp map A N` and `ip nhrp nhs A nbma N`
        long now = now();
        IntMap<Integer> wanted = new IntMap<>(8);
        for (NhrpConfig.Mapping m : c.maps) wanted.put(m.protocolAddress(), m.nbmaAddress());
        for (NhrpConfig.Nhs n : c.nhs) if (n.nbma() != null && wanted.get(n.address()) == null) wanted.put(n.address(), n.nbma());
        for (NhrpCacheEntry e : cache.entries()) {
            if (e.isStatic() && (e.prefixLength != 32 || wanted.get(e.prefix) == null)) removeEntry(e);
        }
        wanted.forEach((a, nbma) -> {
            NhrpCacheEntry e = cache.host(a);
            if (e != null && !e.isStatic()) removeEntry(e);
            e = cache.host(a);
            if (e == null) {
                e = new NhrpCacheEntry(a, 32, NhrpCacheEntry.Type.STATIC, now);
                e.upSinceNanos = now;
                cache.put(e);
            }
            if (e.nbma != nbma || e.via != a) {
                e.via = a;
                e.nbma = nbma;
                e.claimedNbma = nbma;
                listener.entryUpdated(this, e);
            }
        });

        // NHSs, in configuration order (IOS priority 0, cluster 0)
        List<NhrpNhs> old = new ArrayList<>(nhsList);
        nhsList.clear();
        for (NhrpConfig.Nhs n : c.nhs) {
            int nbma = n.nbma() != null ? n.nbma() : wanted.get(n.address()) != null ? wanted.get(n.address()) : 0;
            NhrpNhs keep = null;
            for (NhrpNhs o : old) if (o.address == n.address() && o.multicast == n.multicast()) keep = o;
            if (keep != null && keep.nbma == nbma && !addressChanged) {
                old.remove(keep);
                nhsList.add(keep);
            } else {
                nhsList.add(new NhrpNhs(n.address(), nbma, n.multicast(), 0));
            }
        }
        for (NhrpNhs o : old) stopRegistration(o);
        if (oldShortcut && !shortcut) for (NhrpCacheEntry e : cache.entries()) withdrawShortcut(e);
        multicastCache = null;
        listener.multicastChanged(this);
        if (up && enabled) for (NhrpNhs n : nhsList) if (n.refreshTimer == null) registerNow(n);
        if (!enabled) for (NhrpNhs n : nhsList) stopRegistration(n);
    }

    /** The interface's line protocol: up starts registration; down stops it and flushes dynamic entries. */
    public void setUp(boolean lineUp) {
        if (lineUp == up) return;
        up = lineUp;
        if (up) {
            if (enabled) for (NhrpNhs n : nhsList) registerNow(n);
        } else {
            for (NhrpNhs n : nhsList) stopRegistration(n);
            clear();
        }
    }

    /** Bytes of headroom left in front of each packet handed to {@link NhrpTransmit} (outer IPv4 + GRE). */
    public void setHeadroom(int bytes) { headroom = bytes; }

    /** `debug nhrp packet`: lines go to {@link NhrpListener#debug}. */
    public void setDebug(boolean on) { debug = on; }

    /** Replaces the routing view (the router's RIB), e.g. once it exists. */
    public void setRouting(NhrpRouting r) { routing = r; }

    // ================================================================ data plane

    /**
     * The NBMA address for a packet the routing table sends out this tunnel to nextHop, or 0 when
     * there is none (drop). A spoke without an entry starts a Resolution Request for nextHop and
     * meanwhile sends the packet to its NHS (phase 2). Marks the entry used.
     */
    public int nbmaFor(int nextHop) { return nbma(nbmaRoute(nextHop)); }

    /**
     * As {@link #nbmaFor}, with the NAT-T port of the host behind PAT the next hop registered from
     * (RFC 3947 §5; {@link UdpEncapsulation#ANY_PORT}: none) from the same cache lookup: {@code natPort << 32 | nbma}, read by
     * {@link #nbma} and {@link #natPort}.
     */
    public long nbmaRoute(int nextHop) {
        NhrpCacheEntry e = cache.host(nextHop);
        if (e != null && e.type != NhrpCacheEntry.Type.INCOMPLETE) {
            e.lastUsedNanos = now();
            return route(e);
        }
        if (!enabled || !up || nhsList.isEmpty()) return NO_PORT;
        if (e == null) resolve(nextHop);
        else e.cacheHits++;
        NhrpNhs n = activeNhs();
        return NO_PORT | (n == null ? 0 : n.nbma & 0xffff_ffffL);
    }

    /** An entry's {@link #nbmaRoute}. */
    private static long route(NhrpCacheEntry e) { return (long) e.natPort << 32 | e.nbma & 0xffff_ffffL; }

    /** An {@link #nbmaRoute} without a NAT-T port. */
    private static final long NO_PORT = (long) UdpEncapsulation.ANY_PORT << 32;

    /** The NBMA address of an {@link #nbmaRoute} (0: drop). */
    public static int nbma(long route) { return (int) route; }

    /** The NAT-T port of an {@link #nbmaRoute} ({@link UdpEncapsulation#ANY_PORT}: none). */
    public static int natPort(long route) { return (int) (route >> 32); }

    /**
     * Where a multicast or broadcast packet is replicated to, as {@link #nbmaRoute}s: `ip nhrp map
     * multicast` addresses, NHSs configured with `multicast`, and (with `map multicast dynamic`)
     * every registered client, each host behind one PAT with its own NAT-T port (RFC 3947 §5).
     * The array is cached: do not modify it.
     */
    public long[] multicastRoutes() {
        long[] m = multicastCache;
        if (m != null) return m;
        LinkedHashSet<Long> s = new LinkedHashSet<>();
        for (int a : multicastStatic) s.add(NO_PORT | a & 0xffff_ffffL);
        for (NhrpNhs n : nhsList) if (n.multicast && n.nbma != 0) s.add(NO_PORT | n.nbma & 0xffff_ffffL);
        if (multicastDynamic) s.addAll(dynamicMulticast);
        m = s.stream().mapToLong(Long::longValue).toArray();
        multicastCache = m;
        return m;
    }

    /**
     * The data plane forwarded a packet that came in on this tunnel from fromNbma back out of this
     * tunnel (a hub relaying spoke-to-spoke traffic). With `ip nhrp redirect`, tells the sender
     * with a Traffic Indication that a better path may exist (phase 3), at most once per
     * source/destination pair per {@value #REDIRECT_HOLD_SECONDS} s.
     */
    public void trafficHairpinned(int fromNbma, byte[] ip, int off, int len) {
        if (!redirect || !enabled || !up || len < Ipv4.MIN_HEADER_LEN || Ipv4.version(ip, off) != 4) return;
        int hl = Ipv4.headerLength(ip, off);
        if (hl < Ipv4.MIN_HEADER_LEN || hl > len) return;
        int src = Ipv4.source(ip, off), dst = Ipv4.destination(ip, off);
        if (!redirects.allow(src, dst, now(), REDIRECT_HOLD_SECONDS * SECOND)) {
            counters.redirectSuppressed++;
            return;
        }
        builder.startTrafficIndication(DEFAULT_HOP_COUNT, TRAFFIC_CODE_REDIRECT, nbmaAddress, protocolAddress, src)
                .contents(ip, off, Math.min(len, hl + TRAFFIC_INDICATION_DATA));
        addAuthentication();
        send(fromNbma);
    }

    /**
     * Resolves target (an address or a host in a remote network) with a Resolution Request sent
     * along the routed path; the reply installs the entries (and, with `ip nhrp shortcut`, the
     * shortcut). Nothing happens while a request for target is outstanding.
     */
    public void resolve(int target) {
        if (!enabled || !up || pendingByTarget.get(target) != null || target == protocolAddress) return;
        NhrpCacheEntry e = cache.host(target);
        if (e == null) {
            long now = now();
            e = new NhrpCacheEntry(target, 32, NhrpCacheEntry.Type.INCOMPLETE, now);
            e.via = target;
            e.expiresNanos = now + INCOMPLETE_HOLD_SECONDS * SECOND;
            e.negative = true;
            cache.put(e);
            scheduleExpiry(e);
        }
        startResolution(target, 0);
    }

    // ================================================================ receive

    /** An NHRP packet (the GRE payload) arrived from NBMA address fromNbma. Malformed, unauthenticated or unexpected packets are counted and dropped. */
    public void receive(int fromNbma, byte[] b, int off, int len) { receive(fromNbma, UdpEncapsulation.ANY_PORT, b, off, len); }

    /** As {@link #receive(int, byte[], int, int)}, from fromNbma's NAT-T port natPort behind PAT ({@link UdpEncapsulation#ANY_PORT}: none). */
    public void receive(int fromNbma, int natPort, byte[] b, int off, int len) {
        PacketError err = Nhrp.check(b, off, len);
        if (err != PacketError.OK) {
            counters.dropped(err);
            if (debug) debug("NHRP: Receive packet via " + interfaceName + " dropped: " + err);
            return;
        }
        if (!enabled) {
            counters.notEnabled++;
            return;
        }
        // 5.2.7: Error Indications carry no extensions, so no authentication either; they only
        // cancel a request of ours whose Request ID they quote
        if (authSecret != null && type(b, off) != TYPE_ERROR_INDICATION && !Nhrp.authenticationMatches(b, off, authSecret)) {
            counters.authenticationFailed++;
            if (debug) debug("NHRP: Receive " + typeName(type(b, off)) + " via " + interfaceName
                    + " dropped: authentication failure");
            if (up) sendError(ERROR_AUTHENTICATION_FAILURE, b, off, 0, fromNbma);   // 5.2.7, 5.3.4
            return;
        }
        int type = type(b, off);
        counters.received[type]++;
        if (debug) debugPacket("Receive", b, off);
        if (!up) return;
        switch (type) {
            case TYPE_REGISTRATION_REQUEST -> onRegistrationRequest(fromNbma, natPort, b, off);
            case TYPE_REGISTRATION_REPLY -> onRegistrationReply(fromNbma, b, off);
            case TYPE_RESOLUTION_REQUEST -> onResolutionRequest(fromNbma, b, off);
            case TYPE_RESOLUTION_REPLY -> onResolutionReply(fromNbma, b, off);
            case TYPE_PURGE_REQUEST -> onPurgeRequest(fromNbma, b, off);
            case TYPE_PURGE_REPLY -> { }
            case TYPE_ERROR_INDICATION -> onErrorIndication(b, off);
            case TYPE_TRAFFIC_INDICATION -> onTrafficIndication(b, off);
            default -> { }
        }
    }

    // ---------------------------------------------------------------- registration, NHS side (5.2.3, 5.2.4)

    /** A registration from fromNbma, behind PAT from its host at natPort: the entry keeps that host's port (RFC 3947 §5). */
    private void onRegistrationRequest(int fromNbma, int natPort, byte[] b, int off) {
        int requester = sourceProtocol(b, off);
        int claimed = sourceNbma(b, off);
        int flags = flags(b, off);
        boolean unique = (flags & FLAG_REGISTRATION_UNIQUE) != 0;
        if (unrecognizedCompulsory(fromNbma, b, off)) return;
        long now = now();
        int code = CODE_SUCCESS;
        boolean changed = false;
        NhrpCacheEntry reg = null;
        for (int c = firstCie(b, off), end = mandatoryEnd(b, off); c >= 0; c = nextCie(b, c, end)) {
            int client = cieProtocol(b, c) != 0 ? cieProtocol(b, c) : requester;
            int len = ciePrefixLengthIpv4(b, c);
            int prefix = client & Ipv4Address.mask(len);
            int hold = cieHoldingTime(b, c);
            if (client == protocolAddress) {
                code = CODE_ADMINISTRATIVELY_PROHIBITED;                        // our own address
                continue;
            }
            NhrpCacheEntry e = cache.get(prefix, len);
            if (e != null && (e.isStatic() || e.local)) continue;            // configured entries win; acknowledge
            if (e != null && !e.isIncomplete() && e.unique && e.nbma != fromNbma) {
                code = CODE_ALREADY_REGISTERED;                                 // 5.2.3 U bit: address owned elsewhere
                continue;
            }
            boolean fresh = e == null || e.isIncomplete() || e.nbma != fromNbma;
            if (e == null || e.isIncomplete()) {
                if (e != null) removeEntry(e);
                e = new NhrpCacheEntry(prefix, len, NhrpCacheEntry.Type.DYNAMIC, now);
                cache.put(e);
            }
            if (fresh) {
                e.createdNanos = now;
                e.upSinceNanos = now;
            }
            if (e.registered && (e.nbma != fromNbma || e.natPort != natPort) && dropMulticast(e)) changed = true;
            e.type = NhrpCacheEntry.Type.DYNAMIC;
            e.via = requester;
            e.nbma = fromNbma;
            e.claimedNbma = claimed;
            e.nat = claimed != fromNbma;
            e.natPort = natPort;
            e.unique = unique;
            e.registered = true;
            e.nhop = len == 32;
            e.refreshedNanos = now;
            e.expiresNanos = now + hold * SECOND;
            scheduleExpiry(e);
            listener.entryUpdated(this, e);
            if (multicastDynamic && dynamicMulticast.add(route(e))) changed = true;
            if (reg == null) reg = e;
        }
        if (changed) {
            multicastCache = null;
            listener.multicastChanged(this);
        }
        // Registration Reply: the request's mandatory part and CIEs (with the code), back to the sender directly
        builder.start(TYPE_REGISTRATION_REPLY, DEFAULT_HOP_COUNT, flags, requestId(b, off), claimed, requester,
                destinationProtocol(b, off));
        for (int c = firstCie(b, off), end = mandatoryEnd(b, off); c >= 0; c = nextCie(b, c, end)) builder.copyCie(b, c, code);
        replyExtensions(b, off, fromNbma, requester);
        send(fromNbma);
    }

    // ---------------------------------------------------------------- registration, client side

    private void registerNow(NhrpNhs n) {
        cancel(n.retransmitTimer);
        cancel(n.refreshTimer);
        if (n.pending && !n.acked) n.requestsFailed++;
        n.currentRequestId = nextRequestId();
        n.acked = false;
        n.pending = true;
        n.retransmits = 0;
        n.retransmitSeconds = 1;
        n.pendingSinceNanos = now();
        transmitRegistration(n);
        n.retransmitTimer = scheduler.schedule(SECOND, () -> retransmitRegistration(n));
        n.refreshTimer = scheduler.schedule(registrationTimeout * SECOND, () -> registerNow(n));
    }

    private void retransmitRegistration(NhrpNhs n) {
        n.retransmitTimer = null;
        if (!n.pending || n.acked) return;
        n.retransmits++;
        if (n.retransmits == NHS_DOWN_AFTER_RETRANSMITS && n.responding) nhsDown(n);
        transmitRegistration(n);
        n.retransmitSeconds = Math.min(MAX_RETRANSMIT_SECONDS, n.retransmitSeconds * 2);
        n.retransmitTimer = scheduler.schedule(n.retransmitSeconds * SECOND, () -> retransmitRegistration(n));
    }

    private void transmitRegistration(NhrpNhs n) {
        if (n.nbma == 0) return;                                               // no NBMA to send to: stays E
        n.requestsSent++;                                                       // as `show ip nhrp traffic` counts it
        int flags = (registrationUnique ? FLAG_REGISTRATION_UNIQUE : 0) | FLAG_CISCO_NAT;
        builder.start(TYPE_REGISTRATION_REQUEST, DEFAULT_HOP_COUNT, flags, n.currentRequestId, nbmaAddress,
                        protocolAddress, n.address)
                .cie(CODE_SUCCESS, registrationUnique ? 0xff : 32, mtu, holdtime, 0);   // 5.2.1 U: prefix 0xFF
        requestExtensions();
        send(n.nbma);
    }

    private void stopRegistration(NhrpNhs n) {
        cancel(n.retransmitTimer);
        cancel(n.refreshTimer);
        n.retransmitTimer = n.refreshTimer = null;
        n.pending = false;
        if (n.responding) nhsDown(n);
    }

    private void onRegistrationReply(int fromNbma, byte[] b, int off) {
        int id = requestId(b, off);
        NhrpNhs n = null;
        for (NhrpNhs x : nhsList) if (x.pending && x.currentRequestId == id && destinationProtocol(b, off) == x.address) n = x;
        if (n == null || sourceProtocol(b, off) != protocolAddress) {
            counters.unsolicited++;
            return;
        }
        int c = firstCie(b, off);
        int code = c < 0 ? CODE_SUCCESS : cieCode(b, c);
        n.acked = true;
        n.pending = false;
        cancel(n.retransmitTimer);
        n.retransmitTimer = null;
        if (code != CODE_SUCCESS) {
            n.requestsFailed++;
            if (n.responding) nhsDown(n);
            return;
        }
        n.repliesReceived++;
        n.lastReplyNanos = now();
        n.ackedRequestId = id;
        n.anyAck = true;
        int nat = findExtension(b, off, EXT_CISCO_NAT_ADDRESS);
        if (nat >= 0 && extFirstCie(b, nat) >= 0) n.mappedNbma = cieNbma(b, extFirstCie(b, nat));
        if (!n.responding) {
            n.responding = true;
            n.everUp = true;
            n.stateSinceNanos = now();
            listener.nhsStateChanged(this, n, true);
        }
    }

    private void nhsDown(NhrpNhs n) {
        n.responding = false;
        n.stateSinceNanos = now();
        listener.nhsStateChanged(this, n, false);
    }

    // ---------------------------------------------------------------- resolution (5.2.1, 5.2.2)

    private void startResolution(int target, int directNbma) {
        Pending p = new Pending(target, nextRequestId(), directNbma);
        pendingByTarget.put(target, p);
        pendingById.put(p.requestId, p);
        transmitResolution(p);
    }

    private void transmitResolution(Pending p) {
        p.timer = scheduler.schedule((1L << p.tries) * SECOND, () -> resolutionTimeout(p));
        int nbma = p.viaNbma != 0 ? p.viaNbma : routedNbma(p.target);
        if (nbma == 0) return;
        builder.start(TYPE_RESOLUTION_REQUEST, DEFAULT_HOP_COUNT, FLAG_Q | FLAG_A | FLAG_S | FLAG_CISCO_NAT, p.requestId,
                        nbmaAddress, protocolAddress, p.target)
                .cie(CODE_SUCCESS, 0, mtu, holdtime, 0);
        requestExtensions();
        send(nbma);
    }

    private void resolutionTimeout(Pending p) {
        if (pendingById.get(p.requestId) != p) return;
        if (++p.tries <= RESOLUTION_RETRIES) {
            transmitResolution(p);
            return;
        }
        finish(p);                                                            // the incomplete entry stays negative
    }

    private void finish(Pending p) {
        cancel(p.timer);
        pendingById.remove(p.requestId);
        if (pendingByTarget.get(p.target) == p) pendingByTarget.remove(p.target);
    }

    /** Where a request for target goes: the routed next hop's NBMA, else the first responding NHS. */
    private int routedNbma(int target) {
        int nh = routing.tunnelNextHop(target);
        if (nh != 0 && nh != target) {
            NhrpCacheEntry e = cache.host(nh);
            NhrpNhs n = nhs(nh);
            if (e != null && !e.isIncomplete() && (n == null || n.responding)) return e.nbma;
        }
        NhrpNhs n = activeNhs();
        return n == null ? 0 : n.nbma;
    }

    private void onResolutionRequest(int fromNbma, byte[] b, int off) {
        int target = destinationProtocol(b, off);
        int requester = sourceProtocol(b, off);
        if (requester == protocolAddress) return;                             // our own request came back
        int egress = target == protocolAddress ? 32 : routing.egressPrefixLength(target);
        if (egress >= 0) {
            if (unrecognizedCompulsory(fromNbma, b, off)) return;
            answerResolution(fromNbma, b, off, target, egress);
            return;
        }
        // transit NHS: forward along the routed path (5.2.1), with loop and hop-count checks
        int fwd = findExtension(b, off, EXT_FORWARD_TRANSIT_NHS);
        if (fwd >= 0 && transitRecordContains(b, fwd, protocolAddress)) {
            counters.loopDetected++;
            sendError(ERROR_LOOP_DETECTED, b, off, fwd - off, fromNbma);
            return;
        }
        int hop = hopCount(b, off);
        if (hop <= 1) {
            counters.hopCountExceeded++;
            sendError(ERROR_HOP_COUNT_EXCEEDED, b, off, O_HOP_COUNT, fromNbma);
            return;
        }
        int nh = routing.tunnelNextHop(target);
        NhrpCacheEntry e = nh == 0 ? null : cache.host(nh);
        if (e == null || e.isIncomplete() || e.nbma == fromNbma || e.nbma == nbmaAddress) {
            // nowhere to forward it: a negative reply (5.2.2 NAK, no binding), back where it came from
            builder.start(TYPE_RESOLUTION_REPLY, DEFAULT_HOP_COUNT, flags(b, off) & ~FLAG_A, requestId(b, off),
                    sourceNbma(b, off), requester, target);
            builder.cie(CODE_NO_BINDING, 32, 0, 0, 0);
            replyExtensions(b, off, fromNbma, requester);
            send(fromNbma);
            return;
        }
        builder.startCopy(b, off).hopCount(hop - 1);
        boolean natFilled = false;
        boolean first = fwd < 0 || extFirstCie(b, fwd) < 0;
        for (int x = firstExtension(b, off); x >= 0; x = nextExtension(b, off, x)) {
            int t = extType(b, x);
            if (t == EXT_END || t == EXT_AUTHENTICATION) continue;
            if (t == EXT_CISCO_NAT_ADDRESS && first && extLength(b, x) == 0) {
                // first NHS: record the requester's NBMA address as we see it (behind NAT it differs)
                builder.extension(EXT_CISCO_NAT_ADDRESS, false).cie(CODE_SUCCESS, 32, 0, 0, 0, fromNbma, requester);
                natFilled = true;
                continue;
            }
            builder.copyExtension(b, x);
            if (t == EXT_FORWARD_TRANSIT_NHS) builder.cie(CODE_SUCCESS, 32, mtu, holdtime, 0, nbmaAddress, protocolAddress);
        }
        if (!natFilled && first && fromNbma != sourceNbma(b, off)) {
            builder.extension(EXT_CISCO_NAT_ADDRESS, false).cie(CODE_SUCCESS, 32, 0, 0, 0, fromNbma, requester);
        }
        addAuthentication();
        send(e.nbma, e.natPort);                                                // behind PAT, the host e registered from
    }

    /** This router is the egress for target: reply directly to the requester and remember it (5.2.2). */
    private void answerResolution(int fromNbma, byte[] b, int off, int target, int prefixLength) {
        int requester = sourceProtocol(b, off);
        int fwd = findExtension(b, off, EXT_FORWARD_TRANSIT_NHS);
        boolean direct = fwd < 0 || extFirstCie(b, fwd) < 0;
        int requesterNbma = fromNbma;
        if (!direct) {
            int nat = findExtension(b, off, EXT_CISCO_NAT_ADDRESS);
            int natCie = nat >= 0 ? extFirstCie(b, nat) : -1;
            requesterNbma = natCie >= 0 && cieNbma(b, natCie) != 0 ? cieNbma(b, natCie) : sourceNbma(b, off);
        }
        int reqFlags = flags(b, off);
        int c0 = firstCie(b, off);
        int requesterHold = c0 >= 0 && cieHoldingTime(b, c0) > 0 ? cieHoldingTime(b, c0) : holdtime;
        long now = now();

        // the requester: a dynamic nhop entry (it is a router when Q is set)
        NhrpCacheEntry r = installDynamic(requester, 32, requester, requesterNbma, sourceNbma(b, off),
                now + requesterHold * SECOND, 0);
        if (r != null) {
            r.router = (reqFlags & FLAG_Q) != 0;
            r.nhop = true;
            offerShortcut(r);
            listener.entryUpdated(this, r);
        }
        // what we answered for: a local entry listing its requesters (purged when it goes away)
        int prefix = target & Ipv4Address.mask(prefixLength);
        NhrpCacheEntry l = cache.get(prefix, prefixLength);
        if (l == null || (!l.isStatic() && !l.local)) {
            if (l != null) removeEntry(l);
            l = new NhrpCacheEntry(prefix, prefixLength, NhrpCacheEntry.Type.DYNAMIC, now);
            l.upSinceNanos = now;
            l.via = protocolAddress;
            l.nbma = nbmaAddress;
            l.claimedNbma = nbmaAddress;
            l.router = true;
            l.unique = true;
            l.local = true;
            l.noSocket = true;
            cache.put(l);
        }
        if (l.local) {
            l.expiresNanos = now + holdtime * SECOND;
            l.refreshedNanos = now;
            l.addRequester(requester, requestId(b, off));
            scheduleExpiry(l);
            listener.entryUpdated(this, l);
        }

        int flags = (reqFlags & (FLAG_Q | FLAG_S | FLAG_CISCO_NAT)) | FLAG_A | FLAG_D | FLAG_U;
        builder.start(TYPE_RESOLUTION_REPLY, DEFAULT_HOP_COUNT, flags, requestId(b, off), sourceNbma(b, off), requester,
                        target)
                .cie(CODE_SUCCESS, prefixLength, mtu, holdtime, 0, nbmaAddress, protocolAddress);
        replyExtensions(b, off, requesterNbma, requester);
        send(requesterNbma);
    }

    private void onResolutionReply(int fromNbma, byte[] b, int off) {
        Pending p = pendingById.get(requestId(b, off));
        if (p == null || sourceProtocol(b, off) != protocolAddress || destinationProtocol(b, off) != p.target) {
            counters.unsolicited++;
            return;
        }
        finish(p);
        int c = firstCie(b, off);
        if (c < 0 || cieCode(b, c) != CODE_SUCCESS) return;                 // NAK: the incomplete entry stays negative
        int len = ciePrefixLengthIpv4(b, c);
        int resp = findExtension(b, off, EXT_RESPONDER_ADDRESS);
        int respCie = resp >= 0 ? extFirstCie(b, resp) : -1;
        int client = cieProtocol(b, c) != 0 ? cieProtocol(b, c) : respCie >= 0 ? cieProtocol(b, respCie) : p.target;
        int clientNbma = cieNbma(b, c) != 0 ? cieNbma(b, c) : fromNbma;
        // the responder itself is the client: its packets come from where it is reachable (NAT)
        boolean responderIsClient = respCie >= 0 && cieProtocol(b, respCie) == client;
        int nbma = responderIsClient ? fromNbma : clientNbma;
        long expires = now() + cieHoldingTime(b, c) * SECOND;

        NhrpCacheEntry inc = cache.host(p.target);
        if (inc != null && inc.isIncomplete()) removeEntry(inc);
        NhrpCacheEntry hop = installDynamic(client, 32, client, nbma, clientNbma, expires, client);
        if (hop != null) {
            hop.router = true;
            hop.nhop = true;
            offerShortcut(hop);
            listener.entryUpdated(this, hop);
        }
        int prefix = p.target & Ipv4Address.mask(len);
        if (prefix != client || len != 32) {
            NhrpCacheEntry net = installDynamic(prefix, len, client, nbma, clientNbma, expires, p.target);
            if (net != null) {
                net.router = true;
                offerShortcut(net);
                listener.entryUpdated(this, net);
            }
        }
    }

    /** Creates or refreshes a dynamic entry; null when a static or local entry holds that prefix. */
    private NhrpCacheEntry installDynamic(int prefix, int len, int via, int nbma, int claimed, long expires, int refreshTarget) {
        long now = now();
        NhrpCacheEntry e = cache.get(prefix, len);
        if (e != null && (e.isStatic() || e.local || e.registered)) return null;
        if (e != null && (e.isIncomplete() || e.nbma != nbma || e.via != via)) {
            removeEntry(e);
            e = null;
        }
        if (e == null) {
            e = new NhrpCacheEntry(prefix, len, NhrpCacheEntry.Type.DYNAMIC, now);
            e.upSinceNanos = now;
            cache.put(e);
        }
        e.via = via;
        e.nbma = nbma;
        e.claimedNbma = claimed;
        e.nat = claimed != nbma;
        e.expiresNanos = expires;
        e.refreshedNanos = now;
        if (refreshTarget != 0) e.refreshTarget = refreshTarget;           // a requester's refresh keeps ours
        scheduleExpiry(e);
        return e;
    }

    // ---------------------------------------------------------------- shortcuts (phase 3)

    private void offerShortcut(NhrpCacheEntry e) {
        if (!shortcut || e.shortcutInstalled) return;
        boolean override = routing.hasExactRoute(e.prefix, e.prefixLength);
        e.nho = override;
        e.rib = !override;
        e.shortcutInstalled = true;
        listener.shortcutInstalled(this, e.prefix, e.prefixLength, e.via, override);
    }

    private void withdrawShortcut(NhrpCacheEntry e) {
        if (!e.shortcutInstalled) return;
        e.shortcutInstalled = false;
        boolean override = e.nho;
        e.rib = e.nho = false;
        listener.shortcutRemoved(this, e.prefix, e.prefixLength, e.via, override);
    }

    // ---------------------------------------------------------------- indications

    private void onTrafficIndication(byte[] b, int off) {
        if (!shortcut) return;
        int p = contentsOffset(off);
        int n = contentsLength(b, off);
        if (n < Ipv4.MIN_HEADER_LEN || Ipv4.version(b, p) != 4) return;
        int dst = Ipv4.destination(b, p);
        if (dst == protocolAddress || routing.egressPrefixLength(dst) >= 0) return;
        NhrpCacheEntry e = cache.covering(dst);
        if (e != null && !e.isIncomplete() && !e.isStatic() && !e.registered && !e.local) return;   // already direct
        if (pendingByTarget.get(dst) != null) return;
        if (e != null && e.isIncomplete() && e.prefix == dst) {
            startResolution(dst, 0);                                         // a negative entry: try again
            return;
        }
        resolve(dst);
    }

    private void onErrorIndication(byte[] b, int off) {
        int p = contentsOffset(off), n = contentsLength(b, off);
        listener.log(this, 3, "PAKERROR", errorIndicationText(b, off, p, n));
        if (n < HEADERS_LEN || !hasCies(b[p + O_TYPE] & 0xff)) return;
        int id = requestId(b, p);
        int inner = b[p + O_TYPE] & 0xff;
        if (inner == TYPE_REGISTRATION_REQUEST) {
            for (NhrpNhs x : nhsList) {
                // the NHS refused it: down, but the request is retried on its timer (IOS keeps trying)
                if (x.pending && x.currentRequestId == id && x.responding) nhsDown(x);
            }
        } else if (inner == TYPE_RESOLUTION_REQUEST) {
            Pending q = pendingById.get(id);
            if (q != null) finish(q);
        }
    }

    /** IOS's %NHRP-3-PAKERROR text: the code, the packet in error's addresses and its first 16 octets. */
    private static String errorIndicationText(byte[] b, int off, int p, int n) {
        int code = errorCode(b, off);
        StringBuilder sb = new StringBuilder("Received Error Indication from ")
                .append(Ipv4Address.toString(sourceProtocol(b, off))).append(", code: ").append(errorName(code))
                .append('(').append(code).append(')');
        if (n >= HEADERS_LEN) {
            sb.append(", (trigger src: ").append(Ipv4Address.toString(sourceProtocol(b, p))).append(" (nbma: ")
                    .append(Ipv4Address.toString(sourceNbma(b, p))).append(") dst: ")
                    .append(Ipv4Address.toString(destinationProtocol(b, p))).append(')');
        }
        sb.append(", offset: ").append(errorOffset(b, off)).append(", data:");
        for (int i = 0; i < Math.min(16, n); i++) sb.append(String.format(" %02X", b[p + i] & 0xff));
        return sb.toString();
    }

    /** The error codes of RFC 2332 5.2.7 as IOS names them. */
    static String errorName(int code) {
        return switch (code) {
            case ERROR_UNRECOGNIZED_EXTENSION -> "unrecognized extension";
            case ERROR_LOOP_DETECTED -> "loop detected";
            case ERROR_PROTOCOL_ADDRESS_UNREACHABLE -> "protocol address unreachable";
            case ERROR_PROTOCOL_ERROR -> "protocol error";
            case ERROR_SDU_SIZE_EXCEEDED -> "SDU size exceeded";
            case ERROR_INVALID_EXTENSION -> "invalid extension";
            case ERROR_INVALID_RESOLUTION_REPLY -> "invalid resolution reply";
            case ERROR_AUTHENTICATION_FAILURE -> "authentication failure";
            case ERROR_HOP_COUNT_EXCEEDED -> "hop count exceeded";
            default -> "unknown";
        };
    }

    private void sendError(int code, byte[] b, int off, int errorOffset, int toNbma) {
        int len = Math.min(packetSize(b, off), ERROR_CONTENTS_MAX);
        builder.startErrorIndication(DEFAULT_HOP_COUNT, code, errorOffset, nbmaAddress, protocolAddress, sourceProtocol(b, off))
                .contents(b, off, len);                                        // 5.2.7: no extensions
        send(toNbma);
    }

    /** 5.3: a compulsory extension we do not know makes a request we would answer an error. */
    private boolean unrecognizedCompulsory(int fromNbma, byte[] b, int off) {
        int x = unknownCompulsoryExtension(b, off);
        if (x < 0) return false;
        counters.unrecognizedExtension++;
        sendError(ERROR_UNRECOGNIZED_EXTENSION, b, off, x - off, fromNbma);
        return true;
    }

    // ---------------------------------------------------------------- purge (5.2.5, 5.2.6)

    private void onPurgeRequest(int fromNbma, byte[] b, int off) {
        int sender = sourceProtocol(b, off);
        for (int c = firstCie(b, off), end = mandatoryEnd(b, off); c >= 0; c = nextCie(b, c, end)) {
            int a = cieProtocol(b, c) != 0 ? cieProtocol(b, c) : sender;
            int len = ciePrefixLengthIpv4(b, c);
            int prefix = a & Ipv4Address.mask(len);
            for (NhrpCacheEntry e : cache.entries()) {
                if (e.isStatic() || e.local) continue;
                boolean inside = len <= e.prefixLength && ((e.prefix ^ prefix) & Ipv4Address.mask(len)) == 0;
                if (inside && (e.via == sender || e.nbma == fromNbma || e.prefix == prefix)) removeEntry(e);
            }
        }
        if ((flags(b, off) & FLAG_PURGE_NO_REPLY) != 0) return;
        builder.start(TYPE_PURGE_REPLY, DEFAULT_HOP_COUNT, flags(b, off), requestId(b, off), sourceNbma(b, off), sender,
                destinationProtocol(b, off));
        for (int c = firstCie(b, off), end = mandatoryEnd(b, off); c >= 0; c = nextCie(b, c, end)) builder.copyCie(b, c, CODE_SUCCESS);
        replyExtensions(b, off, fromNbma, sender);
        send(fromNbma);
    }

    /**
     * A prefix this router answered Resolution Requests for is gone (its route was withdrawn):
     * tells every requester with a Purge Request (5.2.5) and drops the local entry.
     */
    public void withdrawLocal(int prefix, int len) {
        NhrpCacheEntry l = cache.get(prefix, len);
        if (l == null || !l.local) return;
        for (int i = 0; i < l.requesterCount; i++) {
            NhrpCacheEntry r = cache.host(l.requesters[i]);
            if (r == null || r.isIncomplete()) continue;
            builder.start(TYPE_PURGE_REQUEST, DEFAULT_HOP_COUNT, 0, nextRequestId(), nbmaAddress, protocolAddress,
                            l.requesters[i])
                    .cie(CODE_SUCCESS, len, mtu, 0, 0, nbmaAddress, prefix);
            requestExtensions();
            send(r.nbma, r.natPort);
        }
        removeEntry(l);
    }

    /** `clear ip nhrp`: drops every dynamic and incomplete entry (static ones stay) and outstanding resolutions. */
    public void clear() {
        for (NhrpCacheEntry e : cache.entries()) if (!e.isStatic()) removeEntry(e);
        List<Pending> ps = new ArrayList<>();
        pendingById.forEach((k, p) -> ps.add(p));
        for (Pending p : ps) finish(p);
        redirects.clear();
    }

    // ================================================================ extensions and sending

    /** Extensions of a request: empty Responder Address and transit records, authentication, Cisco NAT (5.3). */
    private void requestExtensions() {
        builder.extension(EXT_RESPONDER_ADDRESS, true)
                .extension(EXT_FORWARD_TRANSIT_NHS, true)
                .extension(EXT_REVERSE_TRANSIT_NHS, true);
        addAuthentication();
        builder.extension(EXT_CISCO_NAT_ADDRESS, false);
    }

    /**
     * Extensions of a reply to the request at off: our Responder Address (5.3.1), the request's
     * transit records, authentication, and in the NAT extension the requester's NBMA address as
     * we see it.
     */
    private void replyExtensions(byte[] b, int off, int requesterNbma, int requester) {
        builder.extension(EXT_RESPONDER_ADDRESS, true).cie(CODE_SUCCESS, 32, mtu, holdtime, 0, nbmaAddress, protocolAddress);
        int fwd = findExtension(b, off, EXT_FORWARD_TRANSIT_NHS);
        if (fwd >= 0) builder.copyExtension(b, fwd);
        int rev = findExtension(b, off, EXT_REVERSE_TRANSIT_NHS);
        if (rev >= 0) builder.copyExtension(b, rev);
        addAuthentication();
        int nat = findExtension(b, off, EXT_CISCO_NAT_ADDRESS);
        if (nat >= 0) {
            if (extFirstCie(b, nat) >= 0) builder.copyExtension(b, nat);
            else builder.extension(EXT_CISCO_NAT_ADDRESS, false).cie(CODE_SUCCESS, 32, 0, 0, 0, requesterNbma, requester);
        }
    }

    private void addAuthentication() {
        if (authSecret != null) builder.authentication(authSecret);
    }

    /** Finishes the packet in the builder and sends it, within `ip nhrp max-send` (to the host being answered, behind PAT). */
    private void send(int dstNbma) { send(dstNbma, UdpEncapsulation.ANY_PORT); }

    /** As {@link #send(int)}, to the host at NAT-T port natPort behind PAT (RFC 3947 §5). */
    private void send(int dstNbma, int natPort) {
        long now = now();
        if (now - windowStart >= MAX_SEND_SECONDS * SECOND) {
            lastWindowSent = windowSent;
            windowStart = now;
            windowSent = 0;
        }
        int type = builder.buffer()[O_TYPE];
        if (windowSent >= MAX_SEND_PACKETS) {
            counters.sendRateLimited++;
            return;
        }
        windowSent++;
        byte[] p = builder.toArray(headroom);
        counters.sent[type]++;
        if (debug) debugPacket("Send", p, headroom);
        transmit.send(dstNbma, natPort, p, headroom, p.length - headroom);
    }

    private void debugPacket(String verb, byte[] b, int off) {
        int t = type(b, off);
        debug("NHRP: " + verb + " " + typeName(t) + " via " + interfaceName + " vrf 0, packet size: " + packetSize(b, off));
        debug(" src: " + Ipv4Address.toString(sourceProtocol(b, off)) + ", dst: "
                + Ipv4Address.toString(destinationProtocol(b, off)));
    }

    private void debug(String line) { listener.debug(this, line); }

    // ================================================================ timers and entries

    private void scheduleExpiry(NhrpCacheEntry e) {
        cancel(e.timer);
        e.timer = null;
        if (e.expiresNanos == NhrpCacheEntry.NEVER) return;
        long now = now();
        long hold = e.expiresNanos - e.refreshedNanos;
        long lead = Math.min(REFRESH_LEAD_SECONDS * SECOND, hold / 2);
        long at = e.refreshTarget != 0 && e.expiresNanos - lead > now ? e.expiresNanos - lead : e.expiresNanos;
        e.timer = scheduler.schedule(at - now, () -> entryTimer(e));
    }

    private void entryTimer(NhrpCacheEntry e) {
        e.timer = null;
        if (cache.get(e.prefix, e.prefixLength) != e) return;
        long now = now();
        if (now >= e.expiresNanos) {
            removeEntry(e);
            return;
        }
        // refresh point: re-resolve an entry the data plane used since its last refresh and in the last sweep window
        if (e.refreshTarget != 0 && usedSinceRefresh(e, now) && pendingByTarget.get(e.refreshTarget) == null) {
            NhrpCacheEntry hop = cache.host(e.via);
            startResolution(e.refreshTarget, hop != null && !hop.isIncomplete() ? hop.nbma : 0);
        }
        e.timer = scheduler.schedule(e.expiresNanos - now, () -> entryTimer(e));
    }

    /**
     * The entry, or (for a network entry) its next hop's entry, carried data since the entry was
     * last refreshed and within the last {@value #USED_WINDOW_SECONDS} s (IOS clears `used` each sweep).
     */
    private boolean usedSinceRefresh(NhrpCacheEntry e, long now) {
        long since = Math.max(e.refreshedNanos, now - USED_WINDOW_SECONDS * SECOND);
        if (e.lastUsedNanos >= 0 && e.lastUsedNanos >= since) return true;
        NhrpCacheEntry hop = e.prefixLength == 32 && e.prefix == e.via ? null : cache.host(e.via);
        return hop != null && hop.lastUsedNanos >= 0 && hop.lastUsedNanos >= since;
    }

    private void removeEntry(NhrpCacheEntry e) {
        cancel(e.timer);
        e.timer = null;
        cache.remove(e);
        withdrawShortcut(e);
        if (e.registered && dropMulticast(e)) {
            multicastCache = null;
            listener.multicastChanged(this);
        }
        listener.entryRemoved(this, e);
    }

    /** Takes a registered entry's host off the dynamic multicast list unless another registration keeps it there; true when it went. */
    private boolean dropMulticast(NhrpCacheEntry e) {
        long r = route(e);
        for (NhrpCacheEntry x : cache.entries()) if (x != e && x.registered && route(x) == r) return false;
        return dynamicMulticast.remove(r);
    }

    /** The first responding NHS, else the first one with an NBMA address (it may just not have answered yet). */
    private NhrpNhs activeNhs() {
        NhrpNhs fallback = null;
        for (NhrpNhs n : nhsList) {
            if (n.nbma == 0) continue;
            if (n.responding) return n;
            if (fallback == null) fallback = n;
        }
        return fallback;
    }

    private NhrpNhs nhs(int address) {
        for (NhrpNhs n : nhsList) if (n.address == address) return n;
        return null;
    }

    private int nextRequestId() {
        int id = nextRequestId++;
        if (nextRequestId == 0) nextRequestId = 1;
        return id;
    }

    private long now() { return scheduler.nanos(); }

    private static void cancel(Scheduler.Timer t) {
        if (t != null) t.cancel();
    }

    // ================================================================ state for show commands

    public String interfaceName() { return interfaceName; }

    /** IOS short form: Tunnel0 → Tu0. */
    public String shortInterfaceName() {
        return interfaceName.startsWith("Tunnel") ? "Tu" + interfaceName.substring(6) : interfaceName;
    }

    public NhrpCache cache() { return cache; }

    public List<NhrpNhs> nhs() { return Collections.unmodifiableList(nhsList); }

    public NhrpCounters counters() { return counters; }

    /** NHRP runs here (`ip nhrp network-id` is set). */
    public boolean enabled() { return enabled; }

    public Long networkId() { return networkId; }

    public boolean up() { return up; }

    /** `Type:Spoke` when NHSs are configured, else `Type:Hub`. */
    public boolean isSpoke() { return !nhsList.isEmpty(); }

    public int protocolAddress() { return protocolAddress; }

    public int protocolMask() { return protocolMask; }

    public int nbmaAddress() { return nbmaAddress; }

    public int holdtime() { return holdtime; }

    public int registrationTimeout() { return registrationTimeout; }

    public boolean redirect() { return redirect; }

    public boolean shortcut() { return shortcut; }

    public long createdNanos() { return createdNanos; }

    /** Packets sent in the last complete max-send interval, and the limit (`Usage:` in `show ip nhrp traffic`). */
    public int maxSendUsagePercent() {
        long now = now();
        int sent = now - windowStart >= MAX_SEND_SECONDS * SECOND ? 0 : Math.max(windowSent, lastWindowSent);
        return (int) (sent * 100L / MAX_SEND_PACKETS);
    }

    public int maxSendPackets() { return MAX_SEND_PACKETS; }

    public int maxSendSeconds() { return MAX_SEND_SECONDS; }

    /** Number of Resolution Requests waiting for replies. */
    public int pendingResolutions() { return pendingById.size(); }
}
