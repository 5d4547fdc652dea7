package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.config.RoundTrip;
import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

/**
 * EIGRP per VRF: classic `router eigrp N` / `address-family ipv4 vrf NAME autonomous-system N`
 * and named mode's `address-family ipv4 unicast vrf NAME autonomous-system N`. A and B share three
 * links, one in VRF RED, one in BLUE, one in the global table, all three with the same subnet
 * (10.12.0.0/24) and the same AS: three separate adjacencies, each table with its own routes.
 */
class EigrpVrfTest {
    private static Net.Node[] lab(Net n, boolean namedOnB) {
        Net.Node a = n.router("A"), b = n.router("B");
        n.wire(a, "Gi0/0", b, "Gi0/0");
        n.wire(a, "Gi0/1", b, "Gi0/1");
        n.wire(a, "Gi0/2", b, "Gi0/2");
        for (Net.Node x : java.util.List.of(a, b)) {
            int me = x == a ? 1 : 2;
            x.config("vrf definition RED", "address-family ipv4", "exit-address-family",
                "vrf definition BLUE", "address-family ipv4", "exit-address-family",
                "interface GigabitEthernet0/0", "vrf forwarding RED", "ip address 10.12.0." + me + " 255.255.255.0", "no shutdown",
                "interface GigabitEthernet0/1", "vrf forwarding BLUE", "ip address 10.12.0." + me + " 255.255.255.0", "no shutdown",
                "interface GigabitEthernet0/2", "ip address 10.12.0." + me + " 255.255.255.0", "no shutdown",
                // the same prefix behind each router in every table, and one prefix of each table's own
                "interface Loopback0", "vrf forwarding RED", "ip address 10.0." + me + ".1 255.255.255.0",
                "interface Loopback1", "vrf forwarding BLUE", "ip address 10.0." + me + ".1 255.255.255.0",
                "interface Loopback2", "ip address 10.0." + me + ".1 255.255.255.0",
                "interface Loopback3", "vrf forwarding RED", "ip address 172.16." + me + ".1 255.255.255.0",
                "interface Loopback4", "vrf forwarding BLUE", "ip address 192.168." + me + ".1 255.255.255.0");
        }
        a.config("router eigrp 10", "network 10.0.0.0",
            "address-family ipv4 vrf RED autonomous-system 10", "network 10.0.0.0", "network 172.16.0.0", "exit-address-family",
            "address-family ipv4 vrf BLUE", "autonomous-system 10", "network 10.0.0.0", "network 192.168.0.0 0.0.255.255");
        if (namedOnB) {
            b.config("router eigrp LAB", "address-family ipv4 unicast autonomous-system 10", "network 10.0.0.0", "exit-address-family",
                "address-family ipv4 unicast vrf RED autonomous-system 10", "network 10.0.0.0", "network 172.16.0.0", "exit-address-family",
                "address-family ipv4 unicast vrf BLUE autonomous-system 10", "network 10.0.0.0", "network 192.168.0.0 0.0.255.255");
        } else {
            b.config("router eigrp 10", "network 10.0.0.0",
                "address-family ipv4 vrf RED autonomous-system 10", "network 10.0.0.0", "network 172.16.0.0", "exit-address-family",
                "address-family ipv4 vrf BLUE autonomous-system 10", "network 10.0.0.0", "network 192.168.0.0 0.0.255.255");
        }
        n.run(30);
        return new Net.Node[] {a, b};
    }

