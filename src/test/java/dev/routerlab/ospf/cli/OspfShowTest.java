package dev.routerlab.ospf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** The OSPF shows and debugs on live routers: R1 Gi0/0 — Gi0/0 R2 (a LAN) and a GRE tunnel between their loopbacks. */
class OspfShowTest {
    private final Net net = new Net();
    private final Net.Node r1 = net.router("R1"), r2 = net.router("R2");

    OspfShowTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", WireOptions.DEFAULT.withDelay(500_000));
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.0.12.0 0.0.0.255 area 0", "network 1.1.1.1 0.0.0.0 area 0",
            "passive-interface Loopback0");
        r2.config("interface Loopback0", "ip address 2.2.2.2 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.0.12.2 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.0.12.0 0.0.0.255 area 0", "network 2.2.2.2 0.0.0.0 area 0");
        net.run(60);
        r1.pending();
        r2.pending();
    }

    @Test
    void neighborAndDetail() {
        assertEquals("""
            Neighbor ID     Pri   State           Dead Time   Address         Interface
            2.2.2.2           1   FULL/DR         00:00:3X    10.0.12.2       GigabitEthernet0/0
            """, r1.exec("show ip ospf neighbor").replaceAll("00:00:3\\d", "00:00:3X"));
        String d = r1.exec("show ip ospf neighbor detail");
        assertTrue(d.startsWith(" Neighbor 2.2.2.2, interface address 10.0.12.2\n    In the area 0 via interface GigabitEthernet0/0\n"
            + "    Neighbor priority is 1, State is FULL, "), d);
        assertTrue(d.contains("    DR is 10.0.12.2 BDR is 10.0.12.1\n    Options is 0x2 in Hello (E-bit)\n    Options is 0x2 in DBD (E-bit)\n    Dead timer due in 00:00:3"), d);
        assertTrue(d.matches("(?s).*\n    Neighbor is up for 00:00:[0-5]\\d\n    Index 1/1/1, retransmission queue length 0, number of retransmission \\d+\n.*"), d);
    }

    @Test
    void interfaceDetailAndBrief() {
        String gi = r1.exec("show ip ospf interface GigabitEthernet0/0");
        assertEquals("""
            GigabitEthernet0/0 is up, line protocol is up\s
              Internet Address 10.0.12.1/24, Area 0, Attached via Network Statement
              Process ID 1, Router ID 1.1.1.1, Network Type BROADCAST, Cost: 1
              Topology-MTID    Cost    Disabled    Shutdown      Topology Name
                    0           1         no          no            Base
              Transmit Delay is 1 sec, State BDR, Priority 1
              Designated Router (ID) 2.2.2.2, Interface address 10.0.12.2
              Backup Designated router (ID) 1.1.1.1, Interface address 10.0.12.1
              Timer intervals configured, Hello 10, Dead 40, Wait 40, Retransmit 5
                oob-resync timeout 40
                Hello due in 00:00:0X
              Cisco NSF helper support enabled
              IETF NSF helper support enabled
              Index 2/2/2, flood queue length 0
              Next 0x0(0)/0x0(0)/0x0(0)
              Last flood scan length is 0, maximum is 0
              Last flood scan time is 0 msec, maximum is 0 msec
              Neighbor Count is 1, Adjacent neighbor count is 1\s
                Adjacent with neighbor 2.2.2.2  (Designated Router)
              Suppress hello for 0 neighbor(s)
            """, gi.replaceAll("Hello due in 00:00:\\d\\d", "Hello due in 00:00:0X").replaceAll("Index \\d/\\d/\\d", "Index 2/2/2"));
        String lo = r1.exec("show ip ospf interface Loopback0");
        assertEquals("""
            Loopback0 is up, line protocol is up\s
              Internet Address 1.1.1.1/32, Area 0, Attached via Network Statement
              Process ID 1, Router ID 1.1.1.1, Network Type LOOPBACK, Cost: 1
              Topology-MTID    Cost    Disabled    Shutdown      Topology Name
                    0           1         no          no            Base
              Loopback interface is treated as a stub Host
            """, lo);
        String br = r1.exec("show ip ospf interface brief");
        assertTrue(br.startsWith("Interface    PID   Area  IP Address/Mask    Cost  State Nbrs F/C\n"), br);
        assertTrue(br.contains("Gi0/0        1     0     10.0.12.1/24       1     BDR   1/1\n"), br);
        assertEquals("Interface    PID   Area  IP Address/Mask    Cost  State Nbrs F/C\nLo0          1     0     1.1.1.1/32         1     LOOP  0/0\n",
            r1.exec("show ip ospf interface Loopback0 brief"));
        // the whole list holds both
        String all = r1.exec("show ip ospf interface");
        assertTrue(all.contains("Loopback0 is up") && all.contains("GigabitEthernet0/0 is up"), all);
    }

    @Test
    void process() {
        String p = r1.exec("show ip ospf");
        assertTrue(p.startsWith(" Routing Process \"ospf 1\" with ID 1.1.1.1\n Start time: 00:00:00."), p);
        assertTrue(p.contains(" Number of areas in this router is 1. 1 normal 0 stub 0 nssa\n"), p);
        assertTrue(p.contains(" Reference bandwidth unit is 100 mbps\n    Area BACKBONE(0)\n        Number of interfaces in this area is 2 (1 loopback)\n"
            + "        Area has no authentication\n        SPF algorithm last executed 00:00:"), p);
        // two router-LSAs and R2's network-LSA
        assertTrue(p.matches("(?s).*\n        Number of LSA 3\\. Checksum Sum 0x[0-9A-F]{6}\n.*"), p);
        assertFalse(p.contains("area border"), p);
    }

    @Test
    void database() {
        String db = r1.exec("show ip ospf database");
        String norm = db.replaceAll("(?m)^(\\S+ +\\S+ +)\\d+ +0x8000000\\d 0x[0-9A-F]{6}", "$1AGE SEQ CHK");
        assertEquals("""

                        OSPF Router with ID (1.1.1.1) (Process ID 1)

            \t\tRouter Link States (Area 0)

            Link ID         ADV Router      Age         Seq#       Checksum Link count
            1.1.1.1         1.1.1.1         AGE SEQ CHK 2
            2.2.2.2         2.2.2.2         AGE SEQ CHK 2

            \t\tNet Link States (Area 0)

            Link ID         ADV Router      Age         Seq#       Checksum
            10.0.12.2       2.2.2.2         AGE SEQ CHK
            """, norm.replaceAll("AGE +SEQ", "AGE SEQ"));
        assertTrue(db.matches("(?s).*\n1\\.1\\.1\\.1 {9}1\\.1\\.1\\.1 {9}\\d{1,2} {9,10}0x8000000\\d 0x[0-9A-F]{6} 2\n.*"), db);
        String rl = r1.exec("show ip ospf database router");
        assertTrue(rl.contains("  Routing Bit Set on this LSA in topology Base with MTID 0\n  LS age: "), rl);
        assertTrue(rl.contains("  LS Type: Router Links\n  Link State ID: 2.2.2.2\n  Advertising Router: 2.2.2.2\n  LS Seq Number: 8000000"), rl);
        assertTrue(rl.contains("    Link connected to: a Stub Network\n     (Link ID) Network/subnet number: 2.2.2.2\n"
            + "     (Link Data) Network Mask: 255.255.255.255\n      Number of MTID metrics: 0\n       TOS 0 Metrics: 1\n"), rl);
        assertTrue(rl.contains("    Link connected to: a Transit Network\n     (Link ID) Designated Router address: 10.0.12.2\n"
            + "     (Link Data) Router Interface address: 10.0.12.1\n"), rl);
        String nl = r1.exec("show ip ospf database network");
        assertTrue(nl.contains("  LS Type: Network Links\n  Link State ID: 10.0.12.2 (address of Designated Router)\n"), nl);
        assertTrue(nl.contains("  Network Mask: /24\n\tAttached Router: 2.2.2.2\n\tAttached Router: 1.1.1.1\n"), nl);
    }

    @Test
    void protocolsBlock() {
        String p = r1.exec("show ip protocols");
        assertTrue(p.startsWith("*** IP Routing is NSF aware ***\n\n"), p);
        assertTrue(p.matches("(?s).*Routing Protocol is \"ospf 1\"\n"
            + "  Outgoing update filter list for all interfaces is not set\n"
            + "  Incoming update filter list for all interfaces is not set\n"
            + "  Router ID 1\\.1\\.1\\.1\n"
            + "  Number of areas in this router is 1\\. 1 normal 0 stub 0 nssa\n"
            + "  Maximum path: 4\n"
            + "  Routing for Networks:\n"
            + "    10\\.0\\.12\\.0 0\\.0\\.0\\.255 area 0\n"
            + "    1\\.1\\.1\\.1 0\\.0\\.0\\.0 area 0\n"
            + "  Passive Interface\\(s\\):\n"
            + "    Loopback0\n"
            + "  Routing Information Sources:\n"
            + "    Gateway         Distance      Last Update\n"
            + "    2\\.2\\.2\\.2              110      00:00:\\d\\d\n"
            + "  Distance: \\(default is 110\\)\n\n"), p);
    }

    @Test
    void routeOspf() {
        String r = r1.exec("show ip route ospf");
        assertTrue(r.matches("(?s).*\nO        2\\.2\\.2\\.2 \\[110/2\\] via 10\\.0\\.12\\.2, 00:00:\\d\\d, GigabitEthernet0/0\n.*"), r);
    }

    @Test
    void debugAdjacencyShowsTheExchangeAndFull() {
        r1.exec("terminal monitor");
        assertEquals("OSPF adjacency debugging is on\n", r1.exec("debug ip ospf adj"));
        r2.config("interface GigabitEthernet0/0", "shutdown");
        net.run(45);
        r1.pending();
        r2.config("interface GigabitEthernet0/0", "no shutdown");
        net.run(50);
        String log = r1.pending();
        assertTrue(log.contains("OSPF-1 ADJ   Gi0/0: 2 Way Communication to 2.2.2.2, state 2WAY\n"), log);
        assertTrue(log.matches("(?s).*OSPF-1 ADJ   Gi0/0: Send DBD to 2\\.2\\.2\\.2 seq 0x[0-9A-F]+ opt 0x2 flag 0x7 len 32\n.*"), log);
        assertTrue(log.matches("(?s).*OSPF-1 ADJ   Gi0/0: Rcv DBD from 2\\.2\\.2\\.2 seq 0x[0-9A-F]+ opt 0x2 flag 0x\\d len \\d+  mtu 1500 state EXSTART\n.*"), log);
        assertTrue(log.contains("OSPF-1 ADJ   Gi0/0: NBR Negotiation Done. We are the SLAVE\n"), log);
        assertTrue(log.contains("OSPF-1 ADJ   Gi0/0: Exchange Done with 2.2.2.2\n"), log);
        assertTrue(log.contains("OSPF-1 ADJ   Gi0/0: Synchronized with 2.2.2.2, state FULL\n"), log);
        assertTrue(log.contains("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0 from LOADING to FULL, Loading Done"), log);
        assertFalse(log.contains("HELLO"), log);
        assertEquals("OSPF adjacency debugging is off\n", r1.exec("undebug ip ospf adj"));
    }

    @Test
    void debugHelloAndUndebugAll() {
        r1.exec("terminal monitor");
        assertEquals("OSPF hello debugging is on\n", r1.exec("debug ip ospf hello"));
        r1.pending();
        net.run(11);
        String log = r1.pending();
        assertTrue(log.contains("OSPF-1 HELLO Gi0/0: Send hello to 224.0.0.5 area 0 from 10.0.12.1\n"), log);
        assertTrue(log.contains("OSPF-1 HELLO Gi0/0: Rcv hello from 2.2.2.2 area 0 10.0.12.2\n"), log);
        r1.exec("undebug all");
        net.run(11);
        assertFalse(r1.pending().contains("OSPF-1"));
        // events: mismatches, not every hello
        r1.exec("debug ip ospf events");
        r2.config("interface GigabitEthernet0/0", "ip ospf hello-interval 5");
        net.run(12);
        log = r1.pending();
        assertTrue(log.contains("OSPF-1 HELLO Gi0/0: Mismatched hello parameters from 10.0.12.2\n"), log);
        assertTrue(log.contains("OSPF-1 HELLO Gi0/0: Dead R 20 C 40, Hello R 5 C 10  Mask R 255.255.255.0 C 255.255.255.0\n"), log);
        assertFalse(log.contains("Rcv hello"), log);
    }
}
