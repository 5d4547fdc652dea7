package dev.routerlab.routing;

/**
 * The forwarding table: longest-prefix match over one hash table per prefix length, probing
 * only the lengths in use, longest first (a handful of probes for a router's table).
 */
public final class Fib<I extends RoutedInterface> {
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
    public static final class Entry<I extends RoutedInterface> {
        public final int prefix;
        public final int length;
        public final Kind kind;
        public final I out;
        public final int gateway;
        public final Route<I> route;

        public Entry(int prefix, int length, Kind kind, I out, int gateway, Route<I> route) {
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
    private final IntMap<Entry<I>>[] byLength = new IntMap[33];
    private int[] lengths = new int[0];
    /**
     * The last matches, by address (direct-mapped, 16 ways; emptied by {@link #add}): a router
     * forwards most packets to a few destinations (a tunnel's inner and outer ones alternate), so
     * most lookups take one probe instead of one per prefix length. Each hit is immutable, so a
     * reader on another thread sees a whole one or none.
     */
    @SuppressWarnings("unchecked")
    private final Hit<I>[] recent = new Hit[16];

    private record Hit<I extends RoutedInterface>(int addr, Entry<I> entry) {}

    public static int mask(int len) { return len == 0 ? 0 : -1 << (32 - len); }

    /** Adds or replaces the entry for its prefix. */
    public void add(Entry<I> e) {
        IntMap<Entry<I>> m = byLength[e.length];
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
        java.util.Arrays.fill(recent, null);
    }

    /** Longest match for addr, or null. */
    public Entry<I> lookup(int addr) {
        int slot = addr * 0x9E3779B9 >>> 28;
        Hit<I> h = recent[slot];
        if (h != null && h.addr == addr) return h.entry;
        Entry<I> e = longest(addr);
        if (e != null) recent[slot] = new Hit<>(addr, e);
        return e;
    }

    private Entry<I> longest(int addr) {
        int[] ls = lengths;
        for (int l : ls) {
            Entry<I> e = byLength[l].get(addr & mask(l));
            if (e != null) return e;
        }
        return null;
    }

    /** Longest match for addr that is not the prefix (p, len) itself (a route cannot resolve via itself). */
    public Entry<I> lookupExcluding(int addr, int p, int len) {
        for (int l : lengths) {
            Entry<I> e = byLength[l].get(addr & mask(l));
            if (e != null && !(l == len && e.prefix == (p & mask(len)))) return e;
        }
        return null;
    }

    /** The entry for exactly this prefix, or null. */
    public Entry<I> exact(int p, int len) {
        IntMap<Entry<I>> m = byLength[len];
        return m == null ? null : m.get(p & mask(len));
    }
}
