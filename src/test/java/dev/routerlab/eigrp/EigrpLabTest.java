package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import dev.routerlab.config.Secrets;
import org.junit.jupiter.api.Test;

/** EIGRP between routers in virtual time: Ethernet, point-to-point GRE, mGRE (DMVPN), summaries, failover by delay. */
class EigrpLabTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    @Test
    void ethernetNeighboursAndRoutes() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "router eigrp 100", "network 10.12.0.0 0.0.0.255", "network 1.1.1.1 0.0.0.0");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown",
            "router eigrp 100", "network 10.0.0.0");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "router eigrp 100", "network 10.23.0.0 0.0.0.255", "network 3.3.3.3 0.0.0.0");
        net.run(30);
        String log = r1.pending();
        assertTrue(log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.12.0.2 (GigabitEthernet0/0) is up: new adjacency"), log);
        String rt = r1.exec("show ip route eigrp");
        System.out.println(rt);
        assertTrue(rt.contains("D        3.3.3.3 [90/131072] via 10.12.0.2, 00:00:"), rt);
        System.out.println(r1.exec("show ip eigrp neighbors"));
        System.out.println(r1.exec("show ip eigrp topology"));
        System.out.println(r1.exec("show ip eigrp interfaces detail"));
        System.out.println(r1.exec("show ip eigrp traffic"));
        System.out.println(r1.exec("show ip protocols"));
        System.out.println(r1.exec("show running-config | section eigrp"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("Success rate is"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
        r3.config("interface GigabitEthernet0/0", "shutdown");
        net.run(20);
        assertFalse(r1.exec("show ip route").contains("3.3.3.3"));
        assertTrue(r2.pending().contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.23.0.3 (GigabitEthernet0/1) is down: interface down"));
    }

    /** R1 reaches R3's loopback over two GRE tunnels; the lower tunnel delay wins, the other takes over. */
    @Test
    void greTunnelsFailoverByDelayAndSummaryToNull0() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "ip route 10.23.0.0 255.255.255.0 10.12.0.2",
            "interface Tunnel0", "ip address 172.16.0.1 255.255.255.252", "delay 1000", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3",
            "interface Tunnel1", "ip address 172.16.1.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3", "tunnel key 1",
            "router eigrp 100", "network 172.16.0.0 0.0.255.255", "network 1.1.1.1 0.0.0.0");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface Loopback1", "ip address 10.3.1.1 255.255.255.0",
            "interface Loopback2", "ip address 10.3.2.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "ip route 10.12.0.0 255.255.255.0 10.23.0.2",
            "interface Tunnel0", "ip address 172.16.0.2 255.255.255.252", "delay 1000", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", "ip summary-address eigrp 100 10.3.0.0 255.255.0.0",
            "interface Tunnel1", "ip address 172.16.1.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1", "tunnel key 1",
            "ip summary-address eigrp 100 10.3.0.0 255.255.0.0",
            "router eigrp 100", "network 172.16.0.0 0.0.255.255", "network 3.3.3.3 0.0.0.0", "network 10.3.0.0 0.0.255.255");
        net.run(60);
        String log = r1.pending();
        assertTrue(log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 172.16.0.2 (Tunnel0) is up: new adjacency"), log);
        assertTrue(log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 172.16.1.2 (Tunnel1) is up: new adjacency"), log);
        // Tunnel0: delay 1000 (10 ms) against the default 5000: 256 * (10^7/100 + 1000 + 500)
        String rt = r1.exec("show ip route eigrp");
        assertTrue(rt.contains("D        3.3.3.3 [90/25984000] via 172.16.0.2, 00:00:"), rt);
        assertTrue(rt.contains(", Tunnel0\n"), rt);
        // only the summary crosses the tunnels; R3 installs its discard route
        assertTrue(rt.contains("      10.0.0.0/16 is subnetted, 1 subnets\nD        10.3.0.0 [90/25984000] via 172.16.0.2, 00:00:"), rt);
        assertFalse(rt.contains("10.3.1.0"), rt);
        String r3rt = r3.exec("show ip route 10.3.0.0 255.255.0.0");
        assertTrue(r3rt.contains("Known via \"eigrp\", distance 5"), r3rt);
        String r3s = r3.exec("show ip route eigrp");
        assertTrue(r3s.matches("(?s).*\nD        10\\.3\\.0\\.0 is a summary, 00:0\\d:\\d\\d, Null0\n.*"), r3s);
        String topo = r1.exec("show ip eigrp topology");
        assertTrue(topo.contains("P 3.3.3.3/32, 1 successors, FD is 25984000\n        via 172.16.0.2 (25984000/128256), Tunnel0\n"
            + "        via 172.16.1.2 (27008000/128256), Tunnel1\n"), topo);     // the feasible successor
        r1.exec("ping 3.3.3.3 source Loopback0");
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
        // Tunnel0 fails at R3: after the hold time R1 moves to Tunnel1 (the feasible successor, no query)
        r3.config("interface Tunnel0", "shutdown");
        net.run(16);
        assertTrue(r1.pending().contains("Neighbor 172.16.0.2 (Tunnel0) is down: holding time expired"));
        rt = r1.exec("show ip route eigrp");
        assertTrue(rt.contains("D        3.3.3.3 [90/27008000] via 172.16.1.2, 00:00:"), rt);
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
        r3.config("interface Tunnel0", "no shutdown");
        net.run(30);
        assertTrue(r1.exec("show ip route eigrp").contains("D        3.3.3.3 [90/25984000] via 172.16.0.2, "));
    }

    /** EIGRP over a GRE tunnel with `tunnel protection ipsec profile`: hellos start IKE, the adjacency forms inside ESP. */
    @Test
    void protectedGreTunnel() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        for (Net.Node r : new Net.Node[] {r1, r3}) {
            int n = r == r1 ? 1 : 3;
            String self = n == 1 ? "10.12.0.1" : "10.23.0.3", peer = n == 1 ? "10.23.0.3" : "10.12.0.1";
            r.config("crypto isakmp policy 10", "encryption aes", "hash sha", "authentication pre-share", "group 14",
                "crypto isakmp key cisco123 address " + peer,
                "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "mode transport",
                "crypto ipsec profile P", "set transform-set TS");
            r.config("interface Loopback0", "ip address " + n + "." + n + "." + n + "." + n + " 255.255.255.255",
                "interface GigabitEthernet0/0", "ip address " + self + " 255.255.255.0", "no shutdown",
                "ip route " + (n == 1 ? "10.23.0.0" : "10.12.0.0") + " 255.255.255.0 " + (n == 1 ? "10.12.0.2" : "10.23.0.2"),
                "interface Tunnel0", "ip address 172.16.13." + n + " 255.255.255.0", "tunnel source GigabitEthernet0/0",
                "tunnel destination " + peer, "tunnel protection ipsec profile P",
                "router eigrp 100", "network 172.16.13.0 0.0.0.255", "network " + n + "." + n + "." + n + "." + n + " 0.0.0.0");
        }
        net.run(40);
        String log = r1.pending();
        assertTrue(log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 172.16.13.3 (Tunnel0) is up: new adjacency"), log);
        assertTrue(r1.exec("show ip route eigrp").contains("D        3.3.3.3 [90/27008000] via 172.16.13.3, 00:00:"));
        assertTrue(r1.exec("show crypto session").contains("Session status: UP-ACTIVE"));
        assertTrue(r1.exec("ping 3.3.3.3 source Loopback0").contains("!!!!!"));
    }

    /** DMVPN: a hub with `no ip split-horizon eigrp` and `no ip next-hop-self eigrp`, two mGRE spokes. */
    @Test
    void dmvpnSpokesLearnEachOtherThroughTheHub() {
        Net net = new Net();
        Net.Node hub = net.router("HUB1"), isp = net.router("ISP"), s1 = net.router("SPOKE1"), s2 = net.router("SPOKE2");
        net.wire(hub, "Gi0/0", isp, "Gi0/0", HALF_MS);
        net.wire(s1, "Gi0/0", isp, "Gi0/1", HALF_MS);
        net.wire(s2, "Gi0/0", isp, "Gi0/2", HALF_MS);
        isp.config("interface GigabitEthernet0/0", "ip address 172.16.11.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/2", "ip address 172.16.2.254 255.255.255.0", "no shutdown");
        hub.config("interface Loopback0", "ip address 10.0.11.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 172.16.11.1 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 172.16.11.254",
            "interface Tunnel0", "ip address 192.168.100.11 255.255.255.0", "ip nhrp map multicast dynamic",
            "ip nhrp network-id 100", "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "router eigrp 100", "network 192.168.100.0 0.0.0.255", "network 10.0.11.0 0.0.0.255");
        for (int n = 1; n <= 2; n++) {
            Net.Node s = n == 1 ? s1 : s2;
            s.config("interface Loopback0", "ip address 10.0." + n + ".1 255.255.255.0",
                "interface GigabitEthernet0/0", "ip address 172.16." + n + ".1 255.255.255.0", "no shutdown",
                "ip route 0.0.0.0 0.0.0.0 172.16." + n + ".254",
                "interface Tunnel0", "ip address 192.168.100." + n + " 255.255.255.0", "ip nhrp map 192.168.100.11 172.16.11.1",
                "ip nhrp map multicast 172.16.11.1", "ip nhrp network-id 100", "ip nhrp nhs 192.168.100.11",
                "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
                "router eigrp 100", "network 192.168.100.0 0.0.0.255", "network 10.0." + n + ".0 0.0.0.255");
        }
        net.run(40);
        assertTrue(hub.pending().contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 192.168.100.1 (Tunnel0) is up: new adjacency"));
        String nb = hub.exec("show ip eigrp neighbors");
        assertTrue(nb.contains("192.168.100.1           Tu0") && nb.contains("192.168.100.2           Tu0"), nb);
        // split horizon on (the default): the spokes miss each other's LANs, as on IOS
        assertTrue(s1.exec("show ip route eigrp").contains("D        10.0.11.0 [90/"));
        assertFalse(s1.exec("show ip route").contains("10.0.2.0"));
        hub.config("interface Tunnel0", "no ip split-horizon eigrp 100");
        net.run(10);
        String rt = s1.exec("show ip route eigrp");
        assertTrue(rt.contains("D        10.0.2.0 [90/") && rt.contains("via 192.168.100.11, "), rt);
        // phase 2: the hub keeps the spoke as next hop
        hub.config("interface Tunnel0", "no ip next-hop-self eigrp 100");
        net.run(10);
        rt = s1.exec("show ip route eigrp");
        assertTrue(rt.contains("D        10.0.2.0 [90/") && rt.contains("via 192.168.100.2, "), rt);
        assertTrue(hub.exec("show running-config interface Tunnel0").contains(" no ip next-hop-self eigrp 100\n"));
        s1.exec("ping 10.0.2.1 source Loopback0");
        net.run(5);
        assertTrue(s1.exec("ping 10.0.2.1 source Loopback0").contains("!!!!!"));
        // a spoke goes away: the hub withdraws its LAN from the other spoke
        s2.config("interface Tunnel0", "shutdown");
        net.run(20);
        assertFalse(s1.exec("show ip route").contains("10.0.2.0"));
    }

    /** MD5 authentication with a key chain: matching keys form the adjacency; a wrong key is counted and dropped. */
    @Test
    void md5Authentication() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        for (Net.Node r : new Net.Node[] {r1, r2}) {
            int n = r == r1 ? 1 : 2;
            r.config("key chain K", "key 1", "key-string " + (n == 1 ? "good" : "bad"),
                "interface GigabitEthernet0/0", "ip address 10.12.0." + n + " 255.255.255.0", "no shutdown",
                "ip authentication mode eigrp 1 md5", "ip authentication key-chain eigrp 1 K",
                "router eigrp 1", "network 10.0.0.0");
        }
        net.run(20);
        assertTrue(r1.exec("show ip eigrp neighbors").endsWith("Cnt Num\n"));
        assertTrue(r1.router.eigrp().processes().get(1).instance().counters().authFailures > 0);
        r2.config("key chain K", "key 1", "key-string good");
        net.run(20);
        assertTrue(r1.exec("show ip eigrp neighbors").contains("10.12.0.2"));
        assertTrue(r1.exec("show ip eigrp interfaces detail").contains("  Authentication mode is md5,  key-chain is \"K\"\n"));

        // service password-encryption turns the key string typed in clear into type 7; it still authenticates
        r2.config("service password-encryption");
        String run = r2.exec("show running-config");
        assertTrue(run.contains("  key-string 7 " + Secrets.encodeType7("good") + "\n"), run);
        assertTrue(!run.contains("key-string good"), run);
        r2.config("key chain K", "key 1", "key-string 7 " + Secrets.encodeType7("good"));
        r2.config("interface GigabitEthernet0/0", "shutdown", "no shutdown");
        net.run(30);
        assertTrue(r1.exec("show ip eigrp neighbors").contains("10.12.0.2"), "type 7 key authenticates");
        assertTrue(r2.config("key chain K", "key 1", "key-string 7 ZZ").contains("% Invalid input detected"));
    }
}
