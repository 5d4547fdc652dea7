package dev.routerlab.tcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.Tcp;
import dev.routerlab.sim.Scheduler;

/**
 * One router's TCP (RFC 9293): the connections ({@link Tcb}) by their four-tuple, the listening
 * ports, segments in (checked, demultiplexed, a RST for a closed port, section 3.10.7.1) and out
 * (the IPv4 header around {@link Tcb}'s segments), ISNs and ephemeral ports from the router's
 * random source (SecureRandom live, seeded in virtual-time labs). IP I/O goes through
 * {@link Network}; connections are bounded in all and half-open ones per listener.
 */
public final class TcpEngine {
    /** What TCP needs of IP. */
    public interface Network {
        /** Sends a complete IPv4 packet the router originates; false when there is no route. */
        boolean send(byte[] p, int off, int len);

        /** The source address for a destination (0: no route). */
        int sourceFor(int dst);

        int nextIpId();
    }

    /** Makes the application's handler for a connection a listener accepted (null refuses it: RST). */
    @FunctionalInterface
    public interface Acceptor {
        TcpHandler accept(Tcb c);
    }

    /** A listening port (LISTEN); {@link #close} stops it (open connections stay). */
    public final class Listener {
        final int port;
        final int id = newId();
        final Acceptor acceptor;
        int halfOpen;
        boolean open = true;

        private Listener(int port, Acceptor acceptor) {
            this.port = port;
            this.acceptor = acceptor;
        }

        public int port() { return port; }

        /** The TCB address IOS prints for it (`show tcp brief all`). */
        public int id() { return id; }

        public void close() {
            if (open && listeners.get(port) == this) listeners.remove(port);
            open = false;
        }
    }

    /** Router-wide counters (`show tcp statistics`). */
    public static final class Stats {
        public long received, badChecksum, badOffset, tooShort, noPort, inSequenceSegments, inSequenceBytes, duplicates, outOfOrder;
        public long sent, dataSegments, dataBytes, acks, resetsSent, resetsReceived, retransmitted;
        public long connectionsInitiated, connectionsAccepted, connectionsEstablished, connectionsClosed;
        public long timeouts, windowProbes, overflowDrops;
    }

    /** TCBs at most (every state but LISTEN), and half-open ones per listener (SYN backlog). */
    public static final int MAX_CONNECTIONS = 256, MAX_HALF_OPEN = 16;
    /** The MSS the router offers (1500-byte Ethernet; RFC 9293 section 3.7.1). */
    public static final int OUR_MSS = 1460;
    private static final int TTL = 255;
    private static final int HEADROOM = IpEngine.HEADROOM;
    /** IOS's ephemeral ports for its own connections. */
    private static final int EPHEMERAL_FIRST = 11000, EPHEMERAL_COUNT = 65536 - EPHEMERAL_FIRST;

    private final Network net;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<Key, Tcb> connections = new HashMap<>();
    private final Map<Integer, Listener> listeners = new HashMap<>();
    private final Stats stats = new Stats();
    /** The last TCB id shown (IOS's hex handles); 0 until the first connection draws its base. */
    private int nextId;

    private record Key(int localAddress, int localPort, int remoteAddress, int remotePort) {}

    public TcpEngine(Network net, Scheduler scheduler, RandomGenerator random) {
        this.net = net;
        this.scheduler = scheduler;
        this.random = random;
    }

    /** TCP on a router's IP engine: protocol 6 to the router's own addresses comes here. */
    public static TcpEngine on(IpEngine ip, Scheduler scheduler, RandomGenerator random) {
        TcpEngine t = new TcpEngine(new Network() {
            @Override public boolean send(byte[] p, int off, int len) { return ip.send(p, off, len); }

            @Override public int sourceFor(int dst) { return ip.sourceFor(dst); }

            @Override public int nextIpId() { return ip.nextIpId(); }
        }, scheduler, random);
        ip.register(Ipv4.PROTO_TCP, new IpEngine.LocalHandler() {   // not a lambda: see device.Router
            @Override public boolean receive(dev.routerlab.ip.IpInterface in, byte[] b, int off, int len) { return t.receive(b, off, len); }
        });
        return t;
    }

    Scheduler scheduler() { return scheduler; }

    Scheduler timers() { return scheduler; }

