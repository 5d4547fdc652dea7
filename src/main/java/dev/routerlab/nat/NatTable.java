package dev.routerlab.nat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.NatConfig;

/**
 * The translation table: entries by flow in both directions, simple entries by inside local and
 * inside global address, and PAT port bindings. PAT maps an inside endpoint to one global port
 * whatever the destination (RFC 4787 "endpoint-independent mapping", what lets two spokes behind
 * PAT reach each other on 4500; for UDP the engine also filters endpoint-independently), keeping the inside port when it is free and else taking the
 * next free one of its IOS range (1-511, 512-1023, 1024-65535). No I/O, no clock of its own.
 */
final class NatTable {
    /** A flow key: protocol, one side's address and port, the outside address and port. */
    record Flow(int protocol, int address, int port, int outside, int outsidePort) {}

    /** An endpoint: protocol, address, port. */
    record Endpoint(int protocol, int address, int port) {}

    /** A PAT binding of an inside endpoint to a global one, shared by its extended entries. */
    static final class Binding {
        final Endpoint local, global;
        /** The mapping that made it and the inside interface its flow came in on (for inbound UDP flows). */
        final int mapId;
        final InterfaceName inside;
        int refs;

        Binding(Endpoint local, Endpoint global, int mapId, InterfaceName inside) {
            this.local = local;
            this.global = global;
            this.mapId = mapId;
            this.inside = inside;
        }
    }

    final HashMap<Flow, Translation> outbound = new HashMap<>();
    final HashMap<Flow, Translation> inbound = new HashMap<>();
    final HashMap<Integer, Translation> simpleByLocal = new HashMap<>();
    final HashMap<Integer, Translation> simpleByGlobal = new HashMap<>();
    private final HashMap<Endpoint, Binding> bindingsByLocal = new HashMap<>();
    private final HashMap<Endpoint, Binding> bindingsByGlobal = new HashMap<>();
    /** Every entry in creation order. */
    private final LinkedHashMap<Long, Translation> all = new LinkedHashMap<>();
    private long nextId = 1;
    int staticCount, extendedCount;

    int size() { return all.size(); }

    Iterable<Translation> entries() { return all.values(); }

    int bindings() { return bindingsByLocal.size(); }

    /** A simple entry (static or from a pool). */
    Translation addSimple(Translation.Kind kind, int local, int global, int mapId, long now) {
        Translation t = new Translation(kind, 0, local, 0, global, 0, 0, 0, null, null, mapId, nextId++, now, null, null);
        simpleByLocal.put(local, t);
        simpleByGlobal.put(global, t);
        all.put(t.id, t);
        if (kind == Translation.Kind.STATIC) staticCount++;
        return t;
    }

    /** An extended entry for a flow; false when its inbound key is taken (another inside host). */
    Translation addExtended(int protocol, int local, int localPort, int global, int globalPort, int outside, int outsidePort,
                            Translation parent, Binding binding, int mapId, long now, InterfaceName in, InterfaceName out) {
        Flow inKey = new Flow(protocol, global, globalPort, outside, outsidePort);
        if (inbound.containsKey(inKey)) return null;
        Translation t = new Translation(Translation.Kind.EXTENDED, protocol, local, localPort, global, globalPort,
            outside, outsidePort, parent, binding, mapId, nextId++, now, in, out);
        outbound.put(new Flow(protocol, local, localPort, outside, outsidePort), t);
        inbound.put(inKey, t);
        all.put(t.id, t);
        extendedCount++;
        if (parent != null) parent.children++;
        if (binding != null) binding.refs++;
        return t;
    }

    void remove(Translation t) {
        if (all.remove(t.id) == null) return;
        if (t.kind == Translation.Kind.EXTENDED) {
            outbound.remove(new Flow(t.protocol, t.insideLocal, t.insideLocalPort, t.outside, t.outsidePort));
            inbound.remove(new Flow(t.protocol, t.insideGlobal, t.insideGlobalPort, t.outside, t.outsidePort));
            extendedCount--;
            if (t.parent != null) t.parent.children--;
            Binding b = t.binding;
            if (b != null && --b.refs == 0) {
                bindingsByLocal.remove(b.local);
                bindingsByGlobal.remove(b.global);
            }
        } else {
            simpleByLocal.remove(t.insideLocal);
            simpleByGlobal.remove(t.insideGlobal);
            if (t.kind == Translation.Kind.STATIC) staticCount--;
        }
    }

    /** The PAT binding of an inside endpoint, if it has one. */
    Binding binding(int protocol, int local, int localPort) { return bindingsByLocal.get(new Endpoint(protocol, local, localPort)); }

    /** The inside endpoint PAT bound to a global one, if any. */
    Binding boundTo(int protocol, int global, int globalPort) { return bindingsByGlobal.get(new Endpoint(protocol, global, globalPort)); }

    /**
     * A new binding of the inside endpoint on global address g: its own port when free, else the
     * next free one of its range; null when the range is full.
     */
    Binding bind(int protocol, int local, int localPort, int g, int mapId, InterfaceName inside) {
        int lo = localPort < 512 ? 1 : localPort < 1024 ? 512 : 1024;
        int hi = localPort < 512 ? 511 : localPort < 1024 ? 1023 : 65535;
        int span = hi - lo + 1;
        int start = Math.max(localPort, lo);
        for (int i = 0; i < span; i++) {
            int p = lo + (start - lo + i) % span;
            Endpoint ge = new Endpoint(protocol, g, p);
            if (bindingsByGlobal.containsKey(ge)) continue;
            Binding b = new Binding(new Endpoint(protocol, local, localPort), ge, mapId, inside);
            bindingsByLocal.put(b.local, b);
            bindingsByGlobal.put(ge, b);
            return b;
        }
        return null;
    }

    /** Removes the entries expired at now (simple ones once their children are gone); returns the removed extended and simple entries. */
    List<Translation> expire(NatConfig c, long now) {
        List<Translation> out = new ArrayList<>();
        for (Translation t : all.values()) if (t.extended() && t.expiresAt(c) <= now) out.add(t);
        for (Translation t : out) remove(t);
        List<Translation> simple = new ArrayList<>();
        for (Translation t : all.values()) if (!t.extended() && t.expiresAt(c) <= now) simple.add(t);
        for (Translation t : simple) remove(t);
        out.addAll(simple);
        return out;
    }

    /** `clear ip nat translation *`: every dynamic entry; the static ones stay. */
    int clearDynamic() {
        List<Translation> gone = new ArrayList<>();
        for (Translation t : all.values()) if (t.kind != Translation.Kind.STATIC) gone.add(t);
        for (Translation t : gone) if (t.extended()) remove(t);
        for (Translation t : gone) if (!t.extended()) remove(t);
        return gone.size();
    }
}
