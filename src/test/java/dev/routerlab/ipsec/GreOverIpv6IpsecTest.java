package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Udp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GRE over IPv6 protected by IPsec, as IOS does it: `tunnel mode gre ipv6` with `tunnel protection
 * ipsec profile`, IKEv2 over UDP/IPv6 (IDs ID_IPV6_ADDR, traffic selectors TS_IPV6_ADDR_RANGE
 * for GRE between the tunnel ends) and ESP in IPv6 (next header 50), R1 and R3 across an
 * IPv6-only R2; IPv4 and IPv6 inside the tunnel.
 */
class GreOverIpv6IpsecTest {
    static String[] crypto(String peer, String mode) {
        return new String[] {
            "crypto ikev2 proposal P1", "encryption aes-cbc-256", "integrity sha256", "group 14",
            "crypto ikev2 policy POL", "proposal P1",
            "crypto ikev2 keyring KR", "peer R", "address " + peer + "/128", "pre-shared-key cisco123",
            "crypto ikev2 profile PROF", "match identity remote address " + peer + "/128",
            "authentication remote pre-share", "authentication local pre-share", "keyring local KR",
            "crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac", "mode " + mode,
            "crypto ipsec profile IPP", "set transform-set TS", "set ikev2-profile PROF",
            "interface Tunnel0", "tunnel protection ipsec profile IPP"};
    }

