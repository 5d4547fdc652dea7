package dev.routerlab.tunnel;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.PathMtus;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.sim.Scheduler;

/**
 * A point-to-point GRE tunnel (RFC 2784) with the key and sequence-number extensions (RFC 2890)
 * and Cisco GRE keepalives: its header options, sequence state and the keepalive state machine.
 * Its {@link GreInterface} encapsulates and decapsulates with these options; this class only
 * keeps them, checks received headers against them and decides whether keepalives say the far
 * end is alive. Runs on the router's scheduler.
 */
public final class GreTunnel {
    /** Outer IPv4 header plus the 4-byte base GRE header. */
    public static final int BASE_OVERHEAD = Ipv4.MIN_HEADER_LEN + Gre.BASE_HEADER_LEN;

    /** What the tunnel needs from its interface's data path ({@link GreInterface}). */
    public interface Host {
        /** Send this keepalive (a complete outer IPv4 or IPv6 packet) towards the tunnel destination. */
        void sendKeepalive(GreTunnel t, byte[] packet);

        /** The keepalive verdict changed: re-evaluate the line protocol. */
        void keepaliveChanged(GreTunnel t);

        /** A fresh IPv4 identification value. */
        int nextIpId();
    }

    public final InterfaceName name;
    /** IOS's `tunnel path-mtu-discovery` defaults: ager 10 minutes, min MTU 92. */
    public static final int PMTUD_MIN_MTU = 92;
    public static final int PMTUD_AGER_MINUTES = 10;
    /** At most this many destinations' learned path MTUs are kept (an mGRE hub's spokes). */
    static final int MAX_LEARNED = 4096;
    private boolean pathMtuDiscovery;
    /**
     * What "fragmentation needed" taught, per outer destination (a point-to-point tunnel's one, an
     * mGRE tunnel's NBMA peers), floored by `min-mtu`, aged by `age-timer` (0: `infinite`).
     */
    private final PathMtus<Integer> learned = new PathMtus<>(PMTUD_MIN_MTU, MAX_LEARNED);
    private final Scheduler scheduler;
    private final Host host;

    // configuration
    private InterfaceName sourceInterface;
    private Integer sourceAddress;
    private Integer destination;
    /** `tunnel mode gre ipv6`: the outer header is IPv6 (RFC 7676), with these endpoints. */
    private boolean ipv6;
    private Ipv6Address sourceIpv6;
    private Ipv6Address destinationIpv6;
    private Long key;
    private boolean checksum;
    private boolean sequencing;
    private int keepalivePeriod;
    private int keepaliveRetries = 3;

    // resolved by the IPv4 engine's line-protocol evaluation (an IPv6 transport's by its GreInterface)
    private int source;
    private Ipv6Address source6;

    // RFC 2890 section 2.2 sequence state
    private long txSequence;
    private long rxLast;
    private boolean rxSeen;

    // keepalive state machine
    private Scheduler.Timer timer;
    private boolean keepaliveActive;
    private int missed;
    private boolean keepaliveDown;

    // counters beyond the interface's
    private long keepalivesSent;
    private long keepalivesReceived;
    private long outOfOrder;
    private long checksumMissing;

    public GreTunnel(InterfaceName name, Scheduler scheduler, Host host) {
        this.name = name;
        this.scheduler = scheduler;
        this.host = host;
    }

    /** Copies the tunnel settings from the interface's model. */
    public void configure(InterfaceConfig c) {
        sourceInterface = c.tunnelSourceInterface;
        ipv6 = c.tunnelMode == InterfaceConfig.TunnelMode.GRE_IPV6 || c.tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV6;
        sourceAddress = ipv6 ? null : c.tunnelSourceAddress;
        Integer was = destination;
        destination = ipv6 ? null : c.tunnelDestination;
        sourceIpv6 = ipv6 ? c.tunnelSourceIpv6 : null;
        destinationIpv6 = ipv6 ? c.tunnelDestinationIpv6 : null;
        key = c.tunnelKey;
        checksum = c.tunnelChecksum;
        pathMtuDiscovery = c.tunnelPathMtuDiscovery;
        int age = c.tunnelPmtudAgeMinutes == null ? PMTUD_AGER_MINUTES : c.tunnelPmtudAgeMinutes;
        learned.aging(c.tunnelPmtudMinMtu == null ? PMTUD_MIN_MTU : c.tunnelPmtudMinMtu, age * 60_000_000_000L);
        if (!pathMtuDiscovery || !java.util.Objects.equals(was, destination)) learned.clear();
        boolean seq = c.tunnelSequenceDatagrams;
        if (seq != sequencing) {
            sequencing = seq;
            rxSeen = false;
        }
        int period = c.effectiveKeepalive();
        int retries = c.keepaliveRetries == null ? 3 : c.keepaliveRetries;
        if (period != keepalivePeriod) {
            keepalivePeriod = period;
            stopKeepalives();
        }
        keepaliveRetries = retries;
    }

