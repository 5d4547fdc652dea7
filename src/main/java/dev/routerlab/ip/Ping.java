package dev.routerlab.ip;

import dev.routerlab.cli.Session;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.sim.Scheduler;

/**
 * `ping`: ICMP echoes (RFC 792) sent one at a time on the router's scheduler; each waits for
 * its reply up to the timeout. IOS marks: `!` reply, `.` timeout, `U` unreachable, `M` could
 * not fragment, `Q` source quench, `&` lifetime exceeded, `?` anything else.
 */
final class Ping implements IpEngine.IcmpListener {
    private static final int LINE = 70;

    private final IpEngine ip;
    private final Session.Background out;
    private final int destination;
    private final int count;
    private final int size;
    private final int source;
    private final boolean df;
    private final long timeoutNanos;
    private final int identifier;
    private final byte[] data;
    private int sequence = -1;
    private long sentAt;
    private boolean waiting;
    private Scheduler.Timer timer;
    private int replies;
    private long min = Long.MAX_VALUE, max, sum;
    private int column;

    Ping(IpEngine ip, Session.Background out, int destination, int count, int size, int source, boolean df,
         long timeoutNanos, int identifier) {
        this.ip = ip;
        this.out = out;
        this.destination = destination;
        this.count = count;
        this.size = size;
        this.source = source;
        this.df = df;
        this.timeoutNanos = timeoutNanos;
        this.identifier = identifier;
        this.data = new byte[size - Ipv4.MIN_HEADER_LEN - Icmp.HEADER_LEN];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 2 == 0 ? 0xab : 0xcd);   // IOS pattern 0xABCD
    }

    void start() {
        ip.addIcmpListener(this);
        next();
    }

    private void next() {
        if (++sequence >= count) {
            finish();
            return;
        }
        Scheduler s = ip.scheduler();
        int src = source != 0 ? source : ip.sourceFor(destination);
        waiting = true;
        sentAt = s.nanos();
        timer = s.schedule(timeoutNanos, this::timedOut);
        if (src == 0) return;                     // no route: the echo cannot leave, it times out
        byte[] p = new byte[IpEngine.HEADROOM + size];
        int off = IpEngine.HEADROOM;
        Icmp.writeEcho(p, off + Ipv4.MIN_HEADER_LEN, Icmp.TYPE_ECHO_REQUEST, identifier, sequence & 0xffff, data, 0, data.length);
        Ipv4.writeHeader(p, off, 0, size, ip.nextIpId(), df ? Ipv4.FLAG_DF : 0, 255, Ipv4.PROTO_ICMP, src, destination);
        ip.send(p, off, size);
    }

    private void timedOut() {
        if (!waiting) return;
        waiting = false;
        mark('.');
        next();
    }

    @Override
    public void icmp(byte[] b, int off, int len) {
        if (!waiting) return;
        int hl = Ipv4.headerLength(b, off);
        int io = off + hl, il = len - hl;
        int type = Icmp.type(b, io);
        if (type == Icmp.TYPE_ECHO_REPLY) {
            if (Ipv4.source(b, off) != destination || Icmp.identifier(b, io) != identifier
                || Icmp.sequence(b, io) != (sequence & 0xffff)) return;
            long rtt = (ip.scheduler().nanos() - sentAt) / 1_000_000L;
            replies++;
            min = Math.min(min, rtt);
            max = Math.max(max, rtt);
            sum += rtt;
            answered('!');
            return;
        }
        if (!Icmp.isError(type) || !quotesOurEcho(b, io + Icmp.HEADER_LEN, il - Icmp.HEADER_LEN)) return;
        int code = Icmp.code(b, io);
        char c = switch (type) {
            case Icmp.TYPE_DEST_UNREACHABLE -> code == Icmp.CODE_FRAGMENTATION_NEEDED ? 'M' : 'U';
            case Icmp.TYPE_TIME_EXCEEDED -> '&';
            case 4 -> 'Q';
            default -> '?';
        };
        answered(c);
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

    private void answered(char c) {
        waiting = false;
        if (timer != null) timer.cancel();
        mark(c);
        next();
    }

    private void mark(char c) {
        if (column == LINE) {
            out.print("\n");
            column = 0;
        }
        out.print(String.valueOf(c));
        column++;
    }

    private void finish() {
        ip.removeIcmpListener(this);
        StringBuilder sb = new StringBuilder("\nSuccess rate is ").append(replies * 100L / count).append(" percent (")
            .append(replies).append('/').append(count).append(')');
        if (replies > 0) sb.append(", round-trip min/avg/max = ").append(min).append('/').append(sum / replies).append('/').append(max).append(" ms");
        out.print(sb.append('\n').toString());
        out.done();
    }
}
