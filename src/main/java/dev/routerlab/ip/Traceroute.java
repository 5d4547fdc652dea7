package dev.routerlab.ip;

import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Udp;

/**
 * `traceroute`: UDP probes with growing TTL (ports from 33434 up), sent one at a time; each hop
 * is answered by ICMP time exceeded, the destination by port unreachable. Hops and probes go to
 * a {@link Listener}; the trace ends at the maximum TTL or after the hop that reached the
 * destination (or an unreachable).
 */
public final class Traceroute extends Probe {
    /** The first destination port (the extended dialog's `Port Number [33434]`). */
    public static final int BASE_PORT = 33434;

    /** Receives the trace as it goes. */
    public interface Listener {
        /** A new hop: its probes follow. */
        void hop(int ttl);

        /** A probe got no answer in time. */
        void lost();

        /** A probe was answered: ICMP type and code, from responder, rtt milliseconds after it left. */
        void answered(int responder, int type, int code, long rttMillis);

        /** The hop's probes are all done. */
        void hopDone();

        void done();
    }

    private final Listener listener;
    private final int probes;
    private final int maxTtl;
    private final int sourcePort;
    private int ttl;
    private int probe;
    private int port;
    private boolean reached;

    /** A trace routed in a VRF's table (null: the global one): `traceroute vrf NAME`. */
    public Traceroute(IpEngine ip, String vrf, Listener listener, int destination, int source, long timeoutNanos, int probes,
                      int minTtl, int maxTtl, int sourcePort, int basePort) {
        super(ip, vrf, destination, source, timeoutNanos);
        this.port = basePort;
        this.listener = listener;
        this.probes = probes;
        this.maxTtl = maxTtl;
        this.sourcePort = sourcePort;
        this.ttl = minTtl;
    }

    /** Starts the next hop, or ends the trace. */
    @Override
    void next() {
        if (ttl > maxTtl) {
            finish();
            return;
        }
        probe = 0;
        listener.hop(ttl);
        send();
    }

    @Override
    void finish() {
        super.finish();
        listener.done();
    }

    @Override int length() { return Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN; }

    @Override
    void write(byte[] p, int off, int src) {
        Udp.writeHeader(p, off + Ipv4.MIN_HEADER_LEN, src, destination, sourcePort, port, 0);
        Ipv4.writeHeader(p, off, 0, length(), ip.nextIpId(), 0, ttl, Ipv4.PROTO_UDP, src, destination);
    }

    @Override
    boolean answers(byte[] b, int off, int len) {
        int io = icmpOffset(b, off);
        int type = Icmp.type(b, io);
        if (type != Icmp.TYPE_TIME_EXCEEDED && type != Icmp.TYPE_DEST_UNREACHABLE) return false;
        int q = io + Icmp.HEADER_LEN, qlen = len - (io - off) - Icmp.HEADER_LEN;
        if (qlen < Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN) return false;
        int qhl = Ipv4.headerLength(b, q);
        return qhl >= Ipv4.MIN_HEADER_LEN && qlen >= qhl + Udp.HEADER_LEN && Ipv4.protocol(b, q) == Ipv4.PROTO_UDP
            && Ipv4.destination(b, q) == destination && Udp.sourcePort(b, q + qhl) == sourcePort
            && Udp.destinationPort(b, q + qhl) == port;
    }

    @Override
    void answered(byte[] b, int off, int len, long rttMillis) {
        int io = icmpOffset(b, off);
        int type = Icmp.type(b, io), responder = Ipv4.source(b, off);
        if (type == Icmp.TYPE_DEST_UNREACHABLE || responder == destination) reached = true;
        listener.answered(responder, type, Icmp.code(b, io), rttMillis);
        nextProbe();
    }

    @Override
    void lost() {
        listener.lost();
        nextProbe();
    }

    private void nextProbe() {
        port++;
        if (++probe < probes) {
            send();
            return;
        }
        listener.hopDone();
        if (reached) {
            finish();
            return;
        }
        ttl++;
        next();
    }
}
