package dev.routerlab.config;

import dev.routerlab.routing.cli.RoutingCommands;
import static dev.routerlab.config.AclConfigTest.invalidAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.cli.Mode;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {
    private static final String INVALID = "% Invalid input detected at '^' marker.";

    private static TestRouter configured() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        return r;
    }

    /** The routing lines of a rendering: from the first `router`/`ip route` line on, up to the ACLs or lines. */
    private static String routingSection(String running) {
        int from = running.indexOf("\nrouter ");
        int route = running.indexOf("\nip route ");
        if (from < 0 || (route >= 0 && route < from)) from = route;
        return from < 0 ? "" : running.substring(from + 1, running.indexOf("line con 0"));
    }

    @Test
    void routingRoundTripsInIosForm() {
        String out = RoundTrip.check("""
            interface GigabitEthernet0/0
             ip address 10.0.12.1 255.255.255.0
            router ospf 1
             router-id 1.1.1.1
             network 10.0.12.1 0.0.0.255 area 0
             network 1.1.1.1 0.0.0.0 area 0.0.0.1
             passive-interface default
             no passive-interface GigabitEthernet0/0
            router eigrp 100
             network 10.1.1.0
             network 172.16.5.1 0.0.0.255
             network 192.168.1.0
             passive-interface GigabitEthernet0/1
             eigrp router-id 2.2.2.2
            ip route 10.0.0.0 255.0.0.0 10.0.12.2
            ip route 0.0.0.0 0.0.0.0 10.0.12.254
            ip route 172.16.0.0 255.255.0.0 GigabitEthernet0/0 10.0.12.3 200
            ip route 192.168.9.0 255.255.255.0 GigabitEthernet0/0
            """);
        assertEquals("""
            router eigrp 100
             network 10.0.0.0
             network 172.16.5.0 0.0.0.255
             network 192.168.1.0
             passive-interface GigabitEthernet0/1
             eigrp router-id 2.2.2.2
            !
            router ospf 1
             router-id 1.1.1.1
             passive-interface default
             no passive-interface GigabitEthernet0/0
             network 10.0.12.0 0.0.0.255 area 0
             network 1.1.1.1 0.0.0.0 area 0.0.0.1
            !
            ip route 0.0.0.0 0.0.0.0 10.0.12.254
            ip route 10.0.0.0 255.0.0.0 10.0.12.2
            ip route 172.16.0.0 255.255.0.0 GigabitEthernet0/0 10.0.12.3 200
            ip route 192.168.9.0 255.255.255.0 GigabitEthernet0/0
            !
            """, routingSection(out));
    }

    @Test
    void sharedProcessCommandsRoundTripInIosForm() {
        String out = RoundTrip.check("""
            router ospf 1
             network 10.0.12.0 0.0.0.255 area 0
             redistribute static subnets
             redistribute connected metric-type 1 subnets metric 20
             redistribute eigrp 100 route-map RM tag 7 subnets metric-type 2
             neighbor 10.0.12.9 priority 5
             neighbor 10.0.12.3
             maximum-paths 2
            router eigrp 100
             network 10.0.0.0
             redistribute ospf 1 metric 10000 100 255 1 1500
             redistribute static
             maximum-paths 6
            """);
        assertEquals("""
            router eigrp 100
             network 10.0.0.0
             redistribute static
             redistribute ospf 1 metric 10000 100 255 1 1500
             maximum-paths 6
            !
            router ospf 1
             redistribute connected metric 20 metric-type 1 subnets
             redistribute static subnets
             redistribute eigrp 100 subnets tag 7 route-map RM
             network 10.0.12.0 0.0.0.255 area 0
             neighbor 10.0.12.3
             neighbor 10.0.12.9 priority 5
             maximum-paths 2
            !
            """, routingSection(out));
    }

    @Test
    void redistributeOptionsMergeAndNoResetsThem() {
        TestRouter r = configured();
        r.exec("router ospf 1");
        assertEquals("% Only classful networks will be redistributed\n", r.exec("redistribute static metric 5"));
        assertEquals("", r.exec("redistribute static subnets tag 9"));
        assertTrue(r.running().contains(" redistribute static metric 5 subnets tag 9\n"));
        r.exec("no redistribute static metric 5");
        r.exec("no redistribute static tag 9");
        assertTrue(r.running().contains(" redistribute static subnets\n"));
        r.exec("no redistribute static");
        assertFalse(r.running().contains("redistribute"));
        // OSPF metric <0-16777214>; EIGRP's five values are not OSPF's
        assertTrue(r.exec("redistribute connected metric 16777215").contains("% Invalid input"));
        assertTrue(r.exec("redistribute connected metric 1 2 3 4 5").contains("% Invalid input"));
        assertTrue(r.exec("maximum-paths 33").contains("% Invalid input"));
        r.exec("maximum-paths 1");
        assertTrue(r.running().contains(" maximum-paths 1\n"));
        r.exec("no maximum-paths");
        assertFalse(r.running().contains("maximum-paths"));
        r.exec("router eigrp 1");
        assertTrue(r.exec("redistribute static subnets").contains("% Invalid input"));
        assertTrue(r.exec("redistribute static metric-type 1").contains("% Invalid input"));
        assertEquals("% Incomplete command.\n\n", r.exec("redistribute static metric 10000"));
        assertTrue(r.exec("neighbor 10.0.0.1 priority 1").contains("% Invalid input"));
    }

    @Test
    void inconsistentAddressAndMask() {
        TestRouter r = configured();
        assertEquals("%Inconsistent address and mask\n", r.exec("ip route 10.1.1.0 255.255.0.0 10.0.0.1"));
        assertEquals("%Inconsistent address and mask\n", r.exec("ip route 10.0.0.0 255.0.255.0 10.0.0.1"));
        assertEquals("%Inconsistent address and mask\n", r.exec("no ip route 10.0.0.1 255.255.255.0"));
        assertTrue(r.config().staticRoutes.isEmpty());
        assertEquals("% Incomplete command.\n\n", r.exec("ip route 10.0.0.0 255.0.0.0"));
        assertEquals(invalidAfter("ip route 10.0.0.0 255.0.0.0 "), r.exec("ip route 10.0.0.0 255.0.0.0 Tunnel9"));
        r.execAll("interface Gi0/0", "ip address 10.0.0.1 255.255.255.0", "exit");
        assertEquals("%Invalid next hop address (it's this router)\n", r.exec("ip route 10.9.0.0 255.255.0.0 10.0.0.1"));
        assertTrue(r.config().staticRoutes.isEmpty());
    }

    @Test
    void staticRoutesKeepIosOrderAndArrivalOrderWithinAPrefix() {
        TestRouter r = configured();   // the global table first, then VRFs by name; prefixes unsigned
        r.execAll("ip vrf A", "exit", "ip route 200.0.0.0 255.0.0.0 1.1.1.1", "ip route 10.0.0.0 255.255.0.0 3.3.3.3",
            "ip route 10.0.0.0 255.0.0.0 2.2.2.2", "ip route vrf A 5.0.0.0 255.0.0.0 9.9.9.9",
            "ip route 10.0.0.0 255.0.0.0 1.1.1.1", "ip route 10.0.0.0 255.0.0.0 2.2.2.2 9");
        assertEquals(java.util.List.of("- 10.0.0.0/8 1.1.1.1", "- 10.0.0.0/8 2.2.2.2",
                "- 10.0.0.0/16 3.3.3.3", "- 200.0.0.0/8 1.1.1.1", "A 5.0.0.0/8 9.9.9.9"),
            r.config().staticRoutes.stream().map(x -> (x.vrf() == null ? "-" : x.vrf()) + " "
                + dev.routerlab.packet.Ipv4Address.toString(x.prefix()) + "/" + Integer.bitCount(x.mask()) + " "
                + dev.routerlab.packet.Ipv4Address.toString(x.nextHop())).toList());
        // the replaced 2.2.2.2 route moved after 1.1.1.1, as IOS lists a re-entered route
        assertEquals(9, r.config().staticRoutes.get(1).distance());
    }

    @Test
    void ownAddressesIncludeSecondariesAndForgetRemovedOnes() {
        TestRouter r = configured();
        r.execAll("interface Gi0/0", "ip address 10.0.0.1 255.255.255.0", "ip address 10.7.0.1 255.255.0.0 secondary", "exit");
        assertEquals("%Invalid next hop address (it's this router)\n", r.exec("ip route 10.9.0.0 255.255.0.0 10.7.0.1"));
        assertEquals("", r.exec("ip route 10.9.0.0 255.255.0.0 10.7.0.2"));
        r.execAll("interface Gi0/0", "no ip address 10.7.0.1 255.255.0.0 secondary", "exit");
        assertEquals("", r.exec("ip route 10.8.0.0 255.255.0.0 10.7.0.1"));
        assertEquals(2, r.config().staticRoutes.size());
    }

    @Test
    void staticRouteNoForms() {
        TestRouter r = configured();
        r.execAll("ip route 10.0.0.0 255.0.0.0 1.1.1.1", "ip route 10.0.0.0 255.0.0.0 2.2.2.2 5",
            "ip route 10.0.0.0 255.0.0.0 1.1.1.1 7", "ip route 20.0.0.0 255.0.0.0 1.1.1.1");
        assertEquals(3, r.config().staticRoutes.size());
        assertEquals(7, r.config().staticRoutes.stream().filter(x -> x.nextHop() == 0x01010101).findFirst()
            .orElseThrow().distance());
        r.exec("no ip route 10.0.0.0 255.0.0.0 2.2.2.2");
        assertEquals(2, r.config().staticRoutes.size());
        r.exec("no ip route 10.0.0.0 255.0.0.0");
        assertEquals(1, r.config().staticRoutes.size());
        assertEquals(RoundTrip.check("ip route 20.0.0.0 255.0.0.0 1.1.1.1\n"), RoundTrip.check(r.running()));
    }

    @Test
    void routerModeCommandsAndErrors() {
        TestRouter r = configured();
        r.exec("router ospf 1");
        assertEquals("Router(config-router)#", r.session.prompt());
        assertEquals("% Incomplete command.\n\n", r.exec("network 10.0.0.0 0.0.0.255"));
        assertEquals("% Incomplete command.\n\n", r.exec("network 10.0.0.0"));
        assertTrue(r.exec("network 10.0.0.0 area 0").contains(INVALID));
        assertTrue(r.exec("eigrp router-id 1.1.1.1").contains(INVALID));
        assertTrue(r.exec("passive-interface Loopback7").contains(INVALID));
        r.execAll("network 10.0.0.0 0.0.0.255 area 0", "router-id 9.9.9.9", "passive-interface Gi0/1");
        RoutingProcess p = r.config().routing.values().iterator().next();
        assertTrue(RoutingCommands.isPassive(p, InterfaceName.parse("GigabitEthernet0/1")));
        assertFalse(RoutingCommands.isPassive(p, InterfaceName.parse("GigabitEthernet0/0")));
        r.execAll("passive-interface default", "no passive-interface Gi0/0");
        assertTrue(RoutingCommands.isPassive(p, InterfaceName.parse("GigabitEthernet0/1")));
        assertFalse(RoutingCommands.isPassive(p, InterfaceName.parse("GigabitEthernet0/0")));
        r.execAll("no network 10.0.0.0 0.0.0.255 area 0", "no router-id", "no passive-interface default");
        assertTrue(p.networks.isEmpty());
        assertNull(p.routerId);
        assertFalse(p.passiveDefault);
        assertTrue(p.passive.isEmpty());
        r.exec("router eigrp 10");
        assertEquals("Router(config-router)#", r.session.prompt());
        assertTrue(r.exec("router-id 1.1.1.1").contains(INVALID));
        assertTrue(r.exec("network 10.0.0.0 0.0.0.255 area 0").contains(INVALID));
        r.execAll("network 10.0.0.0 0.0.0.255", "eigrp router-id 3.3.3.3", "no eigrp router-id");
        // a global command leaves config-router
        r.exec("ip route 0.0.0.0 0.0.0.0 10.0.0.1");
        assertEquals(Mode.CONFIG, r.session.mode());
        r.execAll("no router ospf 1", "no router eigrp 10");
        assertTrue(r.config().routing.isEmpty());
    }

    @Test
    void interfaceOspfCommandsRoundTrip() {
        String out = RoundTrip.check("""
            interface GigabitEthernet0/0
             ip address 10.0.12.1 255.255.255.0
             ip ospf network point-to-point
             ip ospf hello-interval 5
             ip ospf dead-interval 20
             ip ospf priority 0
             ip ospf cost 42
            interface Tunnel0
             ip address 172.16.0.1 255.255.255.0
             ip ospf network broadcast
            """);
        assertTrue(out.contains("""
            interface GigabitEthernet0/0
             ip address 10.0.12.1 255.255.255.0
             ip ospf network point-to-point
             ip ospf hello-interval 5
             ip ospf dead-interval 20
             ip ospf priority 0
             ip ospf cost 42
            """), out);
        assertTrue(out.contains(" ip address 172.16.0.1 255.255.255.0\n ip ospf network broadcast\n"), out);
        TestRouter r = configured();
        r.exec("interface GigabitEthernet0/0");
        r.exec("ip ospf cost 7");
        r.exec("no ip ospf cost");
        assertFalse(r.running().contains("ip ospf cost"));
    }
}
