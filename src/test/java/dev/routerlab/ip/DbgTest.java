package dev.routerlab.ip;
import org.junit.jupiter.api.Test;
import dev.routerlab.link.WireOptions;
class DbgTest {
    @Test void dbg() {
        Net net = Net.greLab(WireOptions.DEFAULT.withDelay(500_000));
        Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");
        System.out.println(r1.config("ip route 10.23.0.3 255.255.255.255 Tunnel0"));
        net.run(60);
        System.out.println("PENDING:" + r1.pending());
        System.out.println(r1.exec("ping 3.3.3.3"));
        System.out.println(r1.config("no ip route 10.23.0.3 255.255.255.255 Tunnel0"));
        System.out.println("=========== keepalive");
        net = Net.greLab(WireOptions.DEFAULT.withDelay(500_000));
        r1 = net.get("R1"); r2 = net.get("R2"); r3 = net.get("R3");
        r1.config("interface Tunnel0", "keepalive 10 3");
        r3.config("interface Tunnel0", "keepalive 10 3");
        net.run(60);
        System.out.println("R1:" + r1.pending());
        System.out.println(r2.config("interface GigabitEthernet0/1", "shutdown"));
        net.run(0);
        System.out.println("R3:" + r3.pending());
        for (int i = 0; i < 6; i++) { net.run(10); System.out.println(net.clock.nanos()/1e9 + " R1:" + r1.pending() + " R3:" + r3.pending()); }
        System.out.println(r1.exec("show interfaces Tunnel0"));
    }
}
