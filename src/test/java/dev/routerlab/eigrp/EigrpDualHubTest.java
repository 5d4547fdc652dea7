package dev.routerlab.eigrp;

import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.packet.eigrp.EigrpTlv;
import org.junit.jupiter.api.Test;

import static dev.routerlab.eigrp.EigrpInstanceTest.metric;
import static dev.routerlab.eigrp.FakeNet.S;
import static dev.routerlab.eigrp.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.*;

/** The dual-hub DMVPN design at engine level: HUB1 preferred by tunnel delay, HUB2 the feasible successor. */
class EigrpDualHubTest {
    static final long TU_BW = 1000;

    static FakeNet dualHub() {
        FakeNet net = new FakeNet();
        net.nbma.add("tun1");
        net.nbma.add("tun2");
        FakeNet.Router h1 = net.router("HUB1"), h2 = net.router("HUB2"), s = net.router("SPOKE");
        h1.iface(1, "Tunnel0", "10.0.1.1", 24, "tun1", TU_BW, 1000);
        h2.iface(1, "Tunnel1", "10.0.2.1", 24, "tun2", TU_BW, 2000);
        s.iface(1, "Tunnel0", "10.0.1.2", 24, "tun1", TU_BW, 1000);
        s.iface(2, "Tunnel1", "10.0.2.2", 24, "tun2", TU_BW, 2000);
        h1.iface(2, "FastEthernet0/0", "10.100.0.1", 24, "dc", 100_000, 10);
        h2.iface(2, "FastEthernet0/0", "10.100.0.2", 24, "dc", 100_000, 10);
        s.lan(3, "FastEthernet0/0", "192.168.1.1", 24, 100_000, 10);
        return net;
    }

    @Test
    void hub1PreferredByDelayHub2TakesOverOnHoldTimeAndHub1ComesBack() {
        FakeNet net = dualHub();
        FakeNet.Router s = net.routers.get("SPOKE"), h1 = net.routers.get("HUB1");
        net.run(20 * S);
        long viaHub1 = metric(TU_BW, 10, 1000), viaHub2 = metric(TU_BW, 10, 2000);
        EigrpRoute r = s.route("10.100.0.0", 24);
        assertEquals(viaHub1, r.metric());
        assertEquals(ip("10.0.1.1"), r.nextHops().get(0).address());
        EigrpInstance.PathView fs = s.eigrp.topology(ip("10.100.0.0"), 24).paths().stream()
                .filter(p -> p.address() == ip("10.0.2.1")).findFirst().orElseThrow();
        assertTrue(fs.feasibleSuccessor());
        assertEquals(viaHub2, fs.distance());

        // HUB1 dies silently
        net.filter = (from, to, dst, b) -> from.router() == h1 || to.router() == h1;
        s.sent.clear();
        net.run(16 * S);
        assertTrue(s.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.1.1 (Tunnel0) is down: holding time expired"), s.log.toString());
        r = s.route("10.100.0.0", 24);
        assertEquals(viaHub2, r.metric());
        assertEquals(ip("10.0.2.1"), r.nextHops().get(0).address());
        assertTrue(s.sent.stream().filter(p -> p.opcode() == Eigrp.OP_QUERY).map(p -> Eigrp.parse(p.packet(), 0, p.packet().length))
                .flatMap(p -> p.tlvs().stream()).noneMatch(t -> t instanceof EigrpTlv.InternalRoute q && q.prefix() == ip("10.100.0.0")),
                "the feasible successor took over without a query");
        // HUB2 reaches the spoke's LAN directly
        assertEquals(ip("10.0.2.2"), net.routers.get("HUB2").route("192.168.1.0", 24).nextHops().get(0).address());

        // HUB1 comes back
        net.filter = (from, to, dst, b) -> false;
        net.run(20 * S);
        r = s.route("10.100.0.0", 24);
        assertEquals(viaHub1, r.metric());
        assertEquals(ip("10.0.1.1"), r.nextHops().get(0).address());
    }

    @Test
    void changingTheTunnelDelayMovesTheRoute() {
        FakeNet net = dualHub();
        FakeNet.Router s = net.routers.get("SPOKE");
        net.run(20 * S);
        assertEquals(ip("10.0.1.1"), s.route("10.100.0.0", 24).nextHops().get(0).address());
        // `delay 500` on Tunnel1
        s.eigrp.addInterface(s.ifaces.get(2).withBandwidthDelay(TU_BW, 500));
        net.run(1 * S);
        EigrpRoute r = s.route("10.100.0.0", 24);
        assertEquals(metric(TU_BW, 10, 500), r.metric());
        assertEquals(ip("10.0.2.1"), r.nextHops().get(0).address());
    }
}
