package dev.routerlab.nhrp;

import dev.routerlab.config.InterfaceConfig.NhrpConfig;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.nhrp.Tshark;
import dev.routerlab.sim.VirtualScheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fake NBMA network in virtual time for NHRP engines: every router has one mGRE tunnel (an
 * {@link NhrpInstance}), an NBMA address, optionally a LAN, and a tiny routing table (static
 * routes plus the shortcuts NHRP installs). NHRP packets take 1 ms; data packets are walked
 * hop by hop at once, asking each router's NHRP for the NBMA address of the next hop, as the
 * mGRE data plane will.
 */
final class DmvpnNet {
    static final long MS = 1_000_000L, SECOND = 1_000_000_000L;
    static final int TUNNEL_MASK = Ipv4Address.mask(24);

    final VirtualScheduler sched = new VirtualScheduler(1_700_000_000_000L);
    final Map<Integer, Node> byNbma = new HashMap<>();
    final List<Node> nodes = new ArrayList<>();
    /** NBMA addresses cut off the network (a failed router or link). */
    final Set<Integer> cut = new HashSet<>();
    /** Inside NBMA address to the address a NAT maps it to. */
    final Map<Integer, Integer> nat = new HashMap<>();
    final List<Tshark.Frame> capture = new ArrayList<>();
    boolean capturing;
    long nhrpPackets;

    static int ip(String s) { return Ipv4Address.parse(s); }

    /** A router: tunnel address t (on 10.0.0.0/24), NBMA address, LAN prefix ("192.168.1.0/24" or null). */
    Node node(String name, String nbma, String tunnel, String lan, Consumer<NhrpConfig> config) {
        Node n = new Node(this, name, ip(nbma), ip(tunnel), lan);
        NhrpConfig c = new NhrpConfig();
        c.networkId = 1L;
        c.holdtime = 300;
        config.accept(c);
        n.config = c;
        n.nhrp = new NhrpInstance("Tunnel0", sched, (dst, port, b, off, len) -> transmit(n, dst, b, off, len), n, n);
        n.nhrp.setHeadroom(24);
        n.nhrp.configure(c, n.tunnel, TUNNEL_MASK, n.nbma, 1400);
        byNbma.put(n.nbma, n);
        nodes.add(n);
        return n;
    }

    /** The NBMA address others see for n (after NAT). */
    int outside(int nbma) { return nat.getOrDefault(nbma, nbma); }

    Node at(int nbma) {
        Node n = byNbma.get(nbma);
        if (n != null) return n;
        for (Map.Entry<Integer, Integer> e : nat.entrySet()) if (e.getValue() == nbma) return byNbma.get(e.getKey());
        return null;
    }

    void transmit(Node from, int dstNbma, byte[] b, int off, int len) {
        nhrpPackets++;
        Node to = at(dstNbma);
        int src = outside(from.nbma);
        if (to == null || cut.contains(from.nbma) || cut.contains(to.nbma)) return;
        if (capturing) capture.add(new Tshark.Frame(src, dstNbma, b, off, len));
        sched.schedule(MS, () -> to.nhrp.receive(src, b, off, len));
    }

    void upAll() { for (Node n : nodes) n.nhrp.setUp(true); }

    void run(long seconds) { sched.advance(seconds * SECOND); }

    void runMs(long ms) { sched.advance(ms * MS); }

    /**
     * Sends one data packet from a host src behind router from to dst; returns the routers it
     * crossed (from first), or null when some router dropped it. A router that receives it from
     * the tunnel and sends it back out of the tunnel reports the hairpin to NHRP (redirect).
     */
    List<String> send(Node from, int src, int dst) {
        byte[] icmp = new byte[16];
        icmp[0] = 8;
        byte[] pkt = Ipv4.build(0, 1, false, 64, Ipv4.PROTO_ICMP, src, dst, icmp, 0, icmp.length);
        List<String> path = new ArrayList<>();
        Node at = from;
        int fromNbma = 0;
        path.add(at.name);
        for (int hop = 0; hop < 8; hop++) {
            if (at.egressPrefixLength(dst) >= 0) return path;
            int nh = at.tunnelNextHop(dst);
            if (nh == 0) return null;
            if (fromNbma != 0) at.nhrp.trafficHairpinned(fromNbma, pkt, 0, pkt.length);
            int nbma = at.nhrp.nbmaFor(nh);
            if (nbma == 0) return null;
            Node next = at(nbma);
            if (next == null || cut.contains(at.nbma) || cut.contains(next.nbma)) return null;
            fromNbma = outside(at.nbma);
            at = next;
            path.add(at.name);
        }
        return null;
    }

