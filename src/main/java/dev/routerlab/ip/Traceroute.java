package dev.routerlab.ip;

import dev.routerlab.cli.Session;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Scheduler;

/**
 * `traceroute`: UDP probes with growing TTL (3 per hop, 3 s each, ports from 33434 up), sent one
 * at a time; each hop is answered by ICMP time exceeded, the destination by port unreachable.
 * Output as IOS prints it: `  1 10.0.12.2 1 msec 0 msec 1 msec`, `*` for a probe lost, `!H`
 * and the like for unreachables, a new indented line when another router answers.
 */
final class Traceroute implements IpEngine.IcmpListener {
    static final int BASE_PORT = 33434;

    private final IpEngine ip;
    private final Session.Background out;
    private final int destination;
    private final int source;
    private final long timeoutNanos;
    private final int probes;
    private final int maxTtl;
    private final int sourcePort;
    private int ttl;
    private int probe;
    private int port = BASE_PORT;
    private int lastResponder;
    private boolean anyOnLine;
    private boolean reached;
    private boolean waiting;
    private long sentAt;
    private Scheduler.Timer timer;

    Traceroute(IpEngine ip, Session.Background out, int destination, int source, long timeoutNanos, int probes,
               int minTtl, int maxTtl, int sourcePort) {
        this.ip = ip;
        this.out = out;
        this.destination = destination;
        this.source = source;
        this.timeoutNanos = timeoutNanos;
        this.probes = probes;
        this.maxTtl = maxTtl;
        this.sourcePort = sourcePort;
        this.ttl = minTtl;
    }

    void start() {
        ip.addIcmpListener(this);
        startHop();
    }

    private void startHop() {
        if (ttl > maxTtl) {
            finish();
            return;
        }
        probe = 0;
        lastResponder = 0;
        anyOnLine = false;
        out.print(String.format("%3d", ttl));
        send();
    }

    private void send() {
        Scheduler s = ip.scheduler();
        int src = source != 0 ? source : ip.sourceFor(destination);
        waiting = true;
        sentAt = s.nanos();
        timer = s.schedule(timeoutNanos, this::timedOut);
        if (src == 0) return;
        int len = Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN;
        byte[] p = new byte[IpEngine.HEADROOM + len];
        int off = IpEngine.HEADROOM;
        Udp.writeHeader(p, off + Ipv4.MIN_HEADER_LEN, src, destination, sourcePort, port, 0);
        Ipv4.writeHeader(p, off, 0, len, ip.nextIpId(), 0, ttl, Ipv4.PROTO_UDP, src, destination);
        ip.send(p, off, len);
    }

    private void timedOut() {
        if (!waiting) return;
        waiting = false;
        out.print(" * ");
        anyOnLine = true;
        nextProbe();
    }

    @Override
    public void icmp(byte[] b, int off, int len) {
        if (!waiting) return;
        int hl = Ipv4.headerLength(b, off);
        int io = off + hl, il = len - hl;
        int type = Icmp.type(b, io);
        if (type != Icmp.TYPE_TIME_EXCEEDED && type != Icmp.TYPE_DEST_UNREACHABLE) return;
        int q = io + Icmp.HEADER_LEN, qlen = il - Icmp.HEADER_LEN;
        if (qlen < Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN) return;
        int qhl = Ipv4.headerLength(b, q);
        if (qhl < Ipv4.MIN_HEADER_LEN || qlen < qhl + Udp.HEADER_LEN || Ipv4.protocol(b, q) != Ipv4.PROTO_UDP
            || Ipv4.destination(b, q) != destination || Udp.sourcePort(b, q + qhl) != sourcePort
            || Udp.destinationPort(b, q + qhl) != port) return;
        waiting = false;
        timer.cancel();
        int responder = Ipv4.source(b, off);
        StringBuilder sb = new StringBuilder();
        if (responder != lastResponder) {
            sb.append(anyOnLine && lastResponder != 0 ? "\n    " : " ").append(Ipv4Address.toString(responder));
            lastResponder = responder;
        }
        int code = Icmp.code(b, io);
        if (type == Icmp.TYPE_TIME_EXCEEDED || code == Icmp.CODE_PORT_UNREACHABLE) {
            sb.append(' ').append((ip.scheduler().nanos() - sentAt) / 1_000_000L).append(" msec");
        } else {
            sb.append(' ').append(switch (code) {
                case Icmp.CODE_NET_UNREACHABLE -> "!N";
                case Icmp.CODE_HOST_UNREACHABLE -> "!H";
                case Icmp.CODE_PROTOCOL_UNREACHABLE -> "!P";
                case Icmp.CODE_ADMIN_PROHIBITED -> "!A";
                default -> "!?";
            }).append(' ');
        }
        if (type == Icmp.TYPE_DEST_UNREACHABLE || responder == destination) reached = true;
        anyOnLine = true;
        out.print(sb.toString());
        nextProbe();
    }

    private void nextProbe() {
        port++;
        if (++probe < probes) {
            send();
            return;
        }
        out.print("\n");
        if (reached) {
            finish();
            return;
        }
        ttl++;
        startHop();
    }

    private void finish() {
        ip.removeIcmpListener(this);
        out.done();
    }
}
