package dev.routerlab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Tcp;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Test;

/**
 * 200,000 random and mutated segments (most with a valid checksum, so they reach the state
 * machines) into an engine with listeners and open connections: nothing escapes, the TCB table
 * stays bounded, and every TCB is gone once the timers have run out.
 */
class TcpFuzzTest {
    static final int US = Ipv4Address.parse("10.0.0.1");

    @Test
    void mutatedSegmentsNeverThrowAndStateStaysBounded() {
        VirtualScheduler clock = new VirtualScheduler(0);
        List<byte[]> sent = new ArrayList<>();
        TcpEngine tcp = new TcpEngine(new TcpEngine.Network() {
            @Override public boolean send(byte[] p, int off, int len) {
                if (sent.size() < 4096) sent.add(java.util.Arrays.copyOfRange(p, off, off + len));
                return true;
            }

            @Override public int sourceFor(int dst) { return US; }

            @Override public int nextIpId() { return 1; }
        }, clock, new SplittableRandom(1));
        TcpHandler echo = new TcpHandler() {
            @Override public void received(Tcb c, byte[] d) { c.write(d); }
        };
        tcp.listen(23, c -> echo);
        tcp.listen(80, c -> echo);
        SplittableRandom r = new SplittableRandom(42);
        int peers = 8;
        for (int i = 0; i < 200_000; i++) {
            byte[] seg;
            if (!sent.isEmpty() && r.nextInt(3) == 0) {
                seg = answer(sent.get(r.nextInt(sent.size())), r);   // plausible replies to what we sent
            } else {
                seg = segment(r, Ipv4Address.parse("10.0.1.0") + r.nextInt(peers), r.nextBoolean() ? 23 : r.nextInt(65536),
                    r.nextInt(), r.nextInt(), r.nextInt(256), r.nextInt(64));
            }
            if (r.nextInt(10) == 0) seg[r.nextInt(seg.length)] ^= (byte) (1 << r.nextInt(8));   // then a bad checksum mostly
            if (r.nextInt(20) == 0) seg = java.util.Arrays.copyOf(seg, 20 + r.nextInt(seg.length - 19));
            if (Ipv4.check(seg, 0, seg.length) != dev.routerlab.packet.PacketError.OK) continue;
            tcp.receive(seg, 0, seg.length);
            if (sent.size() >= 4096) sent.subList(0, 2048).clear();
            if (i % 1000 == 0) {
                assertTrue(tcp.connections().size() <= TcpEngine.MAX_CONNECTIONS);
                clock.advance(r.nextInt(3_000_000) * 1000L);
                if (r.nextInt(4) == 0 && !tcp.connections().isEmpty()) {
                    Tcb c = tcp.connections().get(r.nextInt(tcp.connections().size()));
                    if (r.nextBoolean()) c.close();
                    else c.write(new byte[r.nextInt(3000)]);
                }
            }
        }
        assertTrue(tcp.stats().connectionsEstablished > 0, "the fuzz reached ESTABLISHED");
        clock.advance(3600L * 1_000_000_000L);
        assertEquals(List.of(), tcp.connections().stream().filter(c -> c.state() != TcpState.ESTABLISHED
            && c.state() != TcpState.CLOSE_WAIT).toList(), "every closing or half-open TCB timed out");
    }

    /** A segment from the peer that answers one we sent: its ACK and sequence numbers, random flags and data. */
    static byte[] answer(byte[] ours, SplittableRandom r) {
        int t = Ipv4.headerLength(ours, 0);
        int seqLen = Ipv4.totalLength(ours, 0) - t - Tcp.headerLength(ours, t)
            + ((Tcp.flags(ours, t) & (Tcp.FLAG_SYN | Tcp.FLAG_FIN)) != 0 ? 1 : 0);
        int flags = switch (r.nextInt(6)) {
            case 0 -> Tcp.FLAG_ACK;
            case 1 -> Tcp.FLAG_ACK | Tcp.FLAG_FIN;
            case 2 -> Tcp.FLAG_RST;
            case 3 -> Tcp.FLAG_SYN | Tcp.FLAG_ACK;
            case 4 -> Tcp.FLAG_ACK | Tcp.FLAG_PSH;
            default -> r.nextInt(64);
        };
        int ack = Tcp.sequence(ours, t) + seqLen + (r.nextInt(4) == 0 ? r.nextInt(9) - 4 : 0);
        int seq = Tcp.acknowledgment(ours, t) + (r.nextInt(4) == 0 ? r.nextInt(9000) - 4500 : 0);
        return segment(r, Ipv4.destination(ours, 0), Tcp.destinationPort(ours, t), seq, ack, flags,
            r.nextInt(3) == 0 ? r.nextInt(1500) : 0, Tcp.sourcePort(ours, t));
    }

    static byte[] segment(SplittableRandom r, int src, int dstPort, int seq, int ack, int flags, int dataLen) {
        return segment(r, src, 1024 + r.nextInt(4), seq, ack, flags, dataLen, dstPort);
    }

    static byte[] segment(SplittableRandom r, int src, int srcPort, int seq, int ack, int flags, int dataLen, int dstPort) {
        boolean mss = (flags & Tcp.FLAG_SYN) != 0 && r.nextBoolean();
        int thl = Tcp.headerLength(mss);
        byte[] p = new byte[20 + thl + dataLen];
        for (int i = 20 + thl; i < p.length; i++) p[i] = (byte) r.nextInt();
        Tcp.writeHeader(p, 20, thl + dataLen, src, US, srcPort, dstPort, seq, ack, flags,
            r.nextInt(8) == 0 ? 0 : r.nextInt(65536), mss ? 1 + r.nextInt(2000) : 0);
        Ipv4.writeHeader(p, 0, 0, p.length, 1, 0, 64, Ipv4.PROTO_TCP, src, US);
        return p;
    }
}