    /** `tunnel path-mtu-discovery`: the outer DF copied from an inner IPv4 packet, "fragmentation needed" heard. */
    public boolean pathMtuDiscovery() { return pathMtuDiscovery; }

    /** `age-timer` in minutes, 0 for `infinite` (IOS's `show interfaces`: ager 10 mins). */
    public int pmtudAgerMinutes() { return (int) (learned.agerNanos() / 60_000_000_000L); }

    /** `min-mtu` (IOS default 92). */
    public int pmtudMinMtu() { return learned.floor(); }

    /**
     * RFC 1191 §3: a "fragmentation needed" about one of the tunnel's outer packets towards
     * destination lowers that path's MTU (never below `min-mtu`; a message without a next-hop MTU
     * is ignored); raised again by the ager (`age-timer`) after the last reduction, never with `infinite`.
     */
    void lowerPathMtu(int destination, int nextHopMtu) {
        if (pathMtuDiscovery && nextHopMtu > 0) learned.reduce(destination, nextHopMtu, scheduler.nanos());
    }

    /** The path MTU of the IPv4 transport towards destination: linkMtu, or what "fragmentation needed" taught while it holds. */
    public int pathMtu(int destination, int linkMtu) { return learned.toward(destination, linkMtu, scheduler.nanos()); }

    /** A point-to-point tunnel's path MTU: {@link #pathMtu(int, int)} towards its destination. */
    public int pathMtu(int linkMtu) { return destination == null ? linkMtu : pathMtu(destination, linkMtu); }

    /** The learned path MTUs still holding (expired ones are forgotten), in the order learned. */
    public java.util.List<PathMtus.Learned<Integer>> learnedPaths() { return learned.holding(scheduler.nanos()); }

    public InterfaceName sourceInterface() { return sourceInterface; }

    public Integer sourceAddress() { return sourceAddress; }

    public Integer destination() { return destination; }

    /** True for `tunnel mode gre ipv6` and `tunnel mode ipsec ipv6`: an IPv6 transport. */
    public boolean ipv6() { return ipv6; }

    /** `tunnel source X:X:X:X::X` of an IPv6 transport, or null. */
    public Ipv6Address sourceIpv6() { return sourceIpv6; }

    /** `tunnel destination X:X:X:X::X` of an IPv6 transport, or null. */
    public Ipv6Address destinationIpv6() { return destinationIpv6; }

    public Long key() { return key; }

    public boolean checksum() { return checksum; }

    public boolean sequencing() { return sequencing; }

    public int keepalivePeriod() { return keepalivePeriod; }

    public int keepaliveRetries() { return keepaliveRetries; }

    /** The outer source address in use (0 until resolved). */
    public int source() { return source; }

    public void setSource(int a) { source = a; }

    /** An IPv6 transport's source address in use (null until resolved). */
    public Ipv6Address source6() { return source6; }

    public void setSource6(Ipv6Address a) { source6 = a; }

    /** Both ends known: keepalives can go (an IPv4 or an IPv6 transport). */
    public boolean endpoints() { return ipv6 ? source6 != null && destinationIpv6 != null : source != 0 && destination != null; }

    /** GRE flags this tunnel sends: C, K and S as configured. */
    public int flags() {
        return (checksum ? Gre.FLAG_CHECKSUM : 0) | (key != null ? Gre.FLAG_KEY : 0) | (sequencing ? Gre.FLAG_SEQUENCE : 0);
    }

    public int greHeaderLength() { return Gre.headerLength(flags()); }

