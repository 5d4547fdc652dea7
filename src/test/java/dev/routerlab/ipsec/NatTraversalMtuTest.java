package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.FrameTap;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Path-MTU learning for ESP in UDP 4500 (RFC 3948) through PAT:
 * <pre>
 *   R1 Lo0 1.1.1.1 Gi0/0 192.168.12.1 --- Gi0/0 [R2 PAT] Gi0/1 10.23.0.2 --- R3 (ip mtu 1400 towards R4) --- 10.34.0.4 R4 Lo0 4.4.4.4
 *                                        ip nat inside   ip nat outside overload
 * </pre>
 * IKE finds the NAT (RFC 3947 NAT-D) and the SA floats to UDP 4500. R3 refuses a 1500-byte ESP
 * packet with DF and answers "fragmentation needed" (RFC 1191) to R2's global address, quoting the
 * translated packet; R2 translates the error back (RFC 3022 §4.3, RFC 5508 §7) to R1, whose SA then
 * learns path MTU 1400: plaintext 1326 (1400 less IPv4, UDP, ESP, IV, ICV and padding), the DF
 * boundary of the protected path. `crypto ipsec df-bit clear`: R3 fragments the ESP, nothing is learned.
 */
class NatTraversalMtuTest {
    static Net lab() { return lab(null); }

    /** The lab, R2-R3's wire seen by tap (null: none). */
    static Net lab(FrameTap tap) {
        return lab(tap, CryptoLab.cryptoMap("10.34.0.4", "1.1.1.1", "4.4.4.4"), CryptoLab.cryptoMap("10.23.0.2", "4.4.4.4", "1.1.1.1"));
    }

