package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

class GlobalConfigTest {
    @Test
    void globalCommandsRoundTrip() {
        String out = RoundTrip.check("""
            hostname R1
            enable secret cisco
            username admin privilege 15 secret admin123
            username bob password 0 bobpw
            username carol secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
            banner motd #Authorized access only#
            no service timestamps debug
            service timestamps log datetime msec localtime show-timezone year
            service password-encryption
            no ip domain-lookup
            ip domain name lab.local
            """);
        assertTrue(out.contains("hostname R1\n"), out);
        assertTrue(out.matches("(?s).*\nenable secret 5 \\$1\\$[./0-9A-Za-z]{4}\\$[./0-9A-Za-z]{22}\n.*"), out);
        assertTrue(out.contains("username carol secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"), out);
        // typed before `service password-encryption`, which then rewrote it as type 7 (as IOS does)
        assertTrue(out.contains("username bob password 7 " + Secrets.encodeType7("bobpw") + "\n"), out);
        assertTrue(out.contains("banner motd ^CAuthorized access only^C\n"), out);
        assertTrue(out.contains("no service timestamps debug\nservice timestamps log datetime msec localtime show-timezone year\n"), out);
        assertTrue(out.contains("no ip domain lookup\nip domain name lab.local\n"), out);
    }

    @Test
    void interfaceCommandsRoundTrip() {
        String out = RoundTrip.check("""
            interface Loopback0
             description router id
             ip address 1.1.1.1 255.255.255.255
            interface GigabitEthernet0/0
             ip address 10.0.12.1 255.255.255.0
             ip address 10.9.9.1 255.255.255.0 secondary
             no shutdown
             bandwidth 10000
             no keepalive
             crypto map CMAP
            interface Tunnel0
             ip address 172.16.0.1 255.255.255.0
             ip mtu 1400
             ip tcp adjust-mss 1360
             keepalive 10 3
             tunnel source GigabitEthernet0/0
             tunnel destination 10.0.23.3
             tunnel key 100
             tunnel protection ipsec profile PROF shared
            interface Tunnel1
             ip address 192.168.100.1 255.255.255.0
             ip nhrp authentication cisco
             ip nhrp map 192.168.100.11 172.17.0.11
             ip nhrp map multicast 172.17.0.11
             ip nhrp map multicast dynamic
             ip nhrp network-id 1
             ip nhrp holdtime 300
             ip nhrp nhs 192.168.100.11 nbma 172.17.0.11 multicast
             ip nhrp registration no-unique
             ip nhrp registration timeout 60
             ip nhrp shortcut
             ip nhrp redirect
             tunnel source 10.0.12.1
             tunnel mode gre multipoint
            interface Tunnel2
             tunnel mode ipsec ipv4
             shutdown
            """);
        assertTrue(out.contains("""
            interface Tunnel0
             ip address 172.16.0.1 255.255.255.0
             ip mtu 1400
             ip tcp adjust-mss 1360
             keepalive 10 3
             tunnel source GigabitEthernet0/0
             tunnel destination 10.0.23.3
             tunnel key 100
             tunnel protection ipsec profile PROF shared
            !
            """), out);
        int lo = out.indexOf("interface Loopback0"), tu = out.indexOf("interface Tunnel0"), gi = out.indexOf("interface GigabitEthernet0/0");
        assertTrue(lo < tu && tu < gi, "IOS order: Loopback, Tunnel, then ports");
    }

    @Test
    void noFormsRemoveWhatTheySay() {
        TestRouter r = new TestRouter();
        r.load("""
            interface Tunnel0
             ip address 172.16.0.1 255.255.255.0
             tunnel source GigabitEthernet0/0
             tunnel destination 10.0.0.2
             tunnel key 5
            interface Loopback9
            """);
        r.execAll("conf t", "interface Tunnel0", "no tunnel key", "no tunnel destination", "no ip address",
            "no interface Loopback9", "end");
        String out = r.running();
        assertTrue(out.contains("interface Tunnel0\n no ip address\n tunnel source GigabitEthernet0/0\n!"), out);
        assertTrue(!out.contains("Loopback9"), out);
    }

    @Test
    void badConfigLinesAreReportedWithLineNumbersAndTheRestLoads() {
        TestRouter r = new TestRouter();
        List<String> errors = r.load("""
            hostname R7
            interface Loopback0
             ip address 7.7.7.7 255.255.255.255
             ip adress 7.7.7.8 255.255.255.255
            interface GigabitEthernet0/9
            bogus command here
            ip domain name x.y
            interface Loopback1
             ip address 10.1.1.1 255.0.255.0
            hostname
            """);
        assertEquals(List.of(
            "line 4: ip adress 7.7.7.8 255.255.255.255: % Invalid input detected at '^' marker.",
            "line 5: interface GigabitEthernet0/9: % Invalid input detected at '^' marker.",
            "line 6: bogus command here: % Invalid input detected at '^' marker.",
            "line 9: ip address 10.1.1.1 255.0.255.0: % Bad mask 0xFF00FF00 for address 10.1.1.1",
            "line 10: hostname: % Incomplete command."), errors);
        assertEquals("R7", r.config().hostname);
        assertEquals("x.y", r.config().domainName);
        assertEquals(2, r.config().interfaces.keySet().stream().filter(n -> n.type() == InterfaceName.Type.LOOPBACK).count());
    }

    @Test
    void overlappingAddressesAreRefused() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "interface Gi0/0", "no shutdown", "ip address 10.0.0.1 255.255.255.0", "interface Gi0/1", "no shutdown");
        assertEquals("% 10.0.0.0 overlaps with GigabitEthernet0/0\n", r.exec("ip address 10.0.0.2 255.255.255.0"));
    }
}
