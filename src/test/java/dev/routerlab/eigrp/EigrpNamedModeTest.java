package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** EIGRP named mode (`router eigrp NAME` / `address-family` / `af-interface` / `topology base`) beside classic mode, and `debug eigrp fsm`. */
class EigrpNamedModeTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    /** R1 (named mode) and R3 (classic) over a GRE tunnel across R2. */
    private static Net.Node[] lab(Net net) {
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        r1.config("interface Loopback1", "ip address 10.1.1.1 255.255.255.0",
            "interface Loopback2", "ip address 10.1.2.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "ip route 10.23.0.0 255.255.255.0 10.12.0.2",
            "interface Tunnel0", "ip address 172.16.0.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "ip route 10.12.0.0 255.255.255.0 10.23.0.2",
            "interface Tunnel0", "ip address 172.16.0.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1",
            "router eigrp 100", "network 172.16.0.0 0.0.0.3", "network 3.3.3.3 0.0.0.0");
        return new Net.Node[] {r1, r2, r3};
    }

    @Test
    void namedModeAsIosWritesItAndAsAClassicNeighbourSeesIt() {
        Net net = new Net();
        Net.Node[] r = lab(net);
        Net.Node r1 = r[0], r3 = r[2];
        r1.exec("configure terminal");
        assertEquals("R1(config-router)#", prompt(r1, "router eigrp LAB"));
        assertEquals("R1(config-router-af)#", prompt(r1, "address-family ipv4 unicast autonomous-system 100"));
        assertEquals("R1(config-router-af)#", prompt(r1, "network 10.0.0.0"));
        assertEquals("R1(config-router-af)#", prompt(r1, "network 172.16.0.0 0.0.0.3"));
        assertEquals("R1(config-router-af)#", prompt(r1, "eigrp router-id 1.1.1.1"));
        assertEquals("R1(config-router-af-interface)#", prompt(r1, "af-interface default"));
        assertEquals("R1(config-router-af-interface)#", prompt(r1, "passive-interface"));
        assertEquals("R1(config-router-af)#", prompt(r1, "exit-af-interface"));
        assertEquals("R1(config-router-af-interface)#", prompt(r1, "af-interface Tunnel0"));
        prompt(r1, "no passive-interface");
        prompt(r1, "summary-address 10.1.0.0 255.255.0.0");
        prompt(r1, "hello-interval 10");
        prompt(r1, "hold-time 30");
        // a line of the enclosing mode runs there, as on IOS, and the session follows it
        assertEquals("R1(config-router-af-topology)#", prompt(r1, "topology base"));
        prompt(r1, "variance 2");
        assertEquals("R1(config-router-af)#", prompt(r1, "exit-af-topology"));
        assertEquals("R1(config-router)#", prompt(r1, "exit-address-family"));
        assertEquals("R1(config-router-af)#", prompt(r1, "address-family ipv4 autonomous-system 100"));
        assertEquals("R1(config-router)#", prompt(r1, "exit"));
        assertEquals("R1(config)#", prompt(r1, "exit"));
        r1.exec("end");
        String run = r1.exec("show running-config | section router eigrp");
        assertEquals("""
            router eigrp LAB
             !
             address-family ipv4 unicast autonomous-system 100
              !
              af-interface default
               passive-interface
              exit-af-interface
              !
              af-interface Tunnel0
               summary-address 10.1.0.0 255.255.0.0
               hello-interval 10
               hold-time 30
               no passive-interface
              exit-af-interface
              !
              topology base
               variance 2
              exit-af-topology
              network 10.0.0.0
              network 172.16.0.0 0.0.0.3
              eigrp router-id 1.1.1.1
             exit-address-family
            """, run);
        net.run(40);
        assertTrue(r1.pending().contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 172.16.0.2 (Tunnel0) is up: new adjacency"));
        String nbrs = r1.exec("show eigrp address-family ipv4 neighbors");
        assertTrue(nbrs.startsWith("EIGRP-IPv4 VR(LAB) Address-Family Neighbors for AS(100)\n"), nbrs);
        assertTrue(nbrs.contains("0   172.16.0.2              Tu0                      1"), nbrs);
        assertTrue(r1.exec("show ip eigrp topology").startsWith("EIGRP-IPv4 VR(LAB) Topology Table for AS(100)/ID(1.1.1.1)\n"));
        String ifs = r1.exec("show eigrp address-family ipv4 100 interfaces detail");
        assertTrue(ifs.contains("Tu0 ") && ifs.contains("  Hello-interval is 10, Hold-time is 30\n") && !ifs.contains("Lo1"), ifs);
        assertTrue(r1.exec("show ip protocols").contains("  EIGRP-IPv4 VR(LAB) Address-Family Protocol for AS(100)\n"));
        // the classic neighbour hears the af-interface summary and the hold time; its metric in classic units from the
        // wide TLV (RFC 7868 section 6.9.2): the loopback's 1.25 us (10^13 / 8 Gbit/s) is 32 in 10 us * 256
        String rt3 = r3.exec("show ip route eigrp");
        assertTrue(rt3.contains("D        10.1.0.0 [90/26880032] via 172.16.0.1") && !rt3.contains("10.1.1.0"), rt3);
        assertTrue(r3.exec("show ip eigrp neighbors").contains("Tu0                      2"), r3.exec("show ip eigrp neighbors"));
        // named mode (wide metrics, section 5.6.2): R3's loopback (5000 us classic) over the tunnel (100 kbit/s, 50000 us):
        // 10^7 * 65536 / 100 + (5000 + 50000) * 65536 = 10158080000, and 10158080000 / 128 in the RIB
        assertTrue(r1.exec("show ip route eigrp").contains("3.3.3.3 [90/79360000] via 172.16.0.2"), r1.exec("show ip route eigrp"));
        assertTrue(r1.exec("show ip eigrp topology").contains("P 3.3.3.3/32, 1 successors, FD is 10158080000"), r1.exec("show ip eigrp topology"));
        assertTrue(r1.exec("show ip protocols").contains("K5=0 K6=0\n    Metric rib-scale 128\n    Metric version 64bit\n"));
        // the configuration loads back into the same model
        Net.Node copy = new Net().router("R1");
        copy.config("interface Loopback1", "interface Loopback2", "interface GigabitEthernet0/0", "interface Tunnel0");
        copy.config(run.split("\n"));
        assertEquals(run, copy.exec("show running-config | section router eigrp"));
        // `no router eigrp NAME` removes its address families
        r1.config("no router eigrp LAB");
        assertEquals("", r1.exec("show running-config | section router eigrp"));
        assertTrue(r1.router.eigrp().processes().isEmpty());
    }

    @Test
    void anAsIsEitherClassicOrNamed() {
        Net net = new Net();
        Net.Node r1 = net.router("R1");
        r1.config("router eigrp 100", "network 10.0.0.0");
        String out = r1.config("router eigrp LAB", "address-family ipv4 unicast autonomous-system 100");
        assertTrue(out.contains("% Invalid input detected at '^' marker."), out);
        assertTrue(r1.exec("show running-config | section router eigrp").startsWith("router eigrp 100\n"));
    }

    /** `debug eigrp fsm`: DUAL's events when R3's loopback goes away (query, reply, route removed) and comes back. */
    @Test
    void debugEigrpFsm() {
        Net net = new Net();
        Net.Node[] r = lab(net);
        Net.Node r1 = r[0], r3 = r[2];
        r1.config("router eigrp 100", "network 172.16.0.0 0.0.0.3");
        net.run(30);
        assertTrue(r1.exec("show ip route eigrp").contains("3.3.3.3"));
        assertEquals("EIGRP FSM Events/Actions debugging is on\n", r1.exec("debug eigrp fsm"));
        r1.pending();
        r3.config("interface Loopback0", "shutdown");
        net.run(5);
        String log = r1.pending();
        System.out.println(log);
        assertTrue(log.contains("DUAL: rcvquery: 3.3.3.3/32 via 172.16.0.2 metric 4294967295/4294967295, RD is 27008000"), log);
        assertTrue(log.contains("DUAL: Find FS for dest 3.3.3.3/32. FD is 27008000, RD is 128256 on topoid 0"), log);
        assertTrue(log.contains("DUAL: Removing dest 3.3.3.3/32, nexthop 172.16.0.2"), log);
        assertTrue(log.contains("DUAL: No routes.  Flushing dest 3.3.3.3/32"), log);
        r3.config("interface Loopback0", "no shutdown");
        net.run(5);
        log = r1.pending();
        assertTrue(log.contains("DUAL: dual_rcvupdate(): 3.3.3.3/32 via 172.16.0.2 metric 27008000/128256 on topoid 0"), log);
        assertTrue(log.contains("DUAL: RT installed 3.3.3.3/32 via 172.16.0.2"), log);
        assertEquals("EIGRP FSM Events/Actions debugging is off\n", r1.exec("undebug eigrp fsm"));
        r3.config("interface Loopback0", "shutdown");
        net.run(5);
        assertFalse(r1.pending().contains("DUAL:"));
    }

    private static String prompt(Net.Node n, String line) {
        n.exec(line);
        return n.session.prompt();
    }
}
