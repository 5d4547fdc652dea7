package dev.routerlab.ospf;

import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.ospf.OspfRoute.NextHop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The intra-area shortest-path tree of one area (RFC 2328 16.1, next hops per 16.1.1) over the
 * area's router- and network-LSAs. Pure: the LSAs (MaxAge ones already left out) and a view of
 * the root's interfaces and neighbours go in, the prefixes and the routers reached come out.
 */
public final class Spf {
    private Spf() {}

    /** What the calculation needs to know about the root's own links. */
    public interface Links {
        /** The name of the root's interface with this address, or null. */
        String interfaceFor(int localAddress);

        /** The address of neighbour routerId on that interface, or 0 when unknown. */
        int neighborAddress(String interfaceName, int routerId);
    }

    /** A router reached: its router-LSA flags (B, E) say whether it is an ABR or ASBR. */
    public record RouterPath(int routerId, int flags, int cost, List<NextHop> nextHops) {}

    /** A network reached; connected when it is on one of the root's own links. */
    public record Prefix(int prefix, int mask, int cost, List<NextHop> nextHops, boolean connected) {}

    public record Result(Map<Long, Prefix> prefixes, Map<Integer, RouterPath> routers, int vertices) {}

    public static long key(int prefix, int mask) { return (prefix & 0xffffffffL) << 32 | (mask & 0xffffffffL); }

    private static final class Vertex {
        final int type; // Lsa.ROUTER or Lsa.NETWORK
        final int id;
        final byte[] lsa;
        int dist = Integer.MAX_VALUE;
        List<NextHop> nextHops = new ArrayList<>(2);
        boolean inTree;
        boolean direct; // the root, or a network attached to the root

        Vertex(int type, int id, byte[] lsa) {
            this.type = type;
            this.id = id;
            this.lsa = lsa;
        }
    }

    private record Candidate(int dist, int order, Vertex v) {}

    public static Result run(int root, List<byte[]> lsas, Links links, int maxPaths) {
        Map<Integer, byte[]> routerLsas = new HashMap<>();
        Map<Integer, byte[]> networkLsas = new HashMap<>();
        for (byte[] l : lsas) {
            int t = Lsa.type(l, 0);
            if (t == Lsa.ROUTER) routerLsas.put(Lsa.lsid(l, 0), l);
            else if (t == Lsa.NETWORK) {
                byte[] old = networkLsas.get(Lsa.lsid(l, 0));
                if (old == null || Lsa.seq(l, 0) > Lsa.seq(old, 0)) networkLsas.put(Lsa.lsid(l, 0), l);
            }
        }
        // each LSA body is parsed once per run
        Map<byte[], Lsa.RouterBody> routerBodies = new java.util.IdentityHashMap<>();
        Map<byte[], Lsa.NetworkBody> networkBodies = new java.util.IdentityHashMap<>();
        for (byte[] l : routerLsas.values()) routerBodies.put(l, Lsa.router(l, 0));
        for (byte[] l : networkLsas.values()) networkBodies.put(l, Lsa.network(l, 0));
        return new Calc(routerLsas, networkLsas, routerBodies, networkBodies).run(root, links, maxPaths);
    }