    /** R1 Gi0/0 2001:DB8:12::1 - R2 - 2001:DB8:23::3 R3 Gi0/0, Tunnel0 protected; R1-R2's wire in wire. */
    static Net lab(List<byte[]> wire, String mode) {
        Net net = dev.routerlab.tunnel.GreOverIpv6Lab.lab(new Net(),
                (b, off, len) -> wire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        net.get("R1").config(crypto("2001:DB8:23::3", mode));
        net.get("R3").config(crypto("2001:DB8:12::1", mode));
        net.run(5);
        net.get("R1").exec("ping ipv6 2001:DB8:23::3");            // the underlay's ND
        return net;
    }

    @Test
    void ikev2AndEspOverIpv6CarryIpv4AndIpv6() {
        List<byte[]> wire = new ArrayList<>();
        Net net = lab(wire, "transport");
        Net.Node r1 = net.get("R1"), r3 = net.get("R3");
        String p4 = r1.exec("ping 3.3.3.3 source Loopback0");
        assertTrue(p4.contains("Success rate is"), p4);
        p4 = r1.exec("ping 3.3.3.3 source Loopback0");
        assertTrue(p4.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p4);
        String p6 = r1.exec("ping ipv6 2001:DB8:3::3");
        assertTrue(p6.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p6);

        assertEquals(1, r1.router.ipsec().pairs().size());
        SaPair a = r1.router.ipsec().pairs().get(0), b = r3.router.ipsec().pairs().get(0);
        assertEquals(a.child().outboundSpi(), b.child().inboundSpi());
        assertTrue(a.out().counters().encaps() >= 10 && b.in().counters().decaps() >= 10);
        assertTrue(b.out().counters().encaps() >= 10 && a.in().counters().decaps() >= 10);

        int esp = 0, ike = 0;
        for (byte[] f : wire) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) != 0x86dd) continue;
            int nh = Ipv6.nextHeader(f, 14);
            assertTrue(nh != Ipv6.NH_GRE, "no GRE in clear");
            if (nh == Ipv6.NH_ESP) esp++;
            if (nh == Ipv6.NH_UDP && Udp.destinationPort(f, 14 + Ipv6.HEADER_LEN) == 500) ike++;
        }
        assertTrue(esp >= 20 && ike >= 4, esp + " ESP and " + ike + " IKE packets over IPv6");

        String sa = r1.exec("show crypto ikev2 sa");
        assertTrue(sa.contains("IPv4 Crypto IKEv2 SA \n\n IPv6 Crypto IKEv2 SA \n\n"
            + "Tunnel-id    fvrf/ivrf              Status\n"
            + "1          none/none             READY\n"
            + "Local  2001:DB8:12::1/500\nRemote  2001:DB8:23::3/500\n"
            + "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n"), sa);
        String detail = r3.exec("show crypto ikev2 sa detail");
        assertTrue(detail.contains("      Local id: 2001:DB8:23::3\n      Remote id: 2001:DB8:12::1\n"), detail);
        String session = r1.exec("show crypto ikev2 session");
        assertTrue(session.contains(" IPv6 Crypto IKEv2 Session \n\nSession-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1"), session);
        assertTrue(session.contains("Child sa: local selector  2001:DB8:12::1/0 - 2001:DB8:12::1/65535\n"
            + "          remote selector 2001:DB8:23::3/0 - 2001:DB8:23::3/65535\n"), session);
        String cs = r1.exec("show crypto session");
        assertTrue(cs.contains("Interface: Tunnel0\nProfile: PROF\nSession status: UP-ACTIVE     \n"
            + "Peer: 2001:DB8:23::3 port 500 \n  Session ID: 1  \n"
            + "  IKEv2 SA: local 2001:DB8:12::1/500\n          remote 2001:DB8:23::3/500 Active \n"
            + "  IPSEC FLOW: permit 47 host 2001:DB8:12::1 host 2001:DB8:23::3 \n"
            + "        Active SAs: 2, origin: crypto map\n"), cs);
        String ipsec = r3.exec("show crypto ipsec sa");
        assertTrue(ipsec.contains("interface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr 2001:DB8:23::3\n"), ipsec);
        assertTrue(ipsec.contains("   local  ident (addr/prefixlen/prot/port): (2001:DB8:23::3/128/47/0)\n"
            + "   remote ident (addr/prefixlen/prot/port): (2001:DB8:12::1/128/47/0)\n"
            + "   current_peer 2001:DB8:12::1 port 500\n"), ipsec);
        assertTrue(ipsec.contains("     local crypto endpt.: 2001:DB8:23::3,\n      remote crypto endpt.: 2001:DB8:12::1\n"), ipsec);
        assertTrue(ipsec.contains("in use settings ={Transport, }"), ipsec);
    }

    @Test
    void tunnelModeWrapsTheGrePacketInANewIpv6Header() {
        List<byte[]> wire = new ArrayList<>();
        Net net = lab(wire, "tunnel");
        Net.Node r1 = net.get("R1");
        r1.exec("ping ipv6 2001:DB8:3::3");
        String p6 = r1.exec("ping ipv6 2001:DB8:3::3");
        assertTrue(p6.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p6);
        String p4 = r1.exec("ping 3.3.3.3 source Loopback0");
        assertTrue(p4.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p4);
        SaPair a = r1.router.ipsec().pairs().get(0);
        assertTrue(a.out().counters().encaps() >= 10 && a.in().counters().decaps() >= 10);
        String ipsec = r1.exec("show crypto ipsec sa");
        assertTrue(ipsec.contains("in use settings ={Tunnel, }"), ipsec);
    }

    @Test
    void greInClearIsDroppedOnAProtectedTunnel() {
        List<byte[]> wire = new ArrayList<>();
        Net net = lab(wire, "transport");
        Net.Node r1 = net.get("R1"), r3 = net.get("R3");
        r3.config("interface Tunnel0", "no tunnel protection ipsec profile IPP");
        net.run(2);
        String p4 = r3.exec("ping 1.1.1.1");
        assertTrue(p4.contains("Success rate is 0 percent (0/5)"), p4);
        assertTrue(r1.router.ipsec().clearDropped() >= 1);
        assertTrue(r1.exec("show logging").contains("%CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /2001:DB8:12::1, src_addr= 2001:DB8:23::3, prot= 47"),
            r1.exec("show logging"));
        for (byte[] f : wire) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) == 0x86dd && Ipv6.nextHeader(f, 14) == Ipv6.NH_GRE) {
                assertTrue(Ipv6.source(f, 14).toString().equals("2001:DB8:23::3"), "only R3, unprotected now, sends GRE in clear");
                assertTrue(Gre.protocolType(f, 14 + Ipv6.HEADER_LEN) >= 0);
            }
        }
    }

    @Test
    void runningConfigKeepsTheIpv6Lines() {
        Net net = lab(new ArrayList<>(), "transport");
        String rc = net.get("R1").exec("show running-config");
        assertTrue(rc.contains("crypto ikev2 keyring KR\n peer R\n  address 2001:DB8:23::3/128\n  pre-shared-key cisco123\n"), rc);
        assertTrue(rc.contains(" match identity remote address 2001:DB8:23::3/128 \n"), rc);
        assertTrue(rc.contains(" tunnel protection ipsec profile IPP\n"), rc);
    }

    @Test
    void anIpv6VtiCarriesIpv6InEspTunnelMode() {
        List<byte[]> wire = new ArrayList<>();
        Net net = dev.routerlab.tunnel.GreOverIpv6Lab.lab(new Net(),
                (b, off, len) -> wire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        Net.Node r1 = net.get("R1"), r3 = net.get("R3");
        String[] r1c = crypto("2001:DB8:23::3", "tunnel");
        String[] r3c = crypto("2001:DB8:12::1", "tunnel");
        r1.config(java.util.Arrays.copyOf(r1c, r1c.length - 2));
        r3.config(java.util.Arrays.copyOf(r3c, r3c.length - 2));
        r1.config("interface Tunnel1", "ipv6 address 2001:DB8:113::1/64", "tunnel source GigabitEthernet0/0",
                "tunnel destination 2001:DB8:23::3", "tunnel mode ipsec ipv6", "tunnel protection ipsec profile IPP", "exit",
                "ipv6 route 2001:DB8:33::/64 Tunnel1");
        r3.config("interface Loopback1", "ipv6 address 2001:DB8:33::3/64",
                "interface Tunnel1", "ipv6 address 2001:DB8:113::3/64", "tunnel source GigabitEthernet0/0",
                "tunnel destination 2001:DB8:12::1", "tunnel mode ipsec ipv6", "tunnel protection ipsec profile IPP");
        net.run(5);
        r1.exec("ping ipv6 2001:DB8:23::3");
        r1.exec("ping ipv6 2001:DB8:33::3");
        String p6 = r1.exec("ping ipv6 2001:DB8:33::3");
        assertTrue(p6.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p6);
        String intf = r1.exec("show interfaces Tunnel1");
        assertTrue(intf.contains("Tunnel1 is up, line protocol is up"), intf);
        assertTrue(intf.contains("  Tunnel protocol/transport IPSEC/IPV6\n"), intf);
        String ipsec = r3.exec("show crypto ipsec sa");
        assertTrue(ipsec.contains("interface: Tunnel1\n"), ipsec);
        assertTrue(ipsec.contains("   local  ident (addr/prefixlen/prot/port): (::/0/0/0)\n"), ipsec);
        assertTrue(ipsec.contains("in use settings ={Tunnel, }"), ipsec);
        String cs = r1.exec("show crypto session");
        assertTrue(cs.contains("  IPSEC FLOW: permit ipv6 ::/0 ::/0 \n"), cs);
        String rc = r1.exec("show running-config interface Tunnel1");
        assertTrue(rc.contains(" tunnel mode ipsec ipv6\n"), rc);
        for (byte[] f : wire) {
            if (((f[12] & 0xff) << 8 | f[13] & 0xff) == 0x86dd) {
                assertTrue(Ipv6.nextHeader(f, 14) != Ipv6.NH_ICMPV6 || !Ipv6.destination(f, 14).toString().startsWith("2001:DB8:33"),
                        "nothing for R3's loopback in clear");
            }
        }
    }

    /**
     * IPv6 is not fragmented on the way: the tunnel's MTU leaves room for ESP, as over IPv4 (IOS's
     * transport MTU): the plaintext MTU (esp-256-aes esp-sha-hmac, transport: 1462) less GRE/IPv6 (44).
     */
    @Test
    void theTunnelMtuLeavesRoomForEsp() {
        Net net = lab(new ArrayList<>(), "transport");
        Net.Node r1 = net.get("R1");
        r1.exec("ping 3.3.3.3 source Loopback0");
        String v6 = r1.exec("show ipv6 interface Tunnel0");
        assertTrue(v6.contains("  MTU is 1418 bytes\n"), v6);
        String big = r1.exec("ping ipv6 2001:DB8:3::3 size 1418 repeat 2");
        assertTrue(big.contains("!!\nSuccess rate is 100 percent (2/2)"), big);
        // R1's own packet over the MTU: fragmented at its source (RFC 8200 §4.5), each fragment one ESP packet
        long fragmented = r1.router.ipv6().stats().fragmented;
        String over = r1.exec("ping ipv6 2001:DB8:3::3 size 1419 repeat 2");
        assertTrue(over.contains("!!\nSuccess rate is 100 percent (2/2)"), over);
        assertEquals(fragmented + 2, r1.router.ipv6().stats().fragmented);
        String frag = r1.exec("ping 3.3.3.3 size 3000 repeat 2");
        assertTrue(frag.contains("!!\nSuccess rate is 100 percent (2/2)"), "IPv4 fragmented before encapsulation\n" + frag);
        String intf = r1.exec("show interfaces Tunnel0");
        assertTrue(intf.contains("  Tunnel transport MTU 1418 bytes\n"), intf);
    }
}
