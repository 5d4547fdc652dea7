package dev.routerlab.ipv6;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.sim.Scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 4861 §7.3 neighbour cache: one entry per (interface, address), in the states `show ipv6
 * neighbors` prints. Packets waiting for resolution are queued (IOS `ipv6 nd resolution data
 * limit`, 16 per entry; more are dropped and counted). Timers and transmission are the engine's.
 */
public final class NeighborCache {
    /** RFC 4861 §7.3.2, named as IOS prints them. */
    public enum State { INCMP, REACH, STALE, DELAY, PROBE }

    /** IOS `ipv6 nd resolution data limit` default. */
    public static final int QUEUE_LIMIT = 16;
    /** Entries in all (a bound against solicitations for every address of a /64). */
    public static final int MAX_ENTRIES = 4096;

    public static final class Entry {
        public final Ipv6Interface iface;
        public final Ipv6Address address;
        long mac = -1;
        State state;
        /** Scheduler time of the last reachability confirmation or state change (the Age column). */
        long since;
        int probes;
        boolean router;
        Scheduler.Timer timer;
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        final ArrayDeque<int[]> spans = new ArrayDeque<>();

        Entry(Ipv6Interface iface, Ipv6Address address) {
            this.iface = iface;
            this.address = address;
        }

        public long mac() { return mac; }

        public State state() { return state; }

        public long since() { return since; }

        public boolean isRouter() { return router; }

        @Override public String toString() { return address + " " + state + " " + iface; }

        void cancel() {
            if (timer != null) timer.cancel();
            timer = null;
        }
    }

    private record Key(InterfaceName iface, Ipv6Address address) {}

    private final Map<Key, Entry> entries = new HashMap<>();
    long queueDrops, tableFull;

    Entry get(Ipv6Interface i, Ipv6Address a) { return entries.get(new Key(i.name(), a)); }

    /** A new entry, or null when the cache is full. */
    Entry create(Ipv6Interface i, Ipv6Address a, State s, long now) {
        if (entries.size() >= MAX_ENTRIES) {
            tableFull++;
            return null;
        }
        Entry e = new Entry(i, a);
        e.state = s;
        e.since = now;
        entries.put(new Key(i.name(), a), e);
        return e;
    }

    void remove(Entry e) {
        e.cancel();
        e.queue.clear();
        e.spans.clear();
        entries.remove(new Key(e.iface.name(), e.address));
    }

    /** Queues a packet behind an unresolved entry; false (counted) when 16 already wait. */
    boolean enqueue(Entry e, byte[] b, int off, int len) {
        if (e.queue.size() >= QUEUE_LIMIT) {
            queueDrops++;
            return false;
        }
        e.queue.add(b);
        e.spans.add(new int[]{off, len});
        return true;
    }

    /** Drops every entry of an interface (its line went down or IPv6 was removed from it). */
    void flush(Ipv6Interface i) {
        for (Entry e : List.copyOf(entries.values())) if (e.iface == i) remove(e);
    }

    /** `clear ipv6 neighbors`, a reload. */
    void clear() {
        for (Entry e : List.copyOf(entries.values())) remove(e);
    }

    /** Entries in `show ipv6 neighbors` order: by address, then interface. */
    public List<Entry> entries() {
        List<Entry> l = new ArrayList<>(entries.values());
        l.sort(Comparator.comparing((Entry e) -> e.address).thenComparing(e -> e.iface.name()));
        return l;
    }

    public int size() { return entries.size(); }

    /** Packets dropped because 16 already waited for the same neighbour. */
    public long queueDrops() { return queueDrops; }
}
