package dev.routerlab.ospf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/**
 * Full routers configured from the CLI, in virtual time: R1 (area 1) - R2 (ABR) - R3 (area 0,
 * ASBR with two connected networks outside OSPF).
 *
 * <pre>
 *  Lo0 1.1.1.1, Lo1 172.16.1.1/24, Lo2 172.16.2.1/24                 Lo0 3.3.3.3, Lo1 192.168.1.1/24, Lo2 192.168.2.1/24
 *  [R1] Gi0/0 10.12.0.1 ---- area 1 ---- 10.12.0.2 [R2] 10.23.0.2 ---- area 0 ---- 10.23.0.3 [R3]
 * </pre>
 */
class OspfAreasLabTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    private final Net net = new Net();
    private final Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");

    OspfAreasLabTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface Loopback1", "ip address 172.16.1.1 255.255.255.0", "ip ospf network point-to-point",
            "interface Loopback2", "ip address 172.16.2.1 255.255.255.0", "ip ospf network point-to-point",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "router ospf 1", "network 0.0.0.0 255.255.255.255 area 1");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown", "ip ospf 1 area 1",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown", "ip ospf 1 area 0");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255", "ip ospf 1 area 0",
            "interface Loopback1", "ip address 192.168.1.1 255.255.255.0",
            "interface Loopback2", "ip address 192.168.2.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown", "ip ospf 1 area 0",
            "router ospf 1", "redistribute connected subnets");
    }

    @Test
    void interAreaExternalRangesStubAndDefault() {
        net.run(60);
        String rt3;
        String rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O IA     3.3.3.3 [110/3] via 10.12.0.2, "), rt1);
        assertTrue(rt1.contains("O E2  192.168.1.0/24 [110/20] via 10.12.0.2, "), rt1);
        rt3 = r3.exec("show ip route ospf");
        assertTrue(rt3.contains("O IA     172.16.1.0 [110/3] via 10.23.0.2, "), rt3);
        // area 1 range on the ABR: one summary, no component
        r2.config("router ospf 1", "area 1 range 172.16.0.0 255.255.0.0");
        net.run(10);
        rt3 = r3.exec("show ip route ospf");
        assertTrue(rt3.contains("O IA  172.16.0.0/16 [110/3] via 10.23.0.2, "), rt3);
        assertFalse(rt3.contains("172.16.1.0"), rt3);
        // the ABR's discard route for the range (RFC 2328 12.4.3 does not route the summary back)
        String rt2 = r2.exec("show ip route ospf");
        assertTrue(rt2.contains("\nO        172.16.0.0/16 is a summary, 00:00:10, Null0\n"), rt2);
        assertTrue(rt2.contains("\nO        172.16.1.0/24 [110/2] via 10.12.0.1, "), rt2);
        r2.config("router ospf 1", "area 1 range 172.16.0.0 255.255.0.0 not-advertise");
        net.run(10);
        assertFalse(r3.exec("show ip route").contains("172.16."));
        assertFalse(r2.exec("show ip route").contains("Null0"));
        // stub area: no externals in area 1, a default summary from the ABR instead
        r1.config("router ospf 1", "area 1 stub");
        r2.config("router ospf 1", "area 1 stub");
        net.run(60);
        rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O*IA  0.0.0.0/0 [110/2] via 10.12.0.2, "), rt1);
        assertTrue(rt1.contains("O IA     3.3.3.3 [110/3]"), rt1);
        assertFalse(rt1.contains("O E2"), rt1);
        assertTrue(r1.exec("show ip route").contains("Gateway of last resort is 10.12.0.2 to network 0.0.0.0\n"));
        // totally stubby: the default alone
        r2.config("router ospf 1", "area 1 stub no-summary", "area 1 default-cost 10");
        net.run(10);

        rt1 = r1.exec("show ip route ospf");
        assertTrue(rt1.contains("O*IA  0.0.0.0/0 [110/11] via 10.12.0.2, "), rt1);
        assertFalse(rt1.contains("3.3.3.3"), rt1);
        // summary-address on the ASBR, default-information originate
        r3.config("router ospf 1", "summary-address 192.168.0.0 255.255.0.0", "default-information originate always metric 5 metric-type 1");
        net.run(10);
        rt2 = r2.exec("show ip route ospf");
        assertTrue(r3.exec("show ip route ospf").contains("\nO     192.168.0.0/16 is a summary, 00:00:10, Null0\n"));
        assertTrue(rt2.contains("O E2  192.168.0.0/16 [110/20] via 10.23.0.3, "), rt2);
        assertFalse(rt2.contains("192.168.1.0"), rt2);
        assertTrue(rt2.contains("O*E1  0.0.0.0/0 [110/6] via 10.23.0.3, "), rt2);
        // without `always` the ASBR needs a default route of its own
        r3.config("router ospf 1", "default-information originate");
        net.run(10);
        assertFalse(r2.exec("show ip route ospf").contains("0.0.0.0/0"));
        r3.config("ip route 0.0.0.0 0.0.0.0 Loopback1");
        net.run(10);
        assertTrue(r2.exec("show ip route ospf").contains("O*E2  0.0.0.0/0 [110/1] via 10.23.0.3, "));
    }

    @Test
    void redistributeWithoutSubnetsTakesClassfulNetworksOnly() {
        r3.config("interface Loopback3", "ip address 20.0.0.1 255.0.0.0", "router ospf 1", "redistribute connected metric 30 metric-type 1");
        net.run(60);
        String rt2 = r2.exec("show ip route ospf");
        assertTrue(rt2.contains("O E1  20.0.0.0/8 [110/31] via 10.23.0.3, "), rt2);
        assertTrue(rt2.contains("O E1  192.168.1.0/24 [110/31]"), rt2);
        assertFalse(rt2.contains("3.3.3.3/32 [110/3"), rt2);
    }

    @Test
    void staticRoutesRedistributedAsExternalsFollowTheirRoute() {
        r3.config("ip route 10.99.0.0 255.255.0.0 192.168.1.2", "router ospf 1", "no redistribute connected",
            "redistribute static subnets tag 7");
        net.run(60);
        String rt2 = r2.exec("show ip route ospf");
        assertTrue(rt2.contains("O E2     10.99.0.0 [110/20] via 10.23.0.3, "), rt2);
        assertFalse(rt2.contains("192.168.1.0"), rt2);
        // the static route goes: its LSA is flushed and the route leaves the other routers
        r3.config("no ip route 10.99.0.0 255.255.0.0 192.168.1.2");
        net.run(10);
        assertFalse(r2.exec("show ip route ospf").contains("10.99.0.0"));
    }

    @Test
    void clearIpOspfProcessAsksAndRestarts() {
        net.run(60);
        assertEquals("Reset ALL OSPF processes? [no]: \n", r1.answer("no").exec("clear ip ospf process"));
        assertTrue(r1.exec("show ip ospf neighbor").contains("FULL"));
        String out = r1.answer("yes").exec("clear ip ospf process");
        String nb = r1.exec("show ip ospf neighbor");
        assertFalse(nb.contains("FULL"), out + nb);
        assertTrue(out.contains("%OSPF-5-ADJCHG: Process 1, Nbr 10.12.0.2 on GigabitEthernet0/0 from FULL to DOWN, Neighbor Down: Interface down or detached"), out);
        net.run(60);
        String log = r1.pending();
        assertTrue(r1.exec("show ip ospf neighbor").contains("FULL"));
        assertTrue(log.contains("%OSPF-5-ADJCHG: Process 1, Nbr 10.12.0.2 on GigabitEthernet0/0 from LOADING to FULL, Loading Done"), log);
    }
}
