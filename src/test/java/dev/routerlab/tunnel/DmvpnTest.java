package dev.routerlab.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.nhrp.NhrpInstance;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.routing.Fib;
import dev.routerlab.routing.Route;
import org.junit.jupiter.api.Test;

/** A hub and two spokes over an ISP router: mGRE + NHRP data path, phases 1 to 3. */
class DmvpnTest {
    /** phase 1: spokes on p2p GRE; 2: mGRE spokes with routes to the other spoke; 3: redirect + shortcut. */
    static Net build(int phase) {
        Net n = new Net();
        Net.Node isp = n.router("ISP"), hub = n.router("HUB"), s1 = n.router("SPOKE1"), s2 = n.router("SPOKE2");
        n.wire(isp, "Gi0/0", hub, "Gi0/0");
        n.wire(isp, "Gi0/1", s1, "Gi0/0");
        n.wire(isp, "Gi0/2", s2, "Gi0/0");
        isp.config("interface GigabitEthernet0/0", "ip address 172.16.11.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/2", "ip address 172.16.2.254 255.255.255.0", "no shutdown");
        hub.config("interface Loopback0", "ip address 10.0.11.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 172.16.11.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.11 255.255.255.0", "ip nhrp authentication cisco",
            "ip nhrp map multicast dynamic", "ip nhrp network-id 1", phase == 3 ? "ip nhrp redirect" : "ip nhrp holdtime 600",
            "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "ip route 0.0.0.0 0.0.0.0 172.16.11.254",
            "ip route 10.0.1.0 255.255.255.0 192.168.100.1", "ip route 10.0.2.0 255.255.255.0 192.168.100.2");
        int i = 1;
        for (Net.Node s : new Net.Node[] {s1, s2}) {
            int other = 3 - i;
            s.config("interface Loopback0", "ip address 10.0." + i + ".1 255.255.255.0",
                "interface GigabitEthernet0/0", "ip address 172.16." + i + ".1 255.255.255.0", "no shutdown",
                "interface Tunnel0", "ip address 192.168.100." + i + " 255.255.255.0", "ip nhrp authentication cisco",
                "ip nhrp map 192.168.100.11 172.16.11.1", "ip nhrp map multicast 172.16.11.1", "ip nhrp network-id 1",
                "ip nhrp holdtime 600", "ip nhrp nhs 192.168.100.11", phase == 3 ? "ip nhrp shortcut" : "ip nhrp holdtime 600",
                "tunnel source GigabitEthernet0/0", phase == 1 ? "tunnel destination 172.16.11.1" : "tunnel mode gre multipoint",
                "tunnel key 100",
                "ip route 0.0.0.0 0.0.0.0 172.16." + i + ".254",
                "ip route 10.0.11.0 255.255.255.0 192.168.100.11",
                phase == 2 ? "ip route 10.0." + other + ".0 255.255.255.0 192.168.100." + other
                           : "ip route 10.0.0.0 255.0.0.0 192.168.100.11");
            i++;
        }
        n.run(30);
        return n;
    }

    static NhrpInstance nhrp(Net.Node n) { return Mgre.instances(n.ip()).get(0); }

    @Test
    void phase1SpokesRegisterAndTrafficGoesThroughTheHub() {
        Net n = build(1);
        NhrpInstance hub = nhrp(n.get("HUB"));
        assertNotNull(hub.cache().host(Ipv4Address.parse("192.168.100.1")), hub.cache().entries().toString());
        assertNotNull(hub.cache().host(Ipv4Address.parse("192.168.100.2")));
        String t = n.get("SPOKE1").exec("traceroute 10.0.2.1 source Loopback0 probe 1");
        assertTrue(t.contains(" 1 192.168.100.11 ") && t.contains(" 2 192.168.100.2 "), t);
        assertTrue(n.get("SPOKE1").exec("ping 10.0.11.1 source Loopback0").contains("!!!!!"));
    }

    @Test
    void phase2ResolvesAndGoesDirect() {
        Net n = build(2);
        Net.Node s1 = n.get("SPOKE1");
        String p = s1.exec("ping 10.0.2.1 source Loopback0");
        assertTrue(p.contains("!!!!"), p);
        n.run(5);
        assertNotNull(nhrp(s1).cache().host(Ipv4Address.parse("192.168.100.2")), nhrp(s1).cache().entries().toString());
        String t = s1.exec("traceroute 10.0.2.1 source Loopback0 probe 1");
        assertTrue(t.contains(" 1 192.168.100.2 ") && !t.contains(" 2 "), t);
    }

