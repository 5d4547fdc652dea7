package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.nhrp.NhrpCounters;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.nhrp.Nhrp;
import dev.routerlab.tunnel.Mgre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two DMVPN spokes behind one PAT (IOS's NAT-Transparency Aware DMVPN: NAT-T, transport mode):
 * <pre>
 *   SPOKE1 192.168.1.1 --- Gi0/0 [NAT PAT] Gi0/1 172.16.1.2 --- ISP --- 172.16.11.1 HUB
 *   SPOKE2 192.168.2.1 --- Gi0/2
 *   Tunnel0 192.168.100.0/24: HUB .11 (the NHS), SPOKE1 .1, SPOKE2 .2; spoke to spoke through the hub
 * </pre>
 * Both spokes are 172.16.1.2 to the hub, with the same selectors (GRE between the hub and
 * 172.16.1.2): only the NAT-T port tells them apart (RFC 3947 §5), in IKE, ESP and NHRP.
 */
class DmvpnOnePatTest {
    static final String[] IKEV2 = {
        "crypto ikev2 keyring KR", "peer ANY", "address 0.0.0.0 0.0.0.0", "pre-shared-key cisco123",
        "crypto ikev2 profile PROF", "match identity remote address 0.0.0.0 0.0.0.0",
        "authentication remote pre-share", "authentication local pre-share", "keyring local KR",
        "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "mode transport",
        "crypto ipsec profile DMVPN", "set transform-set TS", "set ikev2-profile PROF"};

    /** The hub's and the spokes' crypto configuration for IKE version 1 or 2. */
    static String[] crypto(int ikeVersion) { return ikeVersion == 1 ? DmvpnIpsecTest.crypto() : IKEV2; }

    /** The lab with this crypto configuration on the hub and the spokes (IKEv1's or {@link #IKEV2}), static routes over the tunnel. */
    static Net lab(String[] crypto) { return lab(crypto, true); }

    /** As {@link #lab(String[])}; without statics, routes over the tunnel are left to a routing protocol. */
    static Net lab(String[] crypto, boolean statics) {
        Net n = new Net();
        Net.Node isp = n.router("ISP"), hub = n.router("HUB"), nat = n.router("NAT");
        Net.Node s1 = n.router("SPOKE1"), s2 = n.router("SPOKE2");
        n.wire(isp, "Gi0/0", hub, "Gi0/0");
        n.wire(isp, "Gi0/1", nat, "Gi0/1");
        n.wire(nat, "Gi0/0", s1, "Gi0/0");
        n.wire(nat, "Gi0/2", s2, "Gi0/0");
        isp.config("interface GigabitEthernet0/0", "ip address 172.16.11.254 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.254 255.255.255.0", "no shutdown");
        nat.config("interface GigabitEthernet0/0", "ip address 192.168.1.254 255.255.255.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/2", "ip address 192.168.2.254 255.255.255.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 172.16.1.2 255.255.255.0", "ip nat outside", "no shutdown",
            "ip nat inside source list 1 interface GigabitEthernet0/1 overload",
            "access-list 1 permit 192.168.0.0 0.0.255.255", "ip route 0.0.0.0 0.0.0.0 172.16.1.254");
        hub.config(crypto);
        hub.config("interface Loopback0", "ip address 10.0.11.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 172.16.11.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.11 255.255.255.0", "ip nhrp authentication cisco",
            "ip nhrp map multicast dynamic", "ip nhrp network-id 1", "ip nhrp holdtime 600",
            "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "tunnel protection ipsec profile DMVPN",
            "ip route 0.0.0.0 0.0.0.0 172.16.11.254");
        if (statics) hub.config("ip route 10.0.1.0 255.255.255.0 192.168.100.1", "ip route 10.0.2.0 255.255.255.0 192.168.100.2");
        for (int i = 1; i <= 2; i++) {
            Net.Node s = n.get("SPOKE" + i);
            s.config(crypto);
            s.config("interface Loopback0", "ip address 10.0." + i + ".1 255.255.255.0",
                "interface GigabitEthernet0/0", "ip address 192.168." + i + ".1 255.255.255.0", "no shutdown",
                "interface Tunnel0", "ip address 192.168.100." + i + " 255.255.255.0", "ip nhrp authentication cisco",
                "ip nhrp map 192.168.100.11 172.16.11.1", "ip nhrp map multicast 172.16.11.1", "ip nhrp network-id 1",
                "ip nhrp holdtime 600", "ip nhrp nhs 192.168.100.11",
                "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
                "tunnel protection ipsec profile DMVPN",
                "ip route 0.0.0.0 0.0.0.0 192.168." + i + ".254");
            if (statics) s.config("ip route 10.0.0.0 255.0.0.0 192.168.100.11");
        }
        for (String r : new String[] {"ISP", "HUB", "NAT", "SPOKE1", "SPOKE2"}) n.get(r).pending();
        isp.exec("ping 172.16.11.1");
        for (String a : new String[] {"172.16.1.254", "192.168.1.1", "192.168.2.1"}) nat.exec("ping " + a);
        return n;
    }

    /**
     * The hub learns each spoke's port from the ESP its registration came in (NHRP's NBMA address is
     * the post-NAT one, RFC 2332 §5.2.3 with Cisco's NAT extension) and sends to each over its own SA
     * pair: both register, ping the hub and each other through it, and both pairs stay.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void bothSpokesRegisterAndKeepTheirSasAtTheHub(int ikeVersion) {
        Net n = lab(crypto(ikeVersion));
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        n.run(60);
        String d = hub.exec("show dmvpn");
        assertTrue(d.contains("Type:Hub, NHRP Peers:2, \n") && d.contains("     1 172.16.1.2        192.168.100.1    UP ")
            && d.contains("     1 172.16.1.2        192.168.100.2    UP "), d);
        for (Net.Node s : new Net.Node[] {s1, s2}) {
            String nhs = s.exec("show dmvpn");
            assertTrue(nhs.contains("     1 172.16.11.1      192.168.100.11    UP "), nhs);
        }
        assertEquals(2, hub.router.ipsec().pairs().size(), hub.exec("show crypto ipsec sa"));
        String[] pings = {s1.exec("ping 10.0.11.1 source Loopback0"), s2.exec("ping 10.0.11.1 source Loopback0"),
            s1.exec("ping 10.0.2.1 source Loopback0"), s2.exec("ping 10.0.1.1 source Loopback0"),
            hub.exec("ping 10.0.1.1"), hub.exec("ping 10.0.2.1")};
        for (String p : pings) assertTrue(p.contains("Success rate is 100 percent (5/5)"), p);
        n.run(60);
        assertEquals(2, hub.router.ipsec().pairs().size(), hub.exec("show crypto ipsec sa"));
        String session = hub.exec("show crypto session");
        String detail = hub.exec("show dmvpn detail");
        for (int port : new int[] {4500, 4501}) {
            if (ikeVersion == 1) assertTrue(detail.contains("  IKEv1 SA: local 172.16.11.1/4500 remote 172.16.1.2/" + port + " Active \n"), detail);
            assertTrue(session.contains("Peer: 172.16.1.2 port " + port + " \n")
                && session.contains("  IKEv" + ikeVersion + " SA: local 172.16.11.1/4500 remote 172.16.1.2/" + port + " Active \n"
                + "  IPSEC FLOW: permit 47 host 172.16.11.1 host 172.16.1.2 \n        Active SAs: 2, origin: crypto map\n"), session);
        }
    }

    /**
     * SPOKE1's SA pair cleared, its ISAKMP SA kept: the hub's traffic to it (NHRP gives its port)
     * brings a pair up over SPOKE1's own ISAKMP SA, though SPOKE2's pair has the same selectors
     * (RFC 3947 §5: another peer's pair does not cover it); also once a configuration change at the
     * hub has recompiled its SPD, which drops flows without SAs: SPOKE1's flow is made again at its
     * port (over IKEv2 too, its Child SA on SPOKE1's own IKE SA).
     */
    @ParameterizedTest
    @CsvSource({"1, false", "1, true", "2, true"})
    void hubRenegotiatesOneSpokesPairBesideTheOthers(int ikeVersion, boolean reconfigured) {
        Net n = lab(crypto(ikeVersion));
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1");
        n.run(60);
        s1.exec("clear crypto sa");
        n.run(1);
        assertEquals(1, hub.router.ipsec().pairs().size(), hub.exec("show crypto ipsec sa"));
        if (reconfigured) hub.config("interface Loopback1", "ip address 10.9.9.9 255.255.255.255");
        hub.exec("ping 10.0.1.1");
        String p = hub.exec("ping 10.0.1.1");
        assertTrue(p.contains("Success rate is 100 percent (5/5)"), p + hub.exec("show crypto isakmp sa"));
        assertEquals(2, hub.router.ipsec().pairs().size(), hub.exec("show crypto ipsec sa"));
    }

    /**
     * SPOKE2's session cleared at the hub, IKE SA and all: the hub's own traffic to SPOKE2 starts
     * IKE (Main Mode, IKE_SA_INIT) at SPOKE2's NAT-T port (172.16.1.2/4501, from 4500), not at port
     * 500, which the PAT maps to SPOKE1 (RFC 3947 §5): SPOKE1 keeps its one IKE SA and pair, SPOKE2 answers.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void hubReachesAClearedSpokeAtItsOwnPort(int ikeVersion) {
        Net n = lab(crypto(ikeVersion));
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        n.run(60);
        hub.exec("clear crypto session remote 172.16.1.2 port 4501");
        hub.exec("ping 10.0.2.1");
        String p = hub.exec("ping 10.0.2.1");
        assertTrue(p.contains("Success rate is 100 percent (5/5)"), p + hub.exec("show crypto isakmp sa"));
        n.run(30);
        assertEquals(1, ikeVersion == 1 ? s1.router.ipsec().ike().isakmpSas().stream().filter(i -> !i.deleted()).count()
            : s1.router.ipsec().ikev2().sas().size(), s1.exec("show crypto isakmp sa") + s1.exec("show crypto ikev2 sa"));
        assertEquals(1, s1.router.ipsec().pairs().size(), s1.exec("show crypto ipsec sa"));
        assertEquals(1, s2.router.ipsec().pairs().size(), s2.exec("show crypto ipsec sa"));
        String session = hub.exec("show crypto session");
        assertTrue(session.contains("  IKEv" + ikeVersion + " SA: local 172.16.11.1/4500 remote 172.16.1.2/4501 Active \n"), session);
    }

    /**
     * The same over IKEv2: the hub asks for SPOKE1's Child SA in a CREATE_CHILD_SA on SPOKE1's own
     * IKE SA (172.16.1.2/4500), not SPOKE2's, whose pair stays alone on its IKE SA. Its selectors
     * name SPOKE1 by its post-NAT address; SPOKE1, behind the PAT, reads its own as its real address
     * (RFC 7296 §2.23.1) and accepts: the pair comes up and pings pass.
     */
    @Test
    void ikev2HubAsksOneSpokeForItsChildSaBesideTheOthers() {
        Net n = lab(IKEV2);
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        n.run(60);
        s1.exec("clear crypto sa");
        n.run(1);
        hub.exec("debug crypto ikev2");
        hub.pending();
        String d = hub.exec("ping 10.0.1.1 repeat 1") + hub.pending();
        assertTrue(d.contains("Sending Packet [To 172.16.1.2:4500/From 172.16.11.1:4500/VRF i0:f0]")
            && d.contains("IKEv2 CREATE_CHILD_SA Exchange REQUEST") && !d.contains("To 172.16.1.2:4501"), d);
        assertEquals(1, s2.router.ipsec().pairs().size(), s2.exec("show crypto ipsec sa"));
        hub.exec("undebug all");
        n.run(1);
        String p = hub.exec("ping 10.0.1.1");
        assertTrue(p.contains("Success rate is 100 percent (5/5)"), p + s1.exec("show crypto ipsec sa"));
        assertEquals(2, hub.router.ipsec().pairs().size(), hub.exec("show crypto ipsec sa"));
        assertEquals(1, s1.router.ipsec().pairs().size(), s1.exec("show crypto ipsec sa"));
        assertEquals(1, s2.router.ipsec().pairs().size(), s2.exec("show crypto ipsec sa"));
        // each end holds the selectors as it sees them: the hub the spokes' post-NAT address, SPOKE1 its own
        for (SaPair pair : hub.router.ipsec().pairs()) {
            assertEquals(Ipv4Address.parse("172.16.1.2"), pair.child.remoteProxy().network(), pair.child.toString());
        }
        SaPair mine = s1.router.ipsec().pairs().get(0);
        assertEquals(Ipv4Address.parse("192.168.1.1"), mine.child.localProxy().network(), mine.child.toString());
        String q = s1.exec("ping 10.0.11.1 source Loopback0");
        assertTrue(q.contains("Success rate is 100 percent (5/5)"), q);
    }

    /**
     * The pair the hub made with SPOKE1 is the hub's to renew at its soft lifetime (90% of 3600 s,
     * less jitter), though SPOKE2's pair, with the same selectors, came up after it: another host
     * behind the PAT does not replace it (RFC 3947 §5).
     */
    @Test
    void hubRekeysOneSpokesPairThoughTheOthersCameUpAfterIt() {
        Net n = lab(DmvpnIpsecTest.crypto());
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        n.run(60);
        s1.exec("clear crypto sa");
        n.run(1);
        hub.exec("ping 10.0.1.1");
        s2.exec("clear crypto sa");
        n.run(1);
        s2.exec("ping 10.0.11.1 source Loopback0");
        String p = s2.exec("ping 10.0.11.1 source Loopback0");
        assertTrue(p.contains("Success rate is 100 percent (5/5)"), p);
        SaPair made = null;
        for (SaPair pair : hub.router.ipsec().pairs()) if (pair.child.initiator()) made = pair;
        assertTrue(made != null && hub.router.ipsec().pairs().size() == 2, hub.exec("show crypto ipsec sa"));
        hub.exec("debug crypto ipsec");
        hub.pending();
        n.run(3290);                    // before SPOKE1's own renewal as the responder (95% less jitter)
        String d = hub.pending();
        assertTrue(d.contains("IPSEC: soft lifetime of SA 0x" + Integer.toHexString(made.child.inboundSpi())), d);
        assertEquals(2, s1.router.ipsec().pairs().size(), s1.exec("show crypto ipsec sa"));
    }

    /**
     * `show dmvpn`'s State per host behind the PAT: SPOKE1's pair cleared, its IKE SA kept, the hub
     * shows SPOKE1's row IPSEC and SPOKE2's UP, though SPOKE2's pair (at the same address) is up.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void showDmvpnStateIsEachHosts(int ikeVersion) {
        Net n = lab(crypto(ikeVersion));
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1");
        n.run(60);
        s1.exec("clear crypto sa");
        n.run(1);
        String d = hub.exec("show dmvpn");
        assertTrue(d.contains("     1 172.16.1.2        192.168.100.1 IPSEC ")
            && d.contains("     1 172.16.1.2        192.168.100.2    UP "), d);
    }

    /**
     * EIGRP over the DMVPN (hub with `no ip split-horizon eigrp`): the hub's hellos and updates to
     * 224.0.0.10 are replicated to each registered host, both spokes behind the PAT getting their copy
     * over their own SA pair (`ip nhrp map multicast dynamic` keyed by NBMA address and NAT-T port):
     * the hub has both as neighbours, and each spoke learns the hub's LAN and the other spoke's.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void eigrpReachesBothSpokesBehindThePat(int ikeVersion) {
        Net n = lab(crypto(ikeVersion), false);
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        hub.config("interface Tunnel0", "no ip split-horizon eigrp 100",
            "router eigrp 100", "network 192.168.100.0 0.0.0.255", "network 10.0.11.0 0.0.0.255");
        for (int i = 1; i <= 2; i++) {
            n.get("SPOKE" + i).config("router eigrp 100", "network 192.168.100.0 0.0.0.255", "network 10.0." + i + ".0 0.0.0.255");
        }
        n.run(60);
        String nb = hub.exec("show ip eigrp neighbors");
        assertTrue(nb.contains("192.168.100.1           Tu0") && nb.contains("192.168.100.2           Tu0"), nb);
        for (int i = 1; i <= 2; i++) {
            Net.Node s = n.get("SPOKE" + i);
            String snb = s.exec("show ip eigrp neighbors"), rt = s.exec("show ip route eigrp");
            assertTrue(snb.contains("192.168.100.11          Tu0"), snb);
            assertTrue(rt.contains("D        10.0.11.0 [90/") && rt.contains("D        10.0." + (3 - i) + ".0 [90/"), rt);
            String p = s.exec("ping 10.0." + (3 - i) + ".1 source Loopback0");
            assertTrue(p.contains("Success rate is 100 percent (5/5)"), p);
        }
        assertEquals(2, hub.router.ipsec().pairs().size(), hub.exec("show crypto ipsec sa"));
    }

    /**
     * OSPF over the DMVPN, as DMVPN labs run it (`ip ospf network broadcast` with the hub the DR and
     * spokes at priority 0, or point-to-multipoint): the hub's hellos and flooding to 224.0.0.5 reach
     * each host behind the PAT over its own SA pair; both adjacencies are FULL and each spoke learns
     * the hub's LAN and the other spoke's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"broadcast", "point-to-multipoint"})
    void ospfReachesBothSpokesBehindThePat(String network) {
        Net n = lab(DmvpnIpsecTest.crypto(), false);
        Net.Node hub = n.get("HUB");
        hub.config("interface Tunnel0", "ip ospf network " + network,
            "router ospf 1", "network 192.168.100.0 0.0.0.255 area 0", "network 10.0.11.0 0.0.0.255 area 0");
        for (int i = 1; i <= 2; i++) {
            n.get("SPOKE" + i).config("interface Tunnel0", "ip ospf network " + network, "ip ospf priority 0",
                "router ospf 1", "network 192.168.100.0 0.0.0.255 area 0", "network 10.0." + i + ".0 0.0.0.255 area 0");
        }
        n.run(90);
        String nb = hub.exec("show ip ospf neighbor");
        assertTrue(nb.contains("10.0.1.1          0   FULL/") && nb.contains("10.0.2.1          0   FULL/"), nb);
        for (int i = 1; i <= 2; i++) {
            Net.Node s = n.get("SPOKE" + i);
            String rt = s.exec("show ip route ospf");
            assertTrue(rt.contains("O        10.0.11.1 [110/") && rt.contains("O        10.0." + (3 - i) + ".1 [110/"), s.exec("show ip ospf neighbor") + rt);
            String p = s.exec("ping 10.0." + (3 - i) + ".1 source Loopback0");
            assertTrue(p.contains("Success rate is 100 percent (5/5)"), p);
        }
    }

    /**
     * Phase 3 between the two hosts behind the PAT: the hub redirects, each spoke resolves the other's
     * LAN, and the hub answers no binding (the target's NBMA address is the requester's, 172.16.1.2,
     * and no NAT here hairpins): no shortcut to the PAT's address, and traffic stays through the hub.
     */
    @Test
    void phase3BetweenHostsBehindThePatStaysThroughTheHub() {
        Net n = lab(DmvpnIpsecTest.crypto());
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2");
        hub.config("interface Tunnel0", "ip nhrp redirect");
        for (Net.Node s : new Net.Node[] {s1, s2}) s.config("interface Tunnel0", "ip nhrp shortcut");
        n.run(60);
        for (int round = 0; round < 2; round++) {
            String p = s1.exec("ping 10.0.2.1 source Loopback0") + s2.exec("ping 10.0.1.1 source Loopback0");
            assertEquals(2, p.split("Success rate is 100 percent \\(5/5\\)", -1).length - 1, p);
            n.run(10);
        }
        NhrpCounters c = Mgre.instances(hub.ip()).get(0).counters();
        assertTrue(c.sent(Nhrp.TYPE_TRAFFIC_INDICATION) >= 2 && c.received(Nhrp.TYPE_RESOLUTION_REQUEST) >= 2
            && c.sent(Nhrp.TYPE_RESOLUTION_REPLY) >= 2, hub.exec("show ip nhrp traffic"));
        for (Net.Node s : new Net.Node[] {s1, s2}) {
            String e = s.exec("show ip nhrp");
            assertTrue(e.contains("Type: incomplete, Flags: negative") && !e.contains("NBMA address: 172.16.1.2"), e);
        }
        String t = s1.exec("traceroute 10.0.2.1 source Loopback0");
        assertTrue(t.contains("  1 192.168.100.11 ") && t.contains("  2 192.168.100.2 "), t);
    }

    /**
     * A third spoke, not behind the PAT, resolves SPOKE2's LAN (phase 3): the hub forwards its
     * Resolution Request to SPOKE2 over SPOKE2's own SA pair (the NAT-T port its registration came
     * from, RFC 3947 §5), not to whichever host behind 172.16.1.2 came up first; SPOKE2 answers and
     * brings up IKE with SPOKE3 from behind the PAT, and SPOKE3 reaches SPOKE2's LAN in one hop.
     */
    @Test
    void hubForwardsAResolutionToTheHostBehindThePatItNames() {
        Net n = lab(DmvpnIpsecTest.crypto());
        Net.Node hub = n.get("HUB"), s1 = n.get("SPOKE1"), s2 = n.get("SPOKE2"), isp = n.get("ISP"), s3 = n.router("SPOKE3");
        n.wire(isp, "Gi0/2", s3, "Gi0/0");
        isp.config("interface GigabitEthernet0/2", "ip address 172.16.3.254 255.255.255.0", "no shutdown");
        s3.config(DmvpnIpsecTest.crypto());
        s3.config("interface Loopback0", "ip address 10.0.3.1 255.255.255.0",
            "interface GigabitEthernet0/0", "ip address 172.16.3.1 255.255.255.0", "no shutdown",
            "interface Tunnel0", "ip address 192.168.100.3 255.255.255.0", "ip nhrp authentication cisco",
            "ip nhrp map 192.168.100.11 172.16.11.1", "ip nhrp map multicast 172.16.11.1", "ip nhrp network-id 1",
            "ip nhrp holdtime 600", "ip nhrp nhs 192.168.100.11", "ip nhrp shortcut",
            "tunnel source GigabitEthernet0/0", "tunnel mode gre multipoint", "tunnel key 100",
            "tunnel protection ipsec profile DMVPN",
            "ip route 0.0.0.0 0.0.0.0 172.16.3.254", "ip route 10.0.0.0 255.0.0.0 192.168.100.11");
        hub.config("ip route 10.0.3.0 255.255.255.0 192.168.100.3", "interface Tunnel0", "ip nhrp redirect");
        n.run(60);
        s3.exec("ping 10.0.2.1 source Loopback0");
        n.run(5);
        long[] requests = new long[3];
        for (int i = 1; i <= 2; i++) {
            requests[i] = Mgre.instances(n.get("SPOKE" + i).ip()).get(0).counters().received(Nhrp.TYPE_RESOLUTION_REQUEST);
        }
        assertTrue(requests[1] == 0 && requests[2] >= 1, "SPOKE1 " + requests[1] + ", SPOKE2 " + requests[2]
            + s1.exec("show ip nhrp traffic") + s2.exec("show ip nhrp traffic"));
        String t = s3.exec("traceroute 10.0.2.1 source Loopback0");
        assertTrue(t.contains("  1 192.168.100.2 ") && !t.contains("192.168.100.11"), t + s3.exec("show dmvpn"));
        assertTrue(s2.exec("show crypto isakmp sa").contains("172.16.3.1      192.168.2.1     QM_IDLE"), s2.exec("show crypto isakmp sa"));
        assertEquals(1, s1.router.ipsec().ike().isakmpSas().stream().filter(i -> !i.deleted()).count(), s1.exec("show crypto isakmp sa"));
    }
}
