package dev.routerlab.ipv6;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.Icmpv6;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Scheduler;

/**
 * `ping ipv6` (ICMPv6 echo, RFC 4443 §4) and `traceroute ipv6` (UDP to ports from 33434 with
 * rising hop limits, as IOS sends them): one probe outstanding, answered by an echo reply or an
 * ICMPv6 error quoting it, or lost after the timeout. Outcomes go to a listener.
 */
public final class Ipv6Probe implements Ipv6Engine.IcmpListener {
    /** What answered a probe, with the character IOS ping prints for it. */
    public enum Outcome {
        REPLY('!'), TIMEOUT('.'), UNREACHABLE('U'), HOP_LIMIT('&'), TOO_BIG('B'), OTHER('?');

        public final char mark;

        Outcome(char mark) { this.mark = mark; }
    }

    public interface Listener {
        /** One probe's answer: from whom (null on timeout), after how long. */
        void answer(int hop, Outcome o, Ipv6Address from, long rttMillis);

        /** No more probes. */
        void done();
    }

    public static final int TRACE_PORT = 33434;
    private final Ipv6Engine engine;
    private final Ipv6Address destination, source;
    private final boolean trace;
    private final int count, size, maxHops, probesPerHop;
    private final long timeoutNanos;
    private final Listener listener;
    private final int identifier;
    private int sequence, hop = 1, ofHop;
    private boolean waiting, over, reached;
    private long sentAt;
    private Scheduler.Timer timer;

    private Ipv6Probe(Ipv6Engine engine, Ipv6Address destination, Ipv6Address source, boolean trace, int count, int size,
                      int maxHops, int probesPerHop, long timeoutNanos, int identifier, Listener listener) {
        this.engine = engine;
        this.destination = destination;
        this.source = source;
        this.trace = trace;
        this.count = count;
        this.size = size;
        this.maxHops = maxHops;
        this.probesPerHop = probesPerHop;
        this.timeoutNanos = timeoutNanos;
        this.identifier = identifier;
        this.listener = listener;
    }

    /** A ping of count echos of size bytes (IPv6 header included, at least 48); source null: chosen by the route. */
    public static Ipv6Probe ping(Ipv6Engine e, Ipv6Address dst, Ipv6Address src, int count, int size, long timeoutNanos, int identifier, Listener l) {
        return new Ipv6Probe(e, dst, src, false, count, Math.max(size, Ipv6.HEADER_LEN + Icmpv6.HEADER_LEN), 0, 1, timeoutNanos, identifier, l);
    }

    /** A traceroute: probesPerHop UDP probes per hop limit from 1 to maxHops, until the destination answers. */
    public static Ipv6Probe traceroute(Ipv6Engine e, Ipv6Address dst, int maxHops, int probesPerHop, long timeoutNanos, int identifier, Listener l) {
        return new Ipv6Probe(e, dst, null, true, 0, Ipv6.HEADER_LEN + Udp.HEADER_LEN + 12, maxHops, probesPerHop, timeoutNanos, identifier, l);
    }

    public void start() {
        engine.addIcmpListener(this);
        send();
    }

    /** The escape sequence: no more probes. */
    public void abort() {
        if (over) return;
        waiting = false;
        if (timer != null) timer.cancel();
        finish();
    }

    private void finish() {
        over = true;
        engine.removeIcmpListener(this);
        listener.done();
    }

