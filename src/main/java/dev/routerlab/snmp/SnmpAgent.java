package dev.routerlab.snmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.acl.AclMatch;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.SnmpConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Snmp;
import dev.routerlab.packet.Snmp.Message;
import dev.routerlab.packet.Snmp.Oid;
import dev.routerlab.packet.Snmp.Pdu;
import dev.routerlab.packet.Snmp.Value;
import dev.routerlab.packet.Snmp.VarBind;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Scheduler;

/**
 * One router's SNMP agent: UDP 161 through the router's IP engine while any `snmp-server`
 * community, user or host is configured. SNMPv1 (RFC 1157) and SNMPv2c (RFC 1901) communities
 * with their RO/RW right and access list; Get, GetNext, GetBulk (RFC 3416 §4.2.1-3) over {@link
 * Mib}; Set (§4.2.5) of sysContact, sysName (the hostname) and sysLocation, which writes the
 * model. Notifications: linkDown/linkUp on line protocol changes and coldStart after boot, to each
 * `snmp-server host` as v1 or v2c traps (RFC 3416 §4.2.6, RFC 3584 §3.1). A message that does not
 * parse, names an unknown community, or asks what its community may not do is counted and
 * dropped, as IOS does.
 */
public final class SnmpAgent {
    /** IOS's `snmp-server packetsize` default: the largest response. */
    public static final int PACKET_SIZE = 1500;
    /** GetBulk's repetitions are bounded (RFC 3416 §4.2.3 lets the agent stop early). */
    static final int MAX_REPETITIONS = 256;
    static final Oid SNMP_TRAP_OID = Oid.parse("1.3.6.1.6.3.1.1.4.1.0");
    static final Oid TRAPS = Oid.parse("1.3.6.1.6.3.1.1.5");
    public static final Oid COLD_START = TRAPS.append(1), LINK_DOWN = TRAPS.append(3), LINK_UP = TRAPS.append(4);

    /** `show snmp`'s counters (and the snmp group's). */
    public static final class Stats {
        public long inPackets, badVersions, unknownCommunity, illegalOperation, encodingErrors, requestedVariables,
            alteredVariables, getRequests, getNexts, setRequests;
        public long outPackets, tooBig, noSuchName, badValues, generalErrors, responses, traps;
        /** Per trap host ("A.B.C.D.port"): traps sent. */
        public final Map<String, Long> sentTo = new java.util.LinkedHashMap<>();
    }

    private final IpEngine ip;
    private final Scheduler scheduler;
    private final LongSupplier uptimeNanos;
    private final Supplier<RunningConfig> config;
    private final String sysDescr;
    private final Runnable changed;
    private Stats stats = new Stats();
    private final Map<InterfaceName, Integer> ifIndex = new HashMap<>();
    private final Map<InterfaceName, Long> lastChange = new HashMap<>();
    private int nextIndex = 1;
    private boolean listening;
    private int trapId;

