package dev.routerlab.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Snmp;
import dev.routerlab.packet.Snmp.Message;
import dev.routerlab.packet.Snmp.Oid;
import dev.routerlab.packet.Snmp.Pdu;
import dev.routerlab.packet.Snmp.Value;
import dev.routerlab.packet.Snmp.VarBind;
import dev.routerlab.packet.Udp;
import org.junit.jupiter.api.Test;

/**
 * The agent over the lab's wire: R2 sends SNMP to R1 (10.12.0.1) from UDP 40000 and reads what
 * comes back. Get/GetNext/GetBulk over MIB-II, v1's error mapping, Set of sysName and
 * sysLocation, communities' rights and access lists, malformed input counted, traps to a host.
 */
class SnmpAgentTest {
    static final int R1 = Ipv4Address.parse("10.12.0.1"), R2 = Ipv4Address.parse("10.12.0.2");
    final Net n = Net.greLab(dev.routerlab.link.WireOptions.DEFAULT);
    final Net.Node r1 = n.get("R1"), r2 = n.get("R2");
    final List<Message> got = new ArrayList<>();
    final List<Message> traps = new ArrayList<>();
    int id = 100;

    SnmpAgentTest() {
        r2.router.ip().registerUdp(40000, (in, b, off, len) -> {
            int u = off + Ipv4.headerLength(b, off);
            got.add(Snmp.parse(b, u + 8, Udp.length(b, u) - 8));
            return true;
        });
        r2.router.ip().registerUdp(162, (in, b, off, len) -> {
            int u = off + Ipv4.headerLength(b, off);
            byte[] d = java.util.Arrays.copyOfRange(b, u + 8, u + Udp.length(b, u));
            Message m = Snmp.parse(d, 0, d.length);
            traps.add(m != null ? m : Message.community(0, d, null));
            return true;
        });
        r2.exec("ping 10.12.0.1");      // ARP both ways
        n.run(1);
    }

    Message ask(int version, String community, int type, int a, int b, String... oids) {
        List<VarBind> binds = new ArrayList<>();
        for (String o : oids) binds.add(new VarBind(Oid.parse(o), Value.nul()));
        return send(version, community, new Pdu(type, ++id, a, b, binds));
    }

    Message send(int version, String community, Pdu p) {
        return sendRaw(Snmp.encode(Message.community(version, community.getBytes(), p)));
    }

    Message sendRaw(byte[] msg) {
        got.clear();
        byte[] pkt = Udp.buildPacket(R2, R1, 40000, 161, 1, 64, msg, 0, msg.length);
        r2.router.scheduler().execute(() -> r2.router.ip().send(pkt, 0, pkt.length));
        n.run(1);
        return got.isEmpty() ? null : got.get(0);
    }

    static String text(Value v) { return new String(v.octets()); }