    @Test
    void classicAddressFamiliesInTwoVrfsKeepTheirAdjacenciesAndRoutesApart() {
        Net n = new Net();
        Net.Node a = lab(n, false)[0];
        String red = a.exec("show ip eigrp vrf RED neighbors");
        assertTrue(red.startsWith("EIGRP-IPv4 Neighbors for AS(10) VRF(RED)\n"), red);
        assertTrue(red.contains("0   10.12.0.2               Gi0/0 "), red);
        assertFalse(red.contains("Gi0/1") || red.contains("Gi0/2"), red);
        String blue = a.exec("show ip eigrp vrf BLUE neighbors");
        assertTrue(blue.startsWith("EIGRP-IPv4 Neighbors for AS(10) VRF(BLUE)\n"), blue);
        assertTrue(blue.contains("10.12.0.2               Gi0/1 "), blue);
        String global = a.exec("show ip eigrp neighbors");
        assertTrue(global.startsWith("EIGRP-IPv4 Neighbors for AS(10)\n"), global);
        assertTrue(global.contains("10.12.0.2               Gi0/2 "), global);
        assertFalse(global.contains("VRF("), "the global show lists the global process only:\n" + global);

        String redRoutes = a.exec("show ip route vrf RED eigrp");
        assertTrue(redRoutes.contains("\nRouting Table: RED\n"), redRoutes);
        assertTrue(redRoutes.contains("D        10.0.2.0 [90/130816] via 10.12.0.2, "), redRoutes);
        assertTrue(redRoutes.contains(", GigabitEthernet0/0\n"), redRoutes);
        assertTrue(redRoutes.contains("D        172.16.2.0 [90/130816] via 10.12.0.2, "), redRoutes);
        assertFalse(redRoutes.contains("192.168.") || redRoutes.contains("GigabitEthernet0/1") || redRoutes.contains("GigabitEthernet0/2"), redRoutes);
        String blueRoutes = a.exec("show ip route vrf BLUE eigrp");
        assertTrue(blueRoutes.contains("D        10.0.2.0 [90/130816] via 10.12.0.2, "), blueRoutes);
        assertTrue(blueRoutes.contains(", GigabitEthernet0/1\n"), blueRoutes);
        assertTrue(blueRoutes.contains("D     192.168.2.0/24 [90/130816] via 10.12.0.2, "), blueRoutes);
        assertFalse(blueRoutes.contains("172.16."), blueRoutes);
        String globalRoutes = a.exec("show ip route eigrp");
        assertTrue(globalRoutes.contains("D        10.0.2.0 [90/130816] via 10.12.0.2, "), globalRoutes);
        assertTrue(globalRoutes.contains(", GigabitEthernet0/2\n"), globalRoutes);
        assertFalse(globalRoutes.contains("172.16.") || globalRoutes.contains("192.168."), globalRoutes);

        String topo = a.exec("show ip eigrp vrf RED topology");
        assertTrue(topo.startsWith("EIGRP-IPv4 Topology Table for AS(10)/ID(172.16.1.1) VRF(RED)\n"), topo);
        assertTrue(topo.contains("P 172.16.2.0/24, 1 successors, FD is 130816\n        via 10.12.0.2 (130816/128256), GigabitEthernet0/0\n"), topo);
        String ifs = a.exec("show ip eigrp vrf BLUE interfaces");
        assertTrue(ifs.startsWith("EIGRP-IPv4 Interfaces for AS(10) VRF(BLUE)\n"), ifs);
        assertTrue(ifs.contains("\nGi0/1                      1 "), ifs);
        assertFalse(ifs.contains("Gi0/0 ") || ifs.contains("Gi0/2 "), ifs);
        assertTrue(a.exec("show ip eigrp vrf GREEN neighbors").isEmpty());
        // `show ip protocols [vrf NAME]`: each table's processes
        String protoRed = a.exec("show ip protocols vrf RED");
        assertTrue(protoRed.contains("Routing Protocol is \"eigrp 10\"\n"), protoRed);
        assertTrue(protoRed.contains("    Router-ID: 172.16.1.1\n"), protoRed);
        assertTrue(protoRed.contains("  Routing for Networks:\n    10.0.0.0\n    172.16.0.0\n"), protoRed);
        String protoGlobal = a.exec("show ip protocols");
        assertTrue(protoGlobal.contains("  Routing for Networks:\n    10.0.0.0\n  Routing Information Sources:"), protoGlobal);
        assertFalse(protoGlobal.contains("172.16.0.0") || protoGlobal.contains("192.168.0.0"), protoGlobal);

        // traffic in each VRF follows that VRF's EIGRP routes
        a.exec("ping vrf RED 172.16.2.1 source Loopback3");
        assertTrue(a.exec("ping vrf RED 172.16.2.1 source Loopback3").contains("!!!!!"));
        assertTrue(a.exec("ping vrf BLUE 192.168.2.1 source Loopback4").contains("!!!!!"));
        assertFalse(a.exec("ping vrf BLUE 172.16.2.1 repeat 2 timeout 1").contains("!"));

        String run = a.exec("show running-config | section router eigrp");
        assertEquals("""
            router eigrp 10
             network 10.0.0.0
             !
             address-family ipv4 vrf BLUE autonomous-system 10
              network 10.0.0.0
              network 192.168.0.0 0.0.255.255
             exit-address-family
             !
             address-family ipv4 vrf RED autonomous-system 10
              network 10.0.0.0
              network 172.16.0.0
             exit-address-family
            """, run);
    }

