package dev.routerlab.vrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

/**
 * VRF-lite on R1 in virtual time: H1 (Gi0/0) and H2 (Gi0/1) in VRF RED, H3 (Gi0/2) in the global
 * table, with the same subnet used in both (the overlap check is per VRF, as on IOS). Traffic
 * is forwarded inside RED only, R1 answers pings in the VRF they came from, and each table
 * shows only its own routes.
 */
class VrfLiteTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), h1 = net.router("H1"), h2 = net.router("H2"), h3 = net.router("H3");

    VrfLiteTest() {
        net.wire(h1, "Gi0/0", r1, "Gi0/0");
        net.wire(h2, "Gi0/0", r1, "Gi0/1");
        net.wire(h3, "Gi0/0", r1, "Gi0/2");
        h1.config("interface GigabitEthernet0/0", "ip address 10.1.1.10 255.255.255.0", "no shutdown", "ip route 0.0.0.0 0.0.0.0 10.1.1.1");
        h2.config("interface GigabitEthernet0/0", "ip address 10.2.2.10 255.255.255.0", "no shutdown", "ip route 0.0.0.0 0.0.0.0 10.2.2.1");
        h3.config("interface GigabitEthernet0/0", "ip address 10.1.1.10 255.255.255.0", "no shutdown", "ip route 0.0.0.0 0.0.0.0 10.1.1.1");
        net.run(5);
    }

    private String red() {
        return r1.config("vrf definition RED", "rd 65000:1", "address-family ipv4", "exit-address-family",
            "interface GigabitEthernet0/0", "ip address 10.1.1.1 255.255.255.0", "vrf forwarding RED",
            "ip address 10.1.1.1 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "vrf forwarding RED", "ip address 10.2.2.1 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/2", "ip address 10.1.1.1 255.255.255.0", "no shutdown",
            "ip route vrf RED 10.9.9.0 255.255.255.0 10.2.2.10");
    }

    @Test
    void changingTheVrfRemovesTheAddressAsIosSays() {
        String out = red();
        assertTrue(out.contains("% Interface GigabitEthernet0/0 IPv4 disabled and address(es) removed due to enabling VRF RED\n"), out);
        assertFalse(out.contains("overlaps"), "the same subnet in another VRF is no overlap:\n" + out);
        String legacy = r1.config("ip vrf BLUE", "interface GigabitEthernet0/1", "ip vrf forwarding BLUE");
        assertTrue(legacy.contains("% Interface GigabitEthernet0/1 IP address 10.2.2.1 removed due to enabling VRF BLUE\n"), legacy);
        assertTrue(r1.config("interface GigabitEthernet0/3", "vrf forwarding GREEN").contains("% VRF GREEN not configured.\n"));
        assertTrue(r1.exec("show ip route vrf GREEN").contains("% IP routing table GREEN does not exist"));
    }

    /** `router ospf 1 vrf RED`: neighbours over RED's interfaces only, its routes in RED's table only. */
    @Test
    void ospfInAVrf() {
        Net n = new Net();
        Net.Node a = n.router("A"), b = n.router("B");
        n.wire(a, "Gi0/0", b, "Gi0/0");
        for (Net.Node x : java.util.List.of(a, b)) {
            int me = x == a ? 1 : 2;
            x.config("vrf definition RED", "address-family ipv4", "exit-address-family",
                "interface GigabitEthernet0/0", "vrf forwarding RED", "ip address 10.12.0." + me + " 255.255.255.0", "no shutdown",
                "interface Loopback0", "vrf forwarding RED", "ip address 10.0." + me + ".1 255.255.255.0", "ip ospf network point-to-point",
                "interface Loopback1", "ip address 10.9." + me + ".1 255.255.255.0",
                "router ospf 1 vrf RED", "router-id " + me + "." + me + "." + me + "." + me, "network 10.0.0.0 0.255.255.255 area 0");
        }
        n.run(60);
        String nb = a.exec("show ip ospf neighbor");
        assertTrue(nb.contains("2.2.2.2           1   FULL/"), nb);
        String red = a.exec("show ip route vrf RED");
        assertTrue(red.contains("O        10.0.2.0/24 [110/2] via 10.12.0.2, "), red);
        assertFalse(a.exec("show ip route").contains("10.0.2.0"), "not in the global table");
        assertFalse(red.contains("10.9."), "Loopback1 (global) is not in the VRF process");
        a.exec("ping vrf RED 10.0.2.1 source Loopback0");
        assertTrue(a.exec("ping vrf RED 10.0.2.1 source Loopback0").contains("!!!!!"));
        assertTrue(a.exec("show running-config").contains("router ospf 1 vrf RED\n"), a.exec("show running-config"));
        assertFalse(a.exec("show ip protocols").contains("ospf 1"), "a VRF's process is in `show ip protocols vrf` only");
        assertTrue(a.exec("show ip protocols vrf RED").contains("Routing Protocol is \"ospf 1\"\n"));
        assertTrue(a.config("router ospf 2 vrf BLUE").contains("% VRF BLUE not configured."));
    }

    @Test
    void tracerouteVrfAndShowIpVrfDetail() {
        red();
        r1.config("vrf definition RED", "description customer red");
        net.run(5);
        r1.exec("ping vrf RED 10.2.2.10");
        String t = r1.exec("traceroute vrf RED 10.2.2.10 probe 1 ttl 1 2");
        assertTrue(t.contains("Tracing the route to 10.2.2.10\nVRF info: (vrf in name/id, vrf out name/id)\n  1 10.2.2.10 "), t);
        String g = r1.exec("traceroute 10.2.2.10 probe 1 ttl 1 2 timeout 1");
        assertFalse(g.contains("  1 10.2.2.10"), "the global table has no route to RED's hosts:\n" + g);
        assertTrue(r1.exec("traceroute vrf GREEN 10.2.2.10").contains("% Invalid input detected at '^' marker."));
        assertEquals("VRF RED (VRF Id = 1); default RD 65000:1; default VPNID <not set>\n"
            + "  Description: customer red\n"
            + "  New CLI format, supports multiple address-families\n"
            + "  Interfaces:\n"
            + "    Gi0/0                    Gi0/1\n"
            + "Address family ipv4 unicast (Table ID = 1 (0x1)):\n"
            + "  No Export VPN route-target communities\n  No Import VPN route-target communities\n"
            + "  No import route-map\n  No global export route-map\n  No export route-map\n"
            + "  VRF label distribution protocol: not configured\n  VRF label allocation mode: per-prefix\n"
            + "Address family ipv6 unicast not active\nAddress family ipv4 multicast not active\n"
            + "Address family ipv6 multicast not active\n\n", r1.exec("show ip vrf detail RED"));
        assertTrue(r1.exec("show ip vrf detail BLUE").contains("% No VRF named BLUE"));
    }

    @Test
    void forwardingStaysInsideTheVrfAndEachTableShowsItsOwnRoutes() {
        red();
        net.run(5);
        h1.exec("ping 10.2.2.10");
        assertTrue(h1.exec("ping 10.2.2.10").contains("!!!!!"), "H1 reaches H2 inside RED");
        assertTrue(h1.exec("ping 10.1.1.1").contains("!!!!!"), "R1 answers in RED");
        h3.exec("ping 10.1.1.1");
        assertTrue(h3.exec("ping 10.1.1.1").contains("!!!!!"), "and in the global table on the same address");
        assertTrue(h3.exec("ping 10.2.2.10").contains("Success rate is 0 percent"), "the global table has no route to RED's subnet");

        r1.exec("ping vrf RED 10.2.2.10");
        assertTrue(r1.exec("ping vrf RED 10.2.2.10").contains("!!!!!\nSuccess rate is 100 percent (5/5)"), "R1 pings in RED");
        assertTrue(r1.exec("ping 10.2.2.10").contains("Success rate is 0 percent"), "not in the global table");
        assertTrue(r1.exec("ping vrf GREEN 10.2.2.10").contains("% Invalid input detected at '^' marker."));
        String red = r1.exec("show ip route vrf RED");
        assertTrue(red.startsWith("\nRouting Table: RED\n"), red);
        assertTrue(red.contains("C        10.1.1.0/24 is directly connected, GigabitEthernet0/0\n"), red);
        assertTrue(red.contains("C        10.2.2.0/24 is directly connected, GigabitEthernet0/1\n"), red);
        assertTrue(red.contains("S        10.9.9.0/24 [1/0] via 10.2.2.10\n"), red);
        String global = r1.exec("show ip route");
        assertTrue(global.contains("C        10.1.1.0/24 is directly connected, GigabitEthernet0/2\n"), global);
        assertFalse(global.contains("10.2.2.0") || global.contains("10.9.9.0"), global);

        assertEquals("  Name                             Default RD            Protocols   Interfaces\n"
            + "  RED                              65000:1               ipv4        Gi0/0\n"
            + "                                                                     Gi0/1\n", r1.exec("show vrf"));
        assertEquals("Interface              IP-Address      VRF                              Protocol\n"
            + "Gi0/0                  10.1.1.1        RED                              up\n"
            + "Gi0/1                  10.2.2.1        RED                              up\n", r1.exec("show ip vrf interfaces"));
    }

    @Test
    void runningConfigRoundTrips() {
        red();
        String rc = r1.exec("show running-config");
        assertTrue(rc.contains("vrf definition RED\n rd 65000:1\n !\n address-family ipv4\n exit-address-family\n!\n"), rc);
        assertTrue(rc.contains("interface GigabitEthernet0/0\n vrf forwarding RED\n ip address 10.1.1.1 255.255.255.0\n"), rc);
        assertTrue(rc.contains("ip route vrf RED 10.9.9.0 255.255.255.0 10.2.2.10\n"), rc);
        Net other = new Net();
        Net.Node r2 = other.router("R1");
        StringBuilder lines = new StringBuilder();
        for (String l : rc.split("\n")) if (!l.strip().startsWith("!") && !l.isBlank() && !l.startsWith("Building") && !l.startsWith("Current") && !l.equals("end")) lines.append(l).append('\n');
        String loaded = r2.config(lines.toString().split("\n"));
        assertFalse(loaded.contains("% Invalid") || loaded.contains("overlaps") || loaded.contains("removed"), loaded);
        String back = r2.exec("show running-config");
        for (String part : new String[] {"vrf definition RED\n rd 65000:1\n !\n address-family ipv4\n exit-address-family\n!\n",
                "interface GigabitEthernet0/1\n vrf forwarding RED\n ip address 10.2.2.1 255.255.255.0\n",
                "ip route vrf RED 10.9.9.0 255.255.255.0 10.2.2.10\n"}) {
            assertTrue(back.contains(part), back);
        }
    }

    @Test
    void tunnelVrfRoutesTheTunnelTransportInTheFrontDoorVrf() {
        Net n = new Net();
        Net.Node a = n.router("A"), b = n.router("B");
        n.wire(a, "Gi0/0", b, "Gi0/0");
        for (Net.Node x : new Net.Node[] {a, b}) {
            int me = x == a ? 1 : 2, peer = 3 - me;
            x.config("vrf definition INET", "address-family ipv4", "exit-address-family",
                "interface GigabitEthernet0/0", "vrf forwarding INET", "ip address 192.0.2." + me + " 255.255.255.252", "no shutdown",
                "interface Loopback0", "ip address 10.0." + me + ".1 255.255.255.0",
                "interface Tunnel0", "ip address 172.16.0." + me + " 255.255.255.252", "tunnel source GigabitEthernet0/0",
                "tunnel destination 192.0.2." + peer, "tunnel vrf INET",
                "ip route 10.0." + peer + ".0 255.255.255.0 172.16.0." + peer);
        }
        n.run(15);
        a.exec("ping 10.0.2.1 source Loopback0");
        assertTrue(a.exec("ping 10.0.2.1 source Loopback0").contains("!!!!!"), "the overlay in the global table, its transport in INET");
        assertFalse(a.exec("show ip route").contains("192.0.2.0"), "the transport is not in the global table");
        assertTrue(a.exec("show ip route vrf INET").contains("192.0.2.0/30 is directly connected, GigabitEthernet0/0"));
        assertTrue(a.exec("show running-config interface Tunnel0").contains(" tunnel destination 192.0.2.2\n tunnel vrf INET\n"));
        // without `tunnel vrf` the destination has no route in the global table: the tunnel goes down
        a.config("interface Tunnel0", "no tunnel vrf");
        n.run(1);
        assertTrue(a.exec("show interfaces Tunnel0").contains("Tunnel0 is up, line protocol is down"), a.exec("show interfaces Tunnel0"));
    }
}