    @Test
    void getGetNextAndBulkOverMib2() {
        r1.config("snmp-server community public RO", "snmp-server location Lab 1", "interface Loopback0", "description loop");
        Message m = ask(Snmp.V2C, "public", Snmp.GET, 0, 0, "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0",
            "1.3.6.1.2.1.1.9.0", "1.3.6.1.2.1.1.1.1", "1.3.6.1.2.1.1.3.0");
        assertNotNull(m, "answered");
        List<VarBind> v = m.pdu().bindings();
        assertEquals(Snmp.RESPONSE, m.pdu().type());
        assertTrue(text(v.get(0).value()).startsWith("Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.8(3)M2, RELEASE SOFTWARE (fc2)\r\n"));
        assertEquals("R1", text(v.get(1).value()));
        assertEquals("Lab 1", text(v.get(2).value()));
        assertEquals(Snmp.NO_SUCH_OBJECT, v.get(3).value().tag());
        assertEquals(Snmp.NO_SUCH_INSTANCE, v.get(4).value().tag());
        long ticks = v.get(5).value().number();
        assertEquals(r1.router.uptimeNanos() / 10_000_000L, ticks, 200, "sysUpTime from the router's clock");

        // GetNext walks in OID order: ifDescr.1 = Gi0/0, ifName is the short form, ifAlias the description
        Message next = ask(Snmp.V2C, "public", Snmp.GETNEXT, 0, 0, "1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.31.1.1.1.1");
        assertEquals("1.3.6.1.2.1.2.2.1.2.1", next.pdu().bindings().get(0).oid().toString());
        assertEquals("GigabitEthernet0/0", text(next.pdu().bindings().get(0).value()));
        assertEquals("Gi0/0", text(next.pdu().bindings().get(1).value()));

        // GetBulk: ifDescr of every interface; the loopback carries its description in ifAlias
        Message bulk = ask(Snmp.V2C, "public", Snmp.GETBULK, 1, 30, "1.3.6.1.2.1.1.3", "1.3.6.1.2.1.2.2.1.2");
        List<VarBind> b = bulk.pdu().bindings();
        assertEquals("1.3.6.1.2.1.1.3.0", b.get(0).oid().toString());
        List<String> names = b.stream().skip(1).filter(x -> x.oid().toString().startsWith("1.3.6.1.2.1.2.2.1.2."))
            .map(x -> text(x.value())).toList();
        assertTrue(names.containsAll(List.of("GigabitEthernet0/0", "GigabitEthernet0/1", "Null0", "Loopback0")), names.toString());
        int lo = names.indexOf("Loopback0") + 1;
        Message alias = ask(Snmp.V2C, "public", Snmp.GET, 0, 0, "1.3.6.1.2.1.31.1.1.1.18." + lo, "1.3.6.1.2.1.2.2.1.8." + lo);
        assertEquals("loop", text(alias.pdu().bindings().get(0).value()));
        assertEquals(1, alias.pdu().bindings().get(1).value().number(), "ifOperStatus up");

        // live counters: ifInUcastPkts of Gi0/0 grows with the traffic
        int gi = names.indexOf("GigabitEthernet0/0") + 1;
        long before = ask(Snmp.V2C, "public", Snmp.GET, 0, 0, "1.3.6.1.2.1.2.2.1.11." + gi).pdu().bindings().get(0).value().number();
        r2.exec("ping 10.12.0.1 repeat 20");
        n.run(1);
        long after = ask(Snmp.V2C, "public", Snmp.GET, 0, 0, "1.3.6.1.2.1.2.2.1.11." + gi).pdu().bindings().get(0).value().number();
        assertTrue(after >= before + 20, before + " -> " + after);

        // ipAddrTable: R1's address on Gi0/0 with its index and mask
        Message addr = ask(Snmp.V2C, "public", Snmp.GET, 0, 0, "1.3.6.1.2.1.4.20.1.2.10.12.0.1", "1.3.6.1.2.1.4.20.1.3.10.12.0.1");
        assertEquals(gi, addr.pdu().bindings().get(0).value().number());
        assertEquals(Value.ipAddress(Ipv4Address.parse("255.255.255.0")), addr.pdu().bindings().get(1).value());

        // the end of the MIB
        Message end = ask(Snmp.V2C, "public", Snmp.GETNEXT, 0, 0, "1.3.6.1.6");
        assertEquals(Snmp.END_OF_MIB_VIEW, end.pdu().bindings().get(0).value().tag());
        // SNMPv1: noSuchName with its index; Counter64 is skipped by GetNext
        Message v1 = ask(Snmp.V1, "public", Snmp.GET, 0, 0, "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.99.0");
        assertEquals(Snmp.NO_SUCH_NAME, v1.pdu().errorStatus());
        assertEquals(2, v1.pdu().errorIndex());
        Message v1next = ask(Snmp.V1, "public", Snmp.GETNEXT, 0, 0, "1.3.6.1.2.1.31.1.1.1.5.999");
        assertEquals("1.3.6.1.2.1.31.1.1.1.14.1", v1next.pdu().bindings().get(0).oid().toString(), "ifHC* columns skipped for v1");
    }

    @Test
    void setChangesTheModelWithAnRwCommunityOnly() {
        r1.config("snmp-server community public RO", "snmp-server community private RW 5", "access-list 5 permit 10.12.0.2");
        Pdu set = new Pdu(Snmp.SET, 7, 0, 0, List.of(new VarBind(Oid.parse("1.3.6.1.2.1.1.6.0"), Value.string("Rack 9")),
            new VarBind(Oid.parse("1.3.6.1.2.1.1.5.0"), Value.string("EDGE1"))));
        assertEquals(null, send(Snmp.V2C, "public", set), "a RO community's Set is dropped");
        Message ok = send(Snmp.V2C, "private", set);
        assertEquals(0, ok.pdu().errorStatus());
        assertEquals("Rack 9", r1.router.config().snmp.location);
        assertEquals("EDGE1", r1.router.config().hostname);
        assertTrue(r1.exec("show running-config | include ^hostname|location").contains("hostname EDGE1\nsnmp-server location Rack 9\n"));

        // checked before applied: a bad second binding leaves the first unset
        Pdu bad = new Pdu(Snmp.SET, 8, 0, 0, List.of(new VarBind(Oid.parse("1.3.6.1.2.1.1.4.0"), Value.string("x")),
            new VarBind(Oid.parse("1.3.6.1.2.1.1.5.0"), Value.string("bad\u001bname"))));
        Message refused = send(Snmp.V2C, "private", bad);
        assertEquals(Snmp.WRONG_VALUE, refused.pdu().errorStatus());
        assertEquals(2, refused.pdu().errorIndex());
        assertEquals(null, r1.router.config().snmp.contact);
        assertEquals(Snmp.BAD_VALUE, send(Snmp.V1, "private", bad).pdu().errorStatus(), "v1: badValue");
        Pdu ro = new Pdu(Snmp.SET, 9, 0, 0, List.of(new VarBind(Oid.parse("1.3.6.1.2.1.1.1.0"), Value.string("x"))));
        assertEquals(Snmp.NOT_WRITABLE, send(Snmp.V2C, "private", ro).pdu().errorStatus());
        assertEquals(Snmp.NO_SUCH_NAME, send(Snmp.V1, "private", ro).pdu().errorStatus());
        Pdu type = new Pdu(Snmp.SET, 10, 0, 0, List.of(new VarBind(Oid.parse("1.3.6.1.2.1.1.6.0"), Value.integer(3))));
        assertEquals(Snmp.WRONG_TYPE, send(Snmp.V2C, "private", type).pdu().errorStatus());

        // the access list: R1 itself is not 10.12.0.2... a deny means an unknown community
        r1.config("no access-list 5", "access-list 5 deny any");
        assertEquals(null, ask(Snmp.V2C, "private", Snmp.GET, 0, 0, "1.3.6.1.2.1.1.5.0"));
        assertEquals(null, ask(Snmp.V2C, "nobody", Snmp.GET, 0, 0, "1.3.6.1.2.1.1.5.0"));
        assertEquals(null, sendRaw(new byte[] {0x30, 0x03, 0x02, 0x01}), "malformed: dropped");
        String show = r1.exec("show snmp");
        assertTrue(show.contains("    2 Unknown community name\n"), show);
        assertTrue(show.contains("    1 Illegal operation for community name supplied\n"), show);
        assertTrue(show.contains("    1 Encoding errors\n"), show);
        assertTrue(show.contains("    2 Number of altered variables\n"), show);
        assertTrue(show.contains("Location: Rack 9\n"), show);
        assertTrue(show.contains("    1 Bad values errors\n"), show);
    }

