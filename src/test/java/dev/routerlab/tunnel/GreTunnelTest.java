package dev.routerlab.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.PacketError;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** The tunnel's own state machines: RFC 2890 sequencing, key matching, Cisco keepalives. */
class GreTunnelTest {
    private final VirtualScheduler clock = new VirtualScheduler(0);
    private final List<byte[]> sent = new ArrayList<>();
    private int changes;
    private final GreTunnel t = new GreTunnel(InterfaceName.parse("Tunnel0"), clock, new GreTunnel.Host() {
        @Override public void sendKeepalive(GreTunnel g, byte[] p) { sent.add(p); }

        @Override public void keepaliveChanged(GreTunnel g) { changes++; }

        @Override public int nextIpId() { return 1; }
    });
    private final InterfaceConfig cfg = new InterfaceConfig(InterfaceName.parse("Tunnel0"));

    private static byte[] gre(int flags, long key, long seq) {
        byte[] b = new byte[16];
        Gre.writeHeader(b, 0, flags, Gre.PROTO_IPV4, key, seq, 0);
        return b;
    }

    @Test
    void sequenceNumbersMustIncreaseInSerialArithmetic() {
        cfg.tunnelSequenceDatagrams = true;
        t.configure(cfg);
        assertEquals(Gre.FLAG_SEQUENCE, t.flags());
        assertEquals(0, t.nextSequence());
        assertEquals(1, t.nextSequence());
        assertTrue(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 10), 0));
        assertFalse(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 10), 0), "a duplicate");
        assertFalse(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 9), 0), "late");
        assertFalse(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 0xfffffff0L), 0), "2^32 - 16 is before 10 in serial arithmetic");
        assertTrue(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 0x70000000L), 0));
        assertTrue(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 0xe0000000L), 0));
        assertTrue(t.accept(gre(Gre.FLAG_SEQUENCE, 0, 5), 0), "after the wrap");
        assertFalse(t.accept(gre(0, 0, 0), 0), "no sequence number at all");
        assertEquals(4, t.outOfOrder());
    }

    @Test
    void keysMustMatch() {
        assertTrue(t.matchesKey(gre(0, 0, 0), 0));
        assertFalse(t.matchesKey(gre(Gre.FLAG_KEY, 5, 0), 0));
        cfg.tunnelKey = 5L;
        cfg.tunnelChecksum = true;
        t.configure(cfg);
        assertTrue(t.matchesKey(gre(Gre.FLAG_KEY, 5, 0), 0));
        assertFalse(t.matchesKey(gre(Gre.FLAG_KEY, 6, 0), 0));
        assertFalse(t.matchesKey(gre(0, 0, 0), 0));
        assertEquals(20 + 12, t.overhead());
        assertFalse(t.accept(gre(Gre.FLAG_KEY, 5, 0), 0), "checksum configured but absent");
    }

    @Test
    void keepalivesGoDownAfterTheRetriesAndComeBackOnAReply() {
        cfg.keepalivePeriod = 10;
        cfg.keepaliveRetries = 3;
        cfg.tunnelDestination = 0x0a000002;
        t.configure(cfg);
        t.setSource(0x0a000001);
        t.keepalives(true);
        clock.advance(35_000_000_000L);
        assertEquals(3, sent.size());
        assertFalse(t.keepaliveDown());
        clock.advance(5_000_000_000L);
        assertTrue(t.keepaliveDown(), "the fourth period without a reply");
        assertEquals(1, changes);
        byte[] k = sent.get(0);
        assertEquals(PacketError.OK, Ipv4.check(k, 0, k.length));
        assertEquals(Ipv4.PROTO_GRE, Ipv4.protocol(k, 0));
        int inner = 20 + 4;
        assertEquals(0x0a000002, Ipv4.source(k, inner), "the inner packet comes back from the far end");
        assertEquals(Gre.PROTO_KEEPALIVE, Gre.protocolType(k, inner + 20));
        t.keepaliveReceived();
        assertFalse(t.keepaliveDown());
        assertEquals(2, changes);
        t.keepalives(false);
        int n = sent.size();
        clock.advance(60_000_000_000L);
        assertEquals(n, sent.size(), "stopped");
    }
}