    @Test
    void namedModeVrfAddressFamiliesPeerWithClassicOnes() {
        Net n = new Net();
        Net.Node[] r = lab(n, true);
        Net.Node a = r[0], b = r[1];
        String nb = b.exec("show ip eigrp vrf RED neighbors");
        assertTrue(nb.startsWith("EIGRP-IPv4 VR(LAB) Address-Family Neighbors for AS(10) VRF(RED)\n"), nb);
        assertTrue(nb.contains("10.12.0.1               Gi0/0 "), nb);
        String topo = b.exec("show ip eigrp vrf BLUE topology");
        assertTrue(topo.startsWith("EIGRP-IPv4 VR(LAB) Topology Table for AS(10)/ID(192.168.2.1)\n"
            + "           Topology(base) TID(0) VRF(BLUE)\n"), topo);
        assertTrue(b.exec("show eigrp address-family ipv4 vrf BLUE 10 neighbors").contains("10.12.0.1               Gi0/1 "));
        assertTrue(b.exec("show ip route vrf BLUE eigrp").contains("192.168.1.0/24 [90/"), b.exec("show ip route vrf BLUE eigrp"));
        assertTrue(a.exec("show ip route vrf RED eigrp").contains("172.16.2.0 [90/"), a.exec("show ip route vrf RED eigrp"));
        assertFalse(b.exec("show ip route eigrp").contains("172.16."));
        String run = b.exec("show running-config | section router eigrp");
        assertTrue(run.contains("""
             !
             address-family ipv4 unicast vrf BLUE autonomous-system 10
              !
              topology base
              exit-af-topology
              network 10.0.0.0
              network 192.168.0.0 0.0.255.255
             exit-address-family
            """), run);
    }

    @Test
    void vrfAddressFamiliesRoundTripAndRefuseWhatIosRefuses() {
        String out = RoundTrip.check("""
            vrf definition RED
             address-family ipv4
             exit-address-family
            vrf definition BLUE
             address-family ipv4
             exit-address-family
            router eigrp 1
             network 10.0.0.0
             address-family ipv4 vrf RED autonomous-system 10
              network 10.1.0.0 0.0.255.255
              variance 2
              eigrp router-id 1.1.1.1
              eigrp stub connected summary
             exit-address-family
             address-family ipv4 vrf BLUE
             exit-address-family
            router eigrp OVERLAY
             address-family ipv4 unicast vrf RED autonomous-system 20
              network 10.2.0.0 0.0.255.255
             exit-address-family
            """);
        assertTrue(out.contains("""
            router eigrp 1
             network 10.0.0.0
             !
             address-family ipv4 vrf BLUE
             exit-address-family
             !
             address-family ipv4 vrf RED autonomous-system 10
              variance 2
              network 10.1.0.0 0.0.255.255
              eigrp router-id 1.1.1.1
              eigrp stub connected summary
             exit-address-family
            !
            router eigrp OVERLAY
             !
             address-family ipv4 unicast vrf RED autonomous-system 20
            """), out);

        Net n = new Net();
        Net.Node a = n.router("A");
        a.config("vrf definition RED", "address-family ipv4");
        assertTrue(a.config("router eigrp 1", "address-family ipv4 vrf GREEN autonomous-system 5").contains("% VRF GREEN not configured."));
        a.exec("configure terminal");
        a.exec("router eigrp 1");
        a.exec("address-family ipv4 vrf RED autonomous-system 5");
        assertEquals("A(config-router-af)#", a.session.prompt());
        a.exec("exit-address-family");
        assertEquals("A(config-router)#", a.session.prompt());
        a.exec("end");
        // the same AS in the same VRF under another instance is refused
        assertTrue(a.config("router eigrp X", "address-family ipv4 unicast vrf RED autonomous-system 5").contains("% Invalid input detected"));
        // `no router eigrp 1` takes its address families with it
        a.config("no router eigrp 1");
        assertFalse(a.exec("show running-config").contains("address-family ipv4 vrf RED"));
    }
}