    public Stats stats() { return stats; }

    /** The connections, listeners excluded, in creation order of their ids. */
    /** Not Comparator.comparingInt (its lambda is spun at run time), nor a lambda (linked before the first prompt). */
    private static final java.util.Comparator<Tcb> BY_ID = new java.util.Comparator<>() {
        @Override public int compare(Tcb x, Tcb y) { return Integer.compare(x.id(), y.id()); }
    };

    public List<Tcb> connections() {
        List<Tcb> l = new ArrayList<>(connections.values());
        l.sort(BY_ID);
        return l;
    }

    /** The listeners (LISTEN), by port. */
    public List<Listener> listening() {
        List<Listener> l = new ArrayList<>(listeners.values());
        l.sort((x, y) -> Integer.compare(x.port(), y.port()));
        return l;
    }

    /** Power-on (reload): every connection is forgotten without a word to its peer; listeners stay with their owners. */
    public void reset() {
        for (Tcb c : connections()) c.drop();
    }

    // ---------------------------------------------------------------- the applications' API

    /** LISTEN on a port (any local address); null when the port already listens. */
    public Listener listen(int port, Acceptor acceptor) {
        if (listeners.containsKey(port)) return null;
        Listener l = new Listener(port, acceptor);
        listeners.put(port, l);
        return l;
    }

    /**
     * Active open to dst:port from the route's source address (src 0) or src; the handler hears
     * {@code connected} or {@code closed(REFUSED|TIMED_OUT)}. Null when there is no route or no
     * room (MAX_CONNECTIONS).
     */
    public Tcb connect(int src, int dst, int port, TcpHandler handler) {
        if (src == 0) src = net.sourceFor(dst);
        if (src == 0 || connections.size() >= MAX_CONNECTIONS) return null;
        int localPort = -1;
        int start = random.nextInt(EPHEMERAL_COUNT);
        for (int i = 0; i < EPHEMERAL_COUNT; i++) {
            int p = EPHEMERAL_FIRST + (start + i) % EPHEMERAL_COUNT;
            if (!connections.containsKey(new Key(src, p, dst, port)) && !listeners.containsKey(p)) {
                localPort = p;
                break;
            }
        }
        if (localPort < 0) return null;
        Tcb c = new Tcb(this, newId(), src, localPort, dst, port, random.nextInt(), OUR_MSS, null, handler);
        connections.put(key(c), c);
        stats.connectionsInitiated++;
        c.open();
        return c.state() == TcpState.CLOSED ? null : c;
    }

    private int newId() {
        // drawn at first use, so that a router without TCP takes nothing from the random source (the labs' replays)
        if (nextId == 0) nextId = 0x68DA_0000 | (random.nextInt() & 0xfff0);
        nextId += 0x10 + (random.nextInt() & 0x70);
        return nextId;
    }

    private static Key key(Tcb c) { return new Key(c.localAddress, c.localPort, c.remoteAddress, c.remotePort); }

    // ---------------------------------------------------------------- from the TCBs

    void established(Tcb c) {
        stats.connectionsEstablished++;
        c.wasEstablished = true;
        Listener l = c.listener;
        if (l == null) return;
        l.halfOpen--;
        stats.connectionsAccepted++;
        TcpHandler h = l.open ? l.acceptor.accept(c) : null;
        if (h == null) c.abort();
        else c.handler(h);
    }

    void remove(Tcb c) {
        if (connections.remove(key(c), c)) {
            stats.connectionsClosed++;
            if (c.listener != null && !c.wasEstablished) c.listener.halfOpen--;
        }
    }

    /** A segment of c (or a RST with no TCB: c null, addresses given) out as an IPv4 packet. */
    void transmit(Tcb c, int seq, int ack, int flags, int window, int mss, byte[] data, int off, int len) {
        transmit(c.localAddress, c.remoteAddress, c.localPort, c.remotePort, seq, ack, flags, window, mss, data, off, len);
    }

