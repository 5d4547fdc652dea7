package dev.routerlab.ip;

import dev.routerlab.packet.Ipv4;
import dev.routerlab.sim.Scheduler;

/**
 * The ICMP listener ping and traceroute share: one probe outstanding at a time, sent on the
 * router's scheduler, answered by an ICMP message that quotes it or lost after the timeout.
 */
abstract sealed class Probe implements IpEngine.IcmpListener permits Ping, Traceroute {
    final IpEngine ip;
    final int destination;
    private final int source;
    private final String vrf;
    private final long timeoutNanos;
    private boolean waiting;
    private boolean over;
    private long sentAt;
    private Scheduler.Timer timer;

    /** A probe sent and routed in a VRF's table (null: the global one). */
    Probe(IpEngine ip, String vrf, int destination, int source, long timeoutNanos) {
        this.ip = ip;
        this.vrf = vrf;
        this.destination = destination;
        this.source = source;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts listening and sends the first probe. */
    public final void start() {
        ip.addIcmpListener(this);
        next();
    }

    /** Sends the next probe, or calls {@link #finish}. */
    abstract void next();

    /** The probe's length (IPv4 header included). */
    abstract int length();

    /** Writes the probe (IPv4 header included) from src at p[off]. */
    abstract void write(byte[] p, int off, int src);

    /** Does this ICMP message (an IPv4 datagram at b[off]) answer the outstanding probe? */
    abstract boolean answers(byte[] b, int off, int len);

    /** The outstanding probe was answered by this ICMP message, rtt milliseconds after it left. */
    abstract void answered(byte[] b, int off, int len, long rttMillis);

    /** The outstanding probe got no answer in time. */
    abstract void lost();

    /** Stops listening: the probes are over. */
    void finish() {
        over = true;
        ip.removeIcmpListener(this);
    }

    /** The user typed the escape sequence: no more probes, the outstanding one is not counted. */
    public final void abort() {
        if (over) return;
        waiting = false;
        if (timer != null) timer.cancel();
        finish();
    }

    /** Sends one probe and waits for its answer up to the timeout. */
    final void send() {
        Scheduler s = ip.scheduler();
        int src = source != 0 ? source : ip.sourceFor(vrf, destination);
        waiting = true;
        sentAt = s.nanos();
        timer = s.schedule(timeoutNanos, this::expired);
        if (src == 0) return;                     // no route: the probe cannot leave, it times out
        int len = length();
        byte[] p = new byte[IpEngine.HEADROOM + len];
        write(p, IpEngine.HEADROOM, src);
        ip.send(vrf, p, IpEngine.HEADROOM, len);
    }

    private void expired() {
        if (!waiting) return;
        waiting = false;
        lost();
    }

    @Override
    public final void icmp(byte[] b, int off, int len) {
        if (!waiting || !answers(b, off, len)) return;
        waiting = false;
        timer.cancel();
        answered(b, off, len, (ip.scheduler().nanos() - sentAt) / 1_000_000L);
    }

    /** Where the ICMP message of the IPv4 datagram at b[off] starts. */
    static int icmpOffset(byte[] b, int off) { return off + Ipv4.headerLength(b, off); }
}
