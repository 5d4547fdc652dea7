package dev.routerlab.ipv6.cli;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** R1 - R2 (ipv6 unicast-routing) - R3, configured and inspected as a student types it. */
class Ipv6CommandsTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");

    Ipv6CommandsTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0");
        net.wire(r2, "Gi0/1", r3, "Gi0/0");
        r1.config("interface GigabitEthernet0/0", "ipv6 address 2001:DB8:12::1/64", "no shutdown",
                "exit", "ipv6 route ::/0 2001:DB8:12::2");
        r2.config("ipv6 unicast-routing", "interface GigabitEthernet0/0", "ipv6 address 2001:db8:12::2/64", "no shutdown",
                "interface GigabitEthernet0/1", "ipv6 address 2001:DB8:23::/64 eui-64", "no shutdown");
        r3.config("interface GigabitEthernet0/0", "ipv6 enable", "ipv6 address 2001:DB8:23::3/64", "no shutdown",
                "exit", "ipv6 route 2001:DB8:12::/64 GigabitEthernet0/0 " + r2ll("Gi0/1"), "ipv6 route 2001:DB8:99::/48 Null0 250");
        net.run(5);
        for (Net.Node n : List.of(r1, r2, r3)) n.pending();
    }

    String r2ll(String iface) {
        long mac = r2.iface(iface).mac;
        return dev.routerlab.packet.Ipv6Address.linkLocal(dev.routerlab.packet.Ipv6Address.eui64(mac)).toString();
    }

    String eui(String iface) {
        return dev.routerlab.packet.Ipv6Address.parse("2001:db8:23::").withInterfaceId(
                dev.routerlab.packet.Ipv6Address.eui64(r2.iface(iface).mac)).toString();
    }

    @Test
    void pingTracerouteAndTheShows() {
        String p = r1.exec("ping ipv6 2001:DB8:23::3");
        assertTrue(p.startsWith("Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to 2001:DB8:23::3, timeout is 2 seconds:\n!!!!!\n"
                + "Success rate is 100 percent (5/5), round-trip min/avg/max = "), p);
        assertTrue(r1.exec("ping 2001:db8:23::3 repeat 2").contains("!!\nSuccess rate is 100 percent (2/2)"));
        String t = r1.exec("traceroute ipv6 2001:DB8:23::3");
        assertTrue(Pattern.compile("Tracing the route to 2001:DB8:23::3\n\n  1 2001:DB8:12::2 \\d+ msec \\d+ msec \\d+ msec\n"
                + "  2 2001:DB8:23::3 \\d+ msec \\d+ msec \\d+ msec\n").matcher(t).find(), t);

        String brief = r2.exec("show ipv6 interface brief");
        assertTrue(brief.startsWith("GigabitEthernet0/0     [up/up]\n    " + r2ll("Gi0/0") + "\n    2001:DB8:12::2\n"
                + "GigabitEthernet0/1     [up/up]\n    " + r2ll("Gi0/1") + "\n    " + eui("Gi0/1") + "\n"
                + "GigabitEthernet0/2     [administratively down/down]\n    unassigned\n"), brief);

        String sh = r2.exec("show ipv6 interface GigabitEthernet0/1");
        assertTrue(sh.startsWith("GigabitEthernet0/1 is up, line protocol is up\n  IPv6 is enabled, link-local address is " + r2ll("Gi0/1") + " \n"
                + "  No Virtual link-local address(es):\n  Global unicast address(es):\n    " + eui("Gi0/1") + ", subnet is 2001:DB8:23::/64 [EUI] \n"
                + "  Joined group address(es):\n    FF02::1\n    FF02::2\n"), sh);
        assertTrue(sh.contains("  MTU is 1500 bytes\n  ICMP error messages limited to one every 100 milliseconds\n"), sh);
        assertTrue(sh.contains("  ND router advertisements are sent every 200 seconds\n  ND router advertisements live for 1800 seconds\n"), sh);
        assertTrue(r1.exec("show ipv6 interface GigabitEthernet0/1").contains("IPv6 is disabled"));

        String rt = r3.exec("show ipv6 route");
        assertTrue(rt.startsWith("IPv6 Routing Table - default - 5 entries\nCodes: C - Connected, L - Local, S - Static"), rt);
        assertTrue(rt.contains("\nC   2001:DB8:23::/64 [0/0]\n     via GigabitEthernet0/0, directly connected\n"
                + "L   2001:DB8:23::3/128 [0/0]\n     via GigabitEthernet0/0, receive\n"), rt);
        assertTrue(rt.contains("S   2001:DB8:12::/64 [1/0]\n     via " + r2ll("Gi0/1") + ", GigabitEthernet0/0\n"), rt);
        assertTrue(rt.contains("S   2001:DB8:99::/48 [250/0]\n     via Null0, directly connected\n"), rt);
        assertTrue(rt.endsWith("L   FF00::/8 [0/0]\n     via Null0, receive\n"), rt);

        String nb = r2.exec("show ipv6 neighbors");
        assertTrue(nb.startsWith("IPv6 Address                              Age Link-layer Addr State Interface\n"), nb);
        assertTrue(Pattern.compile("(?m)^2001:DB8:12::1 {28}  0 [0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}  (REACH|STALE|DELAY) Gi0/0$").matcher(nb).find(), nb);
    }

    @Test
    void runningConfigInIosOrderAndRoundTrip() {
        String rc = r3.exec("show running-config");
        assertTrue(rc.contains("interface GigabitEthernet0/0\n no ip address\n ipv6 address 2001:DB8:23::3/64\n ipv6 enable\n!"), rc);
        assertTrue(rc.contains("ipv6 route 2001:DB8:12::/64 GigabitEthernet0/0 " + r2ll("Gi0/1") + "\nipv6 route 2001:DB8:99::/48 Null0 250\n!"), rc);
        String rc2 = r2.exec("show running-config");
        assertTrue(rc2.contains("ipv6 unicast-routing\n!"), rc2);
        assertTrue(rc2.contains(" ipv6 address 2001:DB8:23::/64 eui-64\n"), rc2);
        // the running-config typed into a fresh router gives the same model
        Net.Node copy = new Net().router("R3");
        List<String> lines = rc.lines().filter(l -> !l.startsWith("Building") && !l.startsWith("Current") && !l.startsWith("!") && !l.isBlank()
                && !l.equals("end")).toList();
        copy.config(lines.toArray(String[]::new));
        assertEquals(r3.router.config().ipv6, copy.router.config().ipv6);
        assertEquals(r3.router.config().interfaces.get(dev.routerlab.config.InterfaceName.parse("Gi0/0")).ipv6,
                copy.router.config().interfaces.get(dev.routerlab.config.InterfaceName.parse("Gi0/0")).ipv6);
        // removed, nothing is left
        r3.config("interface GigabitEthernet0/0", "no ipv6 address", "no ipv6 enable", "exit", "no ipv6 route 2001:DB8:99::/48 Null0 250",
                "no ipv6 route 2001:DB8:12::/64 GigabitEthernet0/0 " + r2ll("Gi0/1"));
        assertFalse(r3.exec("show running-config").contains("ipv6"));
        assertTrue(r3.exec("show ipv6 interface brief").contains("GigabitEthernet0/0     [up/up]\n    unassigned\n"));
    }

    @Test
    void badInputGetsIosErrors() {
        assertTrue(r1.config("ipv6 route 2001:DB8::/64 FE80::1").contains("% Interface has to be specified for a link-local nexthop"));
        assertTrue(r1.config("interface Gi0/0", "ipv6 address 2001:DB8:12::9/64 eui-65").contains("% Invalid input detected at '^' marker."));
        assertTrue(r1.config("interface Gi0/1", "ipv6 address 2001:DB8:12::5/64").contains("overlaps with Gi0/0"));
        assertTrue(r1.config("interface Gi0/0", "ipv6 address FE80::1:2:3").contains("% Incomplete command."));
        assertTrue(r1.config("interface Gi0/0", "ipv6 address 2001:DB8::1/129").contains("% Invalid input detected at '^' marker."));
    }
}