    private void transmit(int src, int dst, int srcPort, int dstPort, int seq, int ack, int flags, int window, int mss,
                          byte[] data, int off, int len) {
        int thl = Tcp.headerLength(mss > 0);
        int total = Ipv4.MIN_HEADER_LEN + thl + len;
        byte[] p = new byte[HEADROOM + total];
        int t = HEADROOM + Ipv4.MIN_HEADER_LEN;
        if (len > 0) System.arraycopy(data, off, p, t + thl, len);
        Tcp.writeHeader(p, t, thl + len, src, dst, srcPort, dstPort, seq, ack, flags, window, mss);
        Ipv4.writeHeader(p, HEADROOM, 0xc0, total, net.nextIpId(), 0, TTL, Ipv4.PROTO_TCP, src, dst);
        stats.sent++;
        if (len > 0) {
            stats.dataSegments++;
            stats.dataBytes += len;
        } else if ((flags & Tcp.FLAG_ACK) != 0 && (flags & (Tcp.FLAG_SYN | Tcp.FLAG_FIN | Tcp.FLAG_RST)) == 0) {
            stats.acks++;
        }
        if ((flags & Tcp.FLAG_RST) != 0) stats.resetsSent++;
        net.send(p, HEADROOM, total);
    }

    // ---------------------------------------------------------------- segments in

    /** A checked IPv4 packet of protocol 6 addressed to the router. Never throws; always consumes it. */
    public boolean receive(byte[] b, int off, int len) {
        stats.received++;
        int hl = Ipv4.headerLength(b, off);
        int t = off + hl, tl = Math.min(len, Ipv4.totalLength(b, off)) - hl;
        int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
        PacketError e = Tcp.check(b, t, tl, src, dst);
        if (e != PacketError.OK) {
            if (e == PacketError.BAD_CHECKSUM) stats.badChecksum++;
            else if (e == PacketError.BAD_HEADER_LENGTH) stats.badOffset++;
            else stats.tooShort++;
            return true;
        }
        // never answer a broadcast, multicast or martian source (RFC 1122 section 4.2.3.10)
        if (Ipv4Address.isMulticast(dst) || dst == Ipv4Address.LIMITED_BROADCAST
            || Ipv4Address.isMulticast(src) || src == 0 || src == Ipv4Address.LIMITED_BROADCAST) return true;
        int thl = Tcp.headerLength(b, t);
        int flags = Tcp.flags(b, t), seq = Tcp.sequence(b, t), ack = Tcp.acknowledgment(b, t);
        int srcPort = Tcp.sourcePort(b, t), dstPort = Tcp.destinationPort(b, t);
        int dataLen = tl - thl;
        Tcb c = connections.get(new Key(dst, dstPort, src, srcPort));
        if (c != null) {
            c.segment(seq, ack, flags, Tcp.window(b, t), (flags & Tcp.FLAG_SYN) != 0 ? Tcp.mss(b, t) : -1, b, t + thl, dataLen);
            return true;
        }
        boolean rst = (flags & Tcp.FLAG_RST) != 0, hasAck = (flags & Tcp.FLAG_ACK) != 0, syn = (flags & Tcp.FLAG_SYN) != 0;
        if (rst) return true;
        Listener l = listeners.get(dstPort);
        if (l != null && !hasAck && syn) {       // LISTEN (section 3.10.7.2)
            if (l.halfOpen >= MAX_HALF_OPEN || connections.size() >= MAX_CONNECTIONS) {
                stats.overflowDrops++;           // the client retries its SYN
                return true;
            }
            Tcb n = new Tcb(this, newId(), dst, dstPort, src, srcPort, random.nextInt(), OUR_MSS, l, null);
            connections.put(key(n), n);
            l.halfOpen++;
            n.accept(seq, Tcp.window(b, t), Tcp.mss(b, t));
            return true;
        }
        if (l != null && !hasAck) return true;   // neither SYN nor ACK to a listener: dropped
        if (l == null) stats.noPort++;
        // CLOSED (section 3.10.7.1) or an ACK to a listener: a RST that matches the segment
        int segLen = dataLen + (syn ? 1 : 0) + ((flags & Tcp.FLAG_FIN) != 0 ? 1 : 0);
        if (hasAck) transmit(dst, src, dstPort, srcPort, ack, 0, Tcp.FLAG_RST, 0, 0, null, 0, 0);
        else transmit(dst, src, dstPort, srcPort, 0, seq + segLen, Tcp.FLAG_RST | Tcp.FLAG_ACK, 0, 0, null, 0, 0);
        return true;
    }
}
