package dev.routerlab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/** Two routers' TCP engines over a lab wire in virtual time: handshake, data, close, RST, loss, timeout. */
class TcpEngineTest {
    static final int A = Ipv4Address.parse("10.0.12.1"), B = Ipv4Address.parse("10.0.12.2");

    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2");

    void wire(WireOptions o) {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", o);
        r1.config("interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown");
        r2.config("interface GigabitEthernet0/0", "ip address 10.0.12.2 255.255.255.0", "no shutdown");
        net.run(2);
        r1.exec("ping 10.0.12.2 repeat 1");    // ARP both ways
    }

    /** An application end that records what happens. */
    static class Recorder implements TcpHandler {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        Reason closed;
        boolean echo;

        @Override public void connected(Tcb c) { events.add("connected"); }

        @Override
        public void received(Tcb c, byte[] d) {
            data.writeBytes(d);
            if (echo) c.write(d);
        }

        @Override
        public void remoteClosed(Tcb c) {
            events.add("remoteClosed");
            c.close();
        }

        @Override public void closed(Tcb c, Reason why) { closed = why; }
    }

    /** Writes all of data, waiting for room as the window opens. */
    static void writeAll(Tcb c, byte[] data, Recorder r, int[] pos) {
        pos[0] += c.write(data, pos[0], data.length - pos[0]);
    }

    @Test
    void handshakeDataBothWaysAndAnOrderlyClose() {
        wire(WireOptions.DEFAULT.withDelay(5_000_000));
        Recorder server = new Recorder();
        server.echo = true;
        List<Tcb> accepted = new ArrayList<>();
        r2.router.tcp().listen(7, c -> {
            accepted.add(c);
            return server;
        });
        Recorder client = new Recorder();
        Tcb c = r1.router.tcp().connect(0, B, 7, client);
        assertNotNull(c);
        assertEquals(TcpState.SYN_SENT, c.state());
        net.run(1);
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(List.of("connected"), client.events);
        assertEquals(1, accepted.size());
        assertEquals(A, accepted.get(0).remoteAddress());
        String brief = r2.exec("show tcp brief all");
        assertTrue(java.util.regex.Pattern.compile("TCB       Local Address               Foreign Address             \\(state\\)\n"
            + "[0-9A-F]{8}  10\\.0\\.12\\.2\\.7 {17}10\\.0\\.12\\.1\\.\\d{5} {13}ESTAB\n"
            + "[0-9A-F]{8}  0\\.0\\.0\\.0\\.7 {19}\\*\\.\\* {25}LISTEN\n").matcher(brief).matches(), brief);
        // 40 KB: more than the send buffer and many windows; the echo comes back whole
        byte[] payload = new byte[40_000];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 31 + 7);
        int[] pos = {0};
        TcpHandler.Reason[] none = {null};
        client.events.clear();
        Recorder writer = new Recorder() {
            @Override public void received(Tcb t, byte[] d) { client.received(t, d); }

            @Override public void writable(Tcb t) { writeAll(t, payload, client, pos); }

            @Override public void closed(Tcb t, Reason why) { none[0] = why; }
        };
        c.handler(writer);
        writeAll(c, payload, client, pos);
        assertTrue(pos[0] < payload.length, "the send buffer is bounded");
        net.run(20);
        assertEquals(payload.length, pos[0]);
        assertArrayEquals(payload, server.data.toByteArray());
        assertArrayEquals(payload, client.data.toByteArray());
        c.close();
        net.run(1);
        assertEquals(TcpState.TIME_WAIT, c.state());
        assertEquals(TcpHandler.Reason.CLOSED, none[0]);
        assertEquals(TcpHandler.Reason.CLOSED, server.closed);
        assertEquals(List.of(), r2.router.tcp().connections(), "the passive side deleted its TCB on the last ACK");
        net.run(61);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(List.of(), r1.router.tcp().connections());
        assertEquals(0, r1.router.tcp().stats().retransmitted);
        String st = r2.exec("show tcp statistics");
        assertTrue(st.startsWith("Rcvd: "), st);
        assertTrue(st.contains("      " + r2.router.tcp().stats().inSequenceSegments + " packets (40000 bytes) in sequence\n"), st);
        assertTrue(st.contains("0 Connections initiated, 1 connections accepted, 1 connections established\n"), st);
    }

    @Test
    void aClosedPortAnswersWithRstAndTheClientHearsRefused() {
        wire(WireOptions.DEFAULT);
        Recorder client = new Recorder();
        Tcb c = r1.router.tcp().connect(0, B, 23, client);
        net.run(1);
        assertEquals(TcpHandler.Reason.REFUSED, client.closed);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(1, r2.router.tcp().stats().noPort);
        assertEquals(1, r2.router.tcp().stats().resetsSent);
        assertEquals(List.of(), r1.router.tcp().connections());
    }

    @Test
    void lossIsRepairedByRetransmission() {
        wire(WireOptions.DEFAULT.withDelay(2_000_000).withLoss(0.15));
        Recorder server = new Recorder();
        r2.router.tcp().listen(80, c -> server);
        byte[] payload = new byte[12_000];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        Recorder client = new Recorder();
        Tcb c = null;
        for (int tries = 0; c == null || c.state() != TcpState.ESTABLISHED; tries++) {
            assertTrue(tries < 5);
            c = r1.router.tcp().connect(0, B, 80, client);
            net.run(40);
        }
        assertEquals(payload.length, c.write(payload));
        c.close();
        net.run(300);
        assertArrayEquals(payload, server.data.toByteArray());
        assertTrue(r1.router.tcp().stats().retransmitted > 0);
        assertTrue(c.retransmitted() > 0);
    }

    @Test
    void anUnansweredSynTimesOutAfterItsRetransmissions() {
        wire(WireOptions.DEFAULT);
        Recorder client = new Recorder();    // nobody has 10.0.12.3: ARP goes unanswered
        Tcb c = r1.router.tcp().connect(0, Ipv4Address.parse("10.0.12.3"), 23, client);
        net.run(29);
        assertEquals(TcpState.SYN_SENT, c.state());
        assertEquals(4, c.retransmitted());
        net.run(3);
        assertEquals(TcpHandler.Reason.TIMED_OUT, client.closed);
        assertNull(r1.router.tcp().connect(0, Ipv4Address.parse("192.0.2.1"), 23, client), "no route: no connection");
    }

    @Test
    void anAcceptorThatRefusesResetsTheConnection() {
        wire(WireOptions.DEFAULT);
        r2.router.tcp().listen(23, c -> null);
        Recorder client = new Recorder();
        r1.router.tcp().connect(0, B, 23, client);
        net.run(1);
        assertEquals(TcpHandler.Reason.RESET, client.closed);
        assertEquals(List.of(), r2.router.tcp().connections());
    }
}