    private void send() {
        Scheduler s = engine.scheduler();
        waiting = true;
        sentAt = s.nanos();
        timer = s.schedule(timeoutNanos, this::expired);
        Ipv6Address src = source != null ? source : engine.sourceFor(null, destination);
        if (src == null) return;                                  // no route: the probe times out
        byte[] p;
        if (trace) {
            byte[] data = new byte[size - Ipv6.HEADER_LEN - Udp.HEADER_LEN];
            byte[] u = new byte[Udp.HEADER_LEN + data.length];
            Bytes.put16(u, 0, identifier);
            Bytes.put16(u, 2, TRACE_PORT + sequence);
            Bytes.put16(u, 4, u.length);
            p = Ipv6.build(Ipv6Engine.HEADROOM, 0, Ipv6.NH_UDP, hop, src, destination, u, 0, u.length);
            int at = Ipv6Engine.HEADROOM + Ipv6.HEADER_LEN;
            long ph = Ipv6.pseudoHeader(src, destination, u.length, Ipv6.NH_UDP);
            int c = Checksum.finish(Checksum.sum(p, at, u.length, ph));
            Bytes.put16(p, at + 6, c == 0 ? 0xffff : c);   // RFC 8200 §8.1: never zero
        } else {
            byte[] data = new byte[size - Ipv6.HEADER_LEN - Icmpv6.HEADER_LEN];
            for (int i = 0; i < data.length; i++) data[i] = (byte) ((i & 1) == 0 ? 0xab : 0xcd);   // IOS's 0xABCD pattern
            p = Icmpv6.buildPacket(Ipv6Engine.HEADROOM, src, destination, 64,
                    Icmpv6.echo(Icmpv6.TYPE_ECHO_REQUEST, identifier, sequence & 0xffff, data, 0, data.length));
        }
        engine.send(p, Ipv6Engine.HEADROOM, p.length - Ipv6Engine.HEADROOM);
    }

    private void expired() {
        if (!waiting) return;
        waiting = false;
        listener.answer(hop, Outcome.TIMEOUT, null, 0);
        next();
    }

    private void next() {
        sequence++;
        if (trace) {
            if (++ofHop >= probesPerHop) {
                ofHop = 0;
                if (reached || ++hop > maxHops) {
                    finish();
                    return;
                }
            }
        } else if (sequence >= count) {
            finish();
            return;
        }
        send();
    }

    @Override
    public void icmp(byte[] b, int ipOff, int at, int len) {
        if (!waiting || !answers(b, ipOff, at, len)) return;
        waiting = false;
        timer.cancel();
        int type = Icmpv6.type(b, at);
        Outcome o = switch (type) {
            case Icmpv6.TYPE_ECHO_REPLY -> Outcome.REPLY;
            case Icmpv6.TYPE_DEST_UNREACHABLE -> trace && Icmpv6.code(b, at) == Icmpv6.CODE_PORT_UNREACHABLE ? Outcome.REPLY : Outcome.UNREACHABLE;
            case Icmpv6.TYPE_TIME_EXCEEDED -> Outcome.HOP_LIMIT;
            case Icmpv6.TYPE_PACKET_TOO_BIG -> Outcome.TOO_BIG;
            default -> Outcome.OTHER;
        };
        if (trace && type == Icmpv6.TYPE_DEST_UNREACHABLE) reached = true;
        listener.answer(hop, o, Ipv6.source(b, ipOff), (engine.scheduler().nanos() - sentAt) / 1_000_000L);
        next();
    }

    /** An echo reply to the outstanding echo, or an error quoting the outstanding probe (its header right after the error's). */
    private boolean answers(byte[] b, int ipOff, int at, int len) {
        int type = Icmpv6.type(b, at);
        if (!trace && type == Icmpv6.TYPE_ECHO_REPLY) {
            return len >= Icmpv6.HEADER_LEN && Ipv6.source(b, ipOff).equals(destination)
                    && Icmpv6.identifier(b, at) == identifier && Icmpv6.sequence(b, at) == (sequence & 0xffff);
        }
        if (!Icmpv6.isError(type)) return false;
        int q = at + Icmpv6.HEADER_LEN;
        if (len < Icmpv6.HEADER_LEN + Ipv6.HEADER_LEN + 8) return false;
        if (!Ipv6.destination(b, q).equals(destination)) return false;
        int u = q + Ipv6.HEADER_LEN;
        if (trace) return Ipv6.nextHeader(b, q) == Ipv6.NH_UDP && Bytes.u16(b, u) == identifier
                && Bytes.u16(b, u + 2) == TRACE_PORT + sequence;
        return Ipv6.nextHeader(b, q) == Ipv6.NH_ICMPV6 && Icmpv6.type(b, u) == Icmpv6.TYPE_ECHO_REQUEST
                && Icmpv6.identifier(b, u) == identifier && Icmpv6.sequence(b, u) == (sequence & 0xffff);
    }
}