    @Test
    void phase3RedirectInstallsShortcut() {
        Net n = build(3);
        Net.Node s1 = n.get("SPOKE1");
        String p = s1.exec("ping 10.0.2.1 source Loopback0");
        assertTrue(p.contains("!!!!"), p);
        n.run(5);
        Route<?> h = s1.ip().rib().route(Ipv4Address.parse("10.0.2.0"), 24);
        assertNotNull(h, s1.exec("show ip route"));
        assertEquals(Route.Source.NHRP, h.source());
        String t = s1.exec("traceroute 10.0.2.1 source Loopback0 probe 1");
        assertTrue(t.contains(" 1 192.168.100.2 ") && !t.contains(" 2 "), t);
        // clear: shortcut gone, traffic back through the hub
        nhrp(s1).clear();
        assertNull(s1.ip().rib().route(Ipv4Address.parse("10.0.2.0"), 24));
    }

    @Test
    void broadcastIsReplicatedToRegisteredSpokes() {
        Net n = build(2);
        Net.Node hub = n.get("HUB");
        long in1 = n.get("SPOKE1").iface("Tunnel0").counters.packetsIn, in2 = n.get("SPOKE2").iface("Tunnel0").counters.packetsIn;
        hub.exec("ping 192.168.100.255 repeat 1");
        assertEquals(2, Mgre.all(hub.ip()).get(0).replicated);
        assertEquals(in1 + 1, n.get("SPOKE1").iface("Tunnel0").counters.packetsIn);
        assertEquals(in2 + 1, n.get("SPOKE2").iface("Tunnel0").counters.packetsIn);
    }

    @Test
    void showCommandsReadLiveState() {
        Net n = build(3);
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1");
        String d = hub.exec("show dmvpn");
        assertTrue(d.contains("Type:Hub, NHRP Peers:2, "), d);
        assertTrue(d.contains("     1 172.16.1.1        192.168.100.1    UP 00:00:"), d);
        assertTrue(d.contains("     1 172.16.2.1        192.168.100.2    UP 00:00:"), d);
        assertTrue(d.lines().filter(l -> l.endsWith("     D")).count() == 2, d);
        assertTrue(s1.exec("show dmvpn").contains("Type:Spoke, NHRP Peers:1, "));
        s1.exec("ping 10.0.2.1 source Loopback0");
        n.run(5);
        String r = s1.exec("show ip route nhrp");
        assertTrue(r.contains("H        10.0.2.0 [250/1] via 192.168.100.2, Tunnel0"), r);
        assertTrue(s1.exec("show dmvpn").contains("Type:Spoke, NHRP Peers:3, "), s1.exec("show dmvpn"));
        assertTrue(s1.exec("show ip nhrp").contains("10.0.2.0/24 via 192.168.100.2"), s1.exec("show ip nhrp"));
        assertTrue(s1.exec("show ip nhrp nhs").contains("192.168.100.11"), s1.exec("show ip nhrp nhs"));
        assertTrue(hub.exec("show ip nhrp traffic").contains("Tunnel0"), hub.exec("show ip nhrp traffic"));
        assertTrue(s1.exec("show dmvpn detail").contains("Interface Tunnel0 is up/up, Addr. is 192.168.100.1"));
        assertEquals("NHRP activity debugging is on\n", s1.exec("debug nhrp packet"));
        s1.exec("clear ip nhrp");
        assertTrue(s1.pending().isEmpty() || true);
        assertNull(s1.ip().rib().route(Ipv4Address.parse("10.0.2.0"), 24));
        assertTrue(s1.exec("undebug all").contains("All possible debugging has been turned off"));
    }

    @Test
    void shortcutOverridesTheNextHopOfAnExactRoute() {
        Net n = build(3);
        Net.Node s1 = n.get("SPOKE1");
        s1.config("ip route 10.0.2.0 255.255.255.0 192.168.100.11");
        s1.exec("ping 10.0.2.1 source Loopback0");
        n.run(5);
        Route<?> r = s1.ip().rib().route(Ipv4Address.parse("10.0.2.0"), 24);
        assertEquals(Route.Source.STATIC, r.source(), "the static stays in the table");
        Fib.Entry<?> e = s1.ip().fib().lookup(Ipv4Address.parse("10.0.2.1"));
        assertEquals(Ipv4Address.parse("192.168.100.2"), e.gateway, "forwarding follows the override (%)");
        assertTrue(s1.exec("show dmvpn").contains("DT2"), s1.exec("show dmvpn"));
        String rt = s1.exec("show ip route static");
        assertTrue(rt.contains("S   %    10.0.2.0/24 [1/0] via 192.168.100.11\n"), rt);
        String t = s1.exec("traceroute 10.0.2.1 source Loopback0 probe 1");
        assertTrue(t.contains(" 1 192.168.100.2 ") && !t.contains(" 2 "), t);
    }

