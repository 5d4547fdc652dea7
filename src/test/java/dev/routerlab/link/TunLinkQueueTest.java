package dev.routerlab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import dev.routerlab.TestRouter;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** The TUN input queue without a TUN device: the reader's side is called directly, the router is stalled. */
class TunLinkQueueTest {
    /** An IPv4 header as the reader queues it, with room around it. */
    private static void offer(TunLink t) {
        byte[] p = new byte[TunLink.HEADROOM + 20 + TunLink.TAILROOM];
        System.arraycopy(ipv4(), 0, p, TunLink.HEADROOM, 20);
        t.offer(p, 20);
    }

    private static byte[] ipv4() {
        byte[] p = new byte[20];
        p[0] = 0x45;
        p[3] = 20;
        p[8] = 64;
        p[9] = 17;
        p[12] = 10; p[15] = 1;
        p[16] = 10; p[19] = 2;
        return p;
    }

    /** Counts what is posted to a scheduler that nobody runs (a stalled router). */
    private static final class Stalled implements Scheduler {
        final VirtualScheduler inner = new VirtualScheduler(0);
        final AtomicInteger posted = new AtomicInteger();

        @Override public long nanos() { return inner.nanos(); }
        @Override public long epochMillis() { return inner.epochMillis(); }
        @Override public Timer schedule(long delayNanos, Runnable task) { return inner.schedule(delayNanos, task); }
        @Override public void execute(Runnable task) {
            posted.incrementAndGet();
            inner.execute(task);
        }
    }

    @Test
    void aStalledRouterHoldsSeventyFivePacketsAndCountsTheRest() {
        Stalled s = new Stalled();
        TunLink t = new TunLink(null, s::execute);
        AtomicInteger delivered = new AtomicInteger();
        long[] drops = new long[1];
        t.attachForTest(new LinkReceiver() {
            @Override public void receive(byte[] d, int off, int len) { delivered.incrementAndGet(); }
            @Override public void carrier(boolean up) { }
            @Override public void inputQueueDrops(long n) { drops[0] += n; }
        });
        for (int i = 0; i < 100_000; i++) offer(t);
        assertEquals(75, t.inputQueueSize());
        assertEquals(100_000 - 75, t.inputQueueDrops());
        assertEquals(1, s.posted.get(), "one drain task, not one task per packet");
        s.inner.runDue();
        assertEquals(75, delivered.get());
        assertEquals(100_000 - 75, drops[0]);
        assertEquals(0, t.inputQueueSize());
        // flowing again: every packet gets through
        for (int i = 0; i < 10; i++) {
            offer(t);
            s.inner.runDue();
        }
        assertEquals(85, delivered.get());
    }

    @Test
    void showInterfacesReportsTheQueueAndItsDrops() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "interface GigabitEthernet0/1", "ip address 10.0.0.1 255.255.255.0", "no shutdown", "end");
        TunLink t = new TunLink(null, r.clock::execute);
        t.attachForTest(r.router.bind(InterfaceName.parse("GigabitEthernet0/1"), t));
        for (int i = 0; i < 1000; i++) offer(t);
        String busy = r.exec("show interfaces GigabitEthernet0/1");
        assertTrue(busy.contains("  Input queue: 75/75/0/0 (size/max/drops/flushes)"), busy);
        String after = r.exec("show interfaces GigabitEthernet0/1");
        assertTrue(after.contains("  Input queue: 0/75/925/0 (size/max/drops/flushes)"), after);
    }
}
