package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.routerlab.cli.Session;
import dev.routerlab.device.Router;
import dev.routerlab.link.Wire;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live, a router's inbox is its input queue: frames another router's wire hands it while the
 * inbox is full are dropped, and the receiving interface counts them as IOS counts input queue
 * drops (`Input queue: 0/75/N/0` in `show interfaces`), not only the lab's `@` list.
 */
class LabInboxDropsTest {
    @TempDir Path tmp;

    @Test
    void framesAFullInboxRefusesShowAsInputQueueDropsOnTheReceivingInterface() throws Exception {
        Lab.Options o = new Lab.Options();
        o.paced = true;
        o.flashRoot = tmp;
        try (Lab lab = Lab.boot(Topology.load(Path.of("labs/gre-r1-r2-r3")), o)) {
            assertEquals(List.of(), lab.bootErrors());
            Session r1 = lab.console("R1"), r2 = lab.console("R2");
            lab.type(r1, "enable");
            lab.type(r2, "enable");
            lab.type(r1, "ping 10.0.12.2 repeat 2");          // ARP resolved: every datagram below is a frame on the wire
            Router a = lab.router("R1");
            int src = Ipv4Address.parse("10.0.12.1"), dst = Ipv4Address.parse("10.0.12.2");
            byte[] data = new byte[64];
            long before = lab.call("R2", () -> lab.router("R2").ip().get(dev.routerlab.config.InterfaceName.parse("GigabitEthernet0/0")).counters.inputDrops);
            assertEquals(0, before);

            CountDownLatch hold = new CountDownLatch(1), holding = new CountDownLatch(1);
            lab.turn("R2").execute(() -> {                       // R2 busy: its inbox fills
                holding.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            int sent = LabClock.INBOX + 100;
            lab.call("R1", () -> {                                // from R1's turn: a router never waits, it drops
                for (int i = 0; i < sent; i++) a.ip().sendUdp(null, src, dst, 9, 9, data, 0, data.length);
                return null;
            });
            hold.countDown();
            Wire w = lab.wires().stream().filter(x -> x.queueDrops() > 0).findFirst().orElseThrow();
            long dropped = w.queueDrops();
            assertTrue(dropped >= 100 && dropped <= sent, "dropped " + dropped);
            assertTrue(lab.clock().inboxDrops() >= dropped);
            for (int i = 0; i < 3; i++) lab.type(r1, "ping 10.0.12.2 repeat 1");   // the next frames tell R2
            String gi = LabShell.type(lab, r2, "show interfaces GigabitEthernet0/0");
            // R1's own frames (CDP, ARP) may have met the full inbox too after the count above was read
            dropped = w.queueDrops();
            assertTrue(gi.contains("  Input queue: 0/75/" + dropped + "/0 (size/max/drops/flushes); Total output drops: 0\n"), gi);
        }
    }
}
