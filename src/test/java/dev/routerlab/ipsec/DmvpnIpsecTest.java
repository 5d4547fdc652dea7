package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.tunnel.Mgre;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DMVPN (hub + 2 spokes over an ISP router) with `tunnel protection ipsec profile` on the mGRE tunnels. */
class DmvpnIpsecTest {
    static String[] crypto() {
        return new String[] {"crypto isakmp policy 10", "encryption aes", "hash sha", "authentication pre-share", "group 14",
            "crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0",
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "mode transport",
            "crypto ipsec profile DMVPN", "set transform-set TS"};
    }

    static Net build(int phase) { return build(phase, crypto()); }

    /** The DMVPN with this crypto configuration on every tunnel router (its ipsec profile named DMVPN). */
    static Net build(int phase, String[] crypto) {
        Net n = new Net();
        Net.Node isp = n.router("ISP"), hub = n.router("HUB"), s1 = n.router("SPOKE1"), s2 = n.router("SPOKE2");
        n.wire(isp, "Gi0/0", hub, "Gi0/0");
        n.wire(isp, "Gi0/1", s1, "Gi0/0");
        n.wire(isp, "Gi0/2", s2, "Gi0/0");
        isp.config("interface GigabitEthernet0/0", "ip address 172.16.11.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/2", "ip address 172.16.2.254 255.255.255.0", "no shutdown");
        hub.config(crypto);
        hub.config("interface Loopback0", "ip address 10.0.11.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 172.16.11.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.11 255.255.255.0", "ip nhrp authentication cisco",
            "ip nhrp map multicast dynamic", "ip nhrp network-id 1", phase == 3 ? "ip nhrp redirect" : "ip nhrp holdtime 600",
            "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "tunnel protection ipsec profile DMVPN",
            "ip route 0.0.0.0 0.0.0.0 172.16.11.254",
            "ip route 10.0.1.0 255.255.255.0 192.168.100.1", "ip route 10.0.2.0 255.255.255.0 192.168.100.2");
        int i = 1;
        for (Net.Node s : new Net.Node[] {s1, s2}) {
            int other = 3 - i;
            s.config(crypto);
            s.config("interface Loopback0", "ip address 10.0." + i + ".1 255.255.255.0",
                "interface GigabitEthernet0/0", "ip address 172.16." + i + ".1 255.255.255.0", "no shutdown",
                "interface Tunnel0", "ip address 192.168.100." + i + " 255.255.255.0", "ip nhrp authentication cisco",
                "ip nhrp map 192.168.100.11 172.16.11.1", "ip nhrp map multicast 172.16.11.1", "ip nhrp network-id 1",
                "ip nhrp holdtime 600", "ip nhrp nhs 192.168.100.11", phase == 3 ? "ip nhrp shortcut" : "ip nhrp holdtime 600",
                "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
                "tunnel protection ipsec profile DMVPN shared",
                "ip route 0.0.0.0 0.0.0.0 172.16." + i + ".254",
                "ip route 10.0.11.0 255.255.255.0 192.168.100.11",
                phase == 2 ? "ip route 10.0." + other + ".0 255.255.255.0 192.168.100." + other
                           : "ip route 10.0.0.0 255.0.0.0 192.168.100.11");
            i++;
        }
        for (String r : new String[] {"ISP", "HUB", "SPOKE1", "SPOKE2"}) n.get(r).pending();
        return n;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void hubSpokeThenSpokeSpokeSas(int phase) {
        Net n = build(phase);
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        n.run(60);
        String d;
        // registrations went through ESP: the hub knows both spokes, both hub-spoke SAs are up
        var hn = Mgre.instances(hub.ip()).get(0);
        assertNotNull(hn.cache().host(Ipv4Address.parse("192.168.100.1")), hub.exec("show dmvpn"));
        assertNotNull(hn.cache().host(Ipv4Address.parse("192.168.100.2")), hub.exec("show dmvpn"));
        String isa = hub.exec("show crypto isakmp sa");
        assertTrue(isa.contains("172.16.11.1     172.16.1.1      QM_IDLE"), isa);
        assertTrue(isa.contains("172.16.11.1     172.16.2.1      QM_IDLE"), isa);
        d = hub.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.1.1        192.168.100.1    UP"), d);
        assertTrue(d.contains("     1 172.16.2.1        192.168.100.2    UP"), d);
        assertTrue(s1.exec("show dmvpn").contains("     1 172.16.11.1      192.168.100.11    UP"), s1.exec("show dmvpn"));
        assertEquals(2, hub.router.ipsec().pairs().size());
        String map = hub.exec("show crypto map");
        assertTrue(map.contains("Crypto Map IPv4 \"Tunnel0-head-0\" 65536 ipsec-isakmp\n\tProfile name: DMVPN\n"), map);
        assertTrue(map.contains("\" 65538 ipsec-isakmp\n\tMap is a PROFILE INSTANCE.\n"), map);
        assertTrue(map.contains("\t    access-list  permit gre host 172.16.11.1 host 172.16.2.1\n"), map);
        // spoke to spoke: resolution through the hub, then IKE directly between the spokes
        String p = s1.exec("ping 10.0.2.1 source Loopback0 repeat 20");
        assertTrue(p.contains("!!!!"), p);
        n.run(10);
        p = s1.exec("ping 10.0.2.1 source Loopback0 repeat 20");
        assertTrue(p.contains("!!!!!!!!!!!!!!!!!!!!"), p);
        isa = s1.exec("show crypto isakmp sa");
        assertTrue(isa.contains("172.16.2.1      172.16.1.1      QM_IDLE") || isa.contains("172.16.1.1      172.16.2.1      QM_IDLE"), isa);
        String t = s1.exec("traceroute 10.0.2.1 source Loopback0 probe 1");
        assertTrue(t.contains(" 1 192.168.100.2 ") && !t.contains(" 2 "), t);
        IpsecEngine c1 = s1.router.ipsec();
        assertEquals(2, c1.pairs().size(), s1.exec("show crypto ipsec sa"));
        var direct = c1.pairs().stream().filter(x -> x.child.peerAddress() == Ipv4Address.parse("172.16.2.1")).toList();
        assertTrue(direct.stream().mapToLong(x -> x.out().counters().encaps()).sum() >= 20, "spoke-spoke ESP carries the pings");
        assertTrue(direct.stream().mapToLong(x -> x.in.counters().decaps()).sum() >= 20);
        String ip = s1.exec("show crypto ipsec sa");
        assertTrue(ip.contains("in use settings ={Transport, }"), ip);
        assertTrue(ip.contains("   remote ident (addr/mask/prot/port): (172.16.2.1/255.255.255.255/47/0)\n"), ip);
        d = s1.exec("show dmvpn");
        assertTrue(d.contains("172.16.2.1        192.168.100.2    UP"), d);
        // nothing left the spokes as clear GRE: the hub dropped no clear packet on the tunnel
        assertEquals(0, hub.router.ipsec().clearDropped());
        // IPsec SAs cleared, ISAKMP SA kept: IPSEC; everything cleared: IKE; then back UP
        s1.exec("clear crypto sa");
        d = s1.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.11.1      192.168.100.11 IPSEC"), d);
        s1.exec("clear crypto session");
        d = s1.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.11.1      192.168.100.11   IKE"), d);
        n.run(250);
        d = s1.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.11.1      192.168.100.11    UP"), d);
    }

    /** Phase 1: protected p2p GRE NHRP spokes (`tunnel destination` the hub); hubKey is the hub's pre-shared key. */
    static Net buildPhase1(String hubKey) {
        Net n = new Net();
        Net.Node isp = n.router("ISP"), hub = n.router("HUB"), s1 = n.router("SPOKE1");
        n.wire(isp, "Gi0/0", hub, "Gi0/0");
        n.wire(isp, "Gi0/1", s1, "Gi0/0");
        isp.config("interface GigabitEthernet0/0", "ip address 172.16.11.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.254 255.255.255.0", "no shutdown");
        String[] hc = crypto().clone();
        hc[5] = "crypto isakmp key " + hubKey + " address 0.0.0.0 0.0.0.0";
        hub.config(hc);
        hub.config("interface GigabitEthernet0/0", "ip address 172.16.11.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.11 255.255.255.0", "ip nhrp authentication cisco",
            "ip nhrp map multicast dynamic", "ip nhrp network-id 1",
            "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "tunnel protection ipsec profile DMVPN",
            "ip route 0.0.0.0 0.0.0.0 172.16.11.254");
        s1.config(crypto());
        s1.config("interface GigabitEthernet0/0", "ip address 172.16.1.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.1 255.255.255.0", "ip nhrp authentication cisco",
            "ip nhrp map 192.168.100.11 172.16.11.1", "ip nhrp map multicast 172.16.11.1", "ip nhrp network-id 1",
            "ip nhrp nhs 192.168.100.11",
            "tunnel source GigabitEthernet0/0", "tunnel destination 172.16.11.1", "tunnel key 100",
            "tunnel protection ipsec profile DMVPN",
            "ip route 0.0.0.0 0.0.0.0 172.16.1.254");
        for (String r : new String[] {"ISP", "HUB", "SPOKE1"}) n.get(r).pending();
        return n;
    }

    @org.junit.jupiter.api.Test
    void protectedP2pGreSpokeShowsIkeUntilItsSasAreUp() {
        Net n = buildPhase1("wrong-key");
        Net.Node s1 = n.get("SPOKE1");
        n.run(60);
        String d = s1.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.11.1      192.168.100.11   IKE"), d);

        n = buildPhase1("cisco123");
        s1 = n.get("SPOKE1");
        n.run(60);
        d = s1.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.11.1      192.168.100.11    UP"), d);
    }

    @org.junit.jupiter.api.Test
    void nhsDetailShowsProtectionSocketRequestedUnderTunnelProtection() {
        Net n = buildPhase1("cisco123");
        n.run(60);
        String nhs = n.get("SPOKE1").exec("show ip nhrp nhs detail");
        assertTrue(nhs.contains(" Protection Socket Requested: TRUE\n"), nhs);
        n.get("SPOKE1").config("interface Tunnel0", "no tunnel protection ipsec profile DMVPN");
        n.get("SPOKE1").pending();
        n.run(1);
        nhs = n.get("SPOKE1").exec("show ip nhrp nhs detail");
        assertTrue(nhs.contains(" Protection Socket Requested: FALSE\n"), nhs);
    }

    /**
     * Protected mGRE keeps a path MTU per NBMA peer through its SAs: with `tunnel path-mtu-discovery`
     * the GRE (and, in transport mode, the ESP) header carries the inner DF, the ISP (`ip mtu 1400`
     * towards SPOKE1) answers the hub's 1500-byte ESP packet with "fragmentation needed", and the
     * hub's flow to 172.16.1.1 learns 1400 (`show crypto ipsec sa`: plaintext mtu 1362, path mtu
     * 1400): towards SPOKE1 1334 bytes with DF pass (1362 less GRE with a key), 1335 get "M", while
     * SPOKE2 still takes 1430, the interface's transport MTU.
     */
    @org.junit.jupiter.api.Test
    void protectedMgreLearnsAPathMtuPerPeerFromItsEsp() {
        Net n = build(2);
        Net.Node hub = n.get("HUB"), isp = n.get("ISP");
        n.run(60);
        hub.config("interface Tunnel0", "tunnel path-mtu-discovery");
        assertTrue(hub.exec("ping 10.0.1.1").contains("!!!!"));
        assertTrue(hub.exec("ping 10.0.2.1").contains("!!!!"));
        assertTrue(hub.exec("show interfaces Tunnel0").contains("  Tunnel transport MTU 1430 bytes\n"));
        isp.config("interface GigabitEthernet0/1", "ip mtu 1400");
        long refused = isp.ip().stats().cannotFragment;
        String first = hub.exec("ping 10.0.1.1 size 1430 df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(refused + 1, isp.ip().stats().cannotFragment, "the ISP refused the ESP packet with DF");
        String sa = hub.exec("show crypto ipsec sa");
        assertTrue(sa.contains("remote crypto endpt.: 172.16.1.1\n     plaintext mtu 1362, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        assertTrue(sa.contains("remote crypto endpt.: 172.16.2.1\n     plaintext mtu 1458, path mtu 1500, ip mtu 1500,"), sa);
        hub.assertDfBoundary("10.0.1.1", 1334);
        String other = hub.exec("ping 10.0.2.1 size 1430 df-bit repeat 2");
        assertTrue(other.contains("!!\nSuccess rate is 100 percent (2/2)"), other);
        assertTrue(hub.exec("show interfaces Tunnel0").contains("  Tunnel transport MTU 1430 bytes\n"));
        assertEquals(refused + 1, isp.ip().stats().cannotFragment, "nothing more reached the ISP too big");
    }
}
