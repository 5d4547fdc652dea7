package dev.routerlab.ip;

/**
 * The forwarding table: longest-prefix match over one hash table per prefix length, probing
 * only the lengths in use, longest first (a handful of probes for a router's table).
 */
public final class Fib {
    /** What to do with a packet whose destination matches. */
    public enum Kind {
        /** One of our addresses: deliver locally. */
        RECEIVE,
        /** The destination is on the link: resolve it with ARP. */
        ATTACHED,
        /** Send to the gateway. */
        VIA
    }

    /** One forwarding entry: prefix/len to an output interface and gateway. */
    public static final class Entry {
        public final int prefix;
        public final int length;
        public final Kind kind;
        public final IpInterface out;
        public final int gateway;
        public final Route route;

        Entry(int prefix, int length, Kind kind, IpInterface out, int gateway, Route route) {
            this.prefix = prefix;
            this.length = length;
            this.kind = kind;
            this.out = out;
            this.gateway = gateway;
            this.route = route;
        }

        /** The next hop for destination dst: itself on the link, else the gateway. */
        public int nextHop(int dst) { return kind == Kind.VIA ? gateway : dst; }
    }

    @SuppressWarnings("unchecked")
    private final IntMap<Entry>[] byLength = new IntMap[33];
    private int[] lengths = new int[0];

    static int mask(int len) { return len == 0 ? 0 : -1 << (32 - len); }

    /** Adds or replaces the entry for its prefix. */
    public void add(Entry e) {
        IntMap<Entry> m = byLength[e.length];
        if (m == null) {
            m = byLength[e.length] = new IntMap<>();
            int[] l = new int[lengths.length + 1];
            int j = 0;
            boolean placed = false;
            for (int x : lengths) {
                if (!placed && e.length > x) {
                    l[j++] = e.length;
                    placed = true;
                }
                l[j++] = x;
            }
            if (!placed) l[j] = e.length;
            lengths = l;
        }
        m.put(e.prefix & mask(e.length), e);
    }

    /** Longest match for addr, or null. */
    public Entry lookup(int addr) {
        int[] ls = lengths;
        for (int l : ls) {
            Entry e = byLength[l].get(addr & mask(l));
            if (e != null) return e;
        }
        return null;
    }

    /** Longest match for addr that is not the prefix (p, len) itself (a route cannot resolve via itself). */
    public Entry lookupExcluding(int addr, int p, int len) {
        for (int l : lengths) {
            Entry e = byLength[l].get(addr & mask(l));
            if (e != null && !(l == len && e.prefix == (p & mask(len)))) return e;
        }
        return null;
    }

    /** The entry for exactly this prefix, or null. */
    public Entry exact(int p, int len) {
        IntMap<Entry> m = byLength[len];
        return m == null ? null : m.get(p & mask(len));
    }
}
