package dev.routerlab.ip;

import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;

/**
 * `ping`: ICMP echoes (RFC 792) sent one at a time on the router's scheduler; each waits for
 * its reply up to the timeout. Each echo's outcome goes to a {@link Listener}.
 */
public final class Ping extends Probe {
    /** What became of one echo. */
    public enum Outcome { REPLY, TIMEOUT, UNREACHABLE, CANNOT_FRAGMENT, SOURCE_QUENCH, TTL_EXCEEDED, OTHER }

    /** Receives the outcome of each echo, in order, then the end. */
    public interface Listener {
        /** One echo's outcome; rttMillis is meaningful for a reply. */
        void echo(Outcome outcome, long rttMillis);

        void done();
    }

    private final Listener listener;
    private final int count;
    private final int size;
    private final boolean df;
    private final int identifier;
    private final byte[] data;
    private int sequence = -1;

    public Ping(IpEngine ip, Listener listener, int destination, int count, int size, int source, boolean df,
                long timeoutNanos, int identifier) {
        this(ip, null, listener, destination, count, size, source, df, timeoutNanos, identifier);
    }

    /** `ping vrf NAME ...`: the echoes routed in the VRF's table (null: the global one). */
    public Ping(IpEngine ip, String vrf, Listener listener, int destination, int count, int size, int source, boolean df,
                long timeoutNanos, int identifier) {
        super(ip, vrf, destination, source, timeoutNanos);
        this.listener = listener;
        this.count = count;
        this.size = size;
        this.df = df;
        this.identifier = identifier;
        this.data = new byte[size - Ipv4.MIN_HEADER_LEN - Icmp.HEADER_LEN];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 2 == 0 ? 0xab : 0xcd);   // IOS pattern 0xABCD
    }

    @Override
    void next() {
        if (++sequence >= count) finish();
        else send();
    }

    @Override
    void finish() {
        super.finish();
        listener.done();
    }

    @Override int length() { return size; }

    @Override
    void write(byte[] p, int off, int src) {
        Icmp.writeEcho(p, off + Ipv4.MIN_HEADER_LEN, Icmp.TYPE_ECHO_REQUEST, identifier, sequence & 0xffff, data, 0, data.length);
        Ipv4.writeHeader(p, off, 0, size, ip.nextIpId(), df ? Ipv4.FLAG_DF : 0, 255, Ipv4.PROTO_ICMP, src, destination);
    }

    @Override
    boolean answers(byte[] b, int off, int len) {
        int io = icmpOffset(b, off);
        int type = Icmp.type(b, io);
        if (type == Icmp.TYPE_ECHO_REPLY) {
            return Ipv4.source(b, off) == destination && Icmp.identifier(b, io) == identifier
                && Icmp.sequence(b, io) == (sequence & 0xffff);
        }
        return Icmp.isError(type) && quotesOurEcho(b, io + Icmp.HEADER_LEN, len - (io - off) - Icmp.HEADER_LEN);
    }

    /** Does the quoted datagram of an ICMP error hold our current echo? */
    private boolean quotesOurEcho(byte[] b, int q, int qlen) {
        if (qlen < Ipv4.MIN_HEADER_LEN + Icmp.HEADER_LEN) return false;
        int qhl = Ipv4.headerLength(b, q);
        if (qhl < Ipv4.MIN_HEADER_LEN || qlen < qhl + Icmp.HEADER_LEN) return false;
        return Ipv4.protocol(b, q) == Ipv4.PROTO_ICMP && Ipv4.destination(b, q) == destination
            && Icmp.type(b, q + qhl) == Icmp.TYPE_ECHO_REQUEST && Icmp.identifier(b, q + qhl) == identifier
            && Icmp.sequence(b, q + qhl) == (sequence & 0xffff);
    }

    @Override
    void answered(byte[] b, int off, int len, long rttMillis) {
        int io = icmpOffset(b, off);
        int code = Icmp.code(b, io);
        listener.echo(switch (Icmp.type(b, io)) {
            case Icmp.TYPE_ECHO_REPLY -> Outcome.REPLY;
            case Icmp.TYPE_DEST_UNREACHABLE -> code == Icmp.CODE_FRAGMENTATION_NEEDED ? Outcome.CANNOT_FRAGMENT : Outcome.UNREACHABLE;
            case Icmp.TYPE_TIME_EXCEEDED -> Outcome.TTL_EXCEEDED;
            case 4 -> Outcome.SOURCE_QUENCH;
            default -> Outcome.OTHER;
        }, rttMillis);
        next();
    }

    @Override
    void lost() {
        listener.echo(Outcome.TIMEOUT, 0);
        next();
    }
}
