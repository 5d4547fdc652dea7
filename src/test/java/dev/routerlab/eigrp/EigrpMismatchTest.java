package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** What a student who mismatches two EIGRP routers sees, through the CLI over a GRE tunnel: K values, AS, authentication. */
class EigrpMismatchTest {
    private static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);
    private static final String KMISMATCH = "%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 172.16.0.2 (Tunnel0) is down: K-value mismatch";

    /** R1 and R3 over a GRE tunnel across R2, EIGRP `as1` on R1 and `as3` on R3. */
    private static Net.Node[] tunnelPair(Net net, int as1, int as3) {
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        net.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "ip route 10.23.0.0 255.255.255.0 10.12.0.2",
            "interface Tunnel0", "ip address 172.16.0.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.23.0.3",
            "router eigrp " + as1, "network 172.16.0.0 0.0.0.3", "network 1.1.1.1 0.0.0.0");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "ip route 10.12.0.0 255.255.255.0 10.23.0.2",
            "interface Tunnel0", "ip address 172.16.0.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 10.12.0.1",
            "router eigrp " + as3, "network 172.16.0.0 0.0.0.3", "network 3.3.3.3 0.0.0.0");
        return new Net.Node[] {r1, r2, r3};
    }

    private static int count(String log, String line) {
        int n = 0;
        for (int at = log.indexOf(line); at >= 0; at = log.indexOf(line, at + 1)) n++;
        return n;
    }

    /**
     * `metric weights` on one side: IOS takes its neighbours down ("metric changed"), then logs
     * "K-value mismatch" for every hello of the other router and never forms the adjacency; the
     * same weights on both sides bring it back.
     */
    @Test
    void kValueMismatchNeverFormsTheAdjacency() {
        Net net = new Net();
        Net.Node[] r = tunnelPair(net, 1, 1);
        Net.Node r1 = r[0], r3 = r[2];
        net.run(30);
        assertTrue(r1.exec("show ip eigrp neighbors").contains("172.16.0.2"));
        r1.pending();
        r3.pending();
        String typed = r1.config("router eigrp 1", "metric weights 0 1 0 1 0 1");
        assertTrue(typed.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 172.16.0.2 (Tunnel0) is down: metric changed"), typed);
        net.run(30);
        String log1 = r1.pending(), log3 = r3.pending();
        assertTrue(count(log1, KMISMATCH) >= 4, "one line per hello heard (every 5 s): " + log1);
        assertTrue(log3.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 172.16.0.1 (Tunnel0) is down: K-value mismatch"), log3);
        assertFalse(log1.contains("is up: new adjacency") || log3.contains("is up: new adjacency"), log1 + log3);
        assertTrue(r1.exec("show ip eigrp neighbors").endsWith("Cnt Num\n"));
        assertFalse(r1.exec("show ip route").contains("3.3.3.3"));
        assertTrue(r1.exec("show ip protocols").contains("  Metric weight K1=1, K2=0, K3=1, K4=0, K5=1"));
        assertTrue(r1.exec("show running-config | section router eigrp").contains(" metric weights 0 1 0 1 0 1\n"));
        r3.config("router eigrp 1", "metric weights 0 1 0 1 0 1");
        net.run(30);
        assertTrue(r1.pending().contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 172.16.0.2 (Tunnel0) is up: new adjacency"));
        assertTrue(r1.exec("show ip route eigrp").contains("3.3.3.3"));
    }

    /** Another AS: the hellos are dropped in silence (no log line on IOS), no neighbour either side. */
    @Test
    void asMismatchIsSilent() {
        Net net = new Net();
        Net.Node[] r = tunnelPair(net, 1, 2);
        net.run(30);
        for (Net.Node n : new Net.Node[] {r[0], r[2]}) {
            assertFalse(n.pending().contains("%DUAL"));
            assertTrue(n.exec("show ip eigrp neighbors").endsWith("Cnt Num\n"));
        }
        assertTrue(r[0].router.eigrp().processes().get(1).instance().counters().asMismatch > 0);
    }

    /**
     * MD5 on one side only: the authenticating side drops every packet (no neighbour); the other
     * side hears its hellos, brings the neighbour up, never gets its updates acknowledged, and
     * flaps on "retry limit exceeded", as IOS does.
     */
    @Test
    void authenticationOnOneSideFlapsTheOther() {
        Net net = new Net();
        Net.Node[] r = tunnelPair(net, 1, 1);
        Net.Node r1 = r[0], r3 = r[2];
        r1.config("key chain K", "key 1", "key-string secret",
            "interface Tunnel0", "ip authentication mode eigrp 1 md5", "ip authentication key-chain eigrp 1 K");
        net.run(120);
        String log1 = r1.pending(), log3 = r3.pending();
        assertFalse(log1.contains("is up"), log1);
        assertTrue(r1.exec("show ip eigrp neighbors").endsWith("Cnt Num\n"));
        assertTrue(r1.router.eigrp().processes().get(1).instance().counters().authFailures > 0);
        assertTrue(log3.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 172.16.0.1 (Tunnel0) is down: retry limit exceeded"), log3);
        assertFalse(r3.exec("show ip route").contains("1.1.1.1"));
    }
}
