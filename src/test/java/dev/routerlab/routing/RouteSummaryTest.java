package dev.routerlab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

/** `show ip route summary` in IOS 15's layout, counted from the table; `show file systems`. */
class RouteSummaryTest {
    @Test
    void countsRoutesPerSourceAsNetworksOrSubnets() {
        Net n = Net.greLab(dev.routerlab.link.WireOptions.DEFAULT);
        Net.Node r2 = n.get("R2"), r3 = n.get("R3");
        r2.config("router ospf 1", "network 10.23.0.0 0.0.0.255 area 0", "ip route 192.168.0.0 255.255.0.0 10.12.0.1");
        r3.config("router ospf 1", "network 10.23.0.0 0.0.0.255 area 0", "network 3.3.3.3 0.0.0.0 area 0");
        n.run(60);
        assertEquals("""
            IP routing table name is default (0x0)
            IP routing table maximum-paths is 32
            Route Source    Networks    Subnets     Replicates  Overhead    Memory (bytes)
            connected       0           4           0           272         720
            static          1           0           0           68          180
            application     0           0           0           0           0
            ospf 1          0           1           0           68          180
              Intra-area: 1 Inter-area: 0 External-1: 0 External-2: 0
              NSSA External-1: 0 NSSA External-2: 0
            internal        2                                               920
            Total           3           5           0           408         2000
            """, r2.exec("show ip route summary"));
    }

    @Test
    void fileSystemsListFlashAndNvram() {
        Net n = new Net();
        Net.Node r = n.router("R1");
        String out = r.exec("show file systems");
        assertEquals("""
            File Systems:

                   Size(b)       Free(b)      Type  Flags  Prefixes
                         -             -    opaque     rw   system:
            *   2142715904    2142715904      disk     rw   flash0: flash:
                    262144        262049     nvram     rw   nvram:
            """, out);
    }
}
