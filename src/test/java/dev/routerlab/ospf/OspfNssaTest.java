package dev.routerlab.ospf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/**
 * NSSA (RFC 3101) with full routers configured from the CLI, in virtual time: R1 in NSSA area 1
 * redistributes two connected networks (type 7), R2 the ABR translates them into type 5 for
 * area 0, where R3 redistributes its own (type 5, kept out of the NSSA).
 *
 * <pre>
 *  Lo0 1.1.1.1, Lo1 172.16.1.1/24, Lo2 172.16.2.1/24                 Lo0 3.3.3.3, Lo1 192.168.1.1/24
 *  [R1] Gi0/0 10.12.0.1 ---- area 1 NSSA ---- 10.12.0.2 [R2] 10.23.0.2 ---- area 0 ---- 10.23.0.3 [R3]
 * </pre>
 */
class OspfNssaTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    private final Net net = new Net();
    private final Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");

    OspfNssaTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface Loopback1", "ip address 172.16.1.1 255.255.255.0",
            "interface Loopback2", "ip address 172.16.2.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "router ospf 1", "area 1 nssa", "redistribute connected subnets",
            "network 1.1.1.1 0.0.0.0 area 1", "network 10.12.0.0 0.0.0.255 area 1");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown", "ip ospf 1 area 1",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown", "ip ospf 1 area 0");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255", "ip ospf 1 area 0",
            "interface Loopback1", "ip address 192.168.1.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown", "ip ospf 1 area 0",
            "router ospf 1", "redistribute connected subnets");
    }

    @Test
    void typeSevenRoutesTranslationAndDefaults() {
        // R2 is not NSSA yet: the N bit differs, no adjacency in area 1 (RFC 3101 2.1)
        net.run(60);
        assertFalse(r2.exec("show ip ospf neighbor").contains("1.1.1.1"));
        r2.config("router ospf 1", "area 1 nssa");
        net.run(60);
        String rt2 = r2.exec("show ip route ospf");
        assertTrue(rt2.contains("O N2     172.16.1.0 [110/20] via 10.12.0.1, "), rt2);
        String rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O IA     3.3.3.3 [110/3] via 10.12.0.2, "), rt1);
        assertFalse(rt1.contains("192.168.1.0"), rt1); // no type 5 in an NSSA
        assertFalse(rt1.contains("0.0.0.0/0"), rt1);   // and no default unless asked for
        // the ABR translates: R3 sees a type-5 from R2 with R1's forwarding address
        String rt3 = r3.exec("show ip route ospf");
        assertTrue(rt3.contains("O E2     172.16.1.0 [110/20] via 10.23.0.2, "), rt3);
        assertTrue(rt3.contains("O E2     172.16.2.0 [110/20] via 10.23.0.2, "), rt3);
        String x3 = r3.exec("show ip ospf database external");
        assertTrue(x3.contains("  Link State ID: 172.16.1.0 (External Network Number )\n  Advertising Router: 10.12.0.2\n"), x3);
        assertTrue(x3.contains("\tForward Address: 1.1.1.1\n"), x3);
        String n2 = r2.exec("show ip ospf database nssa-external");
        assertTrue(n2.contains("\t\tType-7 AS External Link States (Area 1)\n"), n2);
        assertTrue(n2.contains("  Options: (No TOS-capability, Type 7/5 translation, Upward)\n"), n2);
        assertTrue(n2.contains("  Advertising Router: 172.16.2.1\n"), n2);
        String db1 = r1.exec("show ip ospf database");
        assertTrue(db1.contains("\t\tType-7 AS External Link States (Area 1)\n"), db1);
        assertFalse(db1.contains("Type-5"), db1);
        String p2 = r2.exec("show ip ospf");
        assertTrue(p2.contains(" Number of areas in this router is 2. 1 normal 0 stub 1 nssa\n"), p2);
        assertTrue(p2.contains("        It is a NSSA area\n"), p2);
        assertTrue(r2.exec("show ip protocols").contains("It is an area border and autonomous system boundary router"));
        // a type-7 default from the ABR
        r2.config("router ospf 1", "area 1 nssa default-information-originate");
        net.run(10);
        rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O*N2  0.0.0.0/0 [110/1] via 10.12.0.2, "), rt1);
        assertTrue(r2.exec("show running-config | include nssa").contains(" area 1 nssa default-information-originate\n"));
        // totally NSSA: a type-3 default only, no other summaries
        r2.config("router ospf 1", "area 1 nssa no-summary");
        net.run(10);
        rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O*IA  0.0.0.0/0 [110/2] via 10.12.0.2, "), rt1);
        assertFalse(rt1.contains("3.3.3.3"), rt1);
        assertTrue(r2.exec("show running-config | include nssa").contains(" area 1 nssa no-summary\n"));
        assertTrue(r2.exec("show ip route ospf").contains("O N2     172.16.1.0 [110/20] via 10.12.0.1, "));
        // back to a normal area: type 5 flows into area 1 again, the type 7s are gone
        r1.config("router ospf 1", "no area 1 nssa");
        r2.config("router ospf 1", "no area 1 nssa");
        net.run(60);
        rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O E2  192.168.1.0/24 [110/20] via 10.12.0.2, "), rt1);
        rt3 = r3.exec("show ip route ospf");
        assertTrue(rt3.contains("O E2     172.16.1.0 [110/20] via 10.23.0.2, "), rt3);
        assertFalse(r2.exec("show ip ospf database").contains("Type-7"));
    }

    @Test
    void backboneCannotBeNssa() {
        assertTrue(r2.config("router ospf 1", "area 0 nssa").contains("% OSPF: Backbone can not be configured as NSSA area"));
    }
}
