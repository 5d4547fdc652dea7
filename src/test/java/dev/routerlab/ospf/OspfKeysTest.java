package dev.routerlab.ospf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

/** OSPF keys typed as type 7 or written as type 7 (`service password-encryption`), and the reference-bandwidth warning. */
class OspfKeysTest {
    private final Net net = new Net();
    private final Net.Node r1 = net.router("R1"), r2 = net.router("R2");

    OspfKeysTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0");
        r1.config("interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown", "ip ospf 1 area 0",
            "ip ospf network point-to-point", "ip ospf authentication message-digest");
        r2.config("service password-encryption", "interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0",
            "no shutdown", "ip ospf 1 area 0", "ip ospf network point-to-point", "ip ospf authentication message-digest");
    }

    @Test
    void typeSevenMd5KeysMeetClearOnes() {
        // 02050D480809 is type 7 for "cisco"
        r1.config("interface GigabitEthernet0/0", "ip ospf message-digest-key 1 md5 7 02050D480809");
        r2.config("interface GigabitEthernet0/0", "ip ospf message-digest-key 1 md5 cisco");
        assertTrue(r1.exec("show running-config interface GigabitEthernet0/0").contains(" ip ospf message-digest-key 1 md5 7 02050D480809\n"));
        String rc2 = r2.exec("show running-config interface GigabitEthernet0/0");
        assertTrue(rc2.matches("(?s).* ip ospf message-digest-key 1 md5 7 [0-9]{2}[0-9A-F]{10}\n.*"), rc2);
        assertFalse(rc2.contains("cisco"), rc2);
        net.run(30);
        assertTrue(r1.exec("show ip ospf neighbor").contains("FULL/  -"), r1.exec("show ip ospf neighbor"));
        // what R2 wrote reads back as the same key on R1
        String enc = rc2.replaceAll("(?s).* md5 7 ([0-9A-F]+)\n.*", "$1");
        r1.config("interface GigabitEthernet0/0", "no ip ospf message-digest-key 1", "ip ospf message-digest-key 1 md5 7 " + enc);
        r1.exec("clear ip ospf process");
        net.run(30);
        assertTrue(r1.exec("show ip ospf neighbor").contains("FULL/  -"));
    }

    @Test
    void typeSevenSimpleKeyAndBadValues() {
        r1.config("interface GigabitEthernet0/0", "ip ospf authentication", "ip ospf authentication-key 7 02050D480809");
        r2.config("interface GigabitEthernet0/0", "ip ospf authentication", "ip ospf authentication-key cisco");
        net.run(30);
        assertTrue(r2.exec("show ip ospf neighbor").contains("FULL/  -"));
        assertTrue(r1.config("interface GigabitEthernet0/0", "ip ospf authentication-key 7 XYZ").contains("% Invalid input detected at '^' marker."));
        assertTrue(r1.config("interface GigabitEthernet0/0", "ip ospf authentication-key 5 abc").contains("% Invalid input detected at '^' marker."));
    }

    @Test
    void keysTypedBeforeTheServiceBecomeTypeSevenWithTheOtherPasswords() {
        r1.config("interface GigabitEthernet0/0", "ip ospf message-digest-key 1 md5 cisco", "ip ospf message-digest-key 2 md5 other",
            "ip ospf authentication-key simple", "line vty 0 4", "password linepw");
        r2.config("interface GigabitEthernet0/0", "ip ospf message-digest-key 2 md5 other");
        String before = r1.exec("show running-config");
        assertTrue(before.contains(" ip ospf message-digest-key 1 md5 cisco\n") && before.contains(" password linepw\n"), before);
        r1.config("service password-encryption");
        String after = r1.exec("show running-config");
        for (String clear : new String[] {"cisco", "other", "simple", "linepw"}) assertFalse(after.contains(clear), after);
        assertTrue(after.matches("(?s).* ip ospf authentication-key 7 [0-9]{2}[0-9A-F]{12}\n"
            + " ip ospf message-digest-key 1 md5 7 [0-9]{2}[0-9A-F]{10}\n ip ospf message-digest-key 2 md5 7 [0-9]{2}[0-9A-F]{10}\n.*"), after);
        assertTrue(after.matches("(?s).*\n password 7 [0-9]{2}[0-9A-F]{12}\n.*"), after);
        // the keys are the same keys: the adjacency with R2's key 2 (typed clear) forms; turning the service off decrypts nothing
        net.run(30);
        assertTrue(r1.exec("show ip ospf neighbor").contains("FULL/  -"), r1.exec("show ip ospf neighbor"));
        r1.config("no service password-encryption");
        assertTrue(r1.exec("show running-config").contains(after.replaceAll("(?s).*( ip ospf message-digest-key 1 md5 7 \\S+\n).*", "$1")));
        assertFalse(r1.exec("show running-config").contains("cisco"));
    }

    @Test
    void referenceBandwidthWarns() {
        String out = r1.config("router ospf 1", "auto-cost reference-bandwidth 1000");
        assertTrue(out.contains("% OSPF: Reference bandwidth is changed.\n        Please ensure reference bandwidth is consistent across all routers.\n"), out);
    }
}
