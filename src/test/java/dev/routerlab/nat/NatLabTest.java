package dev.routerlab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;
import org.junit.jupiter.api.Test;

/** H1 (192.168.1.10) - NAT (inside Gi0/0, outside Gi0/1 203.0.113.1) - SRV (203.0.113.9), in virtual time. */
class NatLabTest {
    final Net net = new Net();
    final Net.Node h1 = net.router("H1"), nat = net.router("NAT"), srv = net.router("SRV");

    NatLabTest() {
        net.wire(h1, "Gi0/0", nat, "Gi0/0");
        net.wire(nat, "Gi0/1", srv, "Gi0/0");
        h1.config("interface GigabitEthernet0/0", "ip address 192.168.1.10 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 192.168.1.1");
        nat.config("interface GigabitEthernet0/0", "ip address 192.168.1.1 255.255.255.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 203.0.113.1 255.255.255.0", "ip nat outside", "no shutdown",
            "access-list 1 permit 192.168.1.0 0.0.0.255");
        srv.config("interface GigabitEthernet0/0", "ip address 203.0.113.9 255.255.255.0", "no shutdown");
        net.run(5);
        h1.pending();
        nat.pending();
        srv.pending();
    }

    void pat() { nat.config("ip nat inside source list 1 interface GigabitEthernet0/1 overload"); }

    @Test
    void withoutNatTheServerCannotAnswerAndWithPatItCan() {
        assertTrue(h1.exec("ping 203.0.113.9").contains("Success rate is 0 percent"));
        pat();
        h1.exec("ping 203.0.113.9");
        assertTrue(h1.exec("ping 203.0.113.9").contains("!!!!!\nSuccess rate is 100 percent (5/5)"));
        String t = nat.exec("show ip nat translations");
        assertTrue(t.startsWith("Pro Inside global      Inside local       Outside local      Outside global\n"), t);
        assertTrue(Pattern.compile("(?m)^icmp 203\\.0\\.113\\.1:(\\d+) +192\\.168\\.1\\.10:\\1 +203\\.0\\.113\\.9:\\1 +203\\.0\\.113\\.9:\\1$")
            .matcher(t).find(), t);
        String s = nat.exec("show ip nat statistics");
        assertTrue(s.contains("Outside interfaces:\n  GigabitEthernet0/1\nInside interfaces: \n  GigabitEthernet0/0\n"), s);
        assertTrue(s.contains("[Id: 1] access-list 1 interface GigabitEthernet0/1 refcount "), s);
        assertTrue(Pattern.compile("Hits: [1-9]\\d*  Misses: [1-9]").matcher(s).find(), s);
        // the server saw the inside global address, never the inside local one
        assertTrue(srv.exec("show ip arp").contains("203.0.113.1 "));
    }

    @Test
    void icmpEntriesExpireAfterTheIcmpTimeoutAndClearRemovesDynamicOnes() {
        pat();
        nat.config("ip nat inside source static 192.168.1.20 203.0.113.50", "ip nat translation icmp-timeout 30");
        h1.exec("ping 203.0.113.9");
        NatEngine e = nat.router.nat();
        assertTrue(e.extendedCount() > 0);
        net.run(20);
        assertTrue(e.extendedCount() > 0, "still within 30 s");
        net.run(20);
        assertEquals(0, e.extendedCount());
        assertEquals(0, e.bindings());
        assertEquals("Pro Inside global      Inside local       Outside local      Outside global\n"
            + "--- 203.0.113.50       192.168.1.20       ---                ---\n", nat.exec("show ip nat translations"));
        assertTrue(nat.exec("show ip nat statistics").startsWith("Total active translations: 1 (1 static, 0 dynamic; 0 extended)\n"));
        h1.exec("ping 203.0.113.9");
        assertTrue(e.extendedCount() > 0);
        nat.exec("clear ip nat translation *");
        assertEquals(1, e.size(), "only the static entry is left");
    }

    @Test
    void staticMappingLetsTheOutsideReachTheInsideHostAndAnswersArp() {
        nat.config("ip nat inside source static 192.168.1.10 203.0.113.50");
        srv.exec("ping 203.0.113.50");
        assertTrue(srv.exec("ping 203.0.113.50").contains("!!!!!"));
        String t = nat.exec("show ip nat translations verbose");
        assertTrue(t.contains("icmp 203.0.113.50:"), t);
        assertTrue(t.contains("--- 203.0.113.50       192.168.1.10       ---                ---\n"), t);
        assertTrue(t.contains("    flags: \nstatic, use_count: 2, entry-id: 1, lc_entries: 0\n"), t);
        assertTrue(t.contains("timeout:60000, left 00:0"), t);
        // the inside host answers from its own address, seen outside as the static global
        assertTrue(h1.exec("ping 203.0.113.9").contains("!!!!!"));
    }

    @Test
    void patKeepsTheInsidePortAndMovesTheSecondHostToTheNextFreeOne() {
        pat();
        IpInterface in = nat.iface("Gi0/0");
        int server = Ipv4Address.parse("203.0.113.9");
        for (String host : new String[] {"192.168.1.10", "192.168.1.11"}) {
            byte[] p = Udp.buildPacket(Ipv4Address.parse(host), server, 500, 500, 1, 64, new byte[20], 0, 20);
            nat.ip().inject(in, p, 0, p.length);
        }
        net.run(1);
        String t = nat.exec("show ip nat translations");
        assertTrue(t.contains("udp 203.0.113.1:500    192.168.1.10:500   203.0.113.9:500    203.0.113.9:500\n"), t);
        assertTrue(t.contains("udp 203.0.113.1:501    192.168.1.11:500   203.0.113.9:500    203.0.113.9:500\n"), t);
        net.run(301);
        assertEquals(0, nat.router.nat().size(), "udp-timeout 300 s");
    }