    /** Bytes the tunnel adds to each packet: the outer IPv4 (20) or IPv6 (40, RFC 7676 §3) header + GRE with its options. */
    public int overhead() { return (ipv6 ? Ipv6.HEADER_LEN : Ipv4.MIN_HEADER_LEN) + greHeaderLength(); }

    public long keyValue() { return key == null ? 0 : key; }

    /** The next sequence number to send (RFC 2890 2.2: starts at 0, wraps at 2^32). */
    public long nextSequence() {
        long s = txSequence;
        txSequence = (txSequence + 1) & 0xffffffffL;
        return s;
    }

    /**
     * Does a received GRE header (already checked by {@link Gre#check}) belong to this tunnel?
     * The key must match: present with the same value, or absent on both sides (RFC 2890 2.1).
     */
    public boolean matchesKey(byte[] b, int greOff) {
        boolean k = Gre.keyPresent(b, greOff);
        if (key == null) return !k;
        return k && Gre.key(b, greOff) == key;
    }

    /**
     * Receive-side checks of this tunnel's options: a tunnel with `tunnel checksum` drops packets
     * without a checksum; with `tunnel sequence-datagrams`, a packet without a sequence number
     * or not after the last one received is dropped (RFC 2890 2.2). Returns true to accept.
     */
    public boolean accept(byte[] b, int greOff) {
        if (checksum && !Gre.checksumPresent(b, greOff)) {
            checksumMissing++;
            return false;
        }
        if (!sequencing) return true;
        if (!Gre.sequencePresent(b, greOff)) {
            outOfOrder++;
            return false;
        }
        long s = Gre.sequence(b, greOff);
        if (rxSeen && !Gre.sequenceAfter(s, rxLast)) {
            outOfOrder++;
            return false;
        }
        rxSeen = true;
        rxLast = s;
        return true;
    }

    // ---- Cisco GRE keepalives

    /**
     * Runs or stops the keepalive timer: keepalives go out every period while the tunnel is
     * enabled with a source and destination, whatever its line protocol (that is how it comes back).
     */
    public void keepalives(boolean run) {
        if (!run || keepalivePeriod <= 0) {
            stopKeepalives();
            return;
        }
        if (keepaliveActive) return;
        keepaliveActive = true;
        missed = 0;
        timer = scheduler.schedule(keepalivePeriod * 1_000_000_000L, this::tick);
    }

    private void stopKeepalives() {
        if (timer != null) timer.cancel();
        timer = null;
        keepaliveActive = false;
        missed = 0;
        if (keepaliveDown) {
            keepaliveDown = false;
            host.keepaliveChanged(this);
        }
    }

    /** Each period: one more unanswered keepalive; past the retries the line protocol goes down. */
    private void tick() {
        if (!keepaliveActive) return;
        missed++;
        if (missed > keepaliveRetries && !keepaliveDown) {
            keepaliveDown = true;
            host.keepaliveChanged(this);
        }
        if (!keepaliveActive) return;
        if (endpoints()) {
            long seq = sequencing ? nextSequence() : 0;
            byte[] p = ipv6 ? Gre.buildKeepalive6(source6, destinationIpv6, 255, flags(), keyValue(), seq)
                : Gre.buildKeepalive(source, destination, host.nextIpId(), 255, flags(), keyValue(), seq);
            keepalivesSent++;
            host.sendKeepalive(this, p);
        }
        timer = scheduler.schedule(keepalivePeriod * 1_000_000_000L, this::tick);
    }

    /** A keepalive came back: the far end is alive. */
    public void keepaliveReceived() {
        keepalivesReceived++;
        missed = 0;
        if (keepaliveDown) {
            keepaliveDown = false;
            host.keepaliveChanged(this);
        }
    }

    /** True while keepalives have gone unanswered past the retries. */
    public boolean keepaliveDown() { return keepaliveDown; }

    public long keepalivesSent() { return keepalivesSent; }

    public long keepalivesReceived() { return keepalivesReceived; }

    public long outOfOrder() { return outOfOrder; }

    public long checksumMissing() { return checksumMissing; }

    /** Forget sequence state and stop timers (reload, interface removed). */
    public void close() {
        stopKeepalives();
        learned.clear();
        rxSeen = false;
        txSequence = 0;
    }
}