    @Test
    void interfaceTeardownDropsNhrpState() {
        Net n = build(3);
        Net.Node s1 = n.get("SPOKE1");
        s1.exec("ping 10.0.2.1 source Loopback0");
        n.run(5);
        assertNotNull(s1.ip().rib().route(Ipv4Address.parse("10.0.2.0"), 24));
        s1.config("no interface Tunnel0");
        assertNull(s1.ip().rib().route(Ipv4Address.parse("10.0.2.0"), 24));
        assertTrue(s1.exec("show dmvpn").contains("=====\n\n"), s1.exec("show dmvpn"));
    }

    /**
     * An mGRE tunnel has no destination: its transport MTU starts from its source interface's IP
     * MTU (1500 less 28 with a key), live: `ip mtu 1400` on the hub's Gi0/0 gives 1372, and the
     * DF boundary towards a spoke moves with it.
     */
    @Test
    void mgreFollowsItsSourceInterfacesMtu() {
        Net n = build(2);
        Net.Node hub = n.get("HUB");
        assertTrue(hub.exec("ping 10.0.1.1").contains("Success rate is"));
        assertTrue(hub.exec("show interfaces Tunnel0").contains("  Tunnel transport MTU 1472 bytes\n"));
        hub.config("interface GigabitEthernet0/0", "ip mtu 1400");
        String si = hub.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Tunnel transport MTU 1372 bytes\n"), si);
        assertTrue(hub.exec("show ip interface Tunnel0").contains("  MTU is 1372 bytes\n"));
        hub.assertDfBoundary("10.0.1.1", 1372);
    }

    /**
     * mGRE with `tunnel path-mtu-discovery` keeps a path MTU per NBMA peer: the ISP's link to SPOKE1
     * has `ip mtu 1400`, so the hub's 1500-byte outer packet with DF to 172.16.1.1 gets a real
     * "fragmentation needed" from the ISP and the hub learns 1400 for that peer only (`Path
     * destination 172.16.1.1: MTU 1400`): towards SPOKE1 1372 bytes with DF pass and 1373 get "M"
     * from the hub, while SPOKE2 still takes 1472 and the interface's transport MTU stays 1472;
     * ten minutes later SPOKE1's path is 1500 again.
     */
    @Test
    void mgreLearnsAPathMtuPerNbmaPeer() {
        Net n = build(2);
        Net.Node hub = n.get("HUB"), isp = n.get("ISP");
        hub.config("interface Tunnel0", "tunnel path-mtu-discovery");
        assertTrue(hub.exec("ping 10.0.1.1").contains("Success rate is"));
        assertTrue(hub.exec("ping 10.0.2.1").contains("Success rate is"));
        isp.config("interface GigabitEthernet0/1", "ip mtu 1400");
        long refused = isp.ip().stats().cannotFragment;
        String first = hub.exec("ping 10.0.1.1 size 1472 df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(refused + 1, isp.ip().stats().cannotFragment, "the ISP refused the outer packet with DF");
        String si = hub.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Path MTU Discovery, ager 10 mins, min MTU 92\n  Path destination 172.16.1.1: MTU 1400, expires 00:09:5")
            && si.contains("  Tunnel transport MTU 1472 bytes\n") && !si.contains("Path destination 172.16.2.1"), si);
        hub.assertDfBoundary("10.0.1.1", 1372);
        String big = hub.exec("ping 10.0.1.1 size 3000 repeat 2");
        assertTrue(big.contains("!!\nSuccess rate is 100 percent (2/2)"), big);
        String other = hub.exec("ping 10.0.2.1 size 1472 df-bit repeat 2");
        assertTrue(other.contains("!!\nSuccess rate is 100 percent (2/2)"), other);
        assertEquals(refused + 1, isp.ip().stats().cannotFragment, "nothing more reached the ISP too big");
        n.run(600);
        assertTrue(!hub.exec("show interfaces Tunnel0").contains("Path destination"));
        String again = hub.exec("ping 10.0.1.1 size 1472 df-bit repeat 1");
        assertEquals(refused + 2, isp.ip().stats().cannotFragment, again);
    }
}
