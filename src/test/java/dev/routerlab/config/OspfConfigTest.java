package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

/** OSPF's configuration lines round-trip in the form IOS writes them. */
class OspfConfigTest {
    private static String section(String running, String from) {
        int i = running.indexOf(from);
        return running.substring(i, running.indexOf("!\n", i) + 2);
    }

    @Test
    void processLinesRoundTripInIosOrder() {
        String out = RoundTrip.check("""
            router ospf 1
             maximum-paths 2
             default-information originate metric 5 always metric-type 1
             network 10.0.0.0 0.0.0.255 area 0
             redistribute static subnets
             summary-address 192.168.0.0 255.255.0.0
             area 1 range 172.16.0.0 255.255.0.0 not-advertise
             area 1 default-cost 20
             area 1 stub no-summary
             area 0 authentication message-digest
             area 0.0.0.2 authentication
             auto-cost reference-bandwidth 10000
             router-id 1.1.1.1
            """);
        assertEquals("""
            router ospf 1
             router-id 1.1.1.1
             auto-cost reference-bandwidth 10000
             area 0 authentication message-digest
             area 1 stub no-summary
             area 1 default-cost 20
             area 1 range 172.16.0.0 255.255.0.0 not-advertise
             area 0.0.0.2 authentication
             summary-address 192.168.0.0 255.255.0.0
             redistribute static subnets
             network 10.0.0.0 0.0.0.255 area 0
             default-information originate always metric 5 metric-type 1
             maximum-paths 2
            !
            """, section(out, "router ospf 1"));
    }

    @Test
    void interfaceLinesRoundTripInIosOrder() {
        String out = RoundTrip.check("""
            interface GigabitEthernet0/0
             ip address 10.0.0.1 255.255.255.0
             ip ospf 1 area 0.0.0.0
             ip ospf mtu-ignore
             ip ospf cost 30
             ip ospf network non-broadcast
             ip ospf message-digest-key 2 md5 k2
             ip ospf message-digest-key 1 md5 k1
             ip ospf authentication message-digest
            interface GigabitEthernet0/1
             ip address 10.0.1.1 255.255.255.0
             ip ospf network point-to-multipoint
             ip ospf authentication
             ip ospf authentication-key s3cret
            interface GigabitEthernet0/2
             ip ospf authentication null
            """);
        assertEquals("""
            interface GigabitEthernet0/0
             ip address 10.0.0.1 255.255.255.0
             ip ospf authentication message-digest
             ip ospf message-digest-key 1 md5 k1
             ip ospf message-digest-key 2 md5 k2
             ip ospf network non-broadcast
             ip ospf 1 area 0.0.0.0
             ip ospf mtu-ignore
             ip ospf cost 30
            !
            """, section(out, "interface GigabitEthernet0/0"));
        assertTrue(out.contains(" ip ospf authentication\n ip ospf authentication-key s3cret\n ip ospf network point-to-multipoint\n"), out);
        assertTrue(out.contains(" ip ospf authentication null\n"), out);
        // `ip ospf N area X` creates the process, as IOS does
        assertTrue(out.contains("router ospf 1\n!\n"), out);
    }

    @Test
    void iosMessagesAndNoForms() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        r.exec("router ospf 1");
        assertEquals("% OSPF: Backbone can not be configured as stub area\n", r.exec("area 0 stub"));
        r.exec("area 1 stub no-summary");
        r.exec("no area 1 stub no-summary");
        assertTrue(r.running().contains(" area 1 stub\n"));
        r.exec("no area 1 stub");
        assertFalse(r.running().contains("area 1"));
        r.exec("area 2 range 10.2.0.0 255.255.0.0");
        r.exec("area 2 authentication");
        r.exec("no area 2");
        assertFalse(r.running().contains("area 2"));
        r.exec("default-information originate always");
        r.exec("no default-information originate");
        assertFalse(r.running().contains("default-information"));
        r.exec("interface GigabitEthernet0/0");
        r.exec("ip ospf message-digest-key 1 md5 abc");
        assertEquals("OSPF: Key 1 already exists\n", r.exec("ip ospf message-digest-key 1 md5 xyz"));
        r.exec("no ip ospf message-digest-key 1");
        assertFalse(r.running().contains("message-digest-key"));
        r.exec("router eigrp 10");
        assertTrue(r.exec("area 1 stub").contains("% Invalid input"));
    }
}
