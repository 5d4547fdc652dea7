package dev.routerlab.snmp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.Counters;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Snmp.Oid;
import dev.routerlab.packet.Snmp.Value;

/**
 * The objects the agent serves, read live at each request: MIB-II's system group (RFC 3418),
 * the interfaces group and ifXTable (RFC 2863), ipAddrTable (RFC 1213 §6.4) and the snmp group
 * (RFC 3418 §2). A snapshot is a sorted map, so GetNext is its ceiling (RFC 3416 §4.2.2).
 */
final class Mib {
    static final Oid MIB2 = Oid.parse("1.3.6.1.2.1");
    static final Oid SYSTEM = MIB2.append(1);
    static final Oid SYS_DESCR = SYSTEM.append(1, 0), SYS_OBJECT_ID = SYSTEM.append(2, 0),
        SYS_UPTIME = SYSTEM.append(3, 0), SYS_CONTACT = SYSTEM.append(4, 0), SYS_NAME = SYSTEM.append(5, 0),
        SYS_LOCATION = SYSTEM.append(6, 0), SYS_SERVICES = SYSTEM.append(7, 0);
    static final Oid IF_NUMBER = MIB2.append(2, 1, 0);
    static final Oid IF_ENTRY = MIB2.append(2, 2, 1);
    static final Oid IP_ADDR_ENTRY = MIB2.append(4, 20, 1);
    static final Oid SNMP_GROUP = MIB2.append(11);
    static final Oid IFX_ENTRY = MIB2.append(31, 1, 1, 1);
    /** ciscoIOSv (CISCO-PRODUCTS-MIB). */
    static final Oid SYS_OBJECT = Oid.parse("1.3.6.1.4.1.9.1.1041");
    /** OLD-CISCO-INTERFACES-MIB locIfReason: the reason IOS's link traps carry. */
    static final Oid LOC_IF_REASON = Oid.parse("1.3.6.1.4.1.9.2.2.1.1.20");
    static final int IF_INDEX = 1, IF_DESCR = 2, IF_TYPE = 3, IF_ADMIN = 7, IF_OPER = 8;

    private Mib() {}

    /** The scalar and column OIDs (without instance): a Get on one of these missing its instance is noSuchInstance. */
    static boolean isObject(Oid o) {
        if (o.size() == SYSTEM.size() + 1 && o.startsWith(SYSTEM)) return o.arc(o.size() - 1) >= 1 && o.arc(o.size() - 1) <= 7;
        if (o.equals(MIB2.append(2, 1))) return true;
        if (o.size() == IF_ENTRY.size() + 1 && o.startsWith(IF_ENTRY)) return o.arc(o.size() - 1) >= 1 && o.arc(o.size() - 1) <= 22;
        if (o.size() == IFX_ENTRY.size() + 1 && o.startsWith(IFX_ENTRY)) return o.arc(o.size() - 1) >= 1 && o.arc(o.size() - 1) <= 19;
        if (o.size() == IP_ADDR_ENTRY.size() + 1 && o.startsWith(IP_ADDR_ENTRY)) return o.arc(o.size() - 1) >= 1 && o.arc(o.size() - 1) <= 5;
        return o.size() == SNMP_GROUP.size() + 1 && o.startsWith(SNMP_GROUP);
    }

    /** Everything the agent serves now, in OID order. */
    static TreeMap<Oid, Value> snapshot(SnmpAgent a, RunningConfig c) {
        TreeMap<Oid, Value> m = new TreeMap<>();
        long ticks = a.uptimeTicks();
        m.put(SYS_DESCR, Value.string(a.sysDescr()));
        m.put(SYS_OBJECT_ID, Value.oid(SYS_OBJECT));
        m.put(SYS_UPTIME, Value.timeticks(ticks));
        m.put(SYS_CONTACT, Value.string(c.snmp.contact == null ? "" : c.snmp.contact));
        m.put(SYS_NAME, Value.string(sysName(c)));
        m.put(SYS_LOCATION, Value.string(c.snmp.location == null ? "" : c.snmp.location));
        m.put(SYS_SERVICES, Value.integer(78));          // IOS: layers 2, 3, 4 and 7
        Map<Integer, IpInterface> ifs = a.interfacesByIndex();
        m.put(IF_NUMBER, Value.integer(ifs.size()));
        for (var e : ifs.entrySet()) interfaceRows(a, c, m, e.getKey(), e.getValue());
        for (var e : ifs.entrySet()) {
            IpInterface x = e.getValue();
            if (!x.hasAddress()) continue;
            addrRow(m, x.address(), x.mask(), e.getKey());
            int[] s = x.secondaries();
            for (int i = 0; i + 1 < s.length; i += 2) addrRow(m, s[i], s[i + 1], e.getKey());
        }
        SnmpAgent.Stats k = a.stats();
        long[][] snmp = {
            {1, k.inPackets}, {2, k.outPackets}, {3, k.badVersions}, {4, k.unknownCommunity}, {5, k.illegalOperation},
            {6, k.encodingErrors}, {8, 0}, {9, 0}, {10, 0}, {11, 0}, {12, 0}, {13, k.requestedVariables},
            {14, k.alteredVariables}, {15, k.getRequests}, {16, k.getNexts}, {17, k.setRequests}, {18, 0}, {19, 0},
            {20, k.tooBig}, {21, k.noSuchName}, {22, k.badValues}, {24, k.generalErrors}, {25, 0}, {26, 0}, {27, 0},
            {28, k.responses}, {29, k.traps}};
        for (long[] r : snmp) m.put(SNMP_GROUP.append((int) r[0], 0), Value.counter32(r[1]));
        m.put(SNMP_GROUP.append(30, 0), Value.integer(c.snmp.traps.contains("authentication") ? 1 : 2));
        m.put(SNMP_GROUP.append(31, 0), Value.counter32(0));
        m.put(SNMP_GROUP.append(32, 0), Value.counter32(0));
        return m;
    }

