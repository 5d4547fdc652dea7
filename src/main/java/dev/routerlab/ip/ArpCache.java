package dev.routerlab.ip;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.routerlab.routing.IntMap;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.MacAddress;

/**
 * The ARP table (RFC 826): dynamic entries age out after four hours (IOS `arp timeout` 14400 s);
 * an unresolved entry stays Incomplete while requests are retried. The router's own addresses
 * are listed with age `-` but kept apart from the table.
 */
public final class ArpCache {
    public static final long TIMEOUT_NANOS = 4 * 3600 * 1_000_000_000L;
    /** How long an Incomplete entry is kept without an answer. */
    public static final long INCOMPLETE_NANOS = 60 * 1_000_000_000L;
    /** Least time between two requests for the same address. */
    public static final long RETRY_NANOS = 1_000_000_000L;

    /** One dynamic entry; mac is -1 while Incomplete. */
    public static final class Entry {
        public final int ip;
        public long mac = -1;
        public IpInterface iface;
        public long updatedNanos;
        public long requestedNanos;

        Entry(int ip) { this.ip = ip; }

        public boolean complete() { return mac >= 0; }
    }

    /** The global table's entries; each VRF has its own (the same address may be another host there). */
    private final IntMap<Entry> global = new IntMap<>(64);
    private final Map<String, IntMap<Entry>> vrfs = new HashMap<>();

    private IntMap<Entry> table(IpInterface iface) {
        String v = iface.vrf;
        return v == null ? global : vrfs.computeIfAbsent(v, k -> new IntMap<>(16));
    }

    /** The MAC for ip on an interface (in its VRF), or -1 when unknown, Incomplete or aged out. */
    public long resolve(IpInterface out, int ip, long now) {
        IntMap<Entry> table = table(out);
        Entry e = table.get(ip);
        if (e == null || e.mac < 0) return -1;
        if (now - e.updatedNanos >= TIMEOUT_NANOS) {
            table.remove(ip);
            return -1;
        }
        return e.mac;
    }

    /** Records ip at mac on iface (created when create, else only refreshed if present). */
    public void learn(int ip, long mac, IpInterface iface, long now, boolean create) {
        IntMap<Entry> table = table(iface);
        Entry e = table.get(ip);
        if (e == null) {
            if (!create) return;
            e = new Entry(ip);
            table.put(ip, e);
        }
        e.mac = mac;
        e.iface = iface;
        e.updatedNanos = now;
    }

    /**
     * Notes that ip needs resolving on iface; returns true when a request should go out now
     * (a new entry, or the last request is older than {@link #RETRY_NANOS}).
     */
    public boolean needRequest(int ip, IpInterface iface, long now) {
        IntMap<Entry> table = table(iface);
        Entry e = table.get(ip);
        if (e == null || (e.mac < 0 && now - e.updatedNanos >= INCOMPLETE_NANOS)) {
            e = new Entry(ip);
            e.iface = iface;
            e.updatedNanos = now;
            e.requestedNanos = now;
            table.put(ip, e);
            return true;
        }
        if (e.mac >= 0 && now - e.updatedNanos < TIMEOUT_NANOS) return false;
        if (e.mac >= 0) {        // aged out: back to Incomplete
            e.mac = -1;
            e.updatedNanos = now;
        }
        if (now - e.requestedNanos < RETRY_NANOS) return false;
        e.requestedNanos = now;
        return true;
    }

    /** `clear arp-cache`: every dynamic entry goes. */
    public void clear() {
        global.clear();
        vrfs.clear();
    }

    /** Forgets the entries learned on an interface that went down. */
    public void flush(IpInterface iface) {
        IntMap<Entry> table = table(iface);
        List<Integer> gone = new ArrayList<>();
        global.forEach((ip, e) -> { if (e.iface == iface) gone.add(ip); });
        for (int ip : gone) table.remove(ip);
    }

    public int size() {
        int n = global.size();
        for (IntMap<Entry> t : vrfs.values()) n += t.size();
        return n;
    }

    /** One `show ip arp` row source: own entries have age -1. */
    public record Row(int ip, int ageMinutes, long mac, IpInterface iface) {}

    /** `show ip arp` (the global table) in the IOS layout, own addresses of up Ethernet interfaces included, sorted by address. */
    public String render(Iterable<IpInterface> interfaces, long now) {
        List<Row> rows = new ArrayList<>();
        for (IpInterface i : interfaces) {
            if (i.kind != IpInterface.Kind.ETHERNET || !i.lineUp || !i.hasAddress || i.vrf != null) continue;
            rows.add(new Row(i.address, -1, i.mac, i));
            for (int k = 0; k < i.secondaries.length; k += 2) rows.add(new Row(i.secondaries[k], -1, i.mac, i));
        }
        global.forEach((ip, e) -> {
            if (e.mac >= 0 && now - e.updatedNanos >= TIMEOUT_NANOS) return;
            if (e.mac < 0 && now - e.updatedNanos >= INCOMPLETE_NANOS) return;
            rows.add(new Row(ip, (int) ((now - e.updatedNanos) / 60_000_000_000L), e.mac, e.iface));
        });
        rows.sort(Comparator.comparingLong(r -> r.ip() & 0xffffffffL));
        StringBuilder sb = new StringBuilder("Protocol  Address          Age (min)  Hardware Addr   Type   Interface\n");
        for (Row r : rows) {
            String age = r.ageMinutes() < 0 ? "-" : Integer.toString(r.ageMinutes());
            String hw = r.mac() < 0 ? "Incomplete" : MacAddress.of(r.mac()).toString();
            String ifn = r.mac() < 0 || r.iface() == null ? "" : r.iface().name.toString();
            sb.append(String.format("Internet  %-16s%9s   %-16s%-7s%s", Ipv4Address.toString(r.ip()), age, hw, "ARPA", ifn)
                .stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
