package dev.routerlab.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `show running-config all`: the defaults IOS shows for what is modelled, and it loads back to the same configuration. */
class RunningConfigAllTest {
    private static TestRouter configured() {
        TestRouter r = new TestRouter();
        r.execAll("configure terminal", "hostname R1", "no cdp run", "interface GigabitEthernet0/0",
            "ip address 10.0.12.1 255.255.255.0", "no shutdown", "duplex half", "no cdp enable",
            "interface GigabitEthernet0/1", "ip address 10.0.13.1 255.255.255.0", "no shutdown",
            "interface Loopback0", "ip address 1.1.1.1 255.255.255.255", "end");
        return r;
    }

    @Test
    void showsTheDefaults() {
        TestRouter r = configured();
        String all = r.exec("show running-config all");
        assertTrue(all.startsWith("Building configuration...\n\nCurrent configuration : "), all);
        assertTrue(all.contains("!\nip domain lookup\n!\n"), all);
        assertTrue(all.contains("cdp timer 60\ncdp holdtime 180\ncdp advertise-v2\nno cdp run\n!\n"), all);
        assertTrue(all.contains("""
            interface GigabitEthernet0/0
             ip address 10.0.12.1 255.255.255.0
             no shutdown
             duplex half
             speed auto
             keepalive 10
             no cdp enable
            !
            interface GigabitEthernet0/1
             ip address 10.0.13.1 255.255.255.0
             no shutdown
             duplex auto
             speed auto
             keepalive 10
             cdp enable
            !
            """), all);
        assertTrue(all.contains("interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n no shutdown\n!\n"), all);
        assertEquals("""
            interface GigabitEthernet0/1
             ip address 10.0.13.1 255.255.255.0
             no shutdown
             duplex auto
             speed auto
             keepalive 10
             cdp enable
            """, r.exec("show running-config all | section interface GigabitEthernet0/1"));
        assertTrue(r.exec("show running-config all interface GigabitEthernet0/1").endsWith(" cdp enable\nend\n"));
        assertTrue(!r.exec("show running-config").contains("\n cdp enable\n"), "the plain form hides defaults");
    }

    @Test
    void loadsBackToTheSameConfiguration() {
        TestRouter r = configured();
        String all = r.shell.runningAll();
        TestRouter copy = new TestRouter();
        assertEquals(List.of(), copy.load(all));
        assertEquals(r.running(), copy.running());
    }
}