    /** A route in a node's table. */
    record Route(int prefix, int len, int nextHop, char source) {}

    static final class Node implements NhrpListener, NhrpRouting {
        final DmvpnNet net;
        final String name;
        final int nbma;
        final int tunnel;
        final int lanPrefix;
        final int lanLen;
        NhrpConfig config;
        NhrpInstance nhrp;
        final List<Route> routes = new ArrayList<>();
        final Map<Long, Integer> overrides = new HashMap<>();
        final List<String> events = new ArrayList<>();

        Node(DmvpnNet net, String name, int nbma, int tunnel, String lan) {
            this.net = net;
            this.name = name;
            this.nbma = nbma;
            this.tunnel = tunnel;
            if (lan == null) {
                lanPrefix = 0;
                lanLen = -1;
            } else {
                String[] p = lan.split("/");
                lanPrefix = ip(p[0]);
                lanLen = Integer.parseInt(p[1]);
            }
        }

        /** A static route out the tunnel (the routing protocol's, in a real lab). */
        Node route(String prefix, int len, String nextHop) {
            routes.add(new Route(ip(prefix), len, ip(nextHop), 'S'));
            return this;
        }

        /** An address in this router's LAN. */
        int host(int i) { return lanPrefix + i; }

        boolean hasRoute(String prefix, int len, char source) {
            for (Route r : routes) if (r.prefix == ip(prefix) && r.len == len && r.source == source) return true;
            return false;
        }

        @Override
        public int egressPrefixLength(int dst) {
            if (dst == tunnel) return 32;
            if (lanLen >= 0 && ((dst ^ lanPrefix) & Ipv4Address.mask(lanLen)) == 0) return lanLen;
            return -1;
        }

        @Override
        public int tunnelNextHop(int dst) {
            Route best = null;
            for (Route r : routes) {
                if (((dst ^ r.prefix) & Ipv4Address.mask(r.len)) == 0 && (best == null || r.len > best.len)) best = r;
            }
            if (best != null) {
                Integer o = overrides.get(key(best.prefix, best.len));
                return o != null ? o : best.nextHop;
            }
            return ((dst ^ tunnel) & TUNNEL_MASK) == 0 ? dst : 0;
        }

        @Override
        public boolean hasExactRoute(int prefix, int len) {
            for (Route r : routes) if (r.prefix == prefix && r.len == len && r.source == 'S') return true;
            return false;
        }

        static long key(int p, int l) { return (p & 0xffffffffL) << 8 | l; }

        @Override
        public void shortcutInstalled(NhrpInstance n, int prefix, int len, int nextHop, boolean override) {
            events.add("+" + (override ? "%" : "H") + " " + Ipv4Address.toString(prefix) + "/" + len + " via "
                    + Ipv4Address.toString(nextHop));
            if (override) overrides.put(key(prefix, len), nextHop);
            else routes.add(new Route(prefix, len, nextHop, 'H'));
        }

        @Override
        public void shortcutRemoved(NhrpInstance n, int prefix, int len, int nextHop, boolean override) {
            events.add("-" + (override ? "%" : "H") + " " + Ipv4Address.toString(prefix) + "/" + len + " via "
                    + Ipv4Address.toString(nextHop));
            if (override) overrides.remove(key(prefix, len));
            else routes.removeIf(r -> r.prefix == prefix && r.len == len && r.source == 'H');
        }

        @Override
        public void nhsStateChanged(NhrpInstance n, NhrpNhs nhs, boolean up) {
            events.add("NHS " + Ipv4Address.toString(nhs.address()) + (up ? " UP" : " DOWN"));
        }

        NhrpCacheEntry entry(String prefix, int len) { return nhrp.cache().get(ip(prefix), len); }

        NhrpNhs nhs(String address) {
            for (NhrpNhs n : nhrp.nhs()) if (n.address() == ip(address)) return n;
            return null;
        }

        @Override public String toString() { return name; }
    }
}
