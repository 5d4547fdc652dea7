package dev.routerlab.eigrp;

import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.packet.eigrp.EigrpTlv;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.routerlab.eigrp.FakeNet.S;
import static dev.routerlab.eigrp.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Stuck in active (RFC 7868 section 3): a hand-written peer that acknowledges everything and never
 * replies to a Query. R1 sends SIA-Queries every half active-time and resets the peer when one
 * goes unanswered, or after three.
 */
class EigrpSiaTest {
    /** Says hello, completes the INIT exchange, acknowledges every reliable packet; answers SIA-Queries if told to. */
    static final class SilentPeer {
        final FakeNet.Router r;
        final boolean siaReplies;
        long seq = 1;
        boolean initSent;
        int siaQueries;

        SilentPeer(FakeNet net, FakeNet.Router r, boolean siaReplies) {
            this.r = r;
            this.siaReplies = siaReplies;
            r.raw = this::receive;
            hello(net);
        }

        void hello(FakeNet net) {
            r.rawSend(1, Eigrp.MULTICAST_GROUP, Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, 100,
                    List.of(new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15))));
            net.sched.schedule(5 * S, () -> hello(net));
        }

        void receive(int ifaceId, int src, byte[] b) {
            Eigrp.Packet p = Eigrp.parse(b, 0, b.length);
            if (p == null || p.sequence() == 0) return;
            r.rawSend(1, src, Eigrp.build(Eigrp.OP_HELLO, 0, 0, p.sequence(), 0, 100, List.of()));
            if (p.opcode() == Eigrp.OP_UPDATE && p.init() && !initSent) {
                initSent = true;
                r.rawSend(1, src, Eigrp.build(Eigrp.OP_UPDATE, Eigrp.FLAG_INIT, seq++, 0, 0, 100, List.of()));
            }
            if (p.opcode() == Eigrp.OP_SIA_QUERY) {
                // count those about R2's LAN (the R1-R2 subnet itself is active too)
                if (p.tlvs().stream().anyMatch(t -> t instanceof EigrpTlv.InternalRoute q && q.prefix() == ip("10.2.0.0"))) siaQueries++;
                if (siaReplies) r.rawSend(1, src, Eigrp.build(Eigrp.OP_SIA_REPLY, 0, seq++, 0, 0, 100, p.tlvs()));
            }
        }
    }

    static FakeNet.Router[] topology(FakeNet net) {
        FakeNet.Router r1 = net.router("R1"), r2 = net.router("R2"), x = net.router("X");
        r1.iface(1, "FastEthernet0/0", "10.0.12.1", 24, "r1-r2", 100_000, 10);
        r2.iface(1, "FastEthernet0/0", "10.0.12.2", 24, "r1-r2", 100_000, 10);
        r2.lan(2, "FastEthernet0/1", "10.2.0.1", 24, 100_000, 10);
        r1.iface(3, "FastEthernet0/3", "10.0.19.1", 24, "r1-x", 100_000, 10);
        x.rawPort(1, "FastEthernet0/0", "10.0.19.9", "r1-x");
        return new FakeNet.Router[]{r1, r2, x};
    }

    @Test
    void unansweredSiaQueryResetsTheNeighbour() {
        FakeNet net = new FakeNet();
        FakeNet.Router[] t = topology(net);
        FakeNet.Router r1 = t[0];
        SilentPeer x = new SilentPeer(net, t[2], false);
        net.run(15 * S);
        assertEquals(2, r1.eigrp.neighbors().stream().filter(EigrpInstance.NeighborView::up).count());
        assertNotNull(r1.route("10.2.0.0", 24));
        net.linkDown("r1-r2");
        net.run(80 * S);
        assertTrue(r1.eigrp.topology(ip("10.2.0.0"), 24).active(), "waiting for X's Reply");
        assertEquals(0, x.siaQueries);
        net.run(20 * S);
        assertEquals(1, x.siaQueries, "a SIA-Query at half the active time (90 s)");
        net.run(90 * S);
        assertTrue(r1.log.contains("%DUAL-3-SIA: Route 10.2.0.0/24 stuck-in-active state in IP-EIGRP(0) 100.  Cleaning up"), r1.log.toString());
        assertTrue(r1.log.contains("%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.19.9 (FastEthernet0/3) is down: stuck in active"), r1.log.toString());
        EigrpInstance.TopologyView v = r1.eigrp.topology(ip("10.2.0.0"), 24);
        assertTrue(v == null || !v.active());
        assertNull(r1.route("10.2.0.0", 24));
    }

    @Test
    void siaRepliesKeepTheNeighbourUpToThreeSiaQueries() {
        FakeNet net = new FakeNet();
        FakeNet.Router[] t = topology(net);
        FakeNet.Router r1 = t[0];
        SilentPeer x = new SilentPeer(net, t[2], true);
        net.run(15 * S);
        net.linkDown("r1-r2");
        net.run(200 * S);
        assertEquals(2, x.siaQueries);
        assertTrue(r1.log.stream().noneMatch(l -> l.contains("stuck in active")), "SIA-Replies keep it: " + r1.log);
        assertTrue(r1.eigrp.topology(ip("10.2.0.0"), 24).active());
        net.run(170 * S);
        assertEquals(3, x.siaQueries);
        assertTrue(r1.log.stream().anyMatch(l -> l.contains("10.0.19.9 (FastEthernet0/3) is down: stuck in active")), r1.log.toString());
    }
}