    /**
     * @param uptimeNanos the router's uptime (sysUpTime)
     * @param config the running configuration (read at each request; Set writes it)
     * @param sysDescr `show version`'s first lines
     * @param changed told after a Set changed the configuration
     */
    public SnmpAgent(IpEngine ip, Scheduler scheduler, LongSupplier uptimeNanos, Supplier<RunningConfig> config,
                     String sysDescr, Runnable changed) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.uptimeNanos = uptimeNanos;
        this.config = config;
        this.sysDescr = sysDescr;
        this.changed = changed;
        ip.onLineChange(new java.util.function.Consumer<IpEngine.LineChange>() {   // not this::lineChanged: see device.Router
            @Override public void accept(IpEngine.LineChange c) { lineChanged(c); }
        });
    }

    /** IOS runs the agent once any community, user or notification host is configured. */
    public static boolean enabled(RunningConfig c) {
        return !c.snmp.communities.isEmpty() || !c.snmp.users.isEmpty() || !c.snmp.hosts.isEmpty();
    }

    public boolean enabled() { return listening; }

    public Stats stats() { return stats; }

    public void reconcile(RunningConfig c) {
        boolean on = enabled(c);
        if (on != listening) {
            ip.registerUdp(Snmp.PORT, on ? this::receive : null);
            listening = on;
        }
    }

    /** Power-on: counters and interface indexes start again. */
    public void reset() {
        stats = new Stats();
        ifIndex.clear();
        lastChange.clear();
        nextIndex = 1;
        trapId = 0;
        if (listening) ip.registerUdp(Snmp.PORT, null);
        listening = false;
    }

    /** The boot is over: a coldStart notification (RFC 3418 coldStart) when it is enabled. */
    public void booted() {
        RunningConfig c = config.get();
        if (c.snmp.traps.contains("coldstart")) notify(c, COLD_START, List.of());
    }

    long uptimeTicks() { return uptimeNanos.getAsLong() / 10_000_000L; }

    String sysDescr() { return sysDescr; }

    long lastChange(InterfaceName n) {
        Long t = lastChange.get(n);
        return t == null ? 0 : t;
    }

    /** The interfaces by ifIndex; indexes are given once (physical ports first) and kept while the router runs. */
    TreeMap<Integer, IpInterface> interfacesByIndex() {
        List<IpInterface> fresh = new ArrayList<>();
        for (IpInterface x : ip.interfaces()) if (!ifIndex.containsKey(x.name)) fresh.add(x);
        fresh.sort((a, b) -> a.name.isPhysical() != b.name.isPhysical() || Mib.order(a.name) != Mib.order(b.name)
            ? Integer.compare(Mib.order(a.name), Mib.order(b.name)) : a.name.compareTo(b.name));
        for (IpInterface x : fresh) ifIndex.put(x.name, nextIndex++);
        TreeMap<Integer, IpInterface> m = new TreeMap<>();
        for (var e : ifIndex.entrySet()) {
            IpInterface x = ip.get(e.getKey());
            if (x != null) m.put(e.getValue(), x);
        }
        return m;
    }

    /** The ifIndex of an interface (0 when it has none). */
    public int ifIndex(InterfaceName n) {
        interfacesByIndex();
        return ifIndex.getOrDefault(n, 0);
    }

    // ------------------------------------------------------------------ requests

    private boolean receive(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        int at = off + hl;
        int ulen = Math.min(Udp.length(b, at), len - hl) - Udp.HEADER_LEN;
        if (ulen < 0) return true;
        int src = Ipv4.source(b, off), dst = Ipv4.destination(b, off);
        int sport = Udp.sourcePort(b, at);
        stats.inPackets++;
        Message m = Snmp.parse(b, at + Udp.HEADER_LEN, ulen);
        if (m == null) {
            long v = Snmp.version(b, at + Udp.HEADER_LEN, ulen);
            if (v >= 0 && v != Snmp.V1 && v != Snmp.V2C && v != Snmp.V3) stats.badVersions++;
            else stats.encodingErrors++;
            return true;
        }
        if (m.version() == Snmp.V3) {
            stats.badVersions++;       // no USM here: SNMPv3 messages are not processed
            return true;
        }
        RunningConfig c = config.get();
        SnmpConfig.Community community = c.snmp.communities.get(new String(m.community(), StandardCharsets.ISO_8859_1));
        if (community == null || !permitted(c, community, src)) {
            stats.unknownCommunity++;
            return true;
        }
        Pdu p = m.pdu();
        Pdu answer;
        switch (p.type()) {
            case Snmp.GET -> {
                stats.getRequests++;
                answer = get(m.version(), p, c);
            }
            case Snmp.GETNEXT -> {
                stats.getNexts++;
                answer = getNext(m.version(), p, c);
            }
            case Snmp.GETBULK -> {
                stats.getNexts++;
                int base = Snmp.encode(Message.community(m.version(), m.community(),
                    new Pdu(Snmp.RESPONSE, p.requestId(), 0, 0, List.of()))).length + 4;
                answer = getBulk(p, c, PACKET_SIZE - base);
            }
            case Snmp.SET -> {
                if (!community.readWrite()) {
                    stats.illegalOperation++;
                    return true;
                }
                stats.setRequests++;
                answer = set(m.version(), p, c);
            }
            default -> {
                stats.illegalOperation++;     // responses, traps, reports: not for an agent
                return true;
            }
        }
        byte[] out = Snmp.encode(Message.community(m.version(), m.community(), answer));
        if (out.length > PACKET_SIZE) {
            stats.tooBig++;
            answer = new Pdu(Snmp.RESPONSE, p.requestId(), Snmp.TOO_BIG, 0, m.version() == Snmp.V1 ? p.bindings() : List.of());
            out = Snmp.encode(Message.community(m.version(), m.community(), answer));
            if (out.length > PACKET_SIZE) return true;
        }
        switch (answer.errorStatus()) {
            case Snmp.NO_SUCH_NAME -> stats.noSuchName++;
            case Snmp.BAD_VALUE -> stats.badValues++;
            case Snmp.GEN_ERR -> stats.generalErrors++;
            default -> { }
        }
        int from = dst;
        if (in != null && (in.isDirectedBroadcast(dst) || dst == -1 || !in.owns(dst))) from = in.hasAddress() ? in.address() : ip.sourceFor(src);
        stats.outPackets++;
        stats.responses++;
        ip.sendUdp(in == null ? null : in.vrf(), from, src, Snmp.PORT, sport, out, 0, out.length);
        return true;
    }

    /** A community's access list (standard, by source address); a list that does not exist permits, as IOS. */
    private static boolean permitted(RunningConfig c, SnmpConfig.Community k, int src) {
        if (k.acl() == null) return true;
        AccessList acl = AccessLists.find(c, k.acl());
        return acl == null || AclMatch.permitsSource(acl, src);
    }

    private Pdu get(int version, Pdu p, RunningConfig c) {
        TreeMap<Oid, Value> mib = Mib.snapshot(this, c);
        List<VarBind> out = new ArrayList<>(p.bindings().size());
        for (int i = 0; i < p.bindings().size(); i++) {
            Oid o = p.bindings().get(i).oid();
            Value v = mib.get(o);
            if (v != null && version == Snmp.V1 && v.tag() == Snmp.COUNTER64) v = null;
            if (v == null) {
                if (version == Snmp.V1) return error(p, Snmp.NO_SUCH_NAME, i + 1);
                boolean object = o.size() > 1 && Mib.isObject(Oid.parse(parent(o)));
                v = Value.exception(object ? Snmp.NO_SUCH_INSTANCE : Snmp.NO_SUCH_OBJECT);
            } else {
                stats.requestedVariables++;
            }
            out.add(new VarBind(o, v));
        }
        return new Pdu(Snmp.RESPONSE, p.requestId(), 0, 0, out);
    }

    private static String parent(Oid o) {
        String s = o.toString();
        return s.substring(0, s.lastIndexOf('.'));
    }

    private Pdu getNext(int version, Pdu p, RunningConfig c) {
        TreeMap<Oid, Value> mib = Mib.snapshot(this, c);
        List<VarBind> out = new ArrayList<>(p.bindings().size());
        for (int i = 0; i < p.bindings().size(); i++) {
            VarBind n = next(mib, p.bindings().get(i).oid(), version == Snmp.V1);
            if (n.value().isException() && version == Snmp.V1) return error(p, Snmp.NO_SUCH_NAME, i + 1);
            if (!n.value().isException()) stats.requestedVariables++;
            out.add(n);
        }
        return new Pdu(Snmp.RESPONSE, p.requestId(), 0, 0, out);
    }

    /** The first object after o, or endOfMibView (RFC 3416 §4.2.2). Counter64 is not shown to v1 (RFC 3584 §4.2.2.1). */
    private static VarBind next(TreeMap<Oid, Value> mib, Oid o, boolean v1) {
        var e = mib.higherEntry(o);
        while (v1 && e != null && e.getValue().tag() == Snmp.COUNTER64) e = mib.higherEntry(e.getKey());
        return e == null ? new VarBind(o, Value.exception(Snmp.END_OF_MIB_VIEW)) : new VarBind(e.getKey(), e.getValue());
    }

    /** RFC 3416 §4.2.3: N non-repeaters, then up to M rounds of the R others, as many as fit in the packet. */
    private Pdu getBulk(Pdu p, RunningConfig c, int room) {
        TreeMap<Oid, Value> mib = Mib.snapshot(this, c);
        List<VarBind> req = p.bindings();
        int n = Math.min(Math.max(p.nonRepeaters(), 0), req.size());
        int m = Math.min(Math.max(p.maxRepetitions(), 0), MAX_REPETITIONS);
        int r = req.size() - n;
        List<VarBind> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            VarBind v = next(mib, req.get(i).oid(), false);
            room -= Snmp.size(v);
            if (room < 0) return error(p, Snmp.TOO_BIG, 0, List.of());
            out.add(v);
            if (!v.value().isException()) stats.requestedVariables++;
        }
        Oid[] cursor = new Oid[r];
        for (int j = 0; j < r; j++) cursor[j] = req.get(n + j).oid();
        rounds:
        for (int round = 0; round < m && r > 0; round++) {
            boolean allEnd = true;
            for (int j = 0; j < r; j++) {
                VarBind v = next(mib, cursor[j], false);
                int s = Snmp.size(v);
                if (room - s < 0) break rounds;
                room -= s;
                out.add(v);
                cursor[j] = v.oid();
                if (!v.value().isException()) {
                    allEnd = false;
                    stats.requestedVariables++;
                }
            }
            if (allEnd) break;
        }
        return new Pdu(Snmp.RESPONSE, p.requestId(), 0, 0, out);
    }

    private static Pdu error(Pdu p, int status, int index) { return error(p, status, index, p.bindings()); }

    private static Pdu error(Pdu p, int status, int index, List<VarBind> binds) {
        return new Pdu(Snmp.RESPONSE, p.requestId(), status, index, binds);
    }

    /**
     * RFC 3416 §4.2.5: every binding checked before any is applied. sysContact and sysLocation
     * take printable text up to 255 octets; sysName, a valid hostname (it sets the hostname).
     * SNMPv1's errors are RFC 3584 §4.4's mapping of v2's.
     */
    private Pdu set(int version, Pdu p, RunningConfig c) {
        TreeMap<Oid, Value> mib = Mib.snapshot(this, c);
        List<VarBind> req = p.bindings();
        for (int i = 0; i < req.size(); i++) {
            VarBind vb = req.get(i);
            int e = check(vb, mib);
            if (e != 0) {
                if (version == Snmp.V1) {
                    e = switch (e) {
                        case Snmp.WRONG_TYPE, Snmp.WRONG_LENGTH, Snmp.WRONG_VALUE -> Snmp.BAD_VALUE;
                        default -> Snmp.NO_SUCH_NAME;
                    };
                }
                return error(p, e, i + 1);
            }
        }
        for (VarBind vb : req) {
            String text = Mib.printable(vb.value().octets());
            if (vb.oid().equals(Mib.SYS_CONTACT)) c.snmp.contact = text.isEmpty() ? null : text;
            else if (vb.oid().equals(Mib.SYS_LOCATION)) c.snmp.location = text.isEmpty() ? null : text;
            else c.hostname = text;
            stats.alteredVariables++;
        }
        if (!req.isEmpty()) changed.run();
        return new Pdu(Snmp.RESPONSE, p.requestId(), 0, 0, req);
    }

    private static int check(VarBind vb, TreeMap<Oid, Value> mib) {
        Oid o = vb.oid();
        boolean writable = o.equals(Mib.SYS_CONTACT) || o.equals(Mib.SYS_LOCATION) || o.equals(Mib.SYS_NAME);
        if (!writable) return mib.containsKey(o) ? Snmp.NOT_WRITABLE : Snmp.NO_CREATION;
        Value v = vb.value();
        if (v.tag() != Snmp.OCTETS) return Snmp.WRONG_TYPE;
        if (v.octets().length > 255) return Snmp.WRONG_LENGTH;
        String text = Mib.printable(v.octets());
        if (text == null) return Snmp.WRONG_VALUE;
        if (o.equals(Mib.SYS_NAME) && !text.matches("[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) return Snmp.WRONG_VALUE;
        return 0;
    }

    // ------------------------------------------------------------------ notifications

    /** Traps say what happened at the change, not what holds when the task runs (a shutdown then no shutdown: linkDown, linkUp). */
    private void lineChanged(IpEngine.LineChange change) {
        IpInterface x = change.iface();
        lastChange.put(x.name, uptimeTicks());
        if (!listening) return;
        RunningConfig c = config.get();
        boolean up = change.up();
        if (!c.snmp.traps.contains(up ? "linkup" : "linkdown")) return;
        int ix = ifIndex(x.name);
        // IOS's link traps: ifIndex, ifDescr, ifType and locIfReason
        notify(c, up ? LINK_UP : LINK_DOWN, List.of(
            new VarBind(Mib.IF_ENTRY.append(Mib.IF_INDEX, ix), Value.integer(ix)),
            new VarBind(Mib.IF_ENTRY.append(Mib.IF_DESCR, ix), Value.string(x.name.toString())),
            new VarBind(Mib.IF_ENTRY.append(Mib.IF_TYPE, ix), Value.integer(Mib.ifType(x))),
            new VarBind(Mib.LOC_IF_REASON.append(ix), Value.string(up ? "up" : change.adminUp() ? "down" : "administratively down"))));
    }

    /** One notification to every host: v2c traps (sysUpTime.0, snmpTrapOID.0, then the objects) or v1 traps (RFC 3584 §3.2). */
    private void notify(RunningConfig c, Oid trap, List<VarBind> objects) {
        if (c.snmp.hosts.isEmpty()) return;
        long ticks = uptimeTicks();
        for (SnmpConfig.Host h : c.snmp.hosts.values()) {
            int src = ip.sourceFor(h.address());
            if (src == 0) continue;          // no route to the host
            byte[] community = h.community().getBytes(StandardCharsets.ISO_8859_1);
            byte[] msg;
            if (h.v2c()) {
                List<VarBind> binds = new ArrayList<>();
                binds.add(new VarBind(Mib.SYS_UPTIME, Value.timeticks(ticks)));
                binds.add(new VarBind(SNMP_TRAP_OID, Value.oid(trap)));
                binds.addAll(objects);
                msg = Snmp.encode(Message.community(Snmp.V2C, community, new Pdu(Snmp.TRAP, ++trapId, 0, 0, binds)));
            } else {
                int generic = trap.arc(trap.size() - 1) - 1;     // coldStart(0), linkDown(2), linkUp(3)
                msg = Snmp.encodeV1Trap(community, Mib.SYS_OBJECT, src, generic, 0, ticks, objects);
            }
            if (ip.sendUdp(null, src, h.address(), Snmp.PORT, h.port(), msg, 0, msg.length)) {
                stats.outPackets++;
                stats.traps++;
                stats.sentTo.merge(h.key(), 1L, Long::sum);
            }
        }
    }

    /** The engine ID IOS gives itself (RFC 3411 §5: enterprise 9, format 3 (MAC), the chassis MAC). */
    public static byte[] engineId(long mac) {
        byte[] b = new byte[12];
        b[0] = (byte) 0x80;
        b[3] = 9;
        b[4] = 3;
        b[5] = 0;
        System.arraycopy(Mib.mac(mac), 0, b, 6, 6);
        return b;
    }

    /** The scheduler the agent runs on. */
    Scheduler scheduler() { return scheduler; }
}
