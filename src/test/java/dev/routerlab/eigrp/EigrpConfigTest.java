package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.config.RoundTrip;
import org.junit.jupiter.api.Test;

/** The EIGRP commands round-trip in IOS form and order; bad forms get the IOS errors. */
class EigrpConfigTest {
    @Test
    void eigrpConfigurationRoundTripsInIosOrder() {
        String out = RoundTrip.check("""
            key chain EIGRP-KEYS
             key 1
              key-string s3cr3t
             key 2
            interface Loopback0
             ip address 1.1.1.1 255.255.255.255
            interface Tunnel0
             bandwidth 1000
             ip address 10.0.0.1 255.255.255.0
             ip mtu 1400
             ip authentication mode eigrp 100 md5
             ip authentication key-chain eigrp 100 EIGRP-KEYS
             ip hello-interval eigrp 100 10
             ip hold-time eigrp 100 30
             no ip next-hop-self eigrp 100
             ip nhrp network-id 1
             ip tcp adjust-mss 1360
             no ip split-horizon eigrp 100
             ip summary-address eigrp 100 192.168.0.0 255.255.0.0
             delay 1000
             tunnel source GigabitEthernet0/0
             tunnel mode gre multipoint
            router eigrp 100
             metric weights 0 1 0 1 0 0
             variance 2
             network 10.0.0.0 0.0.0.255
             network 192.168.1.0
             redistribute static metric 10000 100 255 1 1500
             redistribute connected
             passive-interface Loopback0
             maximum-paths 2
             eigrp router-id 1.1.1.1
             eigrp stub connected summary
            """);
        assertTrue(out.contains("""
            key chain EIGRP-KEYS
             key 1
              key-string s3cr3t
             key 2
            !
            """), out);
        assertTrue(out.contains("""
            interface Tunnel0
             bandwidth 1000
             ip address 10.0.0.1 255.255.255.0
             ip mtu 1400
             ip authentication mode eigrp 100 md5
             ip authentication key-chain eigrp 100 EIGRP-KEYS
             ip hello-interval eigrp 100 10
             ip hold-time eigrp 100 30
             no ip next-hop-self eigrp 100
             ip nhrp network-id 1
             ip tcp adjust-mss 1360
             no ip split-horizon eigrp 100
             ip summary-address eigrp 100 192.168.0.0 255.255.0.0
             delay 1000
             tunnel source GigabitEthernet0/0
             tunnel mode gre multipoint
            """), out);
        assertTrue(out.contains("""
            router eigrp 100
             variance 2
             network 10.0.0.0 0.0.0.255
             network 192.168.1.0
             redistribute connected
             redistribute static metric 10000 100 255 1 1500
             passive-interface Loopback0
             maximum-paths 2
             eigrp router-id 1.1.1.1
             eigrp stub connected summary
            !
            """), out);
    }

    @Test
    void modesAndErrors() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        r.exec("key chain K");
        assertEquals("Router(config-keychain)#", r.session.prompt());
        r.exec("key 1");
        assertEquals("Router(config-keychain-key)#", r.session.prompt());
        r.exec("key-string abc");
        r.exec("key 2");
        assertEquals("Router(config-keychain-key)#", r.session.prompt());
        r.exec("router eigrp 1");
        assertTrue(r.exec("redistribute static metric 1000 10").contains("% Incomplete command."));
        assertTrue(r.exec("eigrp stub receive-only connected").contains("% Invalid input detected at '^' marker."));
        r.exec("eigrp stub");
        r.exec("end");
        assertTrue(r.running().contains(" eigrp stub connected summary\n"), r.running());
        assertTrue(r.running().contains("key chain K\n key 1\n  key-string abc\n key 2\n"), r.running());
    }
}