    /** One calculation over one set of LSAs. */
    private record Calc(Map<Integer, byte[]> routerLsas, Map<Integer, byte[]> networkLsas,
                        Map<byte[], Lsa.RouterBody> routerBodies, Map<byte[], Lsa.NetworkBody> networkBodies) {

        Lsa.RouterBody router(byte[] l) { return routerBodies.get(l); }

        Lsa.NetworkBody network(byte[] l) { return networkBodies.get(l); }

        Result run(int root, Links links, int maxPaths) {
            Map<Long, Vertex> vertices = new HashMap<>();
            Map<Long, Prefix> prefixes = new HashMap<>();
            Map<Integer, RouterPath> routers = new HashMap<>();
            byte[] rootLsa = routerLsas.get(root);
            if (rootLsa == null) return new Result(prefixes, routers, 0);
            Vertex rv = new Vertex(Lsa.ROUTER, root, rootLsa);
            rv.dist = 0;
            rv.direct = true;
            vertices.put(vkey(Lsa.ROUTER, root), rv);
            PriorityQueue<Candidate> candidates = new PriorityQueue<>((a, b) -> a.dist != b.dist
                    ? Integer.compare(a.dist, b.dist)
                    : a.v.type != b.v.type ? Integer.compare(b.v.type, a.v.type) // networks first (16.1 step 3)
                    : Integer.compare(a.order, b.order));
            candidates.add(new Candidate(0, 0, rv));
            int order = 1;
            List<Vertex> tree = new ArrayList<>();
            while (!candidates.isEmpty()) {
                Candidate c = candidates.poll();
                Vertex v = c.v;
                if (v.inTree || c.dist != v.dist) continue;
                v.inTree = true;
                tree.add(v);
                if (v.type == Lsa.ROUTER) {
                    Lsa.RouterBody body = router(v.lsa);
                    for (Lsa.RouterLink link : body.links()) {
                        Vertex w;
                        if (link.type() == Lsa.LINK_P2P) {
                            byte[] wl = routerLsas.get(link.linkId());
                            if (wl == null || !routerLinksBack(wl, Lsa.LINK_P2P, v.id)) continue;
                            w = vertices.computeIfAbsent(vkey(Lsa.ROUTER, link.linkId()), k -> new Vertex(Lsa.ROUTER, link.linkId(), wl));
                        } else if (link.type() == Lsa.LINK_TRANSIT) {
                            byte[] wl = networkLsas.get(link.linkId());
                            if (wl == null || !networkAttaches(wl, v.id)) continue;
                            w = vertices.computeIfAbsent(vkey(Lsa.NETWORK, link.linkId()), k -> new Vertex(Lsa.NETWORK, link.linkId(), wl));
                        } else continue; // stubs in the second stage; virtual links not supported
                        if (w.inTree) continue;
                        order = relax(v, w, v.dist + link.metric(), link, links, maxPaths, candidates, order);
                    }
                } else {
                    for (int rid : network(v.lsa).attachedRouters()) {
                        byte[] wl = routerLsas.get(rid);
                        if (wl == null || !routerLinksBack(wl, Lsa.LINK_TRANSIT, v.id)) continue;
                        Vertex w = vertices.computeIfAbsent(vkey(Lsa.ROUTER, rid), k -> new Vertex(Lsa.ROUTER, rid, wl));
                        if (w.inTree) continue;
                        order = relax(v, w, v.dist, null, links, maxPaths, candidates, order);
                    }
                }
            }
            // second stage (16.1 step 2 of the stub part): networks and stub links hang off the tree
            for (Vertex v : tree) {
                if (v.type == Lsa.NETWORK) {
                    Lsa.NetworkBody nb = network(v.lsa);
                    addPrefix(prefixes, v.id & nb.mask(), nb.mask(), v.dist, v.nextHops, v.direct, maxPaths);
                } else {
                    Lsa.RouterBody rb = router(v.lsa);
                    if (v.id != root) routers.put(v.id, new RouterPath(v.id, rb.flags(), v.dist, List.copyOf(v.nextHops)));
                    for (Lsa.RouterLink link : rb.links()) {
                        if (link.type() != Lsa.LINK_STUB) continue;
                        long d = (long) v.dist + link.metric();
                        if (d >= Lsa.LS_INFINITY) continue;
                        List<NextHop> nh = v.id == root ? List.of() : v.nextHops;
                        addPrefix(prefixes, link.linkId() & link.linkData(), link.linkData(), (int) d, nh, v.id == root, maxPaths);
                    }
                }
            }
            return new Result(prefixes, routers, tree.size());
        }

        /** 16.1 step 2(d): a shorter path replaces, an equal one adds its next hops. */
        private int relax(Vertex v, Vertex w, int d, Lsa.RouterLink link, Links links, int maxPaths,
                                 PriorityQueue<Candidate> candidates, int order) {
            if (d > w.dist) return order;
            List<NextHop> nh = nextHops(v, w, link, links);
            if (d < w.dist) {
                w.dist = d;
                w.nextHops = new ArrayList<>(2);
                w.direct = false;
                candidates.add(new Candidate(d, order++, w));
            }
            if (v.direct && v.type == Lsa.ROUTER && w.type == Lsa.NETWORK) w.direct = true;
            for (NextHop h : nh) if (w.nextHops.size() < maxPaths && !w.nextHops.contains(h)) w.nextHops.add(h);
            return order;
        }

        /** 16.1.1: next hops of w reached from v. */
        private List<NextHop> nextHops(Vertex v, Vertex w, Lsa.RouterLink link, Links links) {
            if (v.direct && v.type == Lsa.ROUTER) { // v is the root
                String ifn = links.interfaceFor(link.linkData());
                if (ifn == null) return List.of();
                if (w.type == Lsa.NETWORK) return List.of(new NextHop(0, ifn));
                int a = links.neighborAddress(ifn, w.id);
                if (a == 0) a = linkDataTowards(w.lsa, Lsa.LINK_P2P, v.id);
                return a == 0 ? List.of() : List.of(new NextHop(a, ifn));
            }
            if (v.direct && v.type == Lsa.NETWORK && w.type == Lsa.ROUTER) { // a network on the root's link
                int a = linkDataTowards(w.lsa, Lsa.LINK_TRANSIT, v.id);
                List<NextHop> r = new ArrayList<>(v.nextHops.size());
                for (NextHop h : v.nextHops) r.add(new NextHop(a, h.interfaceName()));
                return r;
            }
            return v.nextHops;
        }

        private int linkDataTowards(byte[] routerLsa, int type, int id) {
            for (Lsa.RouterLink l : router(routerLsa).links()) if (l.type() == type && l.linkId() == id) return l.linkData();
            return 0;
        }

        private boolean routerLinksBack(byte[] routerLsa, int type, int id) {
            for (Lsa.RouterLink l : router(routerLsa).links()) if (l.type() == type && l.linkId() == id) return true;
            return false;
        }

        private boolean networkAttaches(byte[] networkLsa, int rid) {
            for (int a : network(networkLsa).attachedRouters()) if (a == rid) return true;
            return false;
        }

    }

    private static void addPrefix(Map<Long, Prefix> m, int prefix, int mask, int cost, List<NextHop> nh,
                                  boolean connected, int maxPaths) {
        long k = key(prefix, mask);
        Prefix old = m.get(k);
        if (old == null || cost < old.cost()) {
            m.put(k, new Prefix(prefix, mask, cost, List.copyOf(nh.subList(0, Math.min(nh.size(), maxPaths))), connected));
        } else if (cost == old.cost() && !old.connected()) {
            List<NextHop> merged = new ArrayList<>(old.nextHops());
            for (NextHop h : nh) if (merged.size() < maxPaths && !merged.contains(h)) merged.add(h);
            m.put(k, new Prefix(prefix, mask, cost, List.copyOf(merged), connected || old.connected()));
        }
    }

    private static long vkey(int type, int id) { return (long) type << 32 | (id & 0xffffffffL); }
}
