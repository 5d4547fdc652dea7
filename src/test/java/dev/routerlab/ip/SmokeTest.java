package dev.routerlab.ip;

import org.junit.jupiter.api.Test;
import dev.routerlab.link.WireOptions;

class SmokeTest {
    @Test
    void smoke() {
        Net n = Net.greLab(WireOptions.DEFAULT.withDelay(500_000));
        Net.Node r1 = n.get("R1");
        System.out.println(r1.exec("show ip route"));
        System.out.println(r1.exec("ping 10.12.0.2"));
        System.out.println(r1.exec("ping 3.3.3.3 source Loopback0"));
        System.out.println(r1.exec("ping 3.3.3.3"));
        System.out.println(r1.exec("traceroute 3.3.3.3"));
        System.out.println(r1.exec("show interfaces Tunnel0"));
        System.out.println(r1.exec("show ip arp"));
        System.out.println(r1.exec("show ip interface brief"));
        System.out.println(r1.exec("show logging"));
    }
}