    @Test
    void linkTrapsGoToTheHostsAsV2cOrV1() {
        assertEquals("%SNMP agent not enabled\n", r1.exec("show snmp"));
        r1.config("snmp-server enable traps snmp linkdown linkup coldstart", "snmp-server host 10.12.0.2 version 2c TRAPS",
            "snmp-server host 10.12.0.2 OLD udp-port 162", "interface Loopback3");
        n.run(1);
        traps.clear();
        r1.config("interface Loopback3", "shutdown");
        n.run(1);
        assertEquals(2, traps.size(), traps.toString());
        Message v2 = traps.stream().filter(m -> m.pdu() != null).findFirst().orElseThrow();
        assertEquals("TRAPS", new String(v2.community()));
        List<VarBind> b = v2.pdu().bindings();
        assertEquals(Snmp.TRAP, v2.pdu().type());
        assertEquals("1.3.6.1.2.1.1.3.0", b.get(0).oid().toString());
        assertEquals(Value.oid(SnmpAgent.LINK_DOWN), b.get(1).value());
        assertEquals("Loopback3", text(b.get(3).value()));
        assertEquals("administratively down", text(b.get(5).value()));
        byte[] v1 = traps.stream().filter(m -> m.pdu() == null).findFirst().orElseThrow().community();
        int at = ((v1[1] & 0x80) != 0 ? 2 + (v1[1] & 0x7f) : 2) + 3 + 2 + 3;    // SEQUENCE, version, "OLD"
        assertEquals(Snmp.V1TRAP, v1[at] & 0xff, "a v1 Trap-PDU for the host without a version");
        assertEquals("""
            snmp-server enable traps snmp linkdown linkup coldstart
            snmp-server host 10.12.0.2 version 2c TRAPS
            snmp-server host 10.12.0.2 OLD
            """, r1.exec("show running-config | include snmp-server"));
        String show = r1.exec("show snmp");
        assertTrue(show.contains("    2 Trap PDUs\n"), show);
        assertTrue(show.contains("SNMP logging: enabled\n    Logging to 10.12.0.2.162, 0/10, 1 sent, 0 dropped.\n"), show);
        r1.config("no snmp-server enable traps snmp linkdown");
        traps.clear();
        r1.config("interface Loopback3", "no shutdown");
        n.run(1);
        assertEquals(2, traps.size(), "linkUp still on");
        traps.clear();
        r1.config("interface Loopback3", "shutdown");
        n.run(1);
        assertEquals(0, traps.size(), "linkDown off");
    }

    /** A trap tells the change as it happened, though it is sent later: shut then unshut before it goes gives linkDown, then linkUp. */
    @Test
    void aQuickFlapSendsLinkDownThenLinkUp() {
        r1.config("snmp-server enable traps snmp linkdown linkup", "snmp-server host 10.12.0.2 version 2c TRAPS", "interface Loopback4");
        n.run(1);
        traps.clear();
        r1.exec("configure terminal");
        r1.exec("interface Loopback4");
        r1.session.type("shutdown");         // both lines before the clock runs the listeners' tasks
        r1.session.type("no shutdown");
        r1.exec("end");
        n.run(1);
        assertEquals(List.of(Value.oid(SnmpAgent.LINK_DOWN), Value.oid(SnmpAgent.LINK_UP)),
            traps.stream().map(m -> m.pdu().bindings().get(1).value()).toList(), traps.toString());
        assertEquals("administratively down", text(traps.get(0).pdu().bindings().get(5).value()));
        assertEquals("up", text(traps.get(1).pdu().bindings().get(5).value()));
    }
}