    @Test
    void aPatBoundUdpPortTakesDatagramsFromAnyOutsideEndpointButTcpDoesNot() {
        pat();
        int host = Ipv4Address.parse("192.168.1.10"), server = Ipv4Address.parse("203.0.113.9");
        int other = Ipv4Address.parse("203.0.113.77"), global = Ipv4Address.parse("203.0.113.1");
        byte[] out = Udp.buildPacket(host, server, 4500, 4500, 1, 64, new byte[20], 0, 20);
        nat.ip().inject(nat.iface("Gi0/0"), out, 0, out.length);
        net.run(1);
        // RFC 4787 endpoint-independent filtering: another peer reaches the mapped port (NAT-T between spokes)
        byte[] in = Udp.buildPacket(other, global, 4500, 4500, 2, 64, new byte[20], 0, 20);
        nat.ip().inject(nat.iface("Gi0/1"), in, 0, in.length);
        net.run(1);
        String t = nat.exec("show ip nat translations");
        assertTrue(t.contains("udp 203.0.113.1:4500   192.168.1.10:4500  203.0.113.9:4500   203.0.113.9:4500\n"), t);
        assertTrue(t.contains("udp 203.0.113.1:4500   192.168.1.10:4500  203.0.113.77:4500  203.0.113.77:4500\n"), t);
        // a global port never bound takes nothing
        byte[] stray = Udp.buildPacket(other, global, 4500, 4501, 3, 64, new byte[20], 0, 20);
        nat.ip().inject(nat.iface("Gi0/1"), stray, 0, stray.length);
        net.run(1);
        assertEquals(2, nat.router.nat().extendedCount(), nat.exec("show ip nat translations"));
    }

    @Test
    void debugIpNatShowsEachTranslation() {
        pat();
        assertEquals("IP NAT debugging is on\n", nat.exec("debug ip nat"));
        h1.exec("ping 203.0.113.9");
        h1.exec("ping 203.0.113.9");
        String log = nat.pending();
        assertTrue(Pattern.compile("NAT\\*?: s=192\\.168\\.1\\.10->203\\.0\\.113\\.1, d=203\\.0\\.113\\.9 \\[\\d+\\]").matcher(log).find(), log);
        assertTrue(Pattern.compile("NAT\\*: s=203\\.0\\.113\\.9, d=203\\.0\\.113\\.1->192\\.168\\.1\\.10 \\[\\d+\\]").matcher(log).find(), log);
        assertEquals("IP NAT debugging is off\n", nat.exec("undebug ip nat"));
    }

    @Test
    void runningConfigRoundTrips() {
        nat.config("ip nat pool P 203.0.113.100 203.0.113.110 netmask 255.255.255.0",
            "ip nat inside source list 1 pool P overload",
            "ip nat inside source static tcp 192.168.1.10 80 203.0.113.1 8080",
            "ip nat translation udp-timeout never", "ip nat translation tcp-timeout 3600");
        String rc = nat.exec("show running-config");
        assertTrue(rc.contains("""
            ip nat translation udp-timeout never
            ip nat translation tcp-timeout 3600
            ip nat pool P 203.0.113.100 203.0.113.110 netmask 255.255.255.0
            ip nat inside source list 1 pool P overload
            ip nat inside source static tcp 192.168.1.10 80 203.0.113.1 8080
            """), rc);
        assertTrue(rc.contains("interface GigabitEthernet0/0\n ip address 192.168.1.1 255.255.255.0\n"), rc);
        assertTrue(rc.contains(" ip nat inside\n"), rc);
        assertTrue(nat.config("ip nat pool Q 10.0.0.9 10.0.0.1 netmask 255.255.255.0").contains("% End address less than start address"));
        assertTrue(nat.config("ip nat inside source static 192.168.1.30 203.0.113.77",
            "ip nat inside source static 192.168.1.31 203.0.113.77").contains("% 203.0.113.77 already mapped (192.168.1.30 -> 203.0.113.77)"));
        nat.config("no ip nat inside source list 1 pool P overload", "interface Gi0/0", "no ip nat inside");
        rc = nat.exec("show running-config");
        assertFalse(rc.contains("source list"), rc);
        assertFalse(rc.contains(" ip nat inside\n"), rc);
    }

    @Test
    void dynamicPoolWithoutOverloadGivesEachHostItsOwnAddress() {
        nat.config("ip nat pool P 203.0.113.100 203.0.113.101 prefix-length 24", "ip nat inside source list 1 pool P");
        h1.exec("ping 203.0.113.9");
        assertTrue(h1.exec("ping 203.0.113.9").contains("!!!!!"));
        String t = nat.exec("show ip nat translations");
        assertTrue(t.contains("--- 203.0.113.100      192.168.1.10       ---                ---\n"), t);
        String s = nat.exec("show ip nat statistics");
        assertTrue(s.contains("""
            [Id: 1] access-list 1 pool P refcount 1
             pool P: netmask 255.255.255.0
            \tstart 203.0.113.100 end 203.0.113.101
            \ttype generic, total addresses 2, allocated 1 (50%), misses 0
            """), s);
        assertTrue(InterfaceName.parse("Gi0/1") != null);
    }
}
