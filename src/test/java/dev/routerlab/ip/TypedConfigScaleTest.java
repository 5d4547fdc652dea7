package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

/**
 * Typing interfaces one line at a time is linear: each interface-mode command reconciles only
 * its interface, and the routing table is built when next used, not after every line (before:
 * every line rebuilt the table over every interface, 117 s for 10,000 loopbacks).
 */
class TypedConfigScaleTest {
    @Test
    void twoThousandLoopbacksTypedDoNotRebuildTheTablePerLine() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        long before = r.router.ip().ribBuilds();
        int n = 2000;
        for (int i = 0; i < n; i++) {
            String out = r.exec("interface Loopback" + i);
            assertEquals("*Mar  1 00:00:00.000: %LINEPROTO-5-UPDOWN: Line protocol on Interface Loopback" + i
                + ", changed state to up\n", out);
            r.exec("ip address 10." + (i >> 8) + "." + (i & 255) + ".1 255.255.255.255");
        }
        long builds = r.router.ip().ribBuilds() - before;
        assertTrue(builds <= 2, "routing table built " + builds + " times for " + 2 * n + " lines");
        r.exec("end");
        String route = r.exec("show ip route 10.7.207.1");
        assertTrue(route.contains("directly connected, via Loopback1999"), route);
        assertTrue(r.exec("ping 10.0.5.1").contains("!!!!!"));
        // a shut interface leaves the table when it is next read
        r.execAll("conf t", "interface Loopback5", "shutdown", "end");
        assertTrue(!r.exec("show ip route").contains("10.0.5.1 is directly connected"));
    }
}
