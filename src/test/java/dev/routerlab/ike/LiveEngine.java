package dev.routerlab.ike;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.sim.WallScheduler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An {@link IkeEngine} on wall time with real UDP sockets on ports 500 and 4500 of one address:
 * what a router does around the engine, minus the IPv4 stack. ESP arriving on 4500 is queued
 * for the test; everything else goes to the engine on its event loop.
 */
final class LiveEngine implements AutoCloseable {
    final int local;
    final WallScheduler loop = new WallScheduler("ike-live");
    final IkeEngine engine;
    final BlockingQueue<ChildSa> up = new LinkedBlockingQueue<>();
    final BlockingQueue<ChildSa> down = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> dead = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> esp = new LinkedBlockingQueue<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final DatagramSocket s500;
    private final DatagramSocket s4500;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean closed;

    LiveEngine(int local, IkeConfig config) throws IOException {
        this.local = local;
        s500 = bind(local, 500);
        s4500 = bind(local, 4500);
        engine = new IkeEngine(config, loop, new SecureRandom(), new IkeListener() {
            @Override
            public void send(Datagram d) {
                DatagramSocket s = d.sourcePort() == 4500 ? s4500 : s500;
                try {
                    s.send(new DatagramPacket(d.payload(), d.payload().length,
                            new InetSocketAddress(Ipv4Address.toInetAddress(d.destination()), d.destinationPort())));
                } catch (IOException e) {
                    log.add("send failed: " + e);
                }
            }

            @Override
            public void childSaEstablished(ChildSa sa) { up.add(sa); }

            @Override
            public void childSaDeleted(ChildSa sa, String reason) { down.add(sa); }

            @Override
            public void peerDead(int peer, int port) { dead.add(peer); }

            @Override
            public void negotiationFailed(int peer, String reason) { log.add("FAILED: " + reason); }

            @Override
            public void debug(String line) { log.add(line); }
        });
        readers.add(reader(s500, 500));
        readers.add(reader(s4500, 4500));
    }

    private static DatagramSocket bind(int addr, int port) throws SocketException {
        DatagramSocket s = new DatagramSocket(null);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(Ipv4Address.toInetAddress(addr), port));
        return s;
    }

    private Thread reader(DatagramSocket s, int port) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (!closed) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (IOException e) {
                    return;
                }
                byte[] data = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
                int src = Ipv4Address.fromInetAddress((java.net.Inet4Address) p.getAddress());
                if (port == 4500 && UdpEncapsulation.classify(data, 0, data.length) == UdpEncapsulation.Kind.ESP) {
                    esp.add(data);
                    continue;
                }
                Datagram d = new Datagram(src, p.getPort(), local, port, data);
                loop.execute(() -> engine.receive(d));
            }
        }, "udp-" + port);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs on the engine's loop and waits for the answer. */
    <T> T call(Function<IkeEngine, T> f) {
        CompletableFuture<T> r = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                r.complete(f.apply(engine));
            } catch (RuntimeException e) {
                r.completeExceptionally(e);
            }
        });
        try {
            return r.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends ESP (already encrypted) in UDP from 4500 to the SA's peer (RFC 3948). */
    void sendEsp(ChildSa sa, byte[] packet) throws IOException {
        s4500.send(new DatagramPacket(packet, packet.length,
                new InetSocketAddress(Ipv4Address.toInetAddress(sa.peerAddress()), sa.peerPort())));
    }

    String logText() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() {
        closed = true;
        s500.close();
        s4500.close();
        for (Thread t : readers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.close();
    }
}