    /** The addressing, PAT on R2, and IPsec on R1 and R4 as given. */
    static Net lab(FrameTap tap, String[] r1Ipsec, String[] r4Ipsec) {
        Net n = new Net();
        Net.Node r1 = n.router("R1"), r2 = n.router("R2"), r3 = n.router("R3"), r4 = n.router("R4");
        n.wire(r1, "Gi0/0", r2, "Gi0/0", CryptoLab.HALF_MS);
        n.wire(r2, "Gi0/1", r3, "Gi0/0", CryptoLab.HALF_MS).capture(tap);
        n.wire(r3, "Gi0/1", r4, "Gi0/0", CryptoLab.HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 192.168.12.1 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 192.168.12.2");
        r2.config("interface GigabitEthernet0/0", "ip address 192.168.12.2 255.255.255.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "ip nat outside", "no shutdown",
            "access-list 1 permit 192.168.12.0 0.0.0.255",
            "ip nat inside source list 1 interface GigabitEthernet0/1 overload",
            "ip route 0.0.0.0 0.0.0.0 10.23.0.3");
        r3.config("interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.34.0.3 255.255.255.0", "no shutdown");
        r4.config("interface Loopback0", "ip address 4.4.4.4 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.34.0.4 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 10.34.0.3");
        r1.config(r1Ipsec);
        r4.config(r4Ipsec);
        for (String r : new String[] {"R1", "R2", "R3", "R4"}) n.get(r).pending();
        r2.exec("ping 192.168.12.1");
        r3.exec("ping 10.23.0.2");
        r3.exec("ping 10.34.0.4");
        return n;
    }

    @ParameterizedTest
    @CsvSource({"copy,true", "set,true", "clear,false"})
    void natTraversalEspLearnsThePathMtuThroughPat(String dfBit, boolean learns) {
        Net n = lab();
        Net.Node r1 = n.get("R1"), r2 = n.get("R2"), r3 = n.get("R3");
        if (!dfBit.equals("copy")) r1.config("crypto ipsec df-bit " + dfBit);
        String out = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(out.contains("!!!!"), out);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("{Tunnel UDP-Encaps, }"), sa);
        assertTrue(sa.contains("plaintext mtu 1422, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        String nat = r2.exec("show ip nat translations");
        assertTrue(nat.contains("udp 10.23.0.2:4500     192.168.12.1:4500  10.34.0.4:4500     10.34.0.4:4500\n"), nat);

        r3.config("interface GigabitEthernet0/1", "ip mtu 1400");
        long frags = r3.router.ip().stats().fragmentsCreated;
        String first = r1.exec("ping 4.4.4.4 source 1.1.1.1 size 1400 repeat 1" + (dfBit.equals("set") ? "" : " df-bit"));
        sa = r1.exec("show crypto ipsec sa");
        if (!learns) {
            assertTrue(first.contains("!\nSuccess rate is 100 percent (1/1)"), first);
            assertTrue(r3.router.ip().stats().fragmentsCreated > frags, "R3 fragmented the ESP packet");
            assertTrue(sa.contains("plaintext mtu 1422, path mtu 1500, ip mtu 1500,"), sa);
            return;
        }
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(frags, r3.router.ip().stats().fragmentsCreated, "R3 refused the ESP packet with DF");
        assertTrue(sa.contains("     plaintext mtu 1326, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        r1.assertDfBoundary("4.4.4.4 source 1.1.1.1", 1326);
        n.run(600);
        assertTrue(r1.exec("show crypto ipsec sa").contains("plaintext mtu 1422, path mtu 1500, ip mtu 1500,"));
    }

    /**
     * IKEv2 finds the NAT too (RFC 7296 §2.23: NAT_DETECTION_*_IP) and its Child SA is UDP-encapsulated
     * from IKE_AUTH on; R1 learns 1400 through R2 as with IKEv1.
     */
    @Test
    void anIkev2ChildSaLearnsThePathMtuThroughPat() {
        Net n = lab(null, Ikev2RouterTest.ikev2("10.34.0.4", "cisco123", Ikev2RouterTest.map("10.34.0.4", "1.1.1.1", "4.4.4.4")),
            Ikev2RouterTest.ikev2("10.23.0.2", "cisco123", Ikev2RouterTest.map("10.23.0.2", "4.4.4.4", "1.1.1.1")));
        Net.Node r1 = n.get("R1");
        n.get("R4").config("crypto ikev2 profile PROF", "match identity remote address 192.168.12.1 255.255.255.255");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        String out = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(out.contains("!!!!!"), out + n.get("R4").pending());
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("{Tunnel UDP-Encaps, }") && sa.contains("plaintext mtu 1422, path mtu 1500,"), sa);
        n.get("R3").config("interface GigabitEthernet0/1", "ip mtu 1400");
        String first = r1.exec("ping 4.4.4.4 source 1.1.1.1 size 1400 df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("     plaintext mtu 1326, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        r1.assertDfBoundary("4.4.4.4 source 1.1.1.1", 1326);
    }

    /**
     * A host behind the initiator, R0 (10.1.0.2, a crypto ACL line of its own): once the SA has
     * learned 1400, R1 answers R0's 1400-byte DF packet with "fragmentation needed" carrying the
     * plaintext MTU, 1326 (RFC 1191, RFC 4301 §8.2.1); 1326 bytes pass, and 1500 bytes without DF
     * are fragmented before encryption into ESP packets that cross R3 whole.
     */
    @Test
    void aHostBehindTheInitiatorHearsThePlaintextMtu() {
        Net n = lab();
        Net.Node r0 = n.router("R0"), r1 = n.get("R1"), r3 = n.get("R3");
        List<byte[]> toR0 = new ArrayList<>();
        n.wire(r0, "Gi0/0", r1, "Gi0/1", CryptoLab.HALF_MS).capture((b, off, len) -> toR0.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        r0.config("interface GigabitEthernet0/0", "ip address 10.1.0.2 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 10.1.0.1");
        r1.config("interface GigabitEthernet0/1", "ip address 10.1.0.1 255.255.255.0", "no shutdown",
            "access-list 101 permit ip 10.1.0.0 0.0.0.255 host 4.4.4.4");
        n.get("R4").config("access-list 101 permit ip host 4.4.4.4 10.1.0.0 0.0.0.255");
        r0.pending();
        r0.exec("ping 4.4.4.4");                            // ARP and the flow's SA
        String out = r0.exec("ping 4.4.4.4");
        assertTrue(out.contains("!!!!!"), out);
        r3.config("interface GigabitEthernet0/1", "ip mtu 1400");
        out = r0.exec("ping 4.4.4.4 size 1400 df-bit repeat 1");
        assertTrue(out.contains("Success rate is 0 percent (0/1)"), out);
        assertTrue(pathMtus(r1).containsValue(1400), r1.exec("show crypto ipsec sa"));
        n.run(1);
        toR0.clear();
        out = r0.exec("ping 4.4.4.4 size 1400 df-bit repeat 1");
        assertTrue(out.contains("M") && out.contains("Success rate is 0 percent (0/1)"), out);
        int heard = 0;
        for (byte[] f : toR0) {
            int ip = Ethernet.HEADER_LEN, at = ip + Ipv4.headerLength(f, ip);
            if (Bytes.u16(f, 12) != 0x0800 || Ipv4.protocol(f, ip) != Ipv4.PROTO_ICMP || Icmp.type(f, at) != Icmp.TYPE_DEST_UNREACHABLE) continue;
            assertEquals(Icmp.CODE_FRAGMENTATION_NEEDED, Icmp.code(f, at));
            assertEquals(Ipv4Address.parse("10.1.0.1"), Ipv4.source(f, ip));
            assertEquals(1326, Icmp.nextHopMtu(f, at));
            heard++;
        }
        assertEquals(1, heard, "R0 heard one \"fragmentation needed\"");
        out = r0.exec("ping 4.4.4.4 size 1326 df-bit");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        long frags = r3.router.ip().stats().fragmentsCreated;
        out = r0.exec("ping 4.4.4.4 size 1500");
        assertTrue(out.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), out);
        assertEquals(frags, r3.router.ip().stats().fragmentsCreated, "R3 fragmented no ESP packet");
    }

    /**
     * Another inside host holds R2's global port 4500 first, so PAT maps R1's 4500 to 4501: R2's
     * translation of R3's error restores the quoted port (RFC 3022 §4.3) and R1's SA learns 1400;
     * R4's SA, towards 10.23.0.2 port 4501, learns from an error about its own packets.
     */
    @Test
    void bothEndsLearnWhenPatMovesTheInitiatorsPort() {
        Net n = lab();
        Net.Node r1 = n.get("R1"), r2 = n.get("R2"), r3 = n.get("R3"), r4 = n.get("R4");
        byte[] keepalive = Udp.buildPacket(Ipv4Address.parse("192.168.12.9"), Ipv4Address.parse("10.34.0.4"), 4500, 4500, 1, 64,
            new byte[] {(byte) 0xff}, 0, 1);                // RFC 3948 §2.3
        r2.ip().inject(r2.iface("Gi0/0"), keepalive, 0, keepalive.length);
        assertTrue(r1.exec("ping 4.4.4.4 source 1.1.1.1").contains("!!!!"));
        String nat = r2.exec("show ip nat translations");
        assertTrue(nat.contains("udp 10.23.0.2:4501     192.168.12.1:4500  10.34.0.4:4500     10.34.0.4:4500\n"), nat);
        assertTrue(r4.exec("show crypto ipsec sa").contains("current_peer 10.23.0.2 port 4501\n"));
        r3.config("interface GigabitEthernet0/0", "ip mtu 1400", "interface GigabitEthernet0/1", "ip mtu 1400");
        for (Net.Node[] ends : new Net.Node[][] {{r1, r4}, {r4, r1}}) {
            String to = ends[1] == r4 ? "4.4.4.4 source 1.1.1.1" : "1.1.1.1 source 4.4.4.4";
            String first = ends[0].exec("ping " + to + " size 1400 df-bit repeat 1");
            assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
            String sa = ends[0].exec("show crypto ipsec sa");
            assertTrue(sa.contains("     plaintext mtu 1326, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
            ends[0].assertDfBoundary(to, 1326);
        }
    }

    /**
     * A protected tunnel through PAT follows its SA's learned path MTU: GRE with ESP in transport
     * mode and `tunnel path-mtu-discovery` (the GRE header carries the inner DF; `Tunnel transport
     * MTU` 1418 at 1500, 1322 at 1400: plaintext 1346 less GRE and its IPv4 header), and a VTI
     * (the plaintext MTU itself, 1422 then 1326).
     */
    @ParameterizedTest
    @CsvSource({"transport,false,1418,1322,1346", "tunnel,true,1422,1326,1326"})
    void aProtectedTunnelThroughPatFollowsItsSasLearnedPathMtu(String mode, boolean vti, int at1500, int at1400, int plain) {
        Net n = lab(null, protectedTunnel("10.34.0.4", "4.4.4.4", mode, vti), protectedTunnel("10.23.0.2", "1.1.1.1", mode, vti));
        Net.Node r1 = n.get("R1");
        if (!vti) r1.config("interface Tunnel0", "tunnel path-mtu-discovery");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        String out = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(out.contains("!!!!!"), out);
        assertTrue(r1.exec("show crypto ipsec sa").contains("{" + (vti ? "Tunnel" : "Transport") + " UDP-Encaps, }"));
        assertTrue(r1.exec("show interfaces Tunnel0").contains("  Tunnel transport MTU " + at1500 + " bytes\n"));
        n.get("R3").config("interface GigabitEthernet0/1", "ip mtu 1400");
        String first = r1.exec("ping 4.4.4.4 source 1.1.1.1 size " + at1500 + " df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("plaintext mtu " + plain + ", path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        String si = r1.exec("show interfaces Tunnel0");
        assertTrue(si.contains("  Tunnel transport MTU " + at1400 + " bytes\n"), si);
        r1.assertDfBoundary("4.4.4.4 source 1.1.1.1", at1400);
    }

    private static String[] protectedTunnel(String peer, String far, String mode, boolean vti) {
        List<String> l = new ArrayList<>(List.of(TunnelProtectionTest.common(peer, mode)));
        l.addAll(List.of("interface Tunnel0", "ip address 172.16.14." + (far.startsWith("4") ? 1 : 2) + " 255.255.255.252",
            "tunnel source GigabitEthernet0/0", "tunnel destination " + peer, vti ? "tunnel mode ipsec ipv4" : "tunnel mode gre ip",
            "tunnel protection ipsec profile P", "ip route " + far + " 255.255.255.255 Tunnel0"));
        return l.toArray(new String[0]);
    }

    /** The lab with a second flow on the same SA ends: R1 Loopback1 11.11.11.11 to 4.4.4.4, crypto map entries 20. */
    static Net twoFlows(FrameTap tap) {
        Net n = lab(tap);
        n.get("R1").config("interface Loopback1", "ip address 11.11.11.11 255.255.255.255",
            "access-list 102 permit ip host 11.11.11.11 host 4.4.4.4",
            "crypto map VPN 20 ipsec-isakmp", "set peer 10.34.0.4", "set transform-set TS", "match address 102");
        n.get("R4").config("access-list 102 permit ip host 4.4.4.4 host 11.11.11.11",
            "crypto map VPN 20 ipsec-isakmp", "set peer 10.23.0.2", "set transform-set TS", "match address 102");
        for (String a : new String[] {"1.1.1.1", "11.11.11.11"}) {
            String out = n.get("R1").exec("ping 4.4.4.4 source " + a);
            assertTrue(out.contains("!!!!"), out);
        }
        assertEquals(Map.of("1.1.1.1", 1500, "11.11.11.11", 1500), pathMtus(n.get("R1")));
        return n;
    }

    /** `show crypto ipsec sa`: each flow's path mtu, by its local ident's address. */
    static Map<String, Integer> pathMtus(Net.Node r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String block : r.exec("show crypto ipsec sa").split("protected vrf")) {
            int id = block.indexOf("local  ident (addr/mask/prot/port): ("), pm = block.indexOf(", path mtu ");
            if (id < 0 || pm < 0) continue;
            String a = block.substring(id + 37, block.indexOf('/', id + 37));
            m.put(a, Integer.parseInt(block.substring(pm + 11, block.indexOf(',', pm + 11))));
        }
        return m;
    }

    /**
     * An IOS hop quotes 64 bits of the datagram (RFC 792), which end with the UDP header: the SPI is
     * not there, and every SA between those UDP ends learns the path MTU (RFC 4301 §8.2.1).
     */
    @Test
    void aQuoteEndingWithTheUdpHeaderLowersEverySaOnThoseEnds() {
        Net n = twoFlows(null);
        Net.Node r1 = n.get("R1");
        n.get("R3").config("interface GigabitEthernet0/1", "ip mtu 1400");
        String first = r1.exec("ping 4.4.4.4 source 11.11.11.11 size 1400 df-bit repeat 1");
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(Map.of("1.1.1.1", 1400, "11.11.11.11", 1400), pathMtus(r1));
        r1.assertDfBoundary("4.4.4.4 source 1.1.1.1", 1326);
        r1.assertDfBoundary("4.4.4.4 source 11.11.11.11", 1326);
    }

    /**
     * A hop that quotes more (RFC 1812 §4.3.2.3, as Linux does) shows what follows the UDP header
     * (RFC 3948 §2.2): an ESP packet's SPI picks its one SA; IKE's zero non-ESP marker is no SA's.
     * The errors, about packets seen on R2-R3's wire, reach R1 through R2's NAT.
     */
    @Test
    void aLongerQuoteNamesTheSaBySpiAndIkeIsNoSas() {
        List<byte[]> wire = new ArrayList<>();
        Net n = twoFlows((b, off, len) -> wire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        Net.Node r1 = n.get("R1");
        int spi11 = 0;
        for (SaPair p : r1.router.ipsec().pairs()) {
            if (p.flow().proxies().local().network() == Ipv4Address.parse("11.11.11.11")) spi11 = p.child().outboundSpi();
        }
        byte[] esp = null, ike = null;
        int global = Ipv4Address.parse("10.23.0.2");
        for (byte[] f : wire) {
            int ip = Ethernet.HEADER_LEN, u = ip + Ipv4.MIN_HEADER_LEN;
            if (Bytes.u16(f, 12) != 0x0800 || Ipv4.source(f, ip) != global || Ipv4.protocol(f, ip) != Ipv4.PROTO_UDP
                    || Udp.sourcePort(f, u) != 4500) continue;
            int first = Bytes.i32(f, u + Udp.HEADER_LEN);
            if (first == 0 && ike == null) ike = f;
            if (first == spi11 && spi11 != 0) esp = f;
        }
        assertTrue(esp != null && ike != null, "R2 sent IKE and ESP from 4500");
        inject(n, ike, 1400);
        assertEquals(Map.of("1.1.1.1", 1500, "11.11.11.11", 1500), pathMtus(r1));
        inject(n, esp, 1400);
        assertEquals(Map.of("1.1.1.1", 1500, "11.11.11.11", 1400), pathMtus(r1));
        r1.assertDfBoundary("4.4.4.4 source 11.11.11.11", 1326);
        r1.assertDfBoundary("4.4.4.4 source 1.1.1.1", 1422);
    }

    /** "Fragmentation needed" from R3 to R2's global address quoting 64 bytes of the frame's packet, into R2's Gi0/1. */
    private static void inject(Net n, byte[] frame, int mtu) {
        Net.Node r2 = n.get("R2");
        int qlen = 64, hl = Ipv4.MIN_HEADER_LEN + Icmp.HEADER_LEN;
        byte[] p = new byte[hl + qlen];
        p[Ipv4.MIN_HEADER_LEN] = (byte) Icmp.TYPE_DEST_UNREACHABLE;
        p[Ipv4.MIN_HEADER_LEN + 1] = (byte) Icmp.CODE_FRAGMENTATION_NEEDED;
        Bytes.put16(p, Ipv4.MIN_HEADER_LEN + 6, mtu);
        System.arraycopy(frame, Ethernet.HEADER_LEN, p, hl, qlen);
        Bytes.put16(p, Ipv4.MIN_HEADER_LEN + 2, Checksum.compute(p, Ipv4.MIN_HEADER_LEN, Icmp.HEADER_LEN + qlen));
        Ipv4.writeHeader(p, 0, 0xc0, p.length, 1, 0, 255, Ipv4.PROTO_ICMP, Ipv4Address.parse("10.23.0.3"), Ipv4Address.parse("10.23.0.2"));
        r2.ip().inject(r2.iface("Gi0/1"), p, 0, p.length);
        n.run(1);                                           // the error reaches R1
    }
}