    /** sysName: the hostname, with the domain name after a dot when one is set (as IOS). */
    static String sysName(RunningConfig c) {
        return c.domainName == null ? c.hostname : c.hostname + "." + c.domainName;
    }

    private static void addrRow(TreeMap<Oid, Value> m, int addr, int mask, int ifIndex) {
        int[] ip = {addr >>> 24, addr >>> 16 & 0xff, addr >>> 8 & 0xff, addr & 0xff};
        m.put(IP_ADDR_ENTRY.append(1).append(ip), Value.ipAddress(addr));
        m.put(IP_ADDR_ENTRY.append(2).append(ip), Value.integer(ifIndex));
        m.put(IP_ADDR_ENTRY.append(3).append(ip), Value.ipAddress(mask));
        m.put(IP_ADDR_ENTRY.append(4).append(ip), Value.integer(1));
        m.put(IP_ADDR_ENTRY.append(5).append(ip), Value.integer(18024));   // IOS's reassembly maximum
    }

    /** ifType (IANAifType): ethernetCsmacd 6, softwareLoopback 24, tunnel 131, other 1 (Null0). */
    static int ifType(IpInterface x) {
        return switch (x.kind) {
            case ETHERNET -> 6;
            case LOOPBACK -> 24;
            case TUNNEL -> 131;
            case NULL -> 1;
        };
    }

    /** The bandwidth in kbit/s as `show interfaces` gives it (`bandwidth`, `speed`, else the type's). */
    static long bandwidthKbps(IpInterface x, InterfaceConfig i) {
        if (i != null && i.bandwidth != null) return i.bandwidth;
        return switch (x.kind) {
            case LOOPBACK -> 8_000_000;
            case TUNNEL -> 100;
            case NULL -> 10_000_000;
            case ETHERNET -> i != null && i.speed != null ? i.speed * 1000L : 1_000_000;
        };
    }

    private static void interfaceRows(SnmpAgent a, RunningConfig c, TreeMap<Oid, Value> m, int ix, IpInterface x) {
        InterfaceConfig ic = c.interfaces.get(x.name);
        Counters k = x.counters;
        long bw = bandwidthKbps(x, ic);
        long ucastIn = Math.max(0, k.packetsIn - k.broadcastsIn);
        Value[] col = new Value[23];
        col[1] = Value.integer(ix);
        col[2] = Value.string(x.name.toString());
        col[3] = Value.integer(ifType(x));
        col[4] = Value.integer(x.mtu());
        col[5] = Value.gauge32(bw * 1000);
        col[6] = Value.octets(x.kind == IpInterface.Kind.ETHERNET ? mac(x.mac) : new byte[0]);
        col[7] = Value.integer(x.adminUp() ? 1 : 2);
        col[8] = Value.integer(x.lineUp() ? 1 : 2);
        col[9] = Value.timeticks(a.lastChange(x.name));
        col[10] = Value.counter32(k.bytesIn);
        col[11] = Value.counter32(ucastIn);
        col[12] = Value.counter32(k.broadcastsIn);
        col[13] = Value.counter32(k.inputDrops);
        col[14] = Value.counter32(k.inputErrors);
        col[15] = Value.counter32(k.unknownProtocolDrops);
        col[16] = Value.counter32(k.bytesOut);
        col[17] = Value.counter32(k.packetsOut);
        col[18] = Value.counter32(0);
        col[19] = Value.counter32(k.outputDrops);
        col[20] = Value.counter32(0);
        col[21] = Value.gauge32(0);
        col[22] = Value.oid(Oid.of(0, 0));
        for (int i = 1; i < col.length; i++) m.put(IF_ENTRY.append(i, ix), col[i]);
        Value[] x2 = new Value[20];
        x2[1] = Value.string(x.name.shortForm());
        x2[2] = Value.counter32(0);
        x2[3] = Value.counter32(k.broadcastsIn);
        x2[4] = Value.counter32(0);
        x2[5] = Value.counter32(0);
        x2[6] = Value.counter64(k.bytesIn);
        x2[7] = Value.counter64(ucastIn);
        x2[8] = Value.counter64(0);
        x2[9] = Value.counter64(k.broadcastsIn);
        x2[10] = Value.counter64(k.bytesOut);
        x2[11] = Value.counter64(k.packetsOut);
        x2[12] = Value.counter64(0);
        x2[13] = Value.counter64(0);
        x2[14] = Value.integer(1);
        x2[15] = Value.gauge32(bw / 1000);
        x2[16] = Value.integer(2);
        x2[17] = Value.integer(x.name.isPhysical() ? 1 : 2);
        x2[18] = Value.string(ic == null || ic.description == null ? "" : ic.description);
        x2[19] = Value.timeticks(0);
        for (int i = 1; i < x2.length; i++) m.put(IFX_ENTRY.append(i, ix), x2[i]);
    }

    static byte[] mac(long m) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) b[i] = (byte) (m >>> (40 - 8 * i));
        return b;
    }

    /** Text for a managed object: printable ASCII only (anything else is refused as wrongValue). */
    static String printable(byte[] b) {
        for (byte x : b) if (x < 0x20 || x > 0x7e) return null;
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A sort key for ifIndex assignment: physical ports first, then by name. */
    static int order(InterfaceName n) { return n.isPhysical() ? 0 : n.type() == InterfaceName.Type.NULL ? 1 : 2; }
}
